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
