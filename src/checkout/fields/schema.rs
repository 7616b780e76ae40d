//! The form of a method as data: its fields in display order, each with its
//! control, keyboard and autofill hints, and what is prefilled.

use super::validation::validate_field;
use super::values::{person_type_code, FieldId, FormValues, Prefill};
use super::FormContext;
use crate::checkout::link::PaymentLink;
use crate::checkout::money::{Currency, TypedAmountFormat};
use crate::checkout::payment::PersonType;
use crate::checkout::validate::DocumentType;

/// How a field is entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Control {
    /// An `<input>`: `input_type` and `inputmode` pick the phone keyboard,
    /// `autocomplete` lets the browser fill in what it knows.
    Text {
        input_type: &'static str,
        inputmode: &'static str,
        autocomplete: &'static str,
        max_length: u32,
    },
    /// A choice among fixed values.
    Choice { options: Vec<ChoiceOption> },
    /// The bank or institution list, fetched at run time (see `sort_banks`).
    BankList,
}

/// One choice: a stable value sent with the form; its label comes from i18n.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChoiceOption {
    pub value: &'static str,
}

/// One field of a method's form, in display order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    pub id: FieldId,
    pub control: Control,
    pub required: bool,
    /// A value known before the payer types (a known customer's data).
    pub prefill: Option<String>,
}

/// The form of a method, in display order. `form` decides the document type
/// choices (PSE's depend on the person type) and the document keyboard.
///
/// Only what the provider cannot answer is asked: a value the provider holds
/// (read-only prefill) is left out, unless it fails its check: then it is
/// asked again, filled in, for the payer to correct, rather than hide why
/// the form is refused.
pub fn schema(context: &FormContext, form: &FormValues, prefill: &Prefill) -> Vec<FieldSpec> {
    // Judged on the known values, so a field being corrected stays.
    let mut known = form.clone();
    known.apply_prefill(prefill);
    context
        .field_ids(form)
        .into_iter()
        .filter(|&id| {
            !(prefill.read_only
                && prefill.text(id).is_some()
                && validate_field(context, id, &known).is_ok())
        })
        .map(|id| {
            let prefill_value = prefill.text(id);
            FieldSpec {
                id,
                control: control(id, context, form),
                required: true,
                prefill: prefill_value,
            }
        })
        .collect()
}

/// The amount field of a general link, shown above the method choice.
pub fn amount_field(link: &PaymentLink) -> FieldSpec {
    FieldSpec {
        id: FieldId::Amount,
        control: amount_input(link.currency),
        required: true,
        prefill: None,
    }
}

/// The validators refuse anything longer, and a lower `maxlength` would cut
/// pasted text silently instead of saying what is wrong.
const TEXT_MAX_CHARS: u32 = 64;
const EMAIL_MAX_CHARS: u32 = 254;
/// Room for the largest amount in cents with grouping and a symbol.
const AMOUNT_MAX_CHARS: u32 = 32;

fn control(id: FieldId, context: &FormContext, form: &FormValues) -> Control {
    match id {
        FieldId::Amount => amount_input(context.currency),
        FieldId::PersonType => choice(
            [PersonType::Natural, PersonType::Juridical]
                .into_iter()
                .map(person_type_code),
        ),
        FieldId::DocumentType => choice(
            context
                .spec()
                .document_types(form.person_type())
                .iter()
                .map(|kind| kind.code()),
        ),
        FieldId::Document => text_input(
            "text",
            document_inputmode(form.document_type()),
            "off",
            TEXT_MAX_CHARS,
        ),
        FieldId::Bank => Control::BankList,
        FieldId::Email => text_input("email", "email", "email", EMAIL_MAX_CHARS),
        FieldId::Phone => text_input("tel", "tel", "tel-national", TEXT_MAX_CHARS),
        FieldId::PayerCpf => text_input("text", "numeric", "off", TEXT_MAX_CHARS),
    }
}

fn amount_input(currency: Currency) -> Control {
    text_input(
        "text",
        amount_inputmode(currency),
        "transaction-amount",
        AMOUNT_MAX_CHARS,
    )
}

fn text_input(
    input_type: &'static str,
    inputmode: &'static str,
    autocomplete: &'static str,
    max_length: u32,
) -> Control {
    Control::Text {
        input_type,
        inputmode,
        autocomplete,
        max_length,
    }
}

fn choice(values: impl Iterator<Item = &'static str>) -> Control {
    Control::Choice {
        options: values.map(|value| ChoiceOption { value }).collect(),
    }
}

/// Without decimals (pesos) a digits-only keyboard is enough.
fn amount_inputmode(currency: Currency) -> &'static str {
    if typed_amount_format(currency).max_fraction_digits == 0 {
        "numeric"
    } else {
        "decimal"
    }
}

/// Digits-only documents get the digits keyboard; anything that may hold
/// letters (or an unknown type) gets the full one, so nothing is untypable.
fn document_inputmode(kind: Option<DocumentType>) -> &'static str {
    match kind {
        Some(DocumentType::CC | DocumentType::TI | DocumentType::NIT | DocumentType::CPF) => {
            "numeric"
        }
        Some(DocumentType::CE | DocumentType::PP | DocumentType::CNPJ) | None => "text",
    }
}

/// How payers of each currency write amounts.
pub fn typed_amount_format(currency: Currency) -> TypedAmountFormat {
    match currency {
        Currency::COP => TypedAmountFormat::ES_CO_COP,
        Currency::BRL => TypedAmountFormat::PT_BR_BRL,
        Currency::USD => TypedAmountFormat::EN_US_USD,
    }
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
