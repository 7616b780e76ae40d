use super::*;
use crate::checkout::state::{Event, LoadError};
use crate::gallery::fixtures;

#[test]
fn every_state_is_told_by_its_name_first() {
    for (name, state) in fixtures() {
        assert_eq!(
            updates(&state).first(),
            Some(&PageMessage::Status {
                state: state.name()
            }),
            "{name}"
        );
    }
}

#[test]
fn an_ended_payment_is_told_with_its_outcome_and_reference() {
    let mut told = Vec::new();
    for (name, state) in fixtures() {
        let completes: Vec<PageMessage> = updates(&state)
            .into_iter()
            .filter(|m| matches!(m, PageMessage::Complete { .. }))
            .collect();
        let expected = match &state {
            Checkout::Paid { report, .. } => vec![(Outcome::Paid, report.reference.clone())],
            Checkout::Paying(Paying {
                phase: Phase::Failed { report },
                ..
            }) => vec![(Outcome::Failed, report.reference.clone())],
            _ => vec![],
        };
        let expected: Vec<PageMessage> = expected
            .into_iter()
            .map(|(outcome, reference)| PageMessage::Complete {
                outcome,
                reference: Some(reference),
            })
            .collect();
        assert_eq!(completes, expected, "{name}");
        told.extend(completes);
    }
    // The gallery reaches both outcomes, so this test looked at both.
    assert!(told.iter().any(|m| matches!(
        m,
        PageMessage::Complete {
            outcome: Outcome::Paid,
            ..
        }
    )));
    assert!(told.iter().any(|m| matches!(
        m,
        PageMessage::Complete {
            outcome: Outcome::Failed,
            ..
        }
    )));
}

#[test]
fn a_link_that_cannot_be_paid_is_told_why() {
    let mut codes = Vec::new();
    for (_, state) in fixtures() {
        for message in updates(&state) {
            if let PageMessage::Error { code } = message {
                codes.push(code);
            }
        }
    }
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(
        codes,
        [
            "cancelled",
            "expired",
            "load-failed",
            "malformed",
            "not-found"
        ]
    );
}

#[test]
fn a_link_paid_earlier_is_no_new_outcome() {
    // Opening a paid link again tells its state, not a second completion.
    for (name, state) in fixtures() {
        if let Checkout::LinkPaid(_) = state {
            assert_eq!(updates(&state).len(), 1, "{name}");
        }
    }
}

#[test]
fn before_the_link_is_read_only_a_failure_is_told() {
    let (failed, _) = crate::checkout::state::step(
        Checkout::Loading {
            resume: None,
            attempt: 0,
        },
        Event::LinkLoaded(Err(LoadError::NotFound)),
    );
    assert_eq!(
        updates_before_link(&failed),
        Some(PageMessage::Error { code: "not-found" })
    );
    let loading = Checkout::Loading {
        resume: None,
        attempt: 0,
    };
    assert_eq!(updates_before_link(&loading), None);
}
