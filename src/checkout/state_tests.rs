use super::*;
use crate::checkout::fields::FieldId as F;
use crate::checkout::fixtures::{
    answer, bancolombia_form, colombian_link, colombian_methods, general_link, link_in_progress,
    link_with_status, loading, polled, polled_other, report, returning, run, submit, typed,
    REFERENCE,
};
use crate::checkout::link::*;
use crate::checkout::money::Currency;
use crate::checkout::validate::{DocumentType, FieldError};

fn loaded(methods: Vec<Method>) -> Checkout {
    step(loading(), Event::LinkLoaded(Ok(colombian_link(methods)))).0
}

fn link(status: LinkStatus) -> PaymentLink {
    link_with_status(status)
}

fn submitted_bancolombia() -> Checkout {
    let (state, effects) = run(
        loaded(colombian_methods()),
        [bancolombia_form(), vec![submit("k1")]].concat(),
    );
    assert_eq!(state.name(), "submitting");
    assert!(
        matches!(&effects[..], [Effect::SubmitPayment { idempotency_key, .. }] if idempotency_key == "k1")
    );
    state
}

#[test]
fn a_loaded_link_lands_on_the_screen_of_its_status() {
    let cases = [
        (LinkStatus::Pending, "choosing-method"),
        (LinkStatus::Active, "choosing-method"),
        (
            LinkStatus::Paid {
                paid_at: None,
                paid_amount: None,
            },
            "paid",
        ),
        (LinkStatus::Expired, "expired"),
        (LinkStatus::Cancelled, "cancelled"),
        (LinkStatus::Unrecognized("REFUNDING".into()), "processing"),
    ];
    for (status, screen) in cases {
        let (state, _) = step(loading(), Event::LinkLoaded(Ok(link(status))));
        assert_eq!(state.name(), screen);
    }
}

#[test]
fn a_link_with_pse_fetches_banks_and_one_with_a_single_method_opens_its_form() {
    let (state, effects) = step(loading(), Event::LinkLoaded(Ok(link(LinkStatus::Pending))));
    assert!(effects.contains(&Effect::FetchBanks));
    assert_eq!(state.name(), "choosing-method");

    let (state, effects) = step(
        loading(),
        Event::LinkLoaded(Ok(colombian_link(vec![Method::Nequi]))),
    );
    assert!(!effects.contains(&Effect::FetchBanks));
    let Checkout::Payable(p) = state else {
        panic!()
    };
    assert_eq!(p.method, Some(Method::Nequi));
}

#[test]
fn a_failed_load_can_be_retried_only_when_it_may_pass() {
    let (failed, effects) = step(loading(), Event::LinkLoaded(Err(LoadError::Unavailable)));
    assert_eq!(failed.name(), "load-failed");
    assert_eq!(effects, vec![Effect::RetryLoadAfter(1_000)]);
    let (retrying, effects) = step(failed, Event::RetryLoad);
    assert_eq!(retrying.name(), "loading");
    assert_eq!(effects, vec![Effect::FetchLink]);

    let (missing, _) = step(loading(), Event::LinkLoaded(Err(LoadError::NotFound)));
    let (still_missing, effects) = step(missing, Event::RetryLoad);
    assert_eq!(still_missing.name(), "not-found");
    assert!(effects.is_empty());
}

#[test]
fn banks_load_or_fail_and_a_failed_list_can_be_fetched_again() {
    let bank = Bank {
        id: "1007".into(),
        name: "BANCOLOMBIA".into(),
    };
    let (state, _) = step(
        loaded(colombian_methods()),
        Event::BanksLoaded(Ok(vec![bank.clone()])),
    );
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert_eq!(p.banks, Banks::Loaded(vec![bank]));

    let (failed, _) = step(
        loaded(colombian_methods()),
        Event::BanksLoaded(Err(LoadError::Unavailable)),
    );
    let (again, effects) = step(failed, Event::RetryLoad);
    assert_eq!(effects, vec![Effect::FetchBanks]);
    let Checkout::Payable(p) = again else {
        panic!()
    };
    assert_eq!(p.banks, Banks::Loading);
}

#[test]
fn a_problem_shows_when_the_payer_leaves_the_field_and_clears_as_soon_as_it_is_fixed() {
    let (state, _) = run(
        loaded(colombian_methods()),
        vec![
            Event::MethodChosen(Method::Bancolombia),
            typed(F::Email, "payer@"),
        ],
    );
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert_eq!(p.problem(F::Email), None, "no error while still typing");

    let (state, _) = step(state, Event::FieldLeft(F::Email));
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert_eq!(
        p.problem(F::Email),
        Some(FieldProblem::Field(FieldError::InvalidEmail))
    );

    let (state, _) = step(state, typed(F::Email, "payer@example.com"));
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert_eq!(p.problem(F::Email), None);
    assert_eq!(p.form.get(F::Email), "payer@example.com");
}

#[test]
fn leaving_an_empty_field_is_not_an_error_until_submit() {
    let (state, _) = run(
        loaded(colombian_methods()),
        vec![
            Event::MethodChosen(Method::Nequi),
            Event::FieldLeft(F::Phone),
        ],
    );
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert!(p.problems.is_empty());
}

#[test]
fn submitting_an_invalid_form_sends_nothing_and_lists_every_problem() {
    let (state, effects) = run(
        loaded(colombian_methods()),
        vec![
            Event::MethodChosen(Method::Bancolombia),
            typed(F::Document, "12"),
            submit("k1"),
        ],
    );
    assert!(effects.is_empty());
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert!(p.problems.len() >= 3, "{:?}", p.problems);
    assert_eq!(p.form.get(F::Document), "12", "what was typed stays");
}

#[test]
fn switching_method_keeps_what_was_typed() {
    let (state, _) = run(
        loaded(colombian_methods()),
        [
            bancolombia_form(),
            vec![
                Event::MethodChosen(Method::Nequi),
                Event::MethodChosen(Method::Bancolombia),
            ],
        ]
        .concat(),
    );
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert_eq!(p.form.get(F::Email), "payer@example.com");
    assert_eq!(p.method, Some(Method::Bancolombia));
}

#[test]
fn a_method_the_link_does_not_allow_cannot_be_chosen() {
    let (state, _) = step(
        loaded(vec![Method::Pse, Method::Nequi]),
        Event::MethodChosen(Method::Bancolombia),
    );
    let Checkout::Payable(p) = state else {
        panic!()
    };
    assert_eq!(p.method, None);
}

#[test]
fn a_valid_form_submits_once_with_normalized_details() {
    let state = submitted_bancolombia();
    let Some(p) = state.payable().filter(|_| state.is_submitting()) else {
        panic!()
    };
    let details = &p.attempt.as_ref().unwrap().details;
    assert_eq!(details.method, Method::Bancolombia);
    assert_eq!(details.phone.as_deref(), Some("3001234567"));
    assert_eq!(details.document_type, Some(DocumentType::CC));
    // A double click, Enter twice, typing while locked: no second request.
    for event in [submit("k2"), submit("k3"), typed(F::Email, "x")] {
        let (same, effects) = step(state.clone(), event);
        assert_eq!(same, state);
        assert!(effects.is_empty());
    }
}

#[test]
fn a_bank_redirect_remembers_the_payment_and_leaves_the_page() {
    let started = PaymentStarted {
        reference: REFERENCE.into(),
        next: NextStep::Redirect("https://bank.example/x".into()),
    };
    let (state, effects) = step(submitted_bancolombia(), Event::PayAnswered(Ok(started)));
    assert_eq!(state.name(), "redirecting");
    assert_eq!(
        effects,
        vec![
            Effect::RememberPayment(REFERENCE.into()),
            Effect::Navigate("https://bank.example/x".into())
        ]
    );
}

#[test]
fn a_failed_request_is_retried_with_the_same_key_and_a_changed_form_gets_a_new_one() {
    let (state, _) = step(
        submitted_bancolombia(),
        Event::PayAnswered(Err(SubmitError::Unavailable)),
    );
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert_eq!(p.submit_error, Some(SubmitError::Unavailable));
    assert_eq!(p.form.get(F::Document), "1234567890");

    let (_, effects) = step(state.clone(), submit("k2"));
    assert!(
        matches!(&effects[..], [Effect::SubmitPayment { idempotency_key, .. }] if idempotency_key == "k1")
    );

    let (_, effects) = run(state, vec![typed(F::Document, "1234567891"), submit("k2")]);
    assert!(
        matches!(&effects[..], [Effect::SubmitPayment { idempotency_key, .. }] if idempotency_key == "k2")
    );
}

#[test]
fn each_refusal_from_the_provider_is_kept_for_its_own_message() {
    for error in [
        SubmitError::AmountRequired,
        SubmitError::AmountMismatch,
        SubmitError::InvalidStatus,
        SubmitError::NotFound,
        SubmitError::Rejected {
            field: Some("payer_email".into()),
        },
        SubmitError::Unreadable,
    ] {
        let (state, effects) = step(
            submitted_bancolombia(),
            Event::PayAnswered(Err(error.clone())),
        );
        assert!(effects.is_empty());
        let Checkout::Payable(p) = state else {
            panic!()
        };
        assert_eq!(p.submit_error, Some(error));
    }
}

fn awaiting_nequi() -> Checkout {
    let started = PaymentStarted {
        reference: REFERENCE.into(),
        next: NextStep::AwaitApproval {
            timeout_seconds: 120,
        },
    };
    let (state, effects) = step(submitted_bancolombia(), Event::PayAnswered(Ok(started)));
    assert_eq!(state.name(), "awaiting-approval");
    assert_eq!(
        effects,
        vec![
            Effect::RememberPayment(REFERENCE.into()),
            Effect::PollPayment {
                reference: REFERENCE.into(),
                after_ms: 2_000,
                poll: 1,
            }
        ]
    );
    state
}

#[test]
fn an_app_approval_polls_until_approved_then_returns_to_the_merchant() {
    let (state, effects) = step(awaiting_nequi(), polled(PaymentStatus::Pending));
    assert_eq!(state.name(), "awaiting-approval");
    assert_eq!(
        effects,
        vec![Effect::PollPayment {
            reference: REFERENCE.into(),
            after_ms: 2_000,
            poll: 2,
        }]
    );

    let (state, effects) = step(state, polled(PaymentStatus::Approved));
    assert_eq!(state.name(), "paid");
    assert_eq!(
        effects,
        vec![Effect::ReturnToMerchantAfter {
            url: "https://merchant.example/ok".into(),
            after_ms: RETURN_AFTER_MS
        }]
    );
    let (_, effects) = step(state.clone(), Event::ReturnToMerchant);
    let leave = vec![Effect::Navigate("https://merchant.example/ok".into())];
    assert_eq!(effects, leave);
    let (_, effects) = step(state.clone(), Event::ReturnDue);
    assert_eq!(effects, leave);

    // A payer who copies or prints the receipt stays on it until they press return.
    assert!(state.returns_automatically());
    let (kept, effects) = step(state, Event::KeepReceipt);
    assert_eq!((kept.name(), effects), ("paid", vec![]));
    assert!(!kept.returns_automatically());
    assert!(kept.returns_to_merchant());
    let (kept, effects) = step(kept, Event::ReturnDue);
    assert_eq!((kept.name(), effects), ("paid", vec![]));
    let (_, effects) = step(kept, Event::ReturnToMerchant);
    assert_eq!(effects, leave);
}

#[test]
fn an_app_rejection_or_a_passed_deadline_end_on_their_own_screens() {
    let (declined, _) = step(awaiting_nequi(), polled(PaymentStatus::Declined));
    assert_eq!(declined.name(), "failed");

    let (confirming, effects) = step(awaiting_nequi(), Event::DeadlinePassed);
    assert_eq!(confirming.name(), "confirming");
    assert_eq!(
        effects,
        vec![Effect::PollPayment {
            reference: REFERENCE.into(),
            after_ms: 0,
            poll: 2,
        }]
    );
    let (expired, _) = step(confirming, polled(PaymentStatus::Expired));
    let Checkout::Paying(Paying {
        phase: Phase::Failed { report },
        ..
    }) = expired
    else {
        panic!()
    };
    assert_eq!(report.status, PaymentStatus::Expired);
}

#[test]
fn a_poll_for_another_payment_is_ignored() {
    let state = awaiting_nequi();
    let stale = Event::PaymentPolled {
        reference: "mm_old".into(),
        poll: 1,
        result: Ok(report(PaymentStatus::Approved)),
    };
    let (same, effects) = step(state.clone(), stale);
    assert_eq!(same, state);
    assert!(effects.is_empty());
}

fn returned_from_bank() -> Checkout {
    let (state, effects) = step(returning(), Event::LinkLoaded(Ok(link(LinkStatus::Active))));
    assert_eq!(state.name(), "confirming");
    assert_eq!(
        effects,
        vec![Effect::PollPayment {
            reference: REFERENCE.into(),
            after_ms: 0,
            poll: 1,
        }]
    );
    state
}

#[test]
fn back_from_the_bank_the_page_polls_with_backoff_until_final() {
    let mut state = returned_from_bank();
    let mut delays = vec![];
    for _ in 0..4 {
        let (next, effects) = answer(state, polled(PaymentStatus::Pending));
        let [Effect::PollPayment { after_ms, .. }] = effects[..] else {
            panic!("{effects:?}")
        };
        delays.push(after_ms);
        state = next;
    }
    assert_eq!(delays, vec![1_000, 1_500, 2_250, 3_375]);
    let (paid, _) = step(state, polled(PaymentStatus::Approved));
    let Checkout::Paid { report, .. } = paid else {
        panic!()
    };
    assert_eq!(report.reference, REFERENCE);
}

#[test]
fn still_pending_after_the_limit_says_so_and_keeps_checking() {
    let mut state = returned_from_bank();
    for _ in 0..40 {
        state = answer(state, polled(PaymentStatus::Pending)).0;
    }
    assert_eq!(state.name(), "still-confirming");
    let (state, effects) = answer(
        state,
        polled(PaymentStatus::Unrecognized("SETTLING".into())),
    );
    assert_eq!(
        state.name(),
        "still-confirming",
        "an unknown status is never paid"
    );
    assert_eq!(
        effects,
        vec![Effect::PollPayment {
            reference: REFERENCE.into(),
            after_ms: SLOW_POLL_MS,
            poll: 42,
        }]
    );
}

#[test]
fn no_answer_while_confirming_keeps_polling_and_an_unknown_payment_claims_nothing() {
    let (state, effects) = step(
        returned_from_bank(),
        Event::PaymentPolled {
            reference: REFERENCE.into(),
            poll: 1,
            result: Err(LoadError::Unavailable),
        },
    );
    assert_eq!(state.name(), "confirming");
    assert_eq!(effects.len(), 1);

    let (state, effects) = step(
        state,
        Event::PaymentPolled {
            reference: REFERENCE.into(),
            poll: 2,
            result: Err(LoadError::NotFound),
        },
    );
    // Neither paid nor "no charge was made": the link as it is, and a neutral word.
    assert_eq!(state.name(), "choosing-method");
    let Checkout::Payable(p) = &state else {
        panic!("{state:?}")
    };
    assert_eq!(p.notice, Some(PayNotice::PaymentNotFound));
    assert_eq!(effects.first(), Some(&Effect::ForgetPayment));
}

/// The link loaded with `?payment=mm_forged` in the URL, then the provider
/// knows no such payment.
fn crafted_return(status: LinkStatus) -> (Checkout, Vec<Effect>) {
    let (state, _) = step(
        Checkout::Loading {
            resume: Some("mm_forged".into()),
            attempt: 0,
        },
        Event::LinkLoaded(Ok(link(status))),
    );
    step(
        state,
        Event::PaymentPolled {
            reference: "mm_forged".into(),
            poll: 1,
            result: Err(LoadError::NotFound),
        },
    )
}

#[test]
fn a_crafted_return_reference_shows_the_links_real_status() {
    let paid = LinkStatus::Paid {
        paid_at: Some("2026-03-01T10:00:00Z".into()),
        paid_amount: Some(5_119_000),
    };
    assert_eq!(crafted_return(paid).0.name(), "paid");
    assert!(matches!(
        crafted_return(LinkStatus::Pending).0,
        Checkout::Payable(_)
    ));
    assert_eq!(crafted_return(LinkStatus::Expired).0.name(), "expired");
}

#[test]
fn a_declined_payment_of_a_link_paid_since_shows_the_link_paid() {
    let paid = LinkStatus::Paid {
        paid_at: Some("2026-03-01T10:00:00Z".into()),
        paid_amount: Some(5_119_000),
    };
    let (state, _) = step(returning(), Event::LinkLoaded(Ok(link(paid))));
    let (state, _) = step(
        state,
        Event::PaymentPolled {
            reference: REFERENCE.into(),
            poll: 1,
            result: Ok(report(PaymentStatus::Declined)),
        },
    );
    assert!(matches!(state, Checkout::LinkPaid(_)), "{state:?}");
}

/// Loaded on a link with `mm_other` in progress: waiting for it, asking at once.
fn waiting_for_other() -> Checkout {
    let (state, effects) = step(
        loading(),
        Event::LinkLoaded(Ok(link_in_progress("mm_other"))),
    );
    assert_eq!(state.name(), "payment-in-progress");
    assert_eq!(effects, vec![poll_other_now()]);
    state
}

fn poll_other_now() -> Effect {
    Effect::PollPayment {
        reference: "mm_other".into(),
        after_ms: 0,
        poll: 1,
    }
}

#[test]
fn a_link_with_a_payment_in_progress_waits_for_it_and_offers_no_form() {
    let state = waiting_for_other();
    // Still pending: keep waiting, and a Submit cannot reach the provider.
    let (state, effects) = step(state, polled_other("mm_other", PaymentStatus::Pending));
    assert_eq!(state.name(), "payment-in-progress");
    assert!(matches!(&effects[..], [Effect::PollPayment { .. }]));
    let (state, effects) = step(state, submit("k9"));
    assert_eq!(state.name(), "payment-in-progress");
    assert_eq!(effects, vec![]);

    // It ended unpaid: the form, with a word about the earlier attempt.
    let (state, effects) = step(state, polled_other("mm_other", PaymentStatus::Abandoned));
    let Checkout::Payable(p) = &state else {
        panic!("{state:?}")
    };
    assert_eq!(p.notice, Some(PayNotice::EarlierAttemptEnded));
    assert_eq!(p.link.payment_in_progress, None);
    assert!(effects.contains(&Effect::RefreshLinkAfter(REFRESH_LINK_MS)));
}

#[test]
fn a_payment_in_progress_elsewhere_that_is_approved_shows_the_receipt() {
    let (state, _) = step(
        waiting_for_other(),
        polled_other("mm_other", PaymentStatus::Approved),
    );
    assert_eq!(state.name(), "paid");
}

#[test]
fn pay_refused_as_in_progress_waits_for_that_attempt_and_keeps_the_form() {
    let (state, effects) = step(
        submitted_bancolombia(),
        Event::PayAnswered(Err(SubmitError::InProgress("mm_other".into()))),
    );
    assert_eq!(state.name(), "payment-in-progress");
    assert_eq!(effects, vec![poll_other_now()]);
    let (state, _) = step(state, polled_other("mm_other", PaymentStatus::Declined));
    let Checkout::Payable(p) = &state else {
        panic!("{state:?}")
    };
    assert_eq!(p.form.get(F::Email), "payer@example.com");
    assert_eq!(p.method, Some(Method::Bancolombia));
    assert_eq!(p.notice, Some(PayNotice::EarlierAttemptEnded));
}

#[test]
fn a_form_learns_of_a_payment_started_elsewhere_at_the_next_refresh() {
    let (state, _) = run(loaded(colombian_methods()), bancolombia_form());
    let (state, effects) = step(
        state,
        Event::LinkRefreshed(Ok(link_in_progress("mm_other"))),
    );
    assert_eq!(state.name(), "payment-in-progress");
    assert!(
        matches!(&effects[..], [Effect::PollPayment { reference, .. }] if reference == "mm_other")
    );
}

#[test]
fn money_returned_for_a_link_that_could_not_take_it_is_not_a_failure_to_retry() {
    let (state, _) = step(
        returned_from_bank(),
        Event::PaymentPolled {
            reference: REFERENCE.into(),
            poll: 1,
            result: Ok(report(PaymentStatus::Refunded)),
        },
    );
    let Checkout::Paying(Paying {
        phase: Phase::Failed { report },
        ..
    }) = &state
    else {
        panic!("{state:?}")
    };
    assert_eq!(report.status, PaymentStatus::Refunded);
    assert!(PaymentStatus::Refunded.is_final());
}

#[test]
fn after_a_decline_a_new_attempt_keeps_the_form_and_gets_a_new_key() {
    let started = PaymentStarted {
        reference: REFERENCE.into(),
        next: NextStep::Redirect("https://bank.example/x".into()),
    };
    let (state, _) = run(
        submitted_bancolombia(),
        vec![Event::PayAnswered(Ok(started))],
    );
    // The payer comes back through a fresh page load in real life; the
    // machine only needs the Payable it kept.
    let Checkout::Paying(Paying { payable, .. }) = state else {
        panic!()
    };
    let failed = Checkout::Paying(Paying {
        payable,
        phase: Phase::Failed {
            report: report(PaymentStatus::Declined),
        },
    });

    let (_, effects) = step(failed.clone(), Event::ReturnToMerchant);
    assert_eq!(
        effects,
        vec![Effect::Navigate("https://merchant.example/cancel".into())]
    );

    let (state, effects) = step(failed, Event::NewAttempt);
    assert!(effects.contains(&Effect::ForgetPayment));
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert_eq!(p.form.get(F::Email), "payer@example.com");
    assert_eq!(p.attempt, None);
    let (_, effects) = step(state, submit("k9"));
    assert!(
        matches!(&effects[..], [Effect::SubmitPayment { idempotency_key, .. }] if idempotency_key == "k9")
    );
}

#[test]
fn automatic_retries_back_off_then_leave_it_to_the_payer() {
    let mut state = Checkout::Loading {
        resume: None,
        attempt: 0,
    };
    let mut delays = vec![];
    for _ in 0..6 {
        let (failed, effects) = step(state, Event::LinkLoaded(Err(LoadError::Unavailable)));
        if let [Effect::RetryLoadAfter(ms)] = effects[..] {
            delays.push(ms);
        }
        state = step(failed, Event::RetryLoad).0;
    }
    assert_eq!(delays, vec![1_000, 2_000, 4_000, 8_000]);
}

#[test]
fn a_retried_load_keeps_the_payment_to_resume() {
    let (failed, _) = step(returning(), Event::LinkLoaded(Err(LoadError::Unavailable)));
    let (loading, _) = step(failed, Event::BackOnline);
    let (state, _) = step(loading, Event::LinkLoaded(Ok(link(LinkStatus::Active))));
    assert_eq!(state.name(), "confirming");
}

#[test]
fn a_payable_link_is_watched_for_expiry_and_checked_again_while_the_payer_types() {
    let mut expiring = link(LinkStatus::Pending);
    expiring.expires_at = Some("2026-03-03T00:00:00Z".into());
    let (state, effects) = step(loading(), Event::LinkLoaded(Ok(expiring)));
    assert!(effects.contains(&Effect::WatchExpiry("2026-03-03T00:00:00Z".into())));
    assert!(effects.contains(&Effect::RefreshLinkAfter(REFRESH_LINK_MS)));

    let (still, effects) = step(
        state.clone(),
        Event::LinkRefreshed(Ok(link(LinkStatus::Active))),
    );
    assert_eq!(still.name(), "choosing-method");
    assert_eq!(effects, vec![Effect::RefreshLinkAfter(REFRESH_LINK_MS)]);

    let (cancelled, effects) = step(
        state.clone(),
        Event::LinkRefreshed(Ok(link(LinkStatus::Cancelled))),
    );
    assert_eq!(cancelled.name(), "cancelled");
    assert!(effects.is_empty());

    let (expired, effects) = step(state, Event::LinkExpired);
    assert_eq!(expired.name(), "expired");
    assert!(effects.is_empty(), "nothing is sent");
}

#[test]
fn the_form_survives_a_refresh_and_a_late_expiry_cannot_interrupt_a_submission() {
    let (state, _) = run(loaded(colombian_methods()), bancolombia_form());
    let (state, _) = step(state, Event::LinkRefreshed(Ok(link(LinkStatus::Pending))));
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert_eq!(p.form.get(F::Email), "payer@example.com");

    // The expiry is held until the pay answer says whether a payment started
    // (state_watch_tests.rs): the form stays locked and nothing is sent.
    let submitting = submitted_bancolombia();
    let (still, effects) = step(submitting.clone(), Event::LinkExpired);
    assert!(still.is_submitting());
    assert_eq!(
        still.payable(),
        submitting
            .payable()
            .map(|p| Payable {
                watch: LinkWatch {
                    expiry_out: false,
                    ..p.watch
                },
                ..p.clone()
            })
            .as_ref()
    );
    assert!(effects.is_empty());
}

#[test]
fn back_online_asks_again_at_once() {
    let (state, effects) = step(returned_from_bank(), Event::BackOnline);
    assert_eq!(state.name(), "confirming");
    assert_eq!(
        effects,
        vec![Effect::PollPayment {
            reference: REFERENCE.into(),
            after_ms: 0,
            poll: 2,
        }]
    );
    let (_, effects) = step(awaiting_nequi(), Event::BackOnline);
    assert_eq!(
        effects,
        vec![Effect::PollPayment {
            reference: REFERENCE.into(),
            after_ms: 0,
            poll: 2,
        }]
    );
}

/// The answer to poll `poll` of the fixtures' payment: still pending.
fn pending_answer(poll: u32) -> Event {
    Event::PaymentPolled {
        reference: REFERENCE.into(),
        poll,
        result: Ok(report(PaymentStatus::Pending)),
    }
}

#[test]
fn polling_again_at_once_ends_the_older_chain_at_its_next_answer() {
    // Back online while poll 1 is out, and an approval's deadline passing
    // while its poll is out: each asks at once as poll 2.
    let back_online = step(returned_from_bank(), Event::BackOnline).0;
    let deadline = step(awaiting_nequi(), Event::DeadlinePassed).0;
    for state in [back_online, deadline] {
        // Poll 1's answer asks nothing more: one chain polls, not two.
        let (state, effects) = step(state, pending_answer(1));
        assert_eq!(state.name(), "confirming");
        assert_eq!(effects, vec![]);
        // Poll 2's answer goes on polling.
        let (state, effects) = step(state, pending_answer(2));
        assert!(
            matches!(&effects[..], [Effect::PollPayment { poll: 3, .. }]),
            "{effects:?}"
        );
        // An older poll's final word still counts: the money moved.
        let approved = Event::PaymentPolled {
            reference: REFERENCE.into(),
            poll: 1,
            result: Ok(report(PaymentStatus::Approved)),
        };
        let (paid, _) = step(state, approved);
        assert_eq!(paid.name(), "paid");
    }
}

#[test]
fn an_answer_delivered_twice_is_followed_once() {
    let awaiting = answer(awaiting_nequi(), polled(PaymentStatus::Pending)).0;
    let (again, effects) = step(awaiting.clone(), polled(PaymentStatus::Pending));
    assert_eq!(again, awaiting);
    assert_eq!(effects, vec![]);
}

#[test]
fn a_typed_amount_is_checked_on_leaving_it_before_any_method_is_chosen() {
    let (state, _) = step(loading(), Event::LinkLoaded(Ok(general_link())));
    let (state, _) = run(
        state,
        vec![typed(F::Amount, "500"), Event::FieldLeft(F::Amount)],
    );
    let Checkout::Payable(p) = &state else {
        panic!()
    };
    assert_eq!(
        p.problem(F::Amount),
        Some(FieldProblem::Bounds(
            crate::checkout::money::BoundsError::BelowMinimum(100_000)
        ))
    );
}

#[test]
fn the_total_of_a_typed_amount_is_known_once_it_is_submitted() {
    let (state, _) = step(loading(), Event::LinkLoaded(Ok(general_link())));
    let (state, _) = run(
        state,
        [
            vec![typed(F::Amount, "50.000")],
            bancolombia_form(),
            vec![submit("k1")],
        ]
        .concat(),
    );
    let Some(p) = state.payable().filter(|_| state.is_submitting()) else {
        panic!("{}", state.name())
    };
    assert_eq!(p.total_to_pay(), Some(5_119_000));
}

#[test]
fn a_pix_link_fetches_its_institutions() {
    let pix = PaymentLink {
        currency: Currency::BRL,
        methods: vec![Method::Pix],
        ..link(LinkStatus::Active)
    };
    let (state, effects) = step(loading(), Event::LinkLoaded(Ok(pix)));
    assert!(effects.contains(&Effect::FetchBanks));
    let Checkout::Payable(p) = state else {
        panic!()
    };
    assert_eq!(p.banks, Banks::Loading);
}

#[test]
fn each_form_fixture_submits_the_details_fixture_of_its_method() {
    use crate::checkout::fixtures::{
        bancolombia_details, nequi_details, pse_details, pse_form, reach, submitted,
    };
    let nequi_form = crate::checkout::fixtures::nequi_form();
    for (form, details) in [
        (bancolombia_form(), bancolombia_details()),
        (pse_form(), pse_details()),
        (nequi_form, nequi_details()),
    ] {
        let state = reach(colombian_link(colombian_methods()), submitted(form));
        let sent = state.payable().and_then(|p| p.attempt.as_ref());
        assert_eq!(sent.map(|a| &a.details), Some(&details));
    }
}
