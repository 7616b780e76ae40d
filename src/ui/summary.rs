//! Who asks for how much and why: merchant, description, amount, fee, IVA, total, expiry.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::{tr, use_lang};
use crate::checkout::link::{Merchant, PaymentLink};
use crate::checkout::money::{Breakdown, Currency};
use crate::i18n::Key;
use crate::web::config::logo_src;
use crate::web::intl::{format_datetime, format_money};

#[component]
pub fn LinkSummary(link: PaymentLink) -> impl IntoView {
    let lang = use_lang();
    let currency = link.currency;
    let expires_at = link.expires_at.clone();
    view! {
        <section class="summary" aria-labelledby="summary-description">
            {merchant_line(&link.merchant)}
            <h1 id="summary-description" class="summary__description" data-testid="description" tabindex="-1">
                {link.description.clone()}
            </h1>
            {link.fixed_breakdown().map(|b| view! { <BreakdownLines breakdown=b currency=currency/> })}
            {expires_at.map(|iso| {
                let shown = iso.clone();
                view! {
                    <p class="summary__expiry">
                        {tr(Key::ExpiresAt)} " "
                        <time datetime=iso data-testid="expires-at">
                            {move || format_datetime(&shown, lang.get())}
                        </time>
                    </p>
                }
            })}
        </section>
    }
}

/// Who asks: the merchant's logo in a box of fixed size (its initial until,
/// or unless, the image loads: a slow or broken logo moves nothing), then
/// the name. The logo is decorative beside the name, sent no referrer.
pub fn merchant_line(merchant: &Merchant) -> impl IntoView {
    let logo = logo_src(merchant).map(|src| {
        view! {
            <span class="summary__logo" aria-hidden="true">
                {merchant.initial()}
                // A logo that fails goes: the initial beneath it stays.
                <img src=src alt="" referrerpolicy="no-referrer" on:error=|ev| {
                    if let Some(img) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        let _ = img.set_attribute("hidden", "");
                    }
                }/>
            </span>
        }
    });
    view! {
        <p class="summary__merchant">
            {logo}
            <span>
                <span class="summary__label">{tr(Key::PaymentTo)}</span>
                " "
                // Isolated: right-to-left text in the name cannot reorder the words around it.
                <strong data-testid="merchant"><bdi>{merchant.name.clone()}</bdi></strong>
            </span>
        </p>
    }
}

/// The amount lines; fee and IVA appear only when there are any.
#[component]
pub fn BreakdownLines(breakdown: Breakdown, currency: Currency) -> impl IntoView {
    let lang = use_lang();
    let money = move |cents: i64| move || format_money(cents, currency, lang.get());
    let line = move |key: Key, cents: i64, testid: &'static str| {
        view! {
            <div class="summary__line">
                <dt>{tr(key)}</dt>
                <dd data-testid=testid>{money(cents)}</dd>
            </div>
        }
    };
    view! {
        <dl class="summary__lines">
            {line(Key::Amount, breakdown.amount, "amount")}
            {(breakdown.fee != 0).then(|| line(Key::Fee, breakdown.fee, "fee"))}
            {(breakdown.iva != 0).then(|| line(Key::Iva, breakdown.iva, "iva"))}
            <div class="summary__line summary__line--total">
                <dt>{tr(Key::Total)}</dt>
                <dd data-testid="total">{money(breakdown.total)}</dd>
            </div>
        </dl>
    }
}
