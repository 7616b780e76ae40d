//! The payment methods the page knows, one entry each: what it asks for, how
//! its payment proceeds, and the keys of the texts that name it. Everything
//! else (the form, validation, labels, the screens) reads these entries, so a
//! new method is one entry here, its wire codes in each provider that offers
//! it (`crate::api`), and its texts in each catalog (ARCHITECTURE.md).

use super::fields::FieldId;
use super::link::Method;
use super::payment::PersonType;
use super::validate::{self, DocumentType, FieldError};
use crate::i18n::Key;

/// How a payment by this method proceeds once the provider accepts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// The payer leaves for their bank's page and comes back (Bancolombia, PSE).
    BankRedirect,
    /// The payer approves a notification in an app, within a limit the
    /// provider gives; the page waits with these texts.
    AppApproval { title: Key, body: Key },
    /// The payer authorises at their institution under a consent with a
    /// deadline (Pix via Open Finance).
    ConsentRedirect,
    /// The payer's bank app pays a code the page shows, by its QR or its
    /// text, until the provider's expiry (Bre-B, Pix QR); `instructions`
    /// tell how.
    PayByCode { instructions: Key },
}

impl Flow {
    /// Whether the payer reviews the payment before anything is sent: Open
    /// Finance Brasil's experience guide has the initiator show amount,
    /// beneficiary, institution and date before sending the payer to their
    /// institution.
    pub fn reviewed_first(self) -> bool {
        matches!(self, Flow::ConsentRedirect)
    }

    /// Whether the payer's bank app pays a code the page shows.
    pub fn pays_by_code(self) -> bool {
        matches!(self, Flow::PayByCode { .. })
    }
}

/// What the page knows about one method.
pub struct MethodSpec {
    pub method: Method,
    /// The page's own stable name for it: the value of its choice in the form.
    pub code: &'static str,
    pub flow: Flow,
    /// The fields it asks for in display order, given whether the payer
    /// pays as a business (the amount, when asked, comes before them).
    fields: fn(business: bool) -> &'static [FieldId],
    /// The document types it accepts in display order, given the person
    /// type chosen so far.
    document_types: fn(Option<PersonType>) -> &'static [DocumentType],
    /// Reads a mobile number as this method needs it.
    pub phone_rule: fn(&str) -> Result<String, FieldError>,
    pub name: Key,
    pub hint: Key,
    /// Its mark: the inside of an inline SVG on a 24×24 view box (no image
    /// request), simple shapes in the brand's colours rather than its
    /// protected artwork; docs/theming.md tells how to swap in official artwork.
    pub mark: &'static str,
    pub bank_label: Key,
    pub phone_label: Key,
    pub phone_hint: Option<Key>,
    /// What to do after an attempt that expired.
    pub expired_body: Key,
    /// Told to a payer the provider already knows, before they choose.
    pub known_payer_note: Option<Key>,
    /// Finished in a phone app (Nequi's, a bank's, a Pix institution's): a
    /// payer at a computer is offered to continue on their phone
    /// (`checkout::handoff`).
    pub phone_handoff: bool,
}

impl MethodSpec {
    pub fn fields(&self, business: bool) -> &'static [FieldId] {
        (self.fields)(business)
    }

    pub fn document_types(&self, person_type: Option<PersonType>) -> &'static [DocumentType] {
        (self.document_types)(person_type)
    }

    /// Whether its form needs the provider's list of banks or institutions.
    pub fn uses_bank_list(&self) -> bool {
        [false, true]
            .into_iter()
            .any(|business| self.fields(business).contains(&FieldId::Bank))
    }

    /// Whether the person type is the payer's choice: a business pays otherwise.
    pub fn asks_person_type(&self) -> bool {
        self.fields(false).contains(&FieldId::PersonType)
    }
}

/// The entry of a method.
pub fn spec(method: Method) -> &'static MethodSpec {
    match method {
        Method::Bancolombia => &BANCOLOMBIA,
        Method::Pse => &PSE,
        Method::Nequi => &NEQUI,
        Method::Pix => &PIX,
        Method::BreB => &BRE_B,
        Method::PixQr => &PIX_QR,
    }
}

/// The document types a person of this type may hold with any method that
/// asks the person type, in the registry's order.
pub fn documents_for_person(person_type: PersonType) -> Vec<DocumentType> {
    let mut kinds: Vec<DocumentType> = Vec::new();
    for method in ALL.map(spec).iter().filter(|s| s.asks_person_type()) {
        for &kind in method.document_types(Some(person_type)) {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    kinds
}

/// Every method, in the order the page lists them when a provider gives none.
pub const ALL: [Method; 6] = [
    BANCOLOMBIA.method,
    PSE.method,
    NEQUI.method,
    BRE_B.method,
    PIX.method,
    PIX_QR.method,
];

use FieldId::{Bank, Document, DocumentType as DocType, Email, PayerCpf, Phone};

const BANCOLOMBIA: MethodSpec = MethodSpec {
    method: Method::Bancolombia,
    code: "BANCOLOMBIA",
    flow: Flow::BankRedirect,
    fields: |_| &[Email, Phone, DocType, Document],
    document_types: |_| &SEED_DOCUMENTS,
    phone_rule: validate::co_mobile,
    name: Key::MethodBancolombia,
    hint: Key::MethodBancolombiaHint,
    mark: r##"<rect width="24" height="24" rx="6" fill="#fdda24"/><path d="M6 8h12M6 12h12M6 16h12" stroke="#2c2a29" stroke-width="2.5" stroke-linecap="round"/>"##,
    bank_label: Key::FieldBank,
    phone_label: Key::FieldPhone,
    phone_hint: None,
    expired_body: Key::FailedBody,
    known_payer_note: None,
    phone_handoff: true,
};

const PSE: MethodSpec = MethodSpec {
    method: Method::Pse,
    code: "PSE",
    flow: Flow::BankRedirect,
    fields: |_| &[FieldId::PersonType, DocType, Document, Bank, Email, Phone],
    document_types: |person_type| match person_type.unwrap_or(PersonType::Natural) {
        PersonType::Natural => &PSE_NATURAL_DOCUMENTS,
        PersonType::Juridical => &[DocumentType::NIT],
    },
    phone_rule: validate::co_mobile,
    name: Key::MethodPse,
    hint: Key::MethodPseHint,
    mark: r##"<circle cx="12" cy="12" r="12" fill="#0b4f9c"/><text x="12" y="15.5" fill="#fff" font-size="9" font-weight="700" text-anchor="middle">pse</text>"##,
    bank_label: Key::FieldBank,
    phone_label: Key::FieldPhone,
    phone_hint: None,
    expired_body: Key::FailedBody,
    // A payer not yet registered at PSE is asked to register there (seed 000).
    known_payer_note: Some(Key::PseRegistrationNote),
    phone_handoff: true,
};

const NEQUI: MethodSpec = MethodSpec {
    method: Method::Nequi,
    code: "NEQUI",
    flow: Flow::AppApproval {
        title: Key::NequiApproveTitle,
        body: Key::NequiApproveBody,
    },
    fields: |_| &[Phone, DocType, Document],
    document_types: |_| &SEED_DOCUMENTS,
    phone_rule: validate::nequi_phone,
    name: Key::MethodNequi,
    hint: Key::MethodNequiHint,
    mark: r##"<rect width="24" height="24" rx="6" fill="#200020"/><path d="M8 17V7l8 10V7" fill="none" stroke="#fff" stroke-width="2.5"/><path d="M15 4h3v3h-3z" fill="#da0081"/>"##,
    bank_label: Key::FieldBank,
    phone_label: Key::FieldNequiPhone,
    phone_hint: Some(Key::HintNequiPhone),
    expired_body: Key::FailedBody,
    known_payer_note: None,
    phone_handoff: true,
};

const PIX: MethodSpec = MethodSpec {
    method: Method::Pix,
    code: "PIX",
    flow: Flow::ConsentRedirect,
    // A business pays through a person, whose CPF the bank needs (seed 001).
    fields: |business| {
        if business {
            &[FieldId::PersonType, DocType, Document, PayerCpf, Bank]
        } else {
            &[FieldId::PersonType, DocType, Document, Bank]
        }
    },
    document_types: |person_type| match person_type {
        Some(PersonType::Juridical) => &[DocumentType::CNPJ],
        _ => &[DocumentType::CPF],
    },
    phone_rule: validate::br_mobile,
    name: Key::MethodPix,
    hint: Key::MethodPixHint,
    mark: r##"<path d="M12 2l10 10-10 10L2 12z" fill="#32bcad"/><path d="M12 8l4 4-4 4-4-4z" fill="#fff"/>"##,
    bank_label: Key::FieldInstitution,
    phone_label: Key::FieldPhone,
    phone_hint: None,
    expired_body: Key::ConsentExpiredBody,
    known_payer_note: None,
    phone_handoff: true,
};

// Paid by code: the payer's bank app knows who pays, so nothing is asked.
const BRE_B: MethodSpec = MethodSpec {
    method: Method::BreB,
    code: "BRE_B",
    flow: Flow::PayByCode {
        instructions: Key::BreBInstructions,
    },
    fields: |_| &[],
    document_types: |_| &[],
    phone_rule: validate::co_mobile,
    name: Key::MethodBreB,
    hint: Key::MethodBreBHint,
    mark: r##"<rect width="24" height="24" rx="6" fill="#1b1f5e"/><path d="M6 6h5v5H6zM13 13h5v5h-5zM13 6h5v5h-5zM6 13h5v5H6z" fill="none" stroke="#fff" stroke-width="1.6"/>"##,
    bank_label: Key::FieldBank,
    phone_label: Key::FieldPhone,
    phone_hint: None,
    expired_body: Key::CodeExpiredBody,
    known_payer_note: None,
    // The code is itself the way to pay from a phone.
    phone_handoff: false,
};

const PIX_QR: MethodSpec = MethodSpec {
    method: Method::PixQr,
    code: "PIX_QR",
    flow: Flow::PayByCode {
        instructions: Key::PixQrInstructions,
    },
    fields: |_| &[],
    document_types: |_| &[],
    phone_rule: validate::br_mobile,
    name: Key::MethodPixQr,
    hint: Key::MethodPixQrHint,
    mark: r##"<path d="M12 2l10 10-10 10L2 12z" fill="#32bcad"/><path d="M9 9h6v6H9z" fill="#fff"/>"##,
    bank_label: Key::FieldInstitution,
    phone_label: Key::FieldPhone,
    phone_hint: None,
    expired_body: Key::CodeExpiredBody,
    known_payer_note: None,
    phone_handoff: false,
};

/// The document types of seed 003.
const SEED_DOCUMENTS: [DocumentType; 3] = [DocumentType::CC, DocumentType::CE, DocumentType::NIT];
const PSE_NATURAL_DOCUMENTS: [DocumentType; 4] = [
    DocumentType::CC,
    DocumentType::CE,
    DocumentType::TI,
    DocumentType::PP,
];

#[cfg(test)]
#[path = "methods_tests.rs"]
mod tests;
