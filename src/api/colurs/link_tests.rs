use super::*;

/// The create response of seed 003, verbatim.
const SEED_CREATED: &str = r#"{
  "id": 123,
  "uuid": "550e8400-e29b-41d4-a716-446655440000",
  "owner": {
"username": "user",
"email": "user@example.com"
  },
  "currency": "COP",
  "amount": 50000.00,
  "colurs_fee_amount": 1000.00,
  "colurs_iva_amount": 190.00,
  "total_to_pay": 51190.00,
  "status": "PENDING",
  "expires_at": "2026-03-03T00:00:00Z",
  "link_url": "https://colurs.me/pay/550e8400-e29b-41d4-a716-446655440000",
  "allowed_methods": ["BANCOLOMBIA", "PSE", "NEQUI"],
  "description": "Service payment",
  "created_at": "2026-02-03T10:00:00Z"
}"#;

/// The GET response of seed 003, verbatim: a paid link.
const SEED_PAID: &str = r#"{
  "id": 123,
  "uuid": "550e8400-e29b-41d4-a716-446655440000",
  "owner": {
"username": "user",
"email": "user@example.com"
  },
  "currency": "COP",
  "amount": 50000.00,
  "colurs_fee_amount": 1000.00,
  "colurs_iva_amount": 190.00,
  "total_to_pay": 51190.00,
  "status": "PAID",
  "paid_at": "2026-02-03T10:30:00Z",
  "paid_amount": 51190.00,
  "link_url": "https://colurs.me/pay/550e8400-e29b-41d4-a716-446655440000",
  "created_at": "2026-02-03T10:00:00Z",
  "updated_at": "2026-02-03T10:30:00Z"
}"#;

#[test]
fn reads_the_seed_link_with_exact_amounts() {
    let link = parse_link(SEED_CREATED).unwrap();
    assert_eq!(link.token, "550e8400-e29b-41d4-a716-446655440000");
    assert_eq!(link.merchant.name, "user");
    assert_eq!(link.description, "Service payment");
    assert_eq!(link.currency, Currency::COP);
    assert_eq!(
        link.amount,
        AmountRule::Fixed(Breakdown {
            amount: 5_000_000,
            fee: 100_000,
            iva: 19_000,
            total: 5_119_000
        })
    );
    assert_eq!(link.status, LinkStatus::Pending);
    assert_eq!(link.expires_at.as_deref(), Some("2026-03-03T00:00:00Z"));
    assert_eq!(
        link.methods,
        vec![Method::Bancolombia, Method::Pse, Method::Nequi]
    );
}

#[test]
fn reads_the_seed_paid_link_with_when_and_how_much() {
    let link = parse_link(SEED_PAID).unwrap();
    assert_eq!(
        link.status,
        LinkStatus::Paid {
            paid_at: Some("2026-02-03T10:30:00Z".into()),
            paid_amount: Some(5_119_000)
        }
    );
}

#[test]
fn an_unknown_status_is_never_read_as_paid() {
    let body = SEED_CREATED.replace("\"PENDING\"", "\"SETTLING\"");
    let link = parse_link(&body).unwrap();
    assert_eq!(link.status, LinkStatus::Unrecognized("SETTLING".into()));
    assert!(!link.status.is_payable());
}

#[test]
fn unknown_fields_and_methods_are_ignored() {
    let body = SEED_CREATED
        .replace("\"NEQUI\"]", "\"NEQUI\", \"CRYPTO\"]")
        .replace(
            "\"id\": 123,",
            "\"id\": 123, \"brand_new_field\": {\"x\": [1,2]},",
        );
    let link = parse_link(&body).unwrap();
    assert_eq!(link.methods.len(), 3);
}

#[test]
fn a_general_link_carries_its_bounds_and_fee_policy() {
    let body = r#"{"uuid":"u-general-1","currency":"COP","amount":null,"status":"PENDING",
        "is_general":true,"fee_mode":"payer","fee_rate_bps":200,"iva_rate_bps":1900,
        "min_amount":1000.00,"max_amount":5000000.00,"allowed_methods":["PSE"],
        "merchant":{"name":"Tienda Aurora"}}"#;
    let link = parse_link(body).unwrap();
    let AmountRule::PayerChooses(open) = link.amount else {
        panic!("not open")
    };
    assert_eq!(open.min, Some(100_000));
    assert_eq!(open.max, Some(500_000_000));
    assert_eq!(open.fees.apply(5_000_000).unwrap().total, 5_119_000);
    assert_eq!(link.merchant.name, "Tienda Aurora");
}

fn is_malformed(body: &str) -> bool {
    matches!(parse_link(body), Err(ApiError::Malformed(_)))
}

#[test]
fn amounts_that_do_not_add_up_are_malformed() {
    for (wrong, instead) in [
        ("\"total_to_pay\": 51190.00", "\"total_to_pay\": 51191.00"),
        ("\"total_to_pay\": 51190.00", "\"total_to_pay\": 50000.00"),
        ("\"total_to_pay\": 51190.00", "\"total_to_pay\": -51190.00"),
        ("\"total_to_pay\": 51190.00", "\"total_to_pay\": 0"),
        // Adds up, but a negative fee or IVA is no fee the provider charges.
        (
            "\"colurs_fee_amount\": 1000.00,\n  \"colurs_iva_amount\": 190.00,\n  \"total_to_pay\": 51190.00",
            "\"colurs_fee_amount\": -1000.00,\n  \"colurs_iva_amount\": 190.00,\n  \"total_to_pay\": 49190.00",
        ),
        (
            "\"colurs_iva_amount\": 190.00,\n  \"total_to_pay\": 51190.00",
            "\"colurs_iva_amount\": -190.00,\n  \"total_to_pay\": 50810.00",
        ),
        (
            "\"amount\": 50000.00",
            "\"amount\": -50000.00",
        ),
        (
            "\"amount\": 50000.00,\n  \"colurs_fee_amount\": 1000.00,\n  \"colurs_iva_amount\": 190.00,\n  \"total_to_pay\": 51190.00",
            "\"amount\": 0,\n  \"colurs_fee_amount\": 0,\n  \"colurs_iva_amount\": 0,\n  \"total_to_pay\": 0",
        ),
    ] {
        let body = SEED_CREATED.replace(wrong, instead);
        assert_ne!(body, SEED_CREATED, "{instead}");
        assert!(is_malformed(&body), "{instead}");
    }
}

#[test]
fn a_receiver_mode_link_charges_the_amount_and_shows_the_fee() {
    let receiver = SEED_CREATED.replace(
        "\"total_to_pay\": 51190.00",
        "\"total_to_pay\": 50000.00, \"fee_mode\": \"receiver\"",
    );
    assert_eq!(
        parse_link(&receiver).unwrap().amount,
        AmountRule::Fixed(Breakdown {
            amount: 5_000_000,
            fee: 100_000,
            iva: 19_000,
            total: 5_000_000
        })
    );
    // The payer's total in receiver mode would charge the fee twice over.
    let charged_fee = SEED_CREATED.replace(
        "\"total_to_pay\": 51190.00",
        "\"total_to_pay\": 51190.00, \"fee_mode\": \"receiver\"",
    );
    assert!(is_malformed(&charged_fee));
}

#[test]
fn a_link_without_total_to_pay_charges_what_its_fee_mode_adds_up_to() {
    let payer = SEED_CREATED.replace("\"total_to_pay\": 51190.00,", "");
    assert_eq!(
        parse_link(&payer).unwrap().fixed_breakdown().unwrap().total,
        5_119_000
    );
    let receiver = payer.replace("\"status\"", "\"fee_mode\": \"receiver\", \"status\"");
    assert_eq!(
        parse_link(&receiver)
            .unwrap()
            .fixed_breakdown()
            .unwrap()
            .total,
        5_000_000
    );
}

#[test]
fn a_paid_link_without_when_or_how_much_is_malformed() {
    for (field, instead) in [
        ("\"paid_at\": \"2026-02-03T10:30:00Z\",", ""),
        (
            "\"paid_at\": \"2026-02-03T10:30:00Z\",",
            "\"paid_at\": null,",
        ),
        (
            "\"paid_at\": \"2026-02-03T10:30:00Z\",",
            "\"paid_at\": \"\",",
        ),
        ("\"paid_amount\": 51190.00,", ""),
        ("\"paid_amount\": 51190.00,", "\"paid_amount\": null,"),
        ("\"paid_amount\": 51190.00,", "\"paid_amount\": 0,"),
        ("\"paid_amount\": 51190.00,", "\"paid_amount\": -51190.00,"),
    ] {
        let body = SEED_PAID.replace(field, instead);
        assert_ne!(body, SEED_PAID, "{field}");
        assert!(is_malformed(&body), "{field} -> {instead}");
    }
}

#[test]
fn merchant_text_is_cleaned_where_it_is_read() {
    let body = SEED_CREATED
        .replace(
            "\"currency\"",
            "\"merchant\": {\"name\": \"\\u202eTienda\\u200b  Aurora\\u2066 \\ufeff\"}, \"currency\"",
        )
        .replace("\"Service payment\"", "\"Pago\\u200d\\n\\tmensual\\u202c\"");
    let link = parse_link(&body).unwrap();
    assert_eq!(link.merchant.name, "Tienda Aurora");
    assert_eq!(link.description, "Pago mensual");
}

#[test]
fn a_merchant_name_with_nothing_to_show_falls_back_to_the_owner() {
    let body = SEED_CREATED.replace(
        "\"currency\"",
        "\"merchant\": {\"name\": \" \\u202e\\u200b \", \"brand_color\": \"#0e7c66\"}, \"currency\"",
    );
    let link = parse_link(&body).unwrap();
    assert_eq!(link.merchant.name, "user");
    assert_eq!(link.merchant.brand_color.as_deref(), Some("#0e7c66"));
    let nameless = body.replace("\"username\": \"user\"", "\"username\": \"\\u200f\"");
    assert_eq!(parse_link(&nameless).unwrap().merchant.name, "");
}

#[test]
fn a_long_merchant_name_and_description_are_cut_with_an_ellipsis() {
    let body = SEED_CREATED
        .replace(
            "\"currency\"",
            &format!(
                "\"merchant\": {{\"name\": \"{}\"}}, \"currency\"",
                "N".repeat(100_000)
            ),
        )
        .replace("\"Service payment\"", &format!("\"{}\"", "d".repeat(501)));
    let link = parse_link(&body).unwrap();
    assert_eq!(link.merchant.name, format!("{}…", "N".repeat(99)));
    assert_eq!(link.description, format!("{}…", "d".repeat(499)));
}

#[test]
fn malformed_links_are_errors_not_panics() {
    for body in [
        "",
        "null",
        "[]",
        "{}",
        r#"{"uuid":"x","currency":"EUR","amount":1,"status":"PENDING"}"#,
        r#"{"uuid":"x","currency":"COP","status":"PENDING"}"#,
        r#"{"uuid":"x","currency":"COP","amount":"1,5","status":"PENDING"}"#,
        r#"{"uuid":"x","currency":"COP","amount":1,"status":"PENDING","allowed_methods":["CRYPTO"]}"#,
    ] {
        assert!(
            matches!(parse_link(body), Err(ApiError::Malformed(_))),
            "{body}"
        );
    }
}
