//! The Colurs payment-link wire format (seed 003 and the extensions in docs/api.md).

use serde::Deserialize;

use super::codes::{link_status, method_of, METHODS};
use crate::api::decimal::{WireDecimal, AMOUNTS_DO_NOT_ADD_UP};
use crate::api::error::ApiError;
use crate::checkout::link::{
    AmountRule, CallbackUrls, FeePolicy, LinkStatus, Merchant, Method, OpenAmount, PaymentLink,
};
use crate::checkout::money::{Breakdown, Currency, FeeMode};
use crate::checkout::text::{clean_text, MAX_DESCRIPTION_CHARS, MAX_MERCHANT_NAME_CHARS};

/// `GET /api/payment_link/{uuid}/`, fields verbatim; unknown fields are ignored
/// and absent `Option` fields read as `None`.
#[derive(Debug, Deserialize)]
pub struct LinkWire {
    pub uuid: String,
    pub owner: Option<OwnerWire>,
    pub currency: String,
    pub amount: Option<WireDecimal>,
    pub colurs_fee_amount: Option<WireDecimal>,
    pub colurs_iva_amount: Option<WireDecimal>,
    pub total_to_pay: Option<WireDecimal>,
    pub status: String,
    pub expires_at: Option<String>,
    pub paid_at: Option<String>,
    pub paid_amount: Option<WireDecimal>,
    pub allowed_methods: Option<Vec<String>>,
    pub description: Option<String>,
    // Extensions (docs/api.md).
    pub is_general: Option<bool>,
    pub fee_mode: Option<String>,
    pub fee_rate_bps: Option<u32>,
    pub iva_rate_bps: Option<u32>,
    pub min_amount: Option<WireDecimal>,
    pub max_amount: Option<WireDecimal>,
    pub merchant: Option<MerchantWire>,
    pub callback_urls: Option<CallbackUrlsWire>,
    #[serde(default)]
    pub allowed_embed_origins: Vec<String>,
    pub payment_in_progress: Option<PaymentInProgressWire>,
}

/// The attempt in progress on an `ACTIVE` link **[ext]**.
#[derive(Debug, Deserialize)]
pub struct PaymentInProgressWire {
    pub money_movement_id: String,
}

#[derive(Debug, Deserialize)]
pub struct OwnerWire {
    pub username: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct MerchantWire {
    pub name: String,
    pub logo_url: Option<String>,
    pub brand_color: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct CallbackUrlsWire {
    pub success: Option<String>,
    pub cancel: Option<String>,
}

/// Parses a link answer into the domain model.
pub fn parse_link(body: &str) -> Result<PaymentLink, ApiError> {
    let wire: LinkWire =
        serde_json::from_str(body).map_err(|_| ApiError::Malformed("not the documented JSON"))?;
    wire.into_domain()
}

impl LinkWire {
    pub fn into_domain(self) -> Result<PaymentLink, ApiError> {
        let malformed = |what: &'static str| ApiError::Malformed(what);
        let currency =
            Currency::from_code(&self.currency).ok_or_else(|| malformed("unsupported currency"))?;
        let fee_mode = match self.fee_mode.as_deref() {
            Some("receiver") => FeeMode::Receiver,
            _ => FeeMode::Payer,
        };
        let amount = if self.is_general == Some(true) {
            AmountRule::PayerChooses(OpenAmount {
                min: self.min_amount.map(|d| d.0),
                max: self.max_amount.map(|d| d.0),
                fees: FeePolicy {
                    fee_rate_bps: self.fee_rate_bps.unwrap_or(0),
                    iva_rate_bps: self.iva_rate_bps.unwrap_or(0),
                    mode: fee_mode,
                },
            })
        } else {
            let amount = self
                .amount
                .ok_or_else(|| malformed("fixed link without amount"))?
                .charged()?;
            let fee = self.colurs_fee_amount.map_or(0, |d| d.0);
            let iva = self.colurs_iva_amount.map_or(0, |d| d.0);
            if fee < 0 || iva < 0 {
                return Err(malformed(AMOUNTS_DO_NOT_ADD_UP));
            }
            let total = match fee_mode {
                FeeMode::Payer => amount
                    .checked_add(fee)
                    .and_then(|s| s.checked_add(iva))
                    .ok_or_else(|| malformed(AMOUNTS_DO_NOT_ADD_UP))?,
                FeeMode::Receiver => amount,
            };
            // The payer is charged total_to_pay: one that is not what the
            // summary's lines add up to would charge what the page never showed.
            if self.total_to_pay.is_some_and(|d| d.0 != total) {
                return Err(malformed(AMOUNTS_DO_NOT_ADD_UP));
            }
            AmountRule::Fixed(Breakdown {
                amount,
                fee,
                iva,
                total,
            })
        };
        let status = match link_status(&self.status) {
            // Paid is believed only with when and how much.
            LinkStatus::Paid { .. } => {
                match (self.paid_at.filter(|at| !at.is_empty()), self.paid_amount) {
                    (Some(paid_at), Some(paid)) => LinkStatus::Paid {
                        paid_at: Some(paid_at),
                        paid_amount: Some(paid.charged()?),
                    },
                    _ => return Err(malformed(AMOUNTS_DO_NOT_ADD_UP)),
                }
            }
            other => other,
        };
        // The seed's GET example omits allowed_methods: then every method is allowed.
        let methods: Vec<Method> = match &self.allowed_methods {
            Some(codes) => codes.iter().filter_map(|c| method_of(c)).collect(),
            None => METHODS.iter().map(|(method, _)| *method).collect(),
        };
        if status.is_payable() && methods.is_empty() {
            return Err(malformed("no payment method this page supports"));
        }
        let (name, logo_url, brand_color) = match self.merchant {
            Some(m) => (Some(m.name), m.logo_url, m.brand_color),
            None => (None, None, None),
        };
        // A name with nothing left to show reads as no name.
        let shown_name = |name: String| {
            Some(clean_text(&name, MAX_MERCHANT_NAME_CHARS)).filter(|n| !n.is_empty())
        };
        let merchant = Merchant {
            name: name
                .and_then(shown_name)
                .or_else(|| self.owner.and_then(|o| o.username).and_then(shown_name))
                .unwrap_or_default(),
            logo_url,
            brand_color,
        };
        Ok(PaymentLink {
            token: self.uuid,
            merchant,
            description: clean_text(
                self.description.as_deref().unwrap_or_default(),
                MAX_DESCRIPTION_CHARS,
            ),
            currency,
            amount,
            status,
            expires_at: self.expires_at,
            methods,
            callback_urls: self.callback_urls.map(|c| CallbackUrls {
                success: c.success,
                cancel: c.cancel,
            }),
            customer: None,
            embed_origins: self.allowed_embed_origins,
            payment_in_progress: self.payment_in_progress.map(|p| p.money_movement_id),
        })
    }
}

#[cfg(test)]
#[path = "link_tests.rs"]
mod tests;
