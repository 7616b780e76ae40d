//! Paying a Belvo link: institutions, payment intents (seed 001's shape,
//! every validation error, idempotency) and reading an intent back.

mod belvo_support;
mod common;

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use belvo_support::{assert_belvo_link, assert_intent, callback_for, intent_body};
use common::{error, keys, test_config, timestamp, validation, Sandbox, ORIGIN};
use paylink_sandbox::belvo::institutions::{
    BANCOLOMBIA_CO, INACTIVE_BR, INACTIVE_CO, MOCK_BANK_BR,
};
use paylink_sandbox::belvo::seed;
use paylink_sandbox::Config;
use serde_json::{json, Value};
use uuid::Uuid;

#[tokio::test]
async fn institutions_are_listed_per_country() {
    let sandbox = Sandbox::new();
    let mut all_ids = BTreeSet::new();
    for (country, includes) in [("COL", "Bancolombia"), ("BRA", "Mock Bank")] {
        let reply = sandbox.institutions(&format!("?country={country}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        assert_eq!(reply.header("content-type"), Some("application/json"));
        let list = reply.json();
        let list = list.as_array().unwrap();
        assert!((10..=14).contains(&list.len()), "{country}: {}", list.len());
        for institution in list {
            assert_eq!(
                keys(institution),
                BTreeSet::from(["id", "name", "display_name", "active"])
            );
            let id = institution["id"].as_str().unwrap();
            assert!(Uuid::try_parse(id).is_ok(), "{id}");
            assert!(all_ids.insert(id.to_owned()), "{id} listed twice");
        }
        let names: Vec<&str> = list
            .iter()
            .map(|i| i["display_name"].as_str().unwrap())
            .collect();
        assert!(names.contains(&includes), "{country}");
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_ne!(names, sorted, "the provider's order, not alphabetical");
        let inactive = list.iter().filter(|i| i["active"] == false).count();
        assert!(
            (2..=3).contains(&inactive),
            "{country}: {inactive} inactive"
        );
    }
    // Seed 001's institution is Open Finance's mock bank.
    let brazil = sandbox.institutions("?country=BRA").await.json();
    assert!(brazil
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["id"] == MOCK_BANK_BR
            && i["name"] == "ofmockbank_br_retail"
            && i["active"] == true));

    for query in ["", "?country=", "?country=MEX", "?country=col"] {
        assert_eq!(
            sandbox.institutions(query).await.error(),
            validation("country"),
            "{query}"
        );
    }
}

#[tokio::test]
async fn a_pix_intent_answers_where_the_payer_authorises_it() {
    let sandbox = Sandbox::new();
    let link = sandbox.belvo_link(seed::PIX_INDIVIDUAL).await.json();
    let reply = sandbox
        .pay_intent(seed::PIX_INDIVIDUAL, "attempt-1", &[])
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let intent = reply.json();
    assert_eq!(
        keys(&intent),
        BTreeSet::from([
            "id",
            "status",
            "amount",
            "currency",
            "description",
            "customer",
            "allowed_payment_method_types",
            "payment_method_details",
            "payment_method_information",
            "charges",
            "created_at",
            "updated_at",
            "expires_at",
        ])
    );
    let id = intent["id"].as_str().unwrap();
    // The link's own payment intent is the first attempt.
    assert_eq!(id, link["payment_intent"]);
    assert_eq!(intent["status"], "REQUIRES_ACTION");
    assert_eq!(reply.raw("amount"), "\"1234.12\"");
    assert_eq!(intent["currency"], "BRL");
    assert_eq!(intent["customer"], seed::ANA_SOUZA.to_string());
    assert_eq!(
        intent["allowed_payment_method_types"],
        json!(["open_finance"])
    );
    assert_eq!(
        intent["payment_method_details"],
        json!({"open_finance": {
            "beneficiary_bank_account": seed::BENEFICIARY_ACCOUNT.to_string(),
            "payer_institution": MOCK_BANK_BR,
            "callback_url": callback_for(seed::PIX_INDIVIDUAL),
        }})
    );
    assert_eq!(
        intent["payment_method_information"],
        json!({"open_finance": {"redirect_url": format!("{ORIGIN}/sandbox/consent/{id}")}})
    );
    assert_eq!(intent["charges"], json!([]));
    // Open Finance: a consent lives 5 minutes.
    let created_at = timestamp(&intent["created_at"]);
    assert_eq!(
        timestamp(&intent["expires_at"]),
        created_at.plus_seconds(300)
    );
    assert_eq!(intent["updated_at"], intent["created_at"]);

    let read = sandbox.intent(seed::PIX_INDIVIDUAL, id).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json(), intent);
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 1);
    assert_belvo_link(&sandbox, seed::PIX_INDIVIDUAL, "ACTIVE").await;
}

#[tokio::test]
async fn a_pse_intent_keeps_the_whole_peso_amount_and_expires_like_a_bank_page() {
    let sandbox = Sandbox::with(Config {
        bank_timeout_seconds: 600,
        ..test_config()
    });
    let reply = sandbox.pay_intent(seed::PSE, "pse-1", &[]).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let intent = reply.json();
    assert_eq!(reply.raw("amount"), "1000");
    assert_eq!(intent["currency"], "COP");
    // A payer who never answers the bank: BANK_TIMEOUT_SECONDS, as for Colurs.
    assert_eq!(
        timestamp(&intent["expires_at"]),
        timestamp(&intent["created_at"]).plus_seconds(600)
    );
    let id = intent["id"].as_str().unwrap();
    assert_eq!(
        reply.raw_at(&["payment_method_information", "pse", "redirect_url"]),
        format!("\"{ORIGIN}/sandbox/consent/{id}\"")
    );
    sandbox.advance(599);
    assert_intent(&sandbox, seed::PSE, id, "REQUIRES_ACTION").await;
    sandbox.advance(1);
    let expired = sandbox.intent(seed::PSE, id).await.json();
    assert_eq!(expired["status"], "FAILED");
    assert_eq!(expired["updated_at"], expired["expires_at"]);
    assert_belvo_link(&sandbox, seed::PSE, "ACTIVE").await;
}

#[tokio::test]
async fn seed_001s_intent_fields_are_accepted_when_they_agree_with_the_link() {
    let sandbox = Sandbox::new();
    // Seed 001's payment intent (with `"confirm": true` for its `"confirm": si`).
    let seed_intent = r#"{
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
    // Its callback is the merchant's site, where the bank's answer must
    // never go; the page sends its own address instead.
    let merchant_callback = sandbox
        .create_intent(seed::PIX_INDIVIDUAL, "seed-001", seed_intent)
        .await;
    assert_eq!(
        merchant_callback.error(),
        validation("payment_method_details.open_finance.callback_url")
    );
    let seed_intent = &seed_intent.replace(
        "https://www.acmecorp.com/checkout/3487321",
        &callback_for(seed::PIX_INDIVIDUAL),
    );
    let reply = sandbox
        .create_intent(seed::PIX_INDIVIDUAL, "seed-001", seed_intent)
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    assert_eq!(reply.raw("amount"), "\"1234.12\"");

    // While that intent waits, a body that disagrees still gets its own 400.
    let other = Uuid::new_v4().to_string();
    for (key, sent, instead, refusal) in [
        (
            "other-amount",
            "\"1234.12\"",
            "\"1234.13\"",
            error(StatusCode::BAD_REQUEST, "AmountMismatch"),
        ),
        (
            "other-customer",
            "4714c93c-0132-4da4-b8fe-659515e1b1b6",
            &other,
            validation("customer"),
        ),
        (
            "other-account",
            "a80d5a9d-20ae-479a-8dd7-ff3443bcbbfc",
            &other,
            validation("payment_method_details.open_finance.beneficiary_bank_account"),
        ),
    ] {
        let body = seed_intent.replace(sent, instead);
        let reply = sandbox
            .create_intent(seed::PIX_INDIVIDUAL, key, &body)
            .await;
        assert_eq!(reply.error(), refusal, "{key}");
    }
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 1);
}

#[tokio::test]
async fn a_business_payer_sends_a_cpf_and_an_individual_does_not() {
    let sandbox = Sandbox::new();
    for token in [seed::PIX_BUSINESS, seed::PIX_BUSINESS_ALNUM] {
        let without = sandbox.pay_intent(token, "no-cpf", &[]).await;
        assert_eq!(
            without.error(),
            validation("payment_method_details.open_finance.cpf"),
            "{token}"
        );
        for bad in [
            "529.982.247-24",
            "111.111.111-11",
            "3905334470",
            "11222333000181",
        ] {
            let reply = sandbox.pay_intent(token, bad, &[("cpf", json!(bad))]).await;
            assert_eq!(
                reply.error(),
                validation("payment_method_details.open_finance.cpf"),
                "{bad}"
            );
        }
        let reply = sandbox
            .pay_intent(token, "cpf", &[("cpf", json!("390.533.447-05"))])
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        assert_eq!(
            reply.json()["payment_method_details"]["open_finance"]["cpf"],
            "39053344705"
        );
        assert_eq!(sandbox.intents_created(token).await, 1);
    }

    // Nobody else sends one.
    let cpf = [("cpf", json!("39053344705"))];
    for (token, method) in [(seed::PIX_INDIVIDUAL, "open_finance"), (seed::PSE, "pse")] {
        let reply = sandbox.pay_intent(token, "cpf", &cpf).await;
        let field = format!("payment_method_details.{method}.cpf");
        assert_eq!(reply.error(), validation(&field), "{token}");
    }
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 0);
    assert_eq!(sandbox.intents_created(seed::PSE).await, 0);
}

#[tokio::test]
async fn every_invalid_intent_field_is_named() {
    let sandbox = Sandbox::new();
    let details = "payment_method_details.open_finance";
    let pix = |extra: &[(&str, Value)]| intent_body(seed::PIX_INDIVIDUAL, "open_finance", extra);
    let cases: Vec<(&str, String, String)> = vec![
        // The method must be the link's.
        (seed::PIX_INDIVIDUAL, intent_body(seed::PIX_INDIVIDUAL, "pse", &[]), "allowed_payment_method_types".into()),
        (
            seed::PIX_INDIVIDUAL,
            json!({"payment_method_details": {"pse": {"payer_institution": MOCK_BANK_BR, "callback_url": callback_for(seed::PIX_INDIVIDUAL)}}}).to_string(),
            "payment_method_details.pse".into(),
        ),
        (seed::PSE, intent_body(seed::PSE, "open_finance", &[]), "allowed_payment_method_types".into()),
        (
            seed::PIX_INDIVIDUAL,
            json!({"allowed_payment_method_types": ["open_finance", "pse"], "payment_method_details": {}}).to_string(),
            "allowed_payment_method_types".into(),
        ),
        (seed::PIX_INDIVIDUAL, json!({"confirm": true}).to_string(), "payment_method_details".into()),
        (
            seed::PIX_INDIVIDUAL,
            json!({"payment_method_details": {}}).to_string(),
            details.into(),
        ),
        (
            seed::PIX_INDIVIDUAL,
            json!({"payment_method_details": {"open_finance": "x"}}).to_string(),
            details.into(),
        ),
        // An active institution of the link's country.
        (seed::PIX_INDIVIDUAL, pix(&[("payer_institution", Value::Null)]), format!("{details}.payer_institution")),
        (seed::PIX_INDIVIDUAL, pix(&[("payer_institution", json!("  "))]), format!("{details}.payer_institution")),
        (seed::PIX_INDIVIDUAL, pix(&[("payer_institution", json!("mock"))]), format!("{details}.payer_institution")),
        (
            seed::PIX_INDIVIDUAL,
            pix(&[("payer_institution", json!(Uuid::new_v4().to_string()))]),
            format!("{details}.payer_institution"),
        ),
        (seed::PIX_INDIVIDUAL, pix(&[("payer_institution", json!(INACTIVE_BR))]), format!("{details}.payer_institution")),
        (
            seed::PIX_INDIVIDUAL,
            pix(&[("payer_institution", json!(BANCOLOMBIA_CO))]),
            format!("{details}.payer_institution"),
        ),
        (
            seed::PSE,
            intent_body(seed::PSE, "pse", &[("payer_institution", json!(INACTIVE_CO))]),
            "payment_method_details.pse.payer_institution".into(),
        ),
        (
            seed::PSE,
            intent_body(seed::PSE, "pse", &[("payer_institution", json!(MOCK_BANK_BR))]),
            "payment_method_details.pse.payer_institution".into(),
        ),
        // A callback URL the bank can send the payer to.
        (seed::PIX_INDIVIDUAL, pix(&[("callback_url", Value::Null)]), format!("{details}.callback_url")),
        (seed::PIX_INDIVIDUAL, pix(&[("callback_url", json!("javascript:alert(1)"))]), format!("{details}.callback_url")),
        (seed::PIX_INDIVIDUAL, pix(&[("callback_url", json!("/pay/x"))]), format!("{details}.callback_url")),
        (seed::PSE, intent_body(seed::PSE, "pse", &[("callback_url", Value::Null)]), "payment_method_details.pse.callback_url".into()),
        // Confirmed, as the page always sends it.
        (
            seed::PIX_INDIVIDUAL,
            pix(&[]).replace("\"confirm\":true", "\"confirm\":false"),
            "confirm".into(),
        ),
        (
            seed::PIX_INDIVIDUAL,
            pix(&[]).replace("\"confirm\":true", "\"confirm\":\"yes\""),
            "confirm".into(),
        ),
        (seed::PIX_INDIVIDUAL, "[]".into(), "body".into()),
    ];
    for (token, body, field) in cases {
        let reply = sandbox
            .create_intent(token, "same-key-each-time", &body)
            .await;
        assert_eq!(
            reply.error(),
            validation(&field),
            "{body}: {}",
            reply.text()
        );
    }
    // A refused request records nothing: its key is still free.
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 0);
    assert_eq!(sandbox.intents_created(seed::PSE).await, 0);
    let reply = sandbox
        .create_intent(seed::PIX_INDIVIDUAL, "same-key-each-time", &pix(&[]))
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
}

/// The bank sends `code`, `id_token` and `state` to the intent's callback:
/// only the link's own payment page may receive them, so a crafted intent
/// cannot hand a payer's authorisation to another site or another link.
#[tokio::test]
async fn an_intent_returns_only_to_its_links_own_page() {
    let sandbox = Sandbox::new();
    for (token, method, other_link) in [
        (seed::PIX_INDIVIDUAL, "open_finance", seed::PSE),
        (seed::PSE, "pse", seed::PIX_INDIVIDUAL),
    ] {
        let own_page = callback_for(token);
        let with_callback =
            |callback: &str| intent_body(token, method, &[("callback_url", json!(callback))]);
        for callback in [
            format!("https://evil.example/pay/{token}"),
            format!("https://127.0.0.1:4321/pay/{token}"),
            format!("http://127.0.0.1:43210/pay/{token}"),
            format!("http://payer@127.0.0.1:4321/pay/{token}"),
            callback_for(other_link),
            format!("{own_page}/x"),
            format!("{own_page}x"),
            format!("{own_page}#state=x"),
            format!("{ORIGIN}/pay/"),
        ] {
            let reply = sandbox
                .create_intent(token, "crafted", &with_callback(&callback))
                .await;
            assert_eq!(
                reply.error(),
                validation(&format!("payment_method_details.{method}.callback_url")),
                "{callback}: {}",
                reply.text()
            );
            let message = reply.string("message");
            assert!(message.contains(&own_page), "{message}");
        }
        assert_eq!(sandbox.intents_created(token).await, 0);
        let link = sandbox.belvo_link(token).await.json();
        assert!(link.get("payment_in_progress").is_none(), "{link}");

        // The own page with a query (the page's language, say) is accepted,
        // under the key the refused requests left free.
        let with_query = format!("{own_page}?lang=pt-BR");
        let reply = sandbox
            .create_intent(token, "crafted", &with_callback(&with_query))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        assert_eq!(
            reply.json()["payment_method_details"][method]["callback_url"],
            with_query.as_str()
        );

        // While that attempt waits, a crafted one gets its 400, not the
        // conflict of the attempt in progress.
        let crafted = sandbox
            .create_intent(
                token,
                "crafted-again",
                &with_callback(&format!("https://evil.example/pay/{token}")),
            )
            .await;
        assert_eq!(
            crafted.error(),
            validation(&format!("payment_method_details.{method}.callback_url"))
        );
        assert_eq!(sandbox.intents_created(token).await, 1);
    }
}

#[tokio::test]
async fn the_idempotency_key_is_required() {
    let sandbox = Sandbox::new();
    let path = format!(
        "/api/belvo/payment_links/{}/payment_intents/",
        seed::PIX_INDIVIDUAL
    );
    let long_key = "k".repeat(256);
    for headers in [
        vec![],
        vec![("Idempotency-Key", " ")],
        vec![("Idempotency-Key", long_key.as_str())],
    ] {
        let reply = sandbox
            .request(
                Method::POST,
                &path,
                &headers,
                &intent_body(seed::PIX_INDIVIDUAL, "open_finance", &[]),
            )
            .await;
        assert_eq!(reply.error(), validation("Idempotency-Key"));
    }
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 0);
}

#[tokio::test]
async fn a_retry_replays_the_answer_and_a_reused_key_conflicts() {
    let sandbox = Sandbox::new();
    let body = intent_body(seed::PIX_INDIVIDUAL, "open_finance", &[]);
    let first = sandbox
        .create_intent(seed::PIX_INDIVIDUAL, "k1", &body)
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.text());

    // The same body, written differently, is the same request.
    let reordered = json!({
        "confirm": true,
        "payment_method_details": {"open_finance": {"callback_url": callback_for(seed::PIX_INDIVIDUAL), "payer_institution": MOCK_BANK_BR}},
        "allowed_payment_method_types": ["open_finance"],
    })
    .to_string();
    sandbox.advance(10);
    for retry in [&body, &reordered] {
        let replay = sandbox
            .create_intent(seed::PIX_INDIVIDUAL, "k1", retry)
            .await;
        assert_eq!(replay.status, StatusCode::CREATED);
        assert_eq!(replay.body, first.body, "the stored answer, byte for byte");
    }
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 1);

    let other_body = intent_body(
        seed::PIX_INDIVIDUAL,
        "open_finance",
        &[(
            "payer_institution",
            json!("cb4e6b79-0c2d-4a5a-b441-4fc94f239c62"),
        )],
    );
    let conflict = sandbox
        .create_intent(seed::PIX_INDIVIDUAL, "k1", &other_body)
        .await;
    assert_eq!(
        conflict.error(),
        error(StatusCode::CONFLICT, "IdempotencyConflict")
    );
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 1);

    // A key belongs to one link: the same key on another link is a new request.
    let elsewhere = sandbox
        .pay_intent(seed::PIX_BUSINESS, "k1", &[("cpf", json!("39053344705"))])
        .await;
    assert_eq!(elsewhere.status, StatusCode::CREATED);

    // A new attempt is refused while the first may still succeed…
    let first_id = first.string("id");
    let refused = sandbox
        .create_intent(seed::PIX_INDIVIDUAL, "k2", &other_body)
        .await;
    assert_eq!(
        refused.error(),
        error(StatusCode::CONFLICT, "PaymentInProgress")
    );
    assert_eq!(refused.json()["payment_intent"], first_id.as_str());
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 1);

    // …and once the payer has rejected it, gets a new intent, which becomes the link's.
    sandbox.consent(&first_id, "reject").await;
    let second = sandbox
        .create_intent(seed::PIX_INDIVIDUAL, "k2", &other_body)
        .await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.text());
    let second_id = second.string("id");
    assert_ne!(second_id, first_id);
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 2);
    let link = sandbox.belvo_link(seed::PIX_INDIVIDUAL).await.json();
    assert_eq!(link["payment_intent"], second_id);
    assert_eq!(link["updated_at"], second.json()["created_at"]);
    assert_eq!(link["status"], "ACTIVE");
}

#[tokio::test]
async fn only_an_active_link_takes_an_intent() {
    let sandbox = Sandbox::new();
    let reply = sandbox.pay_intent(seed::PIX_EXPIRED, "k", &[]).await;
    assert_eq!(
        reply.error(),
        error(StatusCode::BAD_REQUEST, "InvalidStatus")
    );
    assert_eq!(
        reply.json()["message"],
        "Payment link not in valid status for payment: EXPIRED"
    );
    assert_eq!(sandbox.intents_created(seed::PIX_EXPIRED).await, 0);

    let unknown_token = "YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU";
    let unknown = sandbox.pay_intent(unknown_token, "k", &[]).await;
    assert_eq!(unknown.error(), error(StatusCode::NOT_FOUND, "NotFound"));
}

#[tokio::test]
async fn an_intent_is_read_only_through_its_own_link() {
    let sandbox = Sandbox::new();
    let id = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k").await;
    let unknown_id = Uuid::new_v4().to_string();
    for (token, id) in [
        (seed::PIX_BUSINESS, id.as_str()),
        (seed::PIX_INDIVIDUAL, &unknown_id),
        (seed::PIX_INDIVIDUAL, "not-a-uuid"),
        ("belvoUnknown0000000000000000000000000000000", &id),
    ] {
        let reply = sandbox.intent(token, id).await;
        assert_eq!(
            reply.error(),
            error(StatusCode::NOT_FOUND, "NotFound"),
            "{token} {id}"
        );
    }
    let own = sandbox.intent(seed::PIX_INDIVIDUAL, &id).await;
    assert_eq!(own.status, StatusCode::OK);
}

#[tokio::test]
async fn a_lost_answer_is_replayed_to_the_retry() {
    let sandbox = Sandbox::new();
    let rule = sandbox
        .request(
            Method::POST,
            "/sandbox/faults",
            &[("X-Sandbox-Control", "1")],
            &json!({"method": "POST", "path_prefix": "/api/belvo/", "kind": "lose_response", "times": 1})
                .to_string(),
        )
        .await;
    assert_eq!(rule.status, StatusCode::CREATED, "{}", rule.text());

    let body = intent_body(seed::PIX_INDIVIDUAL, "open_finance", &[]);
    let request = axum::http::Request::post(format!(
        "/api/belvo/payment_links/{}/payment_intents/",
        seed::PIX_INDIVIDUAL
    ))
    .header("Idempotency-Key", "lost")
    .header("Content-Type", "application/json")
    .body(axum::body::Body::from(body.clone()))
    .unwrap();
    let lost = sandbox.respond(request).await;
    assert!(axum::body::to_bytes(lost.into_body(), usize::MAX)
        .await
        .is_err());
    // The intent was created although nobody heard of it.
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 1);

    let retry = sandbox
        .create_intent(seed::PIX_INDIVIDUAL, "lost", &body)
        .await;
    assert_eq!(retry.status, StatusCode::CREATED, "{}", retry.text());
    let link = sandbox.belvo_link(seed::PIX_INDIVIDUAL).await.json();
    assert_eq!(retry.json()["id"], link["payment_intent"]);
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 1);
}
