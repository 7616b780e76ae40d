//! The Belvo objects in memory. Statuses that time alone changes (a link
//! past `expires_at`, a consent not authorised in time, a payment done
//! processing) are computed from timestamps when read, never by a
//! background task.

use std::collections::HashMap;

use uuid::Uuid;

use super::model::{
    Customer, Decision, IntentStatus, LinkStatus, Outcome, PaymentIntent, PaymentLink,
};
use crate::shared::idempotency::RecordedReplies;
use crate::test_controls::clock::Timestamp;

/// The simulated Open Finance timing, from the configuration.
#[derive(Clone, Copy, Debug)]
pub struct ConsentTiming {
    /// How long a consent waits for the payer (Open Finance Brasil: 5 minutes).
    pub timeout_seconds: u64,
    /// How long an authorised payment is PROCESSING before it SUCCEEDED.
    pub processing_seconds: u64,
}

#[derive(Debug, Default)]
pub struct BelvoStore {
    customers: Vec<Customer>,
    links: Vec<PaymentLink>,
    intents: Vec<PaymentIntent>,
    intents_created: HashMap<String, u64>,
    /// The answers of payment intent calls, by access token and `Idempotency-Key`.
    pub replies: RecordedReplies<String>,
}

impl BelvoStore {
    pub fn insert_customer(&mut self, customer: Customer) {
        self.customers.push(customer);
    }

    pub fn customer(&self, id: Uuid) -> Option<&Customer> {
        self.customers.iter().find(|customer| customer.id == id)
    }

    pub fn insert_link(&mut self, link: PaymentLink) {
        self.links.push(link);
    }

    pub fn link(&self, access_token: &str) -> Option<&PaymentLink> {
        self.links
            .iter()
            .find(|link| link.access_token == access_token)
    }

    fn link_mut(&mut self, access_token: &str) -> Option<&mut PaymentLink> {
        self.links
            .iter_mut()
            .find(|link| link.access_token == access_token)
    }

    /// A link's status at `now` and when it last changed: COMPLETED once one
    /// of its payment intents has SUCCEEDED, EXPIRED from `expires_at`.
    pub fn link_status(
        &self,
        link: &PaymentLink,
        now: Timestamp,
        timing: ConsentTiming,
    ) -> (LinkStatus, Timestamp) {
        let completed_at = self
            .intents_of(&link.access_token)
            .filter_map(|intent| intent.succeeded_at(timing.processing_seconds))
            .filter(|succeeded_at| *succeeded_at <= now)
            .min();
        if let Some(completed_at) = completed_at {
            (LinkStatus::Completed, completed_at.max(link.updated_at))
        } else if now >= link.expires_at {
            (LinkStatus::Expired, link.expires_at.max(link.updated_at))
        } else {
            (LinkStatus::Active, link.updated_at)
        }
    }

    /// Whether money authorised now for `access_token` can be taken: the
    /// link is ACTIVE and no other attempt has been authorised.
    pub fn link_takes_payment(
        &self,
        access_token: &str,
        now: Timestamp,
        timing: ConsentTiming,
    ) -> bool {
        let Some(link) = self.link(access_token) else {
            return false;
        };
        let already_authorised = self.intents_of(access_token).any(|intent| {
            intent
                .decision
                .as_ref()
                .is_some_and(|decision| decision.outcome == Outcome::Approved)
        });
        self.link_status(link, now, timing).0 == LinkStatus::Active && !already_authorised
    }

    /// The link's payment intent that may still succeed (waiting for the
    /// payer's consent, or authorised and processing), if any.
    pub fn intent_in_progress(
        &self,
        access_token: &str,
        now: Timestamp,
        timing: ConsentTiming,
    ) -> Option<Uuid> {
        self.intents_of(access_token)
            .find(|intent| {
                matches!(
                    intent.status_at(now, timing.processing_seconds),
                    IntentStatus::RequiresAction | IntentStatus::Processing
                )
            })
            .map(|intent| intent.id)
    }

    pub fn intents_of<'a>(
        &'a self,
        access_token: &'a str,
    ) -> impl Iterator<Item = &'a PaymentIntent> {
        self.intents
            .iter()
            .filter(move |intent| intent.access_token == access_token)
    }

    pub fn intent(&self, id: Uuid) -> Option<&PaymentIntent> {
        self.intents.iter().find(|intent| intent.id == id)
    }

    /// The id for the next payment intent of a link: the one reserved on the
    /// link for its first attempt, a new one for each later attempt.
    pub fn next_intent_id(&self, access_token: &str) -> Uuid {
        match self.link(access_token) {
            Some(link) if self.intent(link.payment_intent).is_none() => link.payment_intent,
            _ => Uuid::new_v4(),
        }
    }

    /// Records a payment intent; it becomes its link's `payment_intent`.
    pub fn insert_intent(&mut self, intent: PaymentIntent) {
        *self
            .intents_created
            .entry(intent.access_token.clone())
            .or_default() += 1;
        if let Some(link) = self.link_mut(&intent.access_token) {
            if link.payment_intent != intent.id {
                link.payment_intent = intent.id;
                link.updated_at = intent.created_at;
            }
        }
        self.intents.push(intent);
    }

    /// Payment intents created for a link; `None` when there is no such link.
    pub fn intents_created(&self, access_token: &str) -> Option<u64> {
        self.link(access_token)
            .map(|_| self.intents_created.get(access_token).copied().unwrap_or(0))
    }

    /// The payment intent a Pix QR code names: pasted whole (its payload)
    /// or by the intent's id.
    pub fn intent_by_code(&self, text: &str) -> Option<&PaymentIntent> {
        self.intents.iter().find(|intent| {
            intent
                .code
                .as_ref()
                .is_some_and(|code| code.payload == text || intent.id.to_string() == text)
        })
    }

    /// A code still waiting that the payer let run out: its deadline is now,
    /// so it reads `FAILED` past its `expires_at`, as an expired consent.
    pub fn expire_code(&mut self, intent_id: Uuid, now: Timestamp, timing: ConsentTiming) {
        let Some(intent) = self
            .intents
            .iter_mut()
            .find(|intent| intent.id == intent_id)
        else {
            return;
        };
        if intent.status_at(now, timing.processing_seconds) != IntentStatus::RequiresAction {
            return;
        }
        intent.expires_at = Some(now);
        if let Some(code) = &mut intent.code {
            code.expires_at = now;
        }
    }

    /// Records the payer's answer to a consent still waiting for one.
    pub fn decide(
        &mut self,
        intent_id: Uuid,
        decision: Decision,
        now: Timestamp,
        timing: ConsentTiming,
    ) {
        if let Some(intent) = self
            .intents
            .iter_mut()
            .find(|intent| intent.id == intent_id)
        {
            if intent.status_at(now, timing.processing_seconds) == IntentStatus::RequiresAction {
                intent.decision = Some(decision);
            }
        }
    }
}
