//! The simulated bank pages: what they show, and where their buttons lead.

mod belvo_support;
mod common;

use axum::http::StatusCode;
use common::{assert_link, assert_locked_down, assert_payment, error, pay_body, Sandbox};
use paylink_sandbox::belvo::seed as belvo_seed;
use paylink_sandbox::colurs::seed;

async fn start_bank_payment(sandbox: &Sandbox, method: &str) -> String {
    let key = format!("{method}-attempt");
    sandbox.started_payment(seed::PENDING, &key, method).await
}

#[tokio::test]
async fn the_bank_page_shows_the_payment_and_three_buttons() {
    let sandbox = Sandbox::new();
    let money_movement_id = start_bank_payment(&sandbox, "PSE").await;
    let page = sandbox
        .get(&format!("/sandbox/bank/{money_movement_id}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.is_html());
    assert_eq!(page.header("cache-control"), Some("no-store"));

    let html = page.text();
    for expected in [
        r#"<html lang="es">"#,
        "Tienda Aurora",
        "51.190,00 COP",
        "PSE (débito bancario)",
        "BANCOLOMBIA",
        &money_movement_id,
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
    for (action, test_id, label) in [
        ("approve", "bank-approve", "Aprobar"),
        ("decline", "bank-decline", "Rechazar"),
        ("abandon", "bank-abandon", "Abandonar"),
    ] {
        let form = format!(
            r#"<form method="post" action="/sandbox/bank/{money_movement_id}/{action}"><button type="submit" data-testid="{test_id}">{label}</button></form>"#
        );
        assert!(html.contains(&form), "missing {form}");
    }
}

#[tokio::test]
async fn approving_pays_the_link() {
    let sandbox = Sandbox::new();
    let money_movement_id = start_bank_payment(&sandbox, "BANCOLOMBIA").await;
    let before = sandbox.clock.now();

    let redirect = sandbox.bank_action(&money_movement_id, "approve").await;
    assert_eq!(redirect.status, StatusCode::SEE_OTHER);
    assert_eq!(
        redirect.header("location"),
        Some(format!("/pay/{}?payment={money_movement_id}", seed::PENDING).as_str())
    );

    assert_payment(&sandbox, seed::PENDING, &money_movement_id, "APPROVED").await;
    let link = sandbox.link(seed::PENDING).await;
    assert_eq!(link.json()["status"], "PAID");
    assert_eq!(link.raw("paid_amount"), "51190.00");
    let paid_at = link.string("paid_at");
    assert!(paid_at >= before.minus_seconds(1).to_rfc3339(), "{paid_at}");

    // Paid is final: no more payments, and the page shows no buttons.
    let again = sandbox
        .pay(seed::PENDING, "after-paid", &pay_body("PSE", &[]))
        .await;
    assert_eq!(again.error().1, "InvalidStatus");
    let page = sandbox
        .get(&format!("/sandbox/bank/{money_movement_id}"))
        .await
        .text();
    assert!(!page.contains("bank-approve"));
    assert!(page.contains(&format!(
        "/pay/{}?payment={money_movement_id}",
        seed::PENDING
    )));
}

#[tokio::test]
async fn declining_and_abandoning_leave_the_link_payable() {
    for (action, status) in [("decline", "DECLINED"), ("abandon", "ABANDONED")] {
        let sandbox = Sandbox::new();
        let money_movement_id = start_bank_payment(&sandbox, "PSE").await;
        assert_link(&sandbox, seed::PENDING, "ACTIVE").await;

        let redirect = sandbox.bank_action(&money_movement_id, action).await;
        assert_eq!(redirect.status, StatusCode::SEE_OTHER);
        assert_eq!(
            redirect.header("location"),
            Some(format!("/pay/{}?payment={money_movement_id}", seed::PENDING).as_str())
        );
        assert_payment(&sandbox, seed::PENDING, &money_movement_id, status).await;
        let link = sandbox.link(seed::PENDING).await;
        assert_eq!(link.json()["status"], "PENDING", "{action}");
        assert_eq!(link.raw("paid_at"), "null");

        // A later click cannot change an ended payment.
        sandbox.bank_action(&money_movement_id, "approve").await;
        assert_payment(&sandbox, seed::PENDING, &money_movement_id, status).await;

        let retry = sandbox
            .pay(seed::PENDING, "second-attempt", &pay_body("PSE", &[]))
            .await;
        assert_eq!(retry.status, StatusCode::OK, "a new attempt after {action}");
    }
}

#[tokio::test]
async fn the_active_demo_link_has_a_payment_waiting_at_the_bank() {
    let sandbox = Sandbox::new();
    assert_payment(&sandbox, seed::ACTIVE, seed::ACTIVE_LINK_PAYMENT, "PENDING").await;
    let page = sandbox
        .get(&format!("/sandbox/bank/{}", seed::ACTIVE_LINK_PAYMENT))
        .await;
    assert!(page.text().contains("bank-approve"));
    sandbox
        .bank_action(seed::ACTIVE_LINK_PAYMENT, "approve")
        .await;
    assert_link(&sandbox, seed::ACTIVE, "PAID").await;
}

#[tokio::test]
async fn a_second_attempt_while_one_waits_at_the_bank_is_refused_naming_it() {
    let sandbox = Sandbox::new();
    let first = start_bank_payment(&sandbox, "PSE").await;
    let second = sandbox
        .pay(
            seed::PENDING,
            "BANCOLOMBIA-attempt",
            &pay_body("BANCOLOMBIA", &[]),
        )
        .await;
    assert_eq!(
        second.error(),
        error(StatusCode::CONFLICT, "PaymentInProgress"),
        "{}",
        second.text()
    );
    assert_eq!(second.json()["money_movement_id"], first);
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 1);

    sandbox.bank_action(&first, "approve").await;
    assert_payment(&sandbox, seed::PENDING, &first, "APPROVED").await;
    assert_eq!(
        sandbox.link(seed::PENDING).await.raw("paid_amount"),
        "51190.00"
    );
}

/// The bank took the money for a link that can no longer be paid: the
/// payment says the money goes back, never that nothing was charged.
#[tokio::test]
async fn a_payment_approved_after_its_link_expired_is_refunded() {
    let sandbox = Sandbox::new();
    let expires_at = sandbox.clock.now().plus_seconds(60).to_rfc3339();
    let uuid = sandbox
        .new_link(&format!(
            r#"{{"currency": "COP", "amount": 50000, "expires_at": "{expires_at}"}}"#
        ))
        .await;
    let money_movement_id = sandbox.started_payment(uuid, "late", "PSE").await;

    sandbox.advance(61);
    assert_link(&sandbox, uuid, "EXPIRED").await;
    assert_payment(&sandbox, uuid, &money_movement_id, "PENDING").await;
    sandbox.bank_action(&money_movement_id, "approve").await;
    assert_payment(&sandbox, uuid, &money_movement_id, "REFUNDED").await;
    let link = sandbox.link(uuid).await;
    assert_eq!(link.json()["status"], "EXPIRED");
    assert_eq!(link.raw("paid_at"), "null");
    assert_eq!(link.raw("paid_amount"), "null");
}

#[tokio::test]
async fn unknown_payments_and_actions_are_not_found() {
    let sandbox = Sandbox::new();
    assert_eq!(
        sandbox.get("/sandbox/bank/mm_unknown").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        sandbox.bank_action("mm_unknown", "approve").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        sandbox
            .bank_action(seed::ACTIVE_LINK_PAYMENT, "refund")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_payment(&sandbox, seed::ACTIVE, seed::ACTIVE_LINK_PAYMENT, "PENDING").await;
}

#[tokio::test]
async fn bank_pages_cannot_be_framed_and_post_only_to_the_sandbox() {
    let sandbox = Sandbox::new();
    for method in ["PSE", "BANCOLOMBIA"] {
        let money_movement_id = start_bank_payment(&sandbox, method).await;
        let path = format!("/sandbox/bank/{money_movement_id}");
        let waiting = sandbox.get(&path).await;
        assert!(waiting.text().contains("bank-approve"));
        assert_locked_down(&waiting, &format!("{method} waiting"));

        // Declined, so the link takes the next method's payment.
        let declined = sandbox.bank_action(&money_movement_id, "decline").await;
        assert_eq!(declined.header("x-frame-options"), Some("DENY"));
        let finished = sandbox.get(&path).await;
        assert!(finished.text().contains("bank-return"));
        assert_locked_down(&finished, &format!("{method} finished"));
    }
    let unknown = sandbox.get("/sandbox/bank/mm_unknown").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_locked_down(&unknown, "unknown payment");
}

/// Merchant text is printed escaped and isolated: right-to-left text in it
/// cannot reorder the amount or the labels next to it.
#[tokio::test]
async fn bank_and_consent_pages_isolate_and_escape_merchant_text() {
    let sandbox = Sandbox::new();
    let uuid = sandbox
        .new_link(
            r#"{"currency": "COP", "amount": 50000, "description": "<i>Plan</i> & más",
                "merchant": {"name": "<b>Aurora</b> & Co"}}"#,
        )
        .await;
    let money_movement_id = sandbox.started_payment(uuid, "isolated-text", "PSE").await;
    let html = sandbox
        .get(&format!("/sandbox/bank/{money_movement_id}"))
        .await
        .text();
    for expected in [
        r#"<dd data-testid="bank-merchant"><bdi>&lt;b&gt;Aurora&lt;/b&gt; &amp; Co</bdi></dd>"#,
        "<dd><bdi>&lt;i&gt;Plan&lt;/i&gt; &amp; más</bdi></dd>",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }

    let intent = sandbox
        .pay_intent(belvo_seed::PSE, "isolated-text", &[])
        .await;
    assert_eq!(intent.status, StatusCode::CREATED, "{}", intent.text());
    let html = sandbox
        .consent_page(intent.json()["id"].as_str().unwrap())
        .await
        .text();
    for expected in [
        r#"<dd data-testid="consent-merchant"><bdi>Acme Corp</bdi></dd>"#,
        "<dd><bdi>Awesome training Sneaker</bdi></dd>",
    ] {
        assert!(html.contains(expected), "missing {expected:?} in {html}");
    }
}
