//! The way out of an app approval: "pay another way" withdraws the push,
//! and another attempt starts only once the provider says that push can no
//! longer be approved; an approval that lands meanwhile is shown paid.

use super::*;
use crate::checkout::fixtures::{
    app_approval_link, bancolombia_form, colombian_link, colombian_methods, nequi_form, polled,
    polled_other, pushed_to_app, reach, redirected, report, run, submit, submitted, withdrawn,
    REFERENCE,
};
use crate::checkout::link::Method;

fn awaiting(link: PaymentLink) -> Checkout {
    let state = reach(
        link,
        [submitted(nequi_form()), vec![pushed_to_app()]].concat(),
    );
    assert_eq!(state.name(), "awaiting-approval");
    state
}

fn withdrawing(link: PaymentLink) -> Checkout {
    let (state, effects) = step(awaiting(link), Event::PayAnotherWay);
    assert_eq!(state.name(), "withdrawing");
    assert_eq!(
        effects,
        vec![Effect::WithdrawPush {
            reference: REFERENCE.into(),
            after_ms: 0
        }]
    );
    state
}

fn colombian() -> PaymentLink {
    colombian_link(colombian_methods())
}

fn form_of(state: &Checkout) -> &Payable {
    state.payable().expect("a state with the form")
}

#[test]
fn a_withdrawn_push_returns_to_the_choice_with_what_was_typed() {
    let before = awaiting(colombian());
    let typed = form_of(&before).form.clone();
    let (state, _) = step(before, Event::PayAnotherWay);
    let (state, effects) = step(state, withdrawn(PaymentStatus::Abandoned));
    assert_eq!(state.name(), "choosing-method");
    let payable = form_of(&state);
    assert_eq!(payable.form, typed);
    assert_eq!(payable.method, None);
    assert_eq!(payable.attempt, None);
    // Said as any attempt that ended unpaid while the payer waited.
    assert_eq!(payable.notice, Some(PayNotice::EarlierAttemptEnded));
    assert_eq!(effects.first(), Some(&Effect::ForgetPayment));

    // A second method is a new attempt, with a new key.
    let (state, effects) = run(
        state,
        [bancolombia_form(), vec![submit("k2")], vec![redirected()]].concat(),
    );
    assert_eq!(state.name(), "redirecting");
    assert!(effects.contains(&Effect::Navigate(
        crate::checkout::fixtures::BANK_URL.into()
    )));
}

#[test]
fn a_link_of_one_method_opens_its_form_again() {
    let (state, _) = step(
        withdrawing(app_approval_link()),
        withdrawn(PaymentStatus::Abandoned),
    );
    assert_eq!(state.name(), "filling");
    assert_eq!(form_of(&state).method, Some(Method::Nequi));
}

#[test]
fn a_push_that_expired_or_was_declined_meanwhile_also_frees_the_payer() {
    for status in [PaymentStatus::Expired, PaymentStatus::Declined] {
        let (state, _) = step(withdrawing(colombian()), withdrawn(status.clone()));
        assert_eq!(state.name(), "choosing-method", "{status:?}");
        let (state, _) = step(withdrawing(colombian()), polled(status.clone()));
        assert_eq!(state.name(), "choosing-method", "{status:?}");
    }
}

#[test]
fn an_approval_landing_meanwhile_is_shown_paid() {
    // Told by the withdraw answer ("already paid") or by a poll in flight.
    for event in [
        withdrawn(PaymentStatus::Approved),
        polled(PaymentStatus::Approved),
    ] {
        let (state, _) = step(withdrawing(colombian()), event);
        assert!(
            matches!(&state, Checkout::Paid { report, .. } if report.reference == REFERENCE),
            "{state:?}"
        );
        // A late answer about the withdraw changes nothing.
        let (after, effects) = step(state.clone(), withdrawn(PaymentStatus::Abandoned));
        assert_eq!((after, effects), (state, vec![]));
    }
}

#[test]
fn money_being_refunded_is_not_a_way_back_to_the_form() {
    let (state, _) = step(withdrawing(colombian()), withdrawn(PaymentStatus::Refunded));
    assert!(matches!(
        &state,
        Checkout::Paying(Paying {
            phase: Phase::Failed { report },
            ..
        }) if report.status == PaymentStatus::Refunded
    ));
}

#[test]
fn a_push_the_provider_kept_is_confirmed_like_any_payment() {
    let (kept, effects) = step(withdrawing(colombian()), withdrawn(PaymentStatus::Pending));
    // The polls under way go on: no second chain of them.
    assert_eq!((kept.name(), effects), ("confirming", vec![]));
    // A provider without the call (not found) is the same.
    let (state, _) = step(
        withdrawing(colombian()),
        Event::PushWithdrawn {
            reference: REFERENCE.into(),
            result: Err(LoadError::NotFound),
        },
    );
    assert_eq!(state, kept);
    // Then it ends: approved is paid, expired is a failure to try again from.
    let (paid, _) = step(kept.clone(), polled(PaymentStatus::Approved));
    assert_eq!(paid.name(), "paid");
    let (failed, _) = step(kept, polled(PaymentStatus::Expired));
    assert_eq!(failed.name(), "failed");
}

#[test]
fn a_lost_answer_asks_again_and_never_frees_the_payer_by_itself() {
    let lost = Event::PushWithdrawn {
        reference: REFERENCE.into(),
        result: Err(LoadError::Unavailable),
    };
    let (state, effects) = step(withdrawing(colombian()), lost);
    assert_eq!(state.name(), "withdrawing");
    assert_eq!(
        effects,
        vec![Effect::WithdrawPush {
            reference: REFERENCE.into(),
            after_ms: 2_000
        }]
    );
    // Pressing again while withdrawing, or another payment's news: nothing.
    for event in [
        Event::PayAnotherWay,
        polled_other("mm_other", PaymentStatus::Declined),
        Event::PushWithdrawn {
            reference: "mm_other".into(),
            result: Ok(PaymentReport {
                reference: "mm_other".into(),
                ..report(PaymentStatus::Abandoned)
            }),
        },
        submit("k9"),
    ] {
        let (after, effects) = step(state.clone(), event);
        assert_eq!((after, effects), (state.clone(), vec![]));
    }
}

#[test]
fn only_the_approval_screen_offers_the_way_out() {
    // A bank page cannot be withdrawn from here: the button is not there,
    // and the event changes nothing.
    let redirecting = reach(
        colombian(),
        [submitted(bancolombia_form()), vec![redirected()]].concat(),
    );
    let (after, effects) = step(redirecting.clone(), Event::PayAnotherWay);
    assert_eq!((after, effects), (redirecting, vec![]));
}
