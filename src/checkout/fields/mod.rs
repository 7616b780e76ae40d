//! The payer's form for each payment method, as data: which fields, in which
//! order, with which keyboard and autofill hints (`schema`); what the payer
//! typed (`values`); whether it holds and what a payment request carries
//! (`validation`); the bank list as payers see it (`banks`) and the
//! combobox that chooses from it (`bank_combobox`). One generic
//! form component renders any method from this.
//!
//! No display text lives here: labels and messages come from i18n, keyed by
//! `FieldId::name`, `ChoiceOption::value` and `FieldProblem`.

mod bank_combobox;
mod banks;
mod schema;
mod validation;
mod values;

#[cfg(test)]
mod test_forms;

pub use bank_combobox::{BankCombobox, ComboKey, KeyOutcome};
pub use banks::{matching_banks, sort_banks};
pub use schema::{amount_field, schema, typed_amount_format, ChoiceOption, Control, FieldSpec};
pub use validation::{typed_breakdown, validate_field, validate_form, FieldProblem};
pub use values::{FieldId, FormValues, Prefill};

use super::link::{AmountRule, Method, PaymentLink};
use super::methods::{spec, MethodSpec};
use super::money::Currency;
use super::payment::Bank;

/// What a form's rules depend on besides what was typed: the chosen method,
/// the link's amount rule and currency, and the bank list once loaded.
#[derive(Clone, Copy)]
pub struct FormContext<'a> {
    pub method: Method,
    pub amount: &'a AmountRule,
    pub currency: Currency,
    pub banks: &'a [Bank],
}

impl<'a> FormContext<'a> {
    pub fn new(method: Method, link: &'a PaymentLink, banks: &'a [Bank]) -> FormContext<'a> {
        FormContext {
            method,
            amount: &link.amount,
            currency: link.currency,
            banks,
        }
    }

    fn spec(&self) -> &'static MethodSpec {
        spec(self.method)
    }

    /// The fields this form asks for, in display order; the amount first
    /// when the payer chooses it.
    fn field_ids(&self, form: &FormValues) -> Vec<FieldId> {
        let amount: &[FieldId] = match self.amount {
            AmountRule::PayerChooses(_) => &[FieldId::Amount],
            AmountRule::Fixed(_) => &[],
        };
        [amount, self.spec().fields(form.pays_as_business())].concat()
    }
}
