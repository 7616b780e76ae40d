//! Payer fields: identity documents of Colombia and Brazil, mobile numbers
//! and email.
//!
//! Each validator takes the text as typed and returns the normalized value to
//! send (digits only, letters uppercase). The separators people type (dots,
//! dashes, slashes, spaces) are accepted and dropped; lowercase letters are
//! uppercased rather than refused, since payers type on phones.

use serde::{Deserialize, Serialize};

/// Why a field is refused. Each variant has its own payer-facing message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Required,
    TooShort,
    TooLong,
    InvalidCharacters,
    WrongCheckDigit,
    AllSameDigits,
    NotAMobileNumber,
    InvalidEmail,
}

/// Longest input any field but email accepts, in characters.
const MAX_FIELD_CHARS: usize = 64;
/// The longest address a mail path can carry (RFC 5321 path limit minus "<>").
const MAX_EMAIL_CHARS: usize = 254;

/// Checks shared by every field, done first so later steps only ever see
/// short, printable text: returns the input without surrounding whitespace.
fn precheck(input: &str, max_chars: usize) -> Result<&str, FieldError> {
    let text = input.trim();
    if text.is_empty() {
        return Err(FieldError::Required);
    }
    if text.chars().nth(max_chars).is_some() {
        return Err(FieldError::TooLong);
    }
    if text.chars().any(char::is_control) {
        return Err(FieldError::InvalidCharacters);
    }
    Ok(text)
}

/// Characters people put between the parts of a document number.
fn is_document_separator(c: char) -> bool {
    matches!(c, '.' | '-' | '/') || c.is_whitespace()
}

/// The document's letters and digits, uppercased, without separators.
fn compact_alphanumeric(input: &str) -> Result<String, FieldError> {
    precheck(input, MAX_FIELD_CHARS)?
        .chars()
        .filter(|&c| !is_document_separator(c))
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                Ok(c.to_ascii_uppercase())
            } else {
                Err(FieldError::InvalidCharacters)
            }
        })
        .collect()
}

fn check_length(value: &str, min: usize, max: usize) -> Result<(), FieldError> {
    // Compacted values are ASCII, so bytes are characters.
    if value.len() < min {
        Err(FieldError::TooShort)
    } else if value.len() > max {
        Err(FieldError::TooLong)
    } else {
        Ok(())
    }
}

/// A document of `min..=max` letters or digits.
fn alphanumeric_document(input: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let value = compact_alphanumeric(input)?;
    check_length(&value, min, max)?;
    Ok(value)
}

/// A document of `min..=max` digits.
fn numeric_document(input: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let value = compact_alphanumeric(input)?;
    if !value.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(FieldError::InvalidCharacters);
    }
    check_length(&value, min, max)?;
    Ok(value)
}

fn digit_values(value: &str) -> impl DoubleEndedIterator<Item = u32> + '_ {
    value.bytes().map(|byte| u32::from(byte - b'0'))
}

fn all_same(value: &str) -> bool {
    value.bytes().all(|byte| byte == value.as_bytes()[0])
}

/// Cédula de ciudadanía: 6 to 10 digits, no check digit.
pub fn cc(input: &str) -> Result<String, FieldError> {
    numeric_document(input, 6, 10)
}

/// Cédula de extranjería. Sources only agree on "up to 12 alphanumeric"; 6 is
/// the shortest length seen in practice and catches a truncated entry.
pub fn ce(input: &str) -> Result<String, FieldError> {
    alphanumeric_document(input, 6, 12)
}

/// Tarjeta de identidad: 10 or 11 digits.
pub fn ti(input: &str) -> Result<String, FieldError> {
    numeric_document(input, 10, 11)
}

/// Passport: 5 to 12 letters or digits.
pub fn pp(input: &str) -> Result<String, FieldError> {
    alphanumeric_document(input, 5, 12)
}

/// DIAN weights for the NIT check digit, applied to the base from its last digit.
const NIT_WEIGHTS: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
/// Companies' NIT bases have 9 digits; a person's NIT is their cédula (6 to
/// 10 digits), so 6 is the shortest accepted and 15 the most the weights cover.
const NIT_BASE_DIGITS: (usize, usize) = (6, NIT_WEIGHTS.len());

/// Colombian NIT: base and check digit, with or without the dash. The
/// normalized value is the base followed by the check digit ("9001234568").
pub fn nit(input: &str) -> Result<String, FieldError> {
    let (min_base, max_base) = NIT_BASE_DIGITS;
    let value = numeric_document(input, min_base + 1, max_base + 1)?;
    let (base, check) = value.split_at(value.len() - 1);
    if digit_values(check).eq([nit_check_digit(base)]) {
        Ok(value)
    } else {
        Err(FieldError::WrongCheckDigit)
    }
}

fn nit_check_digit(base: &str) -> u32 {
    let sum: u32 = digit_values(base)
        .rev()
        .zip(NIT_WEIGHTS)
        .map(|(digit, weight)| digit * weight)
        .sum();
    match sum % 11 {
        remainder @ (0 | 1) => remainder,
        remainder => 11 - remainder,
    }
}

/// The mod-11 check digit used by CPF and CNPJ: 0 when the remainder is
/// below 2, else 11 minus it.
fn mod11_check_digit(values: impl Iterator<Item = u32>, weights: impl Iterator<Item = u32>) -> u32 {
    let sum: u32 = values
        .zip(weights)
        .map(|(value, weight)| value * weight)
        .sum();
    match sum % 11 {
        0 | 1 => 0,
        remainder => 11 - remainder,
    }
}

const CPF_DIGITS: usize = 11;

/// Brazilian CPF: 11 digits whose last two check the first nine. All-equal
/// digits pass the arithmetic but are not issued, so they are refused.
pub fn cpf(input: &str) -> Result<String, FieldError> {
    let value = numeric_document(input, CPF_DIGITS, CPF_DIGITS)?;
    if all_same(&value) {
        return Err(FieldError::AllSameDigits);
    }
    let digits: Vec<u32> = digit_values(&value).collect();
    let first = mod11_check_digit(digits[..9].iter().copied(), (2..=10).rev());
    let second = mod11_check_digit(digits[..10].iter().copied(), (2..=11).rev());
    if digits[9..] == [first, second] {
        Ok(value)
    } else {
        Err(FieldError::WrongCheckDigit)
    }
}

const CNPJ_CHARS: usize = 14;
const CNPJ_FIRST_WEIGHTS: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_SECOND_WEIGHTS: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/// Brazilian CNPJ, numeric or alphanumeric (issued from July 2026): twelve
/// characters [0-9A-Z] and two check digits. A character's value is its ASCII
/// code minus 48, which keeps digits' values and gives A = 17.
pub fn cnpj(input: &str) -> Result<String, FieldError> {
    let value = alphanumeric_document(input, CNPJ_CHARS, CNPJ_CHARS)?;
    if !value[CNPJ_CHARS - 2..]
        .bytes()
        .all(|byte| byte.is_ascii_digit())
    {
        return Err(FieldError::InvalidCharacters);
    }
    if all_same(&value) {
        return Err(FieldError::AllSameDigits);
    }
    let values: Vec<u32> = value.bytes().map(|byte| u32::from(byte - b'0')).collect();
    let first = mod11_check_digit(values[..12].iter().copied(), CNPJ_FIRST_WEIGHTS.into_iter());
    let second = mod11_check_digit(
        values[..13].iter().copied(),
        CNPJ_SECOND_WEIGHTS.into_iter(),
    );
    if values[12..] == [first, second] {
        Ok(value)
    } else {
        Err(FieldError::WrongCheckDigit)
    }
}

/// A phone number as typed: whether it started with '+', and its digits.
/// Spaces, dots, dashes and parentheses are dropped.
fn phone_digits(input: &str) -> Result<(bool, String), FieldError> {
    let text = precheck(input, MAX_FIELD_CHARS)?;
    let (international, rest) = match text.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let digits = rest
        .chars()
        .filter(|&c| !(matches!(c, '.' | '-' | '(' | ')') || c.is_whitespace()))
        .map(|c| {
            if c.is_ascii_digit() {
                Ok(c)
            } else {
                Err(FieldError::InvalidCharacters)
            }
        })
        .collect::<Result<String, _>>()?;
    Ok((international, digits))
}

/// The national number from a phone number in `country_code`, written with
/// the country code (always when it began with '+') or without it.
fn national_number(
    input: &str,
    country_code: &str,
    national_digits: usize,
) -> Result<String, FieldError> {
    let (international, digits) = phone_digits(input)?;
    let national = if international || digits.len() == country_code.len() + national_digits {
        digits.strip_prefix(country_code)
    } else {
        Some(digits.as_str())
    };
    match national {
        Some(national) if national.len() == national_digits => Ok(national.to_owned()),
        _ => Err(FieldError::NotAMobileNumber),
    }
}

/// Colombian mobile: 10 digits starting with 3, optionally after +57.
/// Deliberately no finer operator ranges: the 399 numbers are sandbox
/// numbers that must pass.
pub fn co_mobile(input: &str) -> Result<String, FieldError> {
    let national = national_number(input, "57", 10)?;
    if national.starts_with('3') {
        Ok(national)
    } else {
        Err(FieldError::NotAMobileNumber)
    }
}

/// Nequi accounts are Colombian mobile numbers.
pub fn nequi_phone(input: &str) -> Result<String, FieldError> {
    co_mobile(input)
}

/// Brazilian mobile: a two-digit area code with no 0 (11 to 99) and nine
/// digits starting with 9, optionally after +55. Returns the 11 digits.
pub fn br_mobile(input: &str) -> Result<String, FieldError> {
    let national = national_number(input, "55", 11)?;
    let bytes = national.as_bytes();
    let valid_area_code = bytes[..2].iter().all(|&digit| digit != b'0');
    if valid_area_code && bytes[2] == b'9' {
        Ok(national)
    } else {
        Err(FieldError::NotAMobileNumber)
    }
}

/// Email by the rule browsers apply to `<input type=email>` (WHATWG): a local
/// part of letters, digits and ``.!#$%&'*+/=?^_`{|}~-``, then '@', then
/// dot-separated labels of 1 to 63 letters, digits or '-', not starting or
/// ending with '-'. Returned as typed, without surrounding whitespace.
pub fn email(input: &str) -> Result<String, FieldError> {
    let text = precheck(input, MAX_EMAIL_CHARS)?;
    let (local, domain) = text.split_once('@').ok_or(FieldError::InvalidEmail)?;
    if !local.is_empty()
        && local.chars().all(is_email_local_char)
        && domain.split('.').all(is_domain_label)
    {
        Ok(text.to_owned())
    } else {
        Err(FieldError::InvalidEmail)
    }
}

fn is_email_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c)
}

fn is_domain_label(label: &str) -> bool {
    (1..=63).contains(&label.len())
        && label
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// Identity document kinds a payer can give. Variant names are the codes the
/// API uses (`payer_type_document`), which is also how serde writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentType {
    CC,
    CE,
    NIT,
    TI,
    PP,
    CPF,
    CNPJ,
}

impl DocumentType {
    pub const ALL: [DocumentType; 7] = [
        DocumentType::CC,
        DocumentType::CE,
        DocumentType::NIT,
        DocumentType::TI,
        DocumentType::PP,
        DocumentType::CPF,
        DocumentType::CNPJ,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DocumentType::CC => "CC",
            DocumentType::CE => "CE",
            DocumentType::NIT => "NIT",
            DocumentType::TI => "TI",
            DocumentType::PP => "PP",
            DocumentType::CPF => "CPF",
            DocumentType::CNPJ => "CNPJ",
        }
    }

    /// The document type for an exact code (uppercase, as on the wire).
    pub fn from_code(code: &str) -> Option<DocumentType> {
        DocumentType::ALL
            .into_iter()
            .find(|kind| kind.code() == code)
    }
}

/// Validates a document of the given kind; see the function for each kind.
pub fn document(kind: DocumentType, input: &str) -> Result<String, FieldError> {
    match kind {
        DocumentType::CC => cc(input),
        DocumentType::CE => ce(input),
        DocumentType::NIT => nit(input),
        DocumentType::TI => ti(input),
        DocumentType::PP => pp(input),
        DocumentType::CPF => cpf(input),
        DocumentType::CNPJ => cnpj(input),
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
