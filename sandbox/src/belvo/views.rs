//! The JSON shapes of the Belvo calls, field names verbatim from
//! docs/api.md (seed 000's fields first, in the seed's order).

use std::collections::BTreeMap;

use serde::Serialize;
use uuid::Uuid;

use super::model::{
    Amount, CallbackUrls, Currency, Customer, IntentStatus, LinkStatus, Merchant, Method,
    PaymentIntent, PaymentLink,
};
use crate::shared::emv::PaymentCode;
use crate::test_controls::clock::Timestamp;

/// On creation the link names its customer by id, as Belvo does; the page
/// reads it expanded **[ext]**.
#[derive(Serialize)]
#[serde(untagged)]
pub enum LinkCustomer<'a> {
    Id(String),
    Expanded(&'a Customer),
}

#[derive(Serialize)]
struct BeneficiaryDetails {
    beneficiary_bank_account: String,
}

#[derive(Serialize)]
pub struct LinkView<'a> {
    id: String,
    created_at: Timestamp,
    created_by: String,
    payment_url: String,
    payment_intent: String,
    access_token: &'a str,
    callback_urls: &'a CallbackUrls,
    updated_at: Timestamp,
    status: LinkStatus,
    expires_in: &'a str,
    expires_at: Timestamp,
    amount: Amount,
    description: &'a str,
    allowed_payment_method_types: Vec<Method>,
    payment_method_details: BTreeMap<&'static str, BeneficiaryDetails>,
    provider: Option<&'a str>,
    customer: LinkCustomer<'a>,
    merchant: Option<&'a Merchant>,
    allowed_embed_origins: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_in_progress: Option<IntentInProgress>,
}

/// The payment intent the link waits for **[ext]**: `payment_intent` names
/// one even before the first attempt, so it cannot say whether one is under way.
#[derive(Serialize)]
struct IntentInProgress {
    payment_intent: String,
}

impl<'a> LinkView<'a> {
    pub fn new(
        link: &'a PaymentLink,
        (status, updated_at): (LinkStatus, Timestamp),
        in_progress: Option<Uuid>,
        customer: LinkCustomer<'a>,
        public_origin: &str,
    ) -> Self {
        let mut methods = vec![link.method];
        if link.pix_qr {
            methods.push(Method::PixQr);
        }
        LinkView {
            id: link.id.to_string(),
            created_at: link.created_at,
            created_by: link.created_by.to_string(),
            payment_url: format!("{public_origin}/pay/{}", link.access_token),
            payment_intent: link.payment_intent.to_string(),
            access_token: &link.access_token,
            callback_urls: &link.callback_urls,
            updated_at,
            status,
            expires_in: &link.expires_in,
            expires_at: link.expires_at,
            amount: link.amount,
            description: &link.description,
            allowed_payment_method_types: methods.clone(),
            payment_method_details: methods
                .iter()
                .map(|method| {
                    let account = link.beneficiary_bank_account.to_string();
                    (
                        method.as_str(),
                        BeneficiaryDetails {
                            beneficiary_bank_account: account,
                        },
                    )
                })
                .collect(),
            provider: link.provider.as_deref(),
            customer,
            merchant: link.merchant.as_ref(),
            allowed_embed_origins: &link.allowed_embed_origins,
            payment_in_progress: in_progress.map(|id| IntentInProgress {
                payment_intent: id.to_string(),
            }),
        }
    }
}

/// A Pix QR code has no institution nor callback: the payer's app pays it.
#[derive(Serialize)]
struct IntentDetails<'a> {
    beneficiary_bank_account: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    payer_institution: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    callback_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cpf: Option<&'a str>,
}

/// Where the payer authorises the payment (a bank page), or **[ext]** the
/// code they pay from their bank app.
#[derive(Serialize)]
#[serde(untagged)]
enum IntentInformation<'a> {
    Redirect { redirect_url: String },
    Code(&'a PaymentCode),
}

#[derive(Serialize)]
struct ChargeView {
    id: String,
    status: IntentStatus,
    amount: Amount,
    currency: Currency,
    created_at: Timestamp,
}

#[derive(Serialize)]
pub struct IntentView<'a> {
    id: String,
    status: IntentStatus,
    amount: Amount,
    currency: Currency,
    description: &'a str,
    customer: String,
    allowed_payment_method_types: [Method; 1],
    payment_method_details: BTreeMap<&'static str, IntentDetails<'a>>,
    payment_method_information: BTreeMap<&'static str, IntentInformation<'a>>,
    charges: Vec<ChargeView>,
    created_at: Timestamp,
    updated_at: Timestamp,
    expires_at: Option<Timestamp>,
}

impl<'a> IntentView<'a> {
    pub fn new(
        intent: &'a PaymentIntent,
        link: &'a PaymentLink,
        now: Timestamp,
        processing_seconds: u64,
        public_origin: &str,
    ) -> Self {
        let status = intent.status_at(now, processing_seconds);
        let currency = intent.method.currency();
        let by_bank = intent.code.is_none();
        // A successful payment is one charge, as Belvo reports it.
        let charges = match (&intent.decision, status) {
            (Some(decision), IntentStatus::Succeeded) => vec![ChargeView {
                id: decision.charge_id.to_string(),
                status,
                amount: intent.amount,
                currency,
                created_at: decision.at,
            }],
            _ => Vec::new(),
        };
        IntentView {
            id: intent.id.to_string(),
            status,
            amount: intent.amount,
            currency,
            description: &link.description,
            customer: link.customer.to_string(),
            allowed_payment_method_types: [intent.method],
            payment_method_details: BTreeMap::from([(
                intent.method.as_str(),
                IntentDetails {
                    beneficiary_bank_account: link.beneficiary_bank_account.to_string(),
                    payer_institution: by_bank.then(|| intent.payer_institution.to_string()),
                    callback_url: by_bank.then_some(intent.callback_url.as_str()),
                    cpf: intent.cpf.as_deref(),
                },
            )]),
            payment_method_information: BTreeMap::from([(
                intent.method.as_str(),
                match &intent.code {
                    Some(code) => IntentInformation::Code(code),
                    None => IntentInformation::Redirect {
                        redirect_url: format!("{public_origin}/sandbox/consent/{}", intent.id),
                    },
                },
            )]),
            charges,
            created_at: intent.created_at,
            updated_at: intent.updated_at(now, processing_seconds),
            expires_at: intent.expires_at,
        }
    }
}
