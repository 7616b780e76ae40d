//! Paying a link, and reading a payment's status.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use super::links::link_uuid;
use super::requests::{amount_to_charge, chosen_method, read_payer, PayRequest};
use super::views::{bank_page_url, PayReply};
use crate::colurs::breb::{merchant_key, BrebCode, MERCHANT_CITY, RECEIVING_ENTITY};
use crate::colurs::model::{Payment, PaymentMethod, PaymentStatus};
use crate::colurs::store::Store;
use crate::shared::body::JsonObject;
use crate::shared::emv::PaymentCode;
use crate::shared::errors::ApiError;
use crate::shared::idempotency::idempotency_key;
use crate::shared::json_reply::{json_bytes_response, json_response, to_json_bytes};
use crate::state::AppState;
use uuid::Uuid;

pub async fn pay(
    Path(uuid): Path<String>,
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let idempotency_key = idempotency_key(&headers)?;
    let request = PayRequest::read(&JsonObject::parse(&body)?)?;
    let uuid = link_uuid(&uuid)?;
    let fingerprint = format!("{request:?}");

    let (mut store, now) = state.settled_store();
    if let Some(replay) = store.replies.replay(&uuid, &idempotency_key, &fingerprint) {
        return replay;
    }

    let link = store.link(uuid).ok_or_else(ApiError::link_not_found)?;
    if !link.status.accepts_payments() {
        return Err(ApiError::invalid_status("Link", link.status.as_str()));
    }
    let amount = amount_to_charge(link, request.amount)?;
    let method = chosen_method(link, request.payment_method.as_deref())?;
    let payer = read_payer(method, &request)?;
    // One attempt at a time: a second one while the first may still succeed
    // could debit the payer twice. Not recorded, so the same key may try again later.
    if let Some(in_progress) = &link.payment_in_progress {
        return Err(ApiError::payment_in_progress(
            "money_movement_id",
            in_progress,
        ));
    }
    let fees = link.fees_for(amount);
    let total_to_pay = fees.total_to_pay;

    let config = &state.config;
    let money_movement_id = new_money_movement_id();
    let is_nequi = method == PaymentMethod::Nequi;
    let expires_at = now.plus_seconds_u64(match method {
        PaymentMethod::Nequi => config.nequi_timeout_seconds,
        PaymentMethod::BreB => config.breb_code_seconds,
        PaymentMethod::Bancolombia | PaymentMethod::Pse => config.bank_timeout_seconds,
    });
    let code = (method == PaymentMethod::BreB).then(|| {
        let key = merchant_key(link);
        PaymentCode {
            payload: BrebCode {
                key: &key,
                amount: total_to_pay,
                iva: fees.iva,
                merchant_name: link.display_name(),
                merchant_city: MERCHANT_CITY,
                transaction_id: &money_movement_id,
            }
            .payload(),
            expires_at,
            key: Some(key),
            receiving_entity: Some(RECEIVING_ENTITY.to_owned()),
        }
    });
    // A Nequi payer approves a push in the app, a Bre-B payer pays the code
    // from theirs: neither has a page to visit.
    let has_page = matches!(method, PaymentMethod::Bancolombia | PaymentMethod::Pse);
    let reply = PayReply {
        payment_link: has_page.then(|| bank_page_url(&config.public_origin, &money_movement_id)),
        money_movement_id: money_movement_id.clone(),
        total_to_pay,
        approval_timeout_seconds: is_nequi.then_some(config.nequi_timeout_seconds),
        payment_code: code.clone(),
    };
    let reply_body = to_json_bytes(&reply);

    store.record_payment_key(&money_movement_id, &idempotency_key);
    store.insert_payment(Payment {
        money_movement_id,
        link_uuid: uuid,
        method,
        total_to_pay,
        payer,
        status: PaymentStatus::Pending,
        created_at: now,
        updated_at: now,
        expires_at: Some(expires_at),
        code,
    });
    let replies = &mut store.replies;
    replies.record(
        uuid,
        &idempotency_key,
        fingerprint,
        StatusCode::OK,
        reply_body.clone(),
    );
    Ok(json_bytes_response(StatusCode::OK, reply_body))
}

pub async fn payment_status(
    Path((uuid, money_movement_id)): Path<(String, String)>,
    State(state): State<AppState>,
) -> Result<Response, ApiError> {
    let uuid = link_uuid(&uuid)?;
    let (store, _now) = state.settled_store();
    Ok(json_response(
        StatusCode::OK,
        link_payment(&store, uuid, &money_movement_id)?,
    ))
}

/// The payment `money_movement_id` of the link `uuid`; 404 when either is unknown.
pub fn link_payment<'a>(
    store: &'a Store,
    uuid: Uuid,
    money_movement_id: &str,
) -> Result<&'a Payment, ApiError> {
    store.link(uuid).ok_or_else(ApiError::link_not_found)?;
    store
        .payment(money_movement_id)
        .filter(|payment| payment.link_uuid == uuid)
        .ok_or_else(|| ApiError::not_found("Payment doesn't exist for this link"))
}

/// `mm_` and 16 random hex digits, like the provider's money movements.
fn new_money_movement_id() -> String {
    let random = uuid::Uuid::new_v4().simple().to_string();
    format!("mm_{}", &random[..16])
}
