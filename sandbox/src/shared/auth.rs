//! Merchant credentials: both `Authorization: Bearer <token>` and
//! `x-api-key: <key>`, as the seed document's merchant calls send them.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use crate::shared::errors::ApiError;
use crate::state::AppState;

/// Present in a handler's arguments, it makes the call merchant-only.
pub struct MerchantCredentials;

impl FromRequestParts<AppState> for MerchantCredentials {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = |name| {
            parts
                .headers
                .get(name)
                .and_then(|value| value.to_str().ok())
        };
        let bearer_ok = header(AUTHORIZATION.as_str())
            .and_then(|value| value.split_once(' '))
            .is_some_and(|(scheme, token)| {
                scheme.eq_ignore_ascii_case("bearer") && token.trim() == state.config.bearer_token
            });
        let api_key_ok = header("x-api-key").is_some_and(|key| key.trim() == state.config.api_key);
        if bearer_ok && api_key_ok {
            Ok(MerchantCredentials)
        } else {
            Err(ApiError::unauthorized())
        }
    }
}
