//! Serving the built page like a production host: precompressed files,
//! exact content types, caching by hashed names, and the headers every
//! answer carries.

mod common;

use std::path::PathBuf;

use axum::http::{Method, StatusCode};
use common::{test_config, Reply, Sandbox};
use paylink_sandbox::{colurs::seed, Config};

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

    /// A page as a production build leaves it: Trunk's hashed names, some
    /// with `.br` / `.gz` siblings (their bytes only need to be told apart).
    fn built() -> DistDir {
        let dist = DistDir::with_page();
        for (name, content) in [
            ("index.html.gz", "gzip of index"),
            (JS, "plain script"),
            (&format!("{JS}.br"), "brotli of script"),
            (&format!("{JS}.gz"), "gzip of script"),
            (WASM, "plain wasm"),
            (&format!("{WASM}.br"), "brotli of wasm"),
            (CSS, "body{}"),
            (&format!("{CSS}.gz"), "gzip of css"),
            ("logo-00112233445566ff.svg", "<svg/>"),
            ("icon.png", "png"),
            ("manifest.json", "{}"),
        ] {
            std::fs::write(dist.0.join(name), content).unwrap();
        }
        dist
    }
}

/// The caching of a name with a content hash: a new build gets new names.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const JS: &str = "paylink-b8c3efe59fd93b47.js";
const WASM: &str = "paylink-b8c3efe59fd93b47_bg.wasm";
const CSS: &str = "main-9573525a5d8710e8.css";

async fn get_accepting(sandbox: &Sandbox, path: &str, accept_encoding: &str) -> Reply {
    sandbox
        .request(
            Method::GET,
            path,
            &[("Accept-Encoding", accept_encoding)],
            "",
        )
        .await
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
        assert!(reply.is_html(), "{path}");
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
    assert_eq!(script.header("content-type"), Some("text/javascript"));
    // No hash in the name: may be kept, but is checked before each use.
    assert_eq!(script.header("cache-control"), Some("no-cache"));
    assert!(script.header("last-modified").is_some());

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
        assert_eq!(reply.header("cache-control"), Some("no-store"));
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

#[tokio::test]
async fn precompressed_siblings_are_served_when_accepted() {
    let dist = DistDir::built();
    let sandbox = sandbox_serving(&dist);
    let script = format!("/{JS}");
    for (accept, body, encoding) in [
        ("gzip, deflate, br, zstd", "brotli of script", Some("br")),
        ("br", "brotli of script", Some("br")),
        ("gzip", "gzip of script", Some("gzip")),
        ("br;q=0, gzip", "gzip of script", Some("gzip")),
        ("gzip;q=0.5, br;q=0.8", "brotli of script", Some("br")),
        ("identity", "plain script", None),
        ("", "plain script", None),
    ] {
        let reply = get_accepting(&sandbox, &script, accept).await;
        assert_eq!(reply.status, StatusCode::OK, "{accept}");
        assert_eq!(reply.text(), body, "{accept}");
        assert_eq!(reply.header("content-encoding"), encoding, "{accept}");
        assert_eq!(reply.header("vary"), Some("accept-encoding"), "{accept}");
        assert_eq!(
            reply.header("content-type"),
            Some("text/javascript"),
            "{accept}"
        );
        assert_eq!(reply.header("cache-control"), Some(IMMUTABLE), "{accept}");
    }

    // Only some encodings exist: the others fall back to what is there.
    let css = get_accepting(&sandbox, &format!("/{CSS}"), "br").await;
    assert_eq!(css.text(), "body{}");
    assert_eq!(css.header("content-encoding"), None);
    let css = get_accepting(&sandbox, &format!("/{CSS}"), "br, gzip").await;
    assert_eq!(css.text(), "gzip of css");
    assert_eq!(css.header("content-encoding"), Some("gzip"));
    assert_eq!(css.header("content-type"), Some("text/css"));

    let wasm = get_accepting(&sandbox, &format!("/{WASM}"), "gzip, br").await;
    assert_eq!(wasm.text(), "brotli of wasm");
    assert_eq!(wasm.header("content-encoding"), Some("br"));
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    assert_eq!(wasm.header("cache-control"), Some(IMMUTABLE));
}

#[tokio::test]
async fn every_file_type_the_page_uses_is_named_exactly() {
    let dist = DistDir::built();
    let sandbox = sandbox_serving(&dist);
    for (path, content_type, cache) in [
        (format!("/{JS}"), "text/javascript", IMMUTABLE),
        (format!("/{WASM}"), "application/wasm", IMMUTABLE),
        (format!("/{CSS}"), "text/css", IMMUTABLE),
        (
            "/logo-00112233445566ff.svg".into(),
            "image/svg+xml",
            IMMUTABLE,
        ),
        ("/icon.png".into(), "image/png", "no-cache"),
        ("/manifest.json".into(), "application/json", "no-cache"),
        ("/index.html".into(), "text/html; charset=utf-8", "no-store"),
    ] {
        let reply = sandbox.get(&path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}");
        assert_eq!(reply.header("content-type"), Some(content_type), "{path}");
        assert_eq!(reply.header("cache-control"), Some(cache), "{path}");
        assert_eq!(reply.header("vary"), Some("accept-encoding"), "{path}");
    }
}

#[tokio::test]
async fn the_page_itself_is_compressed_too_and_never_stored() {
    let dist = DistDir::built();
    let sandbox = sandbox_serving(&dist);
    for path in ["/".to_owned(), format!("/pay/{}", seed::PENDING)] {
        let compressed = get_accepting(&sandbox, &path, "gzip, br").await;
        assert_eq!(compressed.status, StatusCode::OK, "{path}");
        assert_eq!(compressed.text(), "gzip of index", "{path}");
        assert_eq!(compressed.header("content-encoding"), Some("gzip"));
        assert_eq!(
            compressed.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(compressed.header("cache-control"), Some("no-store"));
        assert_eq!(compressed.header("vary"), Some("accept-encoding"));

        let plain = sandbox.get(&path).await;
        assert!(plain.text().contains("<div id=app>"), "{path}");
        assert_eq!(plain.header("content-encoding"), None);
        assert_eq!(plain.header("cache-control"), Some("no-store"));
    }
}

#[tokio::test]
async fn a_missing_file_is_not_cached() {
    let dist = DistDir::built();
    let sandbox = sandbox_serving(&dist);
    let missing = get_accepting(&sandbox, "/paylink-0000000000000000.js", "br").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.header("cache-control"), Some("no-store"));
}

#[tokio::test]
async fn every_answer_forbids_sniffing_and_referrers() {
    let dist = DistDir::built();
    let built = sandbox_serving(&dist);
    let unbuilt = Sandbox::new();
    let mut replies = vec![
        built.get("/").await,
        built.get(&format!("/{JS}")).await,
        built.get("/nothing-here.js").await,
        built.link(seed::PENDING).await,
        built.get("/api/no/such/endpoint").await,
        built.get("/api/pse/banks/").await,
        built
            .get(&format!("/sandbox/stats/{}", seed::PENDING))
            .await,
        built.get("/sandbox/faults").await,
        built
            .get(&format!("/sandbox/bank/{}", seed::ACTIVE_LINK_PAYMENT))
            .await,
        unbuilt.get("/").await,
    ];
    replies.push(
        built
            .request(Method::POST, "/api/payment_link/", &[], "{}")
            .await,
    );
    for reply in replies {
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("referrer-policy"), Some("no-referrer"));
    }
}

/// A gallery built on its own (`make build` writes `dist-gallery/`), with
/// its own inline loader; and a stale `gallery/` left inside the page's
/// bundle, which must never be served.
fn dist_and_gallery() -> (DistDir, DistDir) {
    let dist = DistDir::with_page();
    std::fs::create_dir_all(dist.0.join("gallery")).unwrap();
    std::fs::write(
        dist.0.join("gallery/index.html"),
        "<!doctype html><title>stale gallery inside the bundle</title>",
    )
    .unwrap();
    let gallery = DistDir::with_page();
    std::fs::write(
        gallery.0.join("index.html"),
        "<!doctype html><title>paylink gallery</title><script type=module>start()</script>",
    )
    .unwrap();
    std::fs::write(gallery.0.join(JS), "export const gallery = true;").unwrap();
    (dist, gallery)
}

#[tokio::test]
async fn the_gallery_comes_from_its_own_directory_never_from_the_bundle() {
    let (dist, gallery) = dist_and_gallery();
    let sandbox = Sandbox::with(Config {
        dist_dir: dist.0.clone(),
        gallery_dir: gallery.0.clone(),
        ..test_config()
    });
    for path in ["/gallery/", "/gallery/?fixture=paid&scheme=dark"] {
        let index = sandbox.get(path).await;
        assert_eq!(index.status, StatusCode::OK, "{path}");
        assert!(
            index.text().contains("<title>paylink gallery</title>"),
            "{path}"
        );
        let policy = index.header("content-security-policy").unwrap();
        assert!(policy.contains("'sha256-"), "{policy}");
        assert!(policy.contains("frame-ancestors 'self'"), "{policy}");
        assert!(policy.ends_with("frame-src 'self'"), "{policy}");
        assert_eq!(index.header("cache-control"), Some("no-store"));
    }
    let script = sandbox.get(&format!("/gallery/{JS}")).await;
    assert_eq!(script.text(), "export const gallery = true;");
    assert_eq!(script.header("content-type"), Some("text/javascript"));
    assert_eq!(
        sandbox.get("/gallery/index.html").await.status,
        StatusCode::OK
    );
    let bare = sandbox.get("/gallery").await;
    assert!(bare.status.is_redirection(), "{}", bare.status);
    assert_eq!(bare.header("location"), Some("/gallery/"));

    // Without a built gallery, the bundle's stale copy is not served instead.
    let unbuilt = Sandbox::with(Config {
        dist_dir: dist.0.clone(),
        gallery_dir: dist.0.join("no-gallery-here"),
        ..test_config()
    });
    let missing = unbuilt.get("/gallery/?fixture=paid").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.text().contains("GALLERY_DIR"), "{}", missing.text());
    assert!(!missing.text().contains("stale"));
    assert_eq!(missing.header("cache-control"), Some("no-store"));
}

/// A merchant pins embed.js with `integrity` and `crossorigin`: the browser
/// then fetches it with CORS and refuses it without this header.
#[tokio::test]
async fn embed_js_may_be_read_by_any_origin_and_nothing_else_is() {
    let dist = DistDir::built();
    std::fs::create_dir_all(dist.0.join("public")).unwrap();
    std::fs::write(dist.0.join("public/embed.js"), "(function(){})();").unwrap();
    std::fs::write(dist.0.join("public/embed.js.br"), "brotli of embed").unwrap();
    let sandbox = sandbox_serving(&dist);
    for accept in ["", "br"] {
        let embed = get_accepting(&sandbox, "/public/embed.js", accept).await;
        assert_eq!(embed.status, StatusCode::OK, "{accept}");
        assert_eq!(
            embed.header("access-control-allow-origin"),
            Some("*"),
            "{accept}"
        );
        assert_eq!(embed.header("content-type"), Some("text/javascript"));
    }
    for path in [
        "/".to_owned(),
        format!("/pay/{}", seed::PENDING),
        format!("/{JS}"),
        "/assets/paylink.js".to_owned(),
        format!("/api/payment_link/{}/", seed::PENDING),
    ] {
        let reply = sandbox.get(&path).await;
        assert_eq!(reply.header("access-control-allow-origin"), None, "{path}");
    }
}
