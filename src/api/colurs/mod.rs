//! Colurs: payment links with fees and IVA, Bancolombia, PSE and Nequi
//! (seed 003 and the extensions in docs/api.md).

mod codes;
pub mod link;
pub mod payment;

pub use link::parse_link;

use super::error::ApiError;
use super::provider::{Clock, MethodNotOffered, Provider, WithdrawNotOffered};
use crate::checkout::link::PaymentLink;
use crate::checkout::money::Currency;
use crate::checkout::payment::{Bank, PaymentDetails, PaymentReport, PaymentStarted};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colurs;

impl Provider for Colurs {
    fn named(_: &str) -> Self {
        Colurs
    }

    fn name(&self) -> &'static str {
        "colurs"
    }

    fn link_path(&self) -> &'static str {
        "/api/payment_link/{token}/"
    }

    fn parse_link(&self, body: &str) -> Result<PaymentLink, ApiError> {
        link::parse_link(body)
    }

    /// PSE's banks; Colurs has no other list.
    fn banks_url(&self, api_base: &str, _: Currency) -> String {
        format!("{api_base}/api/pse/banks/")
    }

    fn parse_banks(&self, body: &str) -> Result<Vec<Bank>, ApiError> {
        payment::parse_banks(body)
    }

    fn pay_url(&self, api_base: &str, token: &str) -> String {
        format!("{api_base}/api/payment_link/{token}/pay/")
    }

    fn pay_body(
        &self,
        _: &str,
        details: &PaymentDetails,
        _: &str,
    ) -> Result<String, MethodNotOffered> {
        payment::pay_request_body(details)
    }

    fn parse_pay_answer(&self, body: &str) -> Result<PaymentStarted, ApiError> {
        payment::parse_pay_response(body)
    }

    fn payment_url(&self, api_base: &str, token: &str, reference: &str) -> String {
        format!("{api_base}/api/payment_link/{token}/payments/{reference}/")
    }

    /// Colurs says when a payment expired: the clock is not needed.
    fn parse_payment(&self, body: &str, _: &dyn Clock) -> Result<PaymentReport, ApiError> {
        payment::parse_payment_status(body)
    }

    /// The Nequi push's way out (docs/api.md).
    fn withdraw_url(
        &self,
        api_base: &str,
        token: &str,
        reference: &str,
    ) -> Result<String, WithdrawNotOffered> {
        Ok(format!(
            "{}withdraw/",
            self.payment_url(api_base, token, reference)
        ))
    }
}

#[cfg(test)]
mod tests;
