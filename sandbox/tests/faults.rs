//! Fault switches: the control API, and what each kind of fault does to an
//! API answer. Faults that show only on the wire (a dropped connection, a
//! trickled body) are checked against a real server over raw TCP.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{HeaderMap, HeaderName, Method, Request, StatusCode};
use common::{assert_link, pay_body, test_config, validation, Reply, Sandbox};
use paylink_sandbox::{app, colurs::seed};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

const FAULTS: &str = "/sandbox/faults";
/// What every change to the rules carries (the body's JSON type is added by
/// `Sandbox::request`).
const CONTROL: (&str, &str) = ("X-Sandbox-Control", "1");

async fn add_fault(sandbox: &Sandbox, rule: Value) -> Reply {
    sandbox
        .request(Method::POST, FAULTS, &[CONTROL], &rule.to_string())
        .await
}

async fn must_add_fault(sandbox: &Sandbox, rule: Value) -> Value {
    let reply = add_fault(sandbox, rule).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()
}

fn pay_path() -> String {
    format!("/api/payment_link/{}/pay/", seed::PENDING)
}

// ---------------------------------------------------------------------------
// The control API

#[tokio::test]
async fn rules_are_added_listed_and_cleared() {
    let sandbox = Sandbox::new();
    assert_eq!(sandbox.get(FAULTS).await.json(), json!([]));

    let first = must_add_fault(
        &sandbox,
        json!({"method": "post", "path_prefix": "/api/payment_link/", "kind": "drop", "times": 1}),
    )
    .await;
    assert_eq!(
        first,
        json!({"id": 1, "method": "POST", "path_prefix": "/api/payment_link/", "kind": "drop",
               "times": 1, "remaining": 1, "hits": 0})
    );
    let second = must_add_fault(&sandbox, json!({"kind": "trickle", "ms": 20})).await;
    assert_eq!(
        second,
        json!({"id": 2, "method": null, "path_prefix": "/api/", "kind": "trickle",
               "times": null, "remaining": null, "hits": 0, "ms": 20, "chunk_bytes": 8})
    );

    let listed = sandbox.get(FAULTS).await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.header("content-type"), Some("application/json"));
    assert_eq!(listed.json(), json!([first, second]));

    let cleared = sandbox
        .request(Method::DELETE, FAULTS, &[CONTROL], "")
        .await;
    assert_eq!(cleared.status, StatusCode::NO_CONTENT);
    assert_eq!(sandbox.get(FAULTS).await.json(), json!([]));
    assert_eq!(sandbox.link(seed::PENDING).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_rule_is_refused_by_field() {
    let sandbox = Sandbox::new();
    for (rule, field) in [
        (json!({}), "kind"),
        (json!({"kind": "teapot"}), "kind"),
        (json!({"kind": "drop", "times": 0}), "times"),
        (json!({"kind": "drop", "times": -1}), "times"),
        (
            json!({"kind": "drop", "path_prefix": "/sandbox/"}),
            "path_prefix",
        ),
        (json!({"kind": "drop", "method": "BREW"}), "method"),
        (json!({"kind": "delay"}), "ms"),
        (json!({"kind": "delay", "ms": 600_001}), "ms"),
        (json!({"kind": "status"}), "status"),
        (json!({"kind": "status", "status": 99}), "status"),
        (json!({"kind": "drop", "status": 503}), "status"),
        (
            json!({"kind": "trickle", "ms": 1, "chunk_bytes": 0}),
            "chunk_bytes",
        ),
        (
            json!({"kind": "delay", "ms": 1, "chunk_bytes": 4}),
            "chunk_bytes",
        ),
        (json!({"kind": "drop", "count": 1}), "count"),
    ] {
        let reply = add_fault(&sandbox, rule.clone()).await;
        assert_eq!(reply.error(), validation(field), "{rule}");
    }
    let not_json = sandbox
        .request(Method::POST, FAULTS, &[CONTROL], "drop")
        .await;
    assert_eq!(not_json.status, StatusCode::BAD_REQUEST);
    assert_eq!(sandbox.get(FAULTS).await.json(), json!([]));
}

/// What another web site can make a developer's browser send without a
/// CORS preflight: a form or `text/plain` body, and no custom header.
#[tokio::test]
async fn a_cross_origin_simple_request_cannot_change_the_rules() {
    let sandbox = Sandbox::new();
    let rule = json!({"kind": "status", "status": 503}).to_string();
    let post = |content_type: &'static str, headers: Vec<(&'static str, &'static str)>| {
        let mut request = Request::post(FAULTS).header("Content-Type", content_type);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        request.body(Body::from(rule.clone())).unwrap()
    };
    let origin = ("Origin", "https://elsewhere.example");

    for (content_type, headers, refused) in [
        ("text/plain", vec![origin], StatusCode::FORBIDDEN),
        (
            "application/x-www-form-urlencoded",
            vec![origin],
            StatusCode::FORBIDDEN,
        ),
        ("application/json", vec![origin], StatusCode::FORBIDDEN),
        (
            "text/plain;charset=UTF-8",
            vec![CONTROL],
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ),
        (
            "application/json",
            vec![("X-Sandbox-Control", "yes")],
            StatusCode::FORBIDDEN,
        ),
    ] {
        let reply = sandbox.send(post(content_type, headers.clone())).await;
        assert_eq!(reply.status, refused, "{content_type} {headers:?}");
        assert!(reply.json()["message"].is_string(), "{}", reply.text());
    }
    assert_eq!(sandbox.get(FAULTS).await.json(), json!([]));
    assert_eq!(sandbox.link(seed::PENDING).await.status, StatusCode::OK);

    let added = sandbox
        .send(post("application/json; charset=utf-8", vec![CONTROL]))
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.text());
    assert_eq!(
        sandbox.link(seed::PENDING).await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );

    // Clearing needs the header too, so the rule stays until it comes.
    let refused = sandbox.request(Method::DELETE, FAULTS, &[], "").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        sandbox.get(FAULTS).await.json().as_array().unwrap().len(),
        1
    );
    let cleared = sandbox
        .request(Method::DELETE, FAULTS, &[CONTROL], "")
        .await;
    assert_eq!(cleared.status, StatusCode::NO_CONTENT);
    assert_eq!(sandbox.link(seed::PENDING).await.status, StatusCode::OK);
}

#[tokio::test]
async fn rules_act_in_order_on_matching_api_requests_until_used_up() {
    let sandbox = Sandbox::new();
    must_add_fault(
        &sandbox,
        json!({"method": "POST", "path_prefix": "/api/payment_link/", "kind": "status", "status": 502, "times": 1}),
    )
    .await;
    must_add_fault(
        &sandbox,
        json!({"path_prefix": "/api/pse/", "kind": "status", "status": 504, "times": 2}),
    )
    .await;

    // Neither rule matches a GET of a link, the sandbox's own pages or the page.
    assert_eq!(sandbox.link(seed::PENDING).await.status, StatusCode::OK);
    let stats = format!("/sandbox/stats/{}", seed::PENDING);
    assert_eq!(sandbox.get(&stats).await.status, StatusCode::OK);
    assert_eq!(
        sandbox.get("/").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );

    let banks = sandbox.get("/api/pse/banks/").await;
    assert_eq!(banks.status, StatusCode::GATEWAY_TIMEOUT);
    assert_eq!(banks.text(), "gateway timeout\n");
    let listed = sandbox.get(FAULTS).await.json();
    assert_eq!(listed.as_array().unwrap().len(), 2);
    assert_eq!(listed[1]["remaining"], 1);
    assert_eq!(listed[1]["hits"], 1);

    let pay = sandbox.pay(seed::PENDING, "k", &pay_body("PSE", &[])).await;
    assert_eq!(pay.status, StatusCode::BAD_GATEWAY);
    assert_eq!(
        sandbox.get("/api/pse/banks/").await.status,
        StatusCode::GATEWAY_TIMEOUT
    );
    assert_eq!(sandbox.get(FAULTS).await.json(), json!([]));
    assert_eq!(sandbox.get("/api/pse/banks/").await.status, StatusCode::OK);
    assert_eq!(
        sandbox
            .pay(seed::PENDING, "k", &pay_body("PSE", &[]))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_rule_without_times_stays() {
    let sandbox = Sandbox::new();
    must_add_fault(
        &sandbox,
        json!({"kind": "status", "status": 500, "times": null}),
    )
    .await;
    for _ in 0..3 {
        let reply = sandbox.link(seed::PENDING).await;
        assert_eq!(reply.status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(reply.text(), "internal server error\n");
    }
    let listed = sandbox.get(FAULTS).await.json();
    assert_eq!(listed[0]["hits"], 3);
    assert_eq!(listed[0]["remaining"], Value::Null);
}

// ---------------------------------------------------------------------------
// Each kind, in-process

#[tokio::test]
async fn status_answers_plain_text_without_running_the_request() {
    let sandbox = Sandbox::new();
    must_add_fault(
        &sandbox,
        json!({"method": "POST", "kind": "status", "status": 503, "times": 1}),
    )
    .await;
    let reply = sandbox.pay(seed::PENDING, "k", &pay_body("PSE", &[])).await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(reply.text(), "upstream unavailable\n");
    assert!(serde_json::from_slice::<Value>(&reply.body).is_err());
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("text/plain"));
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 0);
    assert_link(&sandbox, seed::PENDING, "PENDING").await;
}

#[tokio::test]
async fn delay_waits_then_answers_normally() {
    let sandbox = Sandbox::new();
    must_add_fault(&sandbox, json!({"kind": "delay", "ms": 150, "times": 1})).await;
    let started = Instant::now();
    let delayed = sandbox.link(seed::PENDING).await;
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(delayed.status, StatusCode::OK);
    assert_eq!(delayed.json()["uuid"], seed::PENDING.to_string());

    let started = Instant::now();
    sandbox.link(seed::PENDING).await;
    assert!(started.elapsed() < Duration::from_millis(150));
}

#[tokio::test]
async fn malformed_answers_cut_off_json_without_running_the_request() {
    let sandbox = Sandbox::new();
    must_add_fault(&sandbox, json!({"kind": "malformed", "times": 2})).await;
    let link = sandbox.link(seed::PENDING).await;
    assert_eq!(link.status, StatusCode::OK);
    assert_eq!(link.header("content-type"), Some("application/json"));
    assert_eq!(link.text(), "{\"uuid\": ");
    assert!(serde_json::from_slice::<Value>(&link.body).is_err());

    let pay = sandbox.pay(seed::PENDING, "k", &pay_body("PSE", &[])).await;
    assert_eq!(pay.text(), "{\"uuid\": ");
    assert_eq!(sandbox.payments_created(seed::PENDING).await, 0);
}

// ---------------------------------------------------------------------------
// On the wire

/// A sandbox listening on a free loopback port, stopped when dropped.
struct Server {
    address: SocketAddr,
    task: JoinHandle<()>,
}

impl Server {
    async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let task = tokio::spawn(async move {
            axum::serve(listener, app(test_config())).await.unwrap();
        });
        Server { address, task }
    }

    /// Sends `method path` with `Connection: close` and reads until the
    /// server closes the connection.
    async fn exchange(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Wire {
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n",
            self.address
        );
        for (name, value) in headers {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
        if !body.is_empty() {
            request.push_str("Content-Type: application/json\r\n");
        }
        request.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        let mut stream = TcpStream::connect(self.address).await.unwrap();
        stream.write_all(request.as_bytes()).await.unwrap();
        read_until_closed(&mut stream).await
    }

    async fn add_fault(&self, rule: Value) {
        let wire = self
            .exchange("POST", FAULTS, &[CONTROL], &rule.to_string())
            .await;
        assert_eq!(
            wire.response().status,
            StatusCode::CREATED,
            "{}",
            wire.text()
        );
    }

    async fn pay(&self, idempotency_key: &str, body: &str) -> Wire {
        self.exchange(
            "POST",
            &pay_path(),
            &[("Idempotency-Key", idempotency_key)],
            body,
        )
        .await
    }

    async fn payments_created(&self) -> u64 {
        let wire = self
            .exchange("GET", &format!("/sandbox/stats/{}", seed::PENDING), &[], "")
            .await;
        wire.response().json()["payments_created"].as_u64().unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Everything the server sent, and when each piece arrived.
struct Wire {
    bytes: Vec<u8>,
    arrivals: Vec<(Instant, usize)>,
}

impl Wire {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// The one complete HTTP/1.1 response received, if any: a status line,
    /// headers, and as many body bytes as `Content-Length` says.
    fn complete_response(&self) -> Option<Reply> {
        let head_end = self.bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = std::str::from_utf8(&self.bytes[..head_end]).ok()?;
        let mut lines = head.split("\r\n");
        let status = lines.next()?.strip_prefix("HTTP/1.1 ")?.get(..3)?;
        let mut headers = HeaderMap::new();
        for (name, value) in lines.filter_map(|line| line.split_once(':')) {
            let name = HeaderName::try_from(name.trim()).ok()?;
            headers.append(name, value.trim().parse().ok()?);
        }
        let length: usize = headers.get("content-length")?.to_str().ok()?.parse().ok()?;
        let body = self.bytes[head_end + 4..].to_vec();
        (body.len() == length).then_some(Reply {
            status: status.parse().ok()?,
            headers,
            body,
        })
    }

    fn response(&self) -> Reply {
        self.complete_response()
            .unwrap_or_else(|| panic!("no complete response in {:?}", self.text()))
    }
}

async fn read_until_closed(stream: &mut TcpStream) -> Wire {
    let mut wire = Wire {
        bytes: Vec::new(),
        arrivals: Vec::new(),
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buffer = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Err(_) => panic!("the server kept the connection open: {:?}", wire.text()),
            // Closed, or reset rather than closed.
            Ok(Ok(0) | Err(_)) => return wire,
            Ok(Ok(read)) => {
                wire.bytes.extend_from_slice(&buffer[..read]);
                wire.arrivals.push((Instant::now(), read));
            }
        }
    }
}

#[tokio::test]
async fn drop_closes_the_connection_without_a_byte_and_runs_nothing() {
    let server = Server::start().await;
    server
        .add_fault(json!({"method": "POST", "path_prefix": "/api/payment_link/", "kind": "drop", "times": 1}))
        .await;
    let dropped = server.pay("drop-1", &pay_body("PSE", &[])).await;
    assert!(dropped.bytes.is_empty(), "sent {:?}", dropped.text());
    assert!(dropped.complete_response().is_none());
    assert_eq!(server.payments_created().await, 0);

    // Used up: the same call now goes through.
    let retried = server.pay("drop-1", &pay_body("PSE", &[])).await;
    assert_eq!(
        retried.response().status,
        StatusCode::OK,
        "{}",
        retried.text()
    );
    assert_eq!(server.payments_created().await, 1);
}

#[tokio::test]
async fn drop_may_wait_first_like_a_timeout() {
    let server = Server::start().await;
    server
        .add_fault(json!({"kind": "drop", "ms": 200, "times": 1}))
        .await;
    let started = Instant::now();
    let dropped = server.exchange("GET", "/api/pse/banks/", &[], "").await;
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert!(dropped.bytes.is_empty(), "sent {:?}", dropped.text());
}

#[tokio::test]
async fn lose_response_pays_then_hangs_up_and_a_retry_gets_the_stored_answer() {
    let server = Server::start().await;
    server
        .add_fault(json!({"method": "POST", "path_prefix": "/api/payment_link/", "kind": "lose_response", "times": 1}))
        .await;
    let body = pay_body("BANCOLOMBIA", &[]);

    let lost = server.pay("attempt-1", &body).await;
    assert!(lost.bytes.is_empty(), "sent {:?}", lost.text());
    assert!(lost.complete_response().is_none());
    // The server did it: the payment exists although nobody heard of it.
    assert_eq!(server.payments_created().await, 1);

    let retried = server.pay("attempt-1", &body).await.response();
    assert_eq!(retried.status, StatusCode::OK);
    let money_movement_id = retried.string("money_movement_id");
    let again = server.pay("attempt-1", &body).await.response();
    assert_eq!(again.body, retried.body);
    assert_eq!(server.payments_created().await, 1);

    let payment = server
        .exchange(
            "GET",
            &format!(
                "/api/payment_link/{}/payments/{money_movement_id}/",
                seed::PENDING
            ),
            &[],
            "",
        )
        .await
        .response();
    assert_eq!(payment.status, StatusCode::OK);
    assert_eq!(payment.json()["status"], "PENDING");
}

#[tokio::test]
async fn trickle_sends_the_real_answer_a_few_bytes_at_a_time() {
    let server = Server::start().await;
    let link_path = format!("/api/payment_link/{}/", seed::PENDING);
    let normal = server.exchange("GET", &link_path, &[], "").await.response();

    server
        .add_fault(
            json!({"method": "GET", "kind": "trickle", "ms": 25, "chunk_bytes": 64, "times": 1}),
        )
        .await;
    let trickled = server.exchange("GET", &link_path, &[], "").await;
    let response = trickled.response();
    assert_eq!(response.status, StatusCode::OK);
    assert_eq!(response.body, normal.body);
    assert_eq!(
        response.header("content-length"),
        Some(normal.body.len().to_string().as_str())
    );

    let chunks = normal.body.len().div_ceil(64);
    assert!(chunks >= 4, "a link answer is several chunks long");
    let (first, _) = trickled.arrivals[0];
    let (last, _) = *trickled.arrivals.last().unwrap();
    let spread = last - first;
    assert!(
        spread >= Duration::from_millis(25 * (chunks as u64 - 1)),
        "{chunks} chunks arrived within {spread:?}"
    );
    // Pieces arrive one by one (a busy reader may find two waiting).
    assert!(
        trickled.arrivals.len() > chunks / 2,
        "{:?}",
        trickled.arrivals
    );
}

#[tokio::test]
async fn status_and_malformed_answers_are_complete_on_the_wire() {
    let server = Server::start().await;
    server
        .add_fault(json!({"kind": "status", "status": 503, "times": 1}))
        .await;
    server
        .add_fault(json!({"kind": "malformed", "times": 1}))
        .await;
    let unavailable = server
        .exchange("GET", "/api/pse/banks/", &[], "")
        .await
        .response();
    assert_eq!(unavailable.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(unavailable.body, b"upstream unavailable\n");
    let malformed = server
        .exchange("GET", "/api/pse/banks/", &[], "")
        .await
        .response();
    assert_eq!(malformed.status, StatusCode::OK);
    assert_eq!(malformed.body, b"{\"uuid\": ");
}

/// A browser resends a request silently when a kept-alive connection closes
/// without an answer, which would hide a `drop`; so while rules are set no
/// connection is kept alive.
#[tokio::test]
async fn connections_are_not_kept_alive_while_rules_are_set() {
    let server = Server::start().await;
    let keep_alive =
        |path: &str| format!("GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", server.address);

    // Without rules the connection stays open after the answer.
    let mut stream = TcpStream::connect(server.address).await.unwrap();
    stream
        .write_all(keep_alive("/api/pse/banks/").as_bytes())
        .await
        .unwrap();
    let mut buffer = vec![0u8; 64 * 1024];
    let read = stream.read(&mut buffer).await.unwrap();
    let head = String::from_utf8_lossy(&buffer[..read]).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 200"), "{head}");
    assert!(!head.contains("connection: close"), "{head}");
    drop(stream);

    server
        .add_fault(json!({"method": "POST", "path_prefix": "/api/payment_link/", "kind": "drop"}))
        .await;
    for path in ["/api/pse/banks/", "/", "/sandbox/faults"] {
        let mut stream = TcpStream::connect(server.address).await.unwrap();
        stream.write_all(keep_alive(path).as_bytes()).await.unwrap();
        let wire = read_until_closed(&mut stream).await;
        let response = wire.response();
        assert_eq!(response.header("connection"), Some("close"), "{path}");
    }
}
