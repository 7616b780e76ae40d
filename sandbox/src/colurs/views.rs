//! The JSON shapes the API answers with, field names verbatim from
//! docs/api.md (the seed's fields first, then the extensions).

use serde::Serialize;
use uuid::Uuid;

use crate::colurs::model::{
    CallbackUrls, Currency, FeeMode, Link, LinkStatus, Merchant, Owner, PaymentMethod,
};
use crate::shared::emv::PaymentCode;
use crate::shared::money::Cents;
use crate::test_controls::clock::Timestamp;

pub fn link_url(public_origin: &str, uuid: Uuid) -> String {
    format!("{public_origin}/pay/{uuid}")
}

pub fn bank_page_url(public_origin: &str, money_movement_id: &str) -> String {
    format!("{public_origin}/sandbox/bank/{money_movement_id}")
}

#[derive(Serialize)]
pub struct LinkView<'a> {
    id: u64,
    uuid: String,
    owner: &'a Owner,
    currency: Currency,
    amount: Option<Cents>,
    colurs_fee_amount: Option<Cents>,
    colurs_iva_amount: Option<Cents>,
    total_to_pay: Option<Cents>,
    status: LinkStatus,
    expires_at: Option<Timestamp>,
    paid_at: Option<Timestamp>,
    paid_amount: Option<Cents>,
    link_url: String,
    allowed_methods: &'a [PaymentMethod],
    description: &'a str,
    created_at: Timestamp,
    updated_at: Timestamp,
    is_general: bool,
    fee_mode: FeeMode,
    fee_rate_bps: u32,
    iva_rate_bps: u32,
    min_amount: Option<Cents>,
    max_amount: Option<Cents>,
    merchant: Option<&'a Merchant>,
    callback_urls: Option<&'a CallbackUrls>,
    allowed_embed_origins: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_in_progress: Option<PaymentInProgress<'a>>,
}

/// The payment a link is waiting for **[ext]**: the page waits for it too.
#[derive(Serialize)]
struct PaymentInProgress<'a> {
    money_movement_id: &'a str,
}

impl<'a> LinkView<'a> {
    pub fn new(link: &'a Link, public_origin: &str) -> Self {
        let fees = link.fixed_fees();
        LinkView {
            id: link.id,
            uuid: link.uuid.to_string(),
            owner: &link.owner,
            currency: link.currency,
            amount: link.amount,
            colurs_fee_amount: fees.map(|fees| fees.fee),
            colurs_iva_amount: fees.map(|fees| fees.iva),
            total_to_pay: fees.map(|fees| fees.total_to_pay),
            status: link.status,
            expires_at: link.expires_at,
            paid_at: link.paid_at,
            paid_amount: link.paid_amount,
            link_url: link_url(public_origin, link.uuid),
            allowed_methods: &link.allowed_methods,
            description: &link.description,
            created_at: link.created_at,
            updated_at: link.updated_at,
            is_general: link.is_general,
            fee_mode: link.fee_mode,
            fee_rate_bps: link.fee_rate_bps,
            iva_rate_bps: link.iva_rate_bps,
            min_amount: link.min_amount,
            max_amount: link.max_amount,
            merchant: link.merchant.as_ref(),
            callback_urls: link.callback_urls.as_ref(),
            allowed_embed_origins: &link.allowed_embed_origins,
            payment_in_progress: link
                .payment_in_progress
                .as_deref()
                .map(|money_movement_id| PaymentInProgress { money_movement_id }),
        }
    }
}

#[derive(Serialize)]
pub struct LinkPage<'a> {
    pub count: usize,
    pub page: usize,
    pub results: Vec<LinkView<'a>>,
}

/// The answer to a pay call.
#[derive(Serialize)]
pub struct PayReply {
    pub payment_link: Option<String>,
    pub money_movement_id: String,
    pub total_to_pay: Cents,
    pub approval_timeout_seconds: Option<u64>,
    /// Bre-B **[ext]**: the code to show; absent for the other methods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_code: Option<PaymentCode>,
}
