//! The top-level component: which screen the checkout is on.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::after_pay::{AfterPay, Later};
use super::outcome::Notice;
use super::pay::PayScreen;
use super::shell::{use_shell, Shell};
use super::{tr, LangContext};
use crate::checkout::state::{Checkout, Event, LoadError, Phase};
use crate::checkout::token::{is_valid_reference, token_from_path};
use crate::i18n::labels::announcement;
use crate::i18n::{Key, Lang};
use crate::web::config::Config;
use crate::web::navigate::{query_param, take_return_reference};
use crate::web::schedule::after_next_paint;

/// Mounts the page into `#app`, next to the skeleton index.html paints first:
/// the skeleton (with whatever the inline script wrote into it) stays up
/// until the first screen after loading replaces it, so a payer never sees
/// it emptied.
pub fn start() {
    // Release bundles abort on panic before any hook runs; debug builds say why.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    let root: web_sys::HtmlElement = root.unchecked_into();
    // The task that instantiated the wasm has done enough on a slow phone:
    // the app mounts in the next one, so neither blocks the main thread long.
    set_timeout(
        move || leptos::mount::mount_to(root, App).forget(),
        std::time::Duration::ZERO,
    );
}

/// The payer's language as far as the URL and the browser say; `None` leaves
/// it to the link's country.
fn preferred_lang() -> Option<Lang> {
    let browser: Vec<String> = web_sys::window()?
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    Lang::preferred(query_param("lang").as_deref(), &browser)
}

/// Screens, coarser than states: moving between states of one screen (typing,
/// choosing a method, submitting) updates it in place instead of rebuilding it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Screen {
    Loading,
    Pay,
    /// One of the screens after Pay (their code may come later: `after_pay`).
    After(Later),
    Notice(Key, Key),
    LoadFailed,
}

fn screen_of(state: &Checkout) -> Screen {
    match state {
        Checkout::Loading { .. } => Screen::Loading,
        Checkout::Payable(_) => Screen::Pay,
        Checkout::Paying(paying) => match paying.phase {
            Phase::Reviewing => Screen::After(Later::Review),
            Phase::Submitting { .. } => Screen::Pay,
            Phase::Redirecting { .. } => Screen::After(Later::Redirecting),
            Phase::AwaitingApproval { .. } => Screen::After(Later::Approval),
            Phase::ShowingCode { ended: false, .. } => Screen::After(Later::Code),
            // Its countdown ended: the provider is asked until it says how.
            Phase::Withdrawing { .. } | Phase::ShowingCode { .. } | Phase::Confirming(_) => {
                Screen::After(Later::Confirming)
            }
            Phase::Failed { .. } => Screen::After(Later::Failed),
        },
        Checkout::Paid { .. } => Screen::After(Later::Receipt),
        Checkout::LinkPaid(_) => Screen::After(Later::LinkPaid),
        Checkout::Expired(_) => Screen::Notice(Key::ExpiredTitle, Key::ExpiredBody),
        Checkout::Cancelled(_) => Screen::Notice(Key::CancelledTitle, Key::CancelledBody),
        Checkout::Processing(_) => Screen::Notice(Key::ProcessingTitle, Key::ProcessingBody),
        Checkout::LoadFailed {
            error: LoadError::NotFound,
            ..
        } => Screen::Notice(Key::NotFoundTitle, Key::NotFoundBody),
        Checkout::LoadFailed {
            error: LoadError::Malformed,
            ..
        } => Screen::Notice(Key::MalformedTitle, Key::MalformedBody),
        Checkout::LoadFailed {
            error: LoadError::Unavailable,
            ..
        } => Screen::LoadFailed,
    }
}

#[component]
pub fn App() -> impl IntoView {
    let preferred = preferred_lang();
    let lang = RwSignal::new(preferred.unwrap_or(Lang::Es));
    provide_context(LangContext(lang));
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    let resume = take_return_reference().filter(|r| is_valid_reference(r));
    let shell = Shell::new(
        lang,
        preferred.is_some(),
        Config::from_document(),
        token_from_path(&path).map(str::to_owned),
        resume,
    );
    provide_context(shell);
    shell.start();

    // The document follows the language: `lang` for screen readers, the title for tabs.
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            if let Some(html) = document.document_element() {
                let _ = html.set_attribute("lang", lang.tag());
            }
            document.set_title(lang.text(Key::DocumentTitle));
        }
    });
    // Once the skeleton is gone this effect reads no signal, so it never runs again.
    Effect::new(move |removed: Option<bool>| {
        if removed == Some(true) {
            return true;
        }
        let loaded = !shell.state.with(|s| matches!(s, Checkout::Loading { .. }));
        if loaded {
            remove_skeleton();
        }
        loaded
    });
    view! { <CheckoutView/> }
}

/// Takes index.html's skeleton away; style/main.css hides the app's own
/// loading screen while it is there.
fn remove_skeleton() {
    let skeleton = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector("#app > [data-state=\"skeleton\"]")
            .ok()
            .flatten()
    });
    if let Some(skeleton) = skeleton {
        skeleton.remove();
    }
}

/// The checkout of the `Shell` in context, whatever state it is in: the page
/// runs it live; the gallery shows it in fixed states.
#[component]
pub fn CheckoutView() -> impl IntoView {
    let shell = use_shell();
    let lang = super::use_lang();
    let state = shell.state;
    let screen = Memo::new(move |_| state.with(screen_of));
    // Each new screen after the first moves focus to its heading, so screen
    // readers announce it and keyboard users start from the top of it.
    Effect::new(move |previous: Option<Screen>| {
        let current = screen.get();
        if previous.is_some_and(|p| p != current) {
            request_animation_frame(focus_heading);
        }
        current
    });
    // The screens after Pay, fetched once the first screen is painted.
    let after_pay = AfterPay::new();
    Effect::new(move |fetched: Option<bool>| {
        if fetched == Some(true) {
            return true;
        }
        let shown = screen.get() != Screen::Loading;
        if shown {
            // After the pay screen's controls, which come a frame after its summary.
            spawn_local(async move {
                after_next_paint().await;
                after_next_paint().await;
                after_pay.prefetch();
            });
        }
        shown
    });
    track_keyboard_use();
    view! {
        <main class="paylink" data-state=move || state.with(|s| s.name())>
            <LanguageSwitcher/>
            <OfflineBanner/>
            // One polite live region announces every change the payer did not cause.
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="announcer">
                {move || state.with(announcement).map(|key| lang.get().text(key))}
            </p>
            {move || match screen.get() {
                Screen::Loading => view! {
                    <p class="paylink__loading" role="status">{tr(Key::Loading)}</p>
                }.into_any(),
                Screen::Pay => view! { <PayScreen/> }.into_any(),
                Screen::After(later) => after_pay.view(later),
                Screen::Notice(title, body) => view! { <Notice title body/> }.into_any(),
                Screen::LoadFailed => view! {
                    <Notice title=Key::LoadFailedTitle body=Key::LoadFailedBody>
                        <button type="button" class="button button--primary" data-testid="retry"
                            on:click=move |_| shell.dispatch(Event::RetryLoad)>
                            {tr(Key::Retry)}
                        </button>
                    </Notice>
                }.into_any(),
            }}
        </main>
    }
}

/// Marks the document (`data-keys`) while the payer uses the keyboard,
/// from a key press to the next pointer press: only then does a heading
/// focused for screen readers show a ring (style/main.css). Chromium alone
/// would show one after load too, when no input came first.
fn track_keyboard_use() {
    let mark = |on: bool| {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = if on {
                root.set_attribute("data-keys", "")
            } else {
                root.remove_attribute("data-keys")
            };
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |_| mark(true));
    let pointer = window_event_listener(leptos::ev::pointerdown, move |_| mark(false));
    on_cleanup(move || {
        keys.remove();
        pointer.remove();
    });
}

pub(super) fn focus_heading() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(heading)) = document.query_selector(".paylink h1[tabindex=\"-1\"]") {
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            let _ = heading.focus();
        }
    }
}

/// Changes the language in place: what the payer typed stays in the state.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let lang = super::use_lang();
    view! {
        <div class="paylink__bar">
            <select class="lang-switch" data-testid="lang-switch"
                aria-label=move || lang.get().text(Key::Language)
                on:change:target=move |ev| {
                    if let Some(chosen) = Lang::from_tag(&ev.target().value()) {
                        lang.set(chosen);
                    }
                }>
                {Lang::ALL.into_iter().map(|option| view! {
                    <option value=option.tag() selected=move || lang.get() == option>{option.native_name()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Says so while the browser is offline; polling resumes when it is back.
#[component]
fn OfflineBanner() -> impl IntoView {
    let shell = super::shell::use_shell();
    let online = RwSignal::new(web_sys::window().map_or(true, |w| w.navigator().on_line()));
    let offline_handle = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    let online_handle = window_event_listener(leptos::ev::online, move |_| {
        online.set(true);
        shell.dispatch(Event::BackOnline);
    });
    on_cleanup(move || {
        offline_handle.remove();
        online_handle.remove();
    });
    view! {
        <p class="offline-banner" role="status" data-testid="offline" hidden=move || online.get()>
            {tr(Key::Offline)}
        </p>
    }
}
