//! The simulated Nequi payer: who answers the push notification, and when;
//! and the page's way out of the wait, withdrawing a push.
//!
//! Follows the well-known sandbox convention (Wompi's): one number approves,
//! one declines, any other never answers and the push times out (or is
//! answered on the simulated page, `/sandbox/bank/{money_movement_id}`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::links::link_uuid;
use super::payments::link_payment;
use crate::colurs::model::{Payment, PaymentMethod, PaymentStatus};
use crate::shared::errors::ApiError;
use crate::shared::json_reply::json_response;
use crate::state::AppState;
use crate::test_controls::clock::Timestamp;

pub const APPROVING_PHONE: &str = "3991111111";
pub const DECLINING_PHONE: &str = "3992222222";

#[derive(Clone, Copy, Debug)]
pub struct NequiTiming {
    pub decision_seconds: u64,
    pub timeout_seconds: u64,
}

/// The status a pending Nequi payment has reached by `now`, and when it got
/// there; `None` while the push is still waiting for an answer.
pub fn outcome_by(
    payment: &Payment,
    now: Timestamp,
    timing: NequiTiming,
) -> Option<(PaymentStatus, Timestamp)> {
    let answer = match payment.payer.phone.as_deref() {
        Some(APPROVING_PHONE) => Some(PaymentStatus::Approved),
        Some(DECLINING_PHONE) => Some(PaymentStatus::Declined),
        _ => None,
    };
    let answered_at = payment
        .created_at
        .plus_seconds(seconds(timing.decision_seconds));
    let expires_at = payment
        .created_at
        .plus_seconds(seconds(timing.timeout_seconds));

    match answer {
        // An answer after the push has died is no answer at all.
        Some(status) if answered_at < expires_at || timing.decision_seconds == 0 => {
            (now >= answered_at).then_some((status, answered_at))
        }
        _ => (now >= expires_at).then_some((PaymentStatus::Expired, expires_at)),
    }
}

/// `POST …/payments/{money_movement_id}/withdraw/`: the payer would rather
/// pay another way. Under the store's lock, after every answer due by now
/// has landed, so withdrawing and approving cannot both happen: a pending
/// push ends `ABANDONED` and no approval reaches it afterwards; one that has
/// ended (approved: already paid) is answered as it stands. Any other
/// payment is answered as it stands too: a bank page is not withdrawn.
pub async fn withdraw(
    Path((uuid, money_movement_id)): Path<(String, String)>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let uuid = link_uuid(&uuid)?;
    let (mut store, now) = state.settled_store();
    let payment = link_payment(&store, uuid, &money_movement_id)?;
    if payment.method == PaymentMethod::Nequi {
        store.finish_payment(&money_movement_id, PaymentStatus::Abandoned, now);
    }
    let payment = link_payment(&store, uuid, &money_movement_id)?;
    Ok(json_response(StatusCode::OK, payment))
}

fn seconds(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colurs::model::{Payer, PaymentMethod};
    use crate::shared::money::Cents;
    use uuid::Uuid;

    const TIMING: NequiTiming = NequiTiming {
        decision_seconds: 3,
        timeout_seconds: 120,
    };

    fn push_to(phone: &str) -> Payment {
        let created_at = Timestamp::from_unix_millis(1_000_000);
        Payment {
            money_movement_id: "mm_test".into(),
            link_uuid: Uuid::nil(),
            method: PaymentMethod::Nequi,
            total_to_pay: Cents::units(1000),
            payer: Payer {
                phone: Some(phone.into()),
                ..Payer::default()
            },
            status: PaymentStatus::Pending,
            created_at,
            updated_at: created_at,
            expires_at: Some(created_at.plus_seconds(120)),
            code: None,
        }
    }

    #[test]
    fn the_test_numbers_answer_after_the_decision_delay() {
        for (phone, status) in [
            (APPROVING_PHONE, PaymentStatus::Approved),
            (DECLINING_PHONE, PaymentStatus::Declined),
        ] {
            let payment = push_to(phone);
            assert_eq!(
                outcome_by(&payment, payment.created_at.plus_seconds(2), TIMING),
                None
            );
            let answered_at = payment.created_at.plus_seconds(3);
            assert_eq!(
                outcome_by(&payment, answered_at.plus_seconds(50), TIMING),
                Some((status, answered_at))
            );
        }
    }

    #[test]
    fn other_numbers_expire_at_the_timeout() {
        let payment = push_to("3001234567");
        assert_eq!(
            outcome_by(&payment, payment.created_at.plus_seconds(119), TIMING),
            None
        );
        let expires_at = payment.created_at.plus_seconds(120);
        assert_eq!(
            outcome_by(&payment, expires_at, TIMING),
            Some((PaymentStatus::Expired, expires_at))
        );
    }

    #[test]
    fn an_answer_slower_than_the_timeout_expires_instead() {
        let slow = NequiTiming {
            decision_seconds: 200,
            timeout_seconds: 120,
        };
        let payment = push_to(APPROVING_PHONE);
        let outcome = outcome_by(&payment, payment.created_at.plus_seconds(500), slow);
        assert_eq!(
            outcome,
            Some((PaymentStatus::Expired, payment.created_at.plus_seconds(120)))
        );
    }

    #[test]
    fn zero_delays_answer_at_once() {
        let instant = NequiTiming {
            decision_seconds: 0,
            timeout_seconds: 0,
        };
        let payment = push_to(APPROVING_PHONE);
        assert_eq!(
            outcome_by(&payment, payment.created_at, instant),
            Some((PaymentStatus::Approved, payment.created_at))
        );
    }
}
