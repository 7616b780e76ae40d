//! The payable screen: the summary, the payer's amount (general links), the
//! method choice and the method's form with its Pay button.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::form::FieldRow;
use super::handoff::PhoneHandoff;
use super::shell::use_shell;
use super::summary::{BreakdownLines, LinkSummary};
use super::{mark_busy, money, tr, tr_with, use_lang, with_payable};
use crate::checkout::fields::{amount_field, schema, typed_breakdown, FieldId, FormContext};
use crate::checkout::link::{AmountRule, Customer, Method, PaymentLink};
use crate::checkout::methods::spec;
use crate::checkout::state::{Checkout, Event};
use crate::i18n::labels::{method_hint, method_name, pay_notice_message, submit_error_message};
use crate::i18n::Key;
use crate::web::navigate::fresh_key;
use crate::web::schedule::after_next_paint;

#[component]
pub fn PayScreen() -> impl IntoView {
    let shell = use_shell();
    let Some(link) = shell.state.with_untracked(|s| s.link().cloned()) else {
        return ().into_any();
    };
    let open_amount = matches!(link.amount, AmountRule::PayerChooses(_));
    // The summary is painted first and the controls a frame later: two short
    // tasks instead of one long one while the page starts on a slow phone.
    let controls_shown = RwSignal::new(false);
    // Until then the checkout is `aria-busy`, so assistive technology (and
    // tests) read the screen whole.
    on_cleanup(|| mark_busy(false));
    spawn_local(async move {
        mark_busy(true);
        after_next_paint().await;
        controls_shown.try_set(true);
        mark_busy(false);
    });
    let notice = shell.state.with_untracked(|s| match s {
        Checkout::Payable(p) => p.notice.map(pay_notice_message),
        _ => None,
    });
    let summary = view! {
        {notice.map(|key| view! { <p class="pay-notice" role="status" data-testid="pay-notice">{tr(key)}</p> })}
        <LinkSummary link=link.clone()/>
        {link.customer.clone().map(|customer| view! { <PayingAs customer=customer methods=link.methods.clone()/> })}
    };
    let controls = move || {
        controls_shown.get().then(|| {
            let link = link.clone();
            view! {
                {open_amount.then(|| view! { <AmountEntry link=link.clone()/> })}
                <MethodChoice link=link.clone()/>
                <PayForm link=link/>
                <PhoneHandoff/>
            }
        })
    };
    view! { {summary} {controls} }.into_any()
}

/// The payer the provider already knows: who pays, and for PSE what happens
/// to a payer not yet registered there (seed 000).
#[component]
fn PayingAs(customer: Customer, methods: Vec<Method>) -> impl IntoView {
    let document = match (customer.document_type, &customer.document) {
        (Some(kind), Some(number)) => Some(format!("{} {number}", kind.code())),
        _ => None,
    };
    let details: Vec<String> = [document, customer.email.clone()]
        .into_iter()
        .flatten()
        .collect();
    view! {
        <section class="paying-as" data-testid="paying-as">
            <p class="paying-as__who">
                <span class="summary__label">{tr(Key::PayingAs)}</span> " "
                <strong data-testid="customer-name">{customer.name.clone()}</strong>
            </p>
            <p class="paying-as__details">{details.join(" · ")}</p>
            {methods.iter().find_map(|&m| spec(m).known_payer_note).map(|note| view! {
                <p class="paying-as__note" data-testid="pse-registration-note">{tr(note)}</p>
            })}
        </section>
    }
}

/// A general link: the payer types the amount; fee, IVA and total follow as
/// soon as it is valid. Before anything is typed, the field says the
/// currency and the bounds.
#[component]
fn AmountEntry(link: PaymentLink) -> impl IntoView {
    let shell = use_shell();
    let currency = link.currency;
    let field = amount_field(&link);
    // The amount sits above the method choice: its label is every method's.
    let method = link.methods[0];
    let range = match link.amount {
        AmountRule::PayerChooses(open) => Some(open),
        AmountRule::Fixed(_) => None,
    };
    let breakdown = Memo::new(move |_| {
        with_payable(shell.state, |p| typed_breakdown(&p.link, &p.form)).flatten()
    });
    view! {
        <section class="amount-entry">
            <FieldRow spec=field method=method currency=currency range=range/>
            {move || breakdown.get().map(|b| view! { <BreakdownLines breakdown=b currency=currency/> })}
        </section>
    }
}

#[component]
fn MethodChoice(link: PaymentLink) -> impl IntoView {
    let shell = use_shell();
    let chosen = Memo::new(move |_| with_payable(shell.state, |p| p.method).flatten());
    let locked = Memo::new(move |_| shell.state.with(|s| s.is_submitting()));
    if link.methods.len() < 2 {
        return ().into_any();
    }
    view! {
        <fieldset class="methods">
            <legend class="methods__title">{tr(Key::ChooseMethod)}</legend>
            {link.methods.iter().map(|&method| view! {
                <label class="method" class:method--chosen=move || chosen.get() == Some(method)
                    data-method=spec(method).code>
                    <input type="radio" name="method" class="method__radio" value=spec(method).code
                        prop:checked=move || chosen.get() == Some(method)
                        disabled=move || locked.get()
                        on:change=move |_| shell.dispatch(Event::MethodChosen(method))/>
                    <svg class="method__mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false" inner_html=spec(method).mark></svg>
                    <span class="method__text">
                        <span class="method__name">{tr(method_name(method))}</span>
                        <span class="method__hint">{tr(method_hint(method))}</span>
                    </span>
                </label>
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

#[component]
fn PayForm(link: PaymentLink) -> impl IntoView {
    let shell = use_shell();
    let lang = use_lang();
    let currency = link.currency;
    let method = Memo::new(move |_| with_payable(shell.state, |p| p.method).flatten());
    let submitting = Memo::new(move |_| shell.state.with(|s| s.is_submitting()));
    let fields = Memo::new(move |_| {
        with_payable(shell.state, |p| {
            let method = p.method?;
            let prefill = p
                .link
                .customer
                .as_ref()
                .map(Customer::prefill)
                .unwrap_or_default();
            let context = FormContext::new(method, &p.link, &[]);
            let specs = schema(&context, &p.form, &prefill);
            Some((
                method,
                specs
                    .into_iter()
                    .filter(|s| s.id != FieldId::Amount)
                    .collect::<Vec<_>>(),
            ))
        })
        .flatten()
    });
    let submit_error =
        Memo::new(move |_| with_payable(shell.state, |p| p.submit_error.clone()).flatten());
    let total = Memo::new(move |_| {
        with_payable(shell.state, |p| typed_breakdown(&p.link, &p.form))
            .flatten()
            .map(|b| b.total)
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shell.dispatch(Event::Submit {
            fresh_key: fresh_key(),
        });
        request_animation_frame(focus_first_invalid);
    };
    view! {
        <Show when=move || method.get().is_some()>
            <form class="pay-form" novalidate on:submit=on_submit data-testid="pay-form">
                <h2 class="pay-form__title" tabindex="-1">
                    {move || method.get().map(|m| lang.get().text(method_name(m)))}
                </h2>
                {move || fields.get().map(|(method, specs)| specs.into_iter().map(|spec| {
                    view! { <FieldRow spec=spec method=method currency=currency/> }
                }).collect_view())}
                <p class="pay-form__error" role="alert" data-testid="submit-error">
                    {move || submit_error.get().map(|e| lang.get().text(submit_error_message(&e)))}
                </p>
                <button type="submit" class="button button--primary button--block" data-testid="pay"
                    disabled=move || submitting.get() aria-busy=move || submitting.get().to_string()>
                    {move || if submitting.get() {
                        lang.get().text(Key::Paying).to_owned()
                    } else {
                        match total.get() {
                            Some(cents) => tr_with(Key::PayAmount, move |_| vec![("amount", money(cents, currency)())])(),
                            None => lang.get().text(Key::Pay).to_owned(),
                        }
                    }}
                </button>
                {move || submitting.get().then(|| view! {
                    <p class="pay-form__wait">{tr(Key::PayingWait)}</p>
                })}
            </form>
        </Show>
    }
}

/// After a refused submit, the first invalid field takes focus.
fn focus_first_invalid() {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(field)) = document.query_selector("[aria-invalid=\"true\"]") {
        if let Ok(field) = field.dyn_into::<web_sys::HtmlElement>() {
            let _ = field.focus();
        }
    }
}
