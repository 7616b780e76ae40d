//! Paying a link: the seed's errors, per-method validation, idempotency.

mod common;

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use common::{
    assert_link, assert_payment, error, pay_body, pay_body_with_amount, test_config, timestamp,
    validation, Reply, Sandbox, ORIGIN,
};
use paylink_sandbox::{colurs::seed, Config};
use serde_json::{json, Value};
use tokio::sync::Barrier;
use tokio::task::JoinSet;
use uuid::Uuid;

/// A refused second attempt: 409 `PaymentInProgress`, naming the payment to wait for.
fn assert_in_progress(reply: &Reply, pending: &str) {
    assert_eq!(
        reply.error(),
        error(StatusCode::CONFLICT, "PaymentInProgress"),
        "{}",
        reply.text()
    );
    assert_eq!(
        reply.json()["money_movement_id"],
        pending,
        "{}",
        reply.text()
    );
}

#[tokio::test]
async fn a_bank_payment_answers_with_the_bank_page_and_activates_the_link() {
    let sandbox = Sandbox::new();
    // The seed document's own pay request.
    let seed_request = r#"{
      "amount": 50000.00,
      "payment_method": "BANCOLOMBIA",
      "payer_email": "payer@example.com",
      "payer_phone": "+573001234567",
      "payer_type_document": "CC",
      "payer_document": "1234567890"
    }"#;
    let reply = sandbox.pay(seed::PENDING, "attempt-1", seed_request).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.raw("total_to_pay"), "51190.00");
    assert_eq!(reply.raw("approval_timeout_seconds"), "null");
    let money_movement_id = reply.string("money_movement_id");
    assert!(
        money_movement_id.starts_with("mm_") && money_movement_id.len() == 19,
        "{money_movement_id}"
    );
    assert_eq!(
        reply.json()["payment_link"],
        format!("{ORIGIN}/sandbox/bank/{money_movement_id}")
    );

    assert_link(&sandbox, seed::PENDING, "ACTIVE").await;
    let payment = sandbox.payment(seed::PENDING, &money_movement_id).await;
    assert_eq!(payment.status, StatusCode::OK);
    assert_eq!(payment.raw("total_to_pay"), "51190.00");
    assert_eq!(payment.json()["payment_method"], "BANCOLOMBIA");
    assert_eq!(payment.json()["status"], "PENDING");
    // A payer who never comes back from the bank lets it expire (default 15 minutes).
    let created_at = timestamp(&payment.json()["created_at"]);
    assert_eq!(
        payment.json()["expires_at"],
        created_at.plus_seconds(900).to_rfc3339()
    );
}

#[tokio::test]
async fn the_amount_may_be_left_out_on_a_fixed_link() {
    let sandbox = Sandbox::new();
    let reply = sandbox.pay(seed::PENDING, "k", &pay_body("PSE", &[])).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.raw("total_to_pay"), "51190.00");
}

#[tokio::test]
async fn the_seed_errors() {
    let sandbox = Sandbox::new();

    let general = sandbox
        .pay(seed::GENERAL, "k1", &pay_body("PSE", &[]))
        .await;
    assert_eq!(
        general.error(),
        error(StatusCode::BAD_REQUEST, "AmountRequired")
    );

    for amount in ["50000.01", "49999.99", "51190.00", "5"] {
        let mismatch = sandbox
            .pay(seed::PENDING, "k2", &pay_body_with_amount("PSE", amount))
            .await;
        assert_eq!(
            mismatch.error(),
            error(StatusCode::BAD_REQUEST, "AmountMismatch"),
            "{amount}"
        );
        assert_eq!(
            mismatch.json()["message"],
            "Amount doesn't match link amount"
        );
    }
    // 50000 and 50000.0 are the same amount as 50000.00.
    for (key, amount) in [("k3", "50000"), ("k4", "50000.0")] {
        let reply = sandbox
            .pay(seed::PENDING, key, &pay_body_with_amount("PSE", amount))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{amount}: {}", reply.text());
        // Ended at the bank, so the link takes the next attempt.
        sandbox
            .bank_action(&reply.string("money_movement_id"), "decline")
            .await;
    }

    for uuid in [seed::PAID, seed::EXPIRED, seed::CANCELLED] {
        let reply = sandbox.pay(uuid, "k5", &pay_body("PSE", &[])).await;
        assert_eq!(
            reply.error(),
            error(StatusCode::BAD_REQUEST, "InvalidStatus"),
            "{uuid}"
        );
    }

    let unknown = sandbox
        .pay(Uuid::new_v4(), "k6", &pay_body("PSE", &[]))
        .await;
    assert_eq!(unknown.error(), error(StatusCode::NOT_FOUND, "NotFound"));
    let malformed_uuid = sandbox
        .request(
            Method::POST,
            "/api/payment_link/123/pay/",
            &[("Idempotency-Key", "k7")],
            &pay_body("PSE", &[]),
        )
        .await;
    assert_eq!(
        malformed_uuid.error(),
        error(StatusCode::NOT_FOUND, "NotFound")
    );

    assert_eq!(sandbox.payments_created(seed::GENERAL).await, 0);
    assert_eq!(sandbox.payments_created(seed::PAID).await, 0);
}

#[tokio::test]
async fn an_active_link_takes_a_new_attempt_only_once_its_payment_ends() {
    let sandbox = Sandbox::new();
    let body = pay_body("NEQUI", &[]);
    let waiting = sandbox.pay(seed::ACTIVE, "retry", &body).await;
    assert_in_progress(&waiting, seed::ACTIVE_LINK_PAYMENT);
    assert_eq!(sandbox.payments_created(seed::ACTIVE).await, 1);

    sandbox
        .bank_action(seed::ACTIVE_LINK_PAYMENT, "abandon")
        .await;
    let reply = sandbox.pay(seed::ACTIVE, "retry", &body).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(
        sandbox.payments_created(seed::ACTIVE).await,
        2,
        "the demo payment and this one"
    );
}

#[tokio::test]
async fn a_general_link_charges_the_typed_amount_within_its_bounds() {
    let sandbox = Sandbox::new();
    let reply = sandbox
        .pay(
            seed::GENERAL,
            "typed",
            &pay_body_with_amount("PSE", "12345.67"),
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    // fee round(246.9134) = 246.91; iva round(46.9129) = 46.91.
    assert_eq!(reply.raw("total_to_pay"), "12639.49");
    sandbox
        .bank_action(&reply.string("money_movement_id"), "decline")
        .await;

    for (key, amount) in [
        ("low", "999.99"),
        ("high", "5000000.01"),
        ("negative", "-2000"),
        ("cent", "1000.001"),
        ("exp", "1e4"),
    ] {
        let reply = sandbox
            .pay(seed::GENERAL, key, &pay_body_with_amount("NEQUI", amount))
            .await;
        assert_eq!(reply.error(), validation("amount"), "{amount}");
    }
    assert_eq!(
        sandbox
            .pay(
                seed::GENERAL,
                "max",
                &pay_body_with_amount("NEQUI", "5000000.00")
            )
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn each_method_requires_its_fields() {
    let sandbox = Sandbox::new();
    // Per method: the field sent (null: left out) and its value; the 400 names that field.
    let missing = || Value::Null;
    let cases = [
        ("BANCOLOMBIA", "payer_email", missing()),
        ("BANCOLOMBIA", "payer_phone", missing()),
        ("BANCOLOMBIA", "payer_document", missing()),
        ("BANCOLOMBIA", "payer_email", json!("not-an-email")),
        ("PSE", "payer_person_type", missing()),
        ("PSE", "payer_person_type", json!("X")),
        ("PSE", "bank_id", missing()),
        ("PSE", "bank_id", json!(0)),
        ("PSE", "bank_id", json!(424242)),
        ("PSE", "bank_id", json!("1007")),
        ("PSE", "payer_document", missing()),
        ("PSE", "payer_email", missing()),
        ("PSE", "payer_phone", missing()),
        ("PSE", "payer_type_document", json!("DNI")),
        ("NEQUI", "payer_phone", missing()),
        ("NEQUI", "payer_phone", json!("6012345678")),
        ("NEQUI", "payer_phone", json!("300123456")),
        ("NEQUI", "payer_document", missing()),
        ("NEQUI", "payment_method", json!("EFECTY")),
        ("NEQUI", "payment_method", missing()),
    ];
    let cases = cases
        .into_iter()
        .map(|(method, sent, value)| (method, sent, value, sent));
    // A juridical person pays with a NIT: the document type is named.
    let juridical = (
        "PSE",
        "payer_person_type",
        json!("J"),
        "payer_type_document",
    );
    for (index, (method, sent, value, field)) in cases.chain([juridical]).enumerate() {
        let body = pay_body(method, &[(sent, value)]);
        let reply = sandbox
            .pay(seed::PENDING, &format!("case-{index}"), &body)
            .await;
        assert_eq!(
            reply.error(),
            validation(field),
            "{method} {body}: {}",
            reply.text()
        );
    }

    // What each method does not need may be left out.
    let juridical = pay_body(
        "PSE",
        &[
            ("payer_person_type", json!("J")),
            ("payer_type_document", json!("NIT")),
            ("payer_document", json!("900.123.456-8")),
        ],
    );
    let reply = sandbox.pay(seed::PENDING, "juridical", &juridical).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    // Declined at the bank, so the link takes the Nequi attempt.
    sandbox
        .bank_action(&reply.string("money_movement_id"), "decline")
        .await;
    let nequi_minimal = r#"{"payment_method": "NEQUI", "payer_phone": "3001234567", "payer_document": "1234567890"}"#;
    let reply = sandbox
        .pay(seed::PENDING, "nequi-minimal", nequi_minimal)
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());

    let malformed = sandbox.pay(seed::PENDING, "malformed", "{").await;
    assert_eq!(malformed.error(), validation("body"));
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 2);
}

#[tokio::test]
async fn a_method_the_link_does_not_allow_is_refused() {
    let sandbox = Sandbox::new();
    let reply = sandbox
        .pay(seed::NEQUI_ONLY, "k", &pay_body("PSE", &[]))
        .await;
    assert_eq!(reply.error(), validation("payment_method"));
    assert_eq!(
        sandbox
            .pay(seed::NEQUI_ONLY, "k2", &pay_body("NEQUI", &[]))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_idempotency_key_is_required() {
    let sandbox = Sandbox::new();
    let path = format!("/api/payment_link/{}/pay/", seed::PENDING);
    for headers in [&[][..], &[("Idempotency-Key", "  ")][..]] {
        let reply = sandbox
            .request(Method::POST, &path, headers, &pay_body("PSE", &[]))
            .await;
        assert_eq!(reply.error(), validation("Idempotency-Key"));
    }
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 0);
    assert_link(&sandbox, seed::PENDING, "PENDING").await;
}

#[tokio::test]
async fn a_retry_replays_the_first_answer_and_creates_no_second_payment() {
    let sandbox = Sandbox::new();
    let body = pay_body("PSE", &[]);
    let first = sandbox.pay(seed::PENDING, "same-key", &body).await;
    assert_eq!(first.status, StatusCode::OK);

    // Even after the link changed (now ACTIVE), the retry gets the same bytes.
    let retry = sandbox.pay(seed::PENDING, "same-key", &body).await;
    assert_eq!(retry.status, StatusCode::OK);
    assert_eq!(retry.body, first.body);
    assert_eq!(retry.header("content-type"), Some("application/json"));
    // Formatting does not make it another request.
    let reformatted: Value = serde_json::from_str(&body).unwrap();
    let reformatted = serde_json::to_string_pretty(&reformatted).unwrap();
    assert_eq!(
        sandbox
            .pay(seed::PENDING, "same-key", &reformatted)
            .await
            .body,
        first.body
    );
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 1);

    // Another key is another attempt: refused while the first may still
    // succeed, taken once it has ended.
    let first_id = first.string("money_movement_id");
    let refused = sandbox.pay(seed::PENDING, "another-key", &body).await;
    assert_in_progress(&refused, &first_id);
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 1);
    sandbox.bank_action(&first_id, "decline").await;
    // The refusal was not recorded against its key.
    let second = sandbox.pay(seed::PENDING, "another-key", &body).await;
    assert_eq!(second.status, StatusCode::OK, "{}", second.text());
    assert_ne!(second.string("money_movement_id"), first_id);
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 2);
}

#[tokio::test]
async fn a_reused_key_with_another_body_conflicts() {
    let sandbox = Sandbox::new();
    assert_eq!(
        sandbox
            .pay(seed::PENDING, "reused", &pay_body("PSE", &[]))
            .await
            .status,
        StatusCode::OK
    );
    let conflict = sandbox
        .pay(
            seed::PENDING,
            "reused",
            &pay_body("PSE", &[("bank_id", json!(1051))]),
        )
        .await;
    assert_eq!(
        conflict.error(),
        error(StatusCode::CONFLICT, "IdempotencyConflict")
    );
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 1);

    // Keys belong to a link: the same key on another link is a new attempt.
    assert_eq!(
        sandbox
            .pay(seed::NEQUI_ONLY, "reused", &pay_body("NEQUI", &[]))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_failed_call_does_not_burn_its_key() {
    let sandbox = Sandbox::new();
    let incomplete = sandbox
        .pay(
            seed::PENDING,
            "fix-and-retry",
            &pay_body("PSE", &[("bank_id", Value::Null)]),
        )
        .await;
    assert_eq!(incomplete.status, StatusCode::BAD_REQUEST);
    let fixed = sandbox
        .pay(seed::PENDING, "fix-and-retry", &pay_body("PSE", &[]))
        .await;
    assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.text());
}

#[tokio::test]
async fn a_payment_is_only_found_under_its_own_link() {
    let sandbox = Sandbox::new();
    let paid = sandbox.started_payment(seed::PENDING, "k", "PSE").await;
    for (uuid, money_movement_id) in [
        (seed::GENERAL, paid.as_str()),
        (seed::PENDING, "mm_unknown"),
        (Uuid::new_v4(), &paid),
    ] {
        let reply = sandbox.payment(uuid, money_movement_id).await;
        let not_found = error(StatusCode::NOT_FOUND, "NotFound");
        assert_eq!(reply.error(), not_found, "{uuid} {money_movement_id}");
    }
    assert_eq!(
        sandbox.payment(seed::PENDING, &paid).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn stats_of_an_unknown_link_are_not_found() {
    let sandbox = Sandbox::new();
    assert_eq!(
        sandbox
            .get(&format!("/sandbox/stats/{}", Uuid::new_v4()))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(sandbox.payments_created(seed::ACTIVE).await, 1);
}

/// Two tabs (or a retry with a fresh key) racing on one link: the payer is
/// charged at most once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_five_parallel_attempts_start_one_payment() {
    const ATTEMPTS: usize = 25;
    let sandbox = Arc::new(Sandbox::new());
    let start = Arc::new(Barrier::new(ATTEMPTS));
    let mut attempts = JoinSet::new();
    for attempt in 0..ATTEMPTS {
        let (sandbox, start) = (Arc::clone(&sandbox), Arc::clone(&start));
        attempts.spawn(async move {
            start.wait().await;
            sandbox
                .pay(
                    seed::PENDING,
                    &format!("tab-{attempt}"),
                    &pay_body("PSE", &[]),
                )
                .await
        });
    }
    let replies = attempts.join_all().await;

    let (accepted, refused): (Vec<&Reply>, Vec<&Reply>) = replies
        .iter()
        .partition(|reply| reply.status == StatusCode::OK);
    assert_eq!(accepted.len(), 1, "exactly one attempt starts a payment");
    let paying = accepted[0].string("money_movement_id");
    assert_eq!(refused.len(), ATTEMPTS - 1);
    for reply in refused {
        assert_in_progress(reply, &paying);
    }
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 1);
}

#[tokio::test]
async fn the_link_names_its_payment_in_progress_until_it_ends() {
    let sandbox = Sandbox::new();
    let link = sandbox.link(seed::PENDING).await.json();
    assert!(link.get("payment_in_progress").is_none(), "{link}");

    let declined = sandbox
        .started_payment(seed::PENDING, "first", "BANCOLOMBIA")
        .await;
    let link = sandbox.link(seed::PENDING).await.json();
    assert_eq!(link["status"], "ACTIVE");
    assert_eq!(
        link["payment_in_progress"],
        json!({ "money_movement_id": declined })
    );

    sandbox.bank_action(&declined, "decline").await;
    let link = sandbox.link(seed::PENDING).await.json();
    assert_eq!(link["status"], "PENDING");
    assert!(link.get("payment_in_progress").is_none(), "{link}");

    let approved = sandbox
        .started_payment(seed::PENDING, "second", "PSE")
        .await;
    assert_eq!(
        sandbox.link(seed::PENDING).await.json()["payment_in_progress"],
        json!({ "money_movement_id": approved })
    );
    sandbox.bank_action(&approved, "approve").await;
    let link = sandbox.link(seed::PENDING).await.json();
    assert_eq!(link["status"], "PAID");
    assert!(link.get("payment_in_progress").is_none(), "{link}");

    // The seeded ACTIVE link shows its demo payment the same way.
    assert_eq!(
        sandbox.link(seed::ACTIVE).await.json()["payment_in_progress"],
        json!({ "money_movement_id": seed::ACTIVE_LINK_PAYMENT })
    );
}

#[tokio::test]
async fn an_invalid_attempt_gets_its_own_error_while_a_payment_is_in_progress() {
    let sandbox = Sandbox::new();
    let pending = sandbox.started_payment(seed::PENDING, "first", "PSE").await;
    for (key, body, refusal) in [
        (
            "no-bank",
            pay_body("PSE", &[("bank_id", Value::Null)]),
            validation("bank_id"),
        ),
        (
            "wrong-amount",
            pay_body_with_amount("PSE", "5"),
            error(StatusCode::BAD_REQUEST, "AmountMismatch"),
        ),
    ] {
        let reply = sandbox.pay(seed::PENDING, key, &body).await;
        assert_eq!(reply.error(), refusal, "{key}");
    }
    // The first attempt's own retry is still its answer, not a refusal.
    let retry = sandbox
        .pay(seed::PENDING, "first", &pay_body("PSE", &[]))
        .await;
    assert_eq!(retry.status, StatusCode::OK, "{}", retry.text());
    assert_eq!(retry.string("money_movement_id"), pending);
    assert_in_progress(
        &sandbox
            .pay(seed::PENDING, "valid", &pay_body("NEQUI", &[]))
            .await,
        &pending,
    );
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 1);
}

/// A payer who never comes back from the bank page does not block the link:
/// the payment expires after `bank_timeout_seconds`, then the link takes a
/// new attempt.
#[tokio::test]
async fn an_unanswered_bank_payment_expires_and_the_link_takes_a_new_attempt() {
    let sandbox = Sandbox::with(Config {
        bank_timeout_seconds: 60,
        ..test_config()
    });
    for (method, key) in [("BANCOLOMBIA", "first"), ("PSE", "second")] {
        let reply = sandbox
            .pay(seed::PENDING, key, &pay_body(method, &[]))
            .await;
        assert_eq!(reply.status, StatusCode::OK, "{method}: {}", reply.text());
        let pending = reply.string("money_movement_id");
        let payment = sandbox.payment(seed::PENDING, &pending).await.json();
        let created_at = timestamp(&payment["created_at"]);
        assert_eq!(
            payment["expires_at"],
            created_at.plus_seconds(60).to_rfc3339()
        );

        sandbox.advance(59);
        assert_payment(&sandbox, seed::PENDING, &pending, "PENDING").await;
        assert_in_progress(
            &sandbox
                .pay(seed::PENDING, "meanwhile", &pay_body("NEQUI", &[]))
                .await,
            &pending,
        );

        sandbox.advance(1);
        let payment = sandbox.payment(seed::PENDING, &pending).await.json();
        assert_eq!(payment["status"], "EXPIRED", "{method}");
        assert_eq!(payment["updated_at"], payment["expires_at"]);
        let link = sandbox.link(seed::PENDING).await.json();
        assert_eq!(link["status"], "PENDING");
        assert!(link.get("payment_in_progress").is_none(), "{link}");
        // Too late: the bank's answer no longer changes it.
        sandbox.bank_action(&pending, "approve").await;
        assert_payment(&sandbox, seed::PENDING, &pending, "EXPIRED").await;
        assert_link(&sandbox, seed::PENDING, "PENDING").await;
    }
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 2);
}
