//! What the merchant's page is told when the checkout reaches a state:
//! always the state's name, then the outcome of a payment that ended, or
//! why the link cannot be paid.

use super::protocol::{Outcome, PageMessage};
use crate::checkout::state::{Checkout, Paying, Phase};

/// The messages for `state`, in the order they are posted.
pub fn updates(state: &Checkout) -> Vec<PageMessage> {
    let mut messages = vec![PageMessage::Status {
        state: state.name(),
    }];
    let outcome = match state {
        Checkout::Paid { report, .. } => Some((Outcome::Paid, report)),
        Checkout::Paying(Paying {
            phase: Phase::Failed { report },
            ..
        }) => Some((Outcome::Failed, report)),
        _ => None,
    };
    if let Some((outcome, report)) = outcome {
        messages.push(PageMessage::Complete {
            outcome,
            reference: Some(report.reference.clone()),
        });
    }
    if ends_without_payment(state) {
        messages.push(PageMessage::Error { code: state.name() });
    }
    messages
}

/// Before the link is read there are no allowed origins to check against:
/// only why it could not be read is told, to the page that announced itself.
pub fn updates_before_link(state: &Checkout) -> Option<PageMessage> {
    matches!(state, Checkout::LoadFailed { .. }).then(|| PageMessage::Error { code: state.name() })
}

/// States where this link can no longer be paid here.
fn ends_without_payment(state: &Checkout) -> bool {
    matches!(
        state,
        Checkout::LoadFailed { .. } | Checkout::Expired(_) | Checkout::Cancelled(_)
    )
}

#[cfg(test)]
#[path = "updates_tests.rs"]
mod tests;
