//! The link stays watched (checked again every `REFRESH_LINK_MS`, and its
//! expiry) through submissions and new attempts, and news about the link
//! that comes while a pay request is in flight never hides a payment that
//! may have started.

use super::{step, Checkout, Effect, Event, LoadError, SubmitError, REFRESH_LINK_MS};
use crate::checkout::fixtures::*;
use crate::checkout::link::{LinkStatus, PaymentLink};
use crate::checkout::payment::PaymentStatus;

fn form() -> Checkout {
    reach(colombian_link(colombian_methods()), bancolombia_form())
}

fn submitting() -> Checkout {
    let (state, effects) = run(form(), vec![submit("k1")]);
    assert_eq!(state.name(), "submitting");
    assert!(matches!(&effects[..], [Effect::SubmitPayment { .. }]));
    state
}

fn refreshed(link: PaymentLink) -> Event {
    Event::LinkRefreshed(Ok(link))
}

fn still_payable() -> Event {
    refreshed(colombian_link(colombian_methods()))
}

fn refresh_again() -> Effect {
    Effect::RefreshLinkAfter(REFRESH_LINK_MS)
}

fn watch_expiry() -> Effect {
    Effect::WatchExpiry(EXPIRES_AT.into())
}

fn paid_link() -> PaymentLink {
    link_with_status(paid_status())
}

fn cancelled_link() -> PaymentLink {
    link_with_status(LinkStatus::Cancelled)
}

fn refused(error: SubmitError) -> Event {
    Event::PayAnswered(Err(error))
}

#[test]
fn a_form_back_from_a_failed_submission_is_checked_again() {
    // The check of the link came back while the pay request was in flight.
    let (state, effects) = step(submitting(), still_payable());
    assert_eq!(state.name(), "submitting");
    assert_eq!(effects, vec![]);
    let (state, effects) = step(state, refused(SubmitError::Unavailable));
    assert_eq!(state.name(), "filling");
    assert_eq!(effects, vec![refresh_again()]);
    // And the check after that keeps going.
    let (_, effects) = step(state, still_payable());
    assert_eq!(effects, vec![refresh_again()]);
}

#[test]
fn a_form_back_from_a_submission_starts_no_second_check_while_one_is_out() {
    let (state, effects) = step(submitting(), refused(SubmitError::Unavailable));
    assert_eq!(state.name(), "filling");
    assert_eq!(effects, vec![], "the check armed before Pay is still out");
}

#[test]
fn a_new_attempt_watches_the_link_again() {
    // Both watches came back while the payer approved (or not) in the app.
    let (failed, _) = run(
        form(),
        vec![
            submit("k1"),
            pushed_to_app(),
            still_payable(),
            Event::LinkExpired,
            polled(PaymentStatus::Declined),
        ],
    );
    assert_eq!(failed.name(), "failed");
    let (state, effects) = step(failed, Event::NewAttempt);
    assert_eq!(state.name(), "filling");
    assert_eq!(
        effects,
        vec![Effect::ForgetPayment, refresh_again(), watch_expiry()]
    );
    let (expired, _) = step(state, Event::LinkExpired);
    assert_eq!(expired.name(), "expired");
}

#[test]
fn a_new_attempt_arms_no_watch_that_is_still_out() {
    let (failed, _) = run(
        form(),
        vec![
            submit("k1"),
            pushed_to_app(),
            polled(PaymentStatus::Declined),
        ],
    );
    let (_, effects) = step(failed, Event::NewAttempt);
    assert_eq!(effects, vec![Effect::ForgetPayment]);
}

#[test]
fn news_of_the_link_during_a_refused_submission_is_shown_once_it_is_refused() {
    let cases = [
        (Event::LinkExpired, "expired"),
        (refreshed(cancelled_link()), "cancelled"),
        (refreshed(link_with_status(LinkStatus::Expired)), "expired"),
        (refreshed(paid_link()), "paid"),
        (Event::LinkRefreshed(Err(LoadError::NotFound)), "not-found"),
    ];
    for (news, screen) in cases {
        let (state, effects) = step(submitting(), news.clone());
        assert_eq!(state.name(), "submitting", "{news:?} waits for the answer");
        assert_eq!(effects, vec![]);
        for refusal in [
            SubmitError::InvalidStatus,
            SubmitError::NotFound,
            SubmitError::AmountMismatch,
            SubmitError::Rejected { field: None },
        ] {
            let (state, _) = step(state.clone(), refused(refusal.clone()));
            assert_eq!(state.name(), screen, "{news:?} then {refusal:?}");
        }
    }
}

#[test]
fn a_payment_started_despite_news_of_the_link_is_followed_to_its_end() {
    // The provider took the request: the money may move (a push on the
    // payer's phone, a bank page), so only the payment's own status is true.
    for news in [
        Event::LinkExpired,
        refreshed(paid_link()),
        refreshed(cancelled_link()),
        refreshed(link_in_progress(REFERENCE)),
    ] {
        let (awaiting, effects) = run(submitting(), vec![news.clone(), pushed_to_app()]);
        assert_eq!(awaiting.name(), "awaiting-approval", "{news:?}");
        assert_eq!(effects[0], Effect::RememberPayment(REFERENCE.into()));
        let (paid, _) = step(awaiting.clone(), polled(PaymentStatus::Approved));
        assert!(matches!(paid, Checkout::Paid { .. }), "{news:?}: {paid:?}");
        let (refunded, _) = step(awaiting, polled(PaymentStatus::Refunded));
        assert_eq!(refunded.name(), "failed");

        let (redirecting, effects) = run(submitting(), vec![news.clone(), redirected()]);
        assert_eq!(redirecting.name(), "redirecting", "{news:?}");
        assert_eq!(
            effects,
            vec![
                Effect::RememberPayment(REFERENCE.into()),
                Effect::Navigate(BANK_URL.into())
            ]
        );
    }
}

#[test]
fn a_pay_refused_as_in_progress_despite_news_waits_for_that_payment() {
    let (state, effects) = run(
        submitting(),
        vec![
            Event::LinkExpired,
            refused(SubmitError::InProgress("mm_other".into())),
        ],
    );
    assert_eq!(state.name(), "payment-in-progress");
    assert_eq!(
        effects,
        vec![Effect::PollPayment {
            reference: "mm_other".into(),
            after_ms: 0,
            poll: 1,
        }]
    );
}

#[test]
fn a_lost_pay_answer_follows_the_payment_the_link_says_is_in_progress() {
    // The check of the link found a payment in progress: most likely the one
    // this very request started before its answer was lost.
    for lost in [SubmitError::Unavailable, SubmitError::Unreadable] {
        let (state, effects) = run(
            submitting(),
            vec![refreshed(link_in_progress(REFERENCE)), refused(lost)],
        );
        assert_eq!(state.name(), "payment-in-progress");
        assert_eq!(
            effects,
            vec![Effect::PollPayment {
                reference: REFERENCE.into(),
                after_ms: 0,
                poll: 1,
            }]
        );
        let (paid, _) = step(state, polled(PaymentStatus::Approved));
        assert_eq!(paid.name(), "paid");
    }
}

#[test]
fn a_lost_pay_answer_after_the_expiry_waits_for_the_providers_word_on_the_link() {
    // The request may have started a payment before the link expired: the
    // form stays (its key kept) until the next check says whether one is
    // in progress, and only then does the expiry apply.
    let (state, effects) = run(
        submitting(),
        vec![Event::LinkExpired, refused(SubmitError::Unavailable)],
    );
    assert_eq!(state.name(), "filling");
    assert_eq!(effects, vec![]);

    let (waiting, _) = step(state.clone(), refreshed(link_in_progress(REFERENCE)));
    assert_eq!(waiting.name(), "payment-in-progress");

    let (state, effects) = step(state, still_payable());
    assert_eq!(state.name(), "filling");
    assert_eq!(effects, vec![refresh_again(), watch_expiry()]);
    let (expired, _) = step(state, Event::LinkExpired);
    assert_eq!(expired.name(), "expired");
}

#[test]
fn a_failed_check_of_the_link_keeps_watching_where_the_form_is_shown() {
    for error in [LoadError::Unavailable, LoadError::Malformed] {
        let failed_check = Event::LinkRefreshed(Err(error.clone()));
        let (state, effects) = step(form(), failed_check.clone());
        assert_eq!(state.name(), "filling");
        assert_eq!(effects, vec![refresh_again()], "{error:?}");

        // While submitting it waits for the answer, then the form checks again.
        let (state, effects) = step(submitting(), failed_check.clone());
        assert_eq!(state.name(), "submitting");
        assert_eq!(effects, vec![]);
        let (state, effects) = step(state, refused(SubmitError::Unavailable));
        assert_eq!(state.name(), "filling");
        assert_eq!(effects, vec![refresh_again()], "{error:?}");
    }
    let (state, effects) = step(form(), Event::LinkRefreshed(Err(LoadError::NotFound)));
    assert_eq!(state.name(), "not-found");
    assert_eq!(effects, vec![]);
}

#[test]
fn a_failed_check_of_the_link_changes_nothing_a_payer_sees_elsewhere() {
    let waiting = [
        run(form(), vec![submit("k1"), redirected()]).0,
        run(form(), vec![submit("k1"), pushed_to_app()]).0,
        returned(vec![]),
        returned(vec![polled(PaymentStatus::Declined)]),
        reach(link_in_progress("mm_other"), vec![]),
        returned(vec![polled(PaymentStatus::Approved)]),
        reach(paid_link(), vec![]),
        reach(cancelled_link(), vec![]),
        reach(link_with_status(LinkStatus::Expired), vec![]),
        reach(
            link_with_status(LinkStatus::Unrecognized("X".into())),
            vec![],
        ),
    ];
    for state in waiting {
        for error in [
            LoadError::Unavailable,
            LoadError::Malformed,
            LoadError::NotFound,
        ] {
            let (next, effects) = step(state.clone(), Event::LinkRefreshed(Err(error)));
            assert_eq!(next.name(), state.name());
            assert_eq!(effects, vec![], "{}", state.name());
        }
    }
}

/// What the browser shell does with the watches: each armed one is out
/// until its timer fires and its event comes back.
struct Browser {
    state: Checkout,
    checks_out: u32,
    expiries_out: u32,
}

enum Next {
    Payer(Box<Event>),
    CheckComesBack,
    ExpiryFires,
}

fn payer(event: Event) -> Next {
    Next::Payer(Box::new(event))
}

impl Browser {
    fn dispatch(&mut self, event: Event) {
        match event {
            Event::LinkRefreshed(_) => self.checks_out -= 1,
            Event::LinkExpired => self.expiries_out -= 1,
            _ => {}
        }
        let (state, effects) = step(self.state.clone(), event);
        for effect in &effects {
            match effect {
                Effect::RefreshLinkAfter(_) => self.checks_out += 1,
                Effect::WatchExpiry(_) => self.expiries_out += 1,
                _ => {}
            }
        }
        self.state = state;
        let name = self.state.name();
        assert!(self.checks_out <= 1, "{name}: two checks of the link out");
        assert!(self.expiries_out <= 1, "{name}: two expiry watches out");
        if let Checkout::Payable(_) = self.state {
            assert_eq!(
                (self.checks_out, self.expiries_out),
                (1, 1),
                "{name}: the form is not watched"
            );
        }
    }

    fn play(&mut self, script: Vec<Next>) {
        for next in script {
            match next {
                Next::Payer(event) => self.dispatch(*event),
                Next::CheckComesBack if self.checks_out > 0 => self.dispatch(still_payable()),
                Next::ExpiryFires if self.expiries_out > 0 => self.dispatch(Event::LinkExpired),
                Next::CheckComesBack | Next::ExpiryFires => {}
            }
        }
    }
}

#[test]
fn however_the_payer_goes_the_form_is_watched_once() {
    use Next::CheckComesBack;
    let mut browser = Browser {
        state: loading(),
        checks_out: 0,
        expiries_out: 0,
    };
    let form = bancolombia_form().into_iter().map(payer);
    browser.play(
        [
            payer(Event::LinkLoaded(Ok(colombian_link(colombian_methods())))),
            payer(Event::BanksLoaded(Ok(banks()))),
        ]
        .into_iter()
        .chain(form)
        .chain([
            CheckComesBack,
            // A refused request, the check coming back while it was in flight.
            payer(submit("k1")),
            CheckComesBack,
            payer(refused(SubmitError::Unavailable)),
            CheckComesBack,
            // An app approval that is declined, the check ending meanwhile.
            payer(submit("k2")),
            payer(pushed_to_app()),
            CheckComesBack,
            payer(polled(PaymentStatus::Declined)),
            payer(Event::NewAttempt),
            // A quick decline: the check armed before is still out.
            payer(submit("k3")),
            payer(pushed_to_app()),
            payer(polled(PaymentStatus::Declined)),
            payer(Event::NewAttempt),
            CheckComesBack,
            // Another attempt in progress, which ends unpaid.
            payer(submit("k4")),
            payer(refused(SubmitError::InProgress("mm_other".into()))),
            CheckComesBack,
            payer(polled_other("mm_other", PaymentStatus::Abandoned)),
            CheckComesBack,
            // One found by the check, which ends unpaid too.
            payer(refreshed(link_in_progress("mm_other"))),
            payer(polled_other("mm_other", PaymentStatus::Declined)),
            CheckComesBack,
        ])
        .collect(),
    );
    assert_eq!(browser.state.name(), "filling");
}

#[test]
fn an_expiry_that_fired_during_an_attempt_is_watched_again_by_the_next_one() {
    use Next::ExpiryFires;
    let mut browser = Browser {
        state: loading(),
        checks_out: 0,
        expiries_out: 0,
    };
    let form = bancolombia_form().into_iter().map(payer);
    browser.play(
        [payer(Event::LinkLoaded(Ok(colombian_link(
            colombian_methods(),
        ))))]
        .into_iter()
        .chain(form)
        .chain([
            payer(submit("k1")),
            payer(pushed_to_app()),
            ExpiryFires,
            payer(polled(PaymentStatus::Declined)),
            payer(Event::NewAttempt),
            ExpiryFires,
        ])
        .collect(),
    );
    assert_eq!(browser.state.name(), "expired");
}
