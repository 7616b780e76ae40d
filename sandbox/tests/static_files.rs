//! Serving the built page, and keeping dynamic answers out of caches.

mod common;

use std::path::PathBuf;

use axum::http::StatusCode;
use common::{test_config, Sandbox};
use paylink_sandbox::{seed, Config};

/// A dist directory of its own for one test, removed when dropped.
struct DistDir(PathBuf);

impl DistDir {
    fn with_page() -> DistDir {
        let dir =
            std::env::temp_dir().join(format!("paylink-sandbox-dist-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html><title>paylink</title><div id=app></div>",
        )
        .unwrap();
        std::fs::write(dir.join("assets/paylink.js"), "export const ready = true;").unwrap();
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

#[tokio::test]
async fn page_urls_fall_back_to_index_html() {
    let dist = DistDir::with_page();
    let sandbox = sandbox_serving(&dist);
    for path in [
        "/".to_owned(),
        format!("/pay/{}", seed::PENDING),
        format!("/pay/{}?payment=mm_demo000000000003", seed::ACTIVE),
        "/pay/anything/deeper".to_owned(),
    ] {
        let reply = sandbox.get(&path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert!(reply.text().contains("<div id=app>"), "{path}");
        assert!(
            reply
                .header("content-type")
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
        assert_eq!(reply.header("cache-control"), Some("no-store"), "{path}");
    }
}

#[tokio::test]
async fn assets_are_served_as_they_are() {
    let dist = DistDir::with_page();
    let sandbox = sandbox_serving(&dist);
    let script = sandbox.get("/assets/paylink.js").await;
    assert_eq!(script.status, StatusCode::OK);
    assert_eq!(script.text(), "export const ready = true;");
    assert!(script
        .header("content-type")
        .unwrap()
        .contains("javascript"));
    assert_eq!(script.header("cache-control"), None);

    assert_eq!(
        sandbox.get("/assets/missing.js").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn an_unbuilt_page_says_how_to_build_it() {
    let sandbox = Sandbox::new();
    for path in ["/", "/pay/00000000-0000-4000-8000-000000000001"] {
        let reply = sandbox.get(path).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert!(reply.text().contains("not built"));
        assert!(reply.text().contains("make run"));
    }
}

#[tokio::test]
async fn api_answers_are_never_cached() {
    let sandbox = Sandbox::new();
    let unknown = format!("/api/payment_link/{}/", uuid::Uuid::new_v4());
    for reply in [
        sandbox.link(seed::PENDING).await,
        sandbox.get(&unknown).await,
        sandbox.get("/api/pse/banks/").await,
        sandbox.merchant_get("/api/payment_link/").await,
        sandbox
            .get(&format!("/sandbox/stats/{}", seed::PENDING))
            .await,
    ] {
        assert_eq!(reply.header("cache-control"), Some("no-store"));
        assert_eq!(reply.header("content-type"), Some("application/json"));
    }
}
