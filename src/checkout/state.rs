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
    Bank, NextStep, PaymentCode, PaymentDetails, PaymentReport, PaymentStarted, PaymentStatus,
};

/// Polling after the return from the bank: quick at first, then slower.
pub const FIRST_POLL_MS: u32 = 1_000;
pub const MAX_POLL_MS: u32 = 8_000;
/// After this long without a final status the page says so honestly and
/// keeps checking at `SLOW_POLL_MS`.
pub const CONFIRM_LIMIT_MS: u32 = 60_000;
pub const SLOW_POLL_MS: u32 = 15_000;
/// While a code is shown, its payment is asked about this often.
pub const CODE_POLL_MS: u32 = 2_000;
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
    /// A payment of the link, from the review or the pay request to an end
    /// without paying.
    Paying(Paying),
    /// The payment was approved. `kept`: the payer copied or printed the
    /// receipt, so the automatic return to the merchant waits for their press.
    Paid {
        link: PaymentLink,
        report: PaymentReport,
        kept: bool,
    },
    /// The link itself says it is paid (opened again after paying).
    LinkPaid(PaymentLink),
    Expired(PaymentLink),
    Cancelled(PaymentLink),
    /// The provider reports a link status this page does not know: an honest
    /// "still processing", never "paid".
    Processing(PaymentLink),
}

/// A payment under way: the form it came from rides along, so a new attempt
/// keeps what the payer typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paying {
    pub payable: Payable,
    pub phase: Phase,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Pix via Open Finance: the payer reviews the payment (amount,
    /// beneficiary, institution, date) before anything is sent; the details
    /// and their key wait in `payable.attempt` for `ConfirmPayment`. Going
    /// back to the form leaves nothing at the provider.
    Reviewing,
    /// The pay request is in flight: the form (or the review) is locked, a
    /// second submit is ignored, and news of the link waits for the answer.
    Submitting { news: LinkNews },
    /// Leaving for the bank's page.
    Redirecting { url: String },
    /// Waiting for the payer to approve a push in their app (Nequi).
    AwaitingApproval {
        reference: String,
        timeout_seconds: u32,
    },
    /// The payer would rather pay another way: the provider is asked to
    /// withdraw the push, and the payment's own status decides. Another
    /// attempt starts only once the provider says the push can no longer be
    /// approved; an approval that lands meanwhile is shown paid. A push the
    /// provider keeps is confirmed like any other payment.
    Withdrawing {
        reference: String,
        timeout_seconds: u32,
    },
    /// A code the payer's bank app pays (Bre-B, Pix QR), polled until its
    /// payment ends. `ended`: its countdown reached zero, so it is no longer
    /// shown, and the provider is asked until it says the code was paid or
    /// can no longer be: only then is a new code offered.
    ShowingCode {
        reference: String,
        /// Boxed: a code is long, and the state is moved at every step.
        code: Box<PaymentCode>,
        ended: bool,
    },
    /// Back from the bank (or the app's deadline passed): asking the provider.
    Confirming(Confirming),
    /// Declined, abandoned, expired or failed: the payer may try again.
    Failed { report: PaymentReport },
}

/// What was learnt about the link while a pay request was in flight. It is
/// held, not shown, until the answer says whether a payment started: see
/// `pay_refused`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkNews {
    /// The link's `expires_at` passed (by the browser's clock).
    pub expired: bool,
    /// The provider's answer to a check of the link; a failed check is no news.
    pub refreshed: Option<Box<Result<PaymentLink, LoadError>>>,
}

/// Which of the link's two watches (the periodic check, the expiry timer)
/// are out: armed, and their event not back yet. A watch is armed only when
/// it is not out, so however often the payer goes from the form to an
/// attempt and back, the link is checked once per `REFRESH_LINK_MS`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkWatch {
    pub refresh_out: bool,
    pub expiry_out: bool,
}

impl LinkWatch {
    /// A watch's event arrived: that watch is no longer out.
    fn came_back(&mut self, event: &Event) {
        match event {
            Event::LinkRefreshed(_) => self.refresh_out = false,
            Event::LinkExpired => self.expiry_out = false,
            _ => {}
        }
    }
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
    pub watch: LinkWatch,
    /// The number of the last poll asked: only its answer asks again, so
    /// one chain of polls runs however many times the page starts polling
    /// (back online, a deadline) or an answer arrives twice.
    pub last_poll: u32,
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
    /// The payer confirmed the review: the payment is sent now.
    ConfirmPayment,
    /// The payer leaves the review to change the method or the institution.
    BackToForm,
    PaymentPolled {
        reference: String,
        /// The number of the poll this answers (`Effect::PollPayment`).
        poll: u32,
        result: Result<PaymentReport, LoadError>,
    },
    /// The countdown the payer was shown (an app approval's, a code's)
    /// reached zero.
    DeadlinePassed,
    /// The payer pressed "pay another way" while a push awaits approval.
    PayAnotherWay,
    /// The provider's answer to withdrawing the push: the payment as it stands.
    PushWithdrawn {
        reference: String,
        result: Result<PaymentReport, LoadError>,
    },
    /// Start again after a failed payment, keeping what was typed.
    NewAttempt,
    /// The payer pressed "return to the merchant".
    ReturnToMerchant,
    /// The time of the automatic return to the merchant has come.
    ReturnDue,
    /// The payer copied or printed the receipt: they are keeping it.
    KeepReceipt,
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
    /// Ask where the payment stands; the answer carries `poll` back.
    PollPayment {
        reference: String,
        after_ms: u32,
        poll: u32,
    },
    ReturnToMerchantAfter {
        url: String,
        after_ms: u32,
    },
    /// Ask the provider to withdraw the push awaiting approval.
    WithdrawPush {
        reference: String,
        after_ms: u32,
    },
}

impl Checkout {
    /// A stable name for the state, for `data-state` attributes and events.
    pub fn name(&self) -> &'static str {
        match self {
            Checkout::Loading { .. } => "loading",
            Checkout::LoadFailed { error, .. } => match error {
                LoadError::NotFound => "not-found",
                LoadError::Unavailable => "load-failed",
                LoadError::Malformed => "malformed",
            },
            Checkout::Payable(p) if p.method.is_none() => "choosing-method",
            Checkout::Payable(_) => "filling",
            Checkout::Paying(paying) => match &paying.phase {
                Phase::Reviewing => "reviewing",
                Phase::Submitting { .. } => "submitting",
                Phase::Redirecting { .. } => "redirecting",
                Phase::AwaitingApproval { .. } => "awaiting-approval",
                Phase::Withdrawing { .. } => "withdrawing",
                Phase::ShowingCode { ended: false, .. } => "showing-code",
                Phase::ShowingCode { ended: true, .. } => "code-ended",
                Phase::Confirming(c) if c.elsewhere => "payment-in-progress",
                Phase::Confirming(c) if c.slow => "still-confirming",
                Phase::Confirming(_) => "confirming",
                Phase::Failed { .. } => "failed",
            },
            Checkout::Paid { .. } | Checkout::LinkPaid(_) => "paid",
            Checkout::Expired(_) => "expired",
            Checkout::Cancelled(_) => "cancelled",
            Checkout::Processing(_) => "processing",
        }
    }

    /// The form and what was typed in it, while the link is being paid.
    pub fn payable(&self) -> Option<&Payable> {
        match self {
            Checkout::Payable(p) | Checkout::Paying(Paying { payable: p, .. }) => Some(p),
            Checkout::Loading { .. }
            | Checkout::LoadFailed { .. }
            | Checkout::Paid { .. }
            | Checkout::LinkPaid(_)
            | Checkout::Expired(_)
            | Checkout::Cancelled(_)
            | Checkout::Processing(_) => None,
        }
    }

    /// The deadline (ISO 8601) of the consent the payer is authorising at
    /// their institution, while the page waits for it: an Open Finance
    /// payment's `expires_at`.
    pub fn consent_deadline(&self) -> Option<&str> {
        match self {
            Checkout::Paying(Paying {
                phase: Phase::Confirming(c),
                ..
            }) => c.last_report.as_ref()?.expires_at.as_deref(),
            _ => None,
        }
    }

    /// The code the payer's bank app pays, while it is shown.
    pub fn payment_code(&self) -> Option<&PaymentCode> {
        match self {
            Checkout::Paying(Paying {
                phase:
                    Phase::ShowingCode {
                        code, ended: false, ..
                    },
                ..
            }) => Some(code.as_ref()),
            _ => None,
        }
    }

    /// Whether the failed screen offers a new code at once (`Event::Submit`
    /// there): a code that ended unpaid, the provider says, on a method paid
    /// by code. Other methods go back to the form (`Event::NewAttempt`).
    pub fn offers_new_code(&self) -> bool {
        matches!(
            self,
            Checkout::Paying(Paying { payable, phase: Phase::Failed { report } })
                if report.status.invites_new_attempt() && payable.pays_by_code()
        )
    }

    /// Whether the receipt offers to return to the merchant: a payment just
    /// approved, on a link with a success URL.
    pub fn returns_to_merchant(&self) -> bool {
        matches!(self, Checkout::Paid { link, .. } if link.success_url().is_some())
    }

    /// Whether the page will take the payer back to the merchant by itself:
    /// it returns, and the payer has not kept the receipt.
    pub fn returns_automatically(&self) -> bool {
        self.returns_to_merchant() && matches!(self, Checkout::Paid { kept: false, .. })
    }

    /// The link, once loaded.
    pub fn link(&self) -> Option<&PaymentLink> {
        match self {
            Checkout::Loading { .. } | Checkout::LoadFailed { .. } => None,
            Checkout::Payable(p) | Checkout::Paying(Paying { payable: p, .. }) => Some(&p.link),
            Checkout::Paid { link, .. }
            | Checkout::LinkPaid(link)
            | Checkout::Expired(link)
            | Checkout::Cancelled(link)
            | Checkout::Processing(link) => Some(link),
        }
    }

    /// The pay request is in flight: the form stays, locked.
    pub fn is_submitting(&self) -> bool {
        matches!(
            self,
            Checkout::Paying(Paying {
                phase: Phase::Submitting { .. },
                ..
            })
        )
    }
}

/// The checkout paying with `payable` in `phase`.
fn paying(payable: Payable, phase: Phase) -> Checkout {
    Checkout::Paying(Paying { payable, phase })
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
            watch: LinkWatch::default(),
            last_poll: 0,
        }
    }

    /// Asks where `reference` stands after `after_ms`, as the newest poll.
    fn poll(&mut self, reference: &str, after_ms: u32) -> Effect {
        self.last_poll = self.last_poll.wrapping_add(1);
        Effect::PollPayment {
            reference: reference.to_owned(),
            after_ms,
            poll: self.last_poll,
        }
    }

    /// An older poll's answer with no final status in it: the newest poll
    /// asks again, not this one, so one chain of polls runs. A final status
    /// counts whichever poll brings it.
    fn is_outdated_answer(&self, event: &Event) -> bool {
        match event {
            Event::PaymentPolled { poll, result, .. } if *poll != self.last_poll => {
                !matches!(result, Ok(report) if report.status.is_final())
            }
            _ => false,
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

    /// Whether the chosen method is paid by a code the page shows.
    pub fn pays_by_code(&self) -> bool {
        self.method.is_some_and(|m| spec(m).flow.pays_by_code())
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

    /// Arms the periodic check of the link unless one is out.
    fn keep_checking(&mut self) -> Vec<Effect> {
        if self.watch.refresh_out {
            return vec![];
        }
        self.watch.refresh_out = true;
        vec![Effect::RefreshLinkAfter(REFRESH_LINK_MS)]
    }

    /// Arms both watches of the link, each unless it is out.
    fn keep_watching(&mut self) -> Vec<Effect> {
        let mut effects = self.keep_checking();
        if let (false, Some(at)) = (self.watch.expiry_out, &self.link.expires_at) {
            self.watch.expiry_out = true;
            effects.push(Effect::WatchExpiry(at.clone()));
        }
        effects
    }
}

impl Confirming {
    fn start(reference: String) -> Confirming {
        Confirming {
            reference,
            waited_ms: 0,
            next_delay_ms: FIRST_POLL_MS,
            slow: false,
            last_report: None,
            elsewhere: false,
        }
    }

    /// Asks at once where `reference` stands.
    fn poll_now(mut payable: Payable, confirming: Confirming) -> (Checkout, Vec<Effect>) {
        let effect = payable.poll(&confirming.reference, 0);
        (paying(payable, Phase::Confirming(confirming)), vec![effect])
    }

    /// Waiting for an attempt started elsewhere: asks where it stands now.
    fn wait_elsewhere(payable: Payable, reference: String) -> (Checkout, Vec<Effect>) {
        let confirming = Confirming {
            elsewhere: true,
            ..Confirming::start(reference)
        };
        Confirming::poll_now(payable, confirming)
    }

    /// Schedules the next poll with backoff; past the limit, polls slowly.
    fn schedule_next(mut self, mut payable: Payable) -> (Checkout, Vec<Effect>) {
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
        let effect = payable.poll(&self.reference, delay);
        (paying(payable, Phase::Confirming(self)), vec![effect])
    }
}

/// The screen a freshly loaded link belongs on; `watch` says which of the
/// link's watches are already out.
fn land(link: PaymentLink, resume: Option<String>, watch: LinkWatch) -> (Checkout, Vec<Effect>) {
    let payable = |link| Payable {
        watch,
        ..Payable::new(link)
    };
    if let Some(reference) = resume {
        // Back from the bank, or a reload mid-payment: ask where the money stands.
        return Confirming::poll_now(payable(link), Confirming::start(reference));
    }
    match link.status {
        LinkStatus::Pending | LinkStatus::Active => match link.payment_in_progress.clone() {
            // Another tab or device is paying: wait for it, never start a second payment.
            Some(reference) => Confirming::wait_elsewhere(payable(link), reference),
            None => open_form(payable(link)),
        },
        LinkStatus::Paid { .. } => (Checkout::LinkPaid(link), vec![]),
        LinkStatus::Expired => (Checkout::Expired(link), vec![]),
        LinkStatus::Cancelled => (Checkout::Cancelled(link), vec![]),
        LinkStatus::Unrecognized(_) => (Checkout::Processing(link), vec![]),
    }
}

/// The form of a payable link, watched while the payer fills it.
fn open_form(mut payable: Payable) -> (Checkout, Vec<Effect>) {
    let mut effects = payable.keep_watching();
    if payable.banks == Banks::Loading {
        effects.push(Effect::FetchBanks);
    }
    (Checkout::Payable(payable), effects)
}

/// The payment the page came back with is unknown to the provider: the link
/// as it really is, with a neutral word about that reference.
fn unknown_payment(payable: Payable, c: Confirming) -> (Checkout, Vec<Effect>) {
    let mut link = payable.link;
    if link.payment_in_progress.as_deref() == Some(c.reference.as_str()) {
        link.payment_in_progress = None;
    }
    let (mut state, mut effects) = land(link, None, payable.watch);
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
fn ended_elsewhere(
    mut payable: Payable,
    c: Confirming,
    report: PaymentReport,
) -> (Checkout, Vec<Effect>) {
    if report.status == PaymentStatus::Approved {
        return conclude(payable, report);
    }
    let waited = c.last_report.is_some() || payable.attempt.is_some();
    payable.link.payment_in_progress = None;
    payable.link.status = LinkStatus::Pending;
    payable.notice = waited.then_some(PayNotice::EarlierAttemptEnded);
    open_form(payable)
}

/// Every state names each event it ignores: a new event or state does not
/// compile until each state decides what it means there.
pub fn step(state: Checkout, event: Event) -> (Checkout, Vec<Effect>) {
    match state {
        Checkout::Loading { resume, attempt } => step_loading(resume, attempt, event),
        Checkout::LoadFailed {
            error,
            resume,
            attempt,
        } => step_load_failed(error, resume, attempt, event),
        Checkout::Payable(p) => step_payable(p, event),
        Checkout::Paying(Paying { payable, phase }) if payable.is_outdated_answer(&event) => {
            (paying(payable, phase), vec![])
        }
        Checkout::Paying(Paying { payable, phase }) => match phase {
            Phase::Reviewing => step_reviewing(payable, event),
            Phase::Submitting { news } => step_submitting(payable, news, event),
            Phase::Redirecting { url } => step_redirecting(payable, url, event),
            Phase::AwaitingApproval {
                reference,
                timeout_seconds,
            } => step_awaiting_approval(payable, reference, timeout_seconds, false, event),
            Phase::Withdrawing {
                reference,
                timeout_seconds,
            } => step_awaiting_approval(payable, reference, timeout_seconds, true, event),
            Phase::ShowingCode {
                reference,
                code,
                ended,
            } => step_showing_code(payable, reference, code, ended, event),
            Phase::Confirming(c) => step_confirming(payable, c, event),
            Phase::Failed { report } => step_failed(payable, report, event),
        },
        Checkout::Paid { link, report, kept } => step_paid(link, report, kept, event),
        state @ (Checkout::LinkPaid(_)
        | Checkout::Expired(_)
        | Checkout::Cancelled(_)
        | Checkout::Processing(_)) => step_closed(state, event),
    }
}

fn step_loading(resume: Option<String>, attempt: u32, event: Event) -> (Checkout, Vec<Effect>) {
    use Event as E;
    match event {
        E::LinkLoaded(Ok(link)) => land(link, resume, LinkWatch::default()),
        E::LinkLoaded(Err(error)) => {
            // Only a failure that may pass is retried, by itself a few times with backoff.
            let effects = if error == LoadError::Unavailable && attempt < AUTO_RETRIES {
                vec![Effect::RetryLoadAfter(1_000 << attempt)]
            } else {
                vec![]
            };
            let state = Checkout::LoadFailed {
                error,
                resume,
                attempt,
            };
            (state, effects)
        }
        E::RetryLoad
        | E::LinkRefreshed(_)
        | E::LinkExpired
        | E::BackOnline
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::PaymentPolled { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::NewAttempt
        | E::ReturnToMerchant => (Checkout::Loading { resume, attempt }, vec![]),
    }
}

fn step_load_failed(
    error: LoadError,
    resume: Option<String>,
    attempt: u32,
    event: Event,
) -> (Checkout, Vec<Effect>) {
    use Event as E;
    match event {
        // Only a failure that may pass is worth another try.
        E::RetryLoad | E::BackOnline if error == LoadError::Unavailable => (
            Checkout::Loading {
                resume,
                attempt: attempt + 1,
            },
            vec![Effect::FetchLink],
        ),
        E::RetryLoad
        | E::BackOnline
        | E::LinkLoaded(_)
        | E::LinkRefreshed(_)
        | E::LinkExpired
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::PaymentPolled { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::NewAttempt
        | E::ReturnToMerchant => (
            Checkout::LoadFailed {
                error,
                resume,
                attempt,
            },
            vec![],
        ),
    }
}

fn step_payable(mut p: Payable, event: Event) -> (Checkout, Vec<Effect>) {
    use Event as E;
    match event {
        E::BanksLoaded(Ok(list)) => {
            p.banks = Banks::Loaded(list);
            (Checkout::Payable(p), vec![])
        }
        E::BanksLoaded(Err(_)) => {
            p.banks = Banks::Failed;
            (Checkout::Payable(p), vec![])
        }
        E::RetryLoad if p.banks == Banks::Failed => {
            p.banks = Banks::Loading;
            (Checkout::Payable(p), vec![Effect::FetchBanks])
        }
        E::MethodChosen(method) if p.link.methods.contains(&method) => {
            // Problems belong to the previous method's fields; values stay.
            p.method = Some(method);
            p.problems.clear();
            p.submit_error = None;
            (Checkout::Payable(p), vec![])
        }
        E::FieldChanged(field, value) => {
            p.form.set(field, value);
            // A fixed problem disappears as soon as the value is right; a new
            // one waits until the payer leaves the field.
            if p.problem(field).is_some() {
                let problem = field_problem(&p, field);
                p.set_problem(field, problem);
            }
            (Checkout::Payable(p), vec![])
        }
        E::FieldLeft(field) => {
            let problem = if p.form.get(field).trim().is_empty() {
                None
            } else {
                field_problem(&p, field)
            };
            p.set_problem(field, problem);
            (Checkout::Payable(p), vec![])
        }
        E::Submit { fresh_key } => submit(p, fresh_key),
        // The link ran out while the payer was typing: say so before anything is sent.
        E::LinkExpired => (Checkout::Expired(p.link), vec![]),
        E::LinkRefreshed(result) => {
            p.watch.refresh_out = false;
            link_checked(p, result)
        }
        E::RetryLoad
        | E::MethodChosen(_)
        | E::LinkLoaded(_)
        | E::BackOnline
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::PaymentPolled { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::NewAttempt
        | E::ReturnToMerchant => (Checkout::Payable(p), vec![]),
    }
}

/// What a check of the link means for the form: it may have changed, been
/// paid or closed, or someone may have started paying it elsewhere.
fn link_checked(mut p: Payable, result: Result<PaymentLink, LoadError>) -> (Checkout, Vec<Effect>) {
    match result {
        // Someone started paying this link elsewhere meanwhile: wait for that attempt.
        Ok(PaymentLink {
            status,
            payment_in_progress: Some(reference),
            ..
        }) if status.is_payable() => {
            p.link.status = status;
            p.link.payment_in_progress = Some(reference.clone());
            Confirming::wait_elsewhere(p, reference)
        }
        Ok(link) if link.status.is_payable() => {
            p.link.status = link.status;
            let effects = p.keep_watching();
            (Checkout::Payable(p), effects)
        }
        Ok(link) => land(link, None, p.watch),
        Err(LoadError::NotFound) => (
            Checkout::LoadFailed {
                error: LoadError::NotFound,
                resume: None,
                attempt: 0,
            },
            vec![],
        ),
        Err(LoadError::Unavailable | LoadError::Malformed) => {
            let effects = p.keep_watching();
            (Checkout::Payable(p), effects)
        }
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
            if spec(method).flow.reviewed_first() {
                return (paying(p, Phase::Reviewing), vec![]);
            }
            send(p, key, details)
        }
    }
}

/// The pay request of the attempt: the form (or the review) locks until it is answered.
fn send(p: Payable, idempotency_key: String, details: PaymentDetails) -> (Checkout, Vec<Effect>) {
    let submitting = Phase::Submitting {
        news: LinkNews::default(),
    };
    (
        paying(p, submitting),
        vec![Effect::SubmitPayment {
            idempotency_key,
            details,
        }],
    )
}

/// The review before an Open Finance payment: nothing has been sent, so the
/// link is watched as on the form, and only the payer's confirmation sends
/// the attempt, with the key chosen when they pressed Pay.
fn step_reviewing(p: Payable, event: Event) -> (Checkout, Vec<Effect>) {
    use Event as E;
    match event {
        E::ConfirmPayment => match p.attempt.clone() {
            Some(Attempt {
                idempotency_key,
                details,
            }) => send(p, idempotency_key, details),
            None => (Checkout::Payable(p), vec![]),
        },
        // Back to the form with everything typed; the attempt (and its key)
        // stays, so the same details confirmed later are the same attempt.
        E::BackToForm => (Checkout::Payable(p), vec![]),
        // The link's watches as on the form; the review stays while it is payable.
        E::LinkExpired | E::LinkRefreshed(_) => match step_payable(p, event) {
            (Checkout::Payable(p), effects) => (paying(p, Phase::Reviewing), effects),
            other => other,
        },
        E::LinkLoaded(_)
        | E::RetryLoad
        | E::BackOnline
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::PaymentPolled { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::NewAttempt
        | E::ReturnToMerchant => (paying(p, Phase::Reviewing), vec![]),
    }
}

fn step_submitting(mut p: Payable, mut news: LinkNews, event: Event) -> (Checkout, Vec<Effect>) {
    use Event as E;
    match event {
        // The provider took the request, so the money may move (a push on the
        // payer's phone, a bank page): the payment is followed whatever the
        // news, and only its own status says where that money stands (approved,
        // or refunded by the provider when the link could no longer take it).
        // A new attempt after it ends unpaid watches the link again.
        E::PayAnswered(Ok(started)) => follow(p, started),
        // Another attempt may still succeed: wait for it instead of paying twice.
        E::PayAnswered(Err(SubmitError::InProgress(reference))) => {
            Confirming::wait_elsewhere(p, reference)
        }
        E::PayAnswered(Err(error)) => pay_refused(p, news, error),
        E::LinkExpired => {
            p.watch.expiry_out = false;
            news.expired = true;
            (paying(p, Phase::Submitting { news }), vec![])
        }
        E::LinkRefreshed(result) => {
            p.watch.refresh_out = false;
            // A check that failed says nothing of the link; the form checks again after.
            if !matches!(result, Err(LoadError::Unavailable | LoadError::Malformed)) {
                news.refreshed = Some(Box::new(result));
            }
            (paying(p, Phase::Submitting { news }), vec![])
        }
        // The list the form shows after a refusal.
        E::BanksLoaded(result) => {
            p.banks = match result {
                Ok(list) => Banks::Loaded(list),
                Err(_) => Banks::Failed,
            };
            (paying(p, Phase::Submitting { news }), vec![])
        }
        // A second click, Enter pressed twice, typing while locked: ignored.
        E::Submit { .. }
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::LinkLoaded(_)
        | E::RetryLoad
        | E::BackOnline
        | E::PaymentPolled { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::NewAttempt
        | E::ConfirmPayment
        | E::BackToForm
        | E::ReturnToMerchant => (paying(p, Phase::Submitting { news }), vec![]),
    }
}

/// A started payment: to the bank's page, or waiting for the app's approval.
fn follow(mut p: Payable, started: PaymentStarted) -> (Checkout, Vec<Effect>) {
    let PaymentStarted { reference, next } = started;
    match next {
        NextStep::Redirect(url) => (
            paying(p, Phase::Redirecting { url: url.clone() }),
            vec![Effect::RememberPayment(reference), Effect::Navigate(url)],
        ),
        NextStep::AwaitApproval { timeout_seconds } => {
            let poll = p.poll(&reference, 2_000);
            let phase = Phase::AwaitingApproval {
                reference: reference.clone(),
                timeout_seconds,
            };
            (
                paying(p, phase),
                vec![Effect::RememberPayment(reference), poll],
            )
        }
        NextStep::ShowCode(code) => {
            let (state, mut effects) = show_code(p, reference.clone(), Box::new(code));
            effects.insert(0, Effect::RememberPayment(reference));
            (state, effects)
        }
    }
}

/// A code to pay, shown while its payment is polled.
fn show_code(mut p: Payable, reference: String, code: Box<PaymentCode>) -> (Checkout, Vec<Effect>) {
    let poll = p.poll(&reference, CODE_POLL_MS);
    let phase = Phase::ShowingCode {
        reference,
        code,
        ended: false,
    };
    (paying(p, phase), vec![poll])
}

/// A code on screen: its payment's status decides, polled in one chain (a
/// countdown that ends asks nothing itself, so no second chain starts).
fn step_showing_code(
    mut p: Payable,
    reference: String,
    code: Box<PaymentCode>,
    mut ended: bool,
    event: Event,
) -> (Checkout, Vec<Effect>) {
    use Event as E;
    let effects = match event {
        E::PaymentPolled {
            reference: ref polled,
            result,
            ..
        } if *polled == reference => match result {
            Ok(report) if report.status.is_final() => return conclude(p, report),
            // No payment by that reference on this link (a crafted URL).
            Err(LoadError::NotFound) => return unknown_payment(p, Confirming::start(reference)),
            // Pending, or no answer: ask again.
            Ok(_) | Err(LoadError::Unavailable | LoadError::Malformed) => {
                vec![p.poll(&reference, CODE_POLL_MS)]
            }
        },
        E::DeadlinePassed => {
            ended = true;
            vec![]
        }
        // The payment's status decides; the link's news waits for a new attempt.
        E::LinkRefreshed(_) | E::LinkExpired => {
            p.watch.came_back(&event);
            vec![]
        }
        E::PaymentPolled { .. }
        | E::BackOnline
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::PayAnotherWay
        | E::LinkLoaded(_)
        | E::RetryLoad
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::NewAttempt
        | E::ReturnToMerchant => vec![],
    };
    let phase = Phase::ShowingCode {
        reference,
        code,
        ended,
    };
    (paying(p, phase), effects)
}

/// The pay request did not start a payment, or its answer was lost (no
/// answer, or one the page cannot read) and it may have. News of the link
/// held meanwhile is applied now, so that it never hides a payment:
/// - the provider's word on the link (paid, closed, gone, or a payment in
///   progress, perhaps the one this lost answer started) decides, as it
///   would on the form;
/// - the expiry (the browser's clock) ends a refused attempt on the expired
///   screen; after a lost answer the form stays, its attempt's key kept, and
///   the expiry waits for the next check of the link to say no payment is in
///   progress.
///
/// Otherwise the form comes back with the error and the attempt (and its
/// key) stays, so a retry of the same details cannot pay twice.
fn pay_refused(mut p: Payable, news: LinkNews, error: SubmitError) -> (Checkout, Vec<Effect>) {
    let lost = matches!(error, SubmitError::Unavailable | SubmitError::Unreadable);
    match news.refreshed.map(|result| *result) {
        Some(Ok(link)) if link.status.is_payable() && link.payment_in_progress.is_none() => {
            p.link.status = link.status;
        }
        Some(result) => return link_checked(p, result),
        None => {}
    }
    if news.expired && !lost {
        return (Checkout::Expired(p.link), vec![]);
    }
    p.submit_error = Some(error);
    let effects = if news.expired {
        p.keep_checking()
    } else {
        p.keep_watching()
    };
    (Checkout::Payable(p), effects)
}

fn step_redirecting(mut p: Payable, url: String, event: Event) -> (Checkout, Vec<Effect>) {
    use Event as E;
    match event {
        // The page is leaving for the bank: nothing here changes what it shows.
        E::LinkRefreshed(_) | E::LinkExpired => p.watch.came_back(&event),
        E::LinkLoaded(_)
        | E::RetryLoad
        | E::BackOnline
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::PaymentPolled { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::NewAttempt
        | E::ReturnToMerchant => {}
    }
    (paying(p, Phase::Redirecting { url }), vec![])
}

/// A push awaiting the payer's approval, or being withdrawn: the payment's
/// own status decides either way.
fn step_awaiting_approval(
    mut p: Payable,
    reference: String,
    timeout_seconds: u32,
    mut withdrawing: bool,
    event: Event,
) -> (Checkout, Vec<Effect>) {
    use Event as E;
    let effects = match event {
        E::BackOnline => vec![p.poll(&reference, 0)],
        E::PaymentPolled {
            reference: ref polled,
            result,
            ..
        } if *polled == reference => match result {
            Ok(report) if report.status.is_final() && withdrawing => return withdrawn(p, report),
            Ok(report) if report.status.is_final() => return conclude(p, report),
            _ => vec![p.poll(&reference, 2_000)],
        },
        E::PushWithdrawn {
            reference: ref polled,
            result,
        } if withdrawing && *polled == reference => match result {
            Ok(report) if report.status.is_final() => return withdrawn(p, report),
            // The answer was lost: asking again is harmless.
            Err(LoadError::Unavailable | LoadError::Malformed) => vec![Effect::WithdrawPush {
                reference: reference.clone(),
                after_ms: 2_000,
            }],
            // Still pending after the request, or a provider that cannot
            // withdraw it: it may be approved yet, so it is confirmed like any
            // payment (the polls under way go on).
            Ok(_) | Err(LoadError::NotFound) => {
                return (
                    paying(p, Phase::Confirming(Confirming::start(reference))),
                    vec![],
                )
            }
        },
        E::DeadlinePassed if !withdrawing => {
            // The provider decides whether the push expired: ask it now.
            return Confirming::poll_now(p, Confirming::start(reference));
        }
        E::PayAnotherWay if !withdrawing => {
            withdrawing = true;
            vec![Effect::WithdrawPush {
                reference: reference.clone(),
                after_ms: 0,
            }]
        }
        // The payment's status decides; the link's news waits for a new attempt.
        E::LinkRefreshed(_) | E::LinkExpired => {
            p.watch.came_back(&event);
            vec![]
        }
        // Another payment's answer, pressed again while withdrawing, or
        // nothing this screen asks for.
        E::PaymentPolled { .. }
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::LinkLoaded(_)
        | E::RetryLoad
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::NewAttempt
        | E::ReturnToMerchant => vec![],
    };
    let phase = if withdrawing {
        Phase::Withdrawing {
            reference,
            timeout_seconds,
        }
    } else {
        Phase::AwaitingApproval {
            reference,
            timeout_seconds,
        }
    };
    (paying(p, phase), effects)
}

/// The push the payer left has ended: paid if it was approved meanwhile,
/// the money's own screen if it is being refunded, else the choice of
/// method again with everything typed.
fn withdrawn(p: Payable, report: PaymentReport) -> (Checkout, Vec<Effect>) {
    if report.status == PaymentStatus::Approved || !report.status.invites_new_attempt() {
        return conclude(p, report);
    }
    let method = match p.link.methods.as_slice() {
        [only] => Some(*only),
        _ => None,
    };
    let (mut state, effects) = new_attempt(Payable { method, ..p });
    if let Checkout::Payable(payable) = &mut state {
        payable.notice = Some(PayNotice::EarlierAttemptEnded);
        payable.link.payment_in_progress = None;
    }
    (state, effects)
}

/// The form again for a new attempt: a new idempotency key, what was typed
/// kept, and the link watched again.
fn new_attempt(p: Payable) -> (Checkout, Vec<Effect>) {
    let mut payable = Payable {
        submit_error: None,
        attempt: None,
        problems: vec![],
        notice: None,
        ..p
    };
    let mut effects = vec![Effect::ForgetPayment];
    effects.extend(payable.keep_watching());
    if matches!(payable.banks, Banks::Loading | Banks::Failed) {
        payable.banks = Banks::Loading;
        effects.push(Effect::FetchBanks);
    }
    (Checkout::Payable(payable), effects)
}

fn step_confirming(mut p: Payable, c: Confirming, event: Event) -> (Checkout, Vec<Effect>) {
    use Event as E;
    match event {
        E::BackOnline => Confirming::poll_now(p, c),
        E::PaymentPolled {
            reference, result, ..
        } if reference == c.reference => match result {
            Ok(report) if report.status.is_final() && c.elsewhere => ended_elsewhere(p, c, report),
            Ok(report) if report.status.is_final() => conclude(p, report),
            // A reload while a code is shown: the same code again, while it
            // lives, with its method's words.
            Ok(PaymentReport {
                code: Some(code),
                method: Some(method),
                ..
            }) if !c.elsewhere && spec(method).flow.pays_by_code() => {
                p.method = Some(method);
                show_code(p, reference, code)
            }
            Ok(report) => Confirming {
                last_report: Some(report),
                ..c
            }
            .schedule_next(p),
            // No answer (offline, 5xx): keep asking; the money has not moved on our side.
            Err(LoadError::Unavailable) | Err(LoadError::Malformed) => c.schedule_next(p),
            // No payment by that reference on this link: a stale or crafted
            // URL proves nothing, so say only that, and show the link as it is.
            Err(LoadError::NotFound) => unknown_payment(p, c),
        },
        // The payment's status decides; the link's news waits for the form.
        E::LinkRefreshed(_) | E::LinkExpired => {
            p.watch.came_back(&event);
            (paying(p, Phase::Confirming(c)), vec![])
        }
        // A stale poll of another payment, or nothing this screen asks for.
        E::PaymentPolled { .. }
        | E::LinkLoaded(_)
        | E::RetryLoad
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::NewAttempt
        | E::ReturnToMerchant => (paying(p, Phase::Confirming(c)), vec![]),
    }
}

fn step_failed(mut p: Payable, report: PaymentReport, event: Event) -> (Checkout, Vec<Effect>) {
    use Event as E;
    match event {
        E::NewAttempt => new_attempt(p),
        // "Get a new code": the provider said the old one ended unpaid, so a
        // new attempt (a new key) is sent at once, with what was typed.
        E::Submit { fresh_key } if report.status.invites_new_attempt() && p.pays_by_code() => {
            let (state, mut effects) = new_attempt(p);
            let Checkout::Payable(payable) = state else {
                return (state, effects);
            };
            let (state, more) = submit(payable, fresh_key);
            effects.extend(more);
            (state, effects)
        }
        E::ReturnToMerchant => {
            let url = p.link.cancel_url().map(str::to_owned);
            let effects = url.map(Effect::Navigate).into_iter().collect();
            (paying(p, Phase::Failed { report }), effects)
        }
        // What the link became is learnt by the new attempt.
        E::LinkRefreshed(_) | E::LinkExpired => {
            p.watch.came_back(&event);
            (paying(p, Phase::Failed { report }), vec![])
        }
        E::LinkLoaded(_)
        | E::RetryLoad
        | E::BackOnline
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::PaymentPolled { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. } => (paying(p, Phase::Failed { report }), vec![]),
    }
}

fn step_paid(
    link: PaymentLink,
    report: PaymentReport,
    mut kept: bool,
    event: Event,
) -> (Checkout, Vec<Effect>) {
    use Event as E;
    let leave = || -> Vec<Effect> {
        link.success_url()
            .map(|url| Effect::Navigate(url.to_owned()))
            .into_iter()
            .collect()
    };
    let effects = match event {
        E::ReturnToMerchant => leave(),
        E::ReturnDue if !kept => leave(),
        E::KeepReceipt => {
            kept = true;
            vec![]
        }
        E::ReturnDue
        | E::LinkLoaded(_)
        | E::RetryLoad
        | E::LinkRefreshed(_)
        | E::LinkExpired
        | E::BackOnline
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::PaymentPolled { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::PushWithdrawn { .. }
        | E::NewAttempt => vec![],
    };
    (Checkout::Paid { link, report, kept }, effects)
}

/// The link is paid, expired, cancelled or in a status this page does not
/// know: nothing the payer or a late answer does changes that.
fn step_closed(state: Checkout, event: Event) -> (Checkout, Vec<Effect>) {
    use Event as E;
    match event {
        E::LinkLoaded(_)
        | E::RetryLoad
        | E::LinkRefreshed(_)
        | E::LinkExpired
        | E::BackOnline
        | E::BanksLoaded(_)
        | E::MethodChosen(_)
        | E::FieldChanged(..)
        | E::FieldLeft(_)
        | E::Submit { .. }
        | E::PayAnswered(_)
        | E::ConfirmPayment
        | E::BackToForm
        | E::PaymentPolled { .. }
        | E::DeadlinePassed
        | E::PayAnotherWay
        | E::ReturnDue
        | E::KeepReceipt
        | E::PushWithdrawn { .. }
        | E::NewAttempt
        | E::ReturnToMerchant => (state, vec![]),
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
        (
            Checkout::Paid {
                link,
                report,
                kept: false,
            },
            effects,
        )
    } else if matches!(payable.link.status, LinkStatus::Paid { .. }) {
        // This attempt did not pay, but the link is paid: that is the truth to show.
        (Checkout::LinkPaid(payable.link), vec![])
    } else {
        (paying(payable, Phase::Failed { report }), vec![])
    }
}

#[cfg(test)]
#[path = "state_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "state_watch_tests.rs"]
mod watch_tests;

#[cfg(test)]
#[path = "state_table_tests.rs"]
mod table_tests;

#[cfg(test)]
#[path = "state_review_tests.rs"]
mod review_tests;

#[cfg(test)]
#[path = "state_withdraw_tests.rs"]
mod withdraw_tests;

#[cfg(test)]
#[path = "state_code_tests.rs"]
mod code_tests;
