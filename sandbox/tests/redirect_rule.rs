//! Link creation accepts exactly the callback URLs the page will follow:
//! the cases of tests/redirect_cases.json, which the page's and embed.js's
//! tests read too.

mod common;

use axum::http::StatusCode;
use common::Sandbox;
use paylink_sandbox::field_rules::is_followable_url;
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

#[tokio::test]
async fn link_creation_refuses_callbacks_the_page_would_not_follow() {
    // The sandbox runs on loopback: a development provider, so a case judged
    // outside development counts here unless loopback http is what it is about.
    let sandbox = Sandbox::new();
    for (url, development, follow) in cases() {
        if url.is_empty() || (!development && url.starts_with("http://")) {
            continue;
        }
        let body = json!({
            "currency": "COP", "amount": 50000.00, "is_general": false,
            "description": "Callback check", "fee_mode": "payer",
            "callback_urls": { "success": url, "cancel": "https://merchant.example/cancel" },
        });
        let reply = sandbox.create_link(&body.to_string()).await;
        let expected = if follow {
            StatusCode::CREATED
        } else {
            StatusCode::BAD_REQUEST
        };
        assert_eq!(reply.status, expected, "{url:?}: {}", reply.text());
        if !follow {
            assert_eq!(
                reply.error().2.as_deref(),
                Some("callback_urls.success"),
                "{url:?}"
            );
        }
    }
}
