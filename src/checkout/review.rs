//! What the payer reviews before an Open Finance payment is sent (Pix via
//! Belvo): the amount, whom it pays, from which institution.

use super::money::Currency;
use super::state::{Banks, Checkout, Paying, Phase};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    /// What the payer is charged, in cents.
    pub total: Option<i64>,
    pub currency: Currency,
    /// The merchant, who receives the money.
    pub beneficiary: String,
    /// The institution chosen: the payer authorises there.
    pub institution: Option<String>,
}

/// The review on screen in `state`, if any. Once the payer confirms, the
/// pay form shows the payment being sent, as for any method.
pub fn review(state: &Checkout) -> Option<Review> {
    let Checkout::Paying(Paying {
        payable,
        phase: Phase::Reviewing,
    }) = state
    else {
        return None;
    };
    let attempt = payable.attempt.as_ref()?;
    let institution = match (&payable.banks, &attempt.details.bank_id) {
        (Banks::Loaded(list), Some(id)) => list
            .iter()
            .find(|bank| &bank.id == id)
            .map(|bank| bank.name.clone()),
        _ => None,
    };
    Some(Review {
        total: payable.total_to_pay(),
        currency: payable.link.currency,
        beneficiary: payable.link.merchant.name.clone(),
        institution,
    })
}

#[cfg(test)]
#[path = "review_tests.rs"]
mod tests;
