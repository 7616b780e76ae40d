//! The code a payer's bank app pays (Bre-B, Pix QR: docs/api.md, "Pay by
//! code"), as both providers write it. Read here once, so neither can hand
//! the page a code it would show badly or a bank app could not read.

use serde::Deserialize;

use super::error::ApiError;
use crate::checkout::payment::PaymentCode;
use crate::checkout::text::{clean_text, MAX_MERCHANT_NAME_CHARS};

/// EMV QR payloads are at most 512 characters (EMV QRCPS MPM 4.1).
const MAX_PAYLOAD_CHARS: usize = 512;

#[derive(Debug, Deserialize)]
pub struct PaymentCodeWire {
    pub payload: String,
    pub expires_at: String,
    pub key: Option<String>,
    pub receiving_entity: Option<String>,
}

impl PaymentCodeWire {
    /// The code, if it is one a bank app reads: printable ASCII (EMV's
    /// character set) within EMV's length, with an expiry. A key or entity
    /// that cleans to nothing reads as absent.
    pub fn into_domain(self) -> Result<PaymentCode, ApiError> {
        let printable = |text: &str| text.bytes().all(|b| (b' '..=b'~').contains(&b));
        if self.payload.is_empty()
            || self.payload.len() > MAX_PAYLOAD_CHARS
            || !printable(&self.payload)
        {
            return Err(ApiError::Malformed("payment code payload"));
        }
        if self.expires_at.is_empty() {
            return Err(ApiError::Malformed("payment code without expires_at"));
        }
        let shown = |text: Option<String>| {
            text.map(|t| clean_text(&t, MAX_MERCHANT_NAME_CHARS))
                .filter(|t| !t.is_empty())
        };
        Ok(PaymentCode {
            payload: self.payload,
            expires_at: self.expires_at,
            key: shown(self.key),
            receiving_entity: shown(self.receiving_entity),
            clock_offset_ms: 0,
        })
    }
}

#[cfg(test)]
#[path = "pay_code_tests.rs"]
mod tests;
