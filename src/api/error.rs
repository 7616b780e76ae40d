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
#[path = "error_tests.rs"]
mod tests;
