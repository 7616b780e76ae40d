//! Belvo calls on top of `common::Sandbox`, and the bodies of seeds 000
//! and 001.

// Each test file uses its own subset of these helpers.
#![allow(dead_code)]

use axum::http::{Method, StatusCode};
use serde_json::{json, Value};

use super::common::{merchant_headers, Reply, Sandbox, ORIGIN};
use paylink_sandbox::belvo::institutions::{BANCOLOMBIA_CO, MOCK_BANK_BR};
use paylink_sandbox::belvo::seed;

/// Seed 000's customer, verbatim (with the address the seed masks).
pub const SEED_CUSTOMER: &str = r#"{
  "customer_type": "INDIVIDUAL",
  "country": "COL",
  "name": "Carlos Vives",
  "email": "carlos@example.com",
  "identifier_type": "CC",
  "identifier": "1018760936",
  "address": "Calle Carlos Vives 432, 80300 Bogota",
  "phone": "3210987636"
}"#;

/// Seed 000's payment link, verbatim: its customer is a demo customer.
pub const SEED_LINK: &str = r#"{
  "allowed_payment_method_types": [
    "pse"
  ],
  "payment_method_details": {
    "pse": {
      "beneficiary_bank_account": "a80d5a9d-20ae-479a-8dd7-ff3443bcbbfc"
    }
  },
  "callback_urls": {
    "cancel": "https://www.acmecorp.com/checkout/3487548/cancel",
    "success": "https://www.acmecorp.com/checkout/3487548/success"
  },
  "amount": 1000,
  "customer": "06dc2f14-1217-4480-9b36-550a944a39d1",
  "description": "Awesome training Sneaker",
  "provider": "payments_way",
  "expires_in": "7d"
}"#;

/// The link's own payment page on the sandbox's origin: the only place a
/// payment intent may send the bank's answer to.
pub fn callback_for(access_token: &str) -> String {
    format!("{ORIGIN}/pay/{access_token}")
}

/// The Belvo calls of docs/api.md.
impl Sandbox {
    pub async fn create_customer(&self, body: &str) -> Reply {
        self.request(
            Method::POST,
            "/api/belvo/customers/",
            &merchant_headers(),
            body,
        )
        .await
    }

    pub async fn create_belvo_link(&self, body: &str) -> Reply {
        self.request(
            Method::POST,
            "/api/belvo/payment_links/",
            &merchant_headers(),
            body,
        )
        .await
    }

    pub async fn belvo_link(&self, access_token: &str) -> Reply {
        self.get(&format!("/api/belvo/payment_links/{access_token}/"))
            .await
    }

    pub async fn belvo_link_status(&self, access_token: &str) -> String {
        let reply = self.belvo_link(access_token).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply.string("status")
    }

    pub async fn institutions(&self, query: &str) -> Reply {
        self.get(&format!("/api/belvo/institutions/{query}")).await
    }

    pub async fn create_intent(&self, access_token: &str, key: &str, body: &str) -> Reply {
        self.request(
            Method::POST,
            &format!("/api/belvo/payment_links/{access_token}/payment_intents/"),
            &[("Idempotency-Key", key)],
            body,
        )
        .await
    }

    /// The page's intent for the link's own method (`intent_body`).
    pub async fn pay_intent(
        &self,
        access_token: &str,
        key: &str,
        extra: &[(&str, Value)],
    ) -> Reply {
        let body = intent_body(access_token, method_of(access_token), extra);
        self.create_intent(access_token, key, &body).await
    }

    /// A new intent on a demo link (with the CPF a business payer sends),
    /// returning to the link's own page: its id.
    pub async fn started_intent(&self, access_token: &str, key: &str) -> String {
        let business = [seed::PIX_BUSINESS, seed::PIX_BUSINESS_ALNUM].contains(&access_token);
        let cpf = [("cpf", json!("390.533.447-05"))];
        let reply = self
            .pay_intent(access_token, key, if business { &cpf } else { &[] })
            .await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        reply.string("id")
    }

    pub async fn intent(&self, access_token: &str, id: &str) -> Reply {
        self.get(&format!(
            "/api/belvo/payment_links/{access_token}/payment_intents/{id}/"
        ))
        .await
    }

    pub async fn intent_status(&self, access_token: &str, id: &str) -> String {
        let reply = self.intent(access_token, id).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply.string("status")
    }

    pub async fn consent_page(&self, id: &str) -> Reply {
        self.get(&format!("/sandbox/consent/{id}")).await
    }

    pub async fn consent(&self, id: &str, action: &str) -> Reply {
        self.request(
            Method::POST,
            &format!("/sandbox/consent/{id}/{action}"),
            &[],
            "",
        )
        .await
    }

    pub async fn intents_created(&self, access_token: &str) -> u64 {
        let reply = self.get(&format!("/sandbox/stats/{access_token}")).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply.json()["payments_created"].as_u64().unwrap()
    }
}

/// Asserts the status a Belvo link reads with.
pub async fn assert_belvo_link(sandbox: &Sandbox, access_token: &str, status: &str) {
    let read = sandbox.belvo_link_status(access_token).await;
    assert_eq!(read, status, "link {access_token}");
}

/// Asserts the status a payment intent reads with.
pub async fn assert_intent(sandbox: &Sandbox, access_token: &str, id: &str, status: &str) {
    let read = sandbox.intent_status(access_token, id).await;
    assert_eq!(read, status, "intent {id}");
}

/// The method of a demo link: PSE's is `pse`, the others' `open_finance`.
pub fn method_of(access_token: &str) -> &'static str {
    if access_token == seed::PSE {
        "pse"
    } else {
        "open_finance"
    }
}

/// The page's payment intent body (docs/api.md) for `method` on
/// `access_token`'s link, paying from the first active demo institution of
/// its country and returning to the link's own page; `extra` is merged into
/// the method's details (`null` removes a field).
pub fn intent_body(access_token: &str, method: &str, extra: &[(&str, Value)]) -> String {
    let institution = match method {
        "pse" => BANCOLOMBIA_CO,
        _ => MOCK_BANK_BR,
    };
    let mut details =
        json!({ "payer_institution": institution, "callback_url": callback_for(access_token) });
    for (field, value) in extra {
        if value.is_null() {
            details.as_object_mut().unwrap().remove(*field);
        } else {
            details[*field] = value.clone();
        }
    }
    json!({
        "allowed_payment_method_types": [method],
        "payment_method_details": { method: details },
        "confirm": true,
    })
    .to_string()
}

/// The query or fragment parameters of `url` after `separator`, in order.
pub fn params_after(url: &str, separator: char) -> Vec<(String, String)> {
    url.split_once(separator)
        .map(|(_, rest)| rest.split('#').next().unwrap_or(""))
        .unwrap_or("")
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (name.to_owned(), value.to_owned())
        })
        .collect()
}
