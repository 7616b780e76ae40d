//! Screens that end the checkout: the receipt, a failed payment, a paid,
//! expired, cancelled or unknown link.

use leptos::prelude::*;

use super::shell::use_shell;
use super::{money, tr, use_lang};
use crate::checkout::link::LinkStatus;
use crate::checkout::state::{Checkout, Event, Paying, Phase};
use crate::i18n::labels::{failure_body, failure_title, method_name};
use crate::i18n::Key;
use crate::web::intl::format_datetime;

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
fn receipt_line(
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

#[component]
pub fn ReceiptScreen() -> impl IntoView {
    let shell = use_shell();
    let lang = use_lang();
    let Some((link, report)) = shell.state.with_untracked(|s| match s {
        Checkout::Paid { link, report } => Some((link.clone(), report.clone())),
        _ => None,
    }) else {
        return ().into_any();
    };
    let currency = link.currency;
    let total = report.total.or(link.fixed_breakdown().map(|b| b.total));
    let returns = link.success_url().is_some();
    let when = report.updated_at.clone();
    view! {
        <section class="notice notice--paid">
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">{tr(Key::PaymentApprovedTitle)}</h1>
            <dl class="summary__lines receipt">
                {receipt_line(Key::PaidAmount, "receipt-amount", total.map(|c| money(c, currency)))}
                {receipt_line(Key::PaymentMethod, "receipt-method", report.method.map(|m| tr(method_name(m))))}
                {receipt_line(Key::Reference, "receipt-reference", Some(report.reference.clone()))}
                {receipt_line(Key::PaidAt, "receipt-date", when.map(|iso| move || format_datetime(&iso, lang.get())))}
            </dl>
            {returns.then(|| view! {
                <p class="notice__hint">{tr(Key::ReturningToMerchant)}</p>
                <button type="button" class="button button--primary button--block" data-testid="return-now"
                    on:click=move |_| shell.dispatch(Event::ReturnToMerchant)>
                    {tr(Key::ReturnNow)}
                </button>
            })}
        </section>
    }
    .into_any()
}

#[component]
pub fn LinkPaidScreen() -> impl IntoView {
    let shell = use_shell();
    let lang = use_lang();
    let Some(link) = shell.state.with_untracked(|s| s.link().cloned()) else {
        return ().into_any();
    };
    let LinkStatus::Paid {
        paid_at,
        paid_amount,
    } = link.status.clone()
    else {
        return ().into_any();
    };
    let currency = link.currency;
    view! {
        <section class="notice notice--paid">
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">{tr(Key::PaidTitle)}</h1>
            <dl class="summary__lines">
                {receipt_line(Key::PaidAmount, "paid-amount", paid_amount.map(|c| money(c, currency)))}
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

/// Declined, abandoned, expired or failed: nothing was charged; try again or go back.
#[component]
pub fn FailedScreen() -> impl IntoView {
    let shell = use_shell();
    let Some((status, method, can_return)) = shell.state.with_untracked(|s| match s {
        Checkout::Paying(Paying {
            payable,
            phase: Phase::Failed { report },
        }) => Some((
            report.status.clone(),
            report.method.or(payable.method),
            payable.link.cancel_url().is_some(),
        )),
        _ => None,
    }) else {
        return ().into_any();
    };
    view! {
        <section class="notice notice--failed">
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">{tr(failure_title(&status))}</h1>
            <p class="notice__body">{tr(failure_body(&status, method))}</p>
            <div class="notice__actions">
                {status.invites_new_attempt().then(|| view! {
                    <button type="button" class="button button--primary" data-testid="try-again"
                        on:click=move |_| shell.dispatch(Event::NewAttempt)>
                        {tr(Key::TryAgain)}
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
