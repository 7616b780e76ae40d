//! Every JSON example of seeds 000 and 001, read as the page reads them.
//! Where a seed's example is not valid JSON (a trailing comma, a `//`
//! comment, `"confirm": si` from its translation), the smallest fix is made
//! and named.

use super::*;
use crate::checkout::fixtures::pix_details;

/// Seed 000: the customer creation response.
const SEED_CUSTOMER: &str = r#"{
"id":"1c83ead8-6665-429c-a17a-ddc76cb3a95e",
"created_at":"2022-02-09T08:45:50.406032Z",
"created_by":"1c83ead8-6665-429c-a17a-ddc76cb3a95e",
"customer_type":"INDIVIDUAL",
"name":"Carlos Vives",
"address":"Calle Carlos Vives 432, 80300 Bogota",
"country":"COL",
"email":"[email protected]",
"phone":"3210987636",
"identifier":"1018760936",
"identifier_type":"CC"
}"#;

/// Seed 000: the customer creation request.
const SEED_CUSTOMER_REQUEST: &str = r#"{
"customer_type": "INDIVIDUAL",
"country": "COL",
"name": "Carlos Vives",
"email": "[email protected]",
"identifier_type": "CC",
"identifier": "1018760936",
"address": "Calle Carlos Vives 432, 80300 Bogota",
"phone": "3210987636"
}"#;

/// Seed 000: the payment link creation response.
const SEED_LINK: &str = r#"{
"id": "1c83ead8-6665-429c-a17a-ddc76cb3a95e",
"created_at": "2022-02-09T08:45:50.406032Z",
"created_by": "62053a72-e2d5-4c95-a578-6b16616900ac",
"payment_url": "https://pay.belvo.io/YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU",
"payment_intent": "b7dd85b1-671e-45c7-aba6-b4b37a8fc0c2",
"access_token": "YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU",
"callback_urls": {
"cancel": "https://www.acmecorp.com/checkout/3487548/cancel",
"success": "https://www.acmecorp.com/checkout/3487548/success"
},
"updated_at": "2022-02-09T08:45:50.406032Z",
"status": "ACTIVE",
"expires_in":"7d",
"expires_at":"2022-02-09T08:45:50.406032Z"
}"#;

/// Seed 000: the payment link creation request (the example with values).
const SEED_LINK_REQUEST: &str = r#"{
"allowed_payment_method_types": [
"pse"
],
"payment_method_details": {
"pse": {
"beneficiary_bank_account": "a80d5a9d-20ae-479a-8dd7-ff3443bcbbfc"
}
},
"callback_urls": {
"cancel": "https://www.acmecorp.com/checkout/3487548/cancel",
"success": "https://www.acmecorp.com/checkout/3487548/success"
},
"amount": 1000,
"customer": "06dc2f14-1217-4480-9b36-550a944a39d1",
"description": "Awesome training Sneaker",
"provider": "payments_way",
"expires_in": "7d"
}"#;

/// Seeds 000 and 001: the transactions webhook (the `//` comment removed).
const SEED_WEBHOOK: &str = r#"{
"webhook_id": "3b9a69f7-0f0a-455b-832d-49ad6fd4905c",
"webhook_type": "TRANSACTIONS",
"webhook_code": "OBJECT_CREATED",
"object_id": "d2e40773-19f6-48d1-93c3-3590ec0c74df",
"data": {}
}"#;

/// Seed 000: a transaction (the trailing comma inside `payer` removed).
const SEED_TRANSACTION_COP: &str = r#"{
"id": "fd0f3303-cafb-47ea-9753-21155cb144ab",
"created_at": "2020-04-23T21:30:20.336854+00:00",
"created_by": "1c83ead8-6665-429c-a17a-ddc76cb3a95e",
"amount": "350000",
"currency": "COP",
"description": "Awesome training Sneaker",
"transaction_type": "INFLOW",
"beneficiary": "a80d5a9d-20ae-479a-8dd7-ff3443bcbbfc",
"payer": {
"bank_account": "7c2be016-37e3-44e2-8643-db2eb1129a3f"
},
"payment_intent": "1c83ead8-6665-429c-a17a-ddc76cb3a95e",
"customer": "3fa85f64-5717-4562-b3fc-2c963f66afa6"
}"#;

/// Seed 001: a transaction, verbatim.
const SEED_TRANSACTION_BRL: &str = r#"{
"id": "fd0f3303-cafb-47ea-9753-21155cb144ab",
"created_at": "2020-04-23T21:30:20.336854+00:00",
"created_by": "1c83ead8-6665-429c-a17a-ddc76cb3a95e",
"amount": "500",
"currency": "BRA",
"description": "Awesome training Sneaker",
"transaction_type": "INFLOW",
"beneficiary": "a80d5a9d-20ae-479a-8dd7-ff3443bcbbfc",
"payer": {},
"payment_intent": "1c83ead8-6665-429c-a17a-ddc76cb3a95e",
"customer": "3fa85f64-5717-4562-b3fc-2c963f66afa6"
}"#;

/// Seed 001: the payment intent request (`"confirm": si` read as `true`).
const SEED_INTENT_REQUEST: &str = r#"{
"amount": "1234.12",
"description": "B23A-Shoe-Brown-Sneaker",
"statement_description": "Super Shoe Store - Brown Sneakers",
"allowed_payment_method_types": ["open_finance"],
"external_id": "2c75c041-9cc7-430a-84e9-3b234aae76a2",
"confirm": true,
"payment_method_details": {
"open_finance": {
"beneficiary_bank_account": "a80d5a9d-20ae-479a-8dd7-ff3443bcbbfc",
"payer_institution": "600f1b4a-1ef9-4f89-b341-1a35f0c32cc0",
"callback_url": "https://www.acmecorp.com/checkout/3487321"
}
},
"customer": "4714c93c-0132-4da4-b8fe-659515e1b1b6"
}"#;

#[test]
fn reads_the_seed_customer_and_its_request() {
    for json in [SEED_CUSTOMER, SEED_CUSTOMER_REQUEST] {
        let customer: CustomerWire = serde_json::from_str(json).unwrap();
        let customer = customer.into_domain();
        assert_eq!(customer.name, "Carlos Vives");
        assert!(!customer.business);
        assert_eq!(customer.document_type, Some(DocumentType::CC));
        assert_eq!(customer.document.as_deref(), Some("1018760936"));
        assert_eq!(customer.phone.as_deref(), Some("3210987636"));
    }
}

#[test]
fn the_seed_link_alone_lacks_what_a_payer_must_see() {
    // The creation answer has no amount nor method types: the page's call
    // adds them (docs/api.md), and without them the link is not shown.
    let wire: LinkWire = serde_json::from_str(SEED_LINK).unwrap();
    assert_eq!(
        wire.access_token,
        "YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU"
    );
    assert_eq!(wire.amount, None);
    assert!(wire.allowed_payment_method_types.is_empty());
    assert!(matches!(parse_link(SEED_LINK), Err(ApiError::Malformed(_))));
}

/// The seed link as the page's call answers it: the creation request's
/// fields merged in and the customer expanded.
fn page_link(customer: &str, status: &str) -> String {
    let mut link: serde_json::Value = serde_json::from_str(SEED_LINK).unwrap();
    let request: serde_json::Value = serde_json::from_str(SEED_LINK_REQUEST).unwrap();
    for key in [
        "allowed_payment_method_types",
        "payment_method_details",
        "amount",
        "description",
        "provider",
    ] {
        link[key] = request[key].clone();
    }
    link["customer"] = serde_json::from_str(customer).unwrap();
    link["status"] = status.into();
    link.to_string()
}

#[test]
fn a_pse_link_for_a_known_customer_reads_whole_pesos_and_the_customer() {
    let link = parse_link(&page_link(SEED_CUSTOMER, "ACTIVE")).unwrap();
    assert_eq!(link.token, "YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU");
    assert_eq!(link.currency, Currency::COP);
    assert_eq!(link.methods, vec![Method::Pse]);
    assert_eq!(
        link.fixed_breakdown().unwrap().total,
        100_000,
        "1000 COP in cents"
    );
    assert_eq!(link.status, LinkStatus::Active);
    assert_eq!(link.description, "Awesome training Sneaker");
    assert_eq!(
        link.callback_urls.unwrap().success.as_deref(),
        Some("https://www.acmecorp.com/checkout/3487548/success")
    );
    assert_eq!(link.customer.unwrap().name, "Carlos Vives");
}

#[test]
fn link_statuses_never_read_as_paid_unless_completed() {
    assert!(matches!(
        parse_link(&page_link(SEED_CUSTOMER, "COMPLETED"))
            .unwrap()
            .status,
        LinkStatus::Paid { .. }
    ));
    assert_eq!(
        parse_link(&page_link(SEED_CUSTOMER, "EXPIRED"))
            .unwrap()
            .status,
        LinkStatus::Expired
    );
    assert_eq!(
        parse_link(&page_link(SEED_CUSTOMER, "SETTLING"))
            .unwrap()
            .status,
        LinkStatus::Unrecognized("SETTLING".into())
    );
}

#[test]
fn a_pix_link_reads_a_decimal_string_in_reais_and_a_business_customer() {
    let body = page_link(
        r#"{"customer_type":"BUSINESS","country":"BRA","name":"Loja Exemplo","identifier_type":"CNPJ","identifier":"12ABC34501DE35"}"#,
        "ACTIVE",
    )
    .replace("\"pse\"", "\"open_finance\"")
    .replace("\"amount\":1000", "\"amount\":\"1234.12\"");
    let link = parse_link(&body).unwrap();
    assert_eq!(link.currency, Currency::BRL);
    assert_eq!(link.methods, vec![Method::Pix]);
    assert_eq!(link.fixed_breakdown().unwrap().total, 123_412);
    let customer = link.customer.unwrap();
    assert!(customer.business);
    assert_eq!(customer.document_type, Some(DocumentType::CNPJ));
}

#[test]
fn reads_the_seed_intent_request_transactions_and_webhook() {
    let intent: serde_json::Value = serde_json::from_str(SEED_INTENT_REQUEST).unwrap();
    assert_eq!(
        intent["payment_method_details"]["open_finance"]["payer_institution"],
        "600f1b4a-1ef9-4f89-b341-1a35f0c32cc0"
    );
    let amount: WireDecimal = serde_json::from_value(intent["amount"].clone()).unwrap();
    assert_eq!(amount.0, 123_412);

    let cop: TransactionWire = serde_json::from_str(SEED_TRANSACTION_COP).unwrap();
    assert_eq!((cop.amount.0, cop.currency.as_str()), (35_000_000, "COP"));
    let brl: TransactionWire = serde_json::from_str(SEED_TRANSACTION_BRL).unwrap();
    assert_eq!(
        (brl.amount.0, brl.transaction_type.as_str()),
        (50_000, "INFLOW")
    );
    assert_eq!(
        brl.payment_intent.as_deref(),
        Some("1c83ead8-6665-429c-a17a-ddc76cb3a95e")
    );

    let webhook: WebhookWire = serde_json::from_str(SEED_WEBHOOK).unwrap();
    assert_eq!(
        (webhook.webhook_type.as_str(), webhook.webhook_code.as_str()),
        ("TRANSACTIONS", "OBJECT_CREATED")
    );
    assert_eq!(webhook.object_id, "d2e40773-19f6-48d1-93c3-3590ec0c74df");
}

#[test]
fn institutions_keep_only_active_ones_by_display_name() {
    let banks = parse_institutions(
        r#"[{"id":"600f1b4a-1ef9-4f89-b341-1a35f0c32cc0","name":"ofmockbank_br_retail","display_name":"Mock Bank","active":true},
            {"id":"x","name":"closed_bank","display_name":"Closed","active":false}]"#,
    )
    .unwrap();
    assert_eq!(
        banks,
        vec![Bank {
            id: "600f1b4a-1ef9-4f89-b341-1a35f0c32cc0".into(),
            name: "Mock Bank".into()
        }]
    );
}

#[test]
fn the_intent_body_carries_only_what_the_payer_decided() {
    let details = pix_details();
    let body: serde_json::Value = serde_json::from_str(
        &payment_intent_body(&details, "https://pay.example/pay/tok").unwrap(),
    )
    .unwrap();
    assert_eq!(
        body,
        serde_json::json!({
            "allowed_payment_method_types": ["open_finance"],
            "payment_method_details": {"open_finance": {
                "payer_institution": "600f1b4a-1ef9-4f89-b341-1a35f0c32cc0",
                "callback_url": "https://pay.example/pay/tok",
                "cpf": "39053344705"}},
            "confirm": true
        })
    );
    let individual = PaymentDetails {
        payer_cpf: None,
        ..details
    };
    assert!(!payment_intent_body(&individual, "https://x.example/")
        .unwrap()
        .contains("cpf"));
}

fn pse_details(method: Method) -> PaymentDetails {
    PaymentDetails {
        method,
        amount: None,
        email: Some("ana@example.com".into()),
        phone: Some("3001234567".into()),
        person_type: None,
        document_type: Some(DocumentType::CC),
        document: Some("1018760936".into()),
        bank_id: Some("b3a1".into()),
        payer_cpf: None,
    }
}

#[test]
fn a_pse_intent_body_names_pse_and_only_the_bank_and_callback() {
    assert_eq!(
        payment_intent_body(&pse_details(Method::Pse), "https://pay.example/pay/tok"),
        Ok(r#"{"allowed_payment_method_types":["pse"],"payment_method_details":{"pse":{"payer_institution":"b3a1","callback_url":"https://pay.example/pay/tok"}},"confirm":true}"#.into())
    );
}

#[test]
fn a_method_belvo_does_not_offer_is_refused_not_sent_as_pse() {
    for method in [Method::Bancolombia, Method::Nequi] {
        assert_eq!(
            payment_intent_body(&pse_details(method), "https://pay.example/pay/tok"),
            Err(MethodNotOffered(method))
        );
    }
}

#[test]
fn an_intent_leads_to_the_bank_and_its_statuses_map_honestly() {
    let created = r#"{"id":"b7dd85b1-671e-45c7-aba6-b4b37a8fc0c2","status":"REQUIRES_ACTION","amount":"1234.12",
        "currency":"BRL","allowed_payment_method_types":["open_finance"],
        "payment_method_information":{"open_finance":{"redirect_url":"https://bank.example/consent/1"}},
        "charges":[],"created_at":"2026-02-03T10:00:00Z","expires_at":"2026-02-03T10:05:00Z"}"#;
    let started = parse_intent_started(created).unwrap();
    assert_eq!(
        started.next,
        NextStep::Redirect("https://bank.example/consent/1".into())
    );
    let report = parse_intent_report(created).unwrap();
    assert_eq!(report.status, PaymentStatus::Pending);
    assert_eq!(report.total, Some(123_412));
    assert_eq!(report.method, Some(Method::Pix));
    assert_eq!(report.expires_at.as_deref(), Some("2026-02-03T10:05:00Z"));

    for (wire, status) in [
        ("PROCESSING", PaymentStatus::Pending),
        ("SUCCEEDED", PaymentStatus::Approved),
        ("FAILED", PaymentStatus::Declined),
        ("CANCELED", PaymentStatus::Abandoned),
        ("REFUNDED", PaymentStatus::Unrecognized("REFUNDED".into())),
    ] {
        let body = created.replace("REQUIRES_ACTION", wire);
        assert_eq!(parse_intent_report(&body).unwrap().status, status, "{wire}");
    }
    let no_redirect = created.replace("redirect_url", "other");
    assert!(matches!(
        parse_intent_started(&no_redirect),
        Err(ApiError::Malformed(_))
    ));
}

#[test]
fn malformed_answers_are_errors_not_panics() {
    for body in [
        "",
        "{}",
        "[]",
        "null",
        r#"{"id":1}"#,
        r#"{"access_token":"x","status":"ACTIVE","allowed_payment_method_types":["pse"],"amount":"1,5"}"#,
    ] {
        assert!(parse_link(body).is_err(), "{body}");
        assert!(parse_intent_report(body).is_err(), "{body}");
    }
}

#[test]
fn a_link_amount_of_zero_or_less_is_malformed_whatever_its_status() {
    for status in ["ACTIVE", "COMPLETED"] {
        for amount in ["0", "-1000", "\"-1234.12\"", "\"0.00\""] {
            let body = page_link(SEED_CUSTOMER, status)
                .replace("\"amount\":1000", &format!("\"amount\":{amount}"));
            assert!(
                matches!(parse_link(&body), Err(ApiError::Malformed(_))),
                "{status} {amount}"
            );
        }
    }
}

#[test]
fn a_completed_link_was_paid_its_amount() {
    assert_eq!(
        parse_link(&page_link(SEED_CUSTOMER, "COMPLETED"))
            .unwrap()
            .status,
        LinkStatus::Paid {
            paid_at: None,
            paid_amount: Some(100_000)
        }
    );
}

#[test]
fn an_intent_of_zero_or_less_is_malformed() {
    let created = r#"{"id":"b7dd","status":"SUCCEEDED","amount":"1234.12",
        "payment_method_information":{"open_finance":{"redirect_url":"https://bank.example/c"}}}"#;
    for amount in ["\"0.00\"", "\"-1234.12\"", "0"] {
        let body = created.replace("\"1234.12\"", amount);
        assert!(
            matches!(parse_intent_started(&body), Err(ApiError::Malformed(_))),
            "{amount}"
        );
        assert!(
            matches!(parse_intent_report(&body), Err(ApiError::Malformed(_))),
            "{amount}"
        );
    }
}

#[test]
fn merchant_text_is_cleaned_where_it_is_read() {
    let mut link: serde_json::Value =
        serde_json::from_str(&page_link(SEED_CUSTOMER, "ACTIVE")).unwrap();
    link["merchant"] = serde_json::json!({ "name": format!("\u{202e}Acme\u{200b}   Corp\u{2069}{}", "x".repeat(200)) });
    link["description"] = "\u{feff}Awesome\u{200e}\n training  Sneaker\u{0007}".into();
    let link = parse_link(&link.to_string()).unwrap();
    assert_eq!(link.merchant.name, format!("Acme Corp{}…", "x".repeat(90)));
    assert_eq!(link.description, "Awesome training Sneaker");
}

#[test]
fn a_pix_qr_link_offers_both_and_its_intent_asks_nothing() {
    let body = page_link("null", "ACTIVE")
        .replace("[\"pse\"]", "[\"open_finance\",\"pix_qr\"]")
        .replace("\"amount\":1000", "\"amount\":\"1234.12\"");
    let link = parse_link(&body).unwrap();
    assert_eq!(link.currency, Currency::BRL);
    assert_eq!(link.methods, [Method::Pix, Method::PixQr]);
    assert_eq!(
        payment_intent_body(&PaymentDetails::anonymous(Method::PixQr), "https://pay.example/pay/tok"),
        Ok(r#"{"allowed_payment_method_types":["pix_qr"],"payment_method_details":{"pix_qr":{}},"confirm":true}"#.into())
    );
}

#[test]
fn a_pix_qr_intent_shows_its_code_and_reports_it_again() {
    let created = r#"{"id":"b7dd85b1-671e-45c7-aba6-b4b37a8fc0c2","status":"REQUIRES_ACTION","amount":"1234.12",
        "currency":"BRL","allowed_payment_method_types":["pix_qr"],
        "payment_method_information":{"pix_qr":{"payload":"00020101021226580014br.gov.bcb.pix6304CAE8","expires_at":"2026-02-03T10:15:00Z"}},
        "created_at":"2026-02-03T10:00:00Z","expires_at":"2026-02-03T10:15:00Z"}"#;
    let Ok(PaymentStarted {
        next: NextStep::ShowCode(code),
        ..
    }) = parse_intent_started(created)
    else {
        panic!("no code in {created}");
    };
    assert_eq!(code.payload, "00020101021226580014br.gov.bcb.pix6304CAE8");
    assert_eq!(code.expires_at, "2026-02-03T10:15:00Z");
    assert_eq!((code.key, code.receiving_entity), (None, None));
    let report = parse_intent_report(created).unwrap();
    assert_eq!(report.method, Some(Method::PixQr));
    assert_eq!(report.code.map(|c| c.payload), Some(code.payload));
    // Declined in the payer's app, not left: said as a decline.
    let declined = created.replace("REQUIRES_ACTION", "CANCELED");
    assert_eq!(
        parse_intent_report(&declined).unwrap().status,
        PaymentStatus::Declined
    );
    // A code a bank app could not read is no code at all.
    let garbled = created.replace("0002010102", "0002\\n0102");
    assert!(parse_intent_started(&garbled).is_err());
}
