//! Runs the state machine: dispatches events to `checkout::state::step` and
//! executes the effects it returns (requests, timers, navigation, the URL).

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::checkout::money::Currency;
use crate::checkout::state::{self, step, Checkout, Event};
use crate::embed::protocol::PageMessage;
use crate::embed::updates::{updates, updates_before_link};
use crate::i18n::Lang;
use crate::web::client::{fetch_banks, fetch_link, fetch_payment, submit_payment};
use crate::web::config::Config;
use crate::web::embed::{apply_brand, Parent};
use crate::web::navigate;
use crate::web::schedule::after_next_paint;

/// Everything needed to run effects; all parts are `Copy` handles.
/// What a question about a payment is: a numbered poll, or withdrawing its push.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asking {
    Poll(u32),
    Withdraw,
}

#[derive(Clone, Copy)]
pub struct Shell {
    pub state: RwSignal<Checkout>,
    pub lang: RwSignal<Lang>,
    /// Whether the URL or the browser chose the language (else the link's country does).
    lang_chosen: bool,
    config: StoredValue<Config>,
    token: StoredValue<Option<String>>,
    /// The merchant page embedding this one, once the link says it may.
    parent: StoredValue<Option<Parent>>,
    /// False for gallery fixtures: events change the state, effects do nothing.
    live: StoredValue<bool>,
}

pub fn use_shell() -> Shell {
    expect_context::<Shell>()
}

impl Shell {
    pub fn new(
        lang: RwSignal<Lang>,
        lang_chosen: bool,
        config: Config,
        token: Option<String>,
        resume: Option<String>,
    ) -> Shell {
        Shell {
            state: RwSignal::new(Checkout::Loading { resume, attempt: 0 }),
            lang,
            lang_chosen,
            config: StoredValue::new(config),
            token: StoredValue::new(token),
            parent: StoredValue::new(None),
            live: StoredValue::new(true),
        }
    }

    /// A shell that shows `state` and runs nothing: the gallery's fixtures.
    pub fn fixture(lang: RwSignal<Lang>, state: Checkout) -> Shell {
        let shell = Shell::new(lang, true, Config::from_document(), None, None);
        shell.state.set(state);
        shell.live.set_value(false);
        shell
    }

    pub fn dispatch(self, event: Event) {
        let previous = self.state.get_untracked();
        let (next, effects) = step(previous.clone(), event);
        if matches!(previous, Checkout::Loading { .. }) {
            if let Some(link) = next.link() {
                self.link_arrived(link);
            }
        }
        if previous.name() != next.name() {
            self.tell_parent(&next);
        }
        self.state.set(next);
        for effect in effects {
            self.run(effect);
        }
    }

    fn link_arrived(self, link: &crate::checkout::link::PaymentLink) {
        if !self.lang_chosen {
            self.lang.set(Lang::of_country(link.currency));
        }
        apply_brand(link);
        if let Some(parent) = Parent::for_link(link) {
            parent.post(&PageMessage::Ready);
            parent.watch_height();
            parent.accept_theme();
            self.parent.set_value(Some(parent));
        }
    }

    /// Keeps the embedding merchant page informed: every state, then the outcome.
    fn tell_parent(self, state: &Checkout) {
        match self.parent.get_value() {
            Some(parent) => {
                for message in updates(state) {
                    parent.post(&message);
                }
            }
            None => {
                if let (Some(parent), Some(message)) =
                    (Parent::announced(), updates_before_link(state))
                {
                    parent.post(&message);
                }
            }
        }
    }

    pub fn start(self) {
        self.run(state::Effect::FetchLink);
    }

    fn run(self, effect: state::Effect) {
        use state::Effect as Fx;
        if !self.live.get_value() {
            return;
        }
        let config = self.config.get_value();
        let token = self.token.get_value().unwrap_or_default();
        match effect {
            Fx::FetchLink => spawn_local(async move {
                let result = fetch_link(&config, &token).await;
                // Start-up so far is one task; the first screen is the next,
                // after the skeleton (and what index.html wrote in it) is painted.
                after_next_paint().await;
                self.dispatch(Event::LinkLoaded(result));
            }),
            Fx::RetryLoadAfter(ms) => self.after(ms, move || self.dispatch(Event::RetryLoad)),
            Fx::RefreshLinkAfter(ms) => self.after(ms, move || {
                spawn_local(async move {
                    let result = fetch_link(&config, &token).await;
                    self.dispatch(Event::LinkRefreshed(result));
                })
            }),
            Fx::WatchExpiry(iso) => {
                let left_ms = js_sys::Date::parse(&iso) - js_sys::Date::now();
                // Timers cannot wait longer than 2^31 ms; the refresh covers far expiries.
                if left_ms.is_finite() && left_ms < f64::from(i32::MAX) {
                    self.after(left_ms.max(0.0) as u32, move || {
                        self.dispatch(Event::LinkExpired)
                    });
                }
            }
            Fx::FetchBanks => spawn_local(async move {
                let currency = self.state.with_untracked(|s| s.link().map(|l| l.currency));
                let result = fetch_banks(&config, currency.unwrap_or(Currency::COP)).await;
                self.dispatch(Event::BanksLoaded(result));
            }),
            Fx::SubmitPayment {
                idempotency_key,
                details,
            } => spawn_local(async move {
                let result = submit_payment(&config, &token, &idempotency_key, &details).await;
                self.dispatch(Event::PayAnswered(result));
            }),
            Fx::Navigate(url) => {
                if let Some(parent) = self.parent.get_value() {
                    parent.post(&PageMessage::Redirect { url: url.clone() });
                }
                navigate::leave_for(&url);
            }
            Fx::RememberPayment(reference) => navigate::set_payment_in_url(Some(&reference)),
            Fx::ForgetPayment => navigate::set_payment_in_url(None),
            Fx::PollPayment {
                reference,
                after_ms,
                poll,
            } => self.ask_payment(config, token, reference, after_ms, Asking::Poll(poll)),
            Fx::WithdrawPush {
                reference,
                after_ms,
            } => self.ask_payment(config, token, reference, after_ms, Asking::Withdraw),
            Fx::ReturnToMerchantAfter { after_ms, .. } => {
                self.after(after_ms, move || self.dispatch(Event::ReturnDue))
            }
        }
    }

    /// After `ms`, where the payment `reference` stands, told as the answer
    /// to what `asking` is.
    fn ask_payment(
        self,
        config: Config,
        token: String,
        reference: String,
        after_ms: u32,
        asking: Asking,
    ) {
        self.after(after_ms, move || {
            spawn_local(async move {
                let withdraw = asking == Asking::Withdraw;
                let result = fetch_payment(&config, &token, &reference, withdraw).await;
                self.dispatch(match asking {
                    Asking::Withdraw => Event::PushWithdrawn { reference, result },
                    Asking::Poll(poll) => Event::PaymentPolled {
                        reference,
                        poll,
                        result,
                    },
                });
            })
        })
    }

    /// Runs `then` after `ms`; the state machine ignores it if it no longer applies.
    fn after(self, ms: u32, then: impl FnOnce() + 'static) {
        set_timeout(then, Duration::from_millis(u64::from(ms)));
    }
}
