//! Customer identifiers of Colombia (CC, NIT) and Brazil (CPF, CNPJ): how
//! they are written down and which ones are valid (docs of the tax
//! authorities, as summarised in the project's domain notes).

use super::model::IdentifierType;

/// The identifier without the dots, dashes, slashes and spaces people write
/// in it (`390.533.447-05` -> `39053344705`), letters in upper case.
pub fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '.' | '-' | '/' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Whether `compact` is a valid identifier of `kind`.
pub fn is_valid(kind: IdentifierType, compact: &str) -> bool {
    match kind {
        IdentifierType::Cc => is_cc(compact),
        IdentifierType::Nit => is_nit(compact),
        IdentifierType::Cpf => is_cpf(compact),
        IdentifierType::Cnpj => is_cnpj(compact),
    }
}

/// A Colombian cédula: 6 to 10 digits, no check digit.
pub fn is_cc(compact: &str) -> bool {
    (6..=10).contains(&compact.len()) && compact.bytes().all(|b| b.is_ascii_digit())
}

/// A Colombian NIT with its check digit last (`9001234568`): weights
/// 3, 7, 13, … applied to the base digits from right to left, s mod 11 = r,
/// the check digit is r when r is 0 or 1, else 11 - r.
pub fn is_nit(compact: &str) -> bool {
    const WEIGHTS: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
    if !(6..=16).contains(&compact.len()) || !compact.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits: Vec<u32> = compact.bytes().map(|b| u32::from(b - b'0')).collect();
    let (base, check) = digits.split_at(digits.len() - 1);
    let sum: u32 = base
        .iter()
        .rev()
        .zip(WEIGHTS)
        .map(|(digit, weight)| digit * weight)
        .sum();
    let remainder = sum % 11;
    let expected = if remainder < 2 {
        remainder
    } else {
        11 - remainder
    };
    check[0] == expected
}

/// A Brazilian CPF: 11 digits, two check digits (weights 10..2, then
/// 11..2, mod 11), and not all the same digit.
pub fn is_cpf(compact: &str) -> bool {
    if compact.len() != 11 || !compact.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let values: Vec<u32> = compact.bytes().map(|b| u32::from(b - b'0')).collect();
    if values.iter().all(|value| *value == values[0]) {
        return false;
    }
    let check_digit = |base: &[u32]| {
        let first_weight = base.len() as u32 + 1;
        let sum: u32 = base
            .iter()
            .enumerate()
            .map(|(index, value)| value * (first_weight - index as u32))
            .sum();
        mod_11_digit(sum)
    };
    check_digit(&values[..9]) == values[9] && check_digit(&values[..10]) == values[10]
}

/// A Brazilian CNPJ, numeric or alphanumeric (from July 2026): 12
/// characters [0-9A-Z] then two numeric check digits; a character is worth
/// its ASCII code minus 48 (A = 17); weights 5,4,3,2,9,…,2 then 6,5,…,2.
pub fn is_cnpj(compact: &str) -> bool {
    const FIRST: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    const SECOND: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
    let bytes = compact.as_bytes();
    if bytes.len() != 14
        || !bytes[..12]
            .iter()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
        || !bytes[12..].iter().all(u8::is_ascii_digit)
        || bytes.iter().all(|b| *b == bytes[0])
    {
        return false;
    }
    let values: Vec<u32> = bytes.iter().map(|b| u32::from(b - b'0')).collect();
    let check_digit = |base: &[u32], weights: &[u32]| {
        mod_11_digit(base.iter().zip(weights).map(|(v, w)| v * w).sum())
    };
    check_digit(&values[..12], &FIRST) == values[12]
        && check_digit(&values[..13], &SECOND) == values[13]
}

fn mod_11_digit(sum: u32) -> u32 {
    let remainder = sum % 11;
    if remainder < 2 {
        0
    } else {
        11 - remainder
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpf() {
        for valid in ["390.533.447-05", "111.444.777-35", "529.982.247-25"] {
            assert!(is_cpf(&compact(valid)), "{valid}");
        }
        for invalid in [
            "231.002.999-00",
            "529.982.247-24",
            "000.000.000-00",
            "111.111.111-11",
            "3905334470",
            "3905334470a",
        ] {
            assert!(!is_cpf(&compact(invalid)), "{invalid}");
        }
    }

    #[test]
    fn cnpj_numeric_and_alphanumeric() {
        for valid in [
            "16.727.230/0001-97",
            "11.222.333/0001-81",
            "12.ABC.345/01DE-35",
            "A8.7HB.ZHB/0001-61",
            "12abc34501de35",
        ] {
            assert!(is_cnpj(&compact(valid)), "{valid}");
        }
        for invalid in [
            "16.727.230/0001-98",
            "12.ABC.345/01DE-36",
            "00.000.000/0000-00",
            "11.222.333/0001-8",
            "12ABC34501DE3A",
        ] {
            assert!(!is_cnpj(&compact(invalid)), "{invalid}");
        }
    }

    #[test]
    fn nit_and_cc() {
        for valid in ["900.123.456-8", "800.197.268-4", "213.123.432-1"] {
            assert!(is_nit(&compact(valid)), "{valid}");
        }
        for invalid in ["900123456-0", "2131234350", "12345"] {
            assert!(!is_nit(&compact(invalid)), "{invalid}");
        }
        assert!(is_cc("1018760936") && is_cc("123456"));
        assert!(!is_cc("12345") && !is_cc("12345678901") && !is_cc("10187609A6"));
    }
}
