//! Serves the built payment page from `DIST_DIR` the way a production host
//! would: `index.html` for `/` and every `/pay/…` URL (the page routes
//! itself), assets as they are, precompressed `X.br` / `X.gz` siblings when
//! the browser accepts them, and caching by whether a name carries a hash.
//! The page (its HTML) also carries its Content-Security-Policy and the
//! other page headers of `page_policy`; `frame-ancestors` follows the
//! link's `allowed_embed_origins`. The designers' gallery comes from its own
//! directory (`GALLERY_DIR`), never from the page's bundle.

use std::path::Path;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::serving::csp_reports::REPORTS_PATH;
use crate::serving::page_policy::{content_security_policy, insert_page_headers};
use crate::state::AppState;

const NOT_BUILT: &str =
    "The payment page is not built yet (no index.html in DIST_DIR): run `make run`.\n";
const GALLERY_NOT_BUILT: &str =
    "The gallery is not built (no index.html in GALLERY_DIR): run `make build`.\n";

/// Where the gallery is served; it is built with this public URL.
pub const GALLERY_PATH: &str = "/gallery";
/// The merchant's script: pinned with SRI (`integrity` and `crossorigin`)
/// on merchants' pages, which the browser allows only with CORS.
pub const EMBED_SCRIPT_PATH: &str = "/public/embed.js";

/// For names with a content hash: a new build gets new names.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For other assets: keep, but ask (`Last-Modified`) before each use.
pub const REVALIDATE: &str = "no-cache";
pub const NO_STORE: &str = "no-store";
pub const HTML: &str = "text/html; charset=utf-8";

/// Page routes; `serve_asset` serves everything else from the dist directory.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(page_index))
        .route("/pay/{*rest}", get(page_index))
        .route(
            GALLERY_PATH,
            get(|| async { Redirect::permanent("/gallery/") }),
        )
        .route("/gallery/", get(serve_gallery))
        .route("/gallery/{*rest}", get(serve_gallery))
        .route(DEMO_LOGO_PATH, get(demo_logo))
}

/// The demo merchant's logo, which the seeded links name: served by the
/// sandbox on every origin it serves a page from, so it is the page's own.
pub const DEMO_LOGO_PATH: &str = "/sandbox/demo-logo.svg";

async fn demo_logo() -> Response {
    const LOGO: &str = concat!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">"##,
        r##"<rect width="64" height="64" rx="14" fill="#0e7c66"/>"##,
        r##"<circle cx="32" cy="36" r="12" fill="#ffd166"/>"##,
        r##"<path d="M12 48h40" stroke="#fff" stroke-width="5" stroke-linecap="round"/></svg>"##
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("image/svg+xml"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE)),
        ],
        LOGO,
    )
        .into_response()
}

/// Read on every request, so a page rebuilt while the sandbox runs is
/// picked up without a restart.
async fn page_index(State(state): State<AppState>, request: Request) -> Response {
    let embed_origins = embed_origins_for(&state, request.uri().path());
    let index = ServeFile::new(state.config.dist_dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let Ok(response) = index.oneshot(request).await;
    let response = response.map(Body::new);
    if response.status() == StatusCode::NOT_FOUND {
        return not_built(StatusCode::SERVICE_UNAVAILABLE, NOT_BUILT);
    }
    let response = with_file_headers(response, "index.html");
    with_page_headers(&state, response, &embed_origins)
}

/// The origins allowed to frame `/pay/{token}`: the `allowed_embed_origins`
/// of the link with that uuid (or Belvo `access_token`); none for an
/// unknown link or any other page URL.
fn embed_origins_for(state: &AppState, path: &str) -> Vec<String> {
    let Some(token) = path.strip_prefix("/pay/") else {
        return Vec::new();
    };
    let token = token.strip_suffix('/').unwrap_or(token);
    let Ok(uuid) = uuid::Uuid::try_parse(token) else {
        return crate::belvo::embed_origins(state, token).unwrap_or_default();
    };
    let (store, _now) = state.settled_store();
    store
        .link(uuid)
        .map(|link| link.allowed_embed_origins.clone())
        .unwrap_or_default()
}

/// The page's security headers on an answer that is the page.
fn with_page_headers(
    state: &AppState,
    mut response: Response,
    embed_origins: &[String],
) -> Response {
    let served = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    if let Some(facts) = state.page_policy.facts().filter(|_| served) {
        let policy = content_security_policy(&facts, embed_origins, Some(REPORTS_PATH));
        insert_page_headers(response.headers_mut(), &policy, !embed_origins.is_empty());
    }
    response
}

/// The gallery's policy: as strict as the page's, with its own script
/// hashes, framable by itself only (each fixture is a same-origin frame).
fn with_gallery_headers(state: &AppState, mut response: Response) -> Response {
    if let Some(facts) = state
        .gallery_policy
        .facts()
        .filter(|_| response.status().is_success())
    {
        let policy = content_security_policy(&facts, &["'self'".to_owned()], Some(REPORTS_PATH))
            + "; frame-src 'self'";
        insert_page_headers(response.headers_mut(), &policy, true);
    }
    response
}

/// `/gallery/…`: a file of the gallery directory, the URL without its
/// `/gallery` prefix.
async fn serve_gallery(State(state): State<AppState>, request: Request) -> Response {
    let (mut parts, body) = request.into_parts();
    let inner = parts
        .uri
        .path()
        .strip_prefix(GALLERY_PATH)
        .unwrap_or("/")
        .to_owned();
    let inner_uri = match parts.uri.query() {
        Some(query) => format!("{inner}?{query}"),
        None => inner.clone(),
    };
    parts.uri = inner_uri.parse().unwrap_or_default();
    let response = serve_dir(&state.config.gallery_dir, Request::from_parts(parts, body)).await;
    let name = file_name(&inner);
    if name != "index.html" {
        return with_file_headers(response, name);
    }
    if response.status() == StatusCode::NOT_FOUND {
        return not_built(StatusCode::NOT_FOUND, GALLERY_NOT_BUILT);
    }
    with_gallery_headers(&state, with_file_headers(response, name))
}

/// Any other path: a file of the dist directory, or 404.
pub async fn serve_asset(State(state): State<AppState>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let response = serve_dir(&state.config.dist_dir, request).await;
    let name = file_name(&path);
    let mut response = with_file_headers(response, name);
    if name == "index.html" {
        // The page under another URL: same policy, never framed.
        return with_page_headers(&state, response, &[]);
    }
    if path == EMBED_SCRIPT_PATH {
        response.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
    }
    response
}

async fn serve_dir(dir: &Path, request: Request) -> Response {
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let Ok(response) = files.oneshot(request).await;
    response.map(Body::new)
}

/// The file a URL path names; a directory is answered with its index.html.
fn file_name(path: &str) -> &str {
    if path.ends_with('/') {
        "index.html"
    } else {
        path.rsplit('/').next().unwrap_or_default()
    }
}

/// What to say when a page is not built: never to be kept.
fn not_built(status: StatusCode, text: &'static str) -> Response {
    let no_store = [(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE))];
    (status, no_store, text).into_response()
}

/// Type, `Vary` and caching of a file answer, by the requested file's name.
fn with_file_headers(mut response: Response, name: &str) -> Response {
    let status = response.status();
    let headers = response.headers_mut();
    if !(status.is_success() || status == StatusCode::NOT_MODIFIED) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
        return response;
    }
    let content_type = content_type(name);
    if let Some(content_type) = content_type {
        if status.is_success() {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
    }
    // The same URL answers differently by Accept-Encoding when a compressed
    // sibling exists; saying so always is right either way.
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    let cache = if content_type == Some(HTML) {
        NO_STORE
    } else if has_content_hash(name) {
        IMMUTABLE
    } else {
        REVALIDATE
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// The type of what a file holds, by its extension; `None` leaves the
/// guess of the file service.
pub fn content_type(name: &str) -> Option<&'static str> {
    let extension = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    Some(match extension.as_str() {
        "html" | "htm" => HTML,
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => return None,
    })
}

/// Whether a file name carries a content hash as Trunk writes it:
/// `name-<hex digits>` then `.ext` or `_bg.wasm`. Trunk prints the 64-bit
/// hash without leading zeros, so it has up to 16 digits and sometimes
/// fewer; 8 is the fewest counted, so an ordinary `word-abc.css` is not taken
/// for a hash.
pub fn has_content_hash(name: &str) -> bool {
    const HASH_DIGITS: std::ops::RangeInclusive<usize> = 8..=16;
    let bytes = name.as_bytes();
    bytes.iter().enumerate().any(|(dash, &byte)| {
        if byte != b'-' || dash == 0 {
            return false;
        }
        let digits = bytes[dash + 1..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit())
            .count();
        HASH_DIGITS.contains(&digits) && matches!(bytes.get(dash + 1 + digits), Some(b'.' | b'_'))
    })
}

/// On every answer: no MIME sniffing, no referrer (a page URL holds the
/// link uuid); and API and sandbox answers and every HTML document are
/// never cached: they change with the store, and a stale page would hide a
/// fresh build.
pub async fn common_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let dynamic_path = path.starts_with("/api/") || path.starts_with("/sandbox/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    let is_html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if dynamic_path || is_html {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(NO_STORE));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_trunk_hashed_names() {
        for hashed in [
            "paylink-b8c3efe59fd93b47.js",
            "paylink-b8c3efe59fd93b47_bg.wasm",
            "main-9573525a5d8710e8.css",
            "logo-0123456789ABCDEF.svg",
            // Trunk drops leading zeros: 15 digits happen one build in sixteen.
            "paylink-b8c3efe59fd93b4.js",
            "main-71f40c3f1f10051.css",
        ] {
            assert!(has_content_hash(hashed), "{hashed}");
        }
        for plain in [
            "index.html",
            "paylink.js",
            "word-abc.css",
            "paylink-b8c3efe59fd93b47x.js",
            "paylink-b8c3efe59fd93b47",
            "-b8c3efe59fd93b47.js",
            "favicon.ico",
        ] {
            assert!(!has_content_hash(plain), "{plain}");
        }
    }

    #[test]
    fn types_by_extension() {
        assert_eq!(content_type("a_bg.wasm"), Some("application/wasm"));
        assert_eq!(content_type("a.JS"), Some("text/javascript"));
        assert_eq!(content_type("index.html"), Some(HTML));
        assert_eq!(content_type("a.gz"), None);
        assert_eq!(content_type("README"), None);
    }
}
