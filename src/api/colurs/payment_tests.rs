use super::*;
use crate::checkout::fixtures::{self, bancolombia_details};
use crate::checkout::payment::{PaymentStatus, PersonType};
use crate::checkout::validate::DocumentType;
use std::collections::BTreeMap;

/// The pay request of seed 003, verbatim.
const SEED_PAY_REQUEST: &str = r#"{
  "amount": 50000.00,
  "payment_method": "BANCOLOMBIA",
  "payer_email": "payer@example.com",
  "payer_phone": "+573001234567",
  "payer_type_document": "CC",
  "payer_document": "1234567890"
}"#;

/// The pay response of seed 003, verbatim.
const SEED_PAY_RESPONSE: &str = r#"{
  "payment_link": "https://payment.colurs.co/checkout/abc123",
  "money_movement_id": "mm_xyz789",
  "total_to_pay": 51190.00
}"#;

/// Seed 003's pay request: Bancolombia, with the amount the payer chose.
fn seed_details() -> PaymentDetails {
    PaymentDetails {
        amount: Some(5_000_000),
        ..bancolombia_details()
    }
}

/// A company paying by PSE (the fixture's, from another bank and mailbox).
fn pse_details() -> PaymentDetails {
    PaymentDetails {
        email: Some("ana@example.com".into()),
        bank_id: Some("1007".into()),
        ..fixtures::pse_details()
    }
}

fn body_of(details: &PaymentDetails) -> String {
    pay_request_body(details).unwrap()
}

fn raw_fields(body: &str) -> BTreeMap<String, Box<RawValue>> {
    serde_json::from_str(body).unwrap()
}

#[test]
fn the_seed_pay_request_is_written_exactly() {
    let body = body_of(&seed_details());
    let ours: serde_json::Value = serde_json::from_str(&body).unwrap();
    let seed: serde_json::Value = serde_json::from_str(SEED_PAY_REQUEST).unwrap();
    assert_eq!(ours, seed);
    assert_eq!(raw_fields(&body)["amount"].get(), "50000.00");
    // The seed's text without its whitespace, field for field in its order.
    assert_eq!(
        body,
        r#"{"amount":50000.00,"payment_method":"BANCOLOMBIA","payer_email":"payer@example.com","payer_phone":"+573001234567","payer_type_document":"CC","payer_document":"1234567890"}"#
    );
}

#[test]
fn a_retried_attempt_has_the_same_bytes() {
    let details = pse_details();
    assert_eq!(body_of(&details), body_of(&details.clone()));
}

#[test]
fn a_pse_body_carries_bank_and_person_type() {
    assert_eq!(
        body_of(&pse_details()),
        r#"{"payment_method":"PSE","payer_email":"ana@example.com","payer_phone":"+573001234567","payer_type_document":"NIT","payer_document":"9001234568","bank_id":1007,"payer_person_type":"J"}"#
    );
}

#[test]
fn a_nequi_body_leaves_out_what_is_absent() {
    let details = PaymentDetails {
        method: Method::Nequi,
        amount: None,
        email: None,
        phone: Some("3991111111".into()),
        person_type: None,
        document_type: Some(DocumentType::CE),
        document: Some("E123456".into()),
        bank_id: None,
        payer_cpf: None,
    };
    assert_eq!(
        body_of(&details),
        r#"{"payment_method":"NEQUI","payer_phone":"+573991111111","payer_type_document":"CE","payer_document":"E123456"}"#
    );
}

#[test]
fn pse_fields_are_never_sent_with_other_methods() {
    let details = PaymentDetails {
        bank_id: Some("1007".into()),
        payer_cpf: None,
        person_type: Some(PersonType::Natural),
        ..seed_details()
    };
    let fields = raw_fields(&body_of(&details));
    assert!(!fields.contains_key("bank_id"));
    assert!(!fields.contains_key("payer_person_type"));
}

#[test]
fn pix_is_refused_not_sent_as_another_method() {
    let details = PaymentDetails {
        method: Method::Pix,
        ..seed_details()
    };
    assert_eq!(
        pay_request_body(&details),
        Err(MethodNotOffered(Method::Pix))
    );
}

#[test]
fn amounts_are_written_with_two_decimals() {
    for (cents, text) in [
        (5, "0.05"),
        (123_412, "1234.12"),
        (100, "1.00"),
        (i64::MAX, "92233720368547758.07"),
    ] {
        let details = PaymentDetails {
            amount: Some(cents),
            ..seed_details()
        };
        assert_eq!(raw_fields(&body_of(&details))["amount"].get(), text);
    }
}

#[test]
fn text_fields_are_escaped() {
    let details = PaymentDetails {
        email: Some("a\"b\\c@example.com".into()),
        ..seed_details()
    };
    let body = body_of(&details);
    let fields: BTreeMap<String, serde_json::Value> = serde_json::from_str(&body).unwrap();
    assert_eq!(fields["payer_email"], "a\"b\\c@example.com");
}

#[test]
fn the_seed_pay_response_redirects_to_the_bank() {
    assert_eq!(
        parse_pay_response(SEED_PAY_RESPONSE),
        Ok(PaymentStarted {
            reference: "mm_xyz789".into(),
            next: NextStep::Redirect("https://payment.colurs.co/checkout/abc123".into()),
        })
    );
}

#[test]
fn a_nequi_pay_response_waits_for_the_approval() {
    let body = r#"{"payment_link": null, "money_movement_id": "mm_nequi1",
        "total_to_pay": 51190.00, "approval_timeout_seconds": 600}"#;
    assert_eq!(
        parse_pay_response(body),
        Ok(PaymentStarted {
            reference: "mm_nequi1".into(),
            next: NextStep::AwaitApproval {
                timeout_seconds: 600
            },
        })
    );
}

#[test]
fn a_redirect_wins_over_a_timeout() {
    let body = r#"{"payment_link": "https://bank.example/x", "money_movement_id": "mm_1",
        "approval_timeout_seconds": 300}"#;
    assert_eq!(
        parse_pay_response(body).unwrap().next,
        NextStep::Redirect("https://bank.example/x".into())
    );
}

#[test]
fn the_redirect_url_is_passed_on_unchecked() {
    let body = r#"{"payment_link": "javascript:alert(1)", "money_movement_id": "mm_1"}"#;
    assert_eq!(
        parse_pay_response(body).unwrap().next,
        NextStep::Redirect("javascript:alert(1)".into())
    );
}

#[test]
fn a_pay_response_without_a_next_step_is_malformed() {
    for body in [
        r#"{"payment_link": null, "money_movement_id": "mm_1", "approval_timeout_seconds": null}"#,
        r#"{"money_movement_id": "mm_1"}"#,
        r#"{"payment_link": "", "money_movement_id": "mm_1"}"#,
        r#"{"payment_link": null, "money_movement_id": "mm_1", "approval_timeout_seconds": 0}"#,
        r#"{"payment_link": "https://bank.example/x", "money_movement_id": ""}"#,
    ] {
        assert!(
            matches!(parse_pay_response(body), Err(ApiError::Malformed(_))),
            "{body}"
        );
    }
}

#[test]
fn malformed_pay_responses_are_errors_not_panics() {
    for body in [
        "",
        "null",
        "[]",
        "{}",
        "{",
        r#"{"payment_link": 5, "money_movement_id": "mm_1"}"#,
        r#"{"payment_link": "https://x", "money_movement_id": 7}"#,
        r#"{"payment_link": null, "money_movement_id": "mm_1", "approval_timeout_seconds": -1}"#,
        r#"{"payment_link": null, "money_movement_id": "mm_1", "approval_timeout_seconds": "300"}"#,
        r#"{"payment_link": null, "money_movement_id": "mm_1", "approval_timeout_seconds": 1.5}"#,
        r#"{"payment_link": null, "money_movement_id": "mm_1", "approval_timeout_seconds": 99999999999}"#,
    ] {
        assert!(
            matches!(parse_pay_response(body), Err(ApiError::Malformed(_))),
            "{body}"
        );
    }
}

/// The status example of docs/api.md, with its elisions filled in.
const STATUS: &str = r#"{ "money_movement_id": "mm_xyz789", "payment_method": "PSE",
  "status": "PENDING", "total_to_pay": 51190.00,
  "created_at": "2026-02-03T10:00:00Z", "updated_at": "2026-02-03T10:05:00Z",
  "expires_at": "2026-02-03T10:45:00Z" }"#;

#[test]
fn reads_a_payment_status() {
    assert_eq!(
        parse_payment_status(STATUS),
        Ok(PaymentReport {
            reference: "mm_xyz789".into(),
            method: Some(Method::Pse),
            status: PaymentStatus::Pending,
            total: Some(5_119_000),
            updated_at: Some("2026-02-03T10:05:00Z".into()),
            expires_at: Some("2026-02-03T10:45:00Z".into()),
            code: None,
        })
    );
}

#[test]
fn reads_every_payment_status() {
    for (wire, status) in [
        ("PENDING", PaymentStatus::Pending),
        ("APPROVED", PaymentStatus::Approved),
        ("DECLINED", PaymentStatus::Declined),
        ("ABANDONED", PaymentStatus::Abandoned),
        ("EXPIRED", PaymentStatus::Expired),
        ("ERROR", PaymentStatus::Error),
        ("REFUNDED", PaymentStatus::Refunded),
        ("SETTLING", PaymentStatus::Unrecognized("SETTLING".into())),
        ("approved", PaymentStatus::Unrecognized("approved".into())),
    ] {
        let body = STATUS.replace("\"PENDING\"", &format!("\"{wire}\""));
        assert_eq!(
            parse_payment_status(&body).unwrap().status,
            status,
            "{wire}"
        );
    }
}

#[test]
fn a_status_needs_only_its_reference_and_status() {
    let body = r#"{"money_movement_id": "mm_1", "status": "APPROVED", "payment_method": "CRYPTO",
        "total_to_pay": null, "new_field": {"x": [1, 2]}}"#;
    assert_eq!(
        parse_payment_status(body),
        Ok(PaymentReport {
            reference: "mm_1".into(),
            method: None,
            status: PaymentStatus::Approved,
            total: None,
            updated_at: None,
            expires_at: None,
            code: None,
        })
    );
}

#[test]
fn malformed_statuses_are_errors_not_panics() {
    for body in [
        "",
        "null",
        "[]",
        "{}",
        r#"{"money_movement_id": "mm_1"}"#,
        r#"{"status": "PENDING"}"#,
        r#"{"money_movement_id": "mm_1", "status": 3}"#,
        r#"{"money_movement_id": "mm_1", "status": "PENDING", "total_to_pay": 1.005}"#,
        r#"{"money_movement_id": "mm_1", "status": "PENDING", "total_to_pay": "abc"}"#,
    ] {
        assert!(
            matches!(parse_payment_status(body), Err(ApiError::Malformed(_))),
            "{body}"
        );
    }
}

#[test]
fn reads_the_bank_list_with_its_placeholder() {
    let body = r#"[ { "id": 0, "name": "A continuación seleccione su banco" },
  { "id": 1007, "name": "BANCOLOMBIA" }, { "id": 1040, "name": "Banco Agrario" } ]"#;
    assert_eq!(
        parse_banks(body),
        Ok(vec![
            Bank {
                id: "0".into(),
                name: "A continuación seleccione su banco".into()
            },
            Bank {
                id: "1007".into(),
                name: "BANCOLOMBIA".into()
            },
            Bank {
                id: "1040".into(),
                name: "Banco Agrario".into()
            },
        ])
    );
    assert_eq!(parse_banks("[]"), Ok(vec![]));
}

#[test]
fn malformed_bank_lists_are_errors_not_panics() {
    for body in [
        "",
        "null",
        "{}",
        r#"[{"id": -1, "name": "x"}]"#,
        r#"[{"id": "1007", "name": "x"}]"#,
        r#"[{"id": 1007}]"#,
        r#"[{"id": 1.5, "name": "x"}]"#,
        r#"[{"id": 4294967296, "name": "x"}]"#,
        r#"[null]"#,
    ] {
        assert!(
            matches!(parse_banks(body), Err(ApiError::Malformed(_))),
            "{body}"
        );
    }
}

#[test]
fn a_bre_b_body_names_only_the_method() {
    assert_eq!(
        body_of(&PaymentDetails::anonymous(Method::BreB)),
        r#"{"payment_method":"BRE_B"}"#
    );
}

#[test]
fn a_bre_b_answer_shows_its_code_and_the_status_reports_it_again() {
    let code = r#""payment_code":{"payload":"000201010212630415B8","expires_at":"2026-12-02T15:47:43Z","key":"@tiendaaurora","receiving_entity":"Colurs"}"#;
    let answer = format!(
        r#"{{"payment_link":null,"money_movement_id":"mm_1","total_to_pay":51190.00,"approval_timeout_seconds":null,{code}}}"#
    );
    let Ok(PaymentStarted {
        next: NextStep::ShowCode(shown),
        reference,
    }) = parse_pay_response(&answer)
    else {
        panic!("no code in {answer}");
    };
    assert_eq!(reference, "mm_1");
    assert_eq!(shown.payload, "000201010212630415B8");
    assert_eq!(shown.key.as_deref(), Some("@tiendaaurora"));
    assert_eq!(shown.receiving_entity.as_deref(), Some("Colurs"));

    let status = format!(
        r#"{{"money_movement_id":"mm_1","payment_method":"BRE_B","status":"PENDING","total_to_pay":51190.00,{code}}}"#
    );
    let report = parse_payment_status(&status).unwrap();
    assert_eq!(report.method, Some(Method::BreB));
    assert_eq!(report.code, Some(Box::new(shown)));
    // A code without its expiry cannot be counted down: unreadable.
    assert!(
        parse_pay_response(&answer.replace(r#""expires_at":"2026-12-02T15:47:43Z","#, "")).is_err()
    );
}
