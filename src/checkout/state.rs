//! The checkout as a state machine: `step(state, event) -> (state, effects)`.
//!
//! The UI renders a `Checkout` and turns what happens (answers, clicks) into
//! `Event`s; it never decides. Effects are values the browser shell executes.

use super::link::{LinkStatus, PaymentLink};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checkout {
    Loading,
    LoadFailed(LoadError),
    /// The link can be paid: the summary and the method choice.
    Payable(PaymentLink),
    Paid(PaymentLink),
    Expired(PaymentLink),
    Cancelled(PaymentLink),
    /// The provider reports a status this page does not know: an honest
    /// "still processing", never "paid".
    Processing(PaymentLink),
}

/// Why a link could not be shown, as far as the payer is concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// No such link, or a token that cannot be one.
    NotFound,
    /// No answer or a server failure: worth another try.
    Unavailable,
    /// An answer this page cannot read.
    Malformed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    LinkLoaded(Result<PaymentLink, LoadError>),
    RetryLoad,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    FetchLink,
}

impl Checkout {
    /// A stable name for the state, for `data-state` attributes and events.
    pub fn name(&self) -> &'static str {
        match self {
            Checkout::Loading => "loading",
            Checkout::LoadFailed(LoadError::NotFound) => "not-found",
            Checkout::LoadFailed(LoadError::Unavailable) => "load-failed",
            Checkout::LoadFailed(LoadError::Malformed) => "malformed",
            Checkout::Payable(_) => "payable",
            Checkout::Paid(_) => "paid",
            Checkout::Expired(_) => "expired",
            Checkout::Cancelled(_) => "cancelled",
            Checkout::Processing(_) => "processing",
        }
    }
}

/// The screen a freshly loaded link belongs on.
fn screen_for(link: PaymentLink) -> Checkout {
    match link.status {
        LinkStatus::Pending | LinkStatus::Active => Checkout::Payable(link),
        LinkStatus::Paid { .. } => Checkout::Paid(link),
        LinkStatus::Expired => Checkout::Expired(link),
        LinkStatus::Cancelled => Checkout::Cancelled(link),
        LinkStatus::Unrecognized(_) => Checkout::Processing(link),
    }
}

pub fn step(state: Checkout, event: Event) -> (Checkout, Vec<Effect>) {
    match (state, event) {
        (_, Event::LinkLoaded(Ok(link))) => (screen_for(link), vec![]),
        (_, Event::LinkLoaded(Err(error))) => (Checkout::LoadFailed(error), vec![]),
        (Checkout::LoadFailed(LoadError::Unavailable), Event::RetryLoad) => {
            (Checkout::Loading, vec![Effect::FetchLink])
        }
        // A retry is only meaningful after a failure that may pass.
        (state, Event::RetryLoad) => (state, vec![]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkout::link::*;
    use crate::checkout::money::{Breakdown, Currency};

    fn link(status: LinkStatus) -> PaymentLink {
        PaymentLink {
            token: "550e8400-e29b-41d4-a716-446655440000".into(),
            merchant: Merchant { name: "Tienda".into(), logo_url: None, brand_color: None },
            description: "Plan".into(),
            currency: Currency::COP,
            amount: AmountRule::Fixed(Breakdown { amount: 100, fee: 0, iva: 0, total: 100 }),
            status,
            expires_at: None,
            methods: vec![Method::Pse],
            callback_urls: None,
        }
    }

    #[test]
    fn a_loaded_link_lands_on_the_screen_of_its_status() {
        let cases = [
            (LinkStatus::Pending, "payable"),
            (LinkStatus::Active, "payable"),
            (LinkStatus::Paid { paid_at: None, paid_amount: None }, "paid"),
            (LinkStatus::Expired, "expired"),
            (LinkStatus::Cancelled, "cancelled"),
            (LinkStatus::Unrecognized("REFUNDING".into()), "processing"),
        ];
        for (status, screen) in cases {
            let (state, effects) = step(Checkout::Loading, Event::LinkLoaded(Ok(link(status))));
            assert_eq!(state.name(), screen);
            assert!(effects.is_empty());
        }
    }

    #[test]
    fn a_failed_load_can_be_retried_only_when_it_may_pass() {
        let (failed, _) = step(Checkout::Loading, Event::LinkLoaded(Err(LoadError::Unavailable)));
        assert_eq!(failed.name(), "load-failed");
        let (retrying, effects) = step(failed, Event::RetryLoad);
        assert_eq!(retrying, Checkout::Loading);
        assert_eq!(effects, vec![Effect::FetchLink]);

        let (missing, _) = step(Checkout::Loading, Event::LinkLoaded(Err(LoadError::NotFound)));
        let (still_missing, effects) = step(missing, Event::RetryLoad);
        assert_eq!(still_missing.name(), "not-found");
        assert!(effects.is_empty());
    }
}
