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
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        amount: WireDecimal,
    }

    fn read(json: &str) -> Result<i64, serde_json::Error> {
        serde_json::from_str::<Holder>(json).map(|h| h.amount.0)
    }

    #[test]
    fn reads_numbers_and_strings_exactly() {
        assert_eq!(read(r#"{"amount": 51190.00}"#).unwrap(), 5_119_000);
        assert_eq!(read(r#"{"amount": 1000}"#).unwrap(), 100_000);
        assert_eq!(read(r#"{"amount": "1234.12"}"#).unwrap(), 123_412);
        // 0.1 + 0.2 style values survive: no binary floating point on the way.
        assert_eq!(read(r#"{"amount": 0.29}"#).unwrap(), 29);
    }

    #[test]
    fn refuses_what_is_not_an_exact_amount() {
        assert!(read(r#"{"amount": 1.005}"#).is_err());
        assert!(read(r#"{"amount": 1e3}"#).is_err());
        assert!(read(r#"{"amount": "abc"}"#).is_err());
        assert!(read(r#"{"amount": true}"#).is_err());
        assert!(read(r#"{"amount": null}"#).is_err());
    }

    #[test]
    fn a_charged_amount_is_above_zero() {
        assert_eq!(WireDecimal(1).charged(), Ok(1));
        assert!(matches!(
            WireDecimal(0).charged(),
            Err(ApiError::Malformed(_))
        ));
        assert!(matches!(
            WireDecimal(-100).charged(),
            Err(ApiError::Malformed(_))
        ));
    }
}
