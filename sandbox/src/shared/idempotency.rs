//! The `Idempotency-Key` header of a payment attempt (Colurs pay, Belvo
//! payment intents): a retry with the same key gets the recorded answer.

use axum::http::HeaderMap;

use crate::shared::errors::ApiError;

pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";
const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// A payment answer kept for its `Idempotency-Key`, replayed byte for byte.
#[derive(Clone, Debug)]
pub struct RecordedReply {
    /// A canonical form of the request, to tell a retry from a reuse.
    pub request_fingerprint: String,
    pub status: u16,
    pub body: Vec<u8>,
}

/// The key, trimmed; a missing, blank or overlong one is a `ValidationError`.
pub fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY_LEN {
        return Err(ApiError::validation(
            IDEMPOTENCY_KEY_HEADER,
            format!("The `{IDEMPOTENCY_KEY_HEADER}` header is required: one unique value (1 to {MAX_IDEMPOTENCY_KEY_LEN} characters) per payment attempt"),
        ));
    }
    Ok(key.to_owned())
}
