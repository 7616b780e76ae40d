//! Serves the built payment page from `DIST_DIR`: assets as they are, and
//! `index.html` for `/` and every `/pay/…` URL (the page routes itself).

use std::io::ErrorKind;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tower_http::services::ServeDir;

use crate::state::AppState;

const NOT_BUILT: &str =
    "The payment page is not built yet (no index.html in DIST_DIR): run `make run`.\n";

/// Page routes; `fallback` serves everything else from the dist directory.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(page_index))
        .route("/pay/{*rest}", get(page_index))
}

pub fn fallback(state: &AppState) -> ServeDir {
    ServeDir::new(&state.config.dist_dir)
}

/// Read on every request, so a page rebuilt while the sandbox runs is
/// picked up without a restart.
async fn page_index(State(state): State<AppState>) -> Response {
    match tokio::fs::read_to_string(state.config.dist_dir.join("index.html")).await {
        Ok(html) => Html(html).into_response(),
        Err(error) if error.kind() == ErrorKind::NotFound => {
            (StatusCode::SERVICE_UNAVAILABLE, NOT_BUILT).into_response()
        }
        Err(error) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("Cannot read index.html: {error}\n"),
        )
            .into_response(),
    }
}

/// API and sandbox answers and every HTML document are never cached: they
/// change with the store, and a stale page would hide a fresh build.
pub async fn no_store_for_dynamic_responses(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let dynamic_path = path.starts_with("/api/") || path.starts_with("/sandbox/");
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if dynamic_path || is_html {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
