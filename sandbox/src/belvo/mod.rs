//! The Belvo wire format of docs/api.md ("The Belvo wire format (seeds 000
//! and 001)"): PSE payment links in Colombia and Pix via Open Finance in
//! Brazil, with a simulated bank consent page, and **[ext]** Pix QR codes
//! beside Open Finance. Errors, merchant credentials, idempotency and fault
//! switches work as for the Colurs calls.

pub mod consent_pages;
pub mod identifiers;
pub mod institutions;
pub mod model;
pub mod pix_qr;
mod requests;
pub mod routes;
pub mod seed;
pub mod store;
pub mod tokens;
pub mod views;

use std::sync::MutexGuard;

use axum::routing::{get, post};
use axum::Router;
use uuid::Uuid;

use crate::config::Config;
use crate::state::AppState;
use crate::test_controls::clock::Timestamp;
use store::{BelvoStore, ConsentTiming};

/// The merchant user the sandbox's credentials stand for (`created_by`).
pub const SANDBOX_USER: Uuid = Uuid::from_u128(0x62053a72_e2d5_4c95_a578_6b16616900ac);

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/belvo/customers/", post(routes::create_customer))
        .route("/api/belvo/payment_links/", post(routes::create_link))
        .route(
            "/api/belvo/payment_links/{access_token}/",
            get(routes::get_link),
        )
        .route(
            "/api/belvo/payment_links/{access_token}/payment_intents/",
            post(routes::create_intent),
        )
        .route(
            "/api/belvo/payment_links/{access_token}/payment_intents/{intent_id}/",
            get(routes::get_intent),
        )
        .route("/api/belvo/institutions/", get(routes::list_institutions))
        .merge(consent_pages::routes())
}

pub fn consent_timing(config: &Config) -> ConsentTiming {
    ConsentTiming {
        timeout_seconds: config.consent_timeout_seconds,
        processing_seconds: config.consent_processing_seconds,
    }
}

/// The Belvo store, locked, and the instant the handler acts at.
pub fn belvo_store(state: &AppState) -> (MutexGuard<'_, BelvoStore>, Timestamp) {
    let store = state.belvo_store();
    (store, state.config.clock.now())
}

/// **[ext]** The origins allowed to frame the page of the Belvo link with
/// `access_token`; `None` when there is no such link.
pub fn embed_origins(state: &AppState, access_token: &str) -> Option<Vec<String>> {
    state
        .belvo_store()
        .link(access_token)
        .map(|link| link.allowed_embed_origins.clone())
}

/// Payment intents created for the link with `access_token`, for
/// `/sandbox/stats/{access_token}`; `None` when there is no such link.
pub fn payments_created(state: &AppState, access_token: &str) -> Option<u64> {
    state.belvo_store().intents_created(access_token)
}
