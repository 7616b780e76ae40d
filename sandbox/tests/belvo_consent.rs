//! The simulated bank consent of a Belvo payment: approving (answer in the
//! query or the fragment), rejecting, the 5-minute Open Finance expiry, and
//! what each does to the payment intent and its link.

mod belvo_support;
mod common;

use axum::http::StatusCode;
use belvo_support::{assert_belvo_link, assert_intent, callback_for, intent_body, params_after};
use common::{assert_locked_down, error, test_config, timestamp, Reply, Sandbox};
use paylink_sandbox::belvo::seed;
use paylink_sandbox::belvo::tokens::is_token_text;
use paylink_sandbox::Config;
use serde_json::json;

/// Creates a payment intent for a business payer on `access_token` that
/// returns to `callback_url`, and answers its id.
async fn start_returning_to(
    sandbox: &Sandbox,
    access_token: &str,
    key: &str,
    callback_url: &str,
) -> String {
    let extra = [
        ("callback_url", json!(callback_url)),
        ("cpf", json!("390.533.447-05")),
    ];
    let reply = sandbox.pay_intent(access_token, key, &extra).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.string("id")
}

fn location(reply: &Reply) -> String {
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    reply
        .header("location")
        .expect("a Location header")
        .to_owned()
}

/// `code` and `id_token` of an approval's answer, checked to be the only
/// parameters besides `state`, in that order.
fn code_and_id_token(params: &[(String, String)], intent_id: &str) -> (String, String) {
    let names: Vec<&str> = params.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["code", "id_token", "state"]);
    assert_eq!(params[2].1, intent_id);
    assert!(
        is_token_text(&params[0].1) && is_token_text(&params[1].1),
        "{params:?}"
    );
    assert_ne!(params[0].1, params[1].1);
    (params[0].1.clone(), params[1].1.clone())
}

#[tokio::test]
async fn approving_returns_the_answer_in_the_query_and_pays_after_processing() {
    let sandbox = Sandbox::new();
    let id = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k").await;

    let answer = location(&sandbox.consent(&id, "approve-query").await);
    let (code, id_token) = code_and_id_token(&params_after(&answer, '?'), &id);
    let callback = callback_for(seed::PIX_INDIVIDUAL);
    assert_eq!(
        answer,
        format!("{callback}?code={code}&id_token={id_token}&state={id}")
    );

    // PROCESSING first; the link is not paid yet.
    let processing = sandbox.intent(seed::PIX_INDIVIDUAL, &id).await.json();
    assert_eq!(processing["status"], "PROCESSING");
    assert_eq!(processing["charges"], json!([]));
    assert_belvo_link(&sandbox, seed::PIX_INDIVIDUAL, "ACTIVE").await;

    // CONSENT_PROCESSING_SECONDS (1) later: SUCCEEDED, one charge, link COMPLETED.
    sandbox.advance(1);
    let reply = sandbox.intent(seed::PIX_INDIVIDUAL, &id).await;
    let succeeded = reply.json();
    assert_eq!(succeeded["status"], "SUCCEEDED");
    let charges = succeeded["charges"].as_array().unwrap();
    assert_eq!(charges.len(), 1);
    assert_eq!(charges[0]["status"], "SUCCEEDED");
    assert_eq!(charges[0]["currency"], "BRL");
    assert_eq!(reply.raw_at(&["amount"]), "\"1234.12\"");
    let link = sandbox.belvo_link(seed::PIX_INDIVIDUAL).await.json();
    assert_eq!(link["status"], "COMPLETED");
    assert_eq!(link["updated_at"], succeeded["updated_at"]);

    // Paid: the link takes no other intent, and time changes nothing.
    let again = sandbox.pay_intent(seed::PIX_INDIVIDUAL, "after", &[]).await;
    assert_eq!(
        again.error(),
        error(StatusCode::BAD_REQUEST, "InvalidStatus")
    );
    assert_eq!(
        again.json()["message"],
        "Payment link not in valid status for payment: COMPLETED"
    );
    sandbox.advance(60 * 86_400);
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &id, "SUCCEEDED").await;
    assert_belvo_link(&sandbox, seed::PIX_INDIVIDUAL, "COMPLETED").await;
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 1);
}

#[tokio::test]
async fn approving_can_return_the_answer_in_the_fragment() {
    let sandbox = Sandbox::new();
    let id = sandbox.started_intent(seed::PIX_BUSINESS, "k").await;
    let answer = location(&sandbox.consent(&id, "approve-fragment").await);
    let (code, id_token) = code_and_id_token(&params_after(&answer, '#'), &id);
    let callback = callback_for(seed::PIX_BUSINESS);
    assert_eq!(
        answer,
        format!("{callback}#code={code}&id_token={id_token}&state={id}")
    );
    sandbox.advance(1);
    assert_intent(&sandbox, seed::PIX_BUSINESS, &id, "SUCCEEDED").await;
    assert_belvo_link(&sandbox, seed::PIX_BUSINESS, "COMPLETED").await;
}

#[tokio::test]
async fn the_answer_is_added_to_a_callback_that_has_a_query_already() {
    let sandbox = Sandbox::new();
    let callback = format!("{}?lang=pt-BR", callback_for(seed::PIX_BUSINESS_ALNUM));
    let id = start_returning_to(&sandbox, seed::PIX_BUSINESS_ALNUM, "k", &callback).await;
    let answer = location(&sandbox.consent(&id, "approve-query").await);
    let params = params_after(&answer, '?');
    assert_eq!(params[0], ("lang".to_owned(), "pt-BR".to_owned()));
    let (code, id_token) = code_and_id_token(&params[1..], &id);
    assert_eq!(
        answer,
        format!("{callback}&code={code}&id_token={id_token}&state={id}")
    );
}

#[tokio::test]
async fn a_pse_payer_approves_in_spanish() {
    let sandbox = Sandbox::new();
    let id = sandbox.started_intent(seed::PSE, "k").await;
    let page = sandbox.consent_page(&id).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.is_html());
    let html = page.text();
    for expected in [
        r#"<html lang="es">"#,
        "¿Autoriza este pago?",
        "$ 1.000 COP",
        "Bancolombia",
        "Acme Corp",
        "Carlos Vives",
        "PSE (débito bancario)",
        r#"data-testid="consent-approve-query""#,
        r#"data-testid="consent-approve-fragment""#,
        r#"data-testid="consent-reject""#,
        &format!(r#"action="/sandbox/consent/{id}/approve-query""#),
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
    // An unanswered PSE bank page lasts BANK_TIMEOUT_SECONDS (15 minutes).
    let intent = sandbox.intent(seed::PSE, &id).await.json();
    let created_at = timestamp(&intent["created_at"]);
    assert!(
        html.contains(&format!(
            r#"<dt>Autorice antes de</dt><dd data-testid="consent-expires-at">{}</dd>"#,
            created_at.plus_seconds(900).to_rfc3339()
        )),
        "{html}"
    );

    let answer = location(&sandbox.consent(&id, "approve-query").await);
    code_and_id_token(&params_after(&answer, '?'), &id);
    sandbox.advance(1);
    let reply = sandbox.intent(seed::PSE, &id).await;
    assert_eq!(reply.json()["status"], "SUCCEEDED");
    assert_eq!(reply.raw_at(&["amount"]), "1000");
    assert_belvo_link(&sandbox, seed::PSE, "COMPLETED").await;
}

#[tokio::test]
async fn the_open_finance_consent_page_is_in_portuguese() {
    let sandbox = Sandbox::new();
    let id = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k").await;
    let html = sandbox.consent_page(&id).await.text();
    for expected in [
        r#"<html lang="pt-BR">"#,
        "Você autoriza este pagamento?",
        "R$ 1.234,12",
        "Mock Bank",
        "Loja Super Sapatos",
        "Ana Beatriz Souza",
        "Pix via Open Finance",
        "Autorizar (retorno na query)",
        "Autorizar (retorno no fragmento)",
        "Recusar",
        r#"data-testid="consent-expires-at""#,
        r#"data-testid="consent-status">REQUIRES_ACTION<"#,
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
}

#[tokio::test]
async fn rejecting_cancels_the_intent_and_leaves_the_link_payable() {
    let sandbox = Sandbox::new();
    let id = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k").await;
    let answer = location(&sandbox.consent(&id, "reject").await);
    let callback = callback_for(seed::PIX_INDIVIDUAL);
    assert_eq!(answer, format!("{callback}?error=access_denied&state={id}"));
    let intent = sandbox.intent(seed::PIX_INDIVIDUAL, &id).await.json();
    assert_eq!(intent["status"], "CANCELED");
    assert_eq!(intent["charges"], json!([]));
    sandbox.advance(3600);
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &id, "CANCELED").await;
    assert_belvo_link(&sandbox, seed::PIX_INDIVIDUAL, "ACTIVE").await;

    // Answered: the page offers only the way back, and a second answer
    // changes nothing.
    let html = sandbox.consent_page(&id).await.text();
    assert!(!html.contains("consent-approve-query"), "{html}");
    assert!(html.contains(&format!(
        r#"data-testid="consent-return" href="{callback}?error=access_denied&amp;state={id}""#
    )));
    assert_eq!(
        location(&sandbox.consent(&id, "approve-query").await),
        answer
    );
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &id, "CANCELED").await;

    // The payer tries again.
    let second = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k2").await;
    assert_ne!(second, id);
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 2);
}

#[tokio::test]
async fn an_unanswered_open_finance_consent_fails_after_5_minutes() {
    let sandbox = Sandbox::new();
    let id = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k").await;
    let expires_at = sandbox.intent(seed::PIX_INDIVIDUAL, &id).await.json()["expires_at"].clone();

    sandbox.advance(299);
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &id, "REQUIRES_ACTION").await;
    sandbox.advance(1);
    let intent = sandbox.intent(seed::PIX_INDIVIDUAL, &id).await.json();
    assert_eq!(intent["status"], "FAILED");
    assert_eq!(intent["updated_at"], expires_at);
    assert_belvo_link(&sandbox, seed::PIX_INDIVIDUAL, "ACTIVE").await;

    // The consent page says so and offers only the way back.
    let callback = callback_for(seed::PIX_INDIVIDUAL);
    let expired_return = format!("{callback}?error=consent_expired&state={id}");
    let html = sandbox.consent_page(&id).await.text();
    assert!(html.contains("Consentimento expirado"), "{html}");
    assert!(html.contains(r#"data-testid="consent-expired""#));
    assert!(html.contains(&format!(
        r#"<a data-testid="consent-return" href="{}">Voltar</a>"#,
        expired_return.replace('&', "&amp;")
    )));
    for button in [
        "consent-approve-query",
        "consent-approve-fragment",
        "consent-reject",
    ] {
        assert!(!html.contains(button), "{button}");
    }
    // An approval sent too late is refused the same way.
    for action in ["approve-query", "approve-fragment", "reject"] {
        assert_eq!(
            location(&sandbox.consent(&id, action).await),
            expired_return
        );
    }
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &id, "FAILED").await;

    // A new attempt gets a fresh consent.
    let second = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k2").await;
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &second, "REQUIRES_ACTION").await;
}

/// A second attempt while the first may still succeed (waiting for the
/// consent, or authorised and processing) is refused, naming the first:
/// the payer cannot authorise two payments of one link.
#[tokio::test]
async fn a_second_attempt_while_one_is_in_progress_is_refused_naming_it() {
    let sandbox = Sandbox::new();
    let first = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k1").await;
    let second_body = intent_body(seed::PIX_INDIVIDUAL, "open_finance", &[]);
    let second_attempt = || sandbox.create_intent(seed::PIX_INDIVIDUAL, "k2", &second_body);
    for stage in ["REQUIRES_ACTION", "PROCESSING"] {
        if stage == "PROCESSING" {
            location(&sandbox.consent(&first, "approve-fragment").await);
        }
        assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &first, stage).await;
        let refused = second_attempt().await;
        assert_eq!(
            refused.error(),
            error(StatusCode::CONFLICT, "PaymentInProgress"),
            "{stage}"
        );
        assert_eq!(refused.json()["payment_intent"], first.as_str(), "{stage}");
        assert_eq!(
            sandbox.belvo_link(seed::PIX_INDIVIDUAL).await.json()["payment_in_progress"],
            json!({ "payment_intent": first }),
            "{stage}"
        );
    }

    sandbox.advance(1);
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &first, "SUCCEEDED").await;
    let link = sandbox.belvo_link(seed::PIX_INDIVIDUAL).await.json();
    assert_eq!(link["status"], "COMPLETED");
    assert!(link.get("payment_in_progress").is_none(), "{link}");
    assert_eq!(second_attempt().await.error().1, "InvalidStatus");
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 1);
}

/// An attempt that can no longer succeed (rejected, or its consent or bank
/// page expired) frees the link for the next one.
#[tokio::test]
async fn the_link_takes_a_new_intent_once_the_last_one_has_ended() {
    let sandbox = Sandbox::with(Config {
        bank_timeout_seconds: 600,
        ..test_config()
    });
    let rejected = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k1").await;
    location(&sandbox.consent(&rejected, "reject").await);
    let link = sandbox.belvo_link(seed::PIX_INDIVIDUAL).await.json();
    assert!(link.get("payment_in_progress").is_none(), "{link}");

    let unanswered = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k2").await;
    sandbox.advance(300);
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &unanswered, "FAILED").await;
    let link = sandbox.belvo_link(seed::PIX_INDIVIDUAL).await.json();
    assert!(link.get("payment_in_progress").is_none(), "{link}");
    sandbox.started_intent(seed::PIX_INDIVIDUAL, "k3").await;
    assert_eq!(sandbox.intents_created(seed::PIX_INDIVIDUAL).await, 3);

    // PSE: the bank page waits BANK_TIMEOUT_SECONDS, then the link is free.
    let pse = sandbox.started_intent(seed::PSE, "p1").await;
    sandbox.advance(599);
    assert_eq!(
        sandbox.belvo_link(seed::PSE).await.json()["payment_in_progress"],
        json!({ "payment_intent": pse })
    );
    let refused = sandbox.pay_intent(seed::PSE, "p2", &[]).await;
    assert_eq!(
        refused.json()["payment_intent"],
        pse.as_str(),
        "{}",
        refused.text()
    );
    sandbox.advance(1);
    assert_intent(&sandbox, seed::PSE, &pse, "FAILED").await;
    let link = sandbox.belvo_link(seed::PSE).await.json();
    assert!(link.get("payment_in_progress").is_none(), "{link}");
    let next = sandbox.started_intent(seed::PSE, "p2").await;
    assert_ne!(next, pse);
}

#[tokio::test]
async fn an_approval_after_the_link_expired_fails() {
    // A bank page that outlives the link, so the link expires first.
    let sandbox = Sandbox::with(Config {
        bank_timeout_seconds: 7 * 86_400,
        ..test_config()
    });
    // The PSE demo link was created a day ago for 7 days.
    let id = sandbox.started_intent(seed::PSE, "k").await;
    sandbox.advance(6 * 86_400);
    assert_belvo_link(&sandbox, seed::PSE, "EXPIRED").await;
    assert_intent(&sandbox, seed::PSE, &id, "REQUIRES_ACTION").await;
    location(&sandbox.consent(&id, "approve-query").await);
    sandbox.advance(1);
    assert_intent(&sandbox, seed::PSE, &id, "FAILED").await;
    assert_belvo_link(&sandbox, seed::PSE, "EXPIRED").await;
}

#[tokio::test]
async fn the_consent_timing_is_configurable() {
    let sandbox = Sandbox::with(Config {
        consent_timeout_seconds: 60,
        consent_processing_seconds: 0,
        ..test_config()
    });
    let id = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k").await;
    location(&sandbox.consent(&id, "approve-query").await);
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &id, "SUCCEEDED").await;

    let late = sandbox.started_intent(seed::PIX_BUSINESS, "k").await;
    sandbox.advance(60);
    assert_intent(&sandbox, seed::PIX_BUSINESS, &late, "FAILED").await;
}

#[tokio::test]
async fn unknown_consents_and_actions_are_not_found() {
    let sandbox = Sandbox::new();
    let id = sandbox.started_intent(seed::PIX_INDIVIDUAL, "k").await;
    for path in [
        "/sandbox/consent/00000000-0000-4000-8000-00000000dead".to_owned(),
        "/sandbox/consent/not-a-uuid".to_owned(),
    ] {
        let reply = sandbox.get(&path).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "{path}");
        assert!(reply.is_html());
    }
    assert_eq!(
        sandbox
            .consent("00000000-0000-4000-8000-00000000dead", "approve-query")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        sandbox.consent(&id, "approve").await.status,
        StatusCode::NOT_FOUND
    );
    assert_intent(&sandbox, seed::PIX_INDIVIDUAL, &id, "REQUIRES_ACTION").await;
}

#[tokio::test]
async fn consent_pages_cannot_be_framed_and_post_only_to_the_sandbox() {
    let sandbox = Sandbox::new();
    for access_token in [seed::PIX_INDIVIDUAL, seed::PSE] {
        let id = sandbox.started_intent(access_token, "framing").await;
        let path = format!("/sandbox/consent/{id}");
        let asking = sandbox.get(&path).await;
        assert!(asking.text().contains("consent-approve-query"));
        assert_locked_down(&asking, &format!("{access_token} asking"));

        let answered = sandbox.consent(&id, "reject").await;
        assert_eq!(answered.header("x-frame-options"), Some("DENY"));
        let done = sandbox.get(&path).await;
        assert!(done.text().contains("consent-return"));
        assert_locked_down(&done, &format!("{access_token} answered"));
    }
    let unknown = sandbox
        .get("/sandbox/consent/00000000-0000-4000-8000-00000000dead")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_locked_down(&unknown, "unknown consent");
}
