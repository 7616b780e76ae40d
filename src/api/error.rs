//! What can go wrong talking to the provider, as the payer is told about it.

use serde::Deserialize;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The provider's documented error codes (seed 003), plus the extensions.
    NotFound,
    AmountRequired,
    AmountMismatch,
    InvalidStatus,
    Validation {
        field: Option<String>,
    },
    IdempotencyConflict,
    /// Another attempt on the link may still succeed: the provider's
    /// reference for it, to wait for instead of paying twice.
    PaymentInProgress(String),
    /// 5xx or another unexpected status code: worth retrying.
    Server(u16),
    /// No answer: offline, refused, reset.
    Network,
    Timeout,
    /// An answer that is not the documented shape; says which part. The
    /// parser's own message is not kept: formatting it would weigh more in
    /// the bundle than it tells a payer.
    Malformed(&'static str),
}

impl ApiError {
    /// Whether the same request may simply be sent again.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Server(_) | ApiError::Network | ApiError::Timeout
        )
    }

    /// Maps an HTTP error answer (status and body text) to an error.
    pub fn from_response(status: u16, body: &str) -> ApiError {
        #[derive(Deserialize)]
        struct Body {
            error: String,
            #[serde(default)]
            field: Option<String>,
            /// `PaymentInProgress`: the attempt in progress (Colurs, Belvo).
            #[serde(default, alias = "payment_intent")]
            money_movement_id: Option<String>,
        }
        let code = serde_json::from_str::<Body>(body).ok();
        match (status, code) {
            (404, _) => ApiError::NotFound,
            (_, Some(b)) if status < 500 => match b.error.as_str() {
                "AmountRequired" => ApiError::AmountRequired,
                "AmountMismatch" => ApiError::AmountMismatch,
                "InvalidStatus" => ApiError::InvalidStatus,
                "NotFound" => ApiError::NotFound,
                "IdempotencyConflict" => ApiError::IdempotencyConflict,
                "PaymentInProgress" => match b.money_movement_id {
                    Some(reference) => ApiError::PaymentInProgress(reference),
                    None => ApiError::Malformed("PaymentInProgress without a reference"),
                },
                _ => ApiError::Validation { field: b.field },
            },
            (s, _) => ApiError::Server(s),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_each_documented_error_code() {
        let body = |code: &str| format!(r#"{{"error":"{code}","message":"x"}}"#);
        assert_eq!(
            ApiError::from_response(400, &body("AmountRequired")),
            ApiError::AmountRequired
        );
        assert_eq!(
            ApiError::from_response(400, &body("AmountMismatch")),
            ApiError::AmountMismatch
        );
        assert_eq!(
            ApiError::from_response(400, &body("InvalidStatus")),
            ApiError::InvalidStatus
        );
        assert_eq!(
            ApiError::from_response(404, &body("NotFound")),
            ApiError::NotFound
        );
        assert_eq!(
            ApiError::from_response(409, &body("IdempotencyConflict")),
            ApiError::IdempotencyConflict
        );
        assert_eq!(
            ApiError::from_response(
                409,
                r#"{"error":"PaymentInProgress","message":"x","money_movement_id":"mm_1"}"#
            ),
            ApiError::PaymentInProgress("mm_1".into())
        );
        assert_eq!(
            ApiError::from_response(
                409,
                r#"{"error":"PaymentInProgress","payment_intent":"b7dd85b1-671e-45c7-aba6-b4b37a8fc0c2"}"#
            ),
            ApiError::PaymentInProgress("b7dd85b1-671e-45c7-aba6-b4b37a8fc0c2".into())
        );
        assert!(matches!(
            ApiError::from_response(409, r#"{"error":"PaymentInProgress"}"#),
            ApiError::Malformed(_)
        ));
        assert_eq!(
            ApiError::from_response(400, r#"{"error":"ValidationError","field":"payer_email"}"#),
            ApiError::Validation {
                field: Some("payer_email".into())
            }
        );
    }

    #[test]
    fn server_failures_and_garbage_are_retryable_server_errors() {
        assert_eq!(
            ApiError::from_response(502, "<html>bad gateway</html>"),
            ApiError::Server(502)
        );
        assert!(ApiError::from_response(503, "").is_retryable());
        assert!(!ApiError::from_response(400, r#"{"error":"AmountMismatch"}"#).is_retryable());
    }
}
