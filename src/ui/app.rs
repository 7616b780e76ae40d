//! The top-level component: which screen the checkout is on, and the shell
//! that runs the state machine's effects.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::outcome::{Notice, PaidReceipt};
use super::summary::LinkSummary;
use super::{tr, LangContext};
use crate::checkout::money::Currency;
use crate::checkout::state::{step, Checkout, Effect, Event, LoadError};
use crate::checkout::token::token_from_path;
use crate::i18n::{Key, Lang};
use crate::web::client::fetch_link;
use crate::web::config::Config;

/// Mounts the page into `#app`, replacing the skeleton index.html paints first.
pub fn start() {
    console_error_panic_hook::set_once();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    root.set_inner_html("");
    let root: web_sys::HtmlElement = root.unchecked_into();
    leptos::mount::mount_to(root, App).forget();
}

/// The payer's language as far as the URL and the browser say; `None` leaves
/// it to the link's country.
fn preferred_lang() -> Option<Lang> {
    let window = web_sys::window()?;
    let search = window.location().search().ok().unwrap_or_default();
    let explicit = web_sys::UrlSearchParams::new_with_str(&search).ok().and_then(|p| p.get("lang"));
    let browser: Vec<String> = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    explicit
        .as_deref()
        .and_then(Lang::from_tag)
        .or_else(|| browser.iter().find_map(|tag| Lang::from_tag(tag)))
}

fn country_lang(currency: Currency) -> Lang {
    match currency {
        Currency::COP => Lang::Es,
        Currency::BRL => Lang::Pt,
        Currency::USD => Lang::En,
    }
}

/// Everything the shell needs to run effects; all parts are `Copy`.
#[derive(Clone, Copy)]
struct Shell {
    state: RwSignal<Checkout>,
    lang: RwSignal<Lang>,
    lang_chosen: bool,
    config: StoredValue<Config>,
    token: StoredValue<Option<String>>,
}

impl Shell {
    fn dispatch(self, event: Event) {
        let (next, effects) = step(self.state.get_untracked(), event);
        if !self.lang_chosen {
            if let Checkout::Payable(link) | Checkout::Paid(link) | Checkout::Expired(link)
            | Checkout::Cancelled(link) | Checkout::Processing(link) = &next
            {
                self.lang.set(country_lang(link.currency));
            }
        }
        self.state.set(next);
        for effect in effects {
            self.run(effect);
        }
    }

    fn run(self, effect: Effect) {
        match effect {
            Effect::FetchLink => {
                let Some(token) = self.token.get_value() else {
                    self.dispatch(Event::LinkLoaded(Err(LoadError::NotFound)));
                    return;
                };
                spawn_local(async move {
                    let result = fetch_link(&self.config.get_value(), &token).await;
                    self.dispatch(Event::LinkLoaded(result));
                });
            }
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let preferred = preferred_lang();
    let lang = RwSignal::new(preferred.unwrap_or(Lang::Es));
    provide_context(LangContext(lang));
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    let shell = Shell {
        state: RwSignal::new(Checkout::Loading),
        lang,
        lang_chosen: preferred.is_some(),
        config: StoredValue::new(Config::from_document()),
        token: StoredValue::new(token_from_path(&path).map(str::to_owned)),
    };
    shell.run(Effect::FetchLink);

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

    let state = shell.state;
    view! {
        <div class="paylink" data-state=move || state.with(|s| s.name())>
            {move || screen(shell, state.get())}
        </div>
    }
}

fn screen(shell: Shell, state: Checkout) -> AnyView {
    match state {
        Checkout::Loading => view! {
            <p class="paylink__loading" role="status">{tr(Key::Loading)}</p>
        }
        .into_any(),
        Checkout::Payable(link) => view! { <LinkSummary link=link/> }.into_any(),
        Checkout::Paid(link) => view! { <PaidReceipt link=link/> }.into_any(),
        Checkout::Expired(_) => view! { <Notice title=Key::ExpiredTitle body=Key::ExpiredBody/> }.into_any(),
        Checkout::Cancelled(_) => {
            view! { <Notice title=Key::CancelledTitle body=Key::CancelledBody/> }.into_any()
        }
        Checkout::Processing(_) => {
            view! { <Notice title=Key::ProcessingTitle body=Key::ProcessingBody/> }.into_any()
        }
        Checkout::LoadFailed(LoadError::NotFound) => {
            view! { <Notice title=Key::NotFoundTitle body=Key::NotFoundBody/> }.into_any()
        }
        Checkout::LoadFailed(LoadError::Malformed) => {
            view! { <Notice title=Key::MalformedTitle body=Key::MalformedBody/> }.into_any()
        }
        Checkout::LoadFailed(LoadError::Unavailable) => view! {
            <Notice title=Key::LoadFailedTitle body=Key::LoadFailedBody>
                <button class="button button--primary" data-testid="retry"
                    on:click=move |_| shell.dispatch(Event::RetryLoad)>
                    {tr(Key::Retry)}
                </button>
            </Notice>
        }
        .into_any(),
    }
}
