//! Creating, listing and reading payment links.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use super::requests::read_new_link;
use super::views::{LinkPage, LinkView};
use crate::colurs::model::{Currency, Link, LinkStatus};
use crate::shared::auth::MerchantCredentials;
use crate::shared::body::JsonObject;
use crate::shared::errors::ApiError;
use crate::shared::json_reply::json_response;
use crate::state::AppState;

pub const LINKS_PER_PAGE: usize = 20;
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
