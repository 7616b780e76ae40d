//! The provider calls the page makes, from URL to domain model.

use super::config::Config;
use super::http::{self, DEFAULT_TIMEOUT_MS};
use crate::api::colurs;
use crate::api::error::ApiError;
use crate::checkout::link::PaymentLink;
use crate::checkout::state::LoadError;
use crate::checkout::token::is_valid_token;

pub async fn fetch_link(config: &Config, token: &str) -> Result<PaymentLink, LoadError> {
    // Tokens are checked again here so no caller can put another path into the URL.
    if !is_valid_token(token) {
        return Err(LoadError::NotFound);
    }
    let url = format!("{}/api/payment_link/{token}/", config.api_base);
    let answer = http::send(http::get(&url), DEFAULT_TIMEOUT_MS)
        .await
        .map_err(load_error)?;
    if answer.status != 200 {
        return Err(load_error(ApiError::from_response(answer.status, &answer.body)));
    }
    colurs::parse_link(&answer.body).map_err(load_error)
}

fn load_error(error: ApiError) -> LoadError {
    match error {
        ApiError::NotFound => LoadError::NotFound,
        ApiError::Malformed(_) => LoadError::Malformed,
        _ => LoadError::Unavailable,
    }
}
