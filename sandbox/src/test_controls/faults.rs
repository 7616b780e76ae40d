//! Fault switches: rules that make API answers slow, broken or lost, so a
//! payment page can be tried against a bad network.
//!
//! `POST /sandbox/faults` adds a rule, `GET` lists them, `DELETE` clears
//! them. Rules are tried in the order they were added against every request
//! under `/api/`; the first one that matches the request's method and path
//! prefix acts on it, and is used up after `times` matches (absent: never).
//!
//! A change to the rules must carry `X-Sandbox-Control: 1`, and a new rule
//! must be sent as `application/json`. Another web site can make the
//! browser send only "simple" cross-origin requests (a form, a `text/plain`
//! body, no custom header); anything else needs a CORS preflight, which the
//! sandbox never grants. So no page a developer visits can reconfigure
//! their running sandbox.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use http_body::{Frame, SizeHint};
use serde::Serialize;
use tokio::time::Sleep;

use crate::shared::body::JsonObject;
use crate::shared::errors::ApiError;
use crate::shared::json_reply::json_response;
use crate::state::AppState;

pub const CONTROL_PATH: &str = "/sandbox/faults";
/// The header, and its value, every change to the rules must carry.
pub const CONTROL_HEADER: &str = "x-sandbox-control";
pub const CONTROL_HEADER_VALUE: &str = "1";
/// Only requests under this prefix are ever faulted.
pub const FAULTED_PREFIX: &str = "/api/";
/// The body of a `malformed` answer: JSON cut off after the first key.
pub const MALFORMED_BODY: &str = "{\"uuid\": ";
pub const DEFAULT_CHUNK_BYTES: usize = 8;
/// Longest wait a rule may ask for (ten minutes): longer is a mistake.
pub const MAX_MS: u64 = 600_000;

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const FIELDS: &[&str] = &[
    "method",
    "path_prefix",
    "kind",
    "times",
    "ms",
    "status",
    "chunk_bytes",
];

pub fn routes() -> Router<AppState> {
    Router::new().route(
        CONTROL_PATH,
        get(list_rules).post(add_rule).delete(clear_rules),
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaultKind {
    /// Wait `ms`, then answer normally.
    Delay,
    /// Answer `status` with a short plain-text body; the request is not run.
    Status,
    /// Close the connection without answering; the request is not run.
    Drop,
    /// Answer 200 with JSON cut off mid-object; the request is not run.
    Malformed,
    /// Answer normally, `chunk_bytes` of the body at a time, `ms` apart.
    Trickle,
    /// Run the request, then close the connection instead of answering.
    LoseResponse,
}

impl FaultKind {
    fn parse(name: &str) -> Option<FaultKind> {
        Some(match name {
            "delay" => FaultKind::Delay,
            "status" => FaultKind::Status,
            "drop" => FaultKind::Drop,
            "malformed" => FaultKind::Malformed,
            "trickle" => FaultKind::Trickle,
            "lose_response" => FaultKind::LoseResponse,
            _ => return None,
        })
    }

    /// `delay` and `trickle` need `ms`; for the others it is an optional
    /// wait before the failure shows.
    fn needs_ms(self) -> bool {
        matches!(self, FaultKind::Delay | FaultKind::Trickle)
    }
}

/// A rule as listed by `GET /sandbox/faults`.
#[derive(Clone, Debug, Serialize)]
pub struct FaultRule {
    pub id: u64,
    /// `None` matches every method.
    pub method: Option<String>,
    pub path_prefix: String,
    pub kind: FaultKind,
    /// As asked; `None` is forever.
    pub times: Option<u32>,
    /// Matches left before the rule is used up; `None` is forever.
    pub remaining: Option<u32>,
    /// Requests the rule has acted on so far.
    pub hits: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ms: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chunk_bytes: Option<usize>,
}

impl FaultRule {
    /// Reads a rule from a `POST /sandbox/faults` body; `id` is set on adding.
    pub fn read(body: &JsonObject) -> Result<FaultRule, ApiError> {
        if let Some(unknown) = body.field_names().find(|name| !FIELDS.contains(name)) {
            return Err(ApiError::validation(
                unknown,
                format!(
                    "Unknown field `{unknown}`: a rule has {}",
                    FIELDS.join(", ")
                ),
            ));
        }

        let kind_name = body
            .optional_text("kind")?
            .ok_or_else(|| ApiError::validation("kind", kinds_message("`kind` is required")))?;
        let kind = FaultKind::parse(&kind_name)
            .ok_or_else(|| ApiError::validation("kind", kinds_message("Unknown `kind`")))?;

        let method = body
            .optional_text("method")?
            .map(|method| method.to_ascii_uppercase());
        if let Some(method) = &method {
            if !METHODS.contains(&method.as_str()) {
                return Err(ApiError::validation(
                    "method",
                    format!("`method` must be one of {} or null", METHODS.join(", ")),
                ));
            }
        }

        let path_prefix = body
            .optional_text("path_prefix")?
            .unwrap_or_else(|| FAULTED_PREFIX.to_owned());
        if !path_prefix.starts_with(FAULTED_PREFIX) {
            return Err(ApiError::validation(
                "path_prefix",
                format!("`path_prefix` must start with {FAULTED_PREFIX}: only the API is faulted"),
            ));
        }

        let times = body.optional::<u32>("times", "a whole number of at least 1, or null")?;
        if times == Some(0) {
            return Err(ApiError::validation(
                "times",
                "`times` must be at least 1, or null for forever",
            ));
        }

        let ms = body.optional::<u64>("ms", "a whole number of milliseconds")?;
        match ms {
            None if kind.needs_ms() => {
                return Err(ApiError::validation(
                    "ms",
                    format!("`ms` is required for kind {kind_name}"),
                ))
            }
            Some(ms) if ms > MAX_MS => {
                return Err(ApiError::validation(
                    "ms",
                    format!("`ms` must be at most {MAX_MS}"),
                ))
            }
            _ => {}
        }

        let status = body.optional::<u16>("status", "an HTTP status code")?;
        match (kind, status) {
            (FaultKind::Status, None) => {
                return Err(ApiError::validation(
                    "status",
                    "`status` is required for kind status",
                ))
            }
            (FaultKind::Status, Some(code)) if !(200..=599).contains(&code) => {
                return Err(ApiError::validation(
                    "status",
                    "`status` must be from 200 to 599",
                ))
            }
            (FaultKind::Status, Some(_)) | (_, None) => {}
            (_, Some(_)) => {
                return Err(ApiError::validation(
                    "status",
                    "`status` applies to kind status only",
                ))
            }
        }

        let chunk_bytes = body.optional::<usize>("chunk_bytes", "a whole number of bytes")?;
        let chunk_bytes = match (kind, chunk_bytes) {
            (FaultKind::Trickle, None) => Some(DEFAULT_CHUNK_BYTES),
            (FaultKind::Trickle, Some(0)) => {
                return Err(ApiError::validation(
                    "chunk_bytes",
                    "`chunk_bytes` must be at least 1",
                ))
            }
            (FaultKind::Trickle, Some(bytes)) => Some(bytes),
            (_, None) => None,
            (_, Some(_)) => {
                return Err(ApiError::validation(
                    "chunk_bytes",
                    "`chunk_bytes` applies to kind trickle only",
                ))
            }
        };

        Ok(FaultRule {
            id: 0,
            method,
            path_prefix,
            kind,
            times,
            remaining: times,
            hits: 0,
            ms,
            status,
            chunk_bytes,
        })
    }

    fn matches(&self, method: &str, path: &str) -> bool {
        self.method.as_deref().is_none_or(|wanted| wanted == method)
            && path.starts_with(&self.path_prefix)
    }

    fn wait(&self) -> Duration {
        Duration::from_millis(self.ms.unwrap_or(0))
    }
}

fn kinds_message(start: &str) -> String {
    format!("{start}: one of delay, status, drop, malformed, trickle, lose_response")
}

/// The rules in the order they were added.
#[derive(Debug, Default)]
pub struct FaultRules {
    rules: Vec<FaultRule>,
    last_id: u64,
}

impl FaultRules {
    pub fn add(&mut self, mut rule: FaultRule) -> FaultRule {
        self.last_id += 1;
        rule.id = self.last_id;
        self.rules.push(rule.clone());
        rule
    }

    pub fn list(&self) -> &[FaultRule] {
        &self.rules
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rule that acts on this request, counted as used; a rule whose
    /// last match this was is removed.
    pub fn take(&mut self, method: &str, path: &str) -> Option<FaultRule> {
        if !path.starts_with(FAULTED_PREFIX) {
            return None;
        }
        let index = self
            .rules
            .iter()
            .position(|rule| rule.matches(method, path))?;
        let rule = &mut self.rules[index];
        rule.hits += 1;
        if let Some(remaining) = &mut rule.remaining {
            *remaining -= 1;
        }
        let acting = rule.clone();
        if acting.remaining == Some(0) {
            self.rules.remove(index);
        }
        Some(acting)
    }
}

async fn list_rules(State(state): State<AppState>) -> Response {
    json_response(StatusCode::OK, &state.faults().list())
}

async fn add_rule(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refused) = control_refusal(&headers, true) {
        return refused;
    }
    match JsonObject::parse(&body).and_then(|body| FaultRule::read(&body)) {
        Ok(rule) => json_response(StatusCode::CREATED, &state.faults().add(rule)),
        Err(error) => error.into_response(),
    }
}

async fn clear_rules(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(refused) = control_refusal(&headers, false) {
        return refused;
    }
    state.faults().clear();
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Serialize)]
struct Refusal {
    error: &'static str,
    message: &'static str,
}

/// `403` without the control header, `415` for a body that is not JSON:
/// what a cross-origin simple request gets. `None` lets the change through.
pub fn control_refusal(headers: &HeaderMap, needs_json: bool) -> Option<Response> {
    let has_control = headers
        .get(CONTROL_HEADER)
        .is_some_and(|value| value == CONTROL_HEADER_VALUE);
    if !has_control {
        return Some(json_response(
            StatusCode::FORBIDDEN,
            &Refusal {
                error: "ControlHeaderRequired",
                message: "Changes to the sandbox's rules need the header `X-Sandbox-Control: 1`",
            },
        ));
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|media_type| media_type.trim().eq_ignore_ascii_case("application/json"));
    if needs_json && !is_json {
        return Some(json_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &Refusal {
                error: "UnsupportedMediaType",
                message: "A rule is sent as `Content-Type: application/json`",
            },
        ));
    }
    None
}

/// Applies the first matching rule to an API request. While any rule is
/// set, every answer also says `Connection: close`: a browser silently
/// resends a request whose reused keep-alive connection closes without an
/// answer, which would use up a `drop` or `lose_response` rule unseen.
pub async fn apply_faults(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let rule = state
        .faults()
        .take(request.method().as_str(), request.uri().path());
    let mut response = match rule {
        None => next.run(request).await,
        Some(rule) => faulted(rule, request, next).await,
    };
    if !state.faults().is_empty() {
        response
            .headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

async fn faulted(rule: FaultRule, request: Request, next: Next) -> Response {
    match rule.kind {
        FaultKind::Delay => {
            tokio::time::sleep(rule.wait()).await;
            next.run(request).await
        }
        FaultKind::Status => {
            tokio::time::sleep(rule.wait()).await;
            let status = rule
                .status
                .and_then(|code| StatusCode::from_u16(code).ok())
                .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
            (status, status_text(status)).into_response()
        }
        FaultKind::Drop => {
            tokio::time::sleep(rule.wait()).await;
            dropped_connection()
        }
        FaultKind::Malformed => {
            tokio::time::sleep(rule.wait()).await;
            (
                StatusCode::OK,
                [(
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("application/json"),
                )],
                MALFORMED_BODY,
            )
                .into_response()
        }
        FaultKind::Trickle => {
            let (parts, body) = next.run(request).await.into_parts();
            let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
                return dropped_connection();
            };
            let body = TrickleBody {
                rest: bytes,
                chunk_bytes: rule.chunk_bytes.unwrap_or(DEFAULT_CHUNK_BYTES).max(1),
                interval: rule.wait(),
                pause: None,
            };
            Response::from_parts(parts, Body::new(body))
        }
        FaultKind::LoseResponse => {
            // The request has had its full effect once its answer exists.
            drop(next.run(request).await);
            tokio::time::sleep(rule.wait()).await;
            dropped_connection()
        }
    }
}

/// What a gateway in front of the provider might say, as plain text.
pub fn status_text(status: StatusCode) -> String {
    let text = match status.as_u16() {
        502 => "bad gateway",
        503 => "upstream unavailable",
        504 => "gateway timeout",
        _ => status.canonical_reason().unwrap_or("error"),
    };
    format!("{text}\n").to_lowercase()
}

/// A response whose body fails before its first byte: the server drops the
/// connection without writing anything, not even the status line.
pub fn dropped_connection() -> Response {
    (StatusCode::BAD_GATEWAY, Body::new(FailingBody)).into_response()
}

struct FailingBody;

impl http_body::Body for FailingBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        Poll::Ready(Some(Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "connection dropped by a sandbox fault rule",
        ))))
    }
}

/// A body sent `chunk_bytes` at a time with `interval` between pieces; its
/// length is known up front, so `Content-Length` is still sent.
struct TrickleBody {
    rest: Bytes,
    chunk_bytes: usize,
    interval: Duration,
    pause: Option<Pin<Box<Sleep>>>,
}

impl http_body::Body for TrickleBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = &mut *self;
        if let Some(pause) = this.pause.as_mut() {
            ready!(pause.as_mut().poll(cx));
            this.pause = None;
        }
        if this.rest.is_empty() {
            return Poll::Ready(None);
        }
        let piece = this.rest.split_to(this.chunk_bytes.min(this.rest.len()));
        if !this.rest.is_empty() {
            this.pause = Some(Box::pin(tokio::time::sleep(this.interval)));
        }
        Poll::Ready(Some(Ok(Frame::data(piece))))
    }

    fn is_end_stream(&self) -> bool {
        self.rest.is_empty()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.rest.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: &str) -> Result<FaultRule, ApiError> {
        FaultRule::read(&JsonObject::parse(json.as_bytes()).unwrap())
    }

    fn field_of(json: &str) -> String {
        rule(json).unwrap_err().field.unwrap()
    }

    #[test]
    fn reads_a_complete_rule() {
        let read = rule(
            r#"{"method": "post", "path_prefix": "/api/payment_link/", "kind": "trickle",
                "times": 2, "ms": 30, "chunk_bytes": 16}"#,
        )
        .unwrap();
        assert_eq!(read.method.as_deref(), Some("POST"));
        assert_eq!(read.path_prefix, "/api/payment_link/");
        assert_eq!(read.kind, FaultKind::Trickle);
        assert_eq!((read.times, read.remaining), (Some(2), Some(2)));
        assert_eq!((read.ms, read.chunk_bytes), (Some(30), Some(16)));
    }

    #[test]
    fn fills_in_the_defaults() {
        let read = rule(r#"{"kind": "drop", "method": null, "times": null}"#).unwrap();
        assert_eq!(read.method, None);
        assert_eq!(read.path_prefix, "/api/");
        assert_eq!(read.times, None);
        assert_eq!(read.ms, None);
        assert_eq!(
            rule(r#"{"kind": "trickle", "ms": 5}"#).unwrap().chunk_bytes,
            Some(DEFAULT_CHUNK_BYTES)
        );
    }

    #[test]
    fn names_what_is_wrong() {
        assert_eq!(field_of(r#"{}"#), "kind");
        assert_eq!(field_of(r#"{"kind": "explode"}"#), "kind");
        assert_eq!(field_of(r#"{"kind": "drop", "time": 1}"#), "time");
        assert_eq!(field_of(r#"{"kind": "drop", "method": "FETCH"}"#), "method");
        assert_eq!(
            field_of(r#"{"kind": "drop", "path_prefix": "/pay/"}"#),
            "path_prefix"
        );
        assert_eq!(field_of(r#"{"kind": "drop", "times": 0}"#), "times");
        assert_eq!(field_of(r#"{"kind": "drop", "times": -1}"#), "times");
        assert_eq!(field_of(r#"{"kind": "delay"}"#), "ms");
        assert_eq!(field_of(r#"{"kind": "delay", "ms": 600001}"#), "ms");
        assert_eq!(field_of(r#"{"kind": "status"}"#), "status");
        assert_eq!(field_of(r#"{"kind": "status", "status": 99}"#), "status");
        assert_eq!(field_of(r#"{"kind": "drop", "status": 503}"#), "status");
        assert_eq!(
            field_of(r#"{"kind": "trickle", "ms": 1, "chunk_bytes": 0}"#),
            "chunk_bytes"
        );
        assert_eq!(
            field_of(r#"{"kind": "delay", "ms": 1, "chunk_bytes": 4}"#),
            "chunk_bytes"
        );
    }

    #[test]
    fn the_first_matching_rule_acts_and_is_used_up() {
        let mut rules = FaultRules::default();
        let first = rules.add(rule(r#"{"kind": "drop", "method": "POST", "times": 1}"#).unwrap());
        let second = rules.add(rule(r#"{"kind": "status", "status": 503, "times": 2}"#).unwrap());
        assert_eq!((first.id, second.id), (1, 2));

        assert_eq!(rules.take("GET", "/api/pse/banks/").unwrap().id, 2);
        assert_eq!(rules.take("POST", "/api/payment_link/").unwrap().id, 1);
        assert_eq!(rules.take("POST", "/api/payment_link/").unwrap().id, 2);
        assert!(rules.take("POST", "/api/payment_link/").is_none());
        assert!(rules.is_empty());
    }

    #[test]
    fn only_the_api_is_faulted_and_forever_rules_stay() {
        let mut rules = FaultRules::default();
        rules.add(rule(r#"{"kind": "malformed"}"#).unwrap());
        assert!(rules.take("GET", "/sandbox/stats/x").is_none());
        assert!(rules.take("GET", "/pay/x").is_none());
        for _ in 0..3 {
            assert!(rules.take("GET", "/api/pse/banks/").is_some());
        }
        assert_eq!(rules.list()[0].hits, 3);
        assert_eq!(rules.list()[0].remaining, None);
    }

    #[test]
    fn status_bodies_are_short_plain_text() {
        assert_eq!(
            status_text(StatusCode::SERVICE_UNAVAILABLE),
            "upstream unavailable\n"
        );
        assert_eq!(
            status_text(StatusCode::TOO_MANY_REQUESTS),
            "too many requests\n"
        );
    }
}
