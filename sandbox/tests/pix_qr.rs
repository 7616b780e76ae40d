//! Pix QR ("copia e cola") on Belvo Pix links: a BR Code per payment
//! intent, read field by field against the Banco Central do Brasil's
//! manual, its expiry from the sandbox's clock, the simulated bank app's
//! answers, and at most one payment per link however many codes it takes.

mod belvo_support;
mod common;
mod emv_support;

use axum::http::StatusCode;
use belvo_support::assert_intent;
use common::{assert_locked_down, keys, timestamp, validation, Reply, Sandbox};
use emv_support::{assert_crc, fields, template};
use paylink_sandbox::belvo::seed;
use paylink_sandbox::Config;
use serde_json::{json, Value};

/// The static BR Code example of the BCB's "Manual de Padrões para
/// Iniciação do Pix" (key `123e4567-…`, "Fulano de Tal", BRASILIA, no
/// amount, txid `***`), as the manual prints it:
/// https://www.bcb.gov.br/content/estabilidadefinanceira/spb_docs/ManualBRCode.pdf
const BCB_MANUAL_EXAMPLE: &str =
    "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000\
    5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";

fn pix_link(methods: Value) -> String {
    json!({
        "allowed_payment_method_types": methods,
        "payment_method_details": {"open_finance": {"beneficiary_bank_account": seed::BENEFICIARY_ACCOUNT.to_string()}},
        "callback_urls": {"cancel": "https://merchant.example/c", "success": "https://merchant.example/s"},
        "amount": "1234.12",
        "customer": seed::ANA_SOUZA.to_string(),
        "description": "Tênis de corrida",
        "merchant": {"name": "Loja São João dos Sapatos Finos"},
    })
    .to_string()
}

const PIX_QR_INTENT: &str = r#"{"allowed_payment_method_types": ["pix_qr"],
    "payment_method_details": {"pix_qr": {}}, "confirm": true}"#;

impl Sandbox {
    /// A Pix link that also takes Pix QR codes: its access token.
    async fn pix_qr_link(&self) -> String {
        let reply = self
            .create_belvo_link(&pix_link(json!(["open_finance", "pix_qr"])))
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        reply.string("access_token")
    }

    async fn pix_code(&self, access_token: &str, key: &str) -> Reply {
        let reply = self.create_intent(access_token, key, PIX_QR_INTENT).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        reply
    }
}

fn payload_of(intent: &Value) -> String {
    intent["payment_method_information"]["pix_qr"]["payload"]
        .as_str()
        .expect("a Pix QR payload")
        .to_owned()
}

#[test]
fn the_reader_agrees_with_the_bcb_manuals_example() {
    assert_crc(BCB_MANUAL_EXAMPLE);
    let read = fields(BCB_MANUAL_EXAMPLE);
    assert_eq!(read["00"], "01");
    assert_eq!(read["52"], "0000");
    assert_eq!(read["53"], "986");
    assert_eq!(read["58"], "BR");
    assert_eq!(read["59"], "Fulano de Tal");
    assert_eq!(read["60"], "BRASILIA");
    assert_eq!(read["63"], "1D3D");
    let account = template(BCB_MANUAL_EXAMPLE, "26");
    assert_eq!(account["00"], "br.gov.bcb.pix");
    assert_eq!(account["01"], "123e4567-e12b-12d1-a456-426655440000");
    assert_eq!(template(BCB_MANUAL_EXAMPLE, "62")["05"], "***");
}

#[tokio::test]
async fn a_pix_link_offers_a_qr_code_beside_open_finance() {
    let sandbox = Sandbox::new();
    let token = sandbox.pix_qr_link().await;
    let link = sandbox.belvo_link(&token).await.json();
    assert_eq!(
        link["allowed_payment_method_types"],
        json!(["open_finance", "pix_qr"])
    );
    assert_eq!(
        keys(&link["payment_method_details"]),
        ["open_finance", "pix_qr"].into()
    );
    for alone_or_in_colombia in [json!(["pix_qr"]), json!(["pse", "pix_qr"])] {
        let refused = sandbox
            .create_belvo_link(&pix_link(alone_or_in_colombia))
            .await;
        assert_eq!(refused.error(), validation("allowed_payment_method_types"));
    }
    // A link without it refuses a code.
    let refused = sandbox
        .create_intent(seed::PIX_INDIVIDUAL, "k", PIX_QR_INTENT)
        .await;
    assert_eq!(refused.error(), validation("allowed_payment_method_types"));
}

#[tokio::test]
async fn the_code_is_the_br_code_of_the_intent() {
    let sandbox = Sandbox::new();
    let token = sandbox.pix_qr_link().await;
    let intent = sandbox.pix_code(&token, "k").await.json();
    assert_eq!(intent["status"], "REQUIRES_ACTION");
    assert_eq!(intent["allowed_payment_method_types"], json!(["pix_qr"]));
    assert_eq!(
        keys(&intent["payment_method_details"]["pix_qr"]),
        ["beneficiary_bank_account"].into(),
        "no institution, no callback: the payer's own app pays it"
    );
    let code = &intent["payment_method_information"]["pix_qr"];
    assert_eq!(keys(code), ["expires_at", "payload"].into());
    assert_eq!(code["expires_at"], intent["expires_at"]);

    let payload = payload_of(&intent);
    assert_crc(&payload);
    let read = fields(&payload);
    assert_eq!(read["00"], "01");
    assert_eq!(read["01"], "12", "one payment per code");
    assert_eq!(read["52"], "0000");
    assert_eq!(read["53"], "986", "reais");
    assert_eq!(read["54"], "1234.12");
    assert_eq!(read["58"], "BR");
    assert_eq!(
        read["59"], "Loja Sao Joao dos Sapatos",
        "25 plain characters"
    );
    assert_eq!(read["60"], "SAO PAULO");
    let account = template(&payload, "26");
    assert_eq!(account["00"], "br.gov.bcb.pix");
    assert_eq!(account["01"], seed::BENEFICIARY_ACCOUNT.to_string());
    let txid = &template(&payload, "62")["05"];
    let intent_id = intent["id"].as_str().unwrap().replace('-', "");
    assert_eq!(txid.len(), 25);
    assert!(
        intent_id.starts_with(txid.as_str()),
        "{txid} of {intent_id}"
    );

    // The status call reports the same code; a consent page has none.
    let id = intent["id"].as_str().unwrap();
    let read_again = sandbox.intent(&token, id).await.json();
    assert_eq!(payload_of(&read_again), payload);
    assert_eq!(sandbox.consent_page(id).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_code_lives_as_configured_by_the_sandbox_clock() {
    let sandbox = Sandbox::with(Config {
        pix_qr_seconds: 120,
        ..common::test_config()
    });
    let token = sandbox.pix_qr_link().await;
    let intent = sandbox.pix_code(&token, "k").await.json();
    let id = intent["id"].as_str().unwrap();
    let created = timestamp(&intent["created_at"]);
    assert_eq!(timestamp(&intent["expires_at"]), created.plus_seconds(120));
    sandbox.advance(119);
    assert_intent(&sandbox, &token, id, "REQUIRES_ACTION").await;
    sandbox.advance(1);
    assert_intent(&sandbox, &token, id, "FAILED").await;
    // Final: the bank app can no longer pay it.
    sandbox.bank_app_action(id, "approve").await;
    assert_intent(&sandbox, &token, id, "FAILED").await;
    assert_eq!(sandbox.belvo_link_status(&token).await, "ACTIVE");
}

#[tokio::test]
async fn a_retried_intent_returns_the_same_code() {
    let sandbox = Sandbox::new();
    let token = sandbox.pix_qr_link().await;
    let first = sandbox.pix_code(&token, "same").await;
    let again = sandbox.pix_code(&token, "same").await;
    assert_eq!(first.text(), again.text());
    assert_eq!(sandbox.intents_created(&token).await, 1);
    let other = sandbox.create_intent(&token, "other", PIX_QR_INTENT).await;
    assert_eq!(other.error().1, "PaymentInProgress");
}

#[tokio::test]
async fn the_bank_app_pays_declines_or_lets_expire_a_code() {
    let sandbox = Sandbox::new();
    let token = sandbox.pix_qr_link().await;

    let declined = sandbox.pix_code(&token, "one").await.json();
    let declined_id = declined["id"].as_str().unwrap();
    let page = sandbox.bank_app(&payload_of(&declined)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_locked_down(&page, "bank app");
    let html = page.text();
    assert!(html.contains(r#"lang="pt-BR""#), "{html}");
    assert!(html.contains("R$ 1.234,12"), "{html}");
    assert!(html.contains("Loja São João dos Sapatos Finos"), "{html}");
    sandbox.bank_app_action(declined_id, "decline").await;
    assert_intent(&sandbox, &token, declined_id, "CANCELED").await;

    let let_expire = sandbox.pix_code(&token, "two").await.json();
    let let_expire_id = let_expire["id"].as_str().unwrap();
    sandbox.bank_app_action(let_expire_id, "expire").await;
    let expired = sandbox.intent(&token, let_expire_id).await.json();
    assert_eq!(expired["status"], "FAILED");
    assert_eq!(expired["expires_at"], expired["updated_at"]);

    let paid = sandbox.pix_code(&token, "three").await.json();
    let paid_id = paid["id"].as_str().unwrap();
    sandbox.bank_app_action(paid_id, "approve").await;
    assert_intent(&sandbox, &token, paid_id, "PROCESSING").await;
    sandbox.advance(1);
    let succeeded = sandbox.intent(&token, paid_id).await.json();
    assert_eq!(succeeded["status"], "SUCCEEDED");
    assert_eq!(succeeded["charges"].as_array().unwrap().len(), 1);
    assert_eq!(sandbox.belvo_link_status(&token).await, "COMPLETED");
}

#[tokio::test]
async fn renewing_codes_pays_the_link_at_most_once() {
    let sandbox = Sandbox::new();
    let token = sandbox.pix_qr_link().await;
    let first = sandbox.pix_code(&token, "attempt-1").await.json();
    let first_id = first["id"].as_str().unwrap();
    sandbox.advance(900);
    assert_intent(&sandbox, &token, first_id, "FAILED").await;

    let second = sandbox.pix_code(&token, "attempt-2").await.json();
    let second_id = second["id"].as_str().unwrap();
    assert_ne!(payload_of(&first), payload_of(&second), "a new code");
    sandbox.bank_app_action(second_id, "approve").await;
    sandbox.bank_app_action(first_id, "approve").await;
    sandbox.advance(1);

    assert_intent(&sandbox, &token, first_id, "FAILED").await;
    assert_intent(&sandbox, &token, second_id, "SUCCEEDED").await;
    assert_eq!(sandbox.intents_created(&token).await, 2);
    let after = sandbox
        .create_intent(&token, "attempt-3", PIX_QR_INTENT)
        .await;
    assert_eq!(after.error().1, "InvalidStatus");
}
