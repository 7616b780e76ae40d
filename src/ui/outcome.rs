//! Screens that end the checkout or stop it: paid, expired, cancelled, not found, failures.

use leptos::prelude::*;

use super::{tr, use_lang};
use crate::checkout::link::{LinkStatus, PaymentLink};
use crate::i18n::Key;
use crate::web::intl::{format_datetime, format_money};

/// A titled message with an optional action; the title takes focus so screen
/// readers announce the new screen.
#[component]
pub fn Notice(
    title: Key,
    body: Key,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <section class="notice">
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">{tr(title)}</h1>
            <p class="notice__body">{tr(body)}</p>
            {children.map(|c| c())}
        </section>
    }
}

#[component]
pub fn PaidReceipt(link: PaymentLink) -> impl IntoView {
    let lang = use_lang();
    let LinkStatus::Paid { paid_at, paid_amount } = link.status.clone() else {
        return ().into_any();
    };
    let currency = link.currency;
    view! {
        <section class="notice notice--paid">
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">{tr(Key::PaidTitle)}</h1>
            <dl class="summary__lines">
                {paid_amount.map(|cents| view! {
                    <div class="summary__line">
                        <dt>{tr(Key::PaidAmount)}</dt>
                        <dd data-testid="paid-amount">{move || format_money(cents, currency, lang.get())}</dd>
                    </div>
                })}
                {paid_at.map(|iso| {
                    let shown = iso.clone();
                    view! {
                        <div class="summary__line">
                            <dt>{tr(Key::PaidAt)}</dt>
                            <dd><time datetime=iso data-testid="paid-at">{move || format_datetime(&shown, lang.get())}</time></dd>
                        </div>
                    }
                })}
            </dl>
        </section>
    }
    .into_any()
}
