//! Creating, listing and reading payment links.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use uuid::Uuid;

use super::views::{LinkPage, LinkView};
use crate::colurs::model::{
    CallbackUrls, Currency, FeeMode, Link, LinkStatus, Owner, PaymentMethod,
};
use crate::config::Config;
use crate::shared::auth::MerchantCredentials;
use crate::shared::body::JsonObject;
use crate::shared::embed_origins::read_embed_origins;
use crate::shared::errors::ApiError;
use crate::shared::field_rules::{is_followable_url, is_hidden_character};
use crate::shared::json_reply::json_response;
use crate::shared::merchant::read_merchant;
use crate::state::AppState;
use crate::test_controls::clock::Timestamp;

pub const LINKS_PER_PAGE: usize = 20;
const MAX_DESCRIPTION_CHARS: usize = 500;
/// They all go into the page's `frame-ancestors`: a policy header stays short.

/// A uuid from the path; one that does not parse names no link.
pub fn link_uuid(text: &str) -> Result<Uuid, ApiError> {
    Uuid::try_parse(text).map_err(|_| ApiError::link_not_found())
}

pub async fn create_link(
    _merchant: MerchantCredentials,
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = JsonObject::parse(&body)?;
    let (mut store, now) = state.settled_store();
    let link = read_new_link(&body, &state.config, now, store.next_link_id())?;
    let response = json_response(
        StatusCode::CREATED,
        &LinkView::new(&link, &state.config.public_origin),
    );
    store.insert_link(link);
    Ok(response)
}

pub async fn list_links(
    _merchant: MerchantCredentials,
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let filter = |name: &str| {
        query
            .get(name)
            .map(|value| value.trim())
            .filter(|value| !value.is_empty())
    };
    let status = filter("status")
        .map(|text| {
            LinkStatus::parse(text).ok_or_else(|| {
                ApiError::validation(
                    "status",
                    "`status` must be PENDING, ACTIVE, PAID, EXPIRED or CANCELLED",
                )
            })
        })
        .transpose()?;
    let currency = filter("currency")
        .map(|text| {
            Currency::parse(text)
                .ok_or_else(|| ApiError::validation("currency", "`currency` must be COP or USD"))
        })
        .transpose()?;
    let page = filter("page")
        .map(|text| {
            text.parse::<usize>()
                .ok()
                .filter(|page| *page >= 1)
                .ok_or_else(|| ApiError::validation("page", "`page` must be a whole number from 1"))
        })
        .transpose()?
        .unwrap_or(1);

    let (store, _now) = state.settled_store();
    // Newest first, as merchants look for the link they just made.
    let matching: Vec<&Link> = store
        .links()
        .iter()
        .rev()
        .filter(|link| status.is_none_or(|status| link.status == status))
        .filter(|link| currency.is_none_or(|currency| link.currency == currency))
        .collect();
    let results = matching
        .iter()
        .skip((page - 1).saturating_mul(LINKS_PER_PAGE))
        .take(LINKS_PER_PAGE)
        .map(|link| LinkView::new(link, &state.config.public_origin))
        .collect();
    Ok(json_response(
        StatusCode::OK,
        &LinkPage {
            count: matching.len(),
            page,
            results,
        },
    ))
}

pub async fn get_link(
    Path(uuid): Path<String>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let uuid = link_uuid(&uuid)?;
    let (store, _now) = state.settled_store();
    let link = store.link(uuid).ok_or_else(ApiError::link_not_found)?;
    Ok(json_response(
        StatusCode::OK,
        &LinkView::new(link, &state.config.public_origin),
    ))
}

#[derive(Deserialize)]
struct CallbackUrlsInput {
    success: String,
    cancel: String,
}

/// Validates a creation request into the link it describes.
fn read_new_link(
    body: &JsonObject,
    config: &Config,
    now: Timestamp,
    id: u64,
) -> Result<Link, ApiError> {
    let currency = body
        .optional_text("currency")?
        .ok_or_else(|| ApiError::validation("currency", "`currency` is required"))
        .and_then(|text| {
            Currency::parse(&text)
                .ok_or_else(|| ApiError::validation("currency", "`currency` must be COP or USD"))
        })?;
    let is_general = body
        .optional::<bool>("is_general", "true or false")?
        .unwrap_or(false);

    let minimum = config.min_amount(currency);
    let amount = match (is_general, body.optional_amount("amount")?) {
        (true, Some(_)) => {
            return Err(ApiError::validation(
                "amount",
                "A general link has no `amount`: the payer types it",
            ))
        }
        (true, None) => None,
        (false, None) => {
            return Err(ApiError::validation(
                "amount",
                "`amount` is required unless `is_general` is true",
            ))
        }
        (false, Some(amount)) if amount.is_negative() => {
            return Err(ApiError::validation("amount", "Amount cannot be negative"))
        }
        (false, Some(amount)) if amount < minimum => {
            return Err(ApiError::validation(
                "amount",
                format!(
                    "Amount must be at least the configured minimum of {minimum} {}",
                    currency.as_str()
                ),
            ))
        }
        (false, Some(amount)) => Some(amount),
    };

    let description = body.optional_text("description")?.unwrap_or_default();
    if description.chars().count() > MAX_DESCRIPTION_CHARS {
        return Err(ApiError::validation(
            "description",
            format!("`description` must be at most {MAX_DESCRIPTION_CHARS} characters"),
        ));
    }
    if description.chars().any(is_hidden_character) {
        return Err(ApiError::validation(
            "description",
            "`description` must not contain invisible or direction-changing characters",
        ));
    }

    let fee_mode = body
        .optional_text("fee_mode")?
        .map(|text| {
            FeeMode::parse(&text).ok_or_else(|| {
                ApiError::validation("fee_mode", "`fee_mode` must be payer or receiver")
            })
        })
        .transpose()?
        .unwrap_or(FeeMode::Payer);

    let expires_at = body
        .optional_text("expires_at")?
        .map(|text| {
            Timestamp::parse_rfc3339(&text).ok_or_else(|| {
                ApiError::validation(
                    "expires_at",
                    "`expires_at` must be an RFC 3339 date-time such as 2026-03-03T00:00:00Z",
                )
            })
        })
        .transpose()?;
    if expires_at.is_some_and(|expires_at| expires_at <= now) {
        return Err(ApiError::validation(
            "expires_at",
            "`expires_at` must be in the future",
        ));
    }

    Ok(Link {
        id,
        uuid: Uuid::new_v4(),
        owner: Owner::sandbox_merchant(),
        currency,
        amount,
        is_general,
        fee_mode,
        fee_rate_bps: config.fee_rate_bps,
        iva_rate_bps: config.iva_rate_bps,
        min_amount: is_general.then_some(minimum),
        max_amount: None,
        description,
        status: LinkStatus::Pending,
        expires_at,
        paid_at: None,
        paid_amount: None,
        allowed_methods: read_allowed_methods(body)?,
        merchant: read_merchant(body)?,
        callback_urls: read_callback_urls(body, config.is_development())?,
        allowed_embed_origins: read_embed_origins(body)?,
        payment_in_progress: None,
        created_at: now,
        updated_at: now,
    })
}

fn read_allowed_methods(body: &JsonObject) -> Result<Vec<PaymentMethod>, ApiError> {
    const FIELD: &str = "allowed_methods";
    let Some(names) = body.optional::<Vec<String>>(FIELD, "a list of payment methods")? else {
        return Ok(PaymentMethod::ALL.to_vec());
    };
    let mut methods = Vec::new();
    for name in names {
        let method = PaymentMethod::parse(&name).ok_or_else(|| {
            ApiError::validation(
                FIELD,
                format!("Unknown payment method {name:?}: use BANCOLOMBIA, PSE or NEQUI"),
            )
        })?;
        if !methods.contains(&method) {
            methods.push(method);
        }
    }
    if methods.is_empty() {
        return Err(ApiError::validation(
            FIELD,
            "`allowed_methods` needs at least one payment method",
        ));
    }
    Ok(methods)
}

/// Where the payer goes after the outcome: only URLs the page will follow,
/// so a merchant learns of a bad one now, not from a payer stuck at the end.
fn read_callback_urls(
    body: &JsonObject,
    development: bool,
) -> Result<Option<CallbackUrls>, ApiError> {
    let Some(input) = body.optional::<CallbackUrlsInput>(
        "callback_urls",
        "an object with `success` and `cancel` URLs",
    )?
    else {
        return Ok(None);
    };
    for (field, url) in [
        ("callback_urls.success", &input.success),
        ("callback_urls.cancel", &input.cancel),
    ] {
        if !is_followable_url(url, development) {
            return Err(ApiError::validation(
                field,
                format!("`{field}` must be an https URL with a plain host name, no user info and a valid port"),
            ));
        }
    }
    Ok(Some(CallbackUrls {
        success: input.success,
        cancel: input.cancel,
    }))
}
