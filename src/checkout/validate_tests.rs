use super::*;
use FieldError::*;

fn ok(value: &str) -> Result<String, FieldError> {
    Ok(value.to_owned())
}

type Validator = fn(&str) -> Result<String, FieldError>;

const ALL_VALIDATORS: [(&str, Validator); 11] = [
    ("cc", cc),
    ("ce", ce),
    ("ti", ti),
    ("pp", pp),
    ("nit", nit),
    ("cpf", cpf),
    ("cnpj", cnpj),
    ("co_mobile", co_mobile),
    ("nequi_phone", nequi_phone),
    ("br_mobile", br_mobile),
    ("email", email),
];

#[test]
fn every_field_requires_a_value() {
    for (name, validate) in ALL_VALIDATORS {
        for blank in ["", " ", "\t\n", "\u{A0}\u{3000}"] {
            assert_eq!(validate(blank), Err(Required), "{name} {blank:?}");
        }
    }
}

#[test]
fn every_field_refuses_long_input_before_parsing() {
    let long = "1".repeat(MAX_FIELD_CHARS + 1);
    for (name, validate) in ALL_VALIDATORS {
        if name != "email" {
            assert_eq!(validate(&long), Err(TooLong), "{name}");
            assert_eq!(validate(&"é".repeat(65)), Err(TooLong), "{name}");
        }
    }
    let long_email = format!("{}@example.com", "a".repeat(MAX_EMAIL_CHARS));
    assert_eq!(email(&long_email), Err(TooLong));
    let longest_email = format!(
        "{}@{}.{}",
        "a".repeat(64),
        "b".repeat(63),
        "c".repeat(63 + 62)
    );
    assert_eq!(email(&longest_email), Err(InvalidEmail)); // a label over 63
    let longest_email = format!(
        "{}@{}.{}.{}",
        "a".repeat(64),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(61)
    );
    assert_eq!(longest_email.len(), MAX_EMAIL_CHARS);
    assert_eq!(email(&longest_email), ok(&longest_email));
}

#[test]
fn every_field_refuses_control_characters() {
    for (name, validate) in ALL_VALIDATORS {
        for text in [
            "1234\u{0}5678",
            "12345\u{7F}678",
            "a\u{1B}b@x.co",
            "300\n1234567",
        ] {
            assert_eq!(validate(text), Err(InvalidCharacters), "{name} {text:?}");
        }
    }
}

#[test]
fn surrounding_whitespace_is_trimmed() {
    assert_eq!(cc("  1234567890\n"), ok("1234567890"));
    assert_eq!(email("\tana@example.com "), ok("ana@example.com"));
}

#[test]
fn cc_is_six_to_ten_digits() {
    assert_eq!(cc("123456"), ok("123456"));
    assert_eq!(cc("1.234.567.890"), ok("1234567890"));
    assert_eq!(cc("1 234 567"), ok("1234567"));
    assert_eq!(cc("12345"), Err(TooShort));
    assert_eq!(cc("12345678901"), Err(TooLong));
    assert_eq!(cc("12345a"), Err(InvalidCharacters));
    assert_eq!(cc("123,456"), Err(InvalidCharacters));
    assert_eq!(cc("١٢٣٤٥٦"), Err(InvalidCharacters));
    assert_eq!(cc("..--"), Err(TooShort));
}

#[test]
fn ce_is_six_to_twelve_letters_or_digits() {
    assert_eq!(ce("123456"), ok("123456"));
    assert_eq!(ce("e-123456"), ok("E123456"));
    assert_eq!(ce("AB12CD34EF56"), ok("AB12CD34EF56"));
    assert_eq!(ce("12345"), Err(TooShort));
    assert_eq!(ce("AB12CD34EF567"), Err(TooLong));
    assert_eq!(ce("ABC_123"), Err(InvalidCharacters));
    assert_eq!(ce("ÉABC123"), Err(InvalidCharacters));
}

#[test]
fn ti_is_ten_or_eleven_digits() {
    assert_eq!(ti("1234567890"), ok("1234567890"));
    assert_eq!(ti("1.023.456.789-0"), ok("10234567890"));
    assert_eq!(ti("123456789"), Err(TooShort));
    assert_eq!(ti("123456789012"), Err(TooLong));
    assert_eq!(ti("12345678A0"), Err(InvalidCharacters));
}

#[test]
fn pp_is_five_to_twelve_letters_or_digits() {
    assert_eq!(pp("ab12345"), ok("AB12345"));
    assert_eq!(pp("12345"), ok("12345"));
    assert_eq!(pp("AB 123 456"), ok("AB123456"));
    assert_eq!(pp("A123"), Err(TooShort));
    assert_eq!(pp("A234567890123"), Err(TooLong));
    assert_eq!(pp("AB#12345"), Err(InvalidCharacters));
}

#[test]
fn nit_valid_examples() {
    assert_eq!(nit("900.123.456-8"), ok("9001234568"));
    assert_eq!(nit("800.197.268-4"), ok("8001972684"));
    assert_eq!(nit("213.123.432-1"), ok("2131234321"));
    assert_eq!(nit("9001234568"), ok("9001234568"));
    assert_eq!(nit("900123456 8"), ok("9001234568"));
}

#[test]
fn nit_invalid_examples() {
    assert_eq!(nit("900123456-0"), Err(WrongCheckDigit));
    assert_eq!(nit("2131234350"), Err(WrongCheckDigit));
    assert_eq!(nit("900.123.456-9"), Err(WrongCheckDigit));
    assert_eq!(nit("900.123.456-"), Err(WrongCheckDigit));
    assert_eq!(nit("900.12A.456-8"), Err(InvalidCharacters));
}

#[test]
fn nit_base_length_is_six_to_fifteen() {
    assert_eq!(nit("12.345.678-8"), ok("123456788"));
    let cedula = format!("123456{}", nit_check_digit("123456"));
    assert_eq!(nit(&cedula), Ok(cedula.clone()));
    assert_eq!(nit("12345-2"), Err(TooShort));
    let longest_base = "123456789012345";
    let longest = format!("{longest_base}{}", nit_check_digit(longest_base));
    assert_eq!(nit(&longest), Ok(longest.clone()));
    assert_eq!(nit(&format!("1{longest}")), Err(TooLong));
}

#[test]
fn nit_check_digit_for_each_kind_of_remainder() {
    // 6×3 + 1×37 = 55, remainder 0: check digit 0.
    assert_eq!(nit("10.000.006-0"), ok("100000060"));
    // 4×3 + 1×7 + 1×37 = 56, remainder 1: check digit 1 (not 11 - 1).
    assert_eq!(nit("10.000.014-1"), ok("100000141"));
    // 3×3 + 1×37 = 46, remainder 2: check digit 11 - 2 = 9.
    assert_eq!(nit("10.000.003-9"), ok("100000039"));
    assert_eq!(nit("10.000.014-0"), Err(WrongCheckDigit));
}

#[test]
fn cpf_valid_examples() {
    assert_eq!(cpf("390.533.447-05"), ok("39053344705"));
    assert_eq!(cpf("111.444.777-35"), ok("11144477735"));
    assert_eq!(cpf("529.982.247-25"), ok("52998224725"));
    assert_eq!(cpf("52998224725"), ok("52998224725"));
    assert_eq!(cpf(" 529 982 247 25 "), ok("52998224725"));
}

#[test]
fn cpf_invalid_examples() {
    assert_eq!(cpf("231.002.999-00"), Err(WrongCheckDigit));
    assert_eq!(cpf("529.982.247-24"), Err(WrongCheckDigit));
    assert_eq!(cpf("529.982.247-15"), Err(WrongCheckDigit));
    assert_eq!(cpf("000.000.000-00"), Err(AllSameDigits));
    assert_eq!(cpf("111.111.111-11"), Err(AllSameDigits));
    assert_eq!(cpf("999.999.999-99"), Err(AllSameDigits));
    assert_eq!(cpf("529.982.247-2"), Err(TooShort));
    assert_eq!(cpf("529.982.247-250"), Err(TooLong));
    assert_eq!(cpf("529.982.247-2X"), Err(InvalidCharacters));
}

#[test]
fn cnpj_valid_examples() {
    assert_eq!(cnpj("16.727.230/0001-97"), ok("16727230000197"));
    assert_eq!(cnpj("11.222.333/0001-81"), ok("11222333000181"));
    assert_eq!(cnpj("12.ABC.345/01DE-35"), ok("12ABC34501DE35"));
    assert_eq!(cnpj("A8.7HB.ZHB/0001-61"), ok("A87HBZHB000161"));
    assert_eq!(cnpj("11222333000181"), ok("11222333000181"));
}

#[test]
fn cnpj_lowercase_letters_are_uppercased() {
    assert_eq!(cnpj("12.abc.345/01de-35"), ok("12ABC34501DE35"));
    assert_eq!(cnpj("a8.7hb.zhb/0001-61"), ok("A87HBZHB000161"));
}

#[test]
fn cnpj_invalid_examples() {
    assert_eq!(cnpj("16.727.230/0001-98"), Err(WrongCheckDigit));
    assert_eq!(cnpj("12.ABC.345/01DE-36"), Err(WrongCheckDigit));
    assert_eq!(cnpj("12ABC34501DE3A"), Err(InvalidCharacters));
    assert_eq!(cnpj("00.000.000/0000-00"), Err(AllSameDigits));
    assert_eq!(cnpj("11.111.111/1111-11"), Err(AllSameDigits));
    assert_eq!(cnpj("11.222.333/0001-8"), Err(TooShort));
    assert_eq!(cnpj("11.222.333/0001-811"), Err(TooLong));
    assert_eq!(cnpj("11.222.333/0001_81"), Err(InvalidCharacters));
}

#[test]
fn cnpj_letters_are_valued_from_ascii() {
    // With A = 10 instead of 17 this number's check digits would differ.
    assert_eq!(cnpj("12.ABC.345/01DE-35"), ok("12ABC34501DE35"));
    let values: Vec<u32> = "12ABC34501DE"
        .bytes()
        .map(|b| u32::from(b - b'0'))
        .collect();
    assert_eq!(values[2], 17);
}

#[test]
fn colombian_mobile_numbers() {
    for typed in [
        "3001234567",
        "300 123 4567",
        "300-123-4567",
        "(300) 123 4567",
        "+57 300 123 4567",
        "+573001234567",
        "573001234567",
        "57 300 123 4567",
    ] {
        assert_eq!(co_mobile(typed), ok("3001234567"), "{typed:?}");
    }
    // Sandbox numbers outside operator ranges still pass.
    assert_eq!(co_mobile("3991111111"), ok("3991111111"));
    assert_eq!(nequi_phone("399 222 2222"), ok("3992222222"));
}

#[test]
fn colombian_mobile_refusals() {
    for typed in [
        "6011234567",      // landline
        "300123456",       // 9 digits
        "30012345678",     // 11 digits
        "+1 300 123 4567", // another country
        "+3001234567",     // '+' without the country code
        "+57 601 123 4567",
        "5730012345",
    ] {
        assert_eq!(co_mobile(typed), Err(NotAMobileNumber), "{typed:?}");
        assert_eq!(nequi_phone(typed), Err(NotAMobileNumber), "{typed:?}");
    }
    assert_eq!(co_mobile("300 123 456A"), Err(InvalidCharacters));
    assert_eq!(co_mobile("300+1234567"), Err(InvalidCharacters));
    assert_eq!(co_mobile("++573001234567"), Err(InvalidCharacters));
}

#[test]
fn brazilian_mobile_numbers() {
    for typed in [
        "+55 11 98765-4321",
        "(11) 98765-4321",
        "11987654321",
        "5511987654321",
        "+5511987654321",
        "11 9 8765 4321",
    ] {
        assert_eq!(br_mobile(typed), ok("11987654321"), "{typed:?}");
    }
    assert_eq!(br_mobile("99 91234-5678"), ok("99912345678"));
    // Area code 55 without the country code.
    assert_eq!(br_mobile("55 91234-5678"), ok("55912345678"));
}

#[test]
fn brazilian_mobile_refusals() {
    for typed in [
        "(11) 8765-4321",  // landline, 10 digits
        "(11) 88765-4321", // 11 digits not starting with 9
        "(10) 98765-4321", // area codes have no 0
        "(01) 98765-4321",
        "+57 11 98765-4321",
        "+55 11 98765-432",
        "1198765432100",
    ] {
        assert_eq!(br_mobile(typed), Err(NotAMobileNumber), "{typed:?}");
    }
    assert_eq!(br_mobile("11 98765-432l"), Err(InvalidCharacters));
}

#[test]
fn emails_the_browser_accepts() {
    for address in [
        "ana@example.com",
        "Ana.Perez+pagos@Example.CO",
        "a@b",
        "x!#$%&'*+/=?^_`{|}~-@sub-domain.example.com.co",
        "1@2.3",
        ".dots..anywhere.@example.com",
    ] {
        assert_eq!(email(address), ok(address), "{address:?}");
    }
}

#[test]
fn emails_the_browser_refuses() {
    for address in [
        "ana",
        "@example.com",
        "ana@",
        "ana@@example.com",
        "ana@exa@mple.com",
        "ana@-example.com",
        "ana@example-.com",
        "ana@example..com",
        "ana@example.com.",
        "ana@.example.com",
        "ana perez@example.com",
        "ana@exam ple.com",
        "ana@exam_ple.com",
        "ñandú@example.com",
        "ana@ñandú.com",
        "\"ana\"@example.com",
        "ana(comment)@example.com",
        "ana@[127.0.0.1]",
    ] {
        assert_eq!(email(address), Err(InvalidEmail), "{address:?}");
    }
    let long_label = format!("ana@{}.com", "a".repeat(64));
    assert_eq!(email(&long_label), Err(InvalidEmail));
    let longest_label = format!("ana@{}.com", "a".repeat(63));
    assert_eq!(email(&longest_label), ok(&longest_label));
}

#[test]
fn document_codes_round_trip() {
    for kind in DocumentType::ALL {
        assert_eq!(DocumentType::from_code(kind.code()), Some(kind));
        let json = serde_json::to_string(&kind).unwrap();
        assert_eq!(json, format!("\"{}\"", kind.code()));
    }
    assert_eq!(DocumentType::from_code("cc"), None);
    assert_eq!(DocumentType::from_code("RUT"), None);
    assert_eq!(DocumentType::from_code(""), None);
}

#[test]
fn document_dispatches_by_kind() {
    assert_eq!(document(DocumentType::CC, "1.234.567"), ok("1234567"));
    assert_eq!(document(DocumentType::CE, "e123456"), ok("E123456"));
    assert_eq!(
        document(DocumentType::NIT, "900.123.456-8"),
        ok("9001234568")
    );
    assert_eq!(document(DocumentType::TI, "1234567890"), ok("1234567890"));
    assert_eq!(document(DocumentType::PP, "ab12345"), ok("AB12345"));
    assert_eq!(
        document(DocumentType::CPF, "529.982.247-25"),
        ok("52998224725")
    );
    assert_eq!(
        document(DocumentType::CNPJ, "12.abc.345/01de-35"),
        ok("12ABC34501DE35")
    );
    assert_eq!(
        document(DocumentType::CPF, "529.982.247-24"),
        Err(WrongCheckDigit)
    );
    assert_eq!(
        document(DocumentType::NIT, "900123456-0"),
        Err(WrongCheckDigit)
    );
    for kind in DocumentType::ALL {
        assert_eq!(document(kind, "  "), Err(Required));
    }
}

/// Deterministic pseudo-random numbers (Knuth's MMIX LCG) for the
/// no-panic sweep, so failures reproduce.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // The high bits of an LCG are the random ones.
        ((self.0 >> 33) % bound as u64) as usize
    }
}

const SWEEP_ALPHABET: &[char] = &[
    '0', '1', '2', '3', '5', '7', '9', '9', '.', '-', '/', ' ', '\u{A0}', '+', '(', ')', '@', '_',
    'a', 'B', 'z', 'Z', 'ñ', 'É', '٣', '５', '😀', '\u{0}', '\n', '\t', '\u{7F}', '\u{200B}',
    '\u{2028}',
];

fn sweep_inputs(count: usize) -> Vec<String> {
    let mut random = Lcg(0x5eed);
    (0..count)
        .map(|_| {
            // Lengths reach past the 64-character limit.
            let length = random.below(80);
            (0..length)
                .map(|_| SWEEP_ALPHABET[random.below(SWEEP_ALPHABET.len())])
                .collect()
        })
        .collect()
}

#[test]
fn no_validator_panics_on_generated_input() {
    for input in sweep_inputs(5_000) {
        for (name, validate) in ALL_VALIDATORS {
            if let Ok(value) = validate(&input) {
                // Normalized values are short and printable ASCII.
                assert!(value.len() <= MAX_EMAIL_CHARS, "{name} {input:?}");
                assert!(
                    value.bytes().all(|b| b.is_ascii_graphic()),
                    "{name} {input:?}"
                );
            }
        }
        for kind in DocumentType::ALL {
            let _ = document(kind, &input);
        }
        let _ = DocumentType::from_code(&input);
    }
}

#[test]
fn normalized_values_validate_to_themselves() {
    let valid = [
        (DocumentType::NIT, "900.123.456-8"),
        (DocumentType::CC, "1.018.760.936"),
        (DocumentType::CE, "e-123456"),
        (DocumentType::CPF, "390.533.447-05"),
        (DocumentType::CNPJ, "12.abc.345/01de-35"),
        (DocumentType::CNPJ, "A8.7HB.ZHB/0001-61"),
        (DocumentType::PP, "ab123456"),
    ];
    for (kind, typed) in valid {
        let normalized = document(kind, typed).unwrap();
        assert_eq!(
            document(kind, &normalized),
            Ok(normalized.clone()),
            "{kind:?} {typed}"
        );
    }
    for phone in ["+57 300 123 4567", "3991111111"] {
        let national = co_mobile(phone).unwrap();
        assert_eq!(co_mobile(&national), Ok(national.clone()));
    }
}
