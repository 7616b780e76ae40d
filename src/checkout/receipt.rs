//! What a receipt shows: whom the payer paid, for what, how much and how,
//! the provider's reference and when. Built only from the link and the
//! provider's report, so it can hold no payer data (documents, email, phone).

use super::link::{AmountRule, LinkStatus, Method, PaymentLink};
use super::money::{Breakdown, Currency, FeeMode};
use super::payment::PaymentReport;
use super::state::Checkout;
use crate::i18n::labels::method_name;
use crate::i18n::Key;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Receipt {
    pub merchant: String,
    pub description: String,
    pub currency: Currency,
    /// Amount, fee and IVA, when they are known to add up to `total`.
    pub lines: Option<Breakdown>,
    /// What was paid.
    pub total: Option<i64>,
    pub method: Option<Method>,
    /// The provider's reference of the payment, for the payer to quote.
    pub reference: Option<String>,
    /// ISO 8601 instant of the payment.
    pub paid_at: Option<String>,
}

impl Receipt {
    /// The receipt of a paid checkout: the payment just approved (with the
    /// provider's report), or a link opened again that says it is paid.
    pub fn of(state: &Checkout) -> Option<Receipt> {
        match state {
            Checkout::Paid { link, report, .. } => Some(Receipt::of_payment(link, report)),
            Checkout::LinkPaid(link) => Receipt::of_paid_link(link),
            _ => None,
        }
    }

    fn of_payment(link: &PaymentLink, report: &PaymentReport) -> Receipt {
        let total = report.total.or(link.fixed_breakdown().map(|b| b.total));
        Receipt {
            method: report.method,
            reference: Some(report.reference.clone()),
            ..Receipt::base(link, total, report.updated_at.clone())
        }
    }

    fn of_paid_link(link: &PaymentLink) -> Option<Receipt> {
        let LinkStatus::Paid {
            paid_at,
            paid_amount,
        } = &link.status
        else {
            return None;
        };
        Some(Receipt::base(link, *paid_amount, paid_at.clone()))
    }

    fn base(link: &PaymentLink, total: Option<i64>, paid_at: Option<String>) -> Receipt {
        Receipt {
            merchant: link.merchant.name.clone(),
            description: link.description.clone(),
            currency: link.currency,
            lines: total.and_then(|total| lines_for(&link.amount, total)),
            total,
            method: None,
            reference: None,
            paid_at,
        }
    }
}

/// One line of a receipt as it is shown: a label and its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub label: Key,
    /// The line's stable name (`data-testid="receipt-…"`).
    pub name: &'static str,
    pub value: Value,
    /// The amount paid, set apart.
    pub total: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Cents of the receipt's currency.
    Money(i64),
    /// A text of the catalogs (the method's name).
    Text(Key),
    /// The merchant's text or the provider's reference, as given.
    Given(String),
    /// An ISO 8601 instant, shown in the payer's language.
    Date(String),
}

impl Receipt {
    /// The lines shown, in order; a value the receipt does not know, and a
    /// fee or IVA of zero, has no line.
    pub fn lines(&self) -> Vec<Line> {
        let line = |label, name, value| Line {
            label,
            name,
            value,
            total: false,
        };
        let mut lines = vec![line(
            Key::ReceiptFor,
            "receipt-description",
            Value::Given(self.description.clone()),
        )];
        if let Some(b) = self.lines {
            lines.push(line(
                Key::Amount,
                "receipt-subtotal",
                Value::Money(b.amount),
            ));
            for (label, name, cents) in [
                (Key::Fee, "receipt-fee", b.fee),
                (Key::Iva, "receipt-iva", b.iva),
            ] {
                if cents != 0 {
                    lines.push(line(label, name, Value::Money(cents)));
                }
            }
        }
        if let Some(total) = self.total {
            lines.push(Line {
                total: true,
                ..line(Key::PaidAmount, "receipt-amount", Value::Money(total))
            });
        }
        if let Some(method) = self.method {
            lines.push(line(
                Key::PaymentMethod,
                "receipt-method",
                Value::Text(method_name(method)),
            ));
        }
        if let Some(reference) = &self.reference {
            lines.push(line(
                Key::Reference,
                "receipt-reference",
                Value::Given(reference.clone()),
            ));
        }
        if let Some(at) = &self.paid_at {
            lines.push(line(Key::PaidAt, "receipt-date", Value::Date(at.clone())));
        }
        lines
    }
}

/// The breakdown behind a total paid: the link's own for a fixed amount, or
/// the one amount whose fees come to `total` for an amount the payer typed.
/// None when nothing known adds up to it (the provider's total is shown alone).
fn lines_for(rule: &AmountRule, total: i64) -> Option<Breakdown> {
    match rule {
        AmountRule::Fixed(b) => (b.total == total).then_some(*b),
        AmountRule::PayerChooses(open) => {
            let fees = open.fees;
            if fees.mode == FeeMode::Receiver {
                return fees.apply(total);
            }
            // total ≈ amount × (1 + fee × (1 + iva)): estimate, then look at
            // the neighbours the rounding may have moved it to. The total
            // grows by at least a cent with each cent of amount, so at most
            // one amount fits.
            let (fee, iva) = (i128::from(fees.fee_rate_bps), i128::from(fees.iva_rate_bps));
            let unit = 100_000_000i128;
            let estimate = i128::from(total) * unit / (unit + fee * 10_000 + fee * iva);
            let estimate = i64::try_from(estimate).ok()?;
            (estimate.saturating_sub(2)..=estimate.saturating_add(2))
                .filter(|amount| *amount > 0)
                .filter_map(|amount| fees.apply(amount))
                .find(|b| b.total == total)
        }
    }
}

#[cfg(test)]
#[path = "receipt_tests.rs"]
mod tests;
