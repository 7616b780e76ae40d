//! The review before an Open Finance payment (Pix): Pay shows it and sends
//! nothing; only the payer's confirmation sends the attempt, once, with the
//! key chosen at Pay; going back keeps everything typed and leaves nothing
//! at the provider, so no way through the review can pay twice.

use super::{step, Checkout, Effect, Event, Phase, SubmitError};
use crate::checkout::fields::FieldId;
use crate::checkout::fixtures::*;
use crate::checkout::link::LinkStatus;
use crate::checkout::payment::{PaymentDetails, PersonType};

/// The pay requests among `effects`: (key, details).
fn sent(effects: &[Effect]) -> Vec<(String, PaymentDetails)> {
    effects
        .iter()
        .filter_map(|effect| match effect {
            Effect::SubmitPayment {
                idempotency_key,
                details,
            } => Some((idempotency_key.clone(), details.clone())),
            _ => None,
        })
        .collect()
}

/// What `pix_form` validates to on `pix_business_link`.
fn pix_details() -> PaymentDetails {
    PaymentDetails {
        person_type: Some(PersonType::Juridical),
        ..crate::checkout::fixtures::pix_details()
    }
}

fn reviewing() -> Checkout {
    reach_pix(submitted(pix_form()))
}

#[test]
fn pay_on_a_pix_form_shows_the_review_and_sends_nothing() {
    let form = reach_pix(pix_form());
    let (state, effects) = step(form.clone(), submit("k1"));
    assert_eq!(state.name(), "reviewing");
    assert_eq!(effects, vec![]);
    let Checkout::Paying(paying) = &state else {
        panic!("{state:?}")
    };
    assert_eq!(paying.phase, Phase::Reviewing);
    let attempt = paying.payable.attempt.as_ref().unwrap();
    assert_eq!(attempt.idempotency_key, "k1");
    assert_eq!(attempt.details, pix_details());
    assert_eq!(Some(&paying.payable.form), form.payable().map(|p| &p.form));
}

#[test]
fn only_the_confirmation_sends_the_attempt_and_a_second_one_is_ignored() {
    let (state, effects) = step(reviewing(), Event::ConfirmPayment);
    assert_eq!(state.name(), "submitting");
    assert_eq!(sent(&effects), vec![("k1".to_owned(), pix_details())]);
    let (again, effects) = step(state.clone(), Event::ConfirmPayment);
    assert_eq!((again, effects), (state.clone(), vec![]));
    // The consent page the answer names is where the payer goes next.
    let (state, effects) = step(state, redirected());
    assert_eq!(state.name(), "redirecting");
    assert_eq!(
        effects,
        vec![
            Effect::RememberPayment(REFERENCE.into()),
            Effect::Navigate(BANK_URL.into())
        ]
    );
}

#[test]
fn going_back_keeps_what_was_typed_and_sent_nothing() {
    let before = reviewing();
    let (back, effects) = step(before.clone(), Event::BackToForm);
    assert_eq!(back.name(), "filling");
    assert_eq!(effects, vec![]);
    let (Some(was), Some(is)) = (before.payable(), back.payable()) else {
        panic!("{back:?}")
    };
    assert_eq!(is.form, was.form);
    assert_eq!(is.method, was.method);
    assert_eq!(is.banks, was.banks);
    assert_eq!(is.watch, was.watch, "the link's watches stay out");
    // The same details again are the same attempt: its key is kept.
    let (state, _) = run(back, vec![submit("k2"), Event::ConfirmPayment]);
    assert_eq!(
        state
            .payable()
            .unwrap()
            .attempt
            .as_ref()
            .unwrap()
            .idempotency_key,
        "k1"
    );
}

#[test]
fn another_institution_after_going_back_is_a_new_attempt_sent_once() {
    let other = "7b6e2a5d-826d-44a3-a606-dd3d72b9172c";
    let (state, effects) = run(
        reviewing(),
        vec![Event::BackToForm, typed(FieldId::Bank, other), submit("k2")],
    );
    assert_eq!(state.name(), "reviewing");
    assert_eq!(effects, vec![]);
    let (_, effects) = step(state, Event::ConfirmPayment);
    let details = PaymentDetails {
        bank_id: Some(other.into()),
        ..pix_details()
    };
    assert_eq!(sent(&effects), vec![("k2".to_owned(), details)]);
}

#[test]
fn a_lost_answer_after_confirming_is_retried_with_the_same_key_after_a_new_review() {
    let (state, effects) = run(
        reviewing(),
        vec![
            Event::ConfirmPayment,
            Event::PayAnswered(Err(SubmitError::Unavailable)),
        ],
    );
    assert_eq!(state.name(), "filling");
    assert_eq!(
        state.payable().unwrap().submit_error,
        Some(SubmitError::Unavailable)
    );
    assert!(sent(&effects).is_empty());
    let (state, effects) = step(state, submit("k2"));
    assert_eq!(state.name(), "reviewing");
    assert!(sent(&effects).is_empty());
    let (_, effects) = step(state, Event::ConfirmPayment);
    assert_eq!(sent(&effects), vec![("k1".to_owned(), pix_details())]);
}

#[test]
fn the_link_ending_during_the_review_is_shown_before_anything_is_sent() {
    let (state, effects) = step(reviewing(), Event::LinkExpired);
    assert_eq!((state.name(), effects), ("expired", vec![]));
    let cancelled = Event::LinkRefreshed(Ok(link_with_status(LinkStatus::Cancelled)));
    let (state, effects) = step(reviewing(), cancelled);
    assert_eq!((state.name(), effects), ("cancelled", vec![]));
    // Someone paying it elsewhere: wait for that attempt, never send this one.
    let (state, effects) = step(
        reviewing(),
        Event::LinkRefreshed(Ok(link_in_progress("mm_other"))),
    );
    assert_eq!(state.name(), "payment-in-progress");
    assert!(sent(&effects).is_empty());
}

#[test]
fn a_check_of_a_payable_link_keeps_the_review_and_the_watch() {
    let (state, effects) = step(reviewing(), Event::LinkRefreshed(Ok(pix_business_link())));
    assert_eq!(state.name(), "reviewing");
    assert_eq!(
        effects,
        vec![Effect::RefreshLinkAfter(super::REFRESH_LINK_MS)]
    );
}

#[test]
fn the_review_ignores_the_form_and_late_answers() {
    let before = reviewing();
    for event in [
        submit("k9"),
        typed(FieldId::PayerCpf, "529.982.247-24"),
        Event::FieldLeft(FieldId::Bank),
        Event::NewAttempt,
        redirected(),
        Event::BanksLoaded(Ok(banks())),
    ] {
        assert_eq!(
            step(before.clone(), event.clone()),
            (before.clone(), vec![]),
            "{event:?}"
        );
    }
}

#[test]
fn methods_that_leave_at_once_have_no_review() {
    let (state, effects) = run(
        reach(colombian_link(colombian_methods()), pse_form()),
        vec![submit("k1")],
    );
    assert_eq!(state.name(), "submitting");
    assert_eq!(sent(&effects).len(), 1);
}
