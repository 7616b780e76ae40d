//! The Belvo wire format: PSE payment links (seed 000) and Pix via Open
//! Finance payment intents (seed 001), plus the extensions in docs/api.md.

use serde::{Deserialize, Serialize};

use crate::api::decimal::WireDecimal;
use crate::api::error::ApiError;
use crate::api::pay_code::PaymentCodeWire;
use crate::api::provider::MethodNotOffered;
use crate::checkout::link::{
    AmountRule, CallbackUrls, Customer, LinkStatus, Merchant, Method, PaymentLink,
};
use crate::checkout::money::{Breakdown, Currency};
use crate::checkout::payment::{
    Bank, NextStep, PaymentDetails, PaymentReport, PaymentStarted, PaymentStatus,
};
use crate::checkout::text::{clean_text, MAX_DESCRIPTION_CHARS, MAX_MERCHANT_NAME_CHARS};
use crate::checkout::validate::DocumentType;

/// The payment link (seed 000), with `customer` expanded **[ext]**. Optional
/// fields the page never reads (`payment_url`, `payment_intent`, `expires_in`)
/// are left out here and below: serde skips them, and every field read costs
/// bundle bytes.
#[derive(Debug, Deserialize)]
pub struct LinkWire {
    pub id: String,
    pub access_token: String,
    pub callback_urls: Option<CallbackUrlsWire>,
    pub status: String,
    pub expires_at: Option<String>,
    pub amount: Option<WireDecimal>,
    pub description: Option<String>,
    #[serde(default)]
    pub allowed_payment_method_types: Vec<String>,
    /// Expanded by the page's call **[ext]**; Belvo itself answers an id.
    pub customer: Option<CustomerWire>,
    pub merchant: Option<MerchantWire>,
    #[serde(default)]
    pub allowed_embed_origins: Vec<String>,
    /// The payment intent still in progress on the link **[ext]**: waited
    /// for, never paid twice. (`payment_intent` names one even before any
    /// attempt, so it cannot tell.)
    pub payment_in_progress: Option<PaymentInProgressWire>,
}

#[derive(Debug, Deserialize)]
pub struct PaymentInProgressWire {
    pub payment_intent: String,
}

#[derive(Debug, Deserialize)]
pub struct CallbackUrlsWire {
    pub cancel: Option<String>,
    pub success: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct MerchantWire {
    pub name: String,
    pub logo_url: Option<String>,
    pub brand_color: Option<String>,
}

/// The customer (seed 000).
#[derive(Debug, Deserialize)]
pub struct CustomerWire {
    pub customer_type: String,
    pub name: String,
    pub email: Option<String>,
    pub identifier_type: Option<String>,
    pub identifier: Option<String>,
    pub phone: Option<String>,
}

/// An institution the payer pays from **[ext]**.
#[derive(Debug, Deserialize)]
pub struct InstitutionWire {
    pub id: String,
    pub name: String,
    pub display_name: Option<String>,
    #[serde(default)]
    pub active: bool,
}

/// The payment intent (seed 001), as created and as polled.
#[derive(Debug, Deserialize)]
pub struct PaymentIntentWire {
    pub id: String,
    pub status: String,
    pub amount: Option<WireDecimal>,
    #[serde(default)]
    pub allowed_payment_method_types: Vec<String>,
    pub payment_method_information: Option<MethodInformationWire>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub expires_at: Option<String>,
}

/// Where the payer authorises the payment, per method.
#[derive(Debug, Default, Deserialize)]
pub struct MethodInformationWire {
    pub open_finance: Option<RedirectWire>,
    pub pse: Option<RedirectWire>,
    /// The code a Pix QR intent is paid by **[ext]**.
    pub pix_qr: Option<PaymentCodeWire>,
}

#[derive(Debug, Deserialize)]
pub struct RedirectWire {
    pub redirect_url: Option<String>,
}

/// A transaction (seeds 000 and 001): money that moved.
#[derive(Debug, Deserialize)]
pub struct TransactionWire {
    pub id: String,
    pub amount: WireDecimal,
    pub currency: String,
    pub description: Option<String>,
    pub transaction_type: String,
    pub payment_intent: Option<String>,
}

/// A webhook event (seeds 000 and 001).
#[derive(Debug, Deserialize)]
pub struct WebhookWire {
    pub webhook_id: String,
    pub webhook_type: String,
    pub webhook_code: String,
    pub object_id: String,
}

fn malformed(what: &'static str) -> ApiError {
    ApiError::Malformed(what)
}

fn unreadable(_: serde_json::Error) -> ApiError {
    ApiError::Malformed("not the documented JSON")
}

/// The methods Belvo offers: each with its payment method type and currency.
const METHOD_TYPES: [(Method, &str, Currency); 3] = [
    (Method::Pse, "pse", Currency::COP),
    (Method::Pix, "open_finance", Currency::BRL),
    (Method::PixQr, "pix_qr", Currency::BRL),
];

/// The method a Belvo payment method type names, and its currency.
fn method_of(kind: &str) -> Option<(Method, Currency)> {
    METHOD_TYPES
        .iter()
        .find(|(_, known, _)| *known == kind)
        .map(|(method, _, currency)| (*method, *currency))
}

/// The payment method type of a method; none for a method Belvo does not offer.
fn method_type(method: Method) -> Option<&'static str> {
    METHOD_TYPES
        .iter()
        .find(|(offered, _, _)| *offered == method)
        .map(|(_, kind, _)| *kind)
}

pub fn parse_link(body: &str) -> Result<PaymentLink, ApiError> {
    let wire: LinkWire = serde_json::from_str(body).map_err(unreadable)?;
    wire.into_domain()
}

impl LinkWire {
    pub fn into_domain(self) -> Result<PaymentLink, ApiError> {
        let supported: Vec<(Method, Currency)> = self
            .allowed_payment_method_types
            .iter()
            .filter_map(|k| method_of(k))
            .collect();
        let Some(&(_, currency)) = supported.first() else {
            return Err(malformed("no payment method this page supports"));
        };
        let amount = self
            .amount
            .ok_or_else(|| malformed("link without amount"))?
            .charged()?;
        let status = match self.status.as_str() {
            "ACTIVE" => LinkStatus::Active,
            "COMPLETED" | "PAID" => LinkStatus::Paid {
                paid_at: None,
                paid_amount: Some(amount),
            },
            "EXPIRED" => LinkStatus::Expired,
            "CANCELLED" | "CANCELED" => LinkStatus::Cancelled,
            other => LinkStatus::Unrecognized(other.to_owned()),
        };
        let customer = self.customer.map(CustomerWire::into_domain);
        Ok(PaymentLink {
            token: self.access_token,
            merchant: match self.merchant {
                Some(m) => Merchant {
                    name: clean_text(&m.name, MAX_MERCHANT_NAME_CHARS),
                    logo_url: m.logo_url,
                    brand_color: m.brand_color,
                },
                None => Merchant {
                    name: String::new(),
                    logo_url: None,
                    brand_color: None,
                },
            },
            description: clean_text(
                self.description.as_deref().unwrap_or_default(),
                MAX_DESCRIPTION_CHARS,
            ),
            currency,
            amount: AmountRule::Fixed(Breakdown {
                amount,
                fee: 0,
                iva: 0,
                total: amount,
            }),
            status,
            expires_at: self.expires_at,
            methods: supported.into_iter().map(|(m, _)| m).collect(),
            callback_urls: self.callback_urls.map(|c| CallbackUrls {
                success: c.success,
                cancel: c.cancel,
            }),
            customer,
            embed_origins: self.allowed_embed_origins,
            payment_in_progress: self.payment_in_progress.map(|p| p.payment_intent),
        })
    }
}

impl CustomerWire {
    pub fn into_domain(self) -> Customer {
        Customer {
            name: self.name,
            business: self.customer_type == "BUSINESS",
            email: self.email,
            phone: self.phone,
            document_type: self
                .identifier_type
                .as_deref()
                .and_then(DocumentType::from_code),
            document: self.identifier,
        }
    }
}

/// Active institutions only: an inactive one cannot be paid from.
pub fn parse_institutions(body: &str) -> Result<Vec<Bank>, ApiError> {
    let wire: Vec<InstitutionWire> = serde_json::from_str(body).map_err(unreadable)?;
    Ok(wire
        .into_iter()
        .filter(|i| i.active)
        .map(|i| Bank {
            id: i.id,
            name: i.display_name.unwrap_or(i.name),
        })
        .collect())
}

#[derive(Serialize)]
struct IntentRequestWire<'a> {
    allowed_payment_method_types: [&'static str; 1],
    payment_method_details: MethodDetailsWire<'a>,
    confirm: bool,
}

/// One of the keys is set: the link's method.
#[derive(Serialize)]
struct MethodDetailsWire<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    open_finance: Option<PayerChoiceWire<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pse: Option<PayerChoiceWire<'a>>,
    /// `{}`: a code asks the payer nothing (docs/api.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pix_qr: Option<NothingWire>,
}

#[derive(Serialize)]
struct NothingWire {}

#[derive(Clone, Copy, Serialize)]
struct PayerChoiceWire<'a> {
    payer_institution: &'a str,
    callback_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    cpf: Option<&'a str>,
}

/// The body of a payment intent for a link: only what the payer decided
/// (docs/api.md); the provider takes amount and beneficiary from the link.
pub fn payment_intent_body(
    details: &PaymentDetails,
    callback_url: &str,
) -> Result<String, MethodNotOffered> {
    let method_type = method_type(details.method).ok_or(MethodNotOffered(details.method))?;
    let choice = PayerChoiceWire {
        payer_institution: details.bank_id.as_deref().unwrap_or_default(),
        callback_url,
        cpf: details.payer_cpf.as_deref(),
    };
    let method = details.method;
    let wire = IntentRequestWire {
        allowed_payment_method_types: [method_type],
        payment_method_details: MethodDetailsWire {
            open_finance: (method == Method::Pix).then_some(choice),
            pse: (method == Method::Pse).then_some(choice),
            pix_qr: (method == Method::PixQr).then_some(NothingWire {}),
        },
        confirm: true,
    };
    Ok(serde_json::to_string(&wire).expect("strings and booleans always serialize"))
}

fn parse_intent(body: &str) -> Result<PaymentIntentWire, ApiError> {
    let intent: PaymentIntentWire = serde_json::from_str(body).map_err(unreadable)?;
    intent.amount.map(WireDecimal::charged).transpose()?;
    Ok(intent)
}

/// A created intent: where the payer authorises it, or the code they pay.
pub fn parse_intent_started(body: &str) -> Result<PaymentStarted, ApiError> {
    let intent = parse_intent(body)?;
    let information = intent.payment_method_information.unwrap_or_default();
    if let Some(code) = information.pix_qr {
        return Ok(PaymentStarted {
            reference: intent.id,
            next: NextStep::ShowCode(code.into_domain()?),
        });
    }
    let redirect = [information.open_finance, information.pse]
        .into_iter()
        .flatten()
        .find_map(|m| m.redirect_url)
        .filter(|url| !url.is_empty())
        .ok_or_else(|| malformed("payment intent without redirect_url"))?;
    Ok(PaymentStarted {
        reference: intent.id,
        next: NextStep::Redirect(redirect),
    })
}

/// A polled intent. FAILED and CANCELED never read as paid; REQUIRES_ACTION
/// and PROCESSING are still pending. A Pix QR intent is CANCELED when the
/// payer declines it in their bank app (docs/api.md), not when they leave.
pub fn parse_intent_report(body: &str) -> Result<PaymentReport, ApiError> {
    let intent = parse_intent(body)?;
    let method = intent
        .allowed_payment_method_types
        .iter()
        .find_map(|k| method_of(k))
        .map(|(m, _)| m);
    let status = match intent.status.as_str() {
        "REQUIRES_ACTION" | "PROCESSING" => PaymentStatus::Pending,
        "SUCCEEDED" => PaymentStatus::Approved,
        "CANCELED" | "CANCELLED" if method == Some(Method::PixQr) => PaymentStatus::Declined,
        "CANCELED" | "CANCELLED" => PaymentStatus::Abandoned,
        "FAILED" => PaymentStatus::Declined,
        other => PaymentStatus::Unrecognized(other.to_owned()),
    };
    Ok(PaymentReport {
        method,
        reference: intent.id,
        status,
        total: intent.amount.map(|a| a.0),
        updated_at: intent.updated_at.or(intent.created_at),
        expires_at: intent.expires_at,
        code: intent
            .payment_method_information
            .and_then(|information| information.pix_qr)
            .map(|code| code.into_domain().map(Box::new))
            .transpose()?,
    })
}

#[cfg(test)]
#[path = "wire_tests.rs"]
mod tests;
