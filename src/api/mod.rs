//! Provider wire formats: serde types that read the provider's JSON verbatim
//! and convert it into the domain model of `crate::checkout`, behind one
//! boundary (`provider::Provider`). Pure Rust.
#[cfg(feature = "belvo")]
pub mod belvo;
#[cfg(feature = "colurs")]
pub mod colurs;
pub mod decimal;
pub mod error;
pub mod pay_code;
pub mod provider;

#[cfg(all(feature = "colurs", feature = "belvo"))]
mod either;
#[cfg(all(test, feature = "colurs", feature = "belvo"))]
mod robustness_tests;

// The provider the page speaks, chosen here and nowhere else. A release
// bundle is built with one feature (scripts/build.sh); a build with both
// (tests, the gallery) picks by the page's `paylink-provider` meta.
#[cfg(all(feature = "colurs", not(feature = "belvo")))]
pub type ActiveProvider = colurs::Colurs;
#[cfg(all(feature = "belvo", not(feature = "colurs")))]
pub type ActiveProvider = belvo::Belvo;
#[cfg(all(feature = "colurs", feature = "belvo"))]
pub type ActiveProvider = either::EitherProvider;

#[cfg(not(any(feature = "colurs", feature = "belvo")))]
compile_error!("build with at least one provider feature: colurs or belvo");
