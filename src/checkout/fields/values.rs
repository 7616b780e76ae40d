//! What the payer typed, one raw text per field, and what is known before
//! they type (a known customer's data).

use crate::checkout::methods::documents_for_person;
use crate::checkout::payment::PersonType;
use crate::checkout::validate::DocumentType;

/// A field a payment method may ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FieldId {
    Amount,
    PersonType,
    DocumentType,
    Document,
    Bank,
    Email,
    Phone,
    /// The CPF of the person paying for a business (Pix).
    PayerCpf,
}

impl FieldId {
    pub const ALL: [FieldId; 8] = [
        FieldId::Amount,
        FieldId::PersonType,
        FieldId::DocumentType,
        FieldId::Document,
        FieldId::Bank,
        FieldId::Email,
        FieldId::Phone,
        FieldId::PayerCpf,
    ];

    /// The HTML `name` attribute, also the key of the field's labels.
    pub fn name(self) -> &'static str {
        match self {
            FieldId::Amount => "amount",
            FieldId::PersonType => "person_type",
            FieldId::DocumentType => "document_type",
            FieldId::Document => "document",
            FieldId::Bank => "bank",
            FieldId::Email => "email",
            FieldId::Phone => "phone",
            FieldId::PayerCpf => "payer_cpf",
        }
    }

    /// Position in `FieldId::ALL`, used to store one text per field.
    fn index(self) -> usize {
        self as usize
    }
}

/// The value of a person type in the form's choice.
pub(super) fn person_type_code(person_type: PersonType) -> &'static str {
    match person_type {
        PersonType::Natural => "N",
        PersonType::Juridical => "J",
    }
}

/// Juridical persons identify with a NIT or CNPJ; everyone else is a natural person.
pub(super) fn person_type_for(kind: DocumentType) -> PersonType {
    if matches!(kind, DocumentType::NIT | DocumentType::CNPJ) {
        PersonType::Juridical
    } else {
        PersonType::Natural
    }
}

/// What is already known about the payer (e.g. a provider's registered
/// customer). Apply it to the form with `FormValues::apply_prefill` and give
/// it to `schema` so the known fields show as prefilled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prefill {
    pub email: Option<String>,
    pub phone: Option<String>,
    pub document_type: Option<DocumentType>,
    pub document: Option<String>,
    /// The provider holds these values: the payer may not change them.
    pub read_only: bool,
}

impl Prefill {
    /// The known value of a field, as the form holds it.
    pub(super) fn text(&self, id: FieldId) -> Option<String> {
        match id {
            FieldId::Email => self.email.clone(),
            FieldId::Phone => self.phone.clone(),
            FieldId::Document => self.document.clone(),
            FieldId::DocumentType => self.document_type.map(|kind| kind.code().to_owned()),
            // A fixed document type fixes the person type too.
            FieldId::PersonType => self
                .document_type
                .map(|kind| person_type_code(person_type_for(kind)).to_owned()),
            FieldId::Amount | FieldId::Bank | FieldId::PayerCpf => None,
        }
    }
}

/// What the payer typed, raw, one text per field. It is kept for every field
/// whatever the method, so switching methods or languages loses nothing;
/// only the fields of the chosen method are checked and sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormValues {
    texts: [String; FieldId::ALL.len()],
}

impl FormValues {
    pub fn get(&self, id: FieldId) -> &str {
        &self.texts[id.index()]
    }

    /// Stores a field's text. A change of person type also replaces a
    /// document type that person type may not hold by the first one it may,
    /// so a juridical person always ends up with a NIT or CNPJ.
    pub fn set(&mut self, id: FieldId, value: impl Into<String>) {
        let previous_person_type = self.person_type();
        self.texts[id.index()] = value.into();
        if id == FieldId::PersonType && self.person_type() != previous_person_type {
            self.keep_document_type_allowed();
        }
    }

    /// Writes the known values into the form, where validation reads them.
    pub fn apply_prefill(&mut self, prefill: &Prefill) {
        for id in [
            // The person type follows from the document, so PSE accepts it.
            FieldId::PersonType,
            FieldId::DocumentType,
            FieldId::Email,
            FieldId::Phone,
            FieldId::Document,
        ] {
            if let Some(value) = prefill.text(id) {
                self.set(id, value);
            }
        }
    }

    pub(super) fn person_type(&self) -> Option<PersonType> {
        [PersonType::Natural, PersonType::Juridical]
            .into_iter()
            .find(|&person_type| person_type_code(person_type) == self.get(FieldId::PersonType))
    }

    pub(super) fn pays_as_business(&self) -> bool {
        self.person_type() == Some(PersonType::Juridical)
    }

    pub(super) fn document_type(&self) -> Option<DocumentType> {
        DocumentType::from_code(self.get(FieldId::DocumentType))
    }

    fn keep_document_type_allowed(&mut self) {
        let Some(person_type) = self.person_type() else {
            return;
        };
        let allowed = documents_for_person(person_type);
        if !self
            .document_type()
            .is_some_and(|kind| allowed.contains(&kind))
        {
            self.texts[FieldId::DocumentType.index()] = allowed[0].code().to_owned();
        }
    }
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
