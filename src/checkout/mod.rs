//! Everything about one checkout that can be decided without a browser.
pub mod link;
pub mod money;
pub mod state;
pub mod token;
pub mod validate;
