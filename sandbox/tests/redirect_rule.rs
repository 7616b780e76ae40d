//! Link creation accepts exactly the callback URLs the page will follow:
//! the cases of tests/redirect_cases.json, which the page's and embed.js's
//! tests read too.

mod belvo_support;
mod common;

use axum::http::StatusCode;
use belvo_support::SEED_LINK;
use common::{validation, Reply, Sandbox};
use paylink_sandbox::shared::field_rules::is_followable_url;
use serde_json::{json, Value};

fn cases() -> Vec<(String, bool, bool)> {
    let all: Value = serde_json::from_str(include_str!("../../tests/redirect_cases.json")).unwrap();
    all["followable"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| {
            (
                case["url"].as_str().unwrap().to_owned(),
                case["development"].as_bool().unwrap(),
                case["follow"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[test]
fn the_rule_is_the_pages() {
    let cases = cases();
    assert!(cases.len() > 30, "only {} cases", cases.len());
    for (url, development, follow) in cases {
        assert_eq!(
            is_followable_url(&url, development),
            follow,
            "{url:?} (development: {development})"
        );
    }
}

/// A Colurs link whose `callback_urls.success` is `url`.
async fn create_colurs_link(sandbox: &Sandbox, url: &str) -> Reply {
    let body = json!({
        "currency": "COP", "amount": 50000.00, "is_general": false,
        "description": "Callback check", "fee_mode": "payer",
        "callback_urls": { "success": url, "cancel": "https://merchant.example/cancel" },
    });
    sandbox.create_link(&body.to_string()).await
}

/// Seed 000's Belvo link with `callback_urls.success` set to `url`.
async fn create_belvo_link(sandbox: &Sandbox, url: &str) -> Reply {
    let mut body: Value = serde_json::from_str(SEED_LINK).unwrap();
    body["callback_urls"]["success"] = json!(url);
    sandbox.create_belvo_link(&body.to_string()).await
}

#[tokio::test]
async fn a_userinfo_look_alike_or_plain_http_callback_is_refused_by_both_providers() {
    let sandbox = Sandbox::new();
    for url in [
        "https://evil.example@merchant.example/",
        "http://merchant.example/x",
    ] {
        for (provider, reply) in [
            ("colurs", create_colurs_link(&sandbox, url).await),
            ("belvo", create_belvo_link(&sandbox, url).await),
        ] {
            assert_eq!(
                reply.error(),
                validation("callback_urls.success"),
                "{provider} {url}: {}",
                reply.text()
            );
        }
    }
    // The same bodies pass with the merchant's real https URL.
    let fine = "https://merchant.example/x";
    assert_eq!(
        create_colurs_link(&sandbox, fine).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        create_belvo_link(&sandbox, fine).await.status,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn link_creation_refuses_callbacks_the_page_would_not_follow() {
    // The sandbox runs on loopback: a development provider, so a case judged
    // outside development counts here unless loopback http is what it is about.
    let sandbox = Sandbox::new();
    for (url, development, follow) in cases() {
        if url.is_empty() || (!development && url.starts_with("http://")) {
            continue;
        }
        let expected = if follow {
            StatusCode::CREATED
        } else {
            StatusCode::BAD_REQUEST
        };
        for (provider, reply) in [
            ("colurs", create_colurs_link(&sandbox, &url).await),
            ("belvo", create_belvo_link(&sandbox, &url).await),
        ] {
            assert_eq!(
                reply.status,
                expected,
                "{provider} {url:?}: {}",
                reply.text()
            );
            if !follow {
                assert_eq!(
                    reply.error().2.as_deref(),
                    Some("callback_urls.success"),
                    "{provider} {url:?}"
                );
            }
        }
    }
}
