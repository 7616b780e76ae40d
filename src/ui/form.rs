//! One generic form field, rendered from a `FieldSpec`: label, hint, control
//! and the problem next to it, announced to screen readers.

use leptos::prelude::*;

use super::shell::use_shell;
use super::{tr, use_lang, with_payable};
use crate::checkout::fields::{matching_banks, offers_bank_search, Control, FieldId, FieldSpec};
use crate::checkout::link::Method;
use crate::checkout::money::Currency;
use crate::checkout::state::{Banks, Event};
use crate::i18n::labels::{field_hint, field_label, option_label, problem_amount, problem_message};
use crate::i18n::Key;
use crate::web::intl::format_money;

#[component]
pub fn FieldRow(spec: FieldSpec, method: Method, currency: Currency) -> impl IntoView {
    let shell = use_shell();
    let lang = use_lang();
    let id = spec.id;
    let input_id = format!("field-{}", id.name());
    let hint_id = format!("{input_id}-hint");
    let error_id = format!("{input_id}-error");
    let hint = field_hint(id, method);
    let describedby = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    let value = Memo::new(move |_| {
        with_payable(shell.state, |p| p.form.get(id).to_owned()).unwrap_or_default()
    });
    let problem = Memo::new(move |_| with_payable(shell.state, |p| p.problem(id)).flatten());
    let locked = Memo::new(move |_| shell.state.with(|s| s.is_submitting()));
    let invalid = move || problem.get().is_some().to_string();
    let message = move || {
        problem.get().map(|p| {
            let text = lang.get().text(problem_message(p));
            match problem_amount(p) {
                Some(cents) => text.replace("{amount}", &format_money(cents, currency, lang.get())),
                None => text.to_owned(),
            }
        })
    };
    let on_change = move |text: String| shell.dispatch(Event::FieldChanged(id, text));
    let on_leave = move || shell.dispatch(Event::FieldLeft(id));

    let control = match spec.control {
        Control::Text { input_type, inputmode, autocomplete, max_length } => view! {
            <input id=input_id.clone() name=id.name() type=input_type inputmode=inputmode
                autocomplete=autocomplete maxlength=max_length.to_string() required=spec.required
                readonly=spec.read_only class="field__input"
                data-testid=format!("input-{}", id.name())
                prop:value=move || value.get()
                aria-invalid=invalid aria-describedby=describedby.clone()
                disabled=move || locked.get()
                on:input:target=move |ev| on_change(ev.target().value())
                on:blur=move |_| on_leave()/>
        }
        .into_any(),
        Control::Choice { options } => view! {
            <select id=input_id.clone() name=id.name() class="field__input" required=spec.required
                data-testid=format!("input-{}", id.name())
                aria-invalid=invalid aria-describedby=describedby.clone()
                disabled=move || locked.get() || spec.read_only
                on:change:target=move |ev| { on_change(ev.target().value()); on_leave(); }>
                <option value="" disabled=true selected=move || value.get().is_empty()>{tr(Key::ChoosePlaceholder)}</option>
                {options.into_iter().map(|option| view! {
                    <option value=option.value selected=move || value.get() == option.value>
                        {move || option_label(option.value).map(|k| lang.get().text(k)).unwrap_or(option.value)}
                    </option>
                }).collect_view()}
            </select>
        }
        .into_any(),
        Control::BankList => view! { <BankSelect input_id=input_id.clone() describedby=describedby.clone()/> }.into_any(),
    };

    view! {
        <div class="field" class:field--invalid=move || problem.get().is_some() data-field=id.name()>
            <label class="field__label" for=input_id>{tr(field_label(id, method))}</label>
            {hint.map(|key| view! { <p class="field__hint" id=hint_id>{tr(key)}</p> })}
            {control}
            <p class="field__error" id=error_id aria-live="polite" data-testid=format!("error-{}", id.name())>
                {message}
            </p>
        </div>
    }
}

/// The PSE bank list as fetched (sorted, placeholder dropped), with its loading
/// and failure states.
#[component]
fn BankSelect(input_id: String, describedby: String) -> impl IntoView {
    let shell = use_shell();
    let lang = use_lang();
    let banks = Memo::new(move |_| {
        with_payable(shell.state, |p| p.banks.clone()).unwrap_or(Banks::NotNeeded)
    });
    let value = Memo::new(move |_| {
        with_payable(shell.state, |p| p.form.get(FieldId::Bank).to_owned()).unwrap_or_default()
    });
    let problem =
        Memo::new(move |_| with_payable(shell.state, |p| p.problem(FieldId::Bank)).flatten());
    let locked = Memo::new(move |_| shell.state.with(|s| s.is_submitting()));
    // A long list gets a search box; the search text is not form data.
    let search = RwSignal::new(String::new());
    let search_id = format!("{input_id}-search");
    move || {
        match banks.get() {
        Banks::Loaded(list) => {
            let searchable = offers_bank_search(&list);
            let shown = move || {
                matching_banks(&list, &search.get()).into_iter().cloned().collect::<Vec<_>>()
            };
            let none_match = {
                let shown = shown.clone();
                move || shown().is_empty()
            };
            view! {
            // Named by a visible label: a placeholder is gone once the payer types.
            {searchable.then(|| view! {
                <label class="field__hint" for=search_id.clone()>{tr(Key::SearchBank)}</label>
                <input type="search" id=search_id.clone() class="field__input field__search"
                    data-testid="bank-search" autocomplete="off"
                    prop:value=move || search.get()
                    on:input:target=move |ev| search.set(ev.target().value())/>
            })}
            <p class="field__notice" role="status" hidden=move || !none_match()>{tr(Key::NoBankMatches)}</p>
            <select id=input_id.clone() name="bank" class="field__input" required=true
                data-testid="input-bank"
                aria-invalid=move || problem.get().is_some().to_string()
                aria-describedby=describedby.clone()
                disabled=move || locked.get()
                on:change:target=move |ev| {
                    shell.dispatch(Event::FieldChanged(FieldId::Bank, ev.target().value()));
                    shell.dispatch(Event::FieldLeft(FieldId::Bank));
                }>
                <option value="" disabled=true selected=move || value.get().is_empty()>{tr(Key::BankPlaceholder)}</option>
                {move || shown().into_iter().map(|bank| {
                    let id = bank.id.clone();
                    let selected_id = id.clone();
                    view! { <option value=id selected=move || value.get() == selected_id>{bank.name}</option> }
                }).collect_view()}
            </select>
            }
        }
        .into_any(),
        Banks::Failed => view! {
            <p class="field__notice" role="alert">
                {move || lang.get().text(Key::BanksFailed)} " "
                <button type="button" class="button button--link" data-testid="retry-banks"
                    on:click=move |_| shell.dispatch(Event::RetryLoad)>{tr(Key::Retry)}</button>
            </p>
        }
        .into_any(),
        Banks::Loading | Banks::NotNeeded => view! {
            <p class="field__notice" role="status">{tr(Key::BanksLoading)}</p>
        }
        .into_any(),
    }
    }
}
