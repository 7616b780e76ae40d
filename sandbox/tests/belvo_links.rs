//! Belvo merchant calls (customers, payment links) and the page's read of a
//! link by its access token: seed 000's examples, the shapes, every
//! validation error.

mod belvo_support;
mod common;

use std::collections::BTreeSet;

use axum::http::StatusCode;
use belvo_support::{assert_belvo_link, SEED_CUSTOMER, SEED_LINK};
use common::{error, keys, timestamp, validation, with_changes, Sandbox, ORIGIN};
use paylink_sandbox::belvo::seed;
use paylink_sandbox::belvo::tokens::is_token_text;
use serde_json::{json, Value};
use uuid::Uuid;

/// Seed 000's link body with `changes` applied.
fn link_body(changes: Value) -> String {
    with_changes(SEED_LINK, changes)
}

/// A Pix link for the demo individual, with `changes` applied.
fn pix_link_body(changes: Value) -> String {
    let details = json!({"open_finance": {"beneficiary_bank_account": seed::BENEFICIARY_ACCOUNT.to_string()}});
    let pix = link_body(json!({
        "allowed_payment_method_types": ["open_finance"],
        "payment_method_details": details,
        "amount": "1234.12",
        "customer": seed::ANA_SOUZA.to_string(),
        "provider": null,
    }));
    with_changes(&pix, changes)
}

fn customer_body(changes: Value) -> String {
    with_changes(SEED_CUSTOMER, changes)
}

#[tokio::test]
async fn seed_000s_customer_is_created_with_the_seeds_answer() {
    let sandbox = Sandbox::new();
    let reply = sandbox.create_customer(SEED_CUSTOMER).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let customer = reply.json();
    // The fields sent, as sent, and the seed's three more.
    let sent: Value = serde_json::from_str(SEED_CUSTOMER).unwrap();
    let mut fields = keys(&sent);
    fields.extend(["id", "created_at", "created_by"]);
    assert_eq!(keys(&customer), fields);
    for (field, value) in sent.as_object().unwrap() {
        assert_eq!(&customer[field], value, "{field}");
    }
    assert!(Uuid::try_parse(customer["id"].as_str().unwrap()).is_ok());
    assert!(Uuid::try_parse(customer["created_by"].as_str().unwrap()).is_ok());
    timestamp(&customer["created_at"]);

    // The new customer can be charged at once.
    let link = sandbox
        .create_belvo_link(&link_body(json!({"customer": customer["id"].clone()})))
        .await;
    assert_eq!(link.status, StatusCode::CREATED, "{}", link.text());
}

#[tokio::test]
async fn brazilian_customers_are_identified_by_cpf_or_cnpj() {
    let sandbox = Sandbox::new();
    let cases = [
        ("INDIVIDUAL", "CPF", "390.533.447-05", "39053344705"),
        ("BUSINESS", "CNPJ", "11.222.333/0001-81", "11222333000181"),
        ("BUSINESS", "CNPJ", "12.abc.345/01de-35", "12ABC34501DE35"),
    ];
    for (customer_type, identifier_type, identifier, stored) in cases {
        let reply = sandbox
            .create_customer(&customer_body(json!({"customer_type": customer_type, "country": "BRA", "identifier_type": identifier_type, "identifier": identifier, "address": null, "phone": null})))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        assert_eq!(reply.json()["identifier"], stored);
        assert_eq!(reply.raw("address"), "null");
        assert_eq!(reply.raw("phone"), "null");
    }
    let business_nit = sandbox
        .create_customer(&customer_body(json!({"customer_type": "BUSINESS", "identifier_type": "NIT", "identifier": "900.123.456-8"})))
        .await;
    assert_eq!(
        business_nit.status,
        StatusCode::CREATED,
        "{}",
        business_nit.text()
    );
    assert_eq!(business_nit.json()["identifier"], "9001234568");
}

#[tokio::test]
async fn every_invalid_customer_field_is_named() {
    let sandbox = Sandbox::new();
    // Seed 000's customer with changes, and the field the 400 names.
    let colombian = [
        (json!({"customer_type": null}), "customer_type"),
        (json!({"customer_type": "PERSON"}), "customer_type"),
        (json!({"country": "MEX"}), "country"),
        (json!({"name": "  "}), "name"),
        (json!({"email": "carlos@"}), "email"),
        (json!({"email": null}), "email"),
        (json!({"identifier_type": "CPF"}), "identifier_type"),
        (json!({"identifier_type": "CE"}), "identifier_type"),
        (json!({"customer_type": "BUSINESS"}), "identifier_type"),
        (json!({"identifier": "12345"}), "identifier"),
        (json!({"identifier": null}), "identifier"),
        (
            json!({"customer_type": "BUSINESS", "identifier_type": "NIT", "identifier": "900123456-0"}),
            "identifier",
        ),
        (json!({"address": 5}), "address"),
    ];
    // The same, for an individual in Brazil with a valid CPF.
    let brazilian = [
        (json!({"identifier_type": "CC"}), "identifier_type"),
        (json!({"identifier": "529.982.247-24"}), "identifier"),
        (json!({"identifier": "111.111.111-11"}), "identifier"),
        (json!({"identifier_type": "CNPJ"}), "identifier_type"),
        (
            json!({"customer_type": "BUSINESS", "identifier_type": "CPF"}),
            "identifier_type",
        ),
        (
            json!({"customer_type": "BUSINESS", "identifier_type": "CNPJ", "identifier": "12.ABC.345/01DE-36"}),
            "identifier",
        ),
    ];
    let bra = json!({"country": "BRA", "identifier_type": "CPF", "identifier": "39053344705"});
    let bra = with_changes(SEED_CUSTOMER, bra);
    let cases = colombian
        .map(|(changes, field)| (customer_body(changes), field))
        .into_iter()
        .chain(brazilian.map(|(changes, field)| (with_changes(&bra, changes), field)))
        .chain([("[]".to_owned(), "body")]);
    for (body, field) in cases {
        let reply = sandbox.create_customer(&body).await;
        assert_eq!(reply.error(), validation(field), "{body}: {}", reply.text());
    }
}

#[tokio::test]
async fn seed_000s_payment_link_is_created_with_the_seeds_answer() {
    let sandbox = Sandbox::new();
    let reply = sandbox.create_belvo_link(SEED_LINK).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let link = reply.json();
    // The seed's answer, the request's fields and the extensions.
    let seed_answer = [
        "id",
        "created_at",
        "created_by",
        "payment_url",
        "payment_intent",
        "access_token",
        "callback_urls",
        "updated_at",
        "status",
        "expires_in",
        "expires_at",
    ];
    let sent: Value = serde_json::from_str(SEED_LINK).unwrap();
    let mut fields = keys(&sent);
    fields.extend(
        seed_answer
            .iter()
            .chain(&["merchant", "allowed_embed_origins"]),
    );
    assert_eq!(keys(&link), fields);

    let access_token = link["access_token"].as_str().unwrap();
    assert!(
        access_token.len() == 43 && is_token_text(access_token),
        "{access_token}"
    );
    assert_eq!(link["payment_url"], format!("{ORIGIN}/pay/{access_token}"));
    for field in ["id", "created_by", "payment_intent"] {
        assert!(
            Uuid::try_parse(link[field].as_str().unwrap()).is_ok(),
            "{field}"
        );
    }
    assert_eq!(link["status"], "ACTIVE");
    assert_eq!(link["expires_in"], "7d");
    let created_at = timestamp(&link["created_at"]);
    assert_eq!(timestamp(&link["updated_at"]), created_at);
    assert_eq!(timestamp(&link["expires_at"]), created_at.plus_days(7));
    assert_eq!(
        link["callback_urls"],
        json!({"cancel": "https://www.acmecorp.com/checkout/3487548/cancel",
               "success": "https://www.acmecorp.com/checkout/3487548/success"})
    );
    // Amounts exactly as the seed writes them: a whole JSON number.
    assert_eq!(reply.raw("amount"), "1000");
    assert_eq!(link["allowed_payment_method_types"], json!(["pse"]));
    assert_eq!(
        link["payment_method_details"],
        json!({"pse": {"beneficiary_bank_account": "a80d5a9d-20ae-479a-8dd7-ff3443bcbbfc"}})
    );
    assert_eq!(link["provider"], "payments_way");
    // Belvo answers the customer's id on creation.
    assert_eq!(link["customer"], seed::CARLOS_VIVES.to_string());
    assert_eq!(reply.raw("merchant"), "null");
    assert_eq!(link["allowed_embed_origins"], json!([]));

    let access_tokens: BTreeSet<String> = [
        access_token.to_owned(),
        sandbox
            .create_belvo_link(SEED_LINK)
            .await
            .string("access_token"),
    ]
    .into();
    assert_eq!(access_tokens.len(), 2, "each link has its own token");
}

#[tokio::test]
async fn the_page_reads_the_link_by_its_access_token_with_the_customer_expanded() {
    let sandbox = Sandbox::new();
    let created = sandbox
        .create_belvo_link(&link_body(json!({"merchant": {"name": "Acme Corp", "brand_color": "#1f4e8c"}, "allowed_embed_origins": ["https://www.acmecorp.com"]})))
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let access_token = created.string("access_token");

    let reply = sandbox.belvo_link(&access_token).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let link = reply.json();
    let mut expected = created.json();
    expected["customer"] = json!({
        "id": "06dc2f14-1217-4480-9b36-550a944a39d1",
        "created_at": link["customer"]["created_at"],
        "created_by": link["customer"]["created_by"],
        "customer_type": "INDIVIDUAL", "country": "COL", "name": "Carlos Vives",
        "email": "carlos@example.com", "identifier_type": "CC", "identifier": "1018760936",
        "address": "Calle Carlos Vives 432, 80300 Bogota", "phone": "3210987636"
    });
    assert_eq!(link, expected);
    assert_eq!(
        link["merchant"],
        json!({"name": "Acme Corp", "logo_url": null, "brand_color": "#1f4e8c"})
    );
    assert_eq!(
        link["allowed_embed_origins"],
        json!(["https://www.acmecorp.com"])
    );
    assert_eq!(reply.raw("amount"), "1000");

    let unknown = sandbox
        .belvo_link("YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU")
        .await;
    assert_eq!(unknown.error(), error(StatusCode::NOT_FOUND, "NotFound"));
    assert_eq!(unknown.json()["message"], "Payment link doesn't exist");
    assert_eq!(unknown.header("content-type"), Some("application/json"));
}

#[tokio::test]
async fn a_pix_link_takes_its_amount_as_a_decimal_string() {
    let sandbox = Sandbox::new();
    for (sent, written) in [
        ("1234.12", "\"1234.12\""),
        ("5", "\"5.00\""),
        ("0.1", "\"0.10\""),
    ] {
        let reply = sandbox
            .create_belvo_link(&pix_link_body(json!({"amount": sent})))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        assert_eq!(reply.raw("amount"), written);
        assert_eq!(reply.raw("provider"), "null");
        assert_eq!(
            reply.json()["allowed_payment_method_types"],
            json!(["open_finance"])
        );
        let access_token = reply.string("access_token");
        assert_eq!(
            sandbox.belvo_link(&access_token).await.raw("amount"),
            written
        );
    }
}

#[tokio::test]
async fn amounts_follow_each_methods_rule() {
    let sandbox = Sandbox::new();
    // Seed 000: PSE amounts are whole numbers; anything else is a 400.
    for amount in [
        "1000.00",
        "1000.5",
        "1e3",
        "\"1000\"",
        "0",
        "-1000",
        "null",
        "1234567890123",
    ] {
        let body = link_body(json!({})).replace("\"amount\":1000", &format!("\"amount\":{amount}"));
        assert!(body.contains(&format!("\"amount\":{amount}")), "{body}");
        let reply = sandbox.create_belvo_link(&body).await;
        assert_eq!(
            reply.error(),
            validation("amount"),
            "{amount}: {}",
            reply.text()
        );
    }
    // Seed 001: Open Finance amounts are decimal strings.
    for amount in [
        json!(1234.12),
        json!(1234),
        json!("1234.123"),
        json!("0.00"),
        json!("-5"),
        json!("1.234,12"),
        json!("1,234.12"),
        json!(""),
    ] {
        let reply = sandbox
            .create_belvo_link(&pix_link_body(json!({"amount": amount.clone()})))
            .await;
        assert_eq!(
            reply.error(),
            validation("amount"),
            "{amount}: {}",
            reply.text()
        );
    }
}

#[tokio::test]
async fn every_invalid_link_field_is_named() {
    let sandbox = Sandbox::new();
    let pse_details = |account: Value| json!({"pse": {"beneficiary_bank_account": account}});
    let open_finance_account = "a80d5a9d-20ae-479a-8dd7-ff3443bcbbfc";
    let methods = "allowed_payment_method_types";
    // Seed 000's link with one field replaced (null: left out), and the field the 400 names.
    let cases = [
        (methods, Value::Null, methods),
        (methods, json!([]), methods),
        (methods, json!(["pse", "open_finance"]), methods),
        (methods, json!(["card"]), methods),
        (methods, json!("pse"), methods),
        (
            "payment_method_details",
            Value::Null,
            "payment_method_details",
        ),
        (
            "payment_method_details",
            json!({}),
            "payment_method_details.pse",
        ),
        (
            "payment_method_details",
            json!({"open_finance": {"beneficiary_bank_account": open_finance_account}}),
            "payment_method_details.open_finance",
        ),
        (
            "payment_method_details",
            pse_details(json!("account-1")),
            "payment_method_details.pse.beneficiary_bank_account",
        ),
        (
            "payment_method_details",
            pse_details(Value::Null),
            "payment_method_details.pse.beneficiary_bank_account",
        ),
        ("callback_urls", Value::Null, "callback_urls"),
        (
            "callback_urls",
            json!({"success": "https://a.example/ok"}),
            "callback_urls.cancel",
        ),
        (
            "callback_urls",
            json!({"cancel": "https://a.example/no", "success": "javascript:alert(1)"}),
            "callback_urls.success",
        ),
        ("customer", Value::Null, "customer"),
        ("customer", json!("carlos"), "customer"),
        ("customer", json!(Uuid::new_v4().to_string()), "customer"),
        // A PSE link is for a Colombian customer.
        ("customer", json!(seed::ANA_SOUZA.to_string()), "customer"),
        ("description", Value::Null, "description"),
        ("description", json!("x".repeat(501)), "description"),
        ("provider", json!(7), "provider"),
        ("expires_in", json!("7x"), "expires_in"),
        ("expires_in", json!("0d"), "expires_in"),
        ("expires_in", json!("400d"), "expires_in"),
        ("merchant", json!({"name": " "}), "merchant.name"),
        ("merchant", json!("Acme"), "merchant"),
        (
            "merchant",
            json!({"name": "A".repeat(101)}),
            "merchant.name",
        ),
        // "Acme Corp" written backwards after a right-to-left override.
        (
            "merchant",
            json!({"name": "\u{202e}proC emcA"}),
            "merchant.name",
        ),
        (
            "merchant",
            json!({"name": "Acme\u{200b}Corp"}),
            "merchant.name",
        ),
        (
            "description",
            json!("Awesome \u{2067}Sneaker"),
            "description",
        ),
        (
            "description",
            json!("\u{feff}Awesome Sneaker"),
            "description",
        ),
        (
            "merchant",
            json!({"name": "Acme", "logo_url": "ftp://x.example/l.png"}),
            "merchant.logo_url",
        ),
        (
            "merchant",
            json!({"name": "Acme", "brand_color": "blue"}),
            "merchant.brand_color",
        ),
        (
            "allowed_embed_origins",
            json!(["https://shop.example/"]),
            "allowed_embed_origins",
        ),
        (
            "allowed_embed_origins",
            json!(["*"]),
            "allowed_embed_origins",
        ),
    ];
    let bodies = cases
        .into_iter()
        .map(|(sent, value, field)| (link_body(json!({sent: value})), field))
        .chain([
            // A Pix link is for a Brazilian customer.
            (
                pix_link_body(json!({"customer": seed::CARLOS_VIVES.to_string()})),
                "customer",
            ),
            ("{".to_owned(), "body"),
        ]);
    for (body, field) in bodies {
        let reply = sandbox.create_belvo_link(&body).await;
        assert_eq!(reply.error(), validation(field), "{body}: {}", reply.text());
    }
}

#[tokio::test]
async fn expires_in_sets_expires_at() {
    let sandbox = Sandbox::new();
    for (expires_in, seconds) in [
        ("30m", 1_800),
        ("2h", 7_200),
        ("1w", 604_800),
        ("365d", 31_536_000),
    ] {
        let reply = sandbox
            .create_belvo_link(&link_body(json!({"expires_in": expires_in})))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        let link = reply.json();
        assert_eq!(link["expires_in"], expires_in);
        assert_eq!(
            timestamp(&link["expires_at"]),
            timestamp(&link["created_at"]).plus_seconds(seconds),
            "{expires_in}"
        );
    }
    let default = sandbox
        .create_belvo_link(&link_body(json!({"expires_in": null})))
        .await
        .json();
    assert_eq!(default["expires_in"], "7d");
    assert_eq!(
        timestamp(&default["expires_at"]),
        timestamp(&default["created_at"]).plus_days(7)
    );
}

#[tokio::test]
async fn a_link_expires_when_its_time_runs_out() {
    let sandbox = Sandbox::new();
    let reply = sandbox
        .create_belvo_link(&link_body(json!({"expires_in": "30m"})))
        .await;
    let access_token = reply.string("access_token");
    let expires_at = reply.json()["expires_at"].clone();
    sandbox.advance(29 * 60);
    assert_belvo_link(&sandbox, &access_token, "ACTIVE").await;
    sandbox.advance(60);
    let link = sandbox.belvo_link(&access_token).await.json();
    assert_eq!(link["status"], "EXPIRED");
    assert_eq!(link["updated_at"], expires_at);
}

#[tokio::test]
async fn the_demo_links_are_in_place() {
    let sandbox = Sandbox::new();
    let cases = [
        (
            seed::PSE,
            "ACTIVE",
            "1000",
            &["pse"][..],
            "INDIVIDUAL",
            "CC",
            "1018760936",
        ),
        (
            seed::PIX_INDIVIDUAL,
            "ACTIVE",
            "\"1234.12\"",
            &["open_finance"][..],
            "INDIVIDUAL",
            "CPF",
            "39053344705",
        ),
        (
            seed::PIX_BUSINESS,
            "ACTIVE",
            "\"5890.50\"",
            &["open_finance"][..],
            "BUSINESS",
            "CNPJ",
            "11222333000181",
        ),
        (
            seed::PIX_BUSINESS_ALNUM,
            "ACTIVE",
            "\"249.90\"",
            &["open_finance"][..],
            "BUSINESS",
            "CNPJ",
            "12ABC34501DE35",
        ),
        (
            seed::PIX_EXPIRED,
            "EXPIRED",
            "\"99.90\"",
            &["open_finance"][..],
            "INDIVIDUAL",
            "CPF",
            "39053344705",
        ),
        (
            seed::PIX_QR,
            "ACTIVE",
            "\"45.90\"",
            &["open_finance", "pix_qr"][..],
            "INDIVIDUAL",
            "CPF",
            "39053344705",
        ),
    ];
    for (token, status, amount, methods, customer_type, identifier_type, identifier) in cases {
        let reply = sandbox.belvo_link(token).await;
        assert_eq!(reply.status, StatusCode::OK, "{token}");
        let link = reply.json();
        assert_eq!(link["status"], status, "{token}");
        assert_eq!(reply.raw("amount"), amount, "{token}");
        assert_eq!(link["allowed_payment_method_types"], json!(methods));
        assert_eq!(link["customer"]["customer_type"], customer_type);
        assert_eq!(link["customer"]["identifier_type"], identifier_type);
        assert_eq!(link["customer"]["identifier"], identifier);
        assert!(link["merchant"]["name"]
            .as_str()
            .is_some_and(|name| !name.is_empty()));
        assert_eq!(link["payment_url"], format!("{ORIGIN}/pay/{token}"));
        assert_eq!(sandbox.intents_created(token).await, 0);
    }
    let pse = sandbox.belvo_link(seed::PSE).await.json();
    assert_eq!(pse["customer"]["name"], "Carlos Vives");
    assert_eq!(pse["description"], "Awesome training Sneaker");
    let expired = sandbox.belvo_link(seed::PIX_EXPIRED).await;
    let customer_name = expired.raw_at(&["customer", "name"]);
    assert_eq!(customer_name, "\"Ana Beatriz Souza\"");

    let unknown = sandbox
        .get("/sandbox/stats/belvoUnknown00000000000000000000000000000")
        .await;
    assert_eq!(unknown.error(), error(StatusCode::NOT_FOUND, "NotFound"));
}
