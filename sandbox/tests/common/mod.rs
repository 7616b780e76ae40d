//! Drives a sandbox router in-process, request by request.

// Each test file uses its own subset of these helpers.
#![allow(dead_code)]

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use paylink_sandbox::test_controls::clock::{Clock, Timestamp};
use paylink_sandbox::{app, Config};
use serde_json::value::RawValue;
use serde_json::Value;
use tower::ServiceExt;
use uuid::Uuid;

pub const BEARER: &str = "test-bearer";
pub const API_KEY: &str = "test-key";
pub const ORIGIN: &str = "http://127.0.0.1:4321";

pub struct Sandbox {
    router: Router,
    pub clock: Clock,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    /// For structure and strings; amounts are checked with `raw`, since a
    /// `Value` reads numbers as floating point.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.text()))
    }

    /// A top-level field exactly as written on the wire, e.g. `51190.00`.
    pub fn raw(&self, field: &str) -> String {
        self.raw_at(&[field])
    }

    /// A field of a nested object exactly as written on the wire.
    pub fn raw_at(&self, path: &[&str]) -> String {
        let mut text = self.text();
        for name in path {
            let fields: HashMap<String, Box<RawValue>> = serde_json::from_str(&text)
                .unwrap_or_else(|_| panic!("no object at {name}: {text}"));
            let field = fields.get(*name);
            let field = field.unwrap_or_else(|| panic!("no field {name} in {text}"));
            text = field.get().to_owned();
        }
        text
    }

    /// A top-level string field.
    pub fn string(&self, field: &str) -> String {
        let value = &self.json()[field];
        let text = value.as_str();
        text.unwrap_or_else(|| panic!("no string {field} in {}", self.text()))
            .to_owned()
    }

    pub fn error(&self) -> (StatusCode, String, Option<String>) {
        let body = self.json();
        (
            self.status,
            body["error"]
                .as_str()
                .unwrap_or_else(|| panic!("not an error: {}", self.text()))
                .to_owned(),
            body["field"].as_str().map(str::to_owned),
        )
    }

    pub fn is_html(&self) -> bool {
        self.header("content-type")
            .is_some_and(|content_type| content_type.starts_with("text/html"))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// Settings for tests: fixed credentials and origin, and no page built.
pub fn test_config() -> Config {
    Config {
        public_origin: ORIGIN.into(),
        dist_dir: PathBuf::from("/nonexistent/paylink-dist"),
        bearer_token: BEARER.into(),
        api_key: API_KEY.into(),
        ..Config::default()
    }
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox::with(test_config())
    }

    pub fn with(config: Config) -> Sandbox {
        let clock = config.clock.clone();
        Sandbox {
            router: app(config),
            clock,
        }
    }

    pub fn advance(&self, seconds: u64) {
        self.clock.advance(Duration::from_secs(seconds));
    }

    /// The answer with its body unread, for bodies meant to fail.
    pub async fn respond(&self, request: Request<Body>) -> Response {
        self.router
            .clone()
            .oneshot(request)
            .await
            .expect("the router never fails")
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.respond(request).await;
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("a readable body");
        Reply {
            status,
            headers,
            body: body.to_vec(),
        }
    }

    pub async fn request(
        &self,
        method: Method,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Reply {
        let mut request = Request::builder().method(method).uri(path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if !body.is_empty() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        self.send(request.body(Body::from(body.to_owned())).unwrap())
            .await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.request(Method::GET, path, &[], "").await
    }

    pub async fn merchant_get(&self, path: &str) -> Reply {
        self.request(Method::GET, path, &merchant_headers(), "")
            .await
    }

    pub async fn create_link(&self, body: &str) -> Reply {
        self.request(
            Method::POST,
            "/api/payment_link/",
            &merchant_headers(),
            body,
        )
        .await
    }

    /// A link created from `body`: its uuid.
    pub async fn new_link(&self, body: &str) -> Uuid {
        let reply = self.create_link(body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
        Uuid::parse_str(&reply.string("uuid")).unwrap()
    }

    pub async fn link(&self, uuid: Uuid) -> Reply {
        self.get(&format!("/api/payment_link/{uuid}/")).await
    }

    pub async fn link_status(&self, uuid: Uuid) -> String {
        self.link(uuid).await.string("status")
    }

    pub async fn pay(&self, uuid: Uuid, idempotency_key: &str, body: &str) -> Reply {
        self.request(
            Method::POST,
            &format!("/api/payment_link/{uuid}/pay/"),
            &[("Idempotency-Key", idempotency_key)],
            body,
        )
        .await
    }

    /// A payment started on `uuid` with `method`: its money movement id.
    pub async fn started_payment(&self, uuid: Uuid, key: &str, method: &str) -> String {
        let reply = self.pay(uuid, key, &pay_body(method, &[])).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply.string("money_movement_id")
    }

    pub async fn payment(&self, uuid: Uuid, money_movement_id: &str) -> Reply {
        self.get(&format!(
            "/api/payment_link/{uuid}/payments/{money_movement_id}/"
        ))
        .await
    }

    pub async fn payment_status(&self, uuid: Uuid, money_movement_id: &str) -> String {
        let reply = self.payment(uuid, money_movement_id).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        reply.string("status")
    }

    pub async fn payments_created(&self, uuid: Uuid) -> u64 {
        self.get(&format!("/sandbox/stats/{uuid}")).await.json()["payments_created"]
            .as_u64()
            .unwrap()
    }

    pub async fn bank_action(&self, money_movement_id: &str, action: &str) -> Reply {
        self.request(
            Method::POST,
            &format!("/sandbox/bank/{money_movement_id}/{action}"),
            &[],
            "",
        )
        .await
    }
}

/// Asserts the status a Colurs link reads with.
pub async fn assert_link(sandbox: &Sandbox, uuid: Uuid, status: &str) {
    assert_eq!(sandbox.link_status(uuid).await, status, "link {uuid}");
}

/// Asserts the status a payment reads with.
pub async fn assert_payment(sandbox: &Sandbox, uuid: Uuid, money_movement_id: &str, status: &str) {
    let read = sandbox.payment_status(uuid, money_movement_id).await;
    assert_eq!(read, status, "payment {money_movement_id}");
}

/// What `Reply::error` reads from an error answer without a field.
pub fn error(status: StatusCode, code: &str) -> (StatusCode, String, Option<String>) {
    (status, code.to_owned(), None)
}

/// What `Reply::error` reads from a 400 naming `field`.
pub fn validation(field: &str) -> (StatusCode, String, Option<String>) {
    let (status, code, _) = error(StatusCode::BAD_REQUEST, "ValidationError");
    (status, code, Some(field.to_owned()))
}

pub fn merchant_headers() -> Vec<(&'static str, &'static str)> {
    vec![
        ("Authorization", "Bearer test-bearer"),
        ("x-api-key", API_KEY),
    ]
}

/// A wire date-time, read as RFC 3339.
pub fn timestamp(value: &Value) -> Timestamp {
    Timestamp::parse_rfc3339(value.as_str().expect("a date-time string"))
        .unwrap_or_else(|| panic!("not RFC 3339: {value}"))
}

/// The field names of a JSON object.
pub fn keys(value: &Value) -> BTreeSet<&str> {
    let fields = value.as_object().expect("a JSON object");
    fields.keys().map(String::as_str).collect()
}

/// The JSON object `json` with the fields of `changes` set (`null` removes
/// one).
pub fn with_changes(json: &str, changes: Value) -> String {
    let mut body: Value = serde_json::from_str(json).unwrap();
    let fields = body.as_object_mut().expect("an object");
    for (name, value) in changes.as_object().expect("an object of changes") {
        match value {
            Value::Null => fields.remove(name),
            value => fields.insert(name.clone(), value.clone()),
        };
    }
    body.to_string()
}

/// A complete pay body for `method`, with a few fields overridden or
/// removed (`null` removes).
pub fn pay_body(method: &str, overrides: &[(&str, Value)]) -> String {
    let mut body = serde_json::json!({
        "payment_method": method,
        "payer_email": "payer@example.com",
        "payer_phone": "+573001234567",
        "payer_type_document": "CC",
        "payer_document": "1234567890",
    });
    if method == "PSE" {
        body["bank_id"] = 1007.into();
        body["payer_person_type"] = "N".into();
    }
    if method == "NEQUI" {
        body["payer_phone"] = "3001234567".into();
    }
    for (field, value) in overrides {
        if value.is_null() {
            body.as_object_mut().unwrap().remove(*field);
        } else {
            body[*field] = value.clone();
        }
    }
    body.to_string()
}

/// `pay_body(method, &[])` with `"amount"` written as exactly `amount_text`.
pub fn pay_body_with_amount(method: &str, amount_text: &str) -> String {
    let body = pay_body(method, &[]);
    format!("{{\"amount\":{amount_text},{}", &body[1..])
}

/// A simulated bank or consent page loads nothing but its own style, posts
/// only to the sandbox, and no other site can frame it (to trick the payer
/// into pressing Approve).
pub fn assert_locked_down(page: &Reply, what: &str) {
    let html = page.text();
    let style = html
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map(|(style, _)| style)
        .unwrap_or_else(|| panic!("{what}: no <style> in {html}"));
    assert_eq!(
        page.header("content-security-policy"),
        Some(
            format!(
                "default-src 'none'; style-src {}; form-action 'self'; base-uri 'none'; \
                 frame-ancestors 'none'",
                paylink_sandbox::serving::page_policy::script_hash_source(style)
            )
            .as_str()
        ),
        "{what}"
    );
    assert_eq!(page.header("x-frame-options"), Some("DENY"), "{what}");
    assert!(!html.contains("<script"), "{what}: inline script in {html}");
}
