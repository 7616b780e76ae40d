//! The provider's error answers: the seed's codes plus the documented
//! extensions, always as `{"error", "message"[, "field"]}`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::shared::json_reply::json_response;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub error: &'static str,
    pub message: String,
    /// Names the offending field of a `ValidationError`.
    pub field: Option<String>,
    /// `PaymentInProgress`: the attempt that may still succeed, under the
    /// provider's name for it (`money_movement_id`, `payment_intent`).
    pub in_progress: Option<(&'static str, String)>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            error,
            message: message.into(),
            field: None,
            in_progress: None,
        }
    }

    /// A second attempt while one on the same link may still succeed: refused,
    /// so a payer is never charged twice; the answer names the one to wait for.
    pub fn payment_in_progress(id_name: &'static str, id: &str) -> Self {
        ApiError {
            in_progress: Some((id_name, id.to_owned())),
            ..Self::new(
                StatusCode::CONFLICT,
                "PaymentInProgress",
                "Another payment of this link is in progress; wait for its outcome",
            )
        }
    }

    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        ApiError {
            field: Some(field.to_owned()),
            ..Self::new(StatusCode::BAD_REQUEST, "ValidationError", message)
        }
    }

    pub fn not_found(message: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, "NotFound", message)
    }

    pub fn amount_required() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "AmountRequired",
            "Amount required for general links",
        )
    }

    pub fn amount_mismatch() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "AmountMismatch",
            "Amount doesn't match link amount",
        )
    }

    /// `status` as the provider spells it, of a `link` as it names its links.
    pub fn invalid_status(link: &str, status: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "InvalidStatus",
            format!("{link} not in valid status for payment: {status}"),
        )
    }

    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "Unauthorized",
            "Send both `Authorization: Bearer <token>` and `x-api-key: <key>`",
        )
    }

    pub fn link_not_found() -> Self {
        Self::not_found("Payment Link doesn't exist")
    }

    pub fn idempotency_conflict() -> Self {
        Self::new(
            StatusCode::CONFLICT,
            "IdempotencyConflict",
            "This Idempotency-Key was already used with another request body",
        )
    }
}

/// A `ValidationError` naming `field`, as the `Err` a reader returns.
pub fn refuse<T>(field: &str, message: impl Into<String>) -> Result<T, ApiError> {
    Err(ApiError::validation(field, message))
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    money_movement_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_intent: Option<&'a str>,
}

impl ApiError {
    fn in_progress_id(&self, name: &str) -> Option<&str> {
        self.in_progress
            .as_ref()
            .filter(|(id_name, _)| *id_name == name)
            .map(|(_, id)| id.as_str())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.error,
            message: &self.message,
            field: self.field.as_deref(),
            money_movement_id: self.in_progress_id("money_movement_id"),
            payment_intent: self.in_progress_id("payment_intent"),
        };
        let mut response = json_response(self.status, &body);
        if self.status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
