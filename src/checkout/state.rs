//! The checkout as a state machine: `step(state, event) -> (state, effects)`.
//!
//! The UI renders a `Checkout` and turns what happens (answers, clicks,
//! timers) into `Event`s; it never decides. Effects are values the browser
//! shell executes. Money is only ever shown as paid on an `APPROVED` payment
//! or a `PAID` link, both as reported by the provider.

use super::fields::{
    validate_field, validate_form, FieldId, FieldProblem, FormContext, FormValues,
};
use super::link::{AmountRule, LinkStatus, Method, PaymentLink};
use super::methods::spec;
use super::payment::{
    Bank, NextStep, PaymentDetails, PaymentReport, PaymentStarted, PaymentStatus,
};

/// Polling after the return from the bank: quick at first, then slower.
pub const FIRST_POLL_MS: u32 = 1_000;
pub const MAX_POLL_MS: u32 = 8_000;
/// After this long without a final status the page says so honestly and
/// keeps checking at `SLOW_POLL_MS`.
pub const CONFIRM_LIMIT_MS: u32 = 60_000;
pub const SLOW_POLL_MS: u32 = 15_000;
/// How long the receipt stays before the payer is handed back to the merchant.
pub const RETURN_AFTER_MS: u32 = 5_000;
/// A failed link load is retried by itself this many times, with backoff.
pub const AUTO_RETRIES: u32 = 4;
/// While the payer fills the form, the link is checked again this often, so
/// a link cancelled meanwhile is known before anything is sent.
pub const REFRESH_LINK_MS: u32 = 60_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Checkout {
    /// Fetching the link; `resume` is a payment reference from the URL when
    /// the payer comes back from the bank or reloads mid-payment.
    Loading {
        resume: Option<String>,
        attempt: u32,
    },
    LoadFailed {
        error: LoadError,
        resume: Option<String>,
        attempt: u32,
    },
    /// The summary, the method choice and the form.
    Payable(Payable),
    /// The pay request is in flight: the form is locked, a second submit is ignored.
    Submitting(Payable),
    /// Leaving for the bank's page.
    Redirecting {
        payable: Payable,
        url: String,
    },
    /// Waiting for the payer to approve a push in their app (Nequi).
    AwaitingApproval {
        payable: Payable,
        reference: String,
        timeout_seconds: u32,
    },
    /// Back from the bank (or the app's deadline passed): asking the provider.
    Confirming(Confirming),
    /// The payment was approved.
    Paid {
        link: PaymentLink,
        report: PaymentReport,
    },
    /// The link itself says it is paid (opened again after paying).
    LinkPaid(PaymentLink),
    /// Declined, abandoned, expired or failed: the payer may try again.
    PaymentFailed {
        payable: Payable,
        report: PaymentReport,
    },
    Expired(PaymentLink),
    Cancelled(PaymentLink),
    /// The provider reports a link status this page does not know: an honest
    /// "still processing", never "paid".
    Processing(PaymentLink),
}

/// A link being paid, with everything the payer has typed so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payable {
    pub link: PaymentLink,
    pub method: Option<Method>,
    pub form: FormValues,
    /// Problems shown next to their fields, in display order.
    pub problems: Vec<(FieldId, FieldProblem)>,
    pub banks: Banks,
    pub submit_error: Option<SubmitError>,
    /// The attempt being paid: its idempotency key is reused when the same
    /// details are sent again, so a retry never pays twice.
    pub attempt: Option<Attempt>,
    /// What the page says above the form about an earlier attempt.
    pub notice: Option<PayNotice>,
}

/// What the pay screen tells the payer about an attempt that is not theirs
/// to wait for any more.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PayNotice {
    /// The reference the page came back with names no payment of this link
    /// (a stale or crafted URL): nothing is known of it, so nothing is claimed.
    PaymentNotFound,
    /// The attempt that was in progress on the link ended without paying it:
    /// the payer may pay now.
    EarlierAttemptEnded,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Banks {
    NotNeeded,
    Loading,
    Loaded(Vec<Bank>),
    Failed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub idempotency_key: String,
    pub details: PaymentDetails,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirming {
    pub payable: Payable,
    pub reference: String,
    /// Time spent polling so far, summed from the scheduled delays.
    pub waited_ms: u32,
    pub next_delay_ms: u32,
    /// Past `CONFIRM_LIMIT_MS`: "we are still confirming your payment".
    pub slow: bool,
    pub last_report: Option<PaymentReport>,
    /// The attempt was started elsewhere (another tab or device) and may
    /// still succeed: the payer waits for it instead of paying twice, and
    /// pays here only once the provider says it ended unpaid.
    pub elsewhere: bool,
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

/// Why a pay request did not start a payment; each has its own message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmitError {
    AmountRequired,
    AmountMismatch,
    /// The link is no longer payable (paid, expired, cancelled meanwhile).
    InvalidStatus,
    NotFound,
    /// The provider refused a field the page thought valid.
    Rejected {
        field: Option<String>,
    },
    /// No answer or a server failure: the same attempt may be sent again.
    Unavailable,
    /// An answer the page cannot read, or a redirect it will not follow.
    Unreadable,
    /// Another attempt on the link may still succeed: its reference.
    InProgress(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    LinkLoaded(Result<PaymentLink, LoadError>),
    RetryLoad,
    /// The periodic check of the link while the payer fills the form.
    LinkRefreshed(Result<PaymentLink, LoadError>),
    /// The link's `expires_at` has passed.
    LinkExpired,
    /// The browser is online again after being offline.
    BackOnline,
    BanksLoaded(Result<Vec<Bank>, LoadError>),
    MethodChosen(Method),
    FieldChanged(FieldId, String),
    FieldLeft(FieldId),
    /// The payer pressed Pay; `fresh_key` is used only if this is a new attempt.
    Submit {
        fresh_key: String,
    },
    PayAnswered(Result<PaymentStarted, SubmitError>),
    PaymentPolled {
        reference: String,
        result: Result<PaymentReport, LoadError>,
    },
    /// The app approval's countdown reached zero.
    ApprovalDeadlinePassed,
    /// Start again after a failed payment, keeping what was typed.
    NewAttempt,
    ReturnToMerchant,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    FetchLink,
    RetryLoadAfter(u32),
    RefreshLinkAfter(u32),
    /// Tell the page when `expires_at` (ISO 8601) passes.
    WatchExpiry(String),
    FetchBanks,
    SubmitPayment {
        idempotency_key: String,
        details: PaymentDetails,
    },
    /// Top-level navigation: banks must never be framed.
    Navigate(String),
    /// Keep the payment reference in the URL so a reload resumes it.
    RememberPayment(String),
    ForgetPayment,
    PollPayment {
        reference: String,
        after_ms: u32,
    },
    ReturnToMerchantAfter {
        url: String,
        after_ms: u32,
    },
}

impl Checkout {
    /// A stable name for the state, for `data-state` attributes and events.
    pub fn name(&self) -> &'static str {
        match self {
            Checkout::Loading { .. } => "loading",
            Checkout::LoadFailed {
                error: LoadError::NotFound,
                ..
            } => "not-found",
            Checkout::LoadFailed {
                error: LoadError::Unavailable,
                ..
            } => "load-failed",
            Checkout::LoadFailed {
                error: LoadError::Malformed,
                ..
            } => "malformed",
            Checkout::Payable(p) if p.method.is_none() => "choosing-method",
            Checkout::Payable(_) => "filling",
            Checkout::Submitting(_) => "submitting",
            Checkout::Redirecting { .. } => "redirecting",
            Checkout::AwaitingApproval { .. } => "awaiting-approval",
            Checkout::Confirming(c) if c.elsewhere => "payment-in-progress",
            Checkout::Confirming(c) if c.slow => "still-confirming",
            Checkout::Confirming(_) => "confirming",
            Checkout::Paid { .. } | Checkout::LinkPaid(_) => "paid",
            Checkout::PaymentFailed { .. } => "failed",
            Checkout::Expired(_) => "expired",
            Checkout::Cancelled(_) => "cancelled",
            Checkout::Processing(_) => "processing",
        }
    }

    /// The link, once loaded.
    pub fn link(&self) -> Option<&PaymentLink> {
        match self {
            Checkout::Loading { .. } | Checkout::LoadFailed { .. } => None,
            Checkout::Payable(p) | Checkout::Submitting(p) => Some(&p.link),
            Checkout::Redirecting { payable, .. }
            | Checkout::AwaitingApproval { payable, .. }
            | Checkout::PaymentFailed { payable, .. } => Some(&payable.link),
            Checkout::Confirming(c) => Some(&c.payable.link),
            Checkout::Paid { link, .. }
            | Checkout::LinkPaid(link)
            | Checkout::Expired(link)
            | Checkout::Cancelled(link)
            | Checkout::Processing(link) => Some(link),
        }
    }
}

impl Payable {
    pub fn new(link: PaymentLink) -> Payable {
        // A link that allows one method goes straight to its form.
        let method = match link.methods.as_slice() {
            [only] => Some(*only),
            _ => None,
        };
        // PSE asks for a bank and Pix for an institution: fetch the list at once.
        let banks = if link.methods.iter().any(|&m| spec(m).uses_bank_list()) {
            Banks::Loading
        } else {
            Banks::NotNeeded
        };
        // A customer the provider knows fills the form with what it holds.
        let mut form = FormValues::default();
        if let Some(customer) = &link.customer {
            form.apply_prefill(&customer.prefill());
        }
        Payable {
            link,
            method,
            form,
            problems: Vec::new(),
            banks,
            submit_error: None,
            attempt: None,
            notice: None,
        }
    }

    /// What the form of `method` is checked against on this link.
    fn form_context(&self, method: Method) -> FormContext<'_> {
        FormContext::new(method, &self.link, self.bank_list())
    }

    fn bank_list(&self) -> &[Bank] {
        match &self.banks {
            Banks::Loaded(list) => list,
            _ => &[],
        }
    }

    /// What the payer is charged: the fixed total, or the total of the amount
    /// of the attempt in flight on a general link.
    pub fn total_to_pay(&self) -> Option<i64> {
        match &self.link.amount {
            AmountRule::Fixed(b) => Some(b.total),
            AmountRule::PayerChooses(open) => {
                let cents = self.attempt.as_ref()?.details.amount?;
                open.fees.apply(cents).map(|b| b.total)
            }
        }
    }

    /// The problem shown next to a field, if any.
    pub fn problem(&self, field: FieldId) -> Option<FieldProblem> {
        self.problems
            .iter()
            .find(|(id, _)| *id == field)
            .map(|(_, p)| *p)
    }

    fn set_problem(&mut self, field: FieldId, problem: Option<FieldProblem>) {
        self.problems.retain(|(id, _)| *id != field);
        if let Some(problem) = problem {
            self.problems.push((field, problem));
        }
    }
}

impl Confirming {
    fn start(payable: Payable, reference: String) -> Confirming {
        Confirming {
            payable,
            reference,
            waited_ms: 0,
            next_delay_ms: FIRST_POLL_MS,
            slow: false,
            last_report: None,
            elsewhere: false,
        }
    }

    /// Waiting for an attempt started elsewhere: asks where it stands now.
    fn wait_elsewhere(payable: Payable, reference: String) -> (Checkout, Vec<Effect>) {
        let effect = Effect::PollPayment {
            reference: reference.clone(),
            after_ms: 0,
        };
        let confirming = Confirming {
            elsewhere: true,
            ..Confirming::start(payable, reference)
        };
        (Checkout::Confirming(confirming), vec![effect])
    }

    /// Schedules the next poll with backoff; past the limit, polls slowly.
    fn schedule_next(mut self) -> (Checkout, Vec<Effect>) {
        let delay = if self.slow {
            SLOW_POLL_MS
        } else {
            self.next_delay_ms
        };
        self.waited_ms = self.waited_ms.saturating_add(delay);
        self.next_delay_ms = (self.next_delay_ms.saturating_mul(3) / 2).min(MAX_POLL_MS);
        if self.waited_ms >= CONFIRM_LIMIT_MS {
            self.slow = true;
        }
        let effect = Effect::PollPayment {
            reference: self.reference.clone(),
            after_ms: delay,
        };
        (Checkout::Confirming(self), vec![effect])
    }
}

/// The screen a freshly loaded link belongs on.
fn land(link: PaymentLink, resume: Option<String>) -> (Checkout, Vec<Effect>) {
    if let Some(reference) = resume {
        // Back from the bank, or a reload mid-payment: ask where the money stands.
        let effect = Effect::PollPayment {
            reference: reference.clone(),
            after_ms: 0,
        };
        return (
            Checkout::Confirming(Confirming::start(Payable::new(link), reference)),
            vec![effect],
        );
    }
    match link.status {
        LinkStatus::Pending | LinkStatus::Active => match link.payment_in_progress.clone() {
            // Another tab or device is paying: wait for it, never start a second payment.
            Some(reference) => Confirming::wait_elsewhere(Payable::new(link), reference),
            None => open_form(Payable::new(link)),
        },
        LinkStatus::Paid { .. } => (Checkout::LinkPaid(link), vec![]),
        LinkStatus::Expired => (Checkout::Expired(link), vec![]),
        LinkStatus::Cancelled => (Checkout::Cancelled(link), vec![]),
        LinkStatus::Unrecognized(_) => (Checkout::Processing(link), vec![]),
    }
}

/// The form of a payable link, watched while the payer fills it.
fn open_form(payable: Payable) -> (Checkout, Vec<Effect>) {
    let mut effects = vec![Effect::RefreshLinkAfter(REFRESH_LINK_MS)];
    effects.extend(payable.link.expires_at.clone().map(Effect::WatchExpiry));
    if payable.banks == Banks::Loading {
        effects.push(Effect::FetchBanks);
    }
    (Checkout::Payable(payable), effects)
}

/// The payment the page came back with is unknown to the provider: the link
/// as it really is, with a neutral word about that reference.
fn unknown_payment(c: Confirming) -> (Checkout, Vec<Effect>) {
    let mut link = c.payable.link;
    if link.payment_in_progress.as_deref() == Some(c.reference.as_str()) {
        link.payment_in_progress = None;
    }
    let (mut state, mut effects) = land(link, None);
    // Only a reference the page came back with is worth a word: one the
    // provider itself named and then forgot simply ended.
    if let (Checkout::Payable(p), false) = (&mut state, c.elsewhere) {
        p.notice = Some(PayNotice::PaymentNotFound);
    }
    effects.insert(0, Effect::ForgetPayment);
    (state, effects)
}

/// The attempt started elsewhere is over: paid (the link's receipt), or
/// back to the form, with everything typed here, to pay now.
fn ended_elsewhere(c: Confirming, report: PaymentReport) -> (Checkout, Vec<Effect>) {
    if report.status == PaymentStatus::Approved {
        return conclude(c.payable, report);
    }
    let waited = c.last_report.is_some() || c.payable.attempt.is_some();
    let mut payable = c.payable;
    payable.link.payment_in_progress = None;
    payable.link.status = LinkStatus::Pending;
    payable.notice = waited.then_some(PayNotice::EarlierAttemptEnded);
    open_form(payable)
}

pub fn step(state: Checkout, event: Event) -> (Checkout, Vec<Effect>) {
    use Checkout as S;
    use Event as E;
    match (state, event) {
        (S::Loading { resume, .. }, E::LinkLoaded(Ok(link))) => land(link, resume),
        (S::Loading { resume, attempt }, E::LinkLoaded(Err(error))) => {
            // Only a failure that may pass is retried, by itself a few times with backoff.
            let effects = if error == LoadError::Unavailable && attempt < AUTO_RETRIES {
                vec![Effect::RetryLoadAfter(1_000 << attempt)]
            } else {
                vec![]
            };
            (
                S::LoadFailed {
                    error,
                    resume,
                    attempt,
                },
                effects,
            )
        }
        (
            S::LoadFailed {
                error: LoadError::Unavailable,
                resume,
                attempt,
            },
            E::RetryLoad | E::BackOnline,
        ) => (
            S::Loading {
                resume,
                attempt: attempt + 1,
            },
            vec![Effect::FetchLink],
        ),

        (S::Payable(p), event) => step_payable(p, event),
        (S::Submitting(p), event) => step_submitting(p, event),

        (
            S::AwaitingApproval {
                payable,
                reference,
                timeout_seconds,
            },
            event,
        ) => match event {
            E::BackOnline => {
                let effect = Effect::PollPayment {
                    reference: reference.clone(),
                    after_ms: 0,
                };
                (
                    S::AwaitingApproval {
                        payable,
                        reference,
                        timeout_seconds,
                    },
                    vec![effect],
                )
            }
            E::PaymentPolled {
                reference: r,
                result,
            } if r == reference => match result {
                Ok(report) if report.status.is_final() => conclude(payable, report),
                _ => {
                    let effect = Effect::PollPayment {
                        reference: reference.clone(),
                        after_ms: 2_000,
                    };
                    (
                        S::AwaitingApproval {
                            payable,
                            reference,
                            timeout_seconds,
                        },
                        vec![effect],
                    )
                }
            },
            E::ApprovalDeadlinePassed => {
                // The provider decides whether the push expired: ask it now.
                let effect = Effect::PollPayment {
                    reference: reference.clone(),
                    after_ms: 0,
                };
                (
                    S::Confirming(Confirming::start(payable, reference)),
                    vec![effect],
                )
            }
            _ => (
                S::AwaitingApproval {
                    payable,
                    reference,
                    timeout_seconds,
                },
                vec![],
            ),
        },

        (S::Confirming(c), E::BackOnline) => {
            let effect = Effect::PollPayment {
                reference: c.reference.clone(),
                after_ms: 0,
            };
            (S::Confirming(c), vec![effect])
        }
        (S::Confirming(c), E::PaymentPolled { reference, result }) if reference == c.reference => {
            match result {
                Ok(report) if report.status.is_final() && c.elsewhere => ended_elsewhere(c, report),
                Ok(report) if report.status.is_final() => conclude(c.payable, report),
                Ok(report) => Confirming {
                    last_report: Some(report),
                    ..c
                }
                .schedule_next(),
                // No answer (offline, 5xx): keep asking; the money has not moved on our side.
                Err(LoadError::Unavailable) | Err(LoadError::Malformed) => c.schedule_next(),
                // No payment by that reference on this link: a stale or crafted
                // URL proves nothing, so say only that, and show the link as it is.
                Err(LoadError::NotFound) => unknown_payment(c),
            }
        }

        (S::PaymentFailed { payable, .. }, E::NewAttempt) => {
            // A new attempt gets a new idempotency key; what was typed stays.
            let mut payable = Payable {
                submit_error: None,
                attempt: None,
                problems: vec![],
                notice: None,
                ..payable
            };
            let mut effects = vec![Effect::ForgetPayment];
            if matches!(payable.banks, Banks::Loading | Banks::Failed) {
                payable.banks = Banks::Loading;
                effects.push(Effect::FetchBanks);
            }
            (S::Payable(payable), effects)
        }
        (state @ S::PaymentFailed { .. }, E::ReturnToMerchant) => {
            let url = state.link().and_then(|l| l.cancel_url()).map(str::to_owned);
            (state, url.map(Effect::Navigate).into_iter().collect())
        }
        (state @ S::Paid { .. }, E::ReturnToMerchant) => {
            let url = state
                .link()
                .and_then(|l| l.success_url())
                .map(str::to_owned);
            (state, url.map(Effect::Navigate).into_iter().collect())
        }

        // Anything else does not apply to the current state: a late answer,
        // a second click, a stale poll. Nothing changes.
        (state, _) => (state, vec![]),
    }
}

fn step_payable(mut p: Payable, event: Event) -> (Checkout, Vec<Effect>) {
    match event {
        Event::BanksLoaded(Ok(list)) => {
            p.banks = Banks::Loaded(list);
            (Checkout::Payable(p), vec![])
        }
        Event::BanksLoaded(Err(_)) => {
            p.banks = Banks::Failed;
            (Checkout::Payable(p), vec![])
        }
        Event::RetryLoad if p.banks == Banks::Failed => {
            p.banks = Banks::Loading;
            (Checkout::Payable(p), vec![Effect::FetchBanks])
        }
        Event::MethodChosen(method) if p.link.methods.contains(&method) => {
            // Problems belong to the previous method's fields; values stay.
            p.method = Some(method);
            p.problems.clear();
            p.submit_error = None;
            (Checkout::Payable(p), vec![])
        }
        Event::FieldChanged(field, value) => {
            p.form.set(field, value);
            // A fixed problem disappears as soon as the value is right; a new
            // one waits until the payer leaves the field.
            if p.problem(field).is_some() {
                let problem = field_problem(&p, field);
                p.set_problem(field, problem);
            }
            (Checkout::Payable(p), vec![])
        }
        Event::FieldLeft(field) => {
            let problem = if p.form.get(field).trim().is_empty() {
                None
            } else {
                field_problem(&p, field)
            };
            p.set_problem(field, problem);
            (Checkout::Payable(p), vec![])
        }
        Event::Submit { fresh_key } => submit(p, fresh_key),
        // The link ran out or changed while the payer was typing: say so before anything is sent.
        Event::LinkExpired => (Checkout::Expired(p.link), vec![]),
        // Someone started paying this link elsewhere meanwhile: wait for that attempt.
        Event::LinkRefreshed(Ok(link))
            if link.status.is_payable() && link.payment_in_progress.is_some() =>
        {
            let reference = link.payment_in_progress.clone().unwrap_or_default();
            p.link.status = link.status;
            p.link.payment_in_progress = link.payment_in_progress;
            Confirming::wait_elsewhere(p, reference)
        }
        Event::LinkRefreshed(Ok(link)) if link.status.is_payable() => {
            p.link.status = link.status;
            (
                Checkout::Payable(p),
                vec![Effect::RefreshLinkAfter(REFRESH_LINK_MS)],
            )
        }
        Event::LinkRefreshed(Ok(link)) => land(link, None),
        Event::LinkRefreshed(Err(LoadError::NotFound)) => (
            Checkout::LoadFailed {
                error: LoadError::NotFound,
                resume: None,
                attempt: 0,
            },
            vec![],
        ),
        Event::LinkRefreshed(Err(_)) => (
            Checkout::Payable(p),
            vec![Effect::RefreshLinkAfter(REFRESH_LINK_MS)],
        ),
        _ => (Checkout::Payable(p), vec![]),
    }
}

fn field_problem(p: &Payable, field: FieldId) -> Option<FieldProblem> {
    // The amount sits above the method choice and does not depend on it.
    let method = p.method.or_else(|| {
        (field == FieldId::Amount)
            .then(|| p.link.methods.first().copied())
            .flatten()
    })?;
    validate_field(&p.form_context(method), field, &p.form).err()
}

fn submit(mut p: Payable, fresh_key: String) -> (Checkout, Vec<Effect>) {
    let Some(method) = p.method else {
        return (Checkout::Payable(p), vec![]);
    };
    match validate_form(&p.form_context(method), &p.form) {
        Err(problems) => {
            p.problems = problems;
            p.submit_error = None;
            (Checkout::Payable(p), vec![])
        }
        Ok(details) => {
            let key = match &p.attempt {
                Some(attempt) if attempt.details == details => attempt.idempotency_key.clone(),
                _ => fresh_key,
            };
            p.attempt = Some(Attempt {
                idempotency_key: key.clone(),
                details: details.clone(),
            });
            p.problems.clear();
            p.submit_error = None;
            p.notice = None;
            (
                Checkout::Submitting(p),
                vec![Effect::SubmitPayment {
                    idempotency_key: key,
                    details,
                }],
            )
        }
    }
}

fn step_submitting(mut p: Payable, event: Event) -> (Checkout, Vec<Effect>) {
    match event {
        Event::PayAnswered(Ok(PaymentStarted { reference, next })) => match next {
            NextStep::Redirect(url) => (
                Checkout::Redirecting {
                    payable: p,
                    url: url.clone(),
                },
                vec![Effect::RememberPayment(reference), Effect::Navigate(url)],
            ),
            NextStep::AwaitApproval { timeout_seconds } => {
                let poll = Effect::PollPayment {
                    reference: reference.clone(),
                    after_ms: 2_000,
                };
                (
                    Checkout::AwaitingApproval {
                        payable: p,
                        reference: reference.clone(),
                        timeout_seconds,
                    },
                    vec![Effect::RememberPayment(reference), poll],
                )
            }
        },
        // Another attempt may still succeed: wait for it instead of paying twice.
        Event::PayAnswered(Err(SubmitError::InProgress(reference))) => {
            Confirming::wait_elsewhere(p, reference)
        }
        Event::PayAnswered(Err(error)) => {
            // Back to the form with everything typed; the attempt (and its key) stays
            // so a retry of the same details cannot pay twice.
            p.submit_error = Some(error);
            (Checkout::Payable(p), vec![])
        }
        // A second click, Enter pressed twice, typing while locked: ignored.
        _ => (Checkout::Submitting(p), vec![]),
    }
}

/// A final payment status: paid, or failed with a way to try again.
fn conclude(payable: Payable, report: PaymentReport) -> (Checkout, Vec<Effect>) {
    if report.status == PaymentStatus::Approved {
        let link = payable.link;
        let effects = link
            .success_url()
            .map(|url| Effect::ReturnToMerchantAfter {
                url: url.to_owned(),
                after_ms: RETURN_AFTER_MS,
            })
            .into_iter()
            .collect();
        (Checkout::Paid { link, report }, effects)
    } else if matches!(payable.link.status, LinkStatus::Paid { .. }) {
        // This attempt did not pay, but the link is paid: that is the truth to show.
        (Checkout::LinkPaid(payable.link), vec![])
    } else {
        (Checkout::PaymentFailed { payable, report }, vec![])
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;
