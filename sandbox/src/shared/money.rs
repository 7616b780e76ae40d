//! Money as integer cents: read from and written to JSON number text exactly,
//! never through floating point.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;

/// Amounts with more whole digits than this are refused, so that every
/// product in the fee arithmetic stays far inside `i64`.
const MAX_WHOLE_DIGITS: usize = 12;
const CENTS_PER_UNIT: i64 = 100;
const BASIS_POINTS_PER_UNIT: i128 = 10_000;

/// An amount of money in hundredths of the currency unit (COP and USD both
/// use two decimals on the wire).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cents(i64);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountError {
    /// Not a plain decimal such as `50000`, `50000.5` or `50000.00`.
    NotADecimal,
    /// More than two decimals: a fraction of a cent.
    TooManyDecimals,
    TooLarge,
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AmountError::NotADecimal => "must be a decimal number such as 50000.00",
            AmountError::TooManyDecimals => "must have at most two decimals",
            AmountError::TooLarge => "is too large",
        })
    }
}

impl Cents {
    pub const ZERO: Cents = Cents(0);

    pub const fn from_cents(cents: i64) -> Self {
        Cents(cents)
    }

    /// Whole units, e.g. `Cents::units(50_000)` is 50000.00.
    pub const fn units(units: i64) -> Self {
        Cents(units * CENTS_PER_UNIT)
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Parses the text of a JSON number (or an environment value) such as
    /// `50000`, `50000.5`, `50000.00` or `-1.25`. Exponents are refused:
    /// nobody writes money as `5e4`, and accepting it invites rounding.
    pub fn parse_decimal(text: &str) -> Result<Cents, AmountError> {
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match unsigned.split_once('.') {
            Some((whole, fraction)) => (whole, Some(fraction)),
            None => (unsigned, None),
        };
        let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(whole) || !fraction.is_none_or(all_digits) {
            return Err(AmountError::NotADecimal);
        }
        let fraction = fraction.unwrap_or("");
        if fraction.len() > 2 {
            return Err(AmountError::TooManyDecimals);
        }
        let significant = whole.trim_start_matches('0');
        if significant.len() > MAX_WHOLE_DIGITS {
            return Err(AmountError::TooLarge);
        }
        let whole_units: i64 = if significant.is_empty() {
            0
        } else {
            significant.parse().map_err(|_| AmountError::TooLarge)?
        };
        let fraction_cents: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
        let magnitude = whole_units * CENTS_PER_UNIT + fraction_cents;
        Ok(Cents(if negative { -magnitude } else { magnitude }))
    }

    /// This amount times `basis_points / 10000`, rounded to the cent, half
    /// away from zero (the provider's rule for fee and IVA).
    pub fn times_basis_points(self, basis_points: u32) -> Cents {
        let product = i128::from(self.0) * i128::from(basis_points);
        let half = BASIS_POINTS_PER_UNIT / 2;
        let rounded = if product >= 0 {
            (product + half) / BASIS_POINTS_PER_UNIT
        } else {
            (product - half) / BASIS_POINTS_PER_UNIT
        };
        Cents(i64::try_from(rounded).expect("amounts are bounded far below i64"))
    }
}

impl std::ops::Add for Cents {
    type Output = Cents;

    fn add(self, other: Cents) -> Cents {
        Cents(self.0 + other.0)
    }
}

/// `50000.00`, `-1.25`: the wire form.
impl fmt::Display for Cents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", magnitude / 100, magnitude % 100)
    }
}

/// Written as a JSON number with exactly two decimals (`50000.00`), which
/// only raw JSON text can express.
impl Serialize for Cents {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        RawValue::from_string(self.to_string())
            .map_err(serde::ser::Error::custom)?
            .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wire_decimals_exactly() {
        assert_eq!(
            Cents::parse_decimal("50000.00"),
            Ok(Cents::from_cents(5_000_000))
        );
        assert_eq!(Cents::parse_decimal("100000"), Ok(Cents::units(100_000)));
        assert_eq!(Cents::parse_decimal("0.1"), Ok(Cents::from_cents(10)));
        assert_eq!(Cents::parse_decimal("25.05"), Ok(Cents::from_cents(2505)));
        assert_eq!(Cents::parse_decimal("-1.25"), Ok(Cents::from_cents(-125)));
        assert_eq!(Cents::parse_decimal("0"), Ok(Cents::ZERO));
        assert_eq!(
            Cents::parse_decimal("999999999999.99"),
            Ok(Cents::from_cents(99_999_999_999_999))
        );
    }

    #[test]
    fn refuses_what_is_not_a_plain_two_decimal_number() {
        assert_eq!(
            Cents::parse_decimal("50000.001"),
            Err(AmountError::TooManyDecimals)
        );
        for text in [
            "5e4", "1.5E2", "", "-", ".5", "5.", "\"5\"", "1,000.00", " 5", "+5", "NaN",
        ] {
            assert_eq!(
                Cents::parse_decimal(text),
                Err(AmountError::NotADecimal),
                "{text:?}"
            );
        }
        assert_eq!(
            Cents::parse_decimal("1000000000000"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(
            Cents::parse_decimal("99999999999999999999999"),
            Err(AmountError::TooLarge)
        );
    }
}
