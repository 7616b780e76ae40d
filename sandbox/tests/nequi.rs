//! Nequi: the push the payer answers in the app, simulated by test numbers.

mod common;

use axum::http::Method;
use axum::http::StatusCode;
use common::{pay_body, test_config, Reply, Sandbox};
use paylink_sandbox::{colurs::seed, Config};
use serde_json::json;

fn sandbox(decision_seconds: u64, timeout_seconds: u64) -> Sandbox {
    Sandbox::with(Config {
        nequi_decision_seconds: decision_seconds,
        nequi_timeout_seconds: timeout_seconds,
        ..test_config()
    })
}

async fn push_to(sandbox: &Sandbox, phone: &str) -> String {
    let reply = sandbox
        .pay(
            seed::NEQUI_ONLY,
            phone,
            &pay_body("NEQUI", &[("payer_phone", json!(phone))]),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply.json()["money_movement_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn the_answer_names_no_page_and_the_push_lifetime() {
    let sandbox = sandbox(3, 45);
    let reply = sandbox
        .pay(seed::NEQUI_ONLY, "k", &pay_body("NEQUI", &[]))
        .await;
    assert_eq!(reply.raw("payment_link"), "null");
    assert_eq!(reply.raw("approval_timeout_seconds"), "45");
    assert_eq!(reply.raw("total_to_pay"), "15357.00");

    let money_movement_id = reply.json()["money_movement_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let payment = sandbox
        .payment(seed::NEQUI_ONLY, &money_movement_id)
        .await
        .json();
    assert_eq!(payment["payment_method"], "NEQUI");
    let created = paylink_sandbox::test_controls::clock::Timestamp::parse_rfc3339(
        payment["created_at"].as_str().unwrap(),
    )
    .unwrap();
    assert_eq!(payment["expires_at"], created.plus_seconds(45).to_rfc3339());
}

#[tokio::test]
async fn the_approving_number_pays_the_link_after_the_decision_delay() {
    let sandbox = sandbox(3, 120);
    let money_movement_id = push_to(&sandbox, "3991111111").await;
    assert_eq!(
        sandbox
            .payment_status(seed::NEQUI_ONLY, &money_movement_id)
            .await,
        "PENDING"
    );
    assert_eq!(sandbox.link_status(seed::NEQUI_ONLY).await, "ACTIVE");

    sandbox.advance(3);
    assert_eq!(
        sandbox
            .payment_status(seed::NEQUI_ONLY, &money_movement_id)
            .await,
        "APPROVED"
    );
    let link = sandbox.link(seed::NEQUI_ONLY).await;
    assert_eq!(link.json()["status"], "PAID");
    assert_eq!(link.raw("paid_amount"), link.raw("total_to_pay"));
}

#[tokio::test]
async fn the_declining_number_declines() {
    let sandbox = sandbox(0, 120);
    let money_movement_id = push_to(&sandbox, "3992222222").await;
    assert_eq!(
        sandbox
            .payment_status(seed::NEQUI_ONLY, &money_movement_id)
            .await,
        "DECLINED"
    );
    assert_eq!(sandbox.link_status(seed::NEQUI_ONLY).await, "PENDING");
}

#[tokio::test]
async fn a_zero_decision_delay_answers_at_once() {
    let sandbox = sandbox(0, 120);
    let money_movement_id = push_to(&sandbox, "+57 399 111 1111").await;
    assert_eq!(
        sandbox
            .payment_status(seed::NEQUI_ONLY, &money_movement_id)
            .await,
        "APPROVED"
    );
    assert_eq!(sandbox.link_status(seed::NEQUI_ONLY).await, "PAID");
}

#[tokio::test]
async fn any_other_number_waits_then_expires() {
    let sandbox = sandbox(0, 120);
    let money_movement_id = push_to(&sandbox, "3001234567").await;
    sandbox.advance(110);
    assert_eq!(
        sandbox
            .payment_status(seed::NEQUI_ONLY, &money_movement_id)
            .await,
        "PENDING"
    );
    assert_eq!(sandbox.link_status(seed::NEQUI_ONLY).await, "ACTIVE");
    sandbox.advance(10);
    assert_eq!(
        sandbox
            .payment_status(seed::NEQUI_ONLY, &money_movement_id)
            .await,
        "EXPIRED"
    );
    assert_eq!(sandbox.link_status(seed::NEQUI_ONLY).await, "PENDING");
}

/// A push waiting in the payer's app may still be approved: the link takes
/// no bank payment meanwhile, and does once the push has expired.
#[tokio::test]
async fn a_waiting_push_holds_the_link_until_it_expires() {
    let sandbox = sandbox(3, 120);
    let reply = sandbox
        .pay(seed::PENDING, "push", &pay_body("NEQUI", &[]))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let push = reply.json()["money_movement_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        sandbox.link(seed::PENDING).await.json()["payment_in_progress"],
        json!({ "money_movement_id": push })
    );

    sandbox.advance(119);
    let refused = sandbox
        .pay(seed::PENDING, "bank", &pay_body("BANCOLOMBIA", &[]))
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.text());
    assert_eq!(refused.json()["error"], "PaymentInProgress");
    assert_eq!(refused.json()["money_movement_id"], push);

    sandbox.advance(1);
    assert_eq!(
        sandbox.payment_status(seed::PENDING, &push).await,
        "EXPIRED"
    );
    let accepted = sandbox
        .pay(seed::PENDING, "bank", &pay_body("BANCOLOMBIA", &[]))
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 2);
}

async fn withdraw(sandbox: &Sandbox, uuid: uuid::Uuid, money_movement_id: &str) -> Reply {
    sandbox
        .request(
            Method::POST,
            &format!("/api/payment_link/{uuid}/payments/{money_movement_id}/withdraw/"),
            &[],
            "",
        )
        .await
}

/// The payer would rather pay another way: the push can no longer be
/// approved, the link is free, and a second method pays it once.
#[tokio::test]
async fn a_withdrawn_push_cannot_be_approved_and_frees_the_link() {
    let sandbox = sandbox(3, 120);
    let reply = sandbox
        .pay(seed::PENDING, "push", &pay_body("NEQUI", &[]))
        .await;
    let push = reply.json()["money_movement_id"]
        .as_str()
        .unwrap()
        .to_owned();

    let withdrawn = withdraw(&sandbox, seed::PENDING, &push).await;
    assert_eq!(withdrawn.status, StatusCode::OK, "{}", withdrawn.text());
    assert_eq!(withdrawn.json()["status"], "ABANDONED");
    assert_eq!(withdrawn.json()["money_movement_id"], push.as_str());
    assert_eq!(sandbox.link_status(seed::PENDING).await, "PENDING");

    // The payer's late approval in the app reaches nothing.
    sandbox.bank_action(&push, "approve").await;
    assert_eq!(
        sandbox.payment_status(seed::PENDING, &push).await,
        "ABANDONED"
    );
    // Withdrawing again answers the same.
    let again = withdraw(&sandbox, seed::PENDING, &push).await;
    assert_eq!(again.json()["status"], "ABANDONED");

    let bank = sandbox
        .pay(seed::PENDING, "bank", &pay_body("BANCOLOMBIA", &[]))
        .await;
    assert_eq!(bank.status, StatusCode::OK, "{}", bank.text());
    let bank = bank.json()["money_movement_id"]
        .as_str()
        .unwrap()
        .to_owned();
    sandbox.bank_action(&bank, "approve").await;
    assert_eq!(sandbox.link_status(seed::PENDING).await, "PAID");
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 2);
}

/// An approval that landed first wins: the answer says the push is paid.
#[tokio::test]
async fn withdrawing_an_approved_push_answers_already_paid() {
    let sandbox = sandbox(3, 120);
    let push = push_to(&sandbox, "3991111111").await;
    // Due by now, not yet read by anyone: withdrawing settles it first.
    sandbox.advance(3);
    let reply = withdraw(&sandbox, seed::NEQUI_ONLY, &push).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["status"], "APPROVED");
    assert_eq!(sandbox.link_status(seed::NEQUI_ONLY).await, "PAID");

    // Approved on the simulated app page: the same.
    let on_the_page = self::sandbox(3, 120);
    let push = push_to(&on_the_page, "3001234567").await;
    on_the_page.bank_action(&push, "approve").await;
    let reply = withdraw(&on_the_page, seed::NEQUI_ONLY, &push).await;
    assert_eq!(reply.json()["status"], "APPROVED");
    assert_eq!(on_the_page.payments_created(seed::NEQUI_ONLY).await, 1);
}

/// A push that already ended unpaid, or a payment that is no push, is
/// answered as it stands.
#[tokio::test]
async fn ended_pushes_and_bank_payments_are_answered_as_they_stand() {
    let sandbox = sandbox(0, 120);
    let declined = push_to(&sandbox, "3992222222").await;
    let reply = withdraw(&sandbox, seed::NEQUI_ONLY, &declined).await;
    assert_eq!(reply.json()["status"], "DECLINED");

    let bank = sandbox
        .pay(seed::PENDING, "bank", &pay_body("PSE", &[]))
        .await;
    let bank = bank.json()["money_movement_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reply = withdraw(&sandbox, seed::PENDING, &bank).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.json()["status"], "PENDING");
    assert_eq!(sandbox.link_status(seed::PENDING).await, "ACTIVE");

    // Another link's payment, or none: not found.
    let reply = withdraw(&sandbox, seed::NEQUI_ONLY, &bank).await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    let reply = withdraw(&sandbox, seed::NEQUI_ONLY, "mm_nope").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}
