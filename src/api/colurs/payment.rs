//! The Colurs pay wire format (seed 003 and the extensions in docs/api.md):
//! the pay request body, its answer, a payment's status and the PSE banks.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::codes::{method_code, method_of, payment_status, person_type_code};
use crate::api::decimal::WireDecimal;
use crate::api::error::ApiError;
use crate::api::pay_code::PaymentCodeWire;
use crate::api::provider::MethodNotOffered;
use crate::checkout::link::Method;
use crate::checkout::money::cents_to_wire;
use crate::checkout::payment::{Bank, NextStep, PaymentDetails, PaymentReport, PaymentStarted};
use crate::checkout::validate::DocumentType;

/// The body of `POST /api/payment_link/{uuid}/pay/`, with the seed's names.
/// Fields serialize in declaration order, so the same attempt sent again is
/// byte-identical: the server compares bodies under one `Idempotency-Key`.
#[derive(Serialize)]
struct PayRequestWire<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<Box<RawValue>>,
    payment_method: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    payer_email: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payer_phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payer_type_document: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payer_document: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bank_id: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payer_person_type: Option<&'static str>,
}

/// Colombian numbers are sent in international form.
const COLOMBIA_CALLING_CODE: &str = "+57";

/// The JSON body of a pay request. PSE-only fields are sent only with PSE.
pub fn pay_request_body(details: &PaymentDetails) -> Result<String, MethodNotOffered> {
    let is_pse = details.method == Method::Pse;
    let wire = PayRequestWire {
        amount: details.amount.map(wire_amount),
        payment_method: method_code(details.method).ok_or(MethodNotOffered(details.method))?,
        payer_email: details.email.as_deref(),
        payer_phone: details
            .phone
            .as_ref()
            .map(|national| format!("{COLOMBIA_CALLING_CODE}{national}")),
        payer_type_document: details.document_type.map(DocumentType::code),
        payer_document: details.document.as_deref(),
        // Colurs bank ids are integers on the wire.
        bank_id: details
            .bank_id
            .as_deref()
            .and_then(|id| id.parse().ok())
            .filter(|_| is_pse),
        payer_person_type: details.person_type.filter(|_| is_pse).map(person_type_code),
    };
    Ok(serde_json::to_string(&wire).expect("a struct of strings and integers always serializes"))
}

/// An amount as a JSON number with two decimals (`50000.00`), written from
/// the exact cents so no floating point rounds it.
fn wire_amount(cents: i64) -> Box<RawValue> {
    RawValue::from_string(cents_to_wire(cents)).expect("cents_to_wire writes a plain JSON number")
}

fn malformed(what: &'static str) -> ApiError {
    ApiError::Malformed(what)
}

fn unreadable(_: serde_json::Error) -> ApiError {
    ApiError::Malformed("not the documented JSON")
}

/// The answer to a pay request. `total_to_pay` is only checked: the total was
/// shown from the link and the status report carries it again.
#[derive(Deserialize)]
struct PayResponseWire {
    payment_link: Option<String>,
    money_movement_id: String,
    total_to_pay: Option<WireDecimal>,
    approval_timeout_seconds: Option<u32>,
    /// A method paid by code (`BRE_B`) **[ext]**.
    payment_code: Option<PaymentCodeWire>,
}

/// Reads the answer to a pay request: where to send the payer, how long to
/// wait for an approval in the Nequi app, or the code to show (Bre-B). The
/// redirect URL is not checked here.
pub fn parse_pay_response(body: &str) -> Result<PaymentStarted, ApiError> {
    let wire: PayResponseWire = serde_json::from_str(body).map_err(unreadable)?;
    if wire.money_movement_id.is_empty() {
        // Without a reference the payment could never be followed up.
        return Err(malformed("empty money_movement_id"));
    }
    wire.total_to_pay.map(WireDecimal::charged).transpose()?;
    let next = match (
        wire.payment_link,
        wire.approval_timeout_seconds,
        wire.payment_code,
    ) {
        (Some(url), _, _) if !url.is_empty() => NextStep::Redirect(url),
        // A zero limit would be over before the payer could open the app.
        (_, Some(timeout_seconds), _) if timeout_seconds > 0 => {
            NextStep::AwaitApproval { timeout_seconds }
        }
        (_, _, Some(code)) => NextStep::ShowCode(code.into_domain()?),
        _ => {
            return Err(malformed(
                "neither payment_link, approval_timeout_seconds nor payment_code",
            ))
        }
    };
    Ok(PaymentStarted {
        reference: wire.money_movement_id,
        next,
    })
}

/// `GET /api/payment_link/{uuid}/payments/{money_movement_id}/`; unknown
/// fields are ignored.
#[derive(Deserialize)]
struct PaymentStatusWire {
    money_movement_id: String,
    payment_method: Option<String>,
    status: String,
    total_to_pay: Option<WireDecimal>,
    updated_at: Option<String>,
    expires_at: Option<String>,
    payment_code: Option<PaymentCodeWire>,
}

/// Reads a payment's status. An unknown status stays unrecognized (never
/// approved) and an unknown method is left out.
pub fn parse_payment_status(body: &str) -> Result<PaymentReport, ApiError> {
    let wire: PaymentStatusWire = serde_json::from_str(body).map_err(unreadable)?;
    Ok(PaymentReport {
        reference: wire.money_movement_id,
        method: wire.payment_method.as_deref().and_then(method_of),
        status: payment_status(&wire.status),
        total: wire.total_to_pay.map(WireDecimal::charged).transpose()?,
        updated_at: wire.updated_at,
        expires_at: wire.expires_at,
        code: wire
            .payment_code
            .map(|code| code.into_domain().map(Box::new))
            .transpose()?,
    })
}

#[derive(Deserialize)]
struct BankWire {
    id: u32,
    name: String,
}

/// Reads `GET /api/pse/banks/` as served, placeholder included; the page's
/// `sort_banks` drops it.
pub fn parse_banks(body: &str) -> Result<Vec<Bank>, ApiError> {
    let wire: Vec<BankWire> = serde_json::from_str(body).map_err(unreadable)?;
    Ok(wire
        .into_iter()
        .map(|bank| Bank {
            id: bank.id.to_string(),
            name: bank.name,
        })
        .collect())
}

#[cfg(test)]
#[path = "payment_tests.rs"]
mod tests;
