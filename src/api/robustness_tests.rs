//! No answer from a provider, however broken, makes a parser panic: valid
//! answers are mutated byte by byte (a small deterministic generator, so a
//! failure reproduces) and every parser must return `Ok` or `Err`.

use super::belvo::wire as belvo;
use super::colurs::{self, payment as colurs_payment};
use super::error::ApiError;
use crate::embed::protocol::read_parent_message;

const VALID: &[&str] = &[
    r#"{"id":123,"uuid":"550e8400-e29b-41d4-a716-446655440000","owner":{"username":"user"},"currency":"COP","amount":50000.00,"colurs_fee_amount":1000.00,"colurs_iva_amount":190.00,"total_to_pay":51190.00,"status":"PENDING","expires_at":"2026-03-03T00:00:00Z","allowed_methods":["BANCOLOMBIA","PSE","NEQUI"],"description":"Service payment","is_general":false,"callback_urls":{"success":"https://m.example/ok"}}"#,
    r#"{"payment_link":"https://payment.colurs.co/checkout/abc123","money_movement_id":"mm_xyz789","total_to_pay":51190.00}"#,
    r#"{"money_movement_id":"mm_xyz789","payment_method":"PSE","status":"PENDING","total_to_pay":51190.00,"updated_at":"2026-02-03T10:05:00Z"}"#,
    r#"[{"id":0,"name":"A continuación seleccione su banco"},{"id":1007,"name":"BANCOLOMBIA"}]"#,
    r#"{"id":"1c83","access_token":"YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU","status":"ACTIVE","amount":"1234.12","allowed_payment_method_types":["open_finance"],"customer":{"customer_type":"BUSINESS","name":"Loja","identifier_type":"CNPJ","identifier":"11222333000181"}}"#,
    r#"{"id":"b7dd","status":"REQUIRES_ACTION","amount":"1234.12","payment_method_information":{"open_finance":{"redirect_url":"https://bank.example/c"}},"expires_at":"2026-02-03T10:05:00Z"}"#,
    r#"[{"id":"600f","name":"ofmockbank","display_name":"Mock Bank","active":true}]"#,
    r##"{"source":"paylink","version":1,"type":"theme","tokens":{"--paylink-color-primary":"#123456"}}"##,
];

/// Deterministic pseudo-random numbers (a linear congruential generator).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

const NOISE: &[&str] = &[
    "",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "-",
    "1e999",
    "0.001",
    "null",
    "\\u0000",
    "é",
    "💸",
    "9999999999999999999999",
];

fn mutate(text: &str, rng: &mut Lcg) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.next(4) {
        let at = rng.next(chars.len() + 1);
        match rng.next(3) {
            0 if at < chars.len() => {
                chars.remove(at);
            }
            1 => chars
                .splice(at..at, NOISE[rng.next(NOISE.len())].chars())
                .for_each(drop),
            _ => chars.truncate(at),
        }
    }
    chars.into_iter().collect()
}

fn parse_everything(body: &str) {
    let _ = colurs::parse_link(body);
    let _ = colurs_payment::parse_pay_response(body);
    let _ = colurs_payment::parse_payment_status(body);
    let _ = colurs_payment::parse_banks(body);
    let _ = belvo::parse_link(body);
    let _ = belvo::parse_institutions(body);
    let _ = belvo::parse_intent_started(body);
    let _ = belvo::parse_intent_report(body);
    let _ = read_parent_message(body);
}

#[test]
fn no_parser_panics_on_mutated_answers() {
    let mut rng = Lcg(0x5eed);
    for valid in VALID {
        parse_everything(valid);
        for _ in 0..1_500 {
            parse_everything(&mutate(valid, &mut rng));
        }
    }
}

#[test]
fn the_valid_answers_parse() {
    assert!(colurs::parse_link(VALID[0]).is_ok());
    assert!(colurs_payment::parse_pay_response(VALID[1]).is_ok());
    assert!(colurs_payment::parse_payment_status(VALID[2]).is_ok());
    assert_eq!(colurs_payment::parse_banks(VALID[3]).unwrap().len(), 2);
    assert!(belvo::parse_link(VALID[4]).is_ok());
    assert!(belvo::parse_intent_started(VALID[5]).is_ok());
    assert_eq!(belvo::parse_institutions(VALID[6]).unwrap().len(), 1);
    assert!(read_parent_message(VALID[7]).is_some());
}

/// Every total an answer gives is what someone is charged: zero or less
/// makes the whole answer malformed, whichever call it answers.
#[test]
fn a_total_of_zero_or_less_is_malformed_in_every_answer() {
    for total in ["-51190.00", "0", "0.00", "\"-1.00\""] {
        let with_total = |valid: &str| valid.replace("51190.00", total);
        assert!(
            matches!(
                colurs::parse_link(&with_total(VALID[0])),
                Err(ApiError::Malformed(_))
            ),
            "link {total}"
        );
        assert!(
            matches!(
                colurs_payment::parse_pay_response(&with_total(VALID[1])),
                Err(ApiError::Malformed(_))
            ),
            "pay answer {total}"
        );
        assert!(
            matches!(
                colurs_payment::parse_payment_status(&with_total(VALID[2])),
                Err(ApiError::Malformed(_))
            ),
            "payment status {total}"
        );
        let belvo_total = total.trim_matches('"');
        let belvo_link = VALID[4].replace("\"1234.12\"", &format!("\"{belvo_total}\""));
        assert!(
            matches!(belvo::parse_link(&belvo_link), Err(ApiError::Malformed(_))),
            "belvo link {total}"
        );
        let belvo_intent = VALID[5].replace("\"1234.12\"", &format!("\"{belvo_total}\""));
        assert!(
            matches!(
                belvo::parse_intent_started(&belvo_intent),
                Err(ApiError::Malformed(_))
            ),
            "belvo intent {total}"
        );
    }
}

/// A pay answer or status without a total is still read: the link's total was shown.
#[test]
fn answers_without_a_total_are_read() {
    let without = |valid: &str| valid.replace(",\"total_to_pay\":51190.00", "");
    assert!(colurs_payment::parse_pay_response(&without(VALID[1])).is_ok());
    assert_eq!(
        colurs_payment::parse_payment_status(&without(VALID[2]))
            .unwrap()
            .total,
        None
    );
}
