//! Paying by code (Bre-B, Pix QR): the code is shown while its payment is
//! polled; once its countdown ends it is no longer shown, and a new code is
//! offered only after the provider says the old one ended unpaid. A reload
//! shows the same code again.

use super::*;
use crate::checkout::fixtures::{
    breb_code, breb_form, code_shown, colombian_link, polled, reach, report, returning, run,
    submit, REFERENCE,
};
use crate::checkout::link::Method;

fn breb_link() -> PaymentLink {
    colombian_link(vec![Method::Bancolombia, Method::BreB])
}

fn showing_code() -> Checkout {
    let asked = reach(breb_link(), breb_form());
    let (state, effects) = step(asked, code_shown(breb_code()));
    assert_eq!(state.name(), "showing-code");
    assert_eq!(
        effects,
        vec![
            Effect::RememberPayment(REFERENCE.into()),
            Effect::PollPayment {
                reference: REFERENCE.into(),
                after_ms: CODE_POLL_MS,
                poll: 1,
            }
        ]
    );
    state
}

fn pending_with_code() -> Event {
    Event::PaymentPolled {
        reference: REFERENCE.into(),
        poll: 1,
        result: Ok(PaymentReport {
            method: Some(Method::BreB),
            code: Some(Box::new(breb_code())),
            ..report(PaymentStatus::Pending)
        }),
    }
}

#[test]
fn a_code_is_asked_for_with_no_payer_data() {
    let (state, effects) = run(reach(breb_link(), vec![]), breb_form());
    assert_eq!(state.name(), "submitting");
    assert_eq!(
        effects,
        vec![Effect::SubmitPayment {
            idempotency_key: "k1".into(),
            details: PaymentDetails::anonymous(Method::BreB),
        }]
    );
}

#[test]
fn the_code_shows_until_its_payment_is_approved() {
    let state = showing_code();
    assert_eq!(state.payment_code(), Some(&breb_code()));
    let (state, effects) = step(state, pending_with_code());
    assert_eq!(state.name(), "showing-code");
    assert_eq!(
        effects,
        vec![Effect::PollPayment {
            reference: REFERENCE.into(),
            after_ms: CODE_POLL_MS,
            poll: 2,
        }]
    );
    // No answer is no news: ask again, the code stays.
    let (state, effects) = step(
        state,
        Event::PaymentPolled {
            reference: REFERENCE.into(),
            poll: 2,
            result: Err(LoadError::Unavailable),
        },
    );
    assert_eq!(state.name(), "showing-code");
    assert_eq!(effects.len(), 1);
    let (state, _) = step(state, polled(PaymentStatus::Approved));
    assert_eq!(state.name(), "paid");
}

#[test]
fn what_the_payer_does_meanwhile_starts_nothing() {
    for event in [
        submit("k2"),
        Event::NewAttempt,
        Event::PayAnotherWay,
        Event::BackOnline,
        Event::LinkExpired,
        Event::MethodChosen(Method::Bancolombia),
    ] {
        let (state, effects) = step(showing_code(), event.clone());
        assert_eq!(state.name(), "showing-code", "{event:?}");
        assert_eq!(effects, vec![], "{event:?}");
    }
}

#[test]
fn an_ended_countdown_hides_the_code_and_asks_nothing_more_itself() {
    let (state, effects) = step(showing_code(), Event::DeadlinePassed);
    assert_eq!(state.name(), "code-ended");
    assert_eq!(state.payment_code(), None);
    // The poll under way goes on: one chain of polls, not two.
    assert_eq!(effects, vec![]);
    // Still pending by the provider (clocks differ): asked again, never shown again.
    let (state, effects) = step(state, pending_with_code());
    assert_eq!(state.name(), "code-ended");
    assert_eq!(effects.len(), 1);
    // Paid at the last second: paid.
    let (paid, _) = step(state.clone(), polled(PaymentStatus::Approved));
    assert_eq!(paid.name(), "paid");
    assert!(
        !state.offers_new_code(),
        "not before the provider says how it ended"
    );
}

#[test]
fn a_new_code_comes_only_after_the_provider_says_the_old_one_ended() {
    let ended = step(showing_code(), Event::DeadlinePassed).0;
    let (failed, _) = step(ended, polled(PaymentStatus::Expired));
    assert_eq!(failed.name(), "failed");
    assert!(failed.offers_new_code());

    let (state, effects) = step(failed, submit("k2"));
    assert_eq!(state.name(), "submitting");
    assert_eq!(effects.first(), Some(&Effect::ForgetPayment));
    assert!(
        effects.contains(&Effect::SubmitPayment {
            idempotency_key: "k2".into(),
            details: PaymentDetails::anonymous(Method::BreB),
        }),
        "a new attempt, with its own key: {effects:?}"
    );
}

#[test]
fn a_renewed_code_the_provider_refuses_waits_for_the_old_one() {
    let failed = step(showing_code(), polled(PaymentStatus::Declined)).0;
    let (state, _) = run(
        failed,
        vec![
            submit("k2"),
            Event::PayAnswered(Err(SubmitError::InProgress(REFERENCE.into()))),
        ],
    );
    assert_eq!(state.name(), "payment-in-progress");
}

#[test]
fn money_being_returned_offers_no_new_code() {
    let (state, _) = step(showing_code(), polled(PaymentStatus::Refunded));
    assert!(!state.offers_new_code());
    let (state, effects) = step(state, submit("k2"));
    assert_eq!(state.name(), "failed");
    assert_eq!(effects, vec![]);
}

#[test]
fn other_methods_go_back_to_the_form_rather_than_pay_at_once() {
    let failed = Checkout::Paying(Paying {
        payable: Payable {
            method: Some(Method::Bancolombia),
            ..Payable::new(breb_link())
        },
        phase: Phase::Failed {
            report: report(PaymentStatus::Declined),
        },
    });
    assert!(!failed.offers_new_code());
    let (state, effects) = step(failed, submit("k2"));
    assert_eq!(state.name(), "failed");
    assert_eq!(effects, vec![]);
}

#[test]
fn a_reload_shows_the_same_code_while_it_lives() {
    let (confirming, _) = step(returning(), Event::LinkLoaded(Ok(breb_link())));
    assert_eq!(confirming.name(), "confirming");
    let (state, effects) = step(confirming, pending_with_code());
    assert_eq!(state.name(), "showing-code");
    assert_eq!(state.payment_code(), Some(&breb_code()));
    // The reload forgot the choice: the report's method gives the screen its words.
    assert_eq!(state.payable().and_then(|p| p.method), Some(Method::BreB));
    assert_eq!(effects.len(), 1, "polled as before the reload");
}

#[test]
fn a_code_of_a_method_not_paid_by_code_is_confirmed_as_any_payment() {
    let (confirming, _) = step(returning(), Event::LinkLoaded(Ok(breb_link())));
    let odd = Event::PaymentPolled {
        reference: REFERENCE.into(),
        poll: 1,
        result: Ok(PaymentReport {
            method: Some(Method::Bancolombia),
            code: Some(Box::new(breb_code())),
            ..report(PaymentStatus::Pending)
        }),
    };
    let (state, _) = step(confirming, odd);
    assert_eq!(state.name(), "confirming");
}

#[test]
fn a_code_paid_from_another_tab_is_waited_for_not_shown() {
    let link = PaymentLink {
        payment_in_progress: Some(REFERENCE.into()),
        ..breb_link()
    };
    let (state, _) = run(reach(link, vec![]), vec![pending_with_code()]);
    assert_eq!(state.name(), "payment-in-progress");
}

#[test]
fn a_reference_the_provider_does_not_know_shows_the_link_as_it_is() {
    let (state, effects) = step(
        showing_code(),
        Event::PaymentPolled {
            reference: REFERENCE.into(),
            poll: 1,
            result: Err(LoadError::NotFound),
        },
    );
    assert!(matches!(state, Checkout::Payable(_)), "{}", state.name());
    assert_eq!(effects.first(), Some(&Effect::ForgetPayment));
}
