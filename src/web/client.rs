//! The provider calls the page makes, from URL to domain model: HTTP with
//! deadlines, token checks, the redirect allowlist and error mapping here,
//! everything that differs between providers behind `api::provider::Provider`.

use super::config::{page_origin, Config};
use super::http::{self, Answer, DEFAULT_TIMEOUT_MS};
use super::prefetch;
use crate::api::error::ApiError;
use crate::api::provider::{Clock, Provider};
use crate::checkout::countdown::provider_offset_ms;
use crate::checkout::fields::sort_banks;
use crate::checkout::link::PaymentLink;
use crate::checkout::money::Currency;
use crate::checkout::payment::{Bank, NextStep, PaymentDetails, PaymentReport, PaymentStarted};
use crate::checkout::state::{LoadError, SubmitError};
use crate::checkout::token::{is_valid_reference, is_valid_token};

/// A pay request may take the provider a while: more patience than a read.
const PAY_TIMEOUT_MS: i32 = 30_000;

pub async fn fetch_link(config: &Config, token: &str) -> Result<PaymentLink, LoadError> {
    // Tokens are checked again here so no caller can put another path into the URL.
    if !is_valid_token(token) {
        return Err(LoadError::NotFound);
    }
    let provider = config.provider;
    let answer = match prefetch::take(token).await {
        Some(answer) => answer,
        None => {
            http::send(
                http::get(&provider.link_url(&config.api_base, token)),
                None,
                DEFAULT_TIMEOUT_MS,
            )
            .await
        }
    };
    let body = ok_body(answer.map_err(load_error)?)?;
    provider.parse_link(&body).map_err(load_error)
}

/// The banks (PSE) or institutions (Open Finance) of the link's country.
pub async fn fetch_banks(config: &Config, currency: Currency) -> Result<Vec<Bank>, LoadError> {
    let provider = config.provider;
    let body = get_ok(&provider.banks_url(&config.api_base, currency)).await?;
    provider
        .parse_banks(&body)
        .map(sort_banks)
        .map_err(load_error)
}

/// Where a payment stands; with `withdraw`, after asking the provider to
/// withdraw its push. A provider with no push answers as one that kept it
/// (`NotFound`), so the page waits for the push to end.
pub async fn fetch_payment(
    config: &Config,
    token: &str,
    reference: &str,
    withdraw: bool,
) -> Result<PaymentReport, LoadError> {
    if !is_valid_token(token) || !is_valid_reference(reference) {
        return Err(LoadError::NotFound);
    }
    let provider = config.provider;
    let (request, body) = if withdraw {
        let url = provider
            .withdraw_url(&config.api_base, token, reference)
            .map_err(|_| LoadError::NotFound)?;
        (http::post_json(&url), None)
    } else {
        let url = provider.payment_url(&config.api_base, token, reference);
        (http::get(&url), None)
    };
    let answer = http::send(request, body, DEFAULT_TIMEOUT_MS)
        .await
        .map_err(load_error)?;
    let offset = clock_offset(&answer);
    let mut report = provider
        .parse_payment(&ok_body(answer)?, &BrowserClock)
        .map_err(load_error)?;
    if let Some(code) = &mut report.code {
        code.clock_offset_ms = offset;
    }
    Ok(report)
}

/// The provider's clock minus the browser's, by the answer's `Date`; 0 without one.
fn clock_offset(answer: &Answer) -> i64 {
    answer
        .date
        .as_deref()
        .and_then(|date| BrowserClock.instant_ms(date))
        .map_or(0, |date_ms| {
            provider_offset_ms(date_ms, BrowserClock.now_ms())
        })
}

/// The browser's clock and its reading of ISO instants.
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn instant_ms(&self, iso: &str) -> Option<f64> {
        Some(js_sys::Date::parse(iso)).filter(|at| at.is_finite())
    }
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
    let provider = config.provider;
    // A method the provider does not offer is never sent as another one.
    let body = provider
        .pay_body(token, details, &page_origin())
        .map_err(|_| SubmitError::Rejected { field: None })?;
    let request = http::post_json(&provider.pay_url(&config.api_base, token))
        .header("Idempotency-Key", idempotency_key);
    let answer = http::send(request, Some(body), PAY_TIMEOUT_MS)
        .await
        .map_err(submit_error)?;
    if !(200..300).contains(&answer.status) {
        return Err(submit_error(ApiError::from_response(
            answer.status,
            &answer.body,
        )));
    }
    let mut started = provider
        .parse_pay_answer(&answer.body)
        .map_err(submit_error)?;
    match &mut started.next {
        NextStep::Redirect(url) if !config.allows_bank_redirect(url) => {
            Err(SubmitError::Unreadable)
        }
        NextStep::ShowCode(code) => {
            code.clock_offset_ms = clock_offset(&answer);
            Ok(started)
        }
        _ => Ok(started),
    }
}

async fn get_ok(url: &str) -> Result<String, LoadError> {
    ok_body(
        http::send(http::get(url), None, DEFAULT_TIMEOUT_MS)
            .await
            .map_err(load_error)?,
    )
}

fn ok_body(answer: Answer) -> Result<String, LoadError> {
    if answer.status != 200 {
        return Err(load_error(ApiError::from_response(
            answer.status,
            &answer.body,
        )));
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
        // Only a reference that may reach a URL is waited for.
        ApiError::PaymentInProgress(reference) if is_valid_reference(&reference) => {
            SubmitError::InProgress(reference)
        }
        ApiError::PaymentInProgress(_) => SubmitError::Unreadable,
        // Same key, other body: the page changed the attempt without a new key.
        ApiError::IdempotencyConflict | ApiError::Malformed(_) => SubmitError::Unreadable,
        ApiError::Server(_) | ApiError::Network | ApiError::Timeout => SubmitError::Unavailable,
    }
}
