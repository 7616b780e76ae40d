//! Sandbox-only counters that tests read to check what the API did, e.g.
//! that a replayed pay call created exactly one payment. A Colurs link is
//! named by its uuid, a Belvo link by its access token (its payment intents
//! are counted). `/sandbox/payments/{uuid}` lists a Colurs link's payments
//! with the `Idempotency-Key` that started each and its status, for checks
//! of whole payment histories (`make chaos`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use uuid::Uuid;

use crate::colurs::model::{PaymentMethod, PaymentStatus};
use crate::shared::errors::ApiError;
use crate::shared::json_reply::json_response;
use crate::state::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/sandbox/stats/{uuid}", get(link_stats))
        .route("/sandbox/payments/{uuid}", get(link_payments))
}

#[derive(Serialize)]
struct LinkStats {
    payments_created: u64,
}

async fn link_stats(
    Path(token): Path<String>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let payments_created = match Uuid::try_parse(&token) {
        Err(_) => crate::belvo::payments_created(&state, &token),
        Ok(uuid) => {
            let (store, _now) = state.settled_store();
            store.link(uuid).map(|_| store.payments_created(uuid))
        }
    };
    let payments_created = payments_created.ok_or_else(ApiError::link_not_found)?;
    Ok(json_response(
        StatusCode::OK,
        &LinkStats { payments_created },
    ))
}

#[derive(Serialize)]
struct PaymentRecord<'a> {
    money_movement_id: &'a str,
    idempotency_key: Option<&'a str>,
    method: PaymentMethod,
    status: PaymentStatus,
}

#[derive(Serialize)]
struct LinkPayments<'a> {
    payments: Vec<PaymentRecord<'a>>,
}

async fn link_payments(
    Path(uuid): Path<String>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let uuid = Uuid::try_parse(&uuid).map_err(|_| ApiError::link_not_found())?;
    let (store, _now) = state.settled_store();
    store.link(uuid).ok_or_else(ApiError::link_not_found)?;
    let payments = store
        .payments_of(uuid)
        .into_iter()
        .map(|(payment, idempotency_key)| PaymentRecord {
            money_movement_id: &payment.money_movement_id,
            idempotency_key,
            method: payment.method,
            status: payment.status,
        })
        .collect();
    Ok(json_response(StatusCode::OK, &LinkPayments { payments }))
}
