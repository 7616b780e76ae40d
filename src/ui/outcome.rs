//! Screens that end the checkout: the receipt, a failed payment, a paid,
//! expired, cancelled or unknown link.

use leptos::prelude::*;

use super::copy::{copied_status, copy_button};
use super::shell::use_shell;
use super::summary::merchant_line;
use super::{tr, use_lang};
use crate::checkout::receipt::{Receipt, Value};
use crate::checkout::state::{Checkout, Event, Paying, Phase};
use crate::i18n::labels::{failure_body, failure_title};
use crate::i18n::Key;
use crate::web::intl::{format_datetime, format_money};
use crate::web::navigate::fresh_key;

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

/// One line of a receipt; nothing when the value is unknown.
pub(super) fn receipt_line(
    label: Key,
    testid: &'static str,
    value: Option<impl IntoView + 'static>,
) -> impl IntoView {
    value.map(|value| {
        view! {
            <div class="summary__line">
                <dt>{tr(label)}</dt>
                <dd data-testid=testid>{value}</dd>
            </div>
        }
    })
}

/// The receipt of a payment just approved, or of a link opened again that
/// is paid: whom, for what, how much, how, the reference and when, from
/// `checkout::receipt` (never payer data), to copy, print or save as PDF.
#[component]
pub fn ReceiptScreen() -> impl IntoView {
    let shell = use_shell();
    let lang = use_lang();
    let Some((receipt, link, just_paid, returns)) = shell.state.with_untracked(|s| {
        let link = s.link()?.clone();
        let just_paid = matches!(s, Checkout::Paid { .. });
        Some((Receipt::of(s)?, link, just_paid, s.returns_to_merchant()))
    }) else {
        return ().into_any();
    };
    let currency = receipt.currency;
    let copied = RwSignal::new(false);
    let copy = receipt.reference.clone().and_then(|reference| {
        copy_button(
            reference,
            Key::CopyReference,
            "button",
            copied,
            Some(Event::KeepReceipt),
        )
    });
    view! {
        <section class="notice notice--paid receipt">
            {merchant_line(&link.merchant)}
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">
                {tr(if just_paid { Key::PaymentApprovedTitle } else { Key::PaidTitle })}
            </h1>
            <dl class="summary__lines">
                {receipt.lines().into_iter().map(|line| {
                    let value = line.value;
                    view! {
                        <div class="summary__line" class:summary__line--total=line.total>
                            <dt>{tr(line.label)}</dt>
                            <dd data-testid=line.name>{move || match &value {
                                Value::Money(cents) => format_money(*cents, currency, lang.get()),
                                Value::Text(key) => lang.get().text(*key).to_owned(),
                                Value::Given(text) => text.clone(),
                                Value::Date(iso) => format_datetime(iso, lang.get()),
                            }}</dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <div class="notice__actions receipt__actions">
                {copy}
                <button type="button" class="button" on:click=move |_| {
                    shell.dispatch(Event::KeepReceipt);
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                }>
                    {tr(Key::PrintReceipt)}
                </button>
            </div>
            {copied_status(copied, Key::ReferenceCopied)}
            {returns.then(|| view! {
                {move || shell.state.with(Checkout::returns_automatically).then(|| view! {
                    <p class="notice__hint">{tr(Key::ReturningToMerchant)}</p>
                })}
                <button type="button" class="button button--primary button--block" data-testid="return-now"
                    on:click=move |_| shell.dispatch(Event::ReturnToMerchant)>
                    {tr(Key::ReturnNow)}
                </button>
            })}
        </section>
    }
    .into_any()
}

/// Declined, abandoned, expired or failed: nothing was charged; try again or go back.
#[component]
pub fn FailedScreen() -> impl IntoView {
    let shell = use_shell();
    let Some((status, method, can_return, new_code)) = shell.state.with_untracked(|s| match s {
        Checkout::Paying(Paying {
            payable,
            phase: Phase::Failed { report },
        }) => Some((
            report.status.clone(),
            report.method.or(payable.method),
            payable.link.cancel_url().is_some(),
            s.offers_new_code(),
        )),
        _ => None,
    }) else {
        return ().into_any();
    };

    view! {
        <section class="notice notice--failed">
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">{tr(failure_title(&status, method))}</h1>
            <p class="notice__body">{tr(failure_body(&status, method))}</p>
            <div class="notice__actions">
                {status.invites_new_attempt().then(|| view! {
                    <button type="button" class="button button--primary" data-testid="try-again"
                        on:click=move |_| shell.dispatch(if new_code {
                            // A code that ended unpaid is renewed at once.
                            Event::Submit { fresh_key: fresh_key() }
                        } else {
                            Event::NewAttempt
                        })>
                        {tr(if new_code { Key::GetNewCode } else { Key::TryAgain })}
                    </button>
                })}
                {can_return.then(|| view! {
                    <button type="button" class="button" data-testid="back-to-merchant"
                        on:click=move |_| shell.dispatch(Event::ReturnToMerchant)>
                        {tr(Key::BackToMerchant)}
                    </button>
                })}
            </div>
        </section>
    }
    .into_any()
}
