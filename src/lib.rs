//! paylink: the hosted payment page.
//!
//! `checkout`, `api` (wire formats) and `i18n` are pure Rust and tested natively;
//! the browser shell (`web`, `ui`) exists only when compiled to wasm32, so no
//! DOM code can creep into the core.
pub mod api;
pub mod checkout;
pub mod embed;
pub mod gallery;
pub mod i18n;

#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod web;
