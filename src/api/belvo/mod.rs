//! Belvo: PSE links with a known customer and Pix via Open Finance payment
//! intents (seeds 000 and 001, and the extensions in docs/api.md).

pub mod wire;

pub use wire::parse_link;

use super::error::ApiError;
use super::provider::{Clock, MethodNotOffered, Provider, WithdrawNotOffered};
use crate::checkout::link::PaymentLink;
use crate::checkout::money::Currency;
use crate::checkout::payment::{
    Bank, PaymentDetails, PaymentReport, PaymentStarted, PaymentStatus,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Belvo;

impl Provider for Belvo {
    fn named(_: &str) -> Self {
        Belvo
    }

    fn name(&self) -> &'static str {
        "belvo"
    }

    fn link_path(&self) -> &'static str {
        "/api/belvo/payment_links/{token}/"
    }

    fn parse_link(&self, body: &str) -> Result<PaymentLink, ApiError> {
        wire::parse_link(body)
    }

    /// Open Finance institutions for Brazil, PSE banks for Colombia.
    fn banks_url(&self, api_base: &str, currency: Currency) -> String {
        let country = if currency == Currency::BRL {
            "BRA"
        } else {
            "COL"
        };
        format!("{api_base}/api/belvo/institutions/?country={country}")
    }

    fn parse_banks(&self, body: &str) -> Result<Vec<Bank>, ApiError> {
        wire::parse_institutions(body)
    }

    fn pay_url(&self, api_base: &str, token: &str) -> String {
        format!("{api_base}/api/belvo/payment_links/{token}/payment_intents/")
    }

    /// The bank sends the payer back to this page, for this link (Open
    /// Finance Brasil: the payer returns to where the payment started).
    fn pay_body(
        &self,
        token: &str,
        details: &PaymentDetails,
        page_origin: &str,
    ) -> Result<String, MethodNotOffered> {
        wire::payment_intent_body(details, &format!("{page_origin}/pay/{token}"))
    }

    fn parse_pay_answer(&self, body: &str) -> Result<PaymentStarted, ApiError> {
        wire::parse_intent_started(body)
    }

    fn payment_url(&self, api_base: &str, token: &str, reference: &str) -> String {
        format!("{api_base}/api/belvo/payment_links/{token}/payment_intents/{reference}/")
    }

    fn parse_payment(&self, body: &str, clock: &dyn Clock) -> Result<PaymentReport, ApiError> {
        wire::parse_intent_report(body).map(|report| read_deadline(report, clock))
    }

    /// PSE and Pix send the payer to a bank page: Belvo has no push.
    fn withdraw_url(&self, _: &str, _: &str, _: &str) -> Result<String, WithdrawNotOffered> {
        Err(WithdrawNotOffered)
    }
}

/// Belvo answers FAILED for a consent that ran out as for one the payer
/// refused: one that failed once its deadline had passed expired, and the
/// payer is told so, not "declined".
fn read_deadline(mut report: PaymentReport, clock: &dyn Clock) -> PaymentReport {
    let deadline_passed = report
        .expires_at
        .as_deref()
        .and_then(|iso| clock.instant_ms(iso))
        .is_some_and(|deadline| deadline <= clock.now_ms());
    if report.status == PaymentStatus::Declined && deadline_passed {
        report.status = PaymentStatus::Expired;
    }
    report
}

#[cfg(test)]
mod tests;
