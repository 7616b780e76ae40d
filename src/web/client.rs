//! The provider calls the page makes, from URL to domain model. The wire
//! format is the deployment's choice (`Config::provider`); callers do not know it.

use super::config::{Config, Provider};
use super::http::{self, Answer, DEFAULT_TIMEOUT_MS};
use super::prefetch;
#[cfg(feature = "belvo")]
use crate::api::belvo;
use crate::api::error::ApiError;
#[cfg(feature = "colurs")]
use crate::api::{colurs, colurs_payment};
use crate::checkout::fields::sort_banks;
use crate::checkout::link::PaymentLink;
use crate::checkout::money::Currency;
#[cfg(feature = "belvo")]
use crate::checkout::payment::PaymentStatus;
use crate::checkout::payment::{Bank, NextStep, PaymentDetails, PaymentReport, PaymentStarted};
use crate::checkout::state::{LoadError, SubmitError};
use crate::checkout::token::{is_valid_reference, is_valid_token};

/// A pay request may take the provider a while: more patience than a read.
const PAY_TIMEOUT_MS: i32 = 30_000;

fn link_url(config: &Config, token: &str) -> String {
    match config.provider {
        #[cfg(feature = "colurs")]
        Provider::Colurs => format!("{}/api/payment_link/{token}/", config.api_base),
        #[cfg(feature = "belvo")]
        Provider::Belvo => format!("{}/api/belvo/payment_links/{token}/", config.api_base),
    }
}

pub async fn fetch_link(config: &Config, token: &str) -> Result<PaymentLink, LoadError> {
    // Tokens are checked again here so no caller can put another path into the URL.
    if !is_valid_token(token) {
        return Err(LoadError::NotFound);
    }
    let answer = match prefetch::take(token).await {
        Some(answer) => answer,
        None => {
            http::send(
                http::get(&link_url(config, token)),
                None,
                DEFAULT_TIMEOUT_MS,
            )
            .await
        }
    };
    let body = ok_body(answer.map_err(load_error)?)?;
    match config.provider {
        #[cfg(feature = "colurs")]
        Provider::Colurs => colurs::parse_link(&body),
        #[cfg(feature = "belvo")]
        Provider::Belvo => belvo::parse_link(&body),
    }
    .map_err(load_error)
}

/// The banks (PSE) or institutions (Open Finance) of the link's country.
#[cfg_attr(not(feature = "belvo"), allow(unused_variables))]
pub async fn fetch_banks(config: &Config, currency: Currency) -> Result<Vec<Bank>, LoadError> {
    let banks = match config.provider {
        #[cfg(feature = "colurs")]
        Provider::Colurs => {
            let body = get_ok(&format!("{}/api/pse/banks/", config.api_base)).await?;
            colurs_payment::parse_banks(&body)
        }
        #[cfg(feature = "belvo")]
        Provider::Belvo => {
            let country = if currency == Currency::BRL {
                "BRA"
            } else {
                "COL"
            };
            let body = get_ok(&format!(
                "{}/api/belvo/institutions/?country={country}",
                config.api_base
            ))
            .await?;
            belvo::parse_institutions(&body)
        }
    };
    banks.map(sort_banks).map_err(load_error)
}

pub async fn fetch_payment(
    config: &Config,
    token: &str,
    reference: &str,
) -> Result<PaymentReport, LoadError> {
    if !is_valid_token(token) || !is_valid_reference(reference) {
        return Err(LoadError::NotFound);
    }
    let base = &config.api_base;
    match config.provider {
        #[cfg(feature = "colurs")]
        Provider::Colurs => {
            let body = get_ok(&format!(
                "{base}/api/payment_link/{token}/payments/{reference}/"
            ))
            .await?;
            colurs_payment::parse_payment_status(&body).map_err(load_error)
        }
        #[cfg(feature = "belvo")]
        Provider::Belvo => {
            let url =
                format!("{base}/api/belvo/payment_links/{token}/payment_intents/{reference}/");
            let mut report =
                belvo::parse_intent_report(&get_ok(&url).await?).map_err(load_error)?;
            // A consent that failed after its deadline ran out: say so, not "declined".
            if report.status == PaymentStatus::Declined
                && deadline_passed(report.expires_at.as_deref())
            {
                report.status = PaymentStatus::Expired;
            }
            Ok(report)
        }
    }
}

#[cfg(feature = "belvo")]
fn deadline_passed(iso: Option<&str>) -> bool {
    iso.map(js_sys::Date::parse)
        .is_some_and(|at| at.is_finite() && at <= js_sys::Date::now())
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
    let (url, body) = match config.provider {
        #[cfg(feature = "colurs")]
        Provider::Colurs => (
            format!("{}/api/payment_link/{token}/pay/", config.api_base),
            colurs_payment::pay_request_body(details),
        ),
        #[cfg(feature = "belvo")]
        Provider::Belvo => (
            format!(
                "{}/api/belvo/payment_links/{token}/payment_intents/",
                config.api_base
            ),
            belvo::payment_intent_body(details, &callback_url(token)),
        ),
    };
    let request = http::post_json(&url).header("Idempotency-Key", idempotency_key);
    let answer = http::send(request, Some(body), PAY_TIMEOUT_MS)
        .await
        .map_err(submit_error)?;
    if !(200..300).contains(&answer.status) {
        return Err(submit_error(ApiError::from_response(
            answer.status,
            &answer.body,
        )));
    }
    let started = match config.provider {
        #[cfg(feature = "colurs")]
        Provider::Colurs => colurs_payment::parse_pay_response(&answer.body),
        #[cfg(feature = "belvo")]
        Provider::Belvo => belvo::parse_intent_started(&answer.body),
    }
    .map_err(submit_error)?;
    match &started.next {
        NextStep::Redirect(url) if !config.allows_bank_redirect(url) => {
            Err(SubmitError::Unreadable)
        }
        _ => Ok(started),
    }
}

/// Where the bank sends the payer back: this page, for this link (Open
/// Finance Brasil: the payer returns to where the payment started).
#[cfg(feature = "belvo")]
fn callback_url(token: &str) -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}/pay/{token}")
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
