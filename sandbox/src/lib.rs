//! A stand-in for the Colurs payment-link provider (docs/api.md), for
//! developing and testing the payment page: the API, simulated bank pages,
//! and the built page itself, all from one local origin; plus fault switches
//! that make the API misbehave like a bad network. The page is served with
//! the security headers a production host must send (docs/deploying.md),
//! and the violations browsers report are kept for tests.

pub mod api;
pub mod bank_pages;
pub mod banner;
pub mod belvo;
pub mod clock;
pub mod config;
pub mod csp_reports;
pub mod errors;
pub mod faults;
pub mod field_rules;
pub mod html_scan;
pub mod json_reply;
pub mod merchant_demo;
pub mod model;
pub mod money;
pub mod nequi;
pub mod page_policy;
pub mod pse_banks;
pub mod request_body;
pub mod seed;
pub mod state;
pub mod static_files;
pub mod stats;
pub mod store;

use axum::{middleware, Router};

pub use config::{Config, StartupConfig};

/// The whole sandbox for `config`, with the demo links already in place.
pub fn app(config: Config) -> Router {
    router(seeded_state(config))
}

/// The provider's state for `config`, holding the demo links.
pub fn seeded_state(config: Config) -> state::AppState {
    let now = config.clock.now();
    let mut store = store::Store::new();
    seed::seed_demo_links(&mut store, &config, now);
    let state = state::AppState::new(config, store);
    belvo::seed::seed_demo_links(&mut state.belvo_store(), now);
    state
}

/// Every route of the sandbox, on `state`.
pub fn router(state: state::AppState) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(belvo::routes())
        .merge(bank_pages::routes())
        .merge(stats::routes())
        .merge(faults::routes())
        .merge(csp_reports::routes())
        .merge(static_files::routes())
        .fallback(static_files::serve_asset)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            faults::apply_faults,
        ))
        .layer(middleware::from_fn(static_files::common_headers))
        .with_state(state)
}
