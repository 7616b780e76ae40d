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
mod tests {
    use super::*;

    const COP: TypedAmountFormat = TypedAmountFormat::ES_CO_COP;
    const BRL: TypedAmountFormat = TypedAmountFormat::PT_BR_BRL;
    const USD: TypedAmountFormat = TypedAmountFormat::EN_US_USD;

    #[test]
    fn currency_codes_round_trip() {
        for currency in Currency::ALL {
            assert_eq!(Currency::from_code(currency.code()), Some(currency));
        }
        assert_eq!(Currency::from_code("cop"), None);
        assert_eq!(Currency::from_code("EUR"), None);
        assert_eq!(Currency::from_code(""), None);
    }

    #[test]
    fn pesos_are_shown_without_decimals() {
        assert_eq!(Currency::COP.display_fraction_digits(), 0);
        assert_eq!(Currency::USD.display_fraction_digits(), 2);
        assert_eq!(Currency::BRL.display_fraction_digits(), 2);
    }

    #[test]
    fn currency_and_fee_mode_use_wire_names() {
        assert_eq!(serde_json::to_string(&Currency::BRL).unwrap(), r#""BRL""#);
        assert_eq!(
            serde_json::from_str::<Currency>(r#""COP""#).unwrap(),
            Currency::COP
        );
        assert_eq!(
            serde_json::to_string(&FeeMode::Payer).unwrap(),
            r#""payer""#
        );
        assert_eq!(
            serde_json::from_str::<FeeMode>(r#""receiver""#).unwrap(),
            FeeMode::Receiver
        );
        assert!(serde_json::from_str::<FeeMode>(r#""Payer""#).is_err());
    }

    #[test]
    fn money_writes_its_wire_text() {
        assert_eq!(Money::new(5_000_000, Currency::COP).to_wire(), "50000.00");
    }

    #[test]
    fn wire_decimals_from_the_seeds() {
        assert_eq!(parse_wire_decimal("50000.00"), Ok(5_000_000));
        assert_eq!(parse_wire_decimal("1000"), Ok(100_000));
        assert_eq!(parse_wire_decimal("1234.12"), Ok(123_412));
        assert_eq!(parse_wire_decimal("51190.0"), Ok(5_119_000));
        assert_eq!(parse_wire_decimal("1000.00"), Ok(100_000));
        assert_eq!(parse_wire_decimal("190.00"), Ok(19_000));
        assert_eq!(parse_wire_decimal("-5.00"), Ok(-500));
    }

    #[test]
    fn wire_decimals_small_and_zero() {
        assert_eq!(parse_wire_decimal("0.05"), Ok(5));
        assert_eq!(parse_wire_decimal("0.5"), Ok(50));
        assert_eq!(parse_wire_decimal("0.29"), Ok(29));
        assert_eq!(parse_wire_decimal("0"), Ok(0));
        assert_eq!(parse_wire_decimal("-0.00"), Ok(0));
        assert_eq!(parse_wire_decimal("007.10"), Ok(710));
    }

    #[test]
    fn wire_decimals_accept_trailing_zeros_below_the_cent() {
        assert_eq!(parse_wire_decimal("1.230"), Ok(123));
        assert_eq!(parse_wire_decimal("1.2300000000000000000000"), Ok(123));
        assert_eq!(
            parse_wire_decimal("1.235"),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(
            parse_wire_decimal("1.005"),
            Err(MoneyError::TooManyDecimals)
        );
        assert_eq!(
            parse_wire_decimal("1.0000001"),
            Err(MoneyError::TooManyDecimals)
        );
    }

    #[test]
    fn wire_decimals_refuse_what_is_not_plain() {
        assert_eq!(parse_wire_decimal(""), Err(MoneyError::Empty));
        for text in [
            "-", "+5", "+5.00", " 5", "5 ", "5\n", "1e3", "1E3", "1.5e2", "NaN", "nan", "inf",
            "-inf", "Infinity", ".5", "5.", "-.5", "1.2.3", "1,000.00", "--5", "5-", "0x10",
            "1_000", "١٢", "５", "\"5\"", "5.0a", "a5",
        ] {
            assert_eq!(
                parse_wire_decimal(text),
                Err(MoneyError::Malformed),
                "{text:?}"
            );
        }
    }

    #[test]
    fn wire_decimals_at_the_limits_of_i64() {
        assert_eq!(parse_wire_decimal("92233720368547758.07"), Ok(i64::MAX));
        assert_eq!(parse_wire_decimal("-92233720368547758.08"), Ok(i64::MIN));
        assert_eq!(
            parse_wire_decimal("92233720368547758.08"),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            parse_wire_decimal("-92233720368547758.09"),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            parse_wire_decimal("184467440737095516.16"),
            Err(MoneyError::Overflow)
        );
        assert_eq!(
            parse_wire_decimal(&"9".repeat(10_000)),
            Err(MoneyError::Overflow)
        );
        let many_leading_zeros = format!("{}1.00", "0".repeat(10_000));
        assert_eq!(parse_wire_decimal(&many_leading_zeros), Ok(100));
    }

    #[test]
    fn cents_are_written_as_wire_text() {
        assert_eq!(cents_to_wire(5_000_000), "50000.00");
        assert_eq!(cents_to_wire(5_119_000), "51190.00");
        assert_eq!(cents_to_wire(-500), "-5.00");
        assert_eq!(cents_to_wire(5), "0.05");
        assert_eq!(cents_to_wire(-5), "-0.05");
        assert_eq!(cents_to_wire(0), "0.00");
        assert_eq!(cents_to_wire(i64::MAX), "92233720368547758.07");
        assert_eq!(cents_to_wire(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn wire_text_round_trips() {
        let mut random = Lcg(7);
        let edges = [0, 1, -1, 99, 100, -100, i64::MAX, i64::MIN, i64::MIN + 1];
        let samples = (0..2_000).map(|_| random.next_u64() as i64);
        for cents in edges.into_iter().chain(samples) {
            assert_eq!(
                parse_wire_decimal(&cents_to_wire(cents)),
                Ok(cents),
                "{cents}"
            );
        }
    }

    #[test]
    fn typed_pesos_in_es_co() {
        assert_eq!(parse_typed_amount("50.000", COP), Ok(5_000_000));
        assert_eq!(parse_typed_amount("50000", COP), Ok(5_000_000));
        assert_eq!(parse_typed_amount("$ 50.000", COP), Ok(5_000_000));
        assert_eq!(parse_typed_amount("$\u{A0}50.000", COP), Ok(5_000_000));
        assert_eq!(parse_typed_amount("$50.000", COP), Ok(5_000_000));
        assert_eq!(parse_typed_amount("  1.234.567  ", COP), Ok(123_456_700));
        assert_eq!(parse_typed_amount("50 000", COP), Ok(5_000_000));
        assert_eq!(parse_typed_amount("50\u{A0}000", COP), Ok(5_000_000));
        assert_eq!(parse_typed_amount("50\u{202F}000", COP), Ok(5_000_000));
        assert_eq!(parse_typed_amount("0", COP), Ok(0));
        // A trailing separator adds no decimals.
        assert_eq!(parse_typed_amount("50000,", COP), Ok(5_000_000));
    }

    #[test]
    fn typed_pesos_refuse_decimals() {
        assert_eq!(
            parse_typed_amount("50.000,5", COP),
            Err(TypedAmountError::TooManyDecimals)
        );
        assert_eq!(
            parse_typed_amount("50.000,00", COP),
            Err(TypedAmountError::TooManyDecimals)
        );
        // Typed the English way: refused, never read as 50 pesos.
        assert_eq!(
            parse_typed_amount("50,000", COP),
            Err(TypedAmountError::TooManyDecimals)
        );
    }

    #[test]
    fn typed_reais_in_pt_br() {
        assert_eq!(parse_typed_amount("1.234,12", BRL), Ok(123_412));
        assert_eq!(parse_typed_amount("1234,1", BRL), Ok(123_410));
        assert_eq!(parse_typed_amount("1234", BRL), Ok(123_400));
        assert_eq!(parse_typed_amount("R$ 1.234,12", BRL), Ok(123_412));
        assert_eq!(parse_typed_amount("R$\u{A0}1.234,12", BRL), Ok(123_412));
        assert_eq!(parse_typed_amount("R$1234,12", BRL), Ok(123_412));
        assert_eq!(parse_typed_amount("0,05", BRL), Ok(5));
        assert_eq!(parse_typed_amount(",50", BRL), Ok(50));
        assert_eq!(
            parse_typed_amount("1,234", BRL),
            Err(TypedAmountError::TooManyDecimals)
        );
        assert_eq!(
            parse_typed_amount("1.234,125", BRL),
            Err(TypedAmountError::TooManyDecimals)
        );
    }

    #[test]
    fn typed_dollars_in_english() {
        assert_eq!(parse_typed_amount("1,234.56", USD), Ok(123_456));
        assert_eq!(parse_typed_amount("$1,234.56", USD), Ok(123_456));
        assert_eq!(parse_typed_amount("1234.5", USD), Ok(123_450));
        assert_eq!(parse_typed_amount("1 234.56", USD), Ok(123_456));
        assert_eq!(
            parse_typed_amount("50.000", USD),
            Err(TypedAmountError::TooManyDecimals)
        );
    }

    #[test]
    fn typed_amount_grouping_must_be_in_threes() {
        for text in [
            "5.00.000",
            "50.00",
            "5000.000",
            ".500",
            "500.",
            "1..000",
            "1.000 000",
            "1 000.000",
            "1.0000",
            "12,34,567",
        ] {
            let fmt = if text.contains(',') { USD } else { COP };
            assert_eq!(
                parse_typed_amount(text, fmt),
                Err(TypedAmountError::NotANumber),
                "{text:?}"
            );
        }
    }

    #[test]
    fn typed_amount_refuses_what_is_not_a_number() {
        assert_eq!(parse_typed_amount("", COP), Err(TypedAmountError::Empty));
        assert_eq!(
            parse_typed_amount(" \u{A0} ", COP),
            Err(TypedAmountError::Empty)
        );
        assert_eq!(parse_typed_amount("$", COP), Err(TypedAmountError::Empty));
        assert_eq!(parse_typed_amount("R$ ", BRL), Err(TypedAmountError::Empty));
        for text in [
            "abc", "50k", "1,2,3", "1,2,", ",", "1e5", "+5", "5-", "$$5", "5$", "US$ 5", "٥", "５",
            "1.234,1a", "1.234,,1", "5\u{0}", "NaN",
        ] {
            assert_eq!(
                parse_typed_amount(text, BRL),
                Err(TypedAmountError::NotANumber),
                "{text:?}"
            );
        }
    }

    #[test]
    fn typed_amount_refuses_negatives() {
        for text in [
            "-5",
            "-",
            "- 5",
            "$-5",
            "$ -5",
            "-$5",
            "R$ -1,00",
            "\u{2212}5",
        ] {
            assert_eq!(
                parse_typed_amount(text, BRL),
                Err(TypedAmountError::Negative),
                "{text:?}"
            );
        }
    }

    #[test]
    fn typed_amount_refuses_overflow() {
        assert_eq!(
            parse_typed_amount("92233720368547758,07", BRL),
            Ok(i64::MAX)
        );
        assert_eq!(
            parse_typed_amount("92233720368547758,08", BRL),
            Err(TypedAmountError::TooLarge)
        );
        assert_eq!(
            parse_typed_amount(&"9".repeat(5_000), COP),
            Err(TypedAmountError::TooLarge)
        );
    }

    #[test]
    fn typed_amount_caps_fraction_digits_at_cents() {
        let three_decimals = TypedAmountFormat {
            max_fraction_digits: 3,
            ..BRL
        };
        assert_eq!(parse_typed_amount("1,23", three_decimals), Ok(123));
        assert_eq!(
            parse_typed_amount("1,234", three_decimals),
            Err(TypedAmountError::TooManyDecimals)
        );
    }

    #[test]
    fn breakdown_of_the_seed_link() {
        let seed = breakdown(5_000_000, 200, 1_900, FeeMode::Payer).unwrap();
        assert_eq!(
            seed,
            Breakdown {
                amount: 5_000_000,
                fee: 100_000,
                iva: 19_000,
                total: 5_119_000
            }
        );
        assert_eq!(cents_to_wire(seed.total), "51190.00");
    }

    #[test]
    fn receiver_mode_shows_the_fee_but_charges_the_amount() {
        let receiver = breakdown(5_000_000, 200, 1_900, FeeMode::Receiver).unwrap();
        assert_eq!(
            receiver,
            Breakdown {
                amount: 5_000_000,
                fee: 100_000,
                iva: 19_000,
                total: 5_000_000
            }
        );
    }

    #[test]
    fn breakdown_rounds_half_away_from_zero() {
        // 25 cents × 2 % = 0.5 cent -> 1; 24 cents × 2 % = 0.48 -> 0.
        assert_eq!(breakdown(25, 200, 0, FeeMode::Payer).unwrap().fee, 1);
        assert_eq!(breakdown(24, 200, 0, FeeMode::Payer).unwrap().fee, 0);
        assert_eq!(breakdown(-25, 200, 0, FeeMode::Payer).unwrap().fee, -1);
        // IVA rounds the rounded fee: fee 1 cent × 19 % = 0.19 -> 0.
        assert_eq!(breakdown(25, 200, 1_900, FeeMode::Payer).unwrap().iva, 0);
        // 123 457 cents × 2.5 % = 3 086.425 -> 3 086; × 19 % = 586.34 -> 586.
        let odd = breakdown(123_457, 250, 1_900, FeeMode::Payer).unwrap();
        assert_eq!((odd.fee, odd.iva, odd.total), (3_086, 586, 127_129));
    }

    #[test]
    fn breakdown_with_zero_rates_is_the_amount() {
        let plain = breakdown(1_000, 0, 0, FeeMode::Payer).unwrap();
        assert_eq!(
            plain,
            Breakdown {
                amount: 1_000,
                fee: 0,
                iva: 0,
                total: 1_000
            }
        );
    }

    #[test]
    fn breakdown_overflow_is_none() {
        assert_eq!(breakdown(i64::MAX, 200, 1_900, FeeMode::Payer), None);
        assert_eq!(breakdown(i64::MAX, u32::MAX, 0, FeeMode::Receiver), None);
        assert_eq!(breakdown(i64::MIN, 10_000, 0, FeeMode::Payer), None);
        let all_fee = breakdown(i64::MAX / 3, 10_000, 10_000, FeeMode::Receiver).unwrap();
        assert_eq!(all_fee.total, i64::MAX / 3);
    }

    #[test]
    fn bounds_are_inclusive() {
        assert_eq!(check_bounds(1_000, Some(1_000), Some(5_000)), Ok(()));
        assert_eq!(check_bounds(5_000, Some(1_000), Some(5_000)), Ok(()));
        assert_eq!(
            check_bounds(999, Some(1_000), None),
            Err(BoundsError::BelowMinimum(1_000))
        );
        assert_eq!(
            check_bounds(5_001, None, Some(5_000)),
            Err(BoundsError::AboveMaximum(5_000))
        );
        assert_eq!(check_bounds(1, None, None), Ok(()));
    }

    #[test]
    fn bounds_refuse_nothing_to_pay() {
        assert_eq!(check_bounds(0, None, None), Err(BoundsError::NotPositive));
        assert_eq!(
            check_bounds(-1, Some(-10), None),
            Err(BoundsError::NotPositive)
        );
        assert_eq!(
            check_bounds(i64::MIN, None, None),
            Err(BoundsError::NotPositive)
        );
    }

    /// Deterministic pseudo-random numbers (Knuth's MMIX LCG) for the
    /// no-panic sweeps, so failures reproduce.
    struct Lcg(u64);

    impl Lcg {
        fn next_u64(&mut self) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0
        }

        fn below(&mut self, bound: usize) -> usize {
            // The high bits of an LCG are the random ones.
            ((self.next_u64() >> 33) % bound as u64) as usize
        }
    }

    const SWEEP_ALPHABET: &[char] = &[
        '0', '1', '2', '5', '9', '0', '0', '.', '.', ',', ',', '-', '+', ' ', '\u{A0}', '\u{202F}',
        '$', 'R', 'e', 'E', 'a', 'N', 'é', '٣', '５', '€', '😀', '\u{2212}', '\u{0}', '\n', '\t',
        '\u{7F}', '\u{200B}',
    ];

    fn sweep_inputs(count: usize) -> Vec<String> {
        let mut random = Lcg(0x5eed);
        (0..count)
            .map(|_| {
                let length = random.below(40);
                (0..length)
                    .map(|_| SWEEP_ALPHABET[random.below(SWEEP_ALPHABET.len())])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn no_parser_panics_on_generated_input() {
        let formats = [
            COP,
            BRL,
            USD,
            TypedAmountFormat {
                max_fraction_digits: 255,
                ..USD
            },
        ];
        for input in sweep_inputs(5_000) {
            if let Ok(cents) = parse_wire_decimal(&input) {
                assert_eq!(
                    parse_wire_decimal(&cents_to_wire(cents)),
                    Ok(cents),
                    "{input:?}"
                );
            }
            for fmt in formats {
                if let Ok(cents) = parse_typed_amount(&input, fmt) {
                    assert!(cents >= 0, "{input:?}");
                }
            }
            let _ = Currency::from_code(&input);
        }
    }

    #[test]
    fn no_arithmetic_panics_on_generated_values() {
        let mut random = Lcg(42);
        let edges = [0, 1, -1, i64::MAX, i64::MIN];
        for round in 0..5_000 {
            let amount = if round < edges.len() {
                edges[round]
            } else {
                random.next_u64() as i64
            };
            let fee_bps = random.next_u64() as u32;
            let iva_bps = (random.next_u64() >> 48) as u32;
            for mode in [FeeMode::Payer, FeeMode::Receiver] {
                if let Some(result) = breakdown(amount, fee_bps, iva_bps, mode) {
                    assert_eq!(result.amount, amount);
                }
            }
            let min = (round % 2 == 0).then(|| random.next_u64() as i64);
            let max = (round % 3 == 0).then(|| random.next_u64() as i64);
            let _ = check_bounds(amount, min, max);
        }
    }
}
