//! The in-memory state of the sandbox and the rules that move links and
//! payments from one status to the next.
//!
//! Time-driven changes (an expired link, a Nequi push answered or timed out)
//! are applied lazily by `settle`, from timestamps, whenever the store is
//! read: no background task can race a request.

use std::collections::HashMap;

use indexmap::IndexMap;
use uuid::Uuid;

use crate::colurs::model::{Link, LinkStatus, Payment, PaymentMethod, PaymentStatus};
use crate::colurs::nequi::{self, NequiTiming};
use crate::shared::idempotency::RecordedReplies;
use crate::test_controls::clock::Timestamp;

#[derive(Debug, Default)]
pub struct Store {
    /// In creation order, so ids increase along the vector.
    links: Vec<Link>,
    /// In creation order: payments started within one clock tick stay in
    /// the order they were started.
    payments: IndexMap<String, Payment>,
    payments_created: HashMap<Uuid, u64>,
    /// The answers of pay calls, by link and `Idempotency-Key`.
    pub replies: RecordedReplies<Uuid>,
    /// The `Idempotency-Key` that started each payment, by money movement id.
    payment_keys: HashMap<String, String>,
}

impl Store {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn next_link_id(&self) -> u64 {
        self.links.last().map_or(1, |link| link.id + 1)
    }

    pub fn insert_link(&mut self, link: Link) {
        debug_assert_eq!(link.id, self.next_link_id());
        self.links.push(link);
    }

    pub fn links(&self) -> &[Link] {
        &self.links
    }

    pub fn link(&self, uuid: Uuid) -> Option<&Link> {
        self.links.iter().find(|link| link.uuid == uuid)
    }

    fn link_mut(&mut self, uuid: Uuid) -> Option<&mut Link> {
        self.links.iter_mut().find(|link| link.uuid == uuid)
    }

    pub fn payment(&self, money_movement_id: &str) -> Option<&Payment> {
        self.payments.get(money_movement_id)
    }

    /// The payments of a link in the order they started, each with the `Idempotency-Key`
    /// that started it (none for the demo links' seeded payments).
    pub fn payments_of(&self, link_uuid: Uuid) -> Vec<(&Payment, Option<&str>)> {
        self.payments
            .values()
            .filter(|payment| payment.link_uuid == link_uuid)
            .map(|payment| {
                let key = self.payment_keys.get(&payment.money_movement_id);
                (payment, key.map(String::as_str))
            })
            .collect()
    }

    pub fn payments_created(&self, link_uuid: Uuid) -> u64 {
        self.payments_created.get(&link_uuid).copied().unwrap_or(0)
    }

    /// Starts a payment: its link is now ACTIVE (a payment in progress) and
    /// names it, until it ends.
    pub fn insert_payment(&mut self, payment: Payment) {
        let link_uuid = payment.link_uuid;
        let created_at = payment.created_at;
        let money_movement_id = payment.money_movement_id.clone();
        *self.payments_created.entry(link_uuid).or_default() += 1;
        self.payments
            .insert(payment.money_movement_id.clone(), payment);
        if let Some(link) = self.link_mut(link_uuid) {
            link.payment_in_progress = Some(money_movement_id);
            if link.status == LinkStatus::Pending {
                link.status = LinkStatus::Active;
                link.updated_at = created_at;
            }
        }
    }

    /// Ends a pending payment with `outcome` at `at`; does nothing to a
    /// payment that has already ended.
    pub fn finish_payment(
        &mut self,
        money_movement_id: &str,
        outcome: PaymentStatus,
        at: Timestamp,
    ) {
        let Some(payment) = self.payments.get(money_movement_id) else {
            return;
        };
        if payment.status != PaymentStatus::Pending {
            return;
        }
        let (link_uuid, total_to_pay) = (payment.link_uuid, payment.total_to_pay);

        let mut outcome = outcome;
        if outcome == PaymentStatus::Approved {
            let link_still_payable = self
                .link(link_uuid)
                .is_some_and(|link| link.status.accepts_payments() && !link.has_expired_at(at));
            if link_still_payable {
                let link = self.link_mut(link_uuid).expect("checked above");
                link.status = LinkStatus::Paid;
                link.paid_at = Some(at);
                link.paid_amount = Some(total_to_pay);
                link.updated_at = at;
            } else {
                // Money for a link that can no longer take it (expired,
                // cancelled, paid) is never counted twice: it goes back to the payer.
                outcome = PaymentStatus::Refunded;
            }
        }

        let payment = self
            .payments
            .get_mut(money_movement_id)
            .expect("looked up above");
        payment.status = outcome;
        payment.updated_at = at;
        if let Some(link) = self.link_mut(link_uuid) {
            if link.payment_in_progress.as_deref() == Some(money_movement_id) {
                link.payment_in_progress = None;
            }
        }

        if outcome != PaymentStatus::Approved && !self.has_pending_payment(link_uuid) {
            if let Some(link) = self.link_mut(link_uuid) {
                if link.status == LinkStatus::Active {
                    link.status = LinkStatus::Pending;
                    link.updated_at = at;
                }
            }
        }
    }

    fn has_pending_payment(&self, link_uuid: Uuid) -> bool {
        self.payments.values().any(|payment| {
            payment.link_uuid == link_uuid && payment.status == PaymentStatus::Pending
        })
    }

    /// Applies every change that time alone has caused by `now`.
    pub fn settle(&mut self, now: Timestamp, nequi_timing: NequiTiming) {
        // A Nequi push is answered or times out; a bank page the payer never
        // came back from expires like a push.
        let mut answered: Vec<(String, PaymentStatus, Timestamp)> = self
            .payments
            .values()
            .filter(|payment| payment.status == PaymentStatus::Pending)
            .filter_map(|payment| {
                let outcome = match payment.method {
                    PaymentMethod::Nequi => nequi::outcome_by(payment, now, nequi_timing),
                    _ => payment
                        .expires_at
                        .filter(|deadline| *deadline <= now)
                        .map(|deadline| (PaymentStatus::Expired, deadline)),
                };
                outcome.map(|(status, at)| (payment.money_movement_id.clone(), status, at))
            })
            .collect();
        // In the order they happened, so the first approval is the one that pays.
        answered.sort_by(|a, b| (a.2, &a.0).cmp(&(b.2, &b.0)));
        for (money_movement_id, status, at) in answered {
            self.finish_payment(&money_movement_id, status, at);
        }

        for link in &mut self.links {
            if link.status.accepts_payments() && link.has_expired_at(now) {
                link.status = LinkStatus::Expired;
                link.updated_at = link.expires_at.unwrap_or(now);
            }
        }
    }

    /// The payment a code names: pasted whole (its payload) or by its
    /// money movement id; only payments made with a code.
    pub fn payment_by_code(&self, text: &str) -> Option<&Payment> {
        self.payments.values().find(|payment| {
            payment
                .code
                .as_ref()
                .is_some_and(|code| code.payload == text || payment.money_movement_id == text)
        })
    }

    /// A pending code the payer let run out: `EXPIRED` now, as at its deadline.
    pub fn expire_code(&mut self, money_movement_id: &str, now: Timestamp) {
        let Some(payment) = self.payments.get_mut(money_movement_id) else {
            return;
        };
        if payment.status != PaymentStatus::Pending {
            return;
        }
        payment.expires_at = Some(now);
        if let Some(code) = &mut payment.code {
            code.expires_at = now;
        }
        self.finish_payment(money_movement_id, PaymentStatus::Expired, now);
    }

    pub fn record_payment_key(&mut self, money_movement_id: &str, idempotency_key: &str) {
        self.payment_keys
            .insert(money_movement_id.to_owned(), idempotency_key.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::colurs::model::{Currency, FeeMode, Owner, Payer};
    use crate::shared::money::Cents;

    fn at(seconds: i64) -> Timestamp {
        Timestamp::from_unix_millis(1_800_000_000_000).plus_seconds(seconds)
    }

    fn store_with_link() -> (Store, Uuid) {
        let mut store = Store::new();
        let uuid = Uuid::new_v4();
        store.insert_link(Link {
            id: store.next_link_id(),
            uuid,
            owner: Owner::sandbox_merchant(),
            currency: Currency::Cop,
            amount: Some(Cents::units(50_000)),
            is_general: false,
            fee_mode: FeeMode::Payer,
            fee_rate_bps: 200,
            iva_rate_bps: 1900,
            min_amount: None,
            max_amount: None,
            description: String::new(),
            status: LinkStatus::Pending,
            expires_at: None,
            paid_at: None,
            paid_amount: None,
            allowed_methods: PaymentMethod::DEFAULT.to_vec(),
            merchant: None,
            callback_urls: None,
            allowed_embed_origins: vec![],
            payment_in_progress: None,
            created_at: at(0),
            updated_at: at(0),
        });
        (store, uuid)
    }

    fn payment(id: &str, link_uuid: Uuid, created_at: Timestamp) -> Payment {
        Payment {
            money_movement_id: id.into(),
            link_uuid,
            method: PaymentMethod::Pse,
            total_to_pay: Cents::units(51_190),
            payer: Payer::default(),
            status: PaymentStatus::Pending,
            created_at,
            updated_at: created_at,
            expires_at: None,
            code: None,
        }
    }

    /// Two approvals at once cannot come through the API (one attempt at a
    /// time), but the money of a second one would go back to the payer.
    #[test]
    fn approval_pays_the_link_once() {
        let (mut store, uuid) = store_with_link();
        store.insert_payment(payment("mm_a", uuid, at(1)));
        store.insert_payment(payment("mm_b", uuid, at(2)));
        assert_eq!(store.link(uuid).unwrap().status, LinkStatus::Active);
        assert_eq!(store.payments_created(uuid), 2);

        store.finish_payment("mm_a", PaymentStatus::Approved, at(10));
        let link = store.link(uuid).unwrap();
        assert_eq!(
            (link.status, link.paid_at, link.paid_amount),
            (LinkStatus::Paid, Some(at(10)), Some(Cents::units(51_190)))
        );

        store.finish_payment("mm_b", PaymentStatus::Approved, at(11));
        let refunded = store.payment("mm_b").unwrap();
        assert_eq!(refunded.status, PaymentStatus::Refunded);
        assert_eq!(store.link(uuid).unwrap().paid_at, Some(at(10)));
    }
}
