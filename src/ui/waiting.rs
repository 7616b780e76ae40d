//! Screens while the money is in motion: leaving for the bank, approving in
//! the app, confirming after the return.

use std::time::Duration;

use leptos::prelude::*;

use super::shell::use_shell;
use super::{money, tr, tr_with, use_lang};
use crate::api::provider::Clock;
use crate::checkout::countdown::{clock_text, seconds_until};
use crate::checkout::fields::FieldId;
use crate::checkout::methods::{spec, Flow};
use crate::checkout::state::{Checkout, Event, Paying, Phase};
use crate::i18n::labels::confirming_texts;
use crate::i18n::Key;
use crate::web::client::BrowserClock;

#[component]
pub fn RedirectingScreen() -> impl IntoView {
    let shell = use_shell();
    let url = shell.state.with_untracked(|s| match s {
        Checkout::Paying(Paying {
            phase: Phase::Redirecting { url },
            ..
        }) => url.clone(),
        _ => String::new(),
    });
    view! {
        <section class="notice notice--waiting">
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">{tr(Key::RedirectingTitle)}</h1>
            <p class="notice__body">{tr(Key::RedirectingBody)}</p>
            <a class="button button--primary" href=url rel="noreferrer" target="_top" data-testid="continue-to-bank">
                {tr(Key::ContinueToBank)}
            </a>
        </section>
    }
}

/// "Approve the payment in your Nequi app": amount, phone, a countdown whose
/// limit came from the API, while the shell polls the status; and a way
/// out, "pay another way" (the push is then withdrawn on the confirming screen).
#[component]
pub fn ApprovalScreen() -> impl IntoView {
    let shell = use_shell();
    let Some((seconds, phone, total, currency, texts)) = shell.state.with_untracked(|s| match s {
        Checkout::Paying(Paying {
            payable,
            phase: Phase::AwaitingApproval {
                timeout_seconds, ..
            },
        }) => Some((
            *timeout_seconds,
            payable
                .attempt
                .as_ref()
                .and_then(|a| a.details.phone.clone())
                .unwrap_or_else(|| payable.form.get(FieldId::Phone).to_owned()),
            payable.total_to_pay(),
            payable.link.currency,
            payable.method.map(|m| spec(m).flow),
        )),
        _ => None,
    }) else {
        return ().into_any();
    };
    let left = RwSignal::new(seconds);
    if let Ok(handle) = set_interval_with_handle(
        move || {
            // Nothing once the screen is gone (a tick already due may still run).
            let Some(now) = left.try_get_untracked().map(|s| s.saturating_sub(1)) else {
                return;
            };
            left.set(now);
            if now == 0 {
                shell.dispatch(Event::DeadlinePassed);
            }
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let clock = move || clock_text(left.get());
    let amount = total.map(|cents| money(cents, currency));
    let Some(Flow::AppApproval { title, body }) = texts else {
        return ().into_any();
    };
    view! {
        <section class="notice notice--waiting">
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">{tr(title)}</h1>
            <p class="notice__body" data-testid="approval-instructions">
                {tr_with(body, move |_| vec![
                    ("phone", phone.clone()),
                    ("amount", amount.map(|m| m()).unwrap_or_default()),
                ])}
            </p>
            <p class="countdown">
                <span class="countdown__label">{tr(Key::TimeLeft)}</span> " "
                <time class="countdown__clock" data-testid="countdown" role="timer" aria-live="off">{clock}</time>
            </p>
            <p class="notice__hint">{tr(Key::KeepPageOpen)}</p>
            <button type="button" class="button" on:click=move |_| shell.dispatch(Event::PayAnotherWay)>
                {tr(Key::PayAnotherWay)}
            </button>
        </section>
    }
    .into_any()
}

#[component]
pub fn ConfirmingScreen() -> impl IntoView {
    let shell = use_shell();
    let texts = Memo::new(move |_| shell.state.with(confirming_texts));
    let lang = use_lang();
    // An Open Finance consent has a deadline: show the time left to authorise.
    let deadline = Memo::new(move |_| {
        shell.state.with(|s| {
            s.consent_deadline()
                .and_then(|iso| BrowserClock.instant_ms(iso))
        })
    });
    let now = RwSignal::new(BrowserClock.now_ms());
    if let Ok(handle) = set_interval_with_handle(
        // Nothing once the screen is gone (a tick already due may still run).
        move || {
            let _ = now.try_set(BrowserClock.now_ms());
        },
        Duration::from_secs(1),
    ) {
        on_cleanup(move || handle.clear());
    }
    let seconds_left = move || Some(seconds_until(deadline.get()?, now.get()));
    view! {
        <section class="notice notice--waiting">
            <h1 class="notice__title" tabindex="-1" data-testid="notice-title">
                {move || lang.get().text(texts.get().0)}
            </h1>
            <p class="notice__body">
                {move || lang.get().text(texts.get().1)}
            </p>
            {move || seconds_left().map(|s| view! {
                <p class="countdown">
                    <span class="countdown__label">{tr(Key::ConsentTimeLeft)}</span> " "
                    <time class="countdown__clock" data-testid="consent-countdown" role="timer" aria-live="off">
                        {clock_text(s)}
                    </time>
                </p>
            })}
            <span class="spinner" aria-hidden="true"></span>
        </section>
    }
}
