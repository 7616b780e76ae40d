//! Exact decimal amounts straight from the JSON text, never through `f64`.

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use super::error::ApiError;
use crate::checkout::money::parse_wire_decimal;

/// An amount in cents, read from a JSON number (`50000.00`) or a decimal
/// string (`"1234.12"`), exactly as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WireDecimal(pub i64);

/// The one message of every amount check: each message costs bundle bytes,
/// and which check failed is plain from the answer itself.
pub const AMOUNTS_DO_NOT_ADD_UP: &str = "amounts that do not add up";

impl WireDecimal {
    /// The cents of an amount someone is charged or has paid: never zero or
    /// negative, or the answer is malformed.
    pub fn charged(self) -> Result<i64, ApiError> {
        if self.0 > 0 {
            Ok(self.0)
        } else {
            Err(ApiError::Malformed(AMOUNTS_DO_NOT_ADD_UP))
        }
    }
}

impl<'de> Deserialize<'de> for WireDecimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw: Box<RawValue> = Deserialize::deserialize(deserializer)?;
        let text = raw.get();
        let digits = if text.starts_with('"') {
            serde_json::from_str::<String>(text).map_err(serde::de::Error::custom)?
        } else {
            text.to_owned()
        };
        parse_wire_decimal(&digits)
            .map(WireDecimal)
            .map_err(|_| serde::de::Error::custom(format!("not an exact amount: {text}")))
    }
}

#[cfg(test)]
#[path = "decimal_tests.rs"]
mod tests;
