//! What a provider is to the page: where its calls go, what a pay request
//! says, and how its answers read into the domain model. One implementation
//! per provider (`api::colurs`, `api::belvo`); the bundle's own is
//! `api::ActiveProvider`. Pure: the page's origin and the clock come in
//! from the shell (`web::client`), which does the HTTP.

use super::error::ApiError;
use crate::checkout::link::{Method, PaymentLink};
use crate::checkout::money::Currency;
use crate::checkout::payment::{Bank, PaymentDetails, PaymentReport, PaymentStarted};

/// What stands for the link's token in `Provider::link_path`.
pub const TOKEN: &str = "{token}";

/// A method this provider has no wire code for: refused before anything is
/// sent, so a method cannot go out as another one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodNotOffered(pub Method);

/// A provider whose payers approve no push: there is none to withdraw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WithdrawNotOffered;

/// The time as the shell reads it; what a deadline means is decided here.
pub trait Clock {
    /// Now, in milliseconds since the Unix epoch.
    fn now_ms(&self) -> f64;
    /// An ISO 8601 instant in the same unit; `None` when it reads as none.
    fn instant_ms(&self, iso: &str) -> Option<f64>;
}

pub trait Provider {
    /// The provider a page whose `paylink-provider` meta says `name` speaks.
    /// A bundle built for one provider speaks it whatever the meta says.
    fn named(name: &str) -> Self
    where
        Self: Sized;

    /// What a `paylink-provider` meta calls it.
    fn name(&self) -> &'static str;

    /// The link's path under the API base, with `TOKEN` where the token goes.
    /// The build writes it into index.html for the inline script's early request.
    fn link_path(&self) -> &'static str;

    fn link_url(&self, api_base: &str, token: &str) -> String {
        format!("{api_base}{}", self.link_path().replace(TOKEN, token))
    }

    fn parse_link(&self, body: &str) -> Result<PaymentLink, ApiError>;

    /// The banks (PSE) or institutions (Open Finance) of the link's country.
    fn banks_url(&self, api_base: &str, currency: Currency) -> String;

    /// The list as served, in the provider's order; the page sorts it.
    fn parse_banks(&self, body: &str) -> Result<Vec<Bank>, ApiError>;

    fn pay_url(&self, api_base: &str, token: &str) -> String;

    /// The JSON body of a pay request. `page_origin` is this page's origin,
    /// for a provider that sends the payer back to it.
    fn pay_body(
        &self,
        token: &str,
        details: &PaymentDetails,
        page_origin: &str,
    ) -> Result<String, MethodNotOffered>;

    /// The answer to a pay request. A redirect is passed on unchecked.
    fn parse_pay_answer(&self, body: &str) -> Result<PaymentStarted, ApiError>;

    fn payment_url(&self, api_base: &str, token: &str, reference: &str) -> String;

    /// A payment's report; `clock` for a provider whose statuses read
    /// against a deadline.
    fn parse_payment(&self, body: &str, clock: &dyn Clock) -> Result<PaymentReport, ApiError>;

    /// Where a POST asks the provider to withdraw a push awaiting the
    /// payer's approval; its answer reads as `parse_payment` (the payment
    /// as it stands after the request).
    fn withdraw_url(
        &self,
        api_base: &str,
        token: &str,
        reference: &str,
    ) -> Result<String, WithdrawNotOffered>;
}
