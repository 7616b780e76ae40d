//! Provider wire formats: serde types that read the provider's JSON verbatim
//! and convert it into the domain model of `crate::checkout`. Pure Rust.
pub mod colurs;
pub mod colurs_payment;
pub mod belvo;
pub mod decimal;
pub mod error;

#[cfg(test)]
mod robustness_tests;
