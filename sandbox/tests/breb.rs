//! Bre-B on Colurs links: a code the payer pays from their bank app, its
//! payload read field by field, its expiry from the sandbox's clock, the
//! simulated bank app's answers, and at most one payment per link however
//! many codes the payer asks for.

mod common;
mod emv_support;

use axum::http::StatusCode;
use common::{
    assert_link, assert_locked_down, assert_payment, keys, pay_body, timestamp, Reply, Sandbox,
};
use emv_support::{assert_crc, crc16, fields, template};
use paylink_sandbox::test_controls::clock::Clock;
use serde_json::{json, Value};
use uuid::Uuid;

const BREB_LINK: &str = r#"{"currency": "COP", "amount": 50000.00, "description": "Plan mensual",
    "allowed_methods": ["BRE_B", "PSE"], "merchant": {"name": "Tienda Aurora"}}"#;

/// A Bre-B payer sends no details: their bank app knows them.
const BREB_PAY: &str = r#"{"payment_method": "BRE_B"}"#;

async fn pay_by_code(sandbox: &Sandbox, uuid: Uuid, key: &str) -> Reply {
    let reply = sandbox.pay(uuid, key, BREB_PAY).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    reply
}

impl Sandbox {
    async fn payment_statuses(&self, uuid: Uuid) -> Vec<String> {
        let payments = self.get(&format!("/sandbox/payments/{uuid}")).await.json();
        payments["payments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|payment| payment["status"].as_str().unwrap().to_owned())
            .collect()
    }
}

#[tokio::test]
async fn links_offer_bre_b_only_when_the_merchant_lists_it() {
    let sandbox = Sandbox::new();
    let uuid = sandbox.new_link(BREB_LINK).await;
    assert_eq!(
        sandbox.link(uuid).await.json()["allowed_methods"],
        json!(["BRE_B", "PSE"])
    );
    let default = sandbox
        .new_link(r#"{"currency": "COP", "amount": 50000.00}"#)
        .await;
    assert_eq!(
        sandbox.link(default).await.json()["allowed_methods"],
        json!(["BANCOLOMBIA", "PSE", "NEQUI"])
    );
    let refused = sandbox.pay(default, "k", BREB_PAY).await;
    assert_eq!(refused.error(), common::validation("payment_method"));
}

#[tokio::test]
async fn the_code_is_an_emv_payload_of_the_payment() {
    let sandbox = Sandbox::new();
    let uuid = sandbox.new_link(BREB_LINK).await;
    let link = sandbox.link(uuid).await;
    let reply = pay_by_code(&sandbox, uuid, "k").await;
    let answer = reply.json();
    assert_eq!(answer["payment_link"], Value::Null);
    let money_movement_id = reply.string("money_movement_id");
    let code = &answer["payment_code"];
    assert_eq!(
        keys(code),
        ["expires_at", "key", "payload", "receiving_entity"].into()
    );
    assert_eq!(code["key"], "@tiendaaurora");
    assert_eq!(code["receiving_entity"], "Colurs");

    let payload = code["payload"].as_str().unwrap();
    assert_crc(payload);
    let read = fields(payload);
    let field = |id: &str| read.get(id).map(String::as_str);
    assert_eq!(field("00"), Some("01"), "payload format indicator");
    assert_eq!(field("01"), Some("12"), "a code for one payment");
    assert_eq!(field("52"), Some("0000"));
    assert_eq!(field("53"), Some("170"), "pesos");
    assert_eq!(field("54"), Some(link.raw("total_to_pay").as_str()));
    assert_eq!(field("58"), Some("CO"));
    assert_eq!(field("59"), Some("Tienda Aurora"));
    assert_eq!(field("60"), Some("BOGOTA"));
    let account = template(payload, "26");
    assert_eq!(account["00"], "CO.EXAMPLE.BREB");
    assert_eq!(account["01"], "@tiendaaurora");
    assert_eq!(template(payload, "62")["05"], money_movement_id);
    let iva = template(payload, "80");
    assert_eq!(iva["00"], "CO.EXAMPLE.IVA");
    assert_eq!(iva["01"], link.raw("colurs_iva_amount"), "the link's IVA");

    // The payment status carries the same code.
    let payment = sandbox.payment(uuid, &money_movement_id).await.json();
    assert_eq!(payment["payment_method"], "BRE_B");
    assert_eq!(payment["status"], "PENDING");
    assert_eq!(&payment["payment_code"], code);
    assert_eq!(payment["expires_at"], code["expires_at"]);
}

#[tokio::test]
async fn a_tampered_code_fails_its_crc() {
    let sandbox = Sandbox::new();
    let uuid = sandbox.new_link(BREB_LINK).await;
    let reply = pay_by_code(&sandbox, uuid, "k").await;
    let payload = reply.json()["payment_code"]["payload"]
        .as_str()
        .unwrap()
        .to_owned();
    let (covered, written) = payload.split_at(payload.len() - 4);
    let tampered = covered.replace("51190.00", "11190.00");
    assert_ne!(format!("{:04X}", crc16(tampered.as_bytes())), written);
}

#[tokio::test]
async fn the_code_expires_ten_minutes_after_by_the_sandbox_clock() {
    let sandbox = Sandbox::new();
    sandbox.advance(7 * 86_400);
    let uuid = sandbox.new_link(BREB_LINK).await;
    let reply = pay_by_code(&sandbox, uuid, "k").await;
    let money_movement_id = reply.string("money_movement_id");
    let payment = sandbox.payment(uuid, &money_movement_id).await.json();
    let created = timestamp(&payment["created_at"]);
    let expires = timestamp(&reply.json()["payment_code"]["expires_at"]);
    assert_eq!(expires, created.plus_seconds(600));
    // The answer's `Date` is the sandbox's clock too, a week ahead here.
    let date = reply.header("date").expect("a Date header");
    assert_eq!(date, created.to_http_date());

    sandbox.advance(599);
    assert_payment(&sandbox, uuid, &money_movement_id, "PENDING").await;
    sandbox.advance(1);
    assert_payment(&sandbox, uuid, &money_movement_id, "EXPIRED").await;
    // Expired is final: the bank app can no longer pay it.
    sandbox.bank_app_action(&money_movement_id, "approve").await;
    assert_payment(&sandbox, uuid, &money_movement_id, "EXPIRED").await;
    assert_link(&sandbox, uuid, "PENDING").await;
}

#[tokio::test]
async fn a_retried_pay_returns_the_same_code() {
    let sandbox = Sandbox::new();
    let uuid = sandbox.new_link(BREB_LINK).await;
    let first = pay_by_code(&sandbox, uuid, "same-key").await;
    sandbox.advance(30);
    let again = pay_by_code(&sandbox, uuid, "same-key").await;
    assert_eq!(first.text(), again.text());
    assert_eq!(sandbox.payments_created(uuid).await, 1);
    // Another key meanwhile is another attempt, refused while the code lives.
    let other = sandbox.pay(uuid, "other-key", BREB_PAY).await;
    assert_eq!(other.error().1, "PaymentInProgress");
}

#[tokio::test]
async fn the_bank_app_finds_a_pasted_code_and_pays_it() {
    let sandbox = Sandbox::new();
    let uuid = sandbox.new_link(BREB_LINK).await;
    let reply = pay_by_code(&sandbox, uuid, "k").await;
    let money_movement_id = reply.string("money_movement_id");
    let payload = reply.json()["payment_code"]["payload"]
        .as_str()
        .unwrap()
        .to_owned();

    for pasted in [
        payload.clone(),
        format!("  {payload}\n"),
        money_movement_id.clone(),
    ] {
        let page = sandbox.bank_app(&pasted).await;
        assert_eq!(page.status, StatusCode::OK, "{pasted:?}");
        assert_locked_down(&page, "bank app");
        let html = page.text();
        assert!(html.contains("Tienda Aurora"), "{html}");
        assert!(html.contains("51.190,00 COP"), "{html}");
        assert!(html.contains("@tiendaaurora"), "{html}");
        assert!(html.contains(r#"data-testid="bank-app-approve""#), "{html}");
    }
    let unknown = sandbox.bank_app("0002010102122636").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert!(unknown.text().contains("bank-app-not-found"));

    let answered = sandbox.bank_app_action(&money_movement_id, "approve").await;
    assert_eq!(
        answered.header("location"),
        Some(format!("/sandbox/bank-app?code={money_movement_id}").as_str())
    );
    assert_payment(&sandbox, uuid, &money_movement_id, "APPROVED").await;
    assert_link(&sandbox, uuid, "PAID").await;
    let after = sandbox.bank_app(&money_movement_id).await.text();
    assert!(after.contains("bank-app-ended"), "{after}");
    assert!(!after.contains("bank-app-approve"), "{after}");
}

#[tokio::test]
async fn declined_and_let_expire_codes_end_unpaid() {
    let sandbox = Sandbox::new();
    let uuid = sandbox.new_link(BREB_LINK).await;
    let declined = pay_by_code(&sandbox, uuid, "first")
        .await
        .string("money_movement_id");
    sandbox.bank_app_action(&declined, "decline").await;
    assert_payment(&sandbox, uuid, &declined, "DECLINED").await;
    assert_link(&sandbox, uuid, "PENDING").await;

    let let_expire = pay_by_code(&sandbox, uuid, "second").await;
    let let_expire_id = let_expire.string("money_movement_id");
    sandbox.bank_app_action(&let_expire_id, "expire").await;
    let expired = sandbox.payment(uuid, &let_expire_id).await.json();
    assert_eq!(expired["status"], "EXPIRED");
    // Its deadline is when it ended, not the ten minutes first announced.
    assert_eq!(expired["expires_at"], expired["updated_at"]);
    assert_eq!(expired["payment_code"]["expires_at"], expired["updated_at"]);
    sandbox.bank_app_action(&let_expire_id, "approve").await;
    assert_payment(&sandbox, uuid, &let_expire_id, "EXPIRED").await;
}

#[tokio::test]
async fn renewing_codes_pays_the_link_at_most_once() {
    let sandbox = Sandbox::new();
    let uuid = sandbox.new_link(BREB_LINK).await;
    let first = pay_by_code(&sandbox, uuid, "attempt-1").await;
    let first_id = first.string("money_movement_id");
    // While the first code lives, no second one.
    let early = sandbox.pay(uuid, "attempt-2", BREB_PAY).await;
    assert_eq!(early.error().1, "PaymentInProgress");

    sandbox.advance(600);
    assert_payment(&sandbox, uuid, &first_id, "EXPIRED").await;
    let second = pay_by_code(&sandbox, uuid, "attempt-2").await;
    let second_id = second.string("money_movement_id");
    let payload = |reply: &Reply| reply.json()["payment_code"]["payload"].clone();
    assert_ne!(payload(&first), payload(&second), "a new code");
    sandbox.bank_app_action(&second_id, "approve").await;
    // A late answer to the old code changes nothing.
    sandbox.bank_app_action(&first_id, "approve").await;

    assert_link(&sandbox, uuid, "PAID").await;
    assert_eq!(sandbox.payments_created(uuid).await, 2);
    assert_eq!(
        sandbox.payment_statuses(uuid).await,
        ["EXPIRED", "APPROVED"]
    );
    let paid = sandbox.pay(uuid, "attempt-3", BREB_PAY).await;
    assert_eq!(paid.error().1, "InvalidStatus");
}

#[tokio::test]
async fn a_code_paid_after_its_link_expired_is_refunded() {
    let sandbox = Sandbox::new();
    let expires_at = Clock::system().now().plus_seconds(300).to_rfc3339();
    let uuid = sandbox
        .new_link(&BREB_LINK.replace(
            "\"description\"",
            &format!("\"expires_at\": \"{expires_at}\", \"description\""),
        ))
        .await;
    let code = pay_by_code(&sandbox, uuid, "k")
        .await
        .string("money_movement_id");
    sandbox.advance(301);
    assert_link(&sandbox, uuid, "EXPIRED").await;
    assert_payment(&sandbox, uuid, &code, "PENDING").await;
    sandbox.bank_app_action(&code, "approve").await;
    assert_payment(&sandbox, uuid, &code, "REFUNDED").await;
    assert_link(&sandbox, uuid, "EXPIRED").await;
}

#[tokio::test]
async fn other_methods_carry_no_code() {
    let sandbox = Sandbox::new();
    let uuid = sandbox.new_link(BREB_LINK).await;
    let reply = sandbox.pay(uuid, "pse", &pay_body("PSE", &[])).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert!(!keys(&reply.json()).contains("payment_code"));
    // Nor does the bank app know a bank payment.
    let page = sandbox.bank_app(&reply.string("money_movement_id")).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}
