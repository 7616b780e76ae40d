//! Every representative state against every representative event: the
//! expected next state and effects of each pair are written out below, so a
//! transition that changes, or an event a state starts or stops ignoring,
//! fails here.

use super::{step, Checkout, Effect, Event, LoadError, SubmitError};
use crate::checkout::fields::FieldId;
use crate::checkout::fixtures::*;
use crate::checkout::link::{LinkStatus, Method};
use crate::checkout::payment::PaymentStatus;

fn states() -> Vec<(&'static str, Checkout)> {
    let colombian = || colombian_link(colombian_methods());
    let form = || reach(colombian(), bancolombia_form());
    let after = |events: Vec<Event>| run(form(), events).0;
    let withdrawing = vec![submit("k1"), pushed_to_app(), Event::PayAnotherWay];
    vec![
        ("loading", loading()),
        ("returning", returning()),
        (
            "load-failed",
            step(loading(), Event::LinkLoaded(Err(LoadError::Unavailable))).0,
        ),
        (
            "not-found",
            step(loading(), Event::LinkLoaded(Err(LoadError::NotFound))).0,
        ),
        ("choosing", reach(colombian(), vec![])),
        ("filling", form()),
        ("submitting", after(vec![submit("k1")])),
        ("reviewing", reach_pix(submitted(pix_form()))),
        (
            "sending-reviewed",
            reach_pix([submitted(pix_form()), vec![Event::ConfirmPayment]].concat()),
        ),
        ("redirecting", after(vec![submit("k1"), redirected()])),
        ("awaiting", after(vec![submit("k1"), pushed_to_app()])),
        ("withdrawing", after(withdrawing)),
        ("confirming", returned(vec![])),
        ("elsewhere", reach(link_in_progress("mm_other"), vec![])),
        ("failed", returned(vec![polled(PaymentStatus::Declined)])),
        ("paid", returned(vec![polled(PaymentStatus::Approved)])),
        ("link-paid", reach(link_with_status(paid_status()), vec![])),
        (
            "expired",
            reach(link_with_status(LinkStatus::Expired), vec![]),
        ),
        (
            "cancelled",
            reach(link_with_status(LinkStatus::Cancelled), vec![]),
        ),
        (
            "processing",
            reach(
                link_with_status(LinkStatus::Unrecognized("X".into())),
                vec![],
            ),
        ),
    ]
}

fn events() -> Vec<(&'static str, Event)> {
    let colombian = || colombian_link(colombian_methods());
    vec![
        ("loaded", Event::LinkLoaded(Ok(colombian()))),
        (
            "load-unavailable",
            Event::LinkLoaded(Err(LoadError::Unavailable)),
        ),
        ("retry", Event::RetryLoad),
        ("refreshed", Event::LinkRefreshed(Ok(colombian()))),
        (
            "refreshed-in-progress",
            Event::LinkRefreshed(Ok(link_in_progress("mm_other"))),
        ),
        (
            "refreshed-cancelled",
            Event::LinkRefreshed(Ok(link_with_status(LinkStatus::Cancelled))),
        ),
        (
            "refresh-unavailable",
            Event::LinkRefreshed(Err(LoadError::Unavailable)),
        ),
        (
            "refresh-not-found",
            Event::LinkRefreshed(Err(LoadError::NotFound)),
        ),
        ("expired", Event::LinkExpired),
        ("online", Event::BackOnline),
        ("banks", Event::BanksLoaded(Ok(banks()))),
        ("chose-nequi", Event::MethodChosen(Method::Nequi)),
        ("typed-email", typed(FieldId::Email, "otro@example.com")),
        ("left-email", Event::FieldLeft(FieldId::Email)),
        ("submit", submit("k2")),
        ("confirm", Event::ConfirmPayment),
        ("back", Event::BackToForm),
        ("pay-redirect", redirected()),
        (
            "pay-in-progress",
            Event::PayAnswered(Err(SubmitError::InProgress("mm_other".into()))),
        ),
        (
            "pay-unavailable",
            Event::PayAnswered(Err(SubmitError::Unavailable)),
        ),
        ("polled-approved", polled(PaymentStatus::Approved)),
        ("polled-pending", polled(PaymentStatus::Pending)),
        (
            "polled-other-declined",
            polled_other("mm_other", PaymentStatus::Declined),
        ),
        ("deadline", Event::DeadlinePassed),
        ("another-way", Event::PayAnotherWay),
        ("withdrawn-abandoned", withdrawn(PaymentStatus::Abandoned)),
        ("withdrawn-approved", withdrawn(PaymentStatus::Approved)),
        ("withdrawn-pending", withdrawn(PaymentStatus::Pending)),
        (
            "withdraw-unavailable",
            Event::PushWithdrawn {
                reference: REFERENCE.into(),
                result: Err(LoadError::Unavailable),
            },
        ),
        ("new-attempt", Event::NewAttempt),
        ("return", Event::ReturnToMerchant),
        ("return-due", Event::ReturnDue),
        ("keep-receipt", Event::KeepReceipt),
    ]
}

/// An effect in a few words: what it does, and to what.
fn describe(effect: &Effect) -> String {
    let payment = |reference: &str| -> String {
        if reference == REFERENCE {
            "ours".into()
        } else {
            reference.into()
        }
    };
    match effect {
        Effect::FetchLink => "fetch".into(),
        Effect::RetryLoadAfter(ms) => format!("retry@{ms}"),
        Effect::RefreshLinkAfter(ms) => format!("refresh@{ms}"),
        Effect::WatchExpiry(at) => format!("expiry@{at}"),
        Effect::FetchBanks => "banks".into(),
        Effect::SubmitPayment {
            idempotency_key, ..
        } => format!("pay:{idempotency_key}"),
        Effect::Navigate(url) => format!("go:{url}"),
        Effect::RememberPayment(reference) => format!("remember:{}", payment(reference)),
        Effect::ForgetPayment => "forget".into(),
        Effect::PollPayment {
            reference,
            after_ms,
            ..
        } => format!("poll:{}@{after_ms}", payment(reference)),
        Effect::ReturnToMerchantAfter { url, after_ms } => format!("return:{url}@{after_ms}"),
        Effect::WithdrawPush {
            reference,
            after_ms,
        } => format!("withdraw:{}@{after_ms}", payment(reference)),
    }
}

/// What a pair did: `=` for nothing at all (the same state, no effects),
/// `~` for a state that noted the event but shows the same screen and does
/// nothing, else the next state's name and its effects.
fn outcome(before: &Checkout, after: &Checkout, effects: &[Effect]) -> String {
    if effects.is_empty() && after == before {
        return "=".into();
    }
    if effects.is_empty() && after.name() == before.name() {
        return "~".into();
    }
    std::iter::once(after.name().to_owned())
        .chain(effects.iter().map(describe))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Each state's pairs that do something; every pair not listed is `=`.
#[rustfmt::skip]
const TABLE: &[(&str, &[(&str, &str)])] = &[
    (
        "loading",
        &[
            ("loaded", "choosing-method refresh@60000 expiry@2026-12-31T23:59:00Z banks"),
            ("load-unavailable", "load-failed retry@1000"),
        ],
    ),
    (
        "returning",
        &[
            ("loaded", "confirming poll:ours@0"),
            ("load-unavailable", "load-failed retry@1000"),
        ],
    ),
    (
        "load-failed",
        &[
            ("retry", "loading fetch"),
            ("online", "loading fetch"),
        ],
    ),
    (
        "not-found",
        &[],
    ),
    (
        "choosing",
        &[
            ("refreshed", "choosing-method refresh@60000"),
            ("refreshed-in-progress", "payment-in-progress poll:mm_other@0"),
            ("refreshed-cancelled", "cancelled"),
            ("refresh-unavailable", "choosing-method refresh@60000"),
            ("refresh-not-found", "not-found"),
            ("expired", "expired"),
            ("chose-nequi", "filling"),
            ("typed-email", "~"),
        ],
    ),
    (
        "filling",
        &[
            ("refreshed", "filling refresh@60000"),
            ("refreshed-in-progress", "payment-in-progress poll:mm_other@0"),
            ("refreshed-cancelled", "cancelled"),
            ("refresh-unavailable", "filling refresh@60000"),
            ("refresh-not-found", "not-found"),
            ("expired", "expired"),
            ("chose-nequi", "~"),
            ("typed-email", "~"),
            ("submit", "submitting pay:k2"),
        ],
    ),
    (
        "submitting",
        &[
            ("refreshed", "~"),
            ("refreshed-in-progress", "~"),
            ("refreshed-cancelled", "~"),
            ("refresh-unavailable", "~"),
            ("refresh-not-found", "~"),
            ("expired", "~"),
            ("pay-redirect", "redirecting remember:ours go:https://bank.example/pse"),
            ("pay-in-progress", "payment-in-progress poll:mm_other@0"),
            ("pay-unavailable", "filling"),
        ],
    ),
    (
        "reviewing",
        &[
            ("refreshed", "reviewing refresh@60000"),
            ("refreshed-in-progress", "payment-in-progress poll:mm_other@0"),
            ("refreshed-cancelled", "cancelled"),
            ("refresh-unavailable", "reviewing refresh@60000"),
            ("refresh-not-found", "not-found"),
            ("expired", "expired"),
            ("confirm", "submitting pay:k1"),
            ("back", "filling"),
        ],
    ),
    (
        "sending-reviewed",
        &[
            ("refreshed", "~"),
            ("refreshed-in-progress", "~"),
            ("refreshed-cancelled", "~"),
            ("refresh-unavailable", "~"),
            ("refresh-not-found", "~"),
            ("expired", "~"),
            ("banks", "~"),
            ("pay-redirect", "redirecting remember:ours go:https://bank.example/pse"),
            ("pay-in-progress", "payment-in-progress poll:mm_other@0"),
            ("pay-unavailable", "filling"),
        ],
    ),
    (
        "redirecting",
        &[
            ("refreshed", "~"),
            ("refreshed-in-progress", "~"),
            ("refreshed-cancelled", "~"),
            ("refresh-unavailable", "~"),
            ("refresh-not-found", "~"),
            ("expired", "~"),
        ],
    ),
    (
        "awaiting",
        &[
            ("refreshed", "~"),
            ("refreshed-in-progress", "~"),
            ("refreshed-cancelled", "~"),
            ("refresh-unavailable", "~"),
            ("refresh-not-found", "~"),
            ("expired", "~"),
            ("online", "awaiting-approval poll:ours@0"),
            ("polled-approved", "paid return:https://merchant.example/ok@5000"),
            ("polled-pending", "awaiting-approval poll:ours@2000"),
            ("deadline", "confirming poll:ours@0"),
            ("another-way", "withdrawing withdraw:ours@0"),
        ],
    ),
    (
        "withdrawing",
        &[
            ("refreshed", "~"),
            ("refreshed-in-progress", "~"),
            ("refreshed-cancelled", "~"),
            ("refresh-unavailable", "~"),
            ("refresh-not-found", "~"),
            ("expired", "~"),
            ("online", "withdrawing poll:ours@0"),
            ("polled-approved", "paid return:https://merchant.example/ok@5000"),
            ("polled-pending", "withdrawing poll:ours@2000"),
            ("withdrawn-abandoned", "choosing-method forget"),
            ("withdrawn-approved", "paid return:https://merchant.example/ok@5000"),
            ("withdrawn-pending", "confirming"),
            ("withdraw-unavailable", "withdrawing withdraw:ours@2000"),
        ],
    ),
    (
        "confirming",
        &[
            ("online", "confirming poll:ours@0"),
            ("polled-approved", "paid return:https://merchant.example/ok@5000"),
            ("polled-pending", "confirming poll:ours@1000"),
        ],
    ),
    (
        "elsewhere",
        &[
            ("online", "payment-in-progress poll:mm_other@0"),
            ("polled-other-declined", "choosing-method refresh@60000 expiry@2026-12-31T23:59:00Z banks"),
        ],
    ),
    (
        "failed",
        &[
            ("new-attempt", "choosing-method forget refresh@60000 expiry@2026-12-31T23:59:00Z banks"),
            ("return", "failed go:https://merchant.example/cancel"),
        ],
    ),
    (
        "paid",
        &[
            ("return", "paid go:https://merchant.example/ok"),
            ("return-due", "paid go:https://merchant.example/ok"),
            ("keep-receipt", "~"),
        ],
    ),
    (
        "link-paid",
        &[],
    ),
    (
        "expired",
        &[],
    ),
    (
        "cancelled",
        &[],
    ),
    (
        "processing",
        &[],
    ),
];

#[test]
fn every_state_meets_every_event_as_the_table_says() {
    let events = events();
    for (row, listed) in TABLE {
        for (event_name, _) in *listed {
            assert!(
                events.iter().any(|(name, _)| name == event_name),
                "{row}: no event named {event_name}"
            );
        }
    }
    let states = states();
    assert_eq!(
        states.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        TABLE.iter().map(|(name, _)| *name).collect::<Vec<_>>(),
        "one row per state, in order"
    );
    let mut pairs = 0;
    for ((state_name, state), (_, listed)) in states.iter().zip(TABLE) {
        for (event_name, event) in &events {
            let expected = listed
                .iter()
                .find(|(name, _)| name == event_name)
                .map_or("=", |(_, outcome)| *outcome);
            let (after, effects) = step(state.clone(), event.clone());
            assert_eq!(
                outcome(state, &after, &effects),
                expected,
                "{state_name} × {event_name}"
            );
            pairs += 1;
        }
    }
    assert_eq!(pairs, states.len() * events.len());
}
