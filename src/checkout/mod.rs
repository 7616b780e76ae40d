//! Everything about one checkout that can be decided without a browser.
pub mod countdown;
pub mod fields;
pub mod fixtures;
pub mod handoff;
pub mod link;
pub mod methods;
pub mod money;
pub mod payment;
pub mod receipt;
pub mod redirect;
pub mod review;
pub mod state;
pub mod text;
pub mod token;
pub mod validate;
