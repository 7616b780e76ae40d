//! The page's security headers: a Content-Security-Policy that pins the
//! built page's inline scripts by hash, `frame-ancestors` from the link's
//! `allowed_embed_origins`, and the violation reports browsers send.

mod common;

use std::path::PathBuf;

use axum::http::{Method, StatusCode};
use common::{test_config, Sandbox};
use paylink_sandbox::{colurs::seed, Config};
use serde_json::json;

/// The two inline scripts of `PAGE`, hashed independently of the sandbox
/// (Node's `crypto`), the first from its text with LF line ends as the
/// browser's parser sees it although the file has CR LF.
const PREFETCH_HASH: &str = "'sha256-4Xr1Zmg7luB7WhfzpNlna2fRvHW8dP0XQEGQbL3krjU='";
const MODULE_HASH: &str = "'sha256-kdbkZJmRo3hDXGP8swj2iSUy6Ta6GvuJ6nT4kh6Mn2Y='";

const PAGE: &str = "<!DOCTYPE html>\r\n<html lang=\"es-CO\">\r\n<head>\r\n\
  <meta charset=\"utf-8\">\r\n\
  <!-- <script>a comment is not a script</script> -->\r\n\
  <meta name=\"paylink-api-base\" content=\"API_BASE\">\r\n\
  <title>Pagar</title>\r\n\
  <script>\r\n    window.paylinkPrefetch = { token: \"ñandú\" };\r\n  </script>\r\n\
<script type=\"module\">\nimport init from '/paylink-0123456789abcdef.js';\nawait init();\n</script>\
<link rel=\"modulepreload\" href=\"/paylink-0123456789abcdef.js\">\
<script src=\"/not-inline.js\"></script>\r\n\
</head>\r\n<body><div id=\"app\"></div></body>\r\n</html>\r\n";

/// A dist directory holding `PAGE`, removed when dropped.
struct DistDir(PathBuf);

impl DistDir {
    fn with_api_base(api_base: &str) -> DistDir {
        let dir =
            std::env::temp_dir().join(format!("paylink-sandbox-policy-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("index.html"), PAGE.replace("API_BASE", api_base)).unwrap();
        std::fs::write(dir.join("paylink-0123456789abcdef.js"), "export default 1;").unwrap();
        DistDir(dir)
    }
}

impl Drop for DistDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn sandbox_serving(dist: &DistDir) -> Sandbox {
    Sandbox::with(Config {
        dist_dir: dist.0.clone(),
        ..test_config()
    })
}

fn policy(frame_ancestors: &str, connect_src: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' {PREFETCH_HASH} {MODULE_HASH}; \
         style-src 'self'; img-src 'self' data:; connect-src {connect_src}; \
         form-action 'none'; base-uri 'none'; frame-ancestors {frame_ancestors}; \
         report-uri /sandbox/csp-reports"
    )
}

async fn new_link(sandbox: &Sandbox, extra: serde_json::Value) -> String {
    let mut body = json!({"currency": "COP", "amount": 50000});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let reply = sandbox.create_link(&body.to_string()).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()["uuid"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_page_pins_its_inline_scripts_by_hash() {
    let dist = DistDir::with_api_base("");
    let sandbox = sandbox_serving(&dist);
    let uuid = new_link(&sandbox, json!({})).await;
    for path in [
        format!("/pay/{uuid}"),
        format!("/pay/{uuid}/"),
        format!("/pay/{uuid}?payment=mm_0123456789abcdef"),
        "/".to_owned(),
        "/index.html".to_owned(),
    ] {
        let reply = sandbox.get(&path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(
            reply.header("content-security-policy"),
            Some(policy("'none'", "'self'").as_str()),
            "{path}"
        );
    }
}

#[tokio::test]
async fn the_api_origin_of_the_page_may_be_connected_to() {
    let dist = DistDir::with_api_base("https://API.provider.example/v2/");
    let sandbox = sandbox_serving(&dist);
    let reply = sandbox.get("/").await;
    assert_eq!(
        reply.header("content-security-policy"),
        Some(policy("'none'", "'self' https://api.provider.example").as_str())
    );
}

#[tokio::test]
async fn a_page_rebuilt_while_serving_gets_its_new_hashes() {
    let dist = DistDir::with_api_base("");
    let sandbox = sandbox_serving(&dist);
    assert!(sandbox
        .get("/")
        .await
        .header("content-security-policy")
        .unwrap()
        .contains(PREFETCH_HASH));

    std::fs::write(
        dist.0.join("index.html"),
        "<!doctype html><script>\nrebuilt();\n</script><div id=app></div>",
    )
    .unwrap();
    let policy = sandbox
        .get("/")
        .await
        .header("content-security-policy")
        .unwrap()
        .to_owned();
    assert!(
        policy.contains(
            "script-src 'self' 'wasm-unsafe-eval' \
             'sha256-v9iBEc48iNjPWrKrPaj2egMQUDoJPhdq+j/oK3AoH7k='; "
        ),
        "{policy}"
    );
}

#[tokio::test]
async fn nobody_may_frame_the_page_by_default() {
    let dist = DistDir::with_api_base("");
    let sandbox = sandbox_serving(&dist);
    let plain = new_link(&sandbox, json!({})).await;
    let empty = new_link(&sandbox, json!({"allowed_embed_origins": []})).await;
    for path in [
        format!("/pay/{plain}"),
        format!("/pay/{empty}"),
        format!("/pay/{}", uuid::Uuid::new_v4()),
        "/pay/not-a-uuid".to_owned(),
        "/pay/belvoUnknown000000000000000000000000000".to_owned(),
        "/".to_owned(),
        "/index.html".to_owned(),
    ] {
        let reply = sandbox.get(&path).await;
        let policy = reply.header("content-security-policy").unwrap();
        assert!(
            policy.contains("; frame-ancestors 'none'; "),
            "{path}: {policy}"
        );
        assert_eq!(reply.header("x-frame-options"), Some("DENY"), "{path}");
    }
}

#[tokio::test]
async fn a_link_may_be_framed_by_exactly_its_origins() {
    let dist = DistDir::with_api_base("");
    let sandbox = sandbox_serving(&dist);
    let uuid = new_link(
        &sandbox,
        json!({"allowed_embed_origins": [
            "https://shop.example",
            "https://checkout.shop.example:8443",
            "http://localhost:3000",
            "https://shop.example"
        ]}),
    )
    .await;
    let link = sandbox.link(uuid.parse().unwrap()).await.json();
    assert_eq!(
        link["allowed_embed_origins"],
        json!([
            "https://shop.example",
            "https://checkout.shop.example:8443",
            "http://localhost:3000"
        ])
    );

    for path in [format!("/pay/{uuid}"), format!("/pay/{uuid}?payment=mm_x")] {
        let reply = sandbox.get(&path).await;
        assert_eq!(
            reply.header("content-security-policy"),
            Some(
                policy(
                    "https://shop.example https://checkout.shop.example:8443 http://localhost:3000",
                    "'self'"
                )
                .as_str()
            ),
            "{path}"
        );
        // X-Frame-Options cannot name several origins: left to the policy.
        assert_eq!(reply.header("x-frame-options"), None, "{path}");
    }

    // Another link's page, and the page under another URL, stay unframable.
    let seeded = sandbox.get(&format!("/pay/{}", seed::PENDING)).await;
    assert!(seeded
        .header("content-security-policy")
        .unwrap()
        .contains("; frame-ancestors https://merchant.example; "));
    for (_label, access_token) in paylink_sandbox::belvo::seed::DEMO_LINKS {
        let belvo = sandbox.get(&format!("/pay/{access_token}")).await;
        assert!(
            belvo
                .header("content-security-policy")
                .unwrap()
                .contains("; frame-ancestors https://merchant.example; "),
            "{access_token}"
        );
    }
    let elsewhere = sandbox.get("/").await;
    assert!(elsewhere
        .header("content-security-policy")
        .unwrap()
        .contains("; frame-ancestors 'none'; "));
}

#[tokio::test]
async fn embed_origins_must_be_exact_origins() {
    let sandbox = Sandbox::new();
    for origin in [
        "*",
        "https://*.shop.example",
        "https://shop.example/",
        "https://shop.example/checkout",
        "https://shop.example:99999",
        "https://Shop.Example",
        "https://shop.example 'unsafe-inline'",
        "https://shop.example; script-src *",
        "http://shop.example",
        "http://localhost",
        "http://127.0.0.1",
        "shop.example",
        "data:",
        "'self'",
        "",
    ] {
        let body = json!({"currency": "COP", "amount": 5000, "allowed_embed_origins": [origin]});
        let reply = sandbox.create_link(&body.to_string()).await;
        assert_eq!(
            reply.error(),
            (
                StatusCode::BAD_REQUEST,
                "ValidationError".into(),
                Some("allowed_embed_origins".into())
            ),
            "{origin:?}"
        );
    }

    for body in [
        json!({"currency": "COP", "amount": 5000, "allowed_embed_origins": "https://shop.example"}),
        json!({"currency": "COP", "amount": 5000, "allowed_embed_origins": [1]}),
        json!({"currency": "COP", "amount": 5000, "allowed_embed_origins":
            (0..11).map(|n| format!("https://shop{n}.example")).collect::<Vec<_>>()}),
    ] {
        let reply = sandbox.create_link(&body.to_string()).await;
        assert_eq!(
            reply.error().2.as_deref(),
            Some("allowed_embed_origins"),
            "{body}"
        );
    }
}

#[tokio::test]
async fn the_page_carries_the_other_page_headers_and_nothing_else_does() {
    let dist = DistDir::with_api_base("");
    let sandbox = sandbox_serving(&dist);
    let page = sandbox.get(&format!("/pay/{}", seed::PENDING)).await;
    for (name, value) in [
        (
            "permissions-policy",
            "camera=(), geolocation=(), microphone=(), payment=(), usb=()",
        ),
        ("cross-origin-opener-policy", "same-origin-allow-popups"),
        ("referrer-policy", "no-referrer"),
        ("x-content-type-options", "nosniff"),
        ("cache-control", "no-store"),
    ] {
        assert_eq!(page.header(name), Some(value), "{name}");
    }

    for path in [
        "/paylink-0123456789abcdef.js".to_owned(),
        format!("/api/payment_link/{}/", seed::PENDING),
        "/sandbox/csp-reports".to_owned(),
    ] {
        let reply = sandbox.get(&path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header("content-security-policy"), None, "{path}");
    }

    // Without a built page there is no policy to compute: the 503 says so.
    let unbuilt = Sandbox::new().get("/").await;
    assert_eq!(unbuilt.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(unbuilt.header("content-security-policy"), None);
}

#[tokio::test]
async fn csp_reports_are_stored_and_listed() {
    let sandbox = Sandbox::new();
    assert_eq!(sandbox.get("/sandbox/csp-reports").await.json(), json!([]));

    // As `report-uri` sends it …
    let legacy = json!({"csp-report": {
        "document-uri": "http://127.0.0.1:4321/pay/00000000-0000-4000-8000-000000000001",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "blocked-uri": "inline",
        "disposition": "enforce",
        "status-code": 200
    }});
    let stored = sandbox
        .request(
            Method::POST,
            "/sandbox/csp-reports",
            &[("Content-Type", "application/csp-report")],
            &legacy.to_string(),
        )
        .await;
    assert_eq!(stored.status, StatusCode::NO_CONTENT);

    // … and as the Reporting API sends it: several at once.
    let reporting = json!([
        {"type": "csp-violation", "age": 1, "url": "http://127.0.0.1:4321/",
         "body": {"effectiveDirective": "connect-src", "blockedURL": "https://evil.example/x"}},
        {"type": "csp-violation", "age": 2, "url": "http://127.0.0.1:4321/",
         "body": {"effectiveDirective": "img-src", "blockedURL": "https://evil.example/y.png"}}
    ]);
    let stored = sandbox
        .request(
            Method::POST,
            "/sandbox/csp-reports",
            &[("Content-Type", "application/reports+json")],
            &reporting.to_string(),
        )
        .await;
    assert_eq!(stored.status, StatusCode::NO_CONTENT);

    let listed = sandbox.get("/sandbox/csp-reports").await;
    assert_eq!(listed.status, StatusCode::OK);
    assert_eq!(listed.header("cache-control"), Some("no-store"));
    assert_eq!(
        listed.json(),
        json!([legacy, reporting[0].clone(), reporting[1].clone()])
    );

    for not_a_report in ["", "not json", "42", "\"text\""] {
        let refused = sandbox
            .request(Method::POST, "/sandbox/csp-reports", &[], not_a_report)
            .await;
        assert_eq!(
            refused.error(),
            (
                StatusCode::BAD_REQUEST,
                "ValidationError".into(),
                Some("body".into())
            ),
            "{not_a_report:?}"
        );
    }
    assert_eq!(
        sandbox
            .get("/sandbox/csp-reports")
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        3
    );

    let cleared = sandbox
        .request(Method::DELETE, "/sandbox/csp-reports", &[], "")
        .await;
    assert_eq!(cleared.status, StatusCode::NO_CONTENT);
    assert_eq!(sandbox.get("/sandbox/csp-reports").await.json(), json!([]));
}
