//! "Pay from your bank's app": the code a payer's bank app pays (Bre-B, Pix
//! QR). On a phone the code's text and "copy" come first, then the QR for a
//! second device; on a wide screen the QR is large beside the amount and
//! the merchant (style/main.css, `.paycode`). A countdown runs to the
//! provider's expiry, by the provider's clock; the shell polls meanwhile.

use std::time::Duration;

use leptos::prelude::*;

use super::copy::{copied_status, copy_button};
use super::shell::use_shell;
use super::summary::merchant_line;
use super::{money, tr};
use crate::api::provider::Clock;
use crate::checkout::countdown::{clock_text, seconds_until_by};
use crate::checkout::methods::{spec, Flow};
use crate::checkout::state::Event;
use crate::i18n::Key;
use crate::web::client::BrowserClock;
use crate::web::qr::add_loader;

#[component]
pub fn CodeScreen() -> impl IntoView {
    let shell = use_shell();
    let Some((code, link, total, instructions)) = shell.state.with_untracked(|s| {
        let payable = s.payable()?;
        let Flow::PayByCode { instructions } = spec(payable.method?).flow else {
            return None;
        };
        Some((
            s.payment_code()?.clone(),
            payable.link.clone(),
            payable.total_to_pay(),
            instructions,
        ))
    }) else {
        return ().into_any();
    };
    // The QR is drawn by the lazily added module (`web::qr`), into the box
    // that carries its payload.
    add_loader();
    let deadline = BrowserClock.instant_ms(&code.expires_at).unwrap_or(0.0);
    let offset = code.clock_offset_ms;
    // The browser's time, as the consent countdown keeps it (one signal type for both).
    let now = RwSignal::new(BrowserClock.now_ms());
    let left = move || seconds_until_by(deadline, offset, now.get());
    let tick = move || {
        // A tick that comes once the screen is gone (its interval is cleared
        // then, but one already due may still run) does nothing.
        let at = BrowserClock.now_ms();
        if now.try_set(at).is_none() && seconds_until_by(deadline, offset, at) == 0 {
            shell.dispatch(Event::DeadlinePassed);
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    let (code_copied, key_copied) = (RwSignal::new(false), RwSignal::new(false));
    let copy_code = copy_button(
        code.payload.clone(),
        Key::CopyCode,
        "button button--primary button--block",
        code_copied,
        None,
    );
    let key_line = code.key.clone().map(|key| {
        view! {
            <div class="summary__line">
                <dt>{tr(Key::BreBKey)}</dt>
                <dd data-testid="code-key">{key}</dd>
            </div>
        }
    });
    let copy_key = code.key.clone().and_then(|key| {
        copy_button(
            key,
            Key::CopyKey,
            "button button--block paycode__key",
            key_copied,
            None,
        )
    });
    let entity = code.receiving_entity.clone().map(|entity| {
        view! {
            <div class="summary__line">
                <dt>{tr(Key::ReceivingEntity)}</dt>
                <dd>{entity}</dd>
            </div>
        }
    });
    let amount = total.map(|cents| money(cents, link.currency));
    view! {
        <section class="notice paycode">
            <div class="paycode__pay">
                {merchant_line(&link.merchant)}
                <h1 class="notice__title" tabindex="-1" data-testid="notice-title">{tr(Key::CodeTitle)}</h1>
                <p class="paycode__amount" data-testid="code-amount">{amount}</p>
                <p class="countdown">
                    <span class="countdown__label">{tr(Key::CodeTimeLeft)}</span> " "
                    <time class="countdown__clock" data-testid="code-countdown" role="timer" aria-live="off">
                        {move || clock_text(left())}
                    </time>
                </p>
                <p class="notice__body">{tr(instructions)}</p>
                {copy_code}
                <dl class="summary__lines paycode__lines">{key_line}{entity}</dl>
                {copy_key}
                {copied_status(code_copied, Key::CodeCopied)}
                {copied_status(key_copied, Key::KeyCopied)}
                <p class="paycode__label" id="paycode-text-label">{tr(Key::CodeText)}</p>
                <p class="paycode__text" aria-labelledby="paycode-text-label" data-testid="code-text">{code.payload.clone()}</p>
                <p class="notice__hint">{tr(Key::KeepPageOpen)}</p>
            </div>
            <figure class="paycode__figure">
                <div class="paycode__qr" role="img" aria-label=tr(Key::CodeQr) data-qr-payload=code.payload></div>
                <figcaption class="paycode__scan">{tr(Key::CodeScanHint)}</figcaption>
            </figure>
        </section>
    }
    .into_any()
}
