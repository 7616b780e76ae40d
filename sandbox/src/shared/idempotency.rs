//! The `Idempotency-Key` header of a payment attempt (Colurs pay, Belvo
//! payment intents): a retry with the same key gets the recorded answer.

use std::collections::HashMap;
use std::hash::Hash;

use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::shared::errors::{refuse, ApiError};
use crate::shared::json_reply::json_bytes_response;

pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";
const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// A payment answer kept for its `Idempotency-Key`, replayed byte for byte.
#[derive(Clone, Debug)]
struct RecordedReply {
    /// A canonical form of the request, to tell a retry from a reuse.
    request_fingerprint: String,
    status: StatusCode,
    body: Vec<u8>,
}

/// The answers recorded per link (`L` names it) and key.
#[derive(Debug)]
pub struct RecordedReplies<L>(HashMap<(L, String), RecordedReply>);

impl<L> Default for RecordedReplies<L> {
    fn default() -> Self {
        RecordedReplies(HashMap::new())
    }
}

impl<L: Eq + Hash + Clone> RecordedReplies<L> {
    /// For a key already answered on `link`: that answer again, or an
    /// `IdempotencyConflict` for another body. `None`: a new attempt.
    pub fn replay(
        &self,
        link: &L,
        key: &str,
        fingerprint: &str,
    ) -> Option<Result<Response, ApiError>> {
        let recorded = self.0.get(&(link.clone(), key.to_owned()))?;
        Some(if recorded.request_fingerprint == fingerprint {
            Ok(json_bytes_response(recorded.status, recorded.body.clone()))
        } else {
            Err(ApiError::idempotency_conflict())
        })
    }

    pub fn record(
        &mut self,
        link: L,
        key: &str,
        fingerprint: String,
        status: StatusCode,
        body: Vec<u8>,
    ) {
        let reply = RecordedReply {
            request_fingerprint: fingerprint,
            status,
            body,
        };
        self.0.insert((link, key.to_owned()), reply);
    }
}

/// The key, trimmed; a missing, blank or overlong one is a `ValidationError`.
pub fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let key = headers
        .get(IDEMPOTENCY_KEY_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .unwrap_or("");
    if key.is_empty() || key.len() > MAX_IDEMPOTENCY_KEY_LEN {
        return refuse(
            IDEMPOTENCY_KEY_HEADER,
            format!("The `{IDEMPOTENCY_KEY_HEADER}` header is required: one unique value (1 to {MAX_IDEMPOTENCY_KEY_LEN} characters) per payment attempt"),
        );
    }
    Ok(key.to_owned())
}
