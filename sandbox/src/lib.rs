//! A stand-in for the payment providers the page speaks, Colurs and Belvo
//! (docs/api.md), for developing and testing the payment page: each
//! provider's API and simulated bank or consent pages (`colurs`, `belvo`, on
//! what they share in `shared`), the payer's bank app for codes
//! (`bank_app`), the built page served as a production host
//! would, with its security headers and the violations browsers report
//! (`serving`), switches and a clock for tests (`test_controls`), and a
//! merchant's page that embeds the page (`merchant_demo`).

pub mod bank_app;
pub mod banner;
pub mod belvo;
pub mod colurs;
pub mod config;
pub mod merchant_demo;
pub mod serving;
pub mod shared;
pub mod state;
pub mod test_controls;

use axum::{middleware, Router};

pub use config::{Config, StartupConfig};

/// The whole sandbox for `config`, with the demo links already in place.
pub fn app(config: Config) -> Router {
    router(seeded_state(config))
}

/// The provider's state for `config`, holding the demo links.
pub fn seeded_state(config: Config) -> state::AppState {
    let now = config.clock.now();
    let mut store = colurs::store::Store::new();
    colurs::seed::seed_demo_links(&mut store, &config, now);
    let state = state::AppState::new(config, store);
    belvo::seed::seed_demo_links(&mut state.belvo_store(), now);
    state
}

/// Every route of the sandbox, on `state`.
pub fn router(state: state::AppState) -> Router {
    Router::new()
        .merge(colurs::routes())
        .merge(belvo::routes())
        .merge(colurs::bank_pages::routes())
        .merge(bank_app::routes())
        .merge(test_controls::stats::routes())
        .merge(test_controls::faults::routes())
        .merge(serving::csp_reports::routes())
        .merge(serving::static_files::routes())
        .fallback(serving::static_files::serve_asset)
        .layer(middleware::from_fn_with_state(
            state.clone(),
            test_controls::faults::apply_faults,
        ))
        .layer(middleware::from_fn(serving::static_files::common_headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            test_controls::clock::date_header,
        ))
        .with_state(state)
}
