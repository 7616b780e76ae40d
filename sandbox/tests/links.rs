//! Creating, listing and reading links through the API.

mod common;

use axum::http::{Method, StatusCode};
use common::{assert_link, error, validation, with_changes, Sandbox, ORIGIN};
use paylink_sandbox::colurs::seed;
use serde_json::{json, Value};
use uuid::Uuid;

const SEED_REQUEST: &str = r#"{
  "currency": "COP",
  "amount": 50000.00,
  "is_general": false,
  "description": "Service payment",
  "fee_mode": "payer",
  "expires_at": "2099-03-03T00:00:00Z"
}"#;

#[tokio::test]
async fn creates_the_seed_documents_link_with_its_fees() {
    let sandbox = Sandbox::new();
    let reply = sandbox.create_link(SEED_REQUEST).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());

    assert_eq!(reply.raw("amount"), "50000.00");
    assert_eq!(reply.raw("colurs_fee_amount"), "1000.00");
    assert_eq!(reply.raw("colurs_iva_amount"), "190.00");
    assert_eq!(reply.raw("total_to_pay"), "51190.00");
    assert_eq!(reply.raw("paid_amount"), "null");

    let link = reply.json();
    assert_eq!(
        link["id"],
        seed::DEMO_LINKS.len() + 1,
        "ids continue after the demo links"
    );
    assert_eq!(link["status"], "PENDING");
    assert_eq!(link["currency"], "COP");
    assert_eq!(link["description"], "Service payment");
    assert_eq!(link["expires_at"], "2099-03-03T00:00:00Z");
    assert_eq!(
        link["allowed_methods"],
        serde_json::json!(["BANCOLOMBIA", "PSE", "NEQUI"])
    );
    assert_eq!(link["owner"]["username"], "tienda_aurora");
    assert_eq!(
        (link["fee_rate_bps"].as_u64(), link["iva_rate_bps"].as_u64()),
        (Some(200), Some(1900))
    );

    let uuid = Uuid::parse_str(link["uuid"].as_str().unwrap()).unwrap();
    assert_eq!(uuid.get_version_num(), 4);
    assert_eq!(link["link_url"], format!("{ORIGIN}/pay/{uuid}"));

    // The link reads back identically, without credentials.
    let read_back = sandbox.link(uuid).await;
    assert_eq!(read_back.status, StatusCode::OK);
    assert_eq!(read_back.body, reply.body);

    let second = sandbox.create_link(SEED_REQUEST).await.json();
    assert_eq!(second["id"], seed::DEMO_LINKS.len() + 2);
}

/// Both providers' merchant calls.
#[tokio::test]
async fn merchant_calls_need_both_credentials() {
    let sandbox = Sandbox::new();
    let cases: [&[(&str, &str)]; 5] = [
        &[],
        &[("Authorization", "Bearer test-bearer")],
        &[("x-api-key", common::API_KEY)],
        &[
            ("Authorization", "Bearer wrong"),
            ("x-api-key", common::API_KEY),
        ],
        &[
            ("Authorization", "Bearer test-bearer"),
            ("x-api-key", "wrong"),
        ],
    ];
    let calls = [
        (Method::POST, "/api/payment_link/"),
        (Method::GET, "/api/payment_link/"),
        (Method::POST, "/api/belvo/customers/"),
        (Method::POST, "/api/belvo/payment_links/"),
    ];
    for (method, path) in calls {
        for headers in cases {
            let reply = sandbox
                .request(method.clone(), path, headers, SEED_REQUEST)
                .await;
            let unauthorized = error(StatusCode::UNAUTHORIZED, "Unauthorized");
            assert_eq!(reply.error(), unauthorized, "{method} {path} {headers:?}");
            assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
        }
    }
}

#[tokio::test]
async fn fixed_links_need_at_least_the_minimum_and_never_negative() {
    let sandbox = Sandbox::new();
    let create = |amount: &str| format!(r#"{{"currency": "COP", "amount": {amount}}}"#);

    assert_eq!(
        sandbox.create_link(&create("1000.00")).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        sandbox.create_link(&create("1000")).await.raw("amount"),
        "1000.00"
    );
    for amount in ["999.99", "0", "-50000.00", "-0.01"] {
        let reply = sandbox.create_link(&create(amount)).await;
        assert_eq!(reply.error(), validation("amount"), "{amount}");
    }
    assert!(sandbox
        .create_link(&create("-5.00"))
        .await
        .text()
        .contains("negative"));

    let missing = sandbox.create_link(r#"{"currency": "COP"}"#).await;
    assert_eq!(missing.error().2.as_deref(), Some("amount"));
    // Money is exact: fractions of a cent and floating-point spellings are refused.
    for amount in ["1000.001", "1e4", "\"5000.00\""] {
        assert_eq!(
            sandbox
                .create_link(&create(amount))
                .await
                .error()
                .2
                .as_deref(),
            Some("amount"),
            "{amount}"
        );
    }
}

#[tokio::test]
async fn usd_links_have_their_own_minimum_and_round_half_away_from_zero() {
    let sandbox = Sandbox::new();
    let reply = sandbox
        .create_link(r#"{"currency": "USD", "amount": 25.00}"#)
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    // 25.00 × 2 % = 0.50; IVA 0.50 × 19 % = 0.095, rounded to 0.10.
    assert_eq!(
        (
            reply.raw("colurs_fee_amount"),
            reply.raw("colurs_iva_amount"),
            reply.raw("total_to_pay")
        ),
        ("0.50".into(), "0.10".into(), "25.60".into())
    );
    assert_eq!(
        sandbox
            .create_link(r#"{"currency": "USD", "amount": 0.99}"#)
            .await
            .error()
            .2
            .as_deref(),
        Some("amount")
    );
}

#[tokio::test]
async fn receiver_mode_keeps_the_total_at_the_amount() {
    let sandbox = Sandbox::new();
    let reply = sandbox
        .create_link(r#"{"currency": "COP", "amount": 50000.00, "fee_mode": "receiver"}"#)
        .await;
    assert_eq!(reply.raw("colurs_fee_amount"), "1000.00");
    assert_eq!(reply.raw("total_to_pay"), "50000.00");
    assert_eq!(reply.json()["fee_mode"], "receiver");
}

#[tokio::test]
async fn general_links_leave_the_amount_to_the_payer() {
    let sandbox = Sandbox::new();
    let reply = sandbox
        .create_link(r#"{"currency": "COP", "is_general": true, "description": "Aportes"}"#)
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(reply.raw("amount"), "null");
    assert_eq!(reply.raw("total_to_pay"), "null");
    assert_eq!(reply.raw("min_amount"), "1000.00");
    assert_eq!(reply.json()["is_general"], true);

    let with_amount = sandbox
        .create_link(r#"{"currency": "COP", "is_general": true, "amount": 5000}"#)
        .await;
    assert_eq!(with_amount.error().2.as_deref(), Some("amount"));
}

/// A link of 5000 COP with `changes` (`null` removes a field).
fn link_body(changes: Value) -> String {
    with_changes(r#"{"currency": "COP", "amount": 5000}"#, changes)
}

#[tokio::test]
async fn validates_each_field_and_names_it() {
    let sandbox = Sandbox::new();
    let success =
        |url: &str| json!({"callback_urls": {"success": url, "cancel": "https://a.example"}});
    let cases = [
        (json!({"currency": null}), "currency"),
        (json!({"currency": "EUR"}), "currency"),
        (json!({"fee_mode": "merchant"}), "fee_mode"),
        (json!({"is_general": "no"}), "is_general"),
        (json!({"expires_at": "tomorrow"}), "expires_at"),
        (json!({"expires_at": "2001-01-01T00:00:00Z"}), "expires_at"),
        (json!({"allowed_methods": ["EFECTY"]}), "allowed_methods"),
        (json!({"allowed_methods": []}), "allowed_methods"),
        (success("javascript:x"), "callback_urls.success"),
        (
            json!({"callback_urls": {"success": "https://a.example"}}),
            "callback_urls.cancel",
        ),
        (
            json!({"callback_urls": "https://a.example"}),
            "callback_urls",
        ),
        (json!({"merchant": {"name": " "}}), "merchant.name"),
        (
            json!({"merchant": {"name": "A", "brand_color": "red"}}),
            "merchant.brand_color",
        ),
        (
            json!({"allowed_embed_origins": ["https://shop.example/path"]}),
            "allowed_embed_origins",
        ),
    ];
    let bodies = cases
        .into_iter()
        .map(|(changes, field)| (link_body(changes), field))
        .chain([
            ("[1, 2]".to_owned(), "body"),
            ("not json".to_owned(), "body"),
        ]);
    for (body, field) in bodies {
        let reply = sandbox.create_link(&body).await;
        assert_eq!(reply.error(), validation(field), "{body}");
        assert!(!reply.json()["message"].as_str().unwrap().is_empty());
    }
}

#[tokio::test]
async fn keeps_the_extensions_given_on_creation() {
    let sandbox = Sandbox::new();
    let reply = sandbox
        .create_link(
            r##"{"currency": "COP", "amount": 70000,
                "allowed_methods": ["NEQUI", "PSE", "NEQUI"],
                "merchant": {"name": "Café Lumbre", "logo_url": "https://cdn.example/logo.png", "brand_color": "#aa3300"},
                "callback_urls": {"success": "https://shop.example/ok", "cancel": "https://shop.example/ko"},
                "allowed_embed_origins": ["https://shop.example", "http://localhost:3000"]}"##,
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let link = reply.json();
    assert_eq!(link["allowed_methods"], serde_json::json!(["NEQUI", "PSE"]));
    assert_eq!(link["merchant"]["name"], "Café Lumbre");
    assert_eq!(link["merchant"]["brand_color"], "#aa3300");
    assert_eq!(link["callback_urls"]["cancel"], "https://shop.example/ko");
    assert_eq!(link["allowed_embed_origins"][1], "http://localhost:3000");
}

#[tokio::test]
async fn merchant_text_that_could_pass_for_other_text_is_refused() {
    let sandbox = Sandbox::new();
    let long_name = "N".repeat(101);
    let cases = [
        (json!({"merchant": {"name": long_name}}), "merchant.name"),
        // "Tienda Aurora" written backwards after a right-to-left override.
        (
            json!({"merchant": {"name": "\u{202e}aroruA adneiT"}}),
            "merchant.name",
        ),
        (
            json!({"merchant": {"name": "Tienda\u{200b}Aurora"}}),
            "merchant.name",
        ),
        (
            json!({"merchant": {"name": "Tienda Aurora\u{2066}"}}),
            "merchant.name",
        ),
        (
            json!({"merchant": {"name": "\u{feff}Tienda"}}),
            "merchant.name",
        ),
        (
            json!({"merchant": {"name": "Tienda\u{0007}"}}),
            "merchant.name",
        ),
        (
            json!({"description": "Pago \u{202b}mensual"}),
            "description",
        ),
        (
            json!({"description": "Pago\u{200d} mensual"}),
            "description",
        ),
    ];
    for (changes, field) in cases {
        let body = link_body(changes);
        let reply = sandbox.create_link(&body).await;
        assert_eq!(reply.error(), validation(field), "{body}");
    }
}

#[tokio::test]
async fn merchant_text_in_any_script_up_to_the_caps_is_kept() {
    let sandbox = Sandbox::new();
    let name = format!("متجر 🛒 {}", "n".repeat(93));
    assert_eq!(name.chars().count(), 100);
    let body = json!({
        "currency": "COP", "amount": 5000,
        "merchant": {"name": name},
        "description": "Línea uno\nLínea dos",
    });
    let reply = sandbox.create_link(&body.to_string()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(reply.json()["merchant"]["name"], name.as_str());
    assert_eq!(reply.json()["description"], "Línea uno\nLínea dos");
}

#[tokio::test]
async fn lists_with_filters_and_pages_of_twenty() {
    let sandbox = Sandbox::new();
    let all = sandbox.merchant_get("/api/payment_link/").await;
    assert_eq!(all.status, StatusCode::OK);
    let all = all.json();
    assert_eq!(
        (all["count"].as_u64(), all["page"].as_u64()),
        (Some(9), Some(1))
    );
    assert_eq!(all["results"][0]["id"], 9, "newest first");

    let usd = sandbox
        .merchant_get("/api/payment_link/?currency=USD")
        .await
        .json();
    assert_eq!(usd["count"], 1);
    assert_eq!(usd["results"][0]["uuid"], seed::USD.to_string());

    // Statuses are the ones a reader sees now, including time-driven ones.
    for (status, uuid) in [
        ("PAID", seed::PAID),
        ("EXPIRED", seed::EXPIRED),
        ("CANCELLED", seed::CANCELLED),
        ("ACTIVE", seed::ACTIVE),
    ] {
        let page = sandbox
            .merchant_get(&format!("/api/payment_link/?status={status}"))
            .await
            .json();
        assert_eq!(page["count"], 1, "{status}");
        assert_eq!(page["results"][0]["uuid"], uuid.to_string());
    }
    let pending_cop = sandbox
        .merchant_get("/api/payment_link/?status=PENDING&currency=COP")
        .await
        .json();
    assert_eq!(
        pending_cop["count"], 4,
        "pending, general, nequi-only and bre-b"
    );

    for _ in 0..16 {
        assert_eq!(
            sandbox
                .create_link(r#"{"currency": "COP", "amount": 2000}"#)
                .await
                .status,
            StatusCode::CREATED
        );
    }
    let first = sandbox.merchant_get("/api/payment_link/").await.json();
    assert_eq!(
        (
            first["count"].as_u64(),
            first["results"].as_array().unwrap().len()
        ),
        (Some(25), 20)
    );
    let second = sandbox
        .merchant_get("/api/payment_link/?page=2")
        .await
        .json();
    assert_eq!(
        (
            second["page"].as_u64(),
            second["results"].as_array().unwrap().len()
        ),
        (Some(2), 5)
    );
    assert_eq!(second["results"][4]["id"], 1);
    let beyond = sandbox
        .merchant_get("/api/payment_link/?page=3")
        .await
        .json();
    assert_eq!(beyond["results"].as_array().unwrap().len(), 0);

    for (query, field) in [
        ("status=DONE", "status"),
        ("currency=EUR", "currency"),
        ("page=0", "page"),
        ("page=two", "page"),
    ] {
        let reply = sandbox
            .merchant_get(&format!("/api/payment_link/?{query}"))
            .await;
        assert_eq!(reply.error().2.as_deref(), Some(field), "{query}");
    }
}

#[tokio::test]
async fn an_unknown_link_is_not_found() {
    let sandbox = Sandbox::new();
    for path in [
        format!("/api/payment_link/{}/", Uuid::new_v4()),
        "/api/payment_link/not-a-uuid/".to_owned(),
    ] {
        let reply = sandbox.get(&path).await;
        assert_eq!(
            reply.error(),
            error(StatusCode::NOT_FOUND, "NotFound"),
            "{path}"
        );
    }
    let unknown_endpoint = sandbox.get("/api/nothing/here/").await;
    assert_eq!(unknown_endpoint.error().1, "NotFound");
}

#[tokio::test]
async fn a_link_past_its_expiry_reads_as_expired() {
    let sandbox = Sandbox::new();
    assert_link(&sandbox, seed::EXPIRED, "EXPIRED").await;

    let in_one_hour = sandbox.clock.now().plus_seconds(3600).to_rfc3339();
    let uuid = sandbox
        .new_link(&format!(
            r#"{{"currency": "COP", "amount": 5000, "expires_at": "{in_one_hour}"}}"#
        ))
        .await;
    assert_link(&sandbox, uuid, "PENDING").await;
    sandbox.advance(3601);
    let link = sandbox.link(uuid).await.json();
    assert_eq!(link["status"], "EXPIRED");
    assert_eq!(link["updated_at"], link["expires_at"]);
}

#[tokio::test]
async fn the_demo_links_cover_every_situation() {
    let sandbox = Sandbox::new();
    let pending = sandbox.link(seed::PENDING).await;
    assert_eq!(pending.raw("total_to_pay"), "51190.00");
    assert_eq!(pending.json()["description"], "Plan mensual de internet");
    assert_eq!(pending.json()["merchant"]["name"], "Tienda Aurora");

    let general = sandbox.link(seed::GENERAL).await;
    assert_eq!(
        (general.raw("min_amount"), general.raw("max_amount")),
        ("1000.00".into(), "5000000.00".into())
    );

    let paid = sandbox.link(seed::PAID).await;
    assert_eq!(paid.json()["status"], "PAID");
    assert_eq!(paid.raw("paid_amount"), paid.raw("total_to_pay"));
    assert!(paid.json()["paid_at"].is_string());

    assert_link(&sandbox, seed::ACTIVE, "ACTIVE").await;
    assert_link(&sandbox, seed::CANCELLED, "CANCELLED").await;
    assert_eq!(
        sandbox.link(seed::NEQUI_ONLY).await.json()["allowed_methods"],
        serde_json::json!(["NEQUI"])
    );
    let usd = sandbox.link(seed::USD).await;
    assert_eq!(
        (usd.json()["currency"].as_str(), usd.raw("amount")),
        (Some("USD"), "25.00".into())
    );

    let bre_b = sandbox.link(seed::BRE_B).await;
    assert_eq!(
        bre_b.json()["allowed_methods"],
        serde_json::json!(["BANCOLOMBIA", "PSE", "NEQUI", "BRE_B"])
    );

    for (number, (_, uuid)) in seed::DEMO_LINKS.iter().enumerate() {
        let link = sandbox.link(*uuid).await.json();
        assert_eq!(link["id"], number + 1);
        assert_eq!(
            link["callback_urls"]["success"],
            format!("https://merchant.example/checkout/{}/success", number + 1)
        );
        assert_eq!(
            link["callback_urls"]["cancel"],
            format!("https://merchant.example/checkout/{}/cancel", number + 1)
        );
    }
}

#[tokio::test]
async fn lists_the_pse_banks_as_psps_do() {
    let sandbox = Sandbox::new();
    let reply = sandbox.get("/api/pse/banks/").await;
    assert_eq!(reply.status, StatusCode::OK);
    let banks = reply.json();
    let banks = banks.as_array().unwrap();
    assert_eq!(
        banks[0],
        serde_json::json!({"id": 0, "name": "A continuación seleccione su banco"})
    );
    assert!(banks.len() >= 12);
    assert!(banks
        .iter()
        .any(|bank| bank["id"] == 1007 && bank["name"] == "BANCOLOMBIA"));
    let names: Vec<&str> = banks[1..]
        .iter()
        .map(|bank| bank["name"].as_str().unwrap())
        .collect();
    let mut sorted = names.clone();
    sorted.sort_unstable();
    assert_ne!(names, sorted, "served in the PSP's order, not alphabetical");
}
