//! Money as whole cents in `i64`: reading amounts from the API and from what a
//! payer types, writing them back, fees and bounds.
//!
//! Nothing here uses floating point: a binary float cannot hold most decimal
//! amounts exactly, and every cent shown must be the cent charged.

use serde::{Deserialize, Serialize};

/// The currencies a payment link can be in. Variant names are the ISO 4217
/// codes, which is also how serde reads and writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Currency {
    COP,
    USD,
    BRL,
}

impl Currency {
    pub const ALL: [Currency; 3] = [Currency::COP, Currency::USD, Currency::BRL];

    /// ISO 4217 code, as the API writes it.
    pub fn code(self) -> &'static str {
        match self {
            Currency::COP => "COP",
            Currency::USD => "USD",
            Currency::BRL => "BRL",
        }
    }

    /// The currency for an exact ISO 4217 code (uppercase, as on the wire).
    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL
            .into_iter()
            .find(|currency| currency.code() == code)
    }

    /// Fraction digits to show. Every currency carries two on the wire, but
    /// Colombian pesos are shown without centavos.
    pub fn display_fraction_digits(self) -> u8 {
        match self {
            Currency::COP => 0,
            Currency::USD | Currency::BRL => 2,
        }
    }
}

/// An amount in minor units (cents) of a currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Money {
    pub cents: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(cents: i64, currency: Currency) -> Money {
        Money { cents, currency }
    }

    /// The amount as the API writes it ("50000.00"). Also the exact string to
    /// give `Intl.NumberFormat.format`, which accepts decimal strings.
    pub fn to_wire(self) -> String {
        cents_to_wire(self.cents)
    }
}

const CENTS_PER_UNIT: u64 = 100;
const WIRE_FRACTION_DIGITS: usize = 2;

/// Why an amount from the API could not be read exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoneyError {
    Empty,
    /// Not a plain decimal: signs other than a leading '-', exponents,
    /// whitespace, NaN, missing digits around the point, stray characters.
    Malformed,
    /// Non-zero digits below the cent: rounding them would change the amount.
    TooManyDecimals,
    Overflow,
}

/// Reads the exact text of a JSON number or decimal string ("50000.00",
/// "1000", "-5.00") as cents.
///
/// Fraction digits past the second are accepted only when they are zeros
/// ("1.230"), since then no amount is lost. Leading zeros are accepted: they
/// do not change the value.
pub fn parse_wire_decimal(text: &str) -> Result<i64, MoneyError> {
    if text.is_empty() {
        return Err(MoneyError::Empty);
    }
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    // JSON requires digits on both sides of the point: ".5" and "5." are not numbers.
    if !is_ascii_digits(integer) || fraction.is_some_and(|digits| !is_ascii_digits(digits)) {
        return Err(MoneyError::Malformed);
    }
    let fraction = fraction.unwrap_or("");
    let (cents_digits, below_cents) = fraction.split_at(fraction.len().min(WIRE_FRACTION_DIGITS));
    if below_cents.bytes().any(|digit| digit != b'0') {
        return Err(MoneyError::TooManyDecimals);
    }
    let magnitude = magnitude_in_cents(integer, cents_digits).ok_or(MoneyError::Overflow)?;
    let cents = if negative {
        // Subtracting the magnitude reaches i64::MIN, whose magnitude has no positive i64.
        0i64.checked_sub_unsigned(magnitude)
    } else {
        i64::try_from(magnitude).ok()
    };
    cents.ok_or(MoneyError::Overflow)
}

/// Writes cents as the API's decimal text: always two fraction digits, a '-'
/// for negative amounts. `parse_wire_decimal` reads it back to the same value.
pub fn cents_to_wire(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let magnitude = cents.unsigned_abs();
    format!(
        "{sign}{}.{:02}",
        magnitude / CENTS_PER_UNIT,
        magnitude % CENTS_PER_UNIT
    )
}

/// Non-empty and only ASCII digits.
fn is_ascii_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Cents for a whole part and up to two fraction digits, all ASCII digits
/// (callers check); `None` when it does not fit.
fn magnitude_in_cents(integer: &str, fraction: &str) -> Option<u64> {
    debug_assert!(fraction.len() <= WIRE_FRACTION_DIGITS);
    let units = integer.bytes().try_fold(0u64, |value, digit| {
        value.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
    })?;
    // "5" means 50 cents: pad the fraction with zeros to two digits.
    let cents = fraction
        .bytes()
        .chain(std::iter::repeat(b'0'))
        .take(WIRE_FRACTION_DIGITS)
        .fold(0u64, |value, digit| value * 10 + u64::from(digit - b'0'));
    units.checked_mul(CENTS_PER_UNIT)?.checked_add(cents)
}

/// How a payer writes numbers in their locale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypedAmountFormat {
    pub decimal_separator: char,
    pub group_separator: char,
    /// Decimals the payer may type. Amounts are in cents, so anything above 2
    /// is treated as 2.
    pub max_fraction_digits: u8,
}

impl TypedAmountFormat {
    /// Colombian pesos in es-CO: "50.000", no centavos.
    pub const ES_CO_COP: TypedAmountFormat = TypedAmountFormat {
        decimal_separator: ',',
        group_separator: '.',
        max_fraction_digits: 0,
    };
    /// Brazilian reais in pt-BR: "1.234,12".
    pub const PT_BR_BRL: TypedAmountFormat = TypedAmountFormat {
        decimal_separator: ',',
        group_separator: '.',
        max_fraction_digits: 2,
    };
    /// US dollars in English: "1,234.56".
    pub const EN_US_USD: TypedAmountFormat = TypedAmountFormat {
        decimal_separator: '.',
        group_separator: ',',
        max_fraction_digits: 2,
    };
}

/// Why what the payer typed is not an amount. Each maps to its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypedAmountError {
    Empty,
    NotANumber,
    TooManyDecimals,
    Negative,
    TooLarge,
}

/// Reads an amount a payer typed, in cents.
///
/// Accepted around the number: spaces and a leading "$" or "R$". Inside it:
/// one decimal separator and group separators of the format, or spaces
/// (also no-break spaces), one kind per number and only between groups of
/// three digits, so "5.00.000" is refused rather than guessed at.
///
/// More decimals than the format allows are refused even when they are zeros:
/// in es-CO "50,000" (typed the English way) would otherwise be 50 pesos
/// instead of the 50 000 the payer meant.
pub fn parse_typed_amount(input: &str, fmt: TypedAmountFormat) -> Result<i64, TypedAmountError> {
    let number = strip_sign_and_symbol(input)?;
    let (integer, fraction) = match number.split_once(fmt.decimal_separator) {
        Some((integer, fraction)) => (integer, fraction),
        None => (number, ""),
    };
    let integer_digits = ungroup(integer, fmt.group_separator)?;
    if !fraction.bytes().all(|byte| byte.is_ascii_digit()) {
        // Also catches a second decimal separator or a group separator after the first.
        return Err(TypedAmountError::NotANumber);
    }
    if integer_digits.is_empty() && fraction.is_empty() {
        return Err(TypedAmountError::NotANumber);
    }
    let max_fraction_digits = usize::from(fmt.max_fraction_digits).min(WIRE_FRACTION_DIGITS);
    if fraction.len() > max_fraction_digits {
        return Err(TypedAmountError::TooManyDecimals);
    }
    magnitude_in_cents(&integer_digits, fraction)
        .and_then(|cents| i64::try_from(cents).ok())
        .ok_or(TypedAmountError::TooLarge)
}

const CURRENCY_SYMBOLS: [&str; 2] = ["R$", "$"];

/// Trims the input and removes a leading currency symbol; refuses a minus
/// sign before or after the symbol.
fn strip_sign_and_symbol(input: &str) -> Result<&str, TypedAmountError> {
    let mut text = input.trim();
    if text.is_empty() {
        return Err(TypedAmountError::Empty);
    }
    reject_minus(text)?;
    if let Some(rest) = CURRENCY_SYMBOLS
        .iter()
        .find_map(|symbol| text.strip_prefix(symbol))
    {
        text = rest.trim_start();
        if text.is_empty() {
            return Err(TypedAmountError::Empty);
        }
        reject_minus(text)?;
    }
    Ok(text)
}

fn reject_minus(text: &str) -> Result<(), TypedAmountError> {
    // U+2212 is the minus sign some keyboards and pasted text use.
    if text.starts_with(['-', '\u{2212}']) {
        Err(TypedAmountError::Negative)
    } else {
        Ok(())
    }
}

/// Grouping marks a payer may use: the locale's, or any kind of space.
fn is_group_mark(c: char, group_separator: char) -> bool {
    c == group_separator || matches!(c, ' ' | '\u{00A0}' | '\u{202F}')
}

/// The digits of the whole part, checking that any grouping splits it into a
/// leading group of 1 to 3 digits followed by groups of exactly 3.
fn ungroup(integer: &str, group_separator: char) -> Result<String, TypedAmountError> {
    let Some(mark) = integer.chars().find(|&c| is_group_mark(c, group_separator)) else {
        return if integer.bytes().all(|byte| byte.is_ascii_digit()) {
            Ok(integer.to_owned())
        } else {
            Err(TypedAmountError::NotANumber)
        };
    };
    let mut digits = String::with_capacity(integer.len());
    for (index, group) in integer.split(mark).enumerate() {
        let well_sized = if index == 0 {
            (1..=3).contains(&group.len())
        } else {
            group.len() == 3
        };
        // A different grouping mark inside a group is not a digit: mixing kinds is refused.
        if !well_sized || !group.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(TypedAmountError::NotANumber);
        }
        digits.push_str(group);
    }
    Ok(digits)
}

/// Who pays the fee, as the API writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeeMode {
    Payer,
    Receiver,
}

/// What the payer sees before choosing a method, all in cents. In receiver
/// mode `fee` and `iva` are still filled in (borne by the merchant) and
/// `total` equals `amount`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Breakdown {
    pub amount: i64,
    pub fee: i64,
    pub iva: i64,
    pub total: i64,
}

const BASIS_POINTS_PER_UNIT: i128 = 10_000;

/// Fee, IVA (a tax on the fee) and total for an amount. Rates are in basis
/// points (200 = 2 %). Each step rounds to the cent, half away from zero, as
/// the provider does. `None` when a result does not fit in `i64`.
pub fn breakdown(
    amount_cents: i64,
    fee_rate_bps: u32,
    iva_rate_bps: u32,
    mode: FeeMode,
) -> Option<Breakdown> {
    let fee = apply_rate(amount_cents, fee_rate_bps)?;
    let iva = apply_rate(fee, iva_rate_bps)?;
    let total = match mode {
        FeeMode::Payer => {
            i64::try_from(i128::from(amount_cents) + i128::from(fee) + i128::from(iva)).ok()?
        }
        FeeMode::Receiver => amount_cents,
    };
    Some(Breakdown {
        amount: amount_cents,
        fee,
        iva,
        total,
    })
}

/// `cents × rate_bps / 10000`, rounded half away from zero.
fn apply_rate(cents: i64, rate_bps: u32) -> Option<i64> {
    // |i64| × u32 < 2^95: the product always fits in i128.
    let scaled = i128::from(cents) * i128::from(rate_bps);
    i64::try_from(divide_rounding_half_away_from_zero(
        scaled,
        BASIS_POINTS_PER_UNIT,
    ))
    .ok()
}

/// `numerator / denominator` rounded half away from zero; `denominator > 0`.
fn divide_rounding_half_away_from_zero(numerator: i128, denominator: i128) -> i128 {
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    if remainder.abs() * 2 >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    }
}

/// Why a typed amount is outside what the link accepts; bounds in cents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoundsError {
    BelowMinimum(i64),
    AboveMaximum(i64),
    NotPositive,
}

/// Checks an amount in cents against the link's optional bounds (inclusive).
/// A zero or negative amount is refused before the bounds are looked at.
pub fn check_bounds(amount: i64, min: Option<i64>, max: Option<i64>) -> Result<(), BoundsError> {
    if amount <= 0 {
        return Err(BoundsError::NotPositive);
    }
    if let Some(min) = min.filter(|&min| amount < min) {
        return Err(BoundsError::BelowMinimum(min));
    }
    if let Some(max) = max.filter(|&max| amount > max) {
        return Err(BoundsError::AboveMaximum(max));
    }
    Ok(())
}

#[cfg(test)]
#[path = "money_tests.rs"]
mod tests;
