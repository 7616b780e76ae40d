//! The review of an Open Finance payment (Pix) before the payer is sent to
//! their institution: amount, beneficiary, institution and date, who
//! initiates it, and the payer's confirmation or a way back to the form.
//! Once confirmed, the locked pay form shows the payment being sent.
//! Values are written in the language the review opened in; its labels
//! follow the language switch.

use leptos::prelude::*;

use super::outcome::{receipt_line, Notice};
use super::shell::use_shell;
use super::{tr, use_lang};
use crate::checkout::review::review;
use crate::checkout::state::Event;
use crate::i18n::Key;
use crate::web::intl::{format_datetime, format_money};

#[component]
pub fn ReviewScreen() -> impl IntoView {
    let shell = use_shell();
    let lang = use_lang().get_untracked();
    let Some(shown) = shell.state.with_untracked(review) else {
        return ().into_any();
    };
    // The payment is initiated now: today is its date.
    let now = js_sys::Date::new(&js_sys::Date::now().into());
    let today = format_datetime(&String::from(now.to_iso_string()), lang);
    let total = shown.total.map(|c| format_money(c, shown.currency, lang));
    view! {
        <Notice title=Key::ReviewTitle body=Key::ReviewInitiator>
            <dl class="summary__lines">
                {receipt_line(Key::Total, "review-amount", total)}
                {receipt_line(Key::PaymentTo, "review-beneficiary", Some(shown.beneficiary))}
                {receipt_line(Key::FieldInstitution, "review-institution", shown.institution)}
                {receipt_line(Key::PaidAt, "review-date", Some(today))}
            </dl>
            <div class="notice__actions">
                <button type="button" class="button button--primary button--block"
                    on:click=move |_| shell.dispatch(Event::ConfirmPayment)>
                    {tr(Key::ContinueToBank)}
                </button>
                <button type="button" class="button button--block"
                    on:click=move |_| shell.dispatch(Event::BackToForm)>
                    {tr(Key::ReviewChange)}
                </button>
            </div>
        </Notice>
    }
    .into_any()
}
