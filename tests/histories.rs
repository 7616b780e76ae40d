//! Whole random histories through the checkout's state machine, against a
//! model provider that records every payment: answers delayed, lost,
//! duplicated, out of order, failed or unreadable; offline and online;
//! reloads (the state rebuilt from the URL alone); double submits; timers;
//! the link changing; another tab paying; the review of a Pix payment
//! confirmed or left; the payer leaving a push for another way, with a
//! provider that withdraws it or keeps it; a code to pay by (Bre-B) shown,
//! ended, paid or renewed. After every step the invariants
//! docs/reliability.md lists must hold.
//!
//! `cargo test --test histories` runs 10,000 histories; `HISTORIES=1000000`
//! runs more (`make histories`). A failure prints the shrunk history.
#![cfg(not(target_arch = "wasm32"))]

use paylink::checkout::fields::{FieldId, FormValues};
use paylink::checkout::fixtures::{
    bancolombia_details, banks, breb_code, colombian_link, colombian_methods,
};
use paylink::checkout::link::{CallbackUrls, LinkStatus, Method, PaymentLink};
use paylink::checkout::payment::{
    NextStep, PaymentDetails, PaymentReport, PaymentStarted, PaymentStatus,
};
use paylink::checkout::redirect::is_followable;
use paylink::checkout::state::{
    step, Checkout, Effect, Event, LoadError, Paying, Phase, SubmitError,
};
use proptest::prelude::*;

const BANK_PAGE: &str = "https://bank.example/pay/";

/// What the world or the payer does next. Indexes pick among what is
/// pending at that moment (modulo its length), so every history applies.
#[derive(Clone, Debug)]
enum Action {
    ChooseMethod(usize),
    /// Types a valid value in every field (what each method needs).
    TypeEverything,
    /// Changes the email: a new attempt's details.
    TypeOtherEmail,
    TypeInvalidPhone,
    Submit,
    /// On the review of a Pix payment: confirm it, or go back to the form.
    ConfirmReview,
    BackFromReview,
    NewAttempt,
    ReturnToMerchant,
    /// The payer reloads: only the URL survives.
    Reload,
    GoOffline,
    BackOnline,
    /// The countdown on screen (an app approval's, a code's) reaches zero.
    CountdownEnds,
    /// "Pay another way" on the app approval screen.
    PayAnotherWay,
    /// The answer to a request in flight arrives, as `Answer` says.
    Deliver(usize, Answer),
    /// A timer the page armed fires.
    FireTimer(usize),
    /// The bank or app decides the oldest pending payment.
    BankDecides(Decision),
    /// The link's expiry passes, or the merchant cancels it.
    LinkEnds(bool),
    /// Another tab or device starts paying this link.
    OtherTabPays,
}

#[derive(Clone, Copy, Debug)]
enum Answer {
    Ok,
    /// The server answers 5xx: nothing happened there.
    ServerError,
    /// The request reached the provider, the answer never came back.
    Lost,
    /// An answer the page cannot read (after the provider acted).
    Malformed,
    /// The answer arrives twice.
    Twice,
}

#[derive(Clone, Copy, Debug)]
enum Decision {
    Approve,
    Decline,
    Abandon,
    Expire,
    /// Reported with a status this page does not know, then nothing.
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
enum Request {
    FetchLink,
    RefreshLink,
    FetchBanks,
    Pay {
        key: String,
        details: PaymentDetails,
    },
    Poll(PollSent),
    Withdraw(String),
}

#[derive(Clone, Debug)]
enum Timer {
    RetryLoad,
    RefreshLink,
    Expiry,
    Poll(PollSent),
    Withdraw(String),
    ReturnToMerchant,
}

/// A poll the page asked for, and the chain it belongs to: the world
/// numbers a chain when the page starts polling on anything but a poll's
/// answer, and a poll asked on a poll's answer continues that answer's chain.
#[derive(Clone, Debug, PartialEq)]
struct PollSent {
    reference: String,
    /// The page's number for the poll, told back in its answer.
    poll: u32,
    chain: u32,
}

#[derive(Clone, Debug)]
struct Payment {
    key: String,
    reference: String,
    details: PaymentDetails,
    status: PaymentStatus,
}

/// The provider as the page must assume it: one attempt at a time, keyed
/// payments, final statuses that never change.
struct World {
    link: PaymentLink,
    payments: Vec<Payment>,
    in_flight: Vec<Request>,
    timers: Vec<Timer>,
    /// The payment reference the page keeps in its URL.
    url_reference: Option<String>,
    online: bool,
    /// What the payer typed since the page was last loaded.
    typed: FormValues,
    /// Payments the page was told it started.
    known: Vec<String>,
    /// The link's expiry was told to the page: watching it is over, and
    /// checking the link says what became of it.
    expiry_told: bool,
    next_key: u32,
    /// Whether the provider withdraws a pending push when asked (else it
    /// keeps it, and the payer waits for it to end).
    withdraws: bool,
    /// The chain the page started last.
    newest_chain: u32,
    /// The chain whose answer the current action delivers.
    answering_chain: Option<u32>,
}

fn link(callbacks: CallbackUrls, methods: Vec<Method>) -> PaymentLink {
    PaymentLink {
        callback_urls: Some(callbacks),
        ..colombian_link(methods)
    }
}

impl World {
    /// A payment the page knows of that has not ended unpaid (it may still
    /// pay, or it did), with its status.
    fn still_payable(&self) -> Option<(&String, Option<PaymentStatus>)> {
        self.known.iter().find_map(|reference| {
            let status = self.report(reference).map(|r| r.status);
            let ended_unpaid = status
                .as_ref()
                .is_some_and(|s| s.is_final() && *s != PaymentStatus::Approved);
            (!ended_unpaid).then_some((reference, status))
        })
    }

    fn new(callbacks: CallbackUrls, methods: Vec<Method>, withdraws: bool) -> World {
        World {
            link: link(callbacks, methods),
            payments: vec![],
            in_flight: vec![Request::FetchLink],
            timers: vec![],
            url_reference: None,
            online: true,
            typed: FormValues::default(),
            known: vec![],
            expiry_told: false,
            next_key: 0,
            withdraws,
            newest_chain: 0,
            answering_chain: None,
        }
    }

    fn approved(&self) -> Option<&Payment> {
        self.payments
            .iter()
            .find(|p| p.status == PaymentStatus::Approved)
    }

    fn pending(&self) -> Option<&Payment> {
        self.payments.iter().find(|p| !p.status.is_final())
    }

    /// The link as the provider shows it now.
    fn link_view(&self) -> PaymentLink {
        let mut link = self.link.clone();
        if self.approved().is_some() {
            link.status = LinkStatus::Paid {
                paid_at: Some("2026-12-02T10:00:00Z".into()),
                paid_amount: Some(paid_total()),
            };
        }
        link.payment_in_progress = self.pending().map(|p| p.reference.clone());
        link
    }

    fn report(&self, reference: &str) -> Option<PaymentReport> {
        let payment = self.payments.iter().find(|p| p.reference == reference)?;
        Some(PaymentReport {
            reference: payment.reference.clone(),
            method: Some(payment.details.method),
            status: payment.status.clone(),
            total: Some(paid_total()),
            updated_at: None,
            expires_at: None,
            // A code is reported with its payment, as the provider does.
            code: (payment.details.method == Method::BreB).then(|| Box::new(breb_code())),
        })
    }

    /// What the provider does with a pay request, and answers.
    fn pay(&mut self, key: &str, details: &PaymentDetails) -> Result<PaymentStarted, SubmitError> {
        if let Some(same) = self.payments.iter().find(|p| p.key == key) {
            return if &same.details == details {
                Ok(started(same))
            } else {
                // Same key, other body: the real provider refuses it.
                Err(SubmitError::Unreadable)
            };
        }
        if !self.link.status.is_payable() || self.approved().is_some() {
            return Err(SubmitError::InvalidStatus);
        }
        if let Some(pending) = self.pending() {
            return Err(SubmitError::InProgress(pending.reference.clone()));
        }
        let payment = Payment {
            key: key.to_owned(),
            reference: format!("mm_{}", self.payments.len() + 1),
            details: details.clone(),
            status: PaymentStatus::Pending,
        };
        let answer = started(&payment);
        self.payments.push(payment);
        Ok(answer)
    }

    /// Withdrawing a push: atomic with the payer's answer, so a push either
    /// was approved first (and stays so) or can never be approved.
    fn withdraw(&mut self, reference: &str) -> Result<PaymentReport, LoadError> {
        let withdraws = self.withdraws;
        let payment = self
            .payments
            .iter_mut()
            .find(|p| p.reference == reference)
            .ok_or(LoadError::NotFound)?;
        if withdraws && payment.details.method == Method::Nequi && !payment.status.is_final() {
            payment.status = PaymentStatus::Abandoned;
        }
        Ok(self.report(reference).expect("found above"))
    }

    /// The provider's side of a request, and the event its answer makes.
    fn answer(&mut self, request: &Request) -> Event {
        match request {
            Request::FetchLink => Event::LinkLoaded(Ok(self.link_view())),
            Request::RefreshLink => Event::LinkRefreshed(Ok(self.link_view())),
            Request::FetchBanks => Event::BanksLoaded(Ok(banks())),
            Request::Pay { key, details } => Event::PayAnswered(self.pay(key, details)),
            Request::Poll(sent) => Event::PaymentPolled {
                reference: sent.reference.clone(),
                poll: sent.poll,
                result: self.report(&sent.reference).ok_or(LoadError::NotFound),
            },
            Request::Withdraw(reference) => Event::PushWithdrawn {
                reference: reference.clone(),
                result: self.withdraw(reference),
            },
        }
    }

    /// The event of an answer that did not come through.
    fn failed(request: &Request, error: LoadError) -> Event {
        let submit_error = match error {
            LoadError::Malformed => SubmitError::Unreadable,
            _ => SubmitError::Unavailable,
        };
        match request {
            Request::FetchLink => Event::LinkLoaded(Err(error)),
            Request::RefreshLink => Event::LinkRefreshed(Err(error)),
            Request::FetchBanks => Event::BanksLoaded(Err(error)),
            Request::Pay { .. } => Event::PayAnswered(Err(submit_error)),
            Request::Poll(sent) => Event::PaymentPolled {
                reference: sent.reference.clone(),
                poll: sent.poll,
                result: Err(error),
            },
            Request::Withdraw(reference) => Event::PushWithdrawn {
                reference: reference.clone(),
                result: Err(error),
            },
        }
    }

    fn decide(&mut self, decision: Decision) {
        let link_can_take_it = self.link.status.is_payable();
        let Some(pending) = self.payments.iter_mut().find(|p| !p.status.is_final()) else {
            return;
        };
        pending.status = match decision {
            // Money approved for a link that can no longer take it goes back.
            Decision::Approve if link_can_take_it => PaymentStatus::Approved,
            Decision::Approve => PaymentStatus::Refunded,
            Decision::Decline => PaymentStatus::Declined,
            Decision::Abandon => PaymentStatus::Abandoned,
            Decision::Expire => PaymentStatus::Expired,
            Decision::Unknown => PaymentStatus::Unrecognized("ON_HOLD".into()),
        };
    }

    fn fresh_key(&mut self) -> String {
        self.next_key += 1;
        format!("key-{}", self.next_key)
    }
}

fn paid_total() -> i64 {
    5_119_000
}

fn started(payment: &Payment) -> PaymentStarted {
    let next = match payment.details.method {
        Method::Nequi => NextStep::AwaitApproval {
            timeout_seconds: 120,
        },
        Method::BreB => NextStep::ShowCode(breb_code()),
        _ => NextStep::Redirect(format!("{BANK_PAGE}{}", payment.reference)),
    };
    PaymentStarted {
        reference: payment.reference.clone(),
        next,
    }
}

/// The payer's form, when the state holds one.
fn form_of(state: &Checkout) -> Option<&FormValues> {
    match state {
        Checkout::Payable(p) => Some(&p.form),
        Checkout::Paying(paying) => Some(&paying.payable.form),
        _ => None,
    }
}

/// Runs one history; `Err` names the first broken invariant.
fn run(
    actions: &[Action],
    callbacks: CallbackUrls,
    methods: Vec<Method>,
    withdraws: bool,
) -> Result<(), String> {
    let mut world = World::new(callbacks, methods, withdraws);
    let mut state = Checkout::Loading {
        resume: None,
        attempt: 0,
    };
    let mut keys_used: Vec<(String, PaymentDetails)> = vec![];
    for (index, action) in actions.iter().enumerate() {
        world.answering_chain = None;
        let events = world_events(&mut world, &mut state, action);
        for event in events {
            let answered_chain = match event {
                Event::PaymentPolled { .. } => world.answering_chain,
                _ => None,
            };
            let reviewed = reviewed_details(&state, &event);
            if let Event::FieldChanged(field, value) = &event {
                world.typed.set(*field, value.clone());
            }
            if let Event::PayAnswered(Ok(started)) = &event {
                world.known.push(started.reference.clone());
            }
            let before = state.name();
            let (next, effects) = step(state, event);
            state = next;
            for effect in effects {
                check_effect(&world, &effect, &mut keys_used)
                    .and_then(|()| check_reviewed(&effect, reviewed.as_ref()))
                    .and_then(|()| poll_chain(&mut world, &effect, answered_chain))
                    .map_err(|e| format!("after action {index} ({action:?}): {e}"))?;
                apply(&mut world, effect);
            }
            check_state(&world, before, &state)
                .map_err(|e| format!("after action {index} ({action:?}): {e}"))?;
        }
    }
    Ok(())
}

/// The details on the review the payer confirms with `event`, if they do.
fn reviewed_details(state: &Checkout, event: &Event) -> Option<PaymentDetails> {
    match (state, event) {
        (
            Checkout::Paying(Paying {
                payable,
                phase: Phase::Reviewing,
            }),
            Event::ConfirmPayment,
        ) => payable.attempt.as_ref().map(|a| a.details.clone()),
        _ => None,
    }
}

/// A Pix payment is sent only when the payer confirms its review, and as reviewed.
fn check_reviewed(effect: &Effect, reviewed: Option<&PaymentDetails>) -> Result<(), String> {
    match effect {
        Effect::SubmitPayment { details, .. }
            if details.method == Method::Pix && Some(details) != reviewed =>
        {
            Err(format!(
                "sent a Pix payment the payer did not confirm as reviewed ({reviewed:?})"
            ))
        }
        _ => Ok(()),
    }
}

fn is_reviewing(state: &Checkout) -> bool {
    matches!(
        state,
        Checkout::Paying(Paying {
            phase: Phase::Reviewing,
            ..
        })
    )
}

/// Turns an action into the events the page receives.
fn world_events(world: &mut World, state: &mut Checkout, action: &Action) -> Vec<Event> {
    let typing = matches!(
        action,
        Action::TypeEverything | Action::TypeOtherEmail | Action::TypeInvalidPhone
    );
    // The form's fields exist, enabled, only on the pay screen.
    if typing && !matches!(state, Checkout::Payable(_)) {
        return vec![];
    }
    match action {
        Action::ChooseMethod(i) => {
            let methods = &world.link.methods;
            vec![Event::MethodChosen(methods[i % methods.len()])]
        }
        Action::TypeEverything => {
            let pix = state.payable().and_then(|p| p.method) == Some(Method::Pix);
            let (document_type, document) = if pix {
                ("CPF", "390.533.447-05")
            } else {
                ("CC", "1234567890")
            };
            [
                (FieldId::PersonType, "N"),
                (FieldId::DocumentType, document_type),
                (FieldId::Document, document),
                (FieldId::Bank, "1001"),
                (FieldId::Email, "payer@example.com"),
                (FieldId::Phone, "3001234567"),
            ]
            .into_iter()
            .map(|(field, value)| Event::FieldChanged(field, value.into()))
            .collect()
        }
        Action::TypeOtherEmail => vec![Event::FieldChanged(
            FieldId::Email,
            format!("payer{}@example.com", world.next_key),
        )],
        Action::TypeInvalidPhone => vec![
            Event::FieldChanged(FieldId::Phone, "12".into()),
            Event::FieldLeft(FieldId::Phone),
        ],
        Action::Submit => vec![Event::Submit {
            fresh_key: world.fresh_key(),
        }],
        // The review's buttons exist only on the review.
        Action::ConfirmReview if is_reviewing(state) => vec![Event::ConfirmPayment],
        Action::BackFromReview if is_reviewing(state) => vec![Event::BackToForm],
        Action::ConfirmReview | Action::BackFromReview => vec![],
        Action::NewAttempt => vec![Event::NewAttempt],
        Action::ReturnToMerchant => vec![Event::ReturnToMerchant],
        Action::Reload => {
            // Requests already sent still reach the provider; their answers go nowhere.
            for request in std::mem::take(&mut world.in_flight) {
                world.answer(&request);
            }
            world.timers.clear();
            world.expiry_told = false;
            world.typed = FormValues::default();
            world.in_flight.push(Request::FetchLink);
            *state = Checkout::Loading {
                resume: world.url_reference.clone(),
                attempt: 0,
            };
            vec![]
        }
        Action::GoOffline => {
            world.online = false;
            vec![]
        }
        Action::BackOnline => {
            let was_offline = !world.online;
            world.online = true;
            if was_offline {
                vec![Event::BackOnline]
            } else {
                vec![]
            }
        }
        // The countdown and the button stay while the push is withdrawn.
        Action::CountdownEnds | Action::PayAnotherWay => match state {
            Checkout::Paying(Paying {
                phase: Phase::AwaitingApproval { .. } | Phase::Withdrawing { .. },
                ..
            }) => vec![match action {
                Action::PayAnotherWay => Event::PayAnotherWay,
                _ => Event::DeadlinePassed,
            }],
            // A code's countdown; it has no "pay another way".
            Checkout::Paying(Paying {
                phase: Phase::ShowingCode { ended: false, .. },
                ..
            }) if matches!(action, Action::CountdownEnds) => vec![Event::DeadlinePassed],
            _ => vec![],
        },
        Action::Deliver(i, how) => {
            if world.in_flight.is_empty() {
                return vec![];
            }
            let request = world.in_flight.remove(i % world.in_flight.len());
            if let Request::Poll(sent) = &request {
                world.answering_chain = Some(sent.chain);
            }
            if !world.online {
                return vec![World::failed(&request, LoadError::Unavailable)];
            }
            match how {
                Answer::Ok => vec![world.answer(&request)],
                Answer::ServerError => vec![World::failed(&request, LoadError::Unavailable)],
                Answer::Lost => {
                    world.answer(&request);
                    vec![World::failed(&request, LoadError::Unavailable)]
                }
                Answer::Malformed => {
                    world.answer(&request);
                    vec![World::failed(&request, LoadError::Malformed)]
                }
                Answer::Twice => {
                    let first = world.answer(&request);
                    let second = world.answer(&request);
                    vec![first, second]
                }
            }
        }
        Action::FireTimer(i) => {
            if world.timers.is_empty() {
                return vec![];
            }
            match world.timers.remove(i % world.timers.len()) {
                Timer::RetryLoad => vec![Event::RetryLoad],
                Timer::RefreshLink => {
                    world.in_flight.push(Request::RefreshLink);
                    vec![]
                }
                Timer::Expiry => {
                    world.expiry_told = true;
                    if world.link.status.is_payable() && world.approved().is_none() {
                        world.link.status = LinkStatus::Expired;
                    }
                    vec![Event::LinkExpired]
                }
                Timer::Poll(sent) => {
                    world.in_flight.push(Request::Poll(sent));
                    vec![]
                }
                Timer::Withdraw(reference) => {
                    world.in_flight.push(Request::Withdraw(reference));
                    vec![]
                }
                // Checked when the page armed it.
                Timer::ReturnToMerchant => vec![],
            }
        }
        Action::BankDecides(decision) => {
            world.decide(*decision);
            vec![]
        }
        Action::LinkEnds(expired) => {
            if world.link.status.is_payable() && world.approved().is_none() {
                world.link.status = if *expired {
                    LinkStatus::Expired
                } else {
                    LinkStatus::Cancelled
                };
            }
            vec![]
        }
        Action::OtherTabPays => {
            let key = world.fresh_key();
            let details = other_tab_details();
            let _ = world.pay(&key, &details);
            vec![]
        }
    }
}

fn other_tab_details() -> PaymentDetails {
    PaymentDetails {
        email: Some("other@example.com".into()),
        ..bancolombia_details()
    }
}

/// What the page asks the world to do.
fn apply(world: &mut World, effect: Effect) {
    match effect {
        Effect::FetchLink => world.in_flight.push(Request::FetchLink),
        Effect::RetryLoadAfter(_) => world.timers.push(Timer::RetryLoad),
        Effect::RefreshLinkAfter(_) => world.timers.push(Timer::RefreshLink),
        Effect::WatchExpiry(_) => world.timers.push(Timer::Expiry),
        Effect::FetchBanks => world.in_flight.push(Request::FetchBanks),
        Effect::SubmitPayment {
            idempotency_key,
            details,
        } => world.in_flight.push(Request::Pay {
            key: idempotency_key,
            details,
        }),
        Effect::Navigate(_) => {}
        Effect::RememberPayment(reference) => world.url_reference = Some(reference),
        Effect::ForgetPayment => world.url_reference = None,
        // Numbered by `poll_chain` first.
        Effect::PollPayment { .. } => {}
        Effect::ReturnToMerchantAfter { .. } => world.timers.push(Timer::ReturnToMerchant),
        Effect::WithdrawPush { reference, .. } => world.timers.push(Timer::Withdraw(reference)),
    }
}

/// One chain of polls at a time: a poll asked on a poll's answer continues
/// that chain, which must be the newest and have no other poll out; any
/// other poll starts a new chain, and the older ones end at their next answer.
fn poll_chain(world: &mut World, effect: &Effect, answered: Option<u32>) -> Result<(), String> {
    let Effect::PollPayment {
        reference, poll, ..
    } = effect
    else {
        return Ok(());
    };
    let chain = match answered {
        Some(chain) if chain != world.newest_chain => {
            return Err(format!(
                "polls {reference} on in chain {chain}, which chain {} replaced: two chains poll",
                world.newest_chain
            ))
        }
        Some(chain) => {
            let out = world
                .timers
                .iter()
                .any(|t| matches!(t, Timer::Poll(s) if s.chain == chain))
                || world
                    .in_flight
                    .iter()
                    .any(|r| matches!(r, Request::Poll(s) if s.chain == chain));
            if out {
                return Err(format!("poll chain {chain} of {reference} split in two"));
            }
            chain
        }
        None => {
            world.newest_chain += 1;
            world.newest_chain
        }
    };
    world.timers.push(Timer::Poll(PollSent {
        reference: reference.clone(),
        poll: *poll,
        chain,
    }));
    Ok(())
}

fn check_navigation(url: &str) -> Result<(), String> {
    if url.starts_with(BANK_PAGE) || is_followable(url, true) {
        Ok(())
    } else {
        Err(format!(
            "navigates to {url:?}, which the redirect rule refuses"
        ))
    }
}

/// Invariants on what the page asks for.
fn check_effect(
    world: &World,
    effect: &Effect,
    keys_used: &mut Vec<(String, PaymentDetails)>,
) -> Result<(), String> {
    match effect {
        Effect::Navigate(url) | Effect::ReturnToMerchantAfter { url, .. } => check_navigation(url),
        Effect::SubmitPayment {
            idempotency_key,
            details,
        } => {
            match keys_used.iter().find(|(key, _)| key == idempotency_key) {
                // One attempt, one key, one set of details.
                Some((_, sent)) if sent != details => {
                    return Err(format!("key {idempotency_key} sent with other details"))
                }
                Some(_) => return Ok(()),
                None => keys_used.push((idempotency_key.clone(), details.clone())),
            }
            // A new attempt only once every payment the page knows of has ended unpaid.
            match world.still_payable() {
                Some((reference, status)) => Err(format!(
                    "new attempt {idempotency_key} while {reference} may still pay ({status:?})"
                )),
                None => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// Invariants on what the payer sees.
/// `before` is the state's name before the step.
fn check_state(world: &World, before: &str, state: &Checkout) -> Result<(), String> {
    let approved = world.approved().map(|p| p.reference.as_str());
    if world
        .payments
        .iter()
        .filter(|p| p.status == PaymentStatus::Approved)
        .count()
        > 1
    {
        return Err("two payments approved for one link".into());
    }
    match state {
        Checkout::Paid { report, .. } if Some(report.reference.as_str()) != approved => {
            return Err(format!(
                "shows {} paid, the provider approved {approved:?}",
                report.reference
            ))
        }
        Checkout::LinkPaid(_) if approved.is_none() => {
            return Err("shows the link paid with no approved payment".into())
        }
        Checkout::Paying(Paying {
            phase: Phase::Failed { report },
            ..
        }) if Some(report.reference.as_str()) == approved => {
            return Err(format!(
                "shows {} failed, the provider approved it",
                report.reference
            ))
        }
        // An approval the page was told it started is never shown as the link ending.
        Checkout::Expired(_) | Checkout::Cancelled(_)
            if world.known.iter().any(|r| Some(r.as_str()) == approved) =>
        {
            return Err(format!("shows {} with {approved:?} approved", state.name()));
        }
        _ => {}
    }
    // A new code is offered only once the provider said the old one ended unpaid.
    if let Checkout::Paying(Paying {
        phase: Phase::Failed { report },
        ..
    }) = state
    {
        let ended_unpaid = world
            .report(&report.reference)
            .is_some_and(|r| r.status.is_final() && r.status != PaymentStatus::Approved);
        if state.offers_new_code() && !ended_unpaid {
            return Err(format!(
                "offers a new code while {} may pay",
                report.reference
            ));
        }
    }
    // Back at the choice after a withdrawn push: only once every payment the
    // page knows of can no longer be approved, and none was.
    if let ("withdrawing", Checkout::Payable(_)) = (before, state) {
        if let Some((reference, status)) = world.still_payable() {
            return Err(format!(
                "back to the choice while {reference} stands {status:?}"
            ));
        }
    }
    // While the payer fills the form or reviews a payment, the page keeps
    // checking the link and watching its expiry, so a link that changes is
    // known before paying.
    if matches!(state, Checkout::Payable(_)) || is_reviewing(state) {
        let refreshing = world.timers.iter().any(|t| matches!(t, Timer::RefreshLink))
            || world.in_flight.contains(&Request::RefreshLink);
        let watching = world.expiry_told || world.timers.iter().any(|t| matches!(t, Timer::Expiry));
        if !refreshing || !watching {
            return Err(format!(
                "stopped watching the link (refresh: {refreshing}, expiry: {watching})"
            ));
        }
    }
    if let Some(form) = form_of(state) {
        if form != &world.typed {
            return Err(format!("lost what the payer typed in {}", state.name()));
        }
    }
    Ok(())
}

fn action() -> impl Strategy<Value = Action> {
    let answer = prop_oneof![
        4 => Just(Answer::Ok),
        1 => Just(Answer::ServerError),
        1 => Just(Answer::Lost),
        1 => Just(Answer::Malformed),
        1 => Just(Answer::Twice),
    ];
    let decision = prop_oneof![
        3 => Just(Decision::Approve),
        1 => Just(Decision::Decline),
        1 => Just(Decision::Abandon),
        1 => Just(Decision::Expire),
        1 => Just(Decision::Unknown),
    ];
    prop_oneof![
        2 => (0..5usize).prop_map(Action::ChooseMethod),
        2 => Just(Action::TypeEverything),
        1 => Just(Action::TypeOtherEmail),
        1 => Just(Action::TypeInvalidPhone),
        3 => Just(Action::Submit),
        2 => Just(Action::ConfirmReview),
        1 => Just(Action::BackFromReview),
        1 => Just(Action::NewAttempt),
        1 => Just(Action::ReturnToMerchant),
        1 => Just(Action::Reload),
        1 => Just(Action::GoOffline),
        1 => Just(Action::BackOnline),
        1 => Just(Action::CountdownEnds),
        1 => Just(Action::PayAnotherWay),
        8 => (0..4usize, answer).prop_map(|(i, a)| Action::Deliver(i, a)),
        3 => (0..4usize).prop_map(Action::FireTimer),
        2 => decision.prop_map(Action::BankDecides),
        1 => any::<bool>().prop_map(Action::LinkEnds),
        1 => Just(Action::OtherTabPays),
    ]
}

fn callbacks() -> impl Strategy<Value = CallbackUrls> {
    let url = prop_oneof![
        Just(Some("https://merchant.example/ok".to_owned())),
        Just(None),
        // Defence in depth: the wire layer drops these, and the state machine
        // must not follow one either.
        Just(Some("javascript:alert(1)".to_owned())),
        Just(Some("http://merchant.example/plain".to_owned())),
        Just(Some("https://evil.example@merchant.example/".to_owned())),
    ];
    (url.clone(), url).prop_map(|(success, cancel)| CallbackUrls { success, cancel })
}

/// The Colombian methods; Pix alone (its form at once), whose payments are
/// reviewed before they are sent; Bre-B alone (a code at once) or beside
/// the others; or all of them.
fn methods() -> impl Strategy<Value = Vec<Method>> {
    prop_oneof![
        2 => Just(colombian_methods()),
        1 => Just(vec![Method::Pix]),
        1 => Just(vec![Method::BreB]),
        1 => Just([colombian_methods(), vec![Method::BreB]].concat()),
        1 => Just([colombian_methods(), vec![Method::Pix, Method::BreB]].concat()),
    ]
}

fn histories() -> u32 {
    std::env::var("HISTORIES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// The payer's way to a Nequi push awaiting approval: the link loads, Nequi
/// is chosen and filled, Pay is answered. Histories from there reach the
/// way out of the wait far more often than from the start.
fn to_a_push() -> Vec<Action> {
    vec![
        Action::Deliver(0, Answer::Ok),
        Action::ChooseMethod(2),
        Action::TypeEverything,
        Action::Submit,
        Action::Deliver(1, Answer::Ok),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: histories(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_history_pays_twice_lies_or_loses_what_was_typed(
        actions in prop::collection::vec(action(), 1..60),
        callbacks in callbacks(),
        methods in methods(),
        withdraws in prop::bool::weighted(0.8),
    ) {
        if let Err(broken) = run(&actions, callbacks, methods, withdraws) {
            prop_assert!(false, "{}", broken);
        }
    }

    #[test]
    fn no_way_out_of_a_push_pays_twice_or_loses_an_approval(
        actions in prop::collection::vec(action(), 1..40),
        callbacks in callbacks(),
        withdraws in prop::bool::weighted(0.8),
    ) {
        let actions = [to_a_push(), actions].concat();
        if let Err(broken) = run(&actions, callbacks, colombian_methods(), withdraws) {
            prop_assert!(false, "{}", broken);
        }
    }
}
