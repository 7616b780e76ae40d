//! A payment attempt: what the payer submits, what the provider answers, and
//! where the money stands afterwards.

use super::link::Method;
use super::validate::DocumentType;

/// Natural or juridical person (PSE asks; juridical persons use a NIT).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PersonType {
    Natural,
    Juridical,
}

/// A bank or institution the payer pays from: a PSE bank (numeric id at
/// Colurs, uuid at Belvo) or an Open Finance institution. The placeholder
/// entry of PSE lists is never one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bank {
    pub id: String,
    pub name: String,
}

/// Everything a payment request carries, already validated and normalized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentDetails {
    pub method: Method,
    /// Only for links where the payer chooses the amount, in cents.
    pub amount: Option<i64>,
    pub email: Option<String>,
    /// National number: 10 digits for Colombia.
    pub phone: Option<String>,
    pub person_type: Option<PersonType>,
    /// Who pays, by document; none for a method whose payer's bank app
    /// knows them (pay by code).
    pub document_type: Option<DocumentType>,
    pub document: Option<String>,
    pub bank_id: Option<String>,
    /// Pix for a business customer: the CPF of the person paying.
    pub payer_cpf: Option<String>,
}

impl PaymentDetails {
    /// Who pays, by document. The rest is empty until set
    /// (`PaymentDetails { phone, ..PaymentDetails::new(..) }`).
    pub fn new(method: Method, document_type: DocumentType, document: &str) -> PaymentDetails {
        PaymentDetails {
            document_type: Some(document_type),
            document: Some(document.to_owned()),
            ..PaymentDetails::anonymous(method)
        }
    }

    /// A payment whose payer the page does not name: paid by code in the
    /// payer's bank app, which knows them.
    pub fn anonymous(method: Method) -> PaymentDetails {
        PaymentDetails {
            method,
            amount: None,
            email: None,
            phone: None,
            person_type: None,
            document_type: None,
            document: None,
            bank_id: None,
            payer_cpf: None,
        }
    }
}

/// What the provider answered to a payment request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentStarted {
    /// The provider's reference for this payment (Colurs `money_movement_id`).
    pub reference: String,
    pub next: NextStep,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NextStep {
    /// Leave for the bank's or provider's page (top-level, never in a frame).
    Redirect(String),
    /// The payer approves in an app (Nequi push); the limit comes from the API.
    AwaitApproval { timeout_seconds: u32 },
    /// The payer's bank app pays a code (Bre-B, Pix QR), shown until it expires.
    ShowCode(PaymentCode),
}

/// A code the payer's bank app pays, by scanning its QR or pasting its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentCode {
    /// The EMV QR payload: what the QR holds and what "copy code" copies.
    pub payload: String,
    /// Until when it can be paid, ISO 8601, by the provider's clock.
    pub expires_at: String,
    /// A Bre-B key ("llave") the payer may pay to instead.
    pub key: Option<String>,
    /// Who receives the money, as the payer's bank app names them.
    pub receiving_entity: Option<String>,
    /// The provider's clock minus the browser's, in milliseconds, from the
    /// answer's `Date` header (`countdown::provider_offset_ms`); 0 unknown.
    pub clock_offset_ms: i64,
}

/// Where a payment stands, as the provider reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaymentStatus {
    Pending,
    Approved,
    Declined,
    /// The payer left the bank page without paying.
    Abandoned,
    /// An app approval that was not answered in time.
    Expired,
    Error,
    /// The bank approved it after the link could no longer take it (paid by
    /// another attempt, expired, cancelled): the provider returns the money.
    Refunded,
    /// Unknown to this page: treated as still pending, never as approved.
    Unrecognized(String),
}

impl PaymentStatus {
    /// Whether the payer may be offered another attempt: not when the bank
    /// took the money and the provider is giving it back.
    pub fn invites_new_attempt(&self) -> bool {
        !matches!(self, PaymentStatus::Refunded)
    }

    /// Whether polling can stop.
    pub fn is_final(&self) -> bool {
        !matches!(
            self,
            PaymentStatus::Pending | PaymentStatus::Unrecognized(_)
        )
    }
}

/// A payment's status with what a receipt shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentReport {
    pub reference: String,
    pub method: Option<Method>,
    pub status: PaymentStatus,
    pub total: Option<i64>,
    /// ISO 8601 instant of the last change.
    pub updated_at: Option<String>,
    /// Until when the payer can still authorise it (an Open Finance consent).
    pub expires_at: Option<String>,
    /// The code it is paid by, for a method paid by code: a reload shows it
    /// again. Boxed: a report rides in the state, which moves at every step.
    pub code: Option<Box<PaymentCode>>,
}
