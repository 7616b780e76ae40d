//! The Belvo calls of docs/api.md: the merchant's (customers, payment
//! links) and the page's (the link by its access token, institutions,
//! payment intents). What their bodies mean is read in `requests`.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use uuid::Uuid;

use super::institutions;
use super::model::{Country, LinkStatus, Method, PaymentIntent};
use super::pix_qr::pix_qr_payload;
use super::requests::{check_against_link, read_new_customer, read_new_link, IntentRequest};
use super::views::{IntentView, LinkCustomer, LinkView};
use super::{belvo_store, consent_timing};
use crate::shared::auth::MerchantCredentials;
use crate::shared::body::JsonObject;
use crate::shared::emv::PaymentCode;
use crate::shared::errors::ApiError;
use crate::shared::idempotency::idempotency_key;
use crate::shared::json_reply::{json_bytes_response, json_response, to_json_bytes};
use crate::state::AppState;

pub fn link_not_found() -> ApiError {
    ApiError::not_found("Payment link doesn't exist")
}

// ---- customers ------------------------------------------------------------

pub async fn create_customer(
    _merchant: MerchantCredentials,
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = JsonObject::parse(&body)?;
    let (mut store, now) = belvo_store(&state);
    let customer = read_new_customer(&body, now)?;
    let response = json_response(StatusCode::CREATED, &customer);
    store.insert_customer(customer);
    Ok(response)
}

pub async fn create_link(
    _merchant: MerchantCredentials,
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let body = JsonObject::parse(&body)?;
    let (mut store, now) = belvo_store(&state);
    let link = read_new_link(&body, state.config.is_development(), now, |id| {
        store.customer(id).map(|c| c.country)
    })?;
    let view = LinkView::new(
        &link,
        store.link_status(&link, now, consent_timing(&state.config)),
        None,
        LinkCustomer::Id(link.customer.to_string()),
        &state.config.public_origin,
    );
    let response = json_response(StatusCode::CREATED, &view);
    store.insert_link(link);
    Ok(response)
}

pub async fn get_link(
    Path(access_token): Path<String>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let (store, now) = belvo_store(&state);
    let link = store.link(&access_token).ok_or_else(link_not_found)?;
    let customer = store
        .customer(link.customer)
        .expect("a link's customer exists");
    let timing = consent_timing(&state.config);
    let view = LinkView::new(
        link,
        store.link_status(link, now, timing),
        store.intent_in_progress(&access_token, now, timing),
        LinkCustomer::Expanded(customer),
        &state.config.public_origin,
    );
    Ok(json_response(StatusCode::OK, &view))
}

// ---- institutions ---------------------------------------------------------

pub async fn list_institutions(
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let country = query
        .get("country")
        .map(|text| text.trim())
        .filter(|text| !text.is_empty())
        .ok_or_else(|| ApiError::validation("country", "`country` is required: COL or BRA"))
        .and_then(|text| {
            Country::parse(text)
                .ok_or_else(|| ApiError::validation("country", "`country` must be COL or BRA"))
        })?;
    Ok(json_response(
        StatusCode::OK,
        &institutions::of_country(country),
    ))
}

// ---- payment intents ------------------------------------------------------

pub async fn create_intent(
    Path(access_token): Path<String>,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let idempotency_key = idempotency_key(&headers)?;
    let body = JsonObject::parse(&body)?;
    let request = IntentRequest::read(&body)?;
    let fingerprint = format!("{request:?}");
    let config = &state.config;
    let timing = consent_timing(config);

    let (mut store, now) = belvo_store(&state);
    if let Some(replay) = store
        .replies
        .replay(&access_token, &idempotency_key, &fingerprint)
    {
        return replay;
    }

    let link = store.link(&access_token).ok_or_else(link_not_found)?;
    let (status, _) = store.link_status(link, now, timing);
    if status != LinkStatus::Active {
        return Err(ApiError::invalid_status("Payment link", status.as_str()));
    }
    let customer = store
        .customer(link.customer)
        .expect("a link's customer exists");
    let choice = check_against_link(&body, &request, link, customer.customer_type)?;
    // The bank sends `code`, `id_token` and `state` there: only to this link's own page.
    let own_page = format!("{}/pay/{access_token}", config.public_origin);
    let on_own_page = choice
        .callback_url
        .strip_prefix(&own_page)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('?'));
    if choice.method != Method::PixQr && !on_own_page {
        return Err(ApiError::validation(
            &format!(
                "payment_method_details.{}.callback_url",
                link.method.as_str()
            ),
            format!("`callback_url` must be this link's payment page, {own_page}"),
        ));
    }
    // One attempt at a time, as for Colurs: a second intent while one may
    // still succeed could debit the payer twice. Checked after the body,
    // so an invalid one still gets its 400.
    if let Some(in_progress) = store.intent_in_progress(&access_token, now, timing) {
        return Err(ApiError::payment_in_progress(
            "payment_intent",
            &in_progress.to_string(),
        ));
    }

    let id = store.next_intent_id(&access_token);
    // An Open Finance consent lives 5 minutes; a PSE bank page as long as
    // the Colurs ones, so an abandoned attempt never blocks the link.
    let expires_at = now.plus_seconds_u64(match choice.method {
        Method::OpenFinance => timing.timeout_seconds,
        Method::PixQr => config.pix_qr_seconds,
        Method::Pse => config.bank_timeout_seconds,
    });
    let code = (choice.method == Method::PixQr).then(|| PaymentCode {
        payload: pix_qr_payload(link, id),
        expires_at,
        key: None,
        receiving_entity: None,
    });
    let intent = PaymentIntent {
        id,
        access_token: access_token.clone(),
        method: choice.method,
        amount: link.amount,
        payer_institution: choice.payer_institution,
        callback_url: choice.callback_url,
        cpf: choice.cpf,
        created_at: now,
        expires_at: Some(expires_at),
        decision: None,
        code,
    };
    let reply_body = to_json_bytes(&IntentView::new(
        &intent,
        link,
        now,
        timing.processing_seconds,
        &config.public_origin,
    ));
    store.insert_intent(intent);
    let body = reply_body.clone();
    let replies = &mut store.replies;
    replies.record(
        access_token,
        &idempotency_key,
        fingerprint,
        StatusCode::CREATED,
        body,
    );
    Ok(json_bytes_response(StatusCode::CREATED, reply_body))
}

pub async fn get_intent(
    Path((access_token, intent_id)): Path<(String, String)>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let (store, now) = belvo_store(&state);
    let link = store.link(&access_token).ok_or_else(link_not_found)?;
    let intent = Uuid::try_parse(&intent_id)
        .ok()
        .and_then(|id| store.intent(id))
        .filter(|intent| intent.access_token == access_token)
        .ok_or_else(|| ApiError::not_found("Payment intent doesn't exist for this payment link"))?;
    Ok(json_response(
        StatusCode::OK,
        &IntentView::new(
            intent,
            link,
            now,
            consent_timing(&state.config).processing_seconds,
            &state.config.public_origin,
        ),
    ))
}
