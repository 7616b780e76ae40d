//! A build with both providers (tests, the gallery): the one a page's
//! `paylink-provider` meta names, Colurs otherwise.

use super::belvo::Belvo;
use super::colurs::Colurs;
use super::error::ApiError;
use super::provider::{Clock, MethodNotOffered, Provider, WithdrawNotOffered};
use crate::checkout::link::PaymentLink;
use crate::checkout::money::Currency;
use crate::checkout::payment::{Bank, PaymentDetails, PaymentReport, PaymentStarted};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EitherProvider {
    Colurs(Colurs),
    Belvo(Belvo),
}

impl EitherProvider {
    fn provider(&self) -> &dyn Provider {
        match self {
            EitherProvider::Colurs(colurs) => colurs,
            EitherProvider::Belvo(belvo) => belvo,
        }
    }
}

impl Provider for EitherProvider {
    fn named(name: &str) -> Self {
        if name == Belvo.name() {
            EitherProvider::Belvo(Belvo)
        } else {
            EitherProvider::Colurs(Colurs)
        }
    }

    fn name(&self) -> &'static str {
        self.provider().name()
    }

    fn link_path(&self) -> &'static str {
        self.provider().link_path()
    }

    fn parse_link(&self, body: &str) -> Result<PaymentLink, ApiError> {
        self.provider().parse_link(body)
    }

    fn banks_url(&self, api_base: &str, currency: Currency) -> String {
        self.provider().banks_url(api_base, currency)
    }

    fn parse_banks(&self, body: &str) -> Result<Vec<Bank>, ApiError> {
        self.provider().parse_banks(body)
    }

    fn pay_url(&self, api_base: &str, token: &str) -> String {
        self.provider().pay_url(api_base, token)
    }

    fn pay_body(
        &self,
        token: &str,
        details: &PaymentDetails,
        page_origin: &str,
    ) -> Result<String, MethodNotOffered> {
        self.provider().pay_body(token, details, page_origin)
    }

    fn parse_pay_answer(&self, body: &str) -> Result<PaymentStarted, ApiError> {
        self.provider().parse_pay_answer(body)
    }

    fn payment_url(&self, api_base: &str, token: &str, reference: &str) -> String {
        self.provider().payment_url(api_base, token, reference)
    }

    fn parse_payment(&self, body: &str, clock: &dyn Clock) -> Result<PaymentReport, ApiError> {
        self.provider().parse_payment(body, clock)
    }

    fn withdraw_url(
        &self,
        api_base: &str,
        token: &str,
        reference: &str,
    ) -> Result<String, WithdrawNotOffered> {
        self.provider().withdraw_url(api_base, token, reference)
    }
}

#[cfg(test)]
#[path = "either_tests.rs"]
mod tests;
