//! Whether what the payer typed holds, field by field, and the normalized
//! details a payment request carries.

use super::banks::PLACEHOLDER_BANK_ID;
use super::values::{FieldId, FormValues};
use super::FormContext;
use crate::checkout::link::{AmountRule, OpenAmount, PaymentLink};
use crate::checkout::money::{
    check_bounds, parse_typed_amount, BoundsError, Breakdown, TypedAmountError,
};
use crate::checkout::payment::{PaymentDetails, PersonType};
use crate::checkout::validate::{self, DocumentType, FieldError};

use super::schema::typed_amount_format;

/// Why a field is refused; each maps to its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldProblem {
    Field(FieldError),
    Amount(TypedAmountError),
    Bounds(BoundsError),
    BankNotChosen,
    /// A bank id that is not in the list (a stale or tampered form).
    UnknownBank,
}

/// Checks one field, e.g. when the payer leaves it. Fields the method does
/// not ask for always pass: they are never checked nor sent.
pub fn validate_field(
    context: &FormContext,
    id: FieldId,
    form: &FormValues,
) -> Result<(), FieldProblem> {
    if !context.field_ids(form).contains(&id) {
        return Ok(());
    }
    match id {
        FieldId::Amount => match context.amount {
            AmountRule::PayerChooses(open) => read_amount(context, open, form).map(drop),
            AmountRule::Fixed(_) => Ok(()),
        },
        FieldId::PersonType => read_person_type(form).map(drop),
        FieldId::DocumentType => read_document_type(context, form).map(drop),
        FieldId::Document => match read_document_type(context, form) {
            Ok(kind) => read_document(kind, form).map(drop),
            // The number cannot be checked without its type; the type field says why.
            Err(_) => require_text(form.get(FieldId::Document)),
        },
        FieldId::Bank => read_bank(context, form).map(drop),
        FieldId::Email => read_email(form).map(drop),
        FieldId::Phone => read_phone(context, form).map(drop),
        FieldId::PayerCpf => read_payer_cpf(form).map(drop),
    }
}

/// Checks the whole form: the details to send, or every problem in display
/// order so the page can focus the first.
pub fn validate_form(
    context: &FormContext,
    form: &FormValues,
) -> Result<PaymentDetails, Vec<(FieldId, FieldProblem)>> {
    let problems: Vec<(FieldId, FieldProblem)> = context
        .field_ids(form)
        .into_iter()
        .filter_map(|id| {
            validate_field(context, id, form)
                .err()
                .map(|problem| (id, problem))
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    payment_details(context, form).map_err(|problem| vec![problem])
}

/// The normalized values of the fields the method asks for.
fn payment_details(
    context: &FormContext,
    form: &FormValues,
) -> Result<PaymentDetails, (FieldId, FieldProblem)> {
    let asked = context.field_ids(form);
    let read = |id| ReadIfAsked { asked: &asked, id };
    let document_type = read(FieldId::DocumentType).with(|| read_document_type(context, form))?;
    let document = match document_type {
        Some(kind) => Some(read_document(kind, form).map_err(at(FieldId::Document))?),
        None => None,
    };
    Ok(PaymentDetails {
        method: context.method,
        amount: match context.amount {
            AmountRule::PayerChooses(open) => {
                Some(read_amount(context, open, form).map_err(at(FieldId::Amount))?)
            }
            AmountRule::Fixed(_) => None,
        },
        email: read(FieldId::Email).with(|| read_email(form))?,
        phone: read(FieldId::Phone).with(|| read_phone(context, form))?,
        person_type: read(FieldId::PersonType).with(|| read_person_type(form))?,
        document,
        document_type,
        bank_id: read(FieldId::Bank).with(|| read_bank(context, form))?,
        payer_cpf: read(FieldId::PayerCpf).with(|| read_payer_cpf(form))?,
    })
}

/// Reads a field only when the method asks for it.
struct ReadIfAsked<'a> {
    asked: &'a [FieldId],
    id: FieldId,
}

impl ReadIfAsked<'_> {
    fn with<T>(
        self,
        read: impl FnOnce() -> Result<T, FieldProblem>,
    ) -> Result<Option<T>, (FieldId, FieldProblem)> {
        if self.asked.contains(&self.id) {
            read().map(Some).map_err(at(self.id))
        } else {
            Ok(None)
        }
    }
}

fn at(id: FieldId) -> impl Fn(FieldProblem) -> (FieldId, FieldProblem) {
    move |problem| (id, problem)
}

fn require_text(text: &str) -> Result<(), FieldProblem> {
    if text.trim().is_empty() {
        Err(FieldProblem::Field(FieldError::Required))
    } else {
        Ok(())
    }
}

/// What the payer is charged for what they typed: a fixed link's amounts,
/// or a typed amount's fee, IVA and total once the amount is valid (within
/// the link's bounds), never for an amount that would be refused.
pub fn typed_breakdown(link: &PaymentLink, form: &FormValues) -> Option<Breakdown> {
    let breakdown = link.breakdown_for(form.get(FieldId::Amount))?;
    match &link.amount {
        AmountRule::PayerChooses(open) => check_bounds(breakdown.amount, open.min, open.max).ok(),
        AmountRule::Fixed(_) => Some(()),
    }
    .map(|()| breakdown)
}

fn read_amount(
    context: &FormContext,
    open: &OpenAmount,
    form: &FormValues,
) -> Result<i64, FieldProblem> {
    let cents = parse_typed_amount(
        form.get(FieldId::Amount),
        typed_amount_format(context.currency),
    )
    .map_err(FieldProblem::Amount)?;
    check_bounds(cents, open.min, open.max).map_err(FieldProblem::Bounds)?;
    // The payer is charged the amount plus fees: a total that cannot be
    // computed cannot be charged.
    match open.fees.apply(cents) {
        Some(_) => Ok(cents),
        None => Err(FieldProblem::Amount(TypedAmountError::TooLarge)),
    }
}

fn read_person_type(form: &FormValues) -> Result<PersonType, FieldProblem> {
    form.person_type()
        .ok_or(FieldProblem::Field(FieldError::Required))
}

/// A type the method does not offer reads as not chosen: the choice shows
/// nothing selected then.
fn read_document_type(
    context: &FormContext,
    form: &FormValues,
) -> Result<DocumentType, FieldProblem> {
    let allowed = context.spec().document_types(form.person_type());
    form.document_type()
        .filter(|kind| allowed.contains(kind))
        .ok_or(FieldProblem::Field(FieldError::Required))
}

fn read_document(kind: DocumentType, form: &FormValues) -> Result<String, FieldProblem> {
    validate::document(kind, form.get(FieldId::Document)).map_err(FieldProblem::Field)
}

fn read_email(form: &FormValues) -> Result<String, FieldProblem> {
    validate::email(form.get(FieldId::Email)).map_err(FieldProblem::Field)
}

fn read_phone(context: &FormContext, form: &FormValues) -> Result<String, FieldProblem> {
    (context.spec().phone_rule)(form.get(FieldId::Phone)).map_err(FieldProblem::Field)
}

fn read_payer_cpf(form: &FormValues) -> Result<String, FieldProblem> {
    validate::cpf(form.get(FieldId::PayerCpf)).map_err(FieldProblem::Field)
}

fn read_bank(context: &FormContext, form: &FormValues) -> Result<String, FieldProblem> {
    let text = form.get(FieldId::Bank).trim();
    if text.is_empty() || text == PLACEHOLDER_BANK_ID {
        return Err(FieldProblem::BankNotChosen);
    }
    match context.banks.iter().find(|bank| bank.id == text) {
        Some(bank) => Ok(bank.id.clone()),
        None => Err(FieldProblem::UnknownBank),
    }
}

#[cfg(test)]
#[path = "validation_tests.rs"]
mod tests;
