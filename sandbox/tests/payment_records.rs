//! `/sandbox/payments/{uuid}`: a link's payments, each with the key that
//! started it and its status, as the chaos campaign checks them.

mod common;

use axum::http::StatusCode;
use common::{pay_body, Sandbox};
use paylink_sandbox::colurs::seed;
use serde_json::{json, Value};
use uuid::Uuid;

fn payments(reply: &common::Reply) -> Vec<Value> {
    reply.json()["payments"].as_array().expect("a list").clone()
}

#[tokio::test]
async fn each_payment_is_listed_with_its_key_and_its_status() {
    let sandbox = Sandbox::new();
    let path = format!("/sandbox/payments/{}", seed::PENDING);
    assert_eq!(payments(&sandbox.get(&path).await), Vec::<Value>::new());

    let body = pay_body("PSE", &[]);
    let first = sandbox.pay(seed::PENDING, "key-one", &body).await.json();
    // A retry with the same key replays the answer: still one payment.
    sandbox.pay(seed::PENDING, "key-one", &body).await;
    let first_id = first["money_movement_id"].as_str().unwrap();
    sandbox.bank_action(first_id, "decline").await;
    let second = sandbox.pay(seed::PENDING, "key-two", &body).await.json();
    let second_id = second["money_movement_id"].as_str().unwrap();
    sandbox.bank_action(second_id, "approve").await;

    let reply = sandbox.get(&path).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        payments(&reply),
        vec![
            json!({"money_movement_id": first_id, "idempotency_key": "key-one", "method": "PSE", "status": "DECLINED"}),
            json!({"money_movement_id": second_id, "idempotency_key": "key-two", "method": "PSE", "status": "APPROVED"}),
        ]
    );
}

#[tokio::test]
async fn a_seeded_payment_has_no_key_and_an_unknown_link_is_not_found() {
    let sandbox = Sandbox::new();
    let listed = payments(
        &sandbox
            .get(&format!("/sandbox/payments/{}", seed::ACTIVE))
            .await,
    );
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["money_movement_id"], seed::ACTIVE_LINK_PAYMENT);
    assert_eq!(listed[0]["idempotency_key"], Value::Null);

    for unknown in [Uuid::new_v4().to_string(), "not-a-uuid".to_owned()] {
        let reply = sandbox.get(&format!("/sandbox/payments/{unknown}")).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{unknown}");
    }
}
