//! Money and dates through the browser's `Intl`, never a hand-written formatter.
//!
//! Making an `Intl` formatter costs far more than using one (locale data is
//! looked up each time), so each is made once per language and currency and
//! kept for the page's life: a first screen shows five amounts and a date.

use std::cell::RefCell;

use js_sys::{Array, Date, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::checkout::money::{cents_to_wire, Currency};
use crate::i18n::Lang;

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object
}

fn locales(lang: Lang) -> Array {
    Array::of1(&JsValue::from_str(lang.tag()))
}

thread_local! {
    static MONEY_FORMATS: RefCell<Vec<((Lang, Currency), Intl::NumberFormat)>> = const { RefCell::new(Vec::new()) };
    static DATETIME_FORMATS: RefCell<Vec<(Lang, Intl::DateTimeFormat)>> = const { RefCell::new(Vec::new()) };
}

/// The formatter kept for `key` in `cache`, made by `make` the first time.
fn cached<K: PartialEq + Copy, F: Clone>(
    cache: &'static std::thread::LocalKey<RefCell<Vec<(K, F)>>>,
    key: K,
    make: impl FnOnce() -> F,
) -> F {
    cache.with(|cache| {
        if let Some((_, format)) = cache.borrow().iter().find(|(k, _)| *k == key) {
            return format.clone();
        }
        let format = make();
        cache.borrow_mut().push((key, format.clone()));
        format
    })
}

fn money_format(currency: Currency, lang: Lang) -> Intl::NumberFormat {
    cached(&MONEY_FORMATS, (lang, currency), || {
        let digits = JsValue::from_f64(f64::from(currency.display_fraction_digits()));
        Intl::NumberFormat::new(
            &locales(lang),
            &options(&[
                ("style", "currency".into()),
                ("currency", currency.code().into()),
                ("minimumFractionDigits", digits.clone()),
                ("maximumFractionDigits", digits),
            ]),
        )
    })
}

/// "$ 50.000" (es-CO, COP), "R$ 1.234,12" (pt-BR, BRL), "$50,000.00" (en-US, USD).
pub fn format_money(cents: i64, currency: Currency, lang: Lang) -> String {
    // Intl formats a decimal string exactly: the amount never becomes a float.
    let text = JsValue::from_str(&cents_to_wire(cents));
    money_format(currency, lang)
        .format()
        .call1(&JsValue::UNDEFINED, &text)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| format!("{} {}", currency.code(), cents_to_wire(cents)))
}

/// A date and time in the payer's language, or the raw text when unreadable.
pub fn format_datetime(iso: &str, lang: Lang) -> String {
    let date = Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let format = cached(&DATETIME_FORMATS, lang, || {
        Intl::DateTimeFormat::new(
            &locales(lang),
            &options(&[("dateStyle", "long".into()), ("timeStyle", "short".into())]),
        )
    });
    format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| iso.to_owned())
}
