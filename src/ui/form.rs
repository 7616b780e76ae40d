//! One generic form field, rendered from a `FieldSpec`: label, hint, control
//! and the problem next to it, announced to screen readers. The bank list is
//! one combobox whose behaviour is `checkout::fields::BankCombobox`.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::shell::use_shell;
use super::{tr, use_lang, with_payable};
use crate::checkout::fields::{BankCombobox, ComboKey, Control, FieldId, FieldProblem, FieldSpec};
use crate::checkout::link::{Method, OpenAmount};
use crate::checkout::money::Currency;
use crate::checkout::payment::Bank;
use crate::checkout::state::{Banks, Event};
use crate::i18n::labels::{
    amount_hint, bank_match_count, field_hint, field_label, option_label, problem_amount,
    problem_message,
};
use crate::i18n::Key;
use crate::web::intl::format_money;

/// `range`, for a general link's amount, gives the hint its currency and
/// bounds.
#[component]
pub fn FieldRow(
    spec: FieldSpec,
    method: Method,
    currency: Currency,
    #[prop(default = None)] range: Option<OpenAmount>,
) -> impl IntoView {
    let shell = use_shell();
    let lang = use_lang();
    let id = spec.id;
    let input_id = format!("field-{}", id.name());
    let hint_id = format!("{input_id}-hint");
    let error_id = format!("{input_id}-error");
    let hint = match range {
        Some(open) => Some(amount_hint(&open)),
        None => field_hint(id, method),
    };
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
                class="field__input"
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
                disabled=move || locked.get()
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
        Control::BankList => view! {
            <BankChoice input_id=input_id.clone() describedby=describedby.clone() problem=problem locked=locked/>
        }
        .into_any(),
    };

    view! {
        <div class="field" class:field--invalid=move || problem.get().is_some() data-field=id.name()>
            <label class="field__label" for=input_id>{tr(field_label(id, method))}</label>
            {hint.map(|key| view! { <p class="field__hint" id=hint_id>{move || {
                let lang = lang.get();
                let bound = |cents: Option<i64>| format_money(cents.unwrap_or(0), currency, lang);
                let text = lang.text(key).replace("{currency}", currency.code());
                match range {
                    Some(open) => text.replace("{min}", &bound(open.min)).replace("{max}", &bound(open.max)),
                    None => text,
                }
            }}</p> })}
            {control}
            <p class="field__error" id=error_id aria-live="polite" data-testid=format!("error-{}", id.name())>
                {message}
            </p>
        </div>
    }
}

/// The bank box's id (`field-` and the field's name, as every field's).
const BANK_BOX: &str = "field-bank";

thread_local! {
    /// What the bank box shows, kept outside the view: a re-render of the
    /// form's fields (or the form drawn again) keeps what the payer typed.
    static COMBO: RefCell<BankCombobox> = RefCell::default();
    /// What the bank count last said, so the status speaks only of changes.
    static SAID: RefCell<String> = RefCell::default();
}

/// The bank or institution list as fetched (sorted, placeholder dropped) in
/// one combobox with a listbox popup (WAI-ARIA 1.2): typing filters, the
/// arrows move the active option, Enter or a tap picks it, Escape closes;
/// a polite status says how many banks match. With its loading and failure
/// states.
///
/// The list, its options and the box's ARIA state are written by `sync`
/// from `BankCombobox`, not through reactive views: one plain function
/// weighs far less in the bundle than a reactive view per option and
/// attribute, and the page's first load is held to a budget.
#[component]
fn BankChoice(
    input_id: String,
    describedby: String,
    problem: Memo<Option<FieldProblem>>,
    locked: Memo<bool>,
) -> impl IntoView {
    let shell = use_shell();
    let lang = use_lang();
    let loaded = Memo::new(move |_| {
        with_payable(shell.state, |p| matches!(p.banks, Banks::Loaded(_))).unwrap_or(false)
    });
    let chosen = Memo::new(move |_| {
        with_payable(shell.state, |p| p.form.get(FieldId::Bank).to_owned()).unwrap_or_default()
    });
    // Runs `change` on the box's state with the bank list and the chosen
    // bank, dispatches the bank it chose (and leaves the field when it was
    // picked), then writes the box.
    let act = move |change: &dyn Fn(&mut BankCombobox, &[Bank], &str) -> Option<(String, bool)>| {
        let chosen = shell.state.with_untracked(|s| {
            let p = s.payable()?;
            let Banks::Loaded(list) = &p.banks else {
                return None;
            };
            let chosen = p.form.get(FieldId::Bank);
            COMBO.with_borrow_mut(|combo| change(combo, list, chosen))
        });
        if let Some((bank, leave)) = chosen {
            shell.dispatch(Event::FieldChanged(FieldId::Bank, bank));
            if leave {
                shell.dispatch(Event::FieldLeft(FieldId::Bank));
            }
        }
        sync(&shell, lang.get());
    };
    // The list arrived, or the bank chosen or the language changed: the box says so.
    Effect::new(move |_| {
        let _ = (loaded.get(), chosen.get());
        sync(&shell, lang.get());
    });
    move || {
        if loaded.get() {
            // The effect above may run before the box is on the page: once it is, `sync` writes it.
            request_animation_frame(move || sync(&shell, lang.get()));
            view! {
            // Its ARIA state, placeholder and list are written by `sync`.
            <input id=input_id.clone() name="bank" type="text" class="field__input"
                data-testid="input-bank" autocomplete="off" required=true
                aria-invalid=move || problem.get().is_some().to_string()
                aria-describedby=format!("{describedby} {BANK_BOX}-status")
                disabled=move || locked.get()
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    act(&|combo, list, chosen| {
                        let bank = combo.type_text(&text, list);
                        (bank != chosen).then_some((bank, false))
                    });
                }
                on:keydown=move |ev| {
                    let Some(key) = ComboKey::from_key(&ev.key(), ev.alt_key()) else {
                        return;
                    };
                    let handled = Cell::new(false);
                    act(&|combo, list, chosen| {
                        let outcome = combo.key(key, list, chosen);
                        handled.set(outcome.handled);
                        outcome.picked.map(|bank| (bank, true))
                    });
                    if handled.get() {
                        ev.prevent_default();
                    }
                }
                on:click=move |_| act(&|combo, _, _| { combo.toggle(); None })
                on:blur=move |ev| {
                    // A press on an option moves the focus to it: the tap's click picks it.
                    let to_option = ev.related_target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|t| t.id().starts_with(BANK_BOX));
                    if !to_option {
                        act(&|combo, _, _| { combo.close(); None });
                        shell.dispatch(Event::FieldLeft(FieldId::Bank));
                    }
                }/>
            <ul id=format!("{BANK_BOX}-list") role="listbox" class="combo__list" hidden=true
                on:click=move |ev| {
                    let Some(option) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
                        return;
                    };
                    let id = option.id();
                    act(&|combo, list, _| {
                        let bank = list.iter().find(|b| id == format!("{BANK_BOX}-{}", b.id))?;
                        Some((combo.pick(bank), true))
                    });
                    let input = web_sys::window().and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id(BANK_BOX))
                        .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(input) = input {
                        let _ = input.focus();
                    }
                }></ul>
            // Heard as the list narrows; shown only when nothing matches.
            <p id=format!("{BANK_BOX}-status") class="field__notice visually-hidden" role="status"></p>
            }
            .into_any()
        } else if with_payable(shell.state, |p| matches!(p.banks, Banks::Failed)).unwrap_or(false) {
            view! {
            <p class="field__notice" role="alert">
                {move || lang.get().text(Key::BanksFailed)} " "
                <button type="button" class="button button--link" data-testid="retry-banks"
                    on:click=move |_| shell.dispatch(Event::RetryLoad)>{tr(Key::Retry)}</button>
            </p>
            }
            .into_any()
        } else {
            view! { <p class="field__notice" role="status">{tr(Key::BanksLoading)}</p> }.into_any()
        }
    }
}

/// Writes the bank box from its state: its ARIA attributes and placeholder,
/// the text (unless it already holds it, so the caret stays), whether the
/// list is open, its options, the active one, and the count the status
/// announces.
fn sync(shell: &super::shell::Shell, lang: crate::i18n::Lang) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let by_id = |suffix: &str| document.get_element_by_id(&format!("{BANK_BOX}{suffix}"));
    let (Some(input), Some(list), Some(status)) = (by_id(""), by_id("-list"), by_id("-status"))
    else {
        return;
    };
    let Ok(input) = input.dyn_into::<web_sys::HtmlInputElement>() else {
        return;
    };
    shell.state.with_untracked(|s| {
        let Some(p) = s.payable() else { return };
        let Banks::Loaded(banks) = &p.banks else {
            return;
        };
        let chosen = p.form.get(FieldId::Bank);
        COMBO.with_borrow(|combo| {
            let text = combo.text(banks, chosen);
            if input.value() != text {
                let _ = js_sys::Reflect::set(&input, &"value".into(), &text.into());
            }
            let count = combo.announced_count(banks);
            let expanded = if count.is_some_and(|n| n > 0) {
                "true"
            } else {
                "false"
            };
            let list_id = format!("{BANK_BOX}-list");
            let mut active = None;
            let label = p
                .method
                .map_or("", |m| lang.text(field_label(FieldId::Bank, m)));
            let _ = list.set_attribute("aria-label", label);
            for (name, value) in [
                ("role", "combobox"),
                ("aria-autocomplete", "list"),
                ("aria-controls", &list_id),
                ("aria-expanded", expanded),
                ("spellcheck", "false"),
                ("placeholder", lang.text(Key::BankPlaceholder)),
            ] {
                let _ = input.set_attribute(name, value);
            }
            let _ = if expanded == "true" {
                list.remove_attribute("hidden")
            } else {
                list.set_attribute("hidden", "")
            };
            list.set_inner_html("");
            for bank in combo.options(banks) {
                let Ok(option) = document.create_element("li") else {
                    continue;
                };
                let id = format!("{BANK_BOX}-{}", bank.id);
                let selected = if combo.active.as_ref() == Some(&bank.id) {
                    active = Some(id.clone());
                    "true"
                } else {
                    "false"
                };
                for (name, value) in [
                    ("id", id.as_str()),
                    ("role", "option"),
                    ("class", "combo__option"),
                    ("tabindex", "-1"),
                    ("aria-selected", selected),
                ] {
                    let _ = option.set_attribute(name, value);
                }
                let _ = option.insert_before(&document.create_text_node(&bank.name), None);
                let _ = list.insert_before(&option, None);
            }
            let _ = match &active {
                Some(id) => input.set_attribute("aria-activedescendant", id),
                None => input.remove_attribute("aria-activedescendant"),
            };
            if let Some(option) = active.and_then(|id| document.get_element_by_id(&id)) {
                keep_in_view(&option);
            }
            let said = count
                .map(|n| {
                    lang.text(bank_match_count(n))
                        .replace("{count}", &n.to_string())
                })
                .unwrap_or_default();
            // Said again only when it changes.
            if combo_said(said.clone()) {
                status.set_inner_html("");
                let _ = status.insert_before(&document.create_text_node(&said), None);
            }
            let _ = status.set_attribute(
                "class",
                if count == Some(0) {
                    "field__notice"
                } else {
                    "field__notice visually-hidden"
                },
            );
        });
    });
}

/// Records what the status says now; whether that is news.
fn combo_said(said: String) -> bool {
    SAID.with_borrow_mut(|last| {
        *last != said && {
            *last = said;
            true
        }
    })
}

/// Scrolls the list just enough to show its active option.
fn keep_in_view(option: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    option.scroll_into_view_with_scroll_into_view_options(&options);
}
