//! Leptos components: each renders part of a `Checkout` and turns what the
//! payer does into events.
mod after_pay;
mod app;
mod code;
mod copy;
mod form;
pub mod gallery;
mod handoff;
mod outcome;
mod pay;
mod review;
mod shell;
mod summary;
mod waiting;

pub use app::{start, App, CheckoutView};
pub use shell::Shell;
pub use summary::LinkSummary;

use leptos::prelude::*;

use crate::checkout::money::Currency;
use crate::checkout::state::{Checkout, Payable};
use crate::i18n::{Key, Lang};
use crate::web::intl::format_money;

/// The payer's language, shared by every component.
#[derive(Clone, Copy)]
pub struct LangContext(pub RwSignal<Lang>);

pub fn use_lang() -> RwSignal<Lang> {
    use_context::<LangContext>()
        .map(|c| c.0)
        .unwrap_or_else(|| RwSignal::new(Lang::Es))
}

/// A reactive text in the current language.
pub fn tr(key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().text(key)
}

/// A reactive text with `{name}` placeholders filled in.
pub fn tr_with(
    key: Key,
    fill: impl Fn(Lang) -> Vec<(&'static str, String)> + Send + Sync + 'static,
) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        fill(lang)
            .into_iter()
            .fold(lang.text(key).to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), &value)
            })
    }
}

/// Money in the current language, reactive.
pub fn money(cents: i64, currency: Currency) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || format_money(cents, currency, lang.get())
}

/// Reads the payable part of the state (while paying or submitting).
pub fn with_payable<T>(state: RwSignal<Checkout>, read: impl FnOnce(&Payable) -> T) -> Option<T> {
    state.with(|s| s.payable().map(read))
}

/// Marks the checkout as being built, or not: set on the element, not
/// through a signal, which would cost the bundle more than this does.
pub fn mark_busy(busy: bool) {
    let checkout = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main.paylink").ok().flatten());
    if let Some(checkout) = checkout {
        let _ = if busy {
            checkout.set_attribute("aria-busy", "true")
        } else {
            checkout.remove_attribute("aria-busy")
        };
    }
}
