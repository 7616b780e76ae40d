//! The Colurs provider of docs/api.md: its API, its objects and their
//! store, the demo links, the simulated bank and Nequi, Bre-B's codes.

pub mod bank_pages;
pub mod breb;
pub mod fees;
mod links;
pub mod model;
pub mod nequi;
mod payments;
pub mod pse_banks;
mod requests;
pub mod seed;
pub mod store;
mod views;

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::Router;

use crate::colurs::pse_banks::PSE_BANKS;
use crate::shared::errors::ApiError;
use crate::shared::json_reply::json_response;
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
        .route(
            "/api/payment_link/{uuid}/payments/{money_movement_id}/withdraw/",
            post(nequi::withdraw),
        )
        .route("/api/pse/banks/", get(pse_banks))
        // Unknown API paths answer in the API's error format, not with the page.
        .route("/api/{*unknown}", any(unknown_endpoint))
}

async fn pse_banks() -> Response {
    json_response(StatusCode::OK, &PSE_BANKS)
}

async fn unknown_endpoint() -> Response {
    ApiError::not_found("No such endpoint").into_response()
}
