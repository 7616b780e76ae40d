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
        "-", "+5", "+5.00", " 5", "5 ", "5\n", "1e3", "1E3", "1.5e2", "NaN", "nan", "inf", "-inf",
        "Infinity", ".5", "5.", "-.5", "1.2.3", "1,000.00", "--5", "5-", "0x10", "1_000", "١٢",
        "５", "\"5\"", "5.0a", "a5",
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
