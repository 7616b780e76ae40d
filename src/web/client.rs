//! The provider calls the page makes, from URL to domain model.

use super::config::Config;
use super::http::{self, Answer, DEFAULT_TIMEOUT_MS};
use super::prefetch;
use crate::api::error::ApiError;
use crate::api::{colurs, colurs_payment};
use crate::checkout::fields::sort_banks;
use crate::checkout::link::PaymentLink;
use crate::checkout::payment::{Bank, NextStep, PaymentDetails, PaymentReport, PaymentStarted};
use crate::checkout::redirect::is_safe_redirect;
use crate::checkout::state::{LoadError, SubmitError};
use crate::checkout::token::{is_valid_reference, is_valid_token};

/// A pay request may take the provider a while: more patience than a read.
const PAY_TIMEOUT_MS: i32 = 30_000;

pub async fn fetch_link(config: &Config, token: &str) -> Result<PaymentLink, LoadError> {
    // Tokens are checked again here so no caller can put another path into the URL.
    if !is_valid_token(token) {
        return Err(LoadError::NotFound);
    }
    let answer = match prefetch::take(token).await {
        Some(answer) => answer,
        None => {
            let url = format!("{}/api/payment_link/{token}/", config.api_base);
            http::send(http::get(&url), None, DEFAULT_TIMEOUT_MS).await
        }
    };
    let body = ok_body(answer.map_err(load_error)?)?;
    colurs::parse_link(&body).map_err(load_error)
}

pub async fn fetch_banks(config: &Config) -> Result<Vec<Bank>, LoadError> {
    let body = get_ok(&format!("{}/api/pse/banks/", config.api_base)).await?;
    colurs_payment::parse_banks(&body).map(sort_banks).map_err(load_error)
}

pub async fn fetch_payment(config: &Config, token: &str, reference: &str) -> Result<PaymentReport, LoadError> {
    if !is_valid_token(token) || !is_valid_reference(reference) {
        return Err(LoadError::NotFound);
    }
    let url = format!("{}/api/payment_link/{token}/payments/{reference}/", config.api_base);
    let body = get_ok(&url).await?;
    colurs_payment::parse_payment_status(&body).map_err(load_error)
}

pub async fn submit_payment(
    config: &Config,
    token: &str,
    idempotency_key: &str,
    details: &PaymentDetails,
) -> Result<PaymentStarted, SubmitError> {
    if !is_valid_token(token) {
        return Err(SubmitError::NotFound);
    }
    let url = format!("{}/api/payment_link/{token}/pay/", config.api_base);
    let request = http::post_json(&url).header("Idempotency-Key", idempotency_key);
    let body = Some(colurs_payment::pay_request_body(details));
    let answer = http::send(request, body, PAY_TIMEOUT_MS).await.map_err(submit_error)?;
    if answer.status != 200 {
        return Err(submit_error(ApiError::from_response(answer.status, &answer.body)));
    }
    let started = colurs_payment::parse_pay_response(&answer.body).map_err(submit_error)?;
    match &started.next {
        NextStep::Redirect(url) if !is_safe_redirect(url) => Err(SubmitError::Unreadable),
        _ => Ok(started),
    }
}

async fn get_ok(url: &str) -> Result<String, LoadError> {
    ok_body(http::send(http::get(url), None, DEFAULT_TIMEOUT_MS).await.map_err(load_error)?)
}

fn ok_body(answer: Answer) -> Result<String, LoadError> {
    if answer.status != 200 {
        return Err(load_error(ApiError::from_response(answer.status, &answer.body)));
    }
    Ok(answer.body)
}

fn load_error(error: ApiError) -> LoadError {
    match error {
        ApiError::NotFound => LoadError::NotFound,
        ApiError::Malformed(_) => LoadError::Malformed,
        _ => LoadError::Unavailable,
    }
}

fn submit_error(error: ApiError) -> SubmitError {
    match error {
        ApiError::AmountRequired => SubmitError::AmountRequired,
        ApiError::AmountMismatch => SubmitError::AmountMismatch,
        ApiError::InvalidStatus => SubmitError::InvalidStatus,
        ApiError::NotFound => SubmitError::NotFound,
        ApiError::Validation { field } => SubmitError::Rejected { field },
        // Same key, other body: the page changed the attempt without a new key.
        ApiError::IdempotencyConflict | ApiError::Malformed(_) => SubmitError::Unreadable,
        ApiError::Server(_) | ApiError::Network | ApiError::Timeout => SubmitError::Unavailable,
    }
}
