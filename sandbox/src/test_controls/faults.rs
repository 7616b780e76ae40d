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

use std::io;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream;
use serde::Serialize;

use crate::shared::body::JsonObject;
use crate::shared::errors::{refuse, ApiError};
use crate::shared::json_reply::{json_bytes_response, json_response};
use crate::shared::vocabulary::wire_vocabulary;
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

wire_vocabulary!(
    /// What a rule does to the request it acts on: `delay` waits `ms`, then
    /// answers normally; `status` answers `status` with a short plain-text
    /// body, `drop` closes the connection without answering and `malformed`
    /// answers 200 with JSON cut off mid-object, none running the request;
    /// `trickle` answers normally, `chunk_bytes` of the body at a time, `ms`
    /// apart; `lose_response` runs the request, then closes the connection
    /// instead of answering.
    FaultKind {
        Delay => "delay",
        Status => "status",
        Drop => "drop",
        Malformed => "malformed",
        Trickle => "trickle",
        LoseResponse => "lose_response",
    }
);

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
            let fields = FIELDS.join(", ");
            return refuse(
                unknown,
                format!("Unknown field `{unknown}`: a rule has {fields}"),
            );
        }
        let kinds: Vec<&str> = FaultKind::ALL.iter().map(|kind| kind.as_str()).collect();
        let kinds = format!("`kind` must be one of {}", kinds.join(", "));
        let kind = body.required_parsed("kind", FaultKind::parse, &kinds)?;

        let method = body
            .optional_text("method")?
            .map(|method| method.to_ascii_uppercase());
        if method
            .as_ref()
            .is_some_and(|method| !METHODS.contains(&method.as_str()))
        {
            let methods = METHODS.join(", ");
            return refuse(
                "method",
                format!("`method` must be one of {methods} or null"),
            );
        }

        let path_prefix = body
            .optional_text("path_prefix")?
            .unwrap_or_else(|| FAULTED_PREFIX.to_owned());
        if !path_prefix.starts_with(FAULTED_PREFIX) {
            let message =
                format!("`path_prefix` must start with {FAULTED_PREFIX}: only the API is faulted");
            return refuse("path_prefix", message);
        }

        let times = body.optional::<u32>("times", "a whole number of at least 1, or null")?;
        if times == Some(0) {
            return refuse("times", "`times` must be at least 1, or null for forever");
        }

        // `delay` and `trickle` need `ms`; for the others it is an optional
        // wait before the failure shows.
        let ms = body.optional::<u64>("ms", "a whole number of milliseconds")?;
        match ms {
            None if matches!(kind, FaultKind::Delay | FaultKind::Trickle) => {
                return refuse("ms", format!("`ms` is required for kind {}", kind.as_str()))
            }
            Some(ms) if ms > MAX_MS => {
                return refuse("ms", format!("`ms` must be at most {MAX_MS}"))
            }
            _ => {}
        }

        let status = body.optional::<u16>("status", "an HTTP status code")?;
        match (kind, status) {
            (FaultKind::Status, None) => {
                return refuse("status", "`status` is required for kind status")
            }
            (FaultKind::Status, Some(code)) if !(200..=599).contains(&code) => {
                return refuse("status", "`status` must be from 200 to 599")
            }
            (FaultKind::Status, Some(_)) | (_, None) => {}
            (_, Some(_)) => return refuse("status", "`status` applies to kind status only"),
        }

        let chunk_bytes = body.optional::<usize>("chunk_bytes", "a whole number of bytes")?;
        let chunk_bytes = match (kind, chunk_bytes) {
            (FaultKind::Trickle, Some(0)) => {
                return refuse("chunk_bytes", "`chunk_bytes` must be at least 1")
            }
            (FaultKind::Trickle, bytes) => Some(bytes.unwrap_or(DEFAULT_CHUNK_BYTES)),
            (_, None) => None,
            (_, Some(_)) => {
                return refuse("chunk_bytes", "`chunk_bytes` applies to kind trickle only")
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
    let wait = rule.wait();
    match rule.kind {
        FaultKind::Trickle => {
            let (parts, body) = next.run(request).await.into_parts();
            let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
                return dropped_connection();
            };
            let chunk_bytes = rule.chunk_bytes.unwrap_or(DEFAULT_CHUNK_BYTES).max(1);
            trickled(parts, bytes, chunk_bytes, wait)
        }
        FaultKind::LoseResponse => {
            // The request has had its full effect once its answer exists.
            drop(next.run(request).await);
            tokio::time::sleep(wait).await;
            dropped_connection()
        }
        kind => {
            tokio::time::sleep(wait).await;
            match kind {
                FaultKind::Delay => next.run(request).await,
                FaultKind::Status => {
                    let status = rule
                        .status
                        .and_then(|code| StatusCode::from_u16(code).ok())
                        .unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
                    (status, status_text(status)).into_response()
                }
                FaultKind::Malformed => json_bytes_response(StatusCode::OK, MALFORMED_BODY.into()),
                _ => dropped_connection(),
            }
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
    let failure = io::Error::new(
        io::ErrorKind::ConnectionAborted,
        "connection dropped by a sandbox fault rule",
    );
    let body = stream::once(async { Err::<Bytes, _>(failure) });
    (StatusCode::BAD_GATEWAY, Body::from_stream(body)).into_response()
}

/// `bytes` sent `chunk_bytes` at a time with `interval` between pieces,
/// under a `Content-Length` for them all.
fn trickled(
    mut parts: axum::http::response::Parts,
    bytes: Bytes,
    chunk_bytes: usize,
    interval: Duration,
) -> Response {
    parts
        .headers
        .insert(header::CONTENT_LENGTH, bytes.len().into());
    let pieces = stream::unfold((bytes, true), move |(mut rest, first)| async move {
        if rest.is_empty() {
            return None;
        }
        if !first {
            tokio::time::sleep(interval).await;
        }
        let piece = rest.split_to(chunk_bytes.min(rest.len()));
        Some((Ok::<_, io::Error>(piece), (rest, false)))
    });
    Response::from_parts(parts, Body::from_stream(pieces))
}
