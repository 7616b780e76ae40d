//! The provider's domain: payment links, payments and their vocabularies,
//! spelled on the wire exactly as docs/api.md spells them.

use serde::Serialize;
use uuid::Uuid;

use crate::colurs::fees::Fees;
use crate::shared::emv::PaymentCode;
use crate::shared::money::Cents;
use crate::shared::vocabulary::wire_vocabulary;
use crate::test_controls::clock::Timestamp;

wire_vocabulary!(Currency { Cop => "COP", Usd => "USD" });

wire_vocabulary!(
    /// Who bears the provider's fee and its IVA.
    FeeMode { Payer => "payer", Receiver => "receiver" }
);

wire_vocabulary!(PaymentMethod {
    Bancolombia => "BANCOLOMBIA",
    Pse => "PSE",
    Nequi => "NEQUI",
    BreB => "BRE_B",
});

impl PaymentMethod {
    /// A link created without `allowed_methods` takes the seed's three;
    /// Bre-B **[ext]** is offered only when the merchant lists it.
    pub const DEFAULT: &'static [PaymentMethod] = &[
        PaymentMethod::Bancolombia,
        PaymentMethod::Pse,
        PaymentMethod::Nequi,
    ];
}

wire_vocabulary!(LinkStatus {
    Pending => "PENDING",
    Active => "ACTIVE",
    Paid => "PAID",
    Expired => "EXPIRED",
    Cancelled => "CANCELLED",
});

wire_vocabulary!(PaymentStatus {
    Pending => "PENDING",
    Approved => "APPROVED",
    Declined => "DECLINED",
    Abandoned => "ABANDONED",
    Expired => "EXPIRED",
    Error => "ERROR",
    Refunded => "REFUNDED",
});

wire_vocabulary!(DocumentType { Cc => "CC", Ce => "CE", Nit => "NIT", Ti => "TI", Pp => "PP" });

wire_vocabulary!(
    /// PSE's natural (`N`) or juridical (`J`) person.
    PersonType { Natural => "N", Juridical => "J" }
);

impl LinkStatus {
    /// The seed's rule: only these links accept a payment.
    pub fn accepts_payments(self) -> bool {
        matches!(self, LinkStatus::Pending | LinkStatus::Active)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Owner {
    pub username: String,
    pub email: String,
}

impl Owner {
    /// The single merchant account the sandbox's credentials stand for.
    pub fn sandbox_merchant() -> Owner {
        Owner {
            username: "tienda_aurora".into(),
            email: "pagos@tienda-aurora.example".into(),
        }
    }
}

pub use crate::shared::link_fields::Merchant;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CallbackUrls {
    pub success: String,
    pub cancel: String,
}

#[derive(Clone, Debug)]
pub struct Link {
    pub id: u64,
    pub uuid: Uuid,
    pub owner: Owner,
    pub currency: Currency,
    /// `None` on general links, where the payer types the amount.
    pub amount: Option<Cents>,
    pub is_general: bool,
    pub fee_mode: FeeMode,
    pub fee_rate_bps: u32,
    pub iva_rate_bps: u32,
    pub min_amount: Option<Cents>,
    pub max_amount: Option<Cents>,
    pub description: String,
    pub status: LinkStatus,
    pub expires_at: Option<Timestamp>,
    pub paid_at: Option<Timestamp>,
    pub paid_amount: Option<Cents>,
    pub allowed_methods: Vec<PaymentMethod>,
    pub merchant: Option<Merchant>,
    pub callback_urls: Option<CallbackUrls>,
    pub allowed_embed_origins: Vec<String>,
    /// The pending payment, while there is one: no second one starts meanwhile.
    pub payment_in_progress: Option<String>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Link {
    pub fn fees_for(&self, amount: Cents) -> Fees {
        Fees::for_amount(amount, self.fee_mode, self.fee_rate_bps, self.iva_rate_bps)
    }

    /// The fixed amount's fees; general links have none until paid.
    pub fn fixed_fees(&self) -> Option<Fees> {
        self.amount.map(|amount| self.fees_for(amount))
    }

    pub fn has_expired_at(&self, instant: Timestamp) -> bool {
        self.expires_at
            .is_some_and(|expires_at| instant >= expires_at)
    }

    /// Who the payer sees asking for the money.
    pub fn display_name(&self) -> &str {
        self.merchant
            .as_ref()
            .map_or(&self.owner.username, |merchant| &merchant.name)
    }
}

/// What the payer typed, kept as sent (validated) for the provider pages.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Payer {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub document_type: Option<DocumentType>,
    pub document: Option<String>,
    pub person_type: Option<PersonType>,
    pub bank_id: Option<i64>,
}

/// A money movement: one attempt to pay a link, written as the payment
/// status call answers it.
#[derive(Clone, Debug, Serialize)]
pub struct Payment {
    pub money_movement_id: String,
    #[serde(rename = "payment_method")]
    pub method: PaymentMethod,
    pub status: PaymentStatus,
    pub total_to_pay: Cents,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// When a payer who never answers (the push, the bank page, the code)
    /// lets the payment expire, so the link can be paid another way.
    pub expires_at: Option<Timestamp>,
    /// Bre-B: the code the payer pays from their bank app **[ext]**.
    #[serde(rename = "payment_code", skip_serializing_if = "Option::is_none")]
    pub code: Option<PaymentCode>,
    #[serde(skip)]
    pub link_uuid: Uuid,
    #[serde(skip)]
    pub payer: Payer,
}
