//! The provider API of docs/api.md.

pub(crate) mod auth;
mod links;
mod payments;
mod views;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;

use crate::errors::ApiError;
use crate::json_reply::json_response;
use crate::pse_banks::PSE_BANKS;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/payment_link/",
            post(links::create_link).get(links::list_links),
        )
        .route("/api/payment_link/{uuid}/", get(links::get_link))
        .route("/api/payment_link/{uuid}/pay/", post(payments::pay))
        .route(
            "/api/payment_link/{uuid}/payments/{money_movement_id}/",
            get(payments::payment_status),
        )
        .route("/api/pse/banks/", get(pse_banks))
        // Unknown API paths answer in the API's error format, not with the page.
        .route("/api/{*unknown}", any(unknown_endpoint))
}

async fn pse_banks() -> Response {
    json_response(StatusCode::OK, &PSE_BANKS)
}

async fn unknown_endpoint() -> Response {
    ApiError::endpoint_not_found().into_response()
}
