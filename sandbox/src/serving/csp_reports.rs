//! Where browsers report Content-Security-Policy violations of the page
//! (the sandbox's policy ends with `report-uri /sandbox/csp-reports`), so an
//! end-to-end test can assert that a whole payment caused none.
//!
//! `POST` stores a report as the browser sent it (`{"csp-report": {…}}` for
//! `report-uri`; a Reporting API array is stored one report at a time),
//! `GET` lists them in arrival order, `DELETE` forgets them.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::Value;

use crate::shared::body::WHOLE_BODY;
use crate::shared::errors::ApiError;
use crate::shared::json_reply::json_response;
use crate::state::AppState;

pub const REPORTS_PATH: &str = "/sandbox/csp-reports";
/// Reports kept at most; later ones are dropped, so a page stuck in a
/// violation loop cannot fill the memory.
pub const MAX_REPORTS: usize = 1000;
/// Larger bodies are no report a browser sends.
const MAX_REPORT_BYTES: usize = 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new().route(
        REPORTS_PATH,
        get(list_reports).post(store_report).delete(clear_reports),
    )
}

async fn store_report(State(state): State<AppState>, body: Bytes) -> Result<Response, ApiError> {
    if body.len() > MAX_REPORT_BYTES {
        return Err(ApiError::validation(
            WHOLE_BODY,
            format!("A report is at most {MAX_REPORT_BYTES} bytes"),
        ));
    }
    let report: Value = serde_json::from_slice(&body).map_err(|_| {
        ApiError::validation(WHOLE_BODY, "A report is a JSON object or array of them")
    })?;
    let reports = match report {
        Value::Array(reports) => reports,
        report @ Value::Object(_) => vec![report],
        _ => {
            return Err(ApiError::validation(
                WHOLE_BODY,
                "A report is a JSON object or array of them",
            ))
        }
    };
    let mut stored = state.csp_reports();
    for report in reports {
        if stored.len() < MAX_REPORTS {
            stored.push(report);
        }
    }
    Ok(StatusCode::NO_CONTENT.into_response())
}

async fn list_reports(State(state): State<AppState>) -> Response {
    json_response(StatusCode::OK, &*state.csp_reports())
}

async fn clear_reports(State(state): State<AppState>) -> Response {
    state.csp_reports().clear();
    StatusCode::NO_CONTENT.into_response()
}
