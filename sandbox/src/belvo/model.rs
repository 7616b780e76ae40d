//! Belvo's objects as the sandbox keeps them: customers, payment links and
//! payment intents (docs/api.md, "The Belvo wire format"), and the rules
//! that give them their status at a given instant.

use std::fmt;

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use uuid::Uuid;

use crate::shared::emv::PaymentCode;
use crate::shared::money::Cents;
use crate::shared::vocabulary::wire_vocabulary;
use crate::test_controls::clock::Timestamp;

wire_vocabulary!(CustomerType { Individual => "INDIVIDUAL", Business => "BUSINESS" });

wire_vocabulary!(Country { Col => "COL", Bra => "BRA" });

wire_vocabulary!(IdentifierType { Cc => "CC", Nit => "NIT", Cpf => "CPF", Cnpj => "CNPJ" });

wire_vocabulary!(
    /// A payment method: PSE in Colombia, Pix via Open Finance in Brazil,
    /// and **[ext]** a Pix QR code ("copia e cola") beside Open Finance.
    Method { Pse => "pse", OpenFinance => "open_finance", PixQr => "pix_qr" }
);

wire_vocabulary!(LinkStatus {
    Active => "ACTIVE",
    Completed => "COMPLETED",
    Expired => "EXPIRED",
    Cancelled => "CANCELLED",
});

wire_vocabulary!(IntentStatus {
    RequiresAction => "REQUIRES_ACTION",
    Processing => "PROCESSING",
    Succeeded => "SUCCEEDED",
    Failed => "FAILED",
    Canceled => "CANCELED",
});

wire_vocabulary!(Currency { Cop => "COP", Brl => "BRL" });

impl IdentifierType {
    pub fn country(self) -> Country {
        match self {
            IdentifierType::Cc | IdentifierType::Nit => Country::Col,
            IdentifierType::Cpf | IdentifierType::Cnpj => Country::Bra,
        }
    }
}

impl Method {
    pub fn country(self) -> Country {
        match self {
            Method::Pse => Country::Col,
            Method::OpenFinance | Method::PixQr => Country::Bra,
        }
    }

    pub fn currency(self) -> Currency {
        match self {
            Method::Pse => Currency::Cop,
            Method::OpenFinance | Method::PixQr => Currency::Brl,
        }
    }
}

/// The user a merchant creates a payment link for (seed 000), its fields
/// in the order Belvo writes them.
#[derive(Clone, Debug, Serialize)]
pub struct Customer {
    pub id: Uuid,
    pub created_at: Timestamp,
    pub created_by: Uuid,
    pub customer_type: CustomerType,
    pub name: String,
    pub address: Option<String>,
    pub country: Country,
    pub email: String,
    pub phone: Option<String>,
    /// Compact: no dots, dashes or slashes (`39053344705`).
    pub identifier: String,
    pub identifier_type: IdentifierType,
}

/// An amount as Belvo writes it for each method: PSE a whole number of pesos
/// (a JSON number, `1000`), Open Finance reais as a decimal string
/// (`"1234.12"`). Never floating point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Amount {
    WholePesos(i64),
    Reais(Cents),
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::WholePesos(pesos) => write!(f, "{pesos}"),
            Amount::Reais(reais) => write!(f, "{reais}"),
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Amount::WholePesos(pesos) => RawValue::from_string(pesos.to_string())
                .map_err(serde::ser::Error::custom)?
                .serialize(serializer),
            Amount::Reais(reais) => serializer.serialize_str(&reais.to_string()),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallbackUrls {
    pub cancel: String,
    pub success: String,
}

/// **[ext]** Who asks for the money, as on the Colurs links.
pub use crate::shared::link_fields::Merchant;

#[derive(Clone, Debug)]
pub struct PaymentLink {
    pub id: Uuid,
    /// The capability in the payment URL: 43 base64url characters.
    pub access_token: String,
    pub created_at: Timestamp,
    pub created_by: Uuid,
    /// When something the merchant sees changed other than by time alone
    /// (a new payment intent).
    pub updated_at: Timestamp,
    /// The link's payment intent: reserved on creation, taken by the first
    /// intent the payer creates; a later attempt replaces it.
    pub payment_intent: Uuid,
    pub callback_urls: CallbackUrls,
    pub expires_in: String,
    pub expires_at: Timestamp,
    pub amount: Amount,
    pub description: String,
    /// The link's method with a bank page (`pse`, `open_finance`).
    pub method: Method,
    /// An Open Finance link also takes a Pix QR code **[ext]**.
    pub pix_qr: bool,
    pub beneficiary_bank_account: Uuid,
    pub provider: Option<String>,
    pub customer: Uuid,
    pub merchant: Option<Merchant>,
    pub allowed_embed_origins: Vec<String>,
}

/// How the bank gives the payer back: Open Finance allows both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnStyle {
    Query,
    Fragment,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The payer authorised the payment: PROCESSING, then SUCCEEDED.
    Approved,
    /// The payer authorised it, but the link could no longer take money
    /// (expired, or paid by another attempt): FAILED.
    Refused,
    /// The payer rejected it at the bank: CANCELED.
    Rejected,
}

/// What the payer did on the bank's consent page.
#[derive(Clone, Debug)]
pub struct Decision {
    pub at: Timestamp,
    pub outcome: Outcome,
    /// Where the bank sent the payer: `callback_url` with the answer.
    pub return_url: String,
    /// The charge a successful payment produces.
    pub charge_id: Uuid,
}

#[derive(Clone, Debug)]
pub struct PaymentIntent {
    pub id: Uuid,
    pub access_token: String,
    pub method: Method,
    pub amount: Amount,
    /// The payer's bank and where it sends them back; a Pix QR code has
    /// neither (nil, empty): the payer pays it from their own bank app.
    pub payer_institution: Uuid,
    pub callback_url: String,
    pub cpf: Option<String>,
    pub created_at: Timestamp,
    /// Open Finance: the consent's deadline; PSE: the bank page's
    /// (`bank_timeout_seconds`); Pix QR: the code's (`pix_qr_seconds`).
    pub expires_at: Option<Timestamp>,
    pub decision: Option<Decision>,
    /// Pix QR: the BR Code the payer pays.
    pub code: Option<PaymentCode>,
}

impl PaymentIntent {
    pub fn status_at(&self, now: Timestamp, processing_seconds: u64) -> IntentStatus {
        match &self.decision {
            Some(decision) => match decision.outcome {
                Outcome::Rejected => IntentStatus::Canceled,
                Outcome::Refused => IntentStatus::Failed,
                Outcome::Approved if now >= succeeded_at(decision, processing_seconds) => {
                    IntentStatus::Succeeded
                }
                Outcome::Approved => IntentStatus::Processing,
            },
            None if self.consent_expired_at(now) => IntentStatus::Failed,
            None => IntentStatus::RequiresAction,
        }
    }

    /// Unanswered past its deadline: the consent expired.
    pub fn consent_expired_at(&self, now: Timestamp) -> bool {
        self.decision.is_none() && self.expires_at.is_some_and(|deadline| now >= deadline)
    }

    /// When it succeeded (or will), for an approved intent.
    pub fn succeeded_at(&self, processing_seconds: u64) -> Option<Timestamp> {
        self.decision
            .as_ref()
            .filter(|decision| decision.outcome == Outcome::Approved)
            .map(|decision| succeeded_at(decision, processing_seconds))
    }

    /// The last change by `now`.
    pub fn updated_at(&self, now: Timestamp, processing_seconds: u64) -> Timestamp {
        match (&self.decision, self.expires_at) {
            (Some(decision), _) => self
                .succeeded_at(processing_seconds)
                .filter(|succeeded| *succeeded <= now)
                .unwrap_or(decision.at),
            (None, Some(deadline)) if now >= deadline => deadline,
            (None, _) => self.created_at,
        }
    }
}

fn succeeded_at(decision: &Decision, processing_seconds: u64) -> Timestamp {
    decision
        .at
        .plus_seconds(i64::try_from(processing_seconds).unwrap_or(i64::MAX))
}
