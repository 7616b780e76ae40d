//! Forms, link amounts and bank lists the form tests share.

use super::{schema, Control, FieldId, FieldProblem, FieldSpec, FormContext, FormValues, Prefill};
use crate::checkout::link::FeePolicy;
use crate::checkout::link::{AmountRule, Method, OpenAmount};
use crate::checkout::money::Currency;
use crate::checkout::money::{Breakdown, FeeMode};
use crate::checkout::payment::Bank;
use crate::checkout::validate::FieldError;

pub(super) fn fixed() -> AmountRule {
    AmountRule::Fixed(Breakdown {
        amount: 5_000_000,
        fee: 100_000,
        iva: 19_000,
        total: 5_119_000,
    })
}

/// A general link: 1 000.00 to 5 000 000.00, 2 % fee plus 19 % IVA.
pub(super) fn open() -> AmountRule {
    AmountRule::PayerChooses(OpenAmount {
        min: Some(100_000),
        max: Some(500_000_000),
        fees: FeePolicy {
            fee_rate_bps: 200,
            iva_rate_bps: 1_900,
            mode: FeeMode::Payer,
        },
    })
}

pub(super) fn banks() -> Vec<Bank> {
    vec![
        bank(0, "A continuación seleccione su banco"),
        bank(1007, "BANCOLOMBIA"),
        bank(1051, "BANCO DAVIVIENDA"),
    ]
}

pub(super) fn bank(id: u32, name: &str) -> Bank {
    let id = id.to_string();
    Bank {
        id,
        name: name.to_owned(),
    }
}

pub(super) fn form(values: &[(FieldId, &str)]) -> FormValues {
    let mut form = FormValues::default();
    for &(id, value) in values {
        form.set(id, value);
    }
    form
}

pub(super) fn ids(specs: &[FieldSpec]) -> Vec<FieldId> {
    specs.iter().map(|spec| spec.id).collect()
}

pub(super) fn spec(specs: &[FieldSpec], id: FieldId) -> &FieldSpec {
    specs.iter().find(|spec| spec.id == id).unwrap()
}

pub(super) fn options(specs: &[FieldSpec], id: FieldId) -> Vec<&'static str> {
    match &spec(specs, id).control {
        Control::Choice { options } => options.iter().map(|option| option.value).collect(),
        other => panic!("{id:?} is not a choice: {other:?}"),
    }
}

pub(super) fn text_attributes(
    specs: &[FieldSpec],
    id: FieldId,
) -> (&'static str, &'static str, &'static str) {
    match spec(specs, id).control {
        Control::Text {
            input_type,
            inputmode,
            autocomplete,
            ..
        } => (input_type, inputmode, autocomplete),
        ref other => panic!("{id:?} is not a text input: {other:?}"),
    }
}

pub(super) fn plain_schema(
    method: Method,
    amount_rule: &AmountRule,
    form: &FormValues,
) -> Vec<FieldSpec> {
    schema(
        &context(method, amount_rule, Currency::COP, &[]),
        form,
        &Prefill::default(),
    )
}

pub(super) fn valid_pse_form() -> FormValues {
    form(&[
        (FieldId::PersonType, "N"),
        (FieldId::DocumentType, "CC"),
        (FieldId::Document, "1.234.567.890"),
        (FieldId::Bank, "1007"),
        (FieldId::Email, " payer@example.com "),
        (FieldId::Phone, "300 123 4567"),
    ])
}

pub(super) fn valid_bancolombia_form() -> FormValues {
    form(&[
        (FieldId::Email, "payer@example.com"),
        (FieldId::Phone, "+57 300 123 4567"),
        (FieldId::DocumentType, "CC"),
        (FieldId::Document, "1234567890"),
    ])
}

pub(super) fn valid_nequi_form() -> FormValues {
    form(&[
        (FieldId::Phone, "399 111 1111"),
        (FieldId::DocumentType, "CE"),
        (FieldId::Document, "e123456"),
    ])
}

pub(super) const REQUIRED: FieldProblem = FieldProblem::Field(FieldError::Required);

pub(super) fn context<'a>(
    method: Method,
    amount: &'a AmountRule,
    currency: Currency,
    banks: &'a [Bank],
) -> FormContext<'a> {
    FormContext {
        method,
        amount,
        currency,
        banks,
    }
}
