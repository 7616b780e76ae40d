//! Provider wire formats: serde types that read the provider's JSON verbatim
//! and convert it into the domain model of `crate::checkout`. Pure Rust.
#[cfg(feature = "belvo")]
pub mod belvo;
#[cfg(feature = "colurs")]
pub mod colurs;
#[cfg(feature = "colurs")]
pub mod colurs_payment;
pub mod decimal;
pub mod error;

#[cfg(all(test, feature = "colurs", feature = "belvo"))]
mod robustness_tests;

#[cfg(not(any(feature = "colurs", feature = "belvo")))]
compile_error!("build with at least one provider feature: colurs or belvo");
