//! Every screen and state of the checkout as fixtures, for the designers'
//! gallery (`/gallery/`). Each is reached through `step`, the way a payer
//! reaches it, so the gallery cannot show a state the page never shows.

use crate::checkout::fields::FieldId;
use crate::checkout::fixtures::{
    app_approval_link, belvo_pse_link, breb_code, breb_form, code_shown, colombian_link,
    colombian_methods, general_link, link_with_status, loading, nequi_form, paid_status,
    pix_business_link, pix_form, pix_qr_code, pix_qr_link, polled, pse_form, pushed_to_app, reach,
    reach_pix, redirected, returned, returning, run, submit, submitted, typed, with_logo,
    withdrawn,
};
use crate::checkout::link::{LinkStatus, Method, PaymentLink};
use crate::checkout::payment::PaymentStatus;
use crate::checkout::state::{step, Checkout, Event, LoadError, Paying, Phase, SubmitError};

/// The fixture shown as a computer shows it, "continue on your phone" open.
pub const PHONE_HANDOFF: &str = "phone-handoff";
/// The PSE form with its bank list open, as a tap on the bank box opens it.
pub const BANKS_OPEN: &str = "filling-pse-banks-open";

/// What a code's countdown reads in the gallery: the fixtures' codes expire
/// on a fixed date, which would read as hundreds of hours.
pub const CODE_SECONDS_LEFT: u32 = 9 * 60 + 41;

/// `state` with the code it shows, if any, `CODE_SECONDS_LEFT` from expiring
/// at `now_ms`, its expiry being `expires_ms`: the provider's clock is taken
/// to run that far ahead of the browser's.
pub fn code_about_to_expire(mut state: Checkout, expires_ms: f64, now_ms: f64) -> Checkout {
    if let Checkout::Paying(Paying {
        phase: Phase::ShowingCode {
            code, ended: false, ..
        },
        ..
    }) = &mut state
    {
        let ahead = expires_ms - f64::from(CODE_SECONDS_LEFT) * 1000.0 - now_ms;
        code.clock_offset_ms = ahead.round() as i64;
    }
    state
}

/// A link paid by Bre-B alone: its form is the method's, at once.
fn breb_only() -> PaymentLink {
    colombian_link(vec![Method::BreB])
}

/// A Bre-B code asked for, shown, and its countdown ended.
fn code_ended() -> Vec<Event> {
    vec![
        submit("gallery"),
        code_shown(breb_code()),
        Event::DeadlinePassed,
    ]
}

/// Every fixture, by a stable name, in the order a payer meets them.
pub fn fixtures() -> Vec<(&'static str, Checkout)> {
    let failed_load = |error| {
        step(
            Checkout::Loading {
                resume: None,
                attempt: 9,
            },
            Event::LinkLoaded(Err(error)),
        )
        .0
    };
    vec![
        ("loading", loading()),
        (
            "choosing-method",
            reach(colombian_link(colombian_methods()), vec![]),
        ),
        (
            "merchant-logo",
            reach(with_logo(colombian_link(colombian_methods())), vec![]),
        ),
        (
            "filling-pse",
            reach(
                colombian_link(colombian_methods()),
                vec![Event::MethodChosen(Method::Pse)],
            ),
        ),
        // The same form, its bank list open (src/ui/gallery.rs opens it).
        (
            BANKS_OPEN,
            reach(
                colombian_link(colombian_methods()),
                vec![Event::MethodChosen(Method::Pse)],
            ),
        ),
        (
            "filling-bancolombia",
            reach(
                colombian_link(colombian_methods()),
                vec![Event::MethodChosen(Method::Bancolombia)],
            ),
        ),
        ("filling-nequi-only", reach(app_approval_link(), vec![])),
        // The same form on a computer, its QR code open (src/ui/handoff.rs).
        (PHONE_HANDOFF, reach(app_approval_link(), vec![])),
        (
            "field-errors",
            reach(
                colombian_link(colombian_methods()),
                vec![
                    Event::MethodChosen(Method::Pse),
                    typed(FieldId::PersonType, "J"),
                    typed(FieldId::Document, "900.123.456-0"),
                    typed(FieldId::Email, "pagos@"),
                    typed(FieldId::Phone, "2001234567"),
                    Event::Submit {
                        fresh_key: "gallery".into(),
                    },
                ],
            ),
        ),
        (
            "general-amount",
            reach(general_link(), vec![typed(FieldId::Amount, "50.000")]),
        ),
        (
            "general-amount-too-low",
            reach(
                general_link(),
                vec![
                    typed(FieldId::Amount, "500"),
                    Event::FieldLeft(FieldId::Amount),
                ],
            ),
        ),
        (
            "submitting",
            reach(colombian_link(colombian_methods()), submitted(pse_form())),
        ),
        (
            "submit-unavailable",
            reach(
                colombian_link(colombian_methods()),
                [
                    submitted(pse_form()),
                    vec![Event::PayAnswered(Err(SubmitError::Unavailable))],
                ]
                .concat(),
            ),
        ),
        (
            "submit-invalid-status",
            reach(
                colombian_link(colombian_methods()),
                [
                    submitted(pse_form()),
                    vec![Event::PayAnswered(Err(SubmitError::InvalidStatus))],
                ]
                .concat(),
            ),
        ),
        (
            "redirecting",
            reach(
                colombian_link(colombian_methods()),
                [submitted(pse_form()), vec![redirected()]].concat(),
            ),
        ),
        (
            "awaiting-approval",
            reach(
                colombian_link(colombian_methods()),
                [submitted(nequi_form()), vec![pushed_to_app()]].concat(),
            ),
        ),
        (
            "withdrawing",
            reach(
                colombian_link(colombian_methods()),
                [
                    submitted(nequi_form()),
                    vec![pushed_to_app(), Event::PayAnotherWay],
                ]
                .concat(),
            ),
        ),
        (
            "push-withdrawn",
            reach(
                colombian_link(colombian_methods()),
                [
                    submitted(nequi_form()),
                    vec![
                        pushed_to_app(),
                        Event::PayAnotherWay,
                        withdrawn(PaymentStatus::Abandoned),
                    ],
                ]
                .concat(),
            ),
        ),
        ("confirming", returned(vec![])),
        (
            "still-confirming",
            returned((0..40).map(|_| polled(PaymentStatus::Pending)).collect()),
        ),
        ("paid", returned(vec![polled(PaymentStatus::Approved)])),
        (
            "failed-declined",
            returned(vec![polled(PaymentStatus::Declined)]),
        ),
        (
            "failed-abandoned",
            returned(vec![polled(PaymentStatus::Abandoned)]),
        ),
        (
            "failed-expired",
            returned(vec![polled(PaymentStatus::Expired)]),
        ),
        (
            "paid-general-logo",
            run(
                step(
                    returning(),
                    Event::LinkLoaded(Ok(with_logo(general_link()))),
                )
                .0,
                vec![polled(PaymentStatus::Approved)],
            )
            .0,
        ),
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
                link_with_status(LinkStatus::Unrecognized("SETTLING".into())),
                vec![],
            ),
        ),
        ("not-found", failed_load(LoadError::NotFound)),
        ("load-failed", failed_load(LoadError::Unavailable)),
        ("malformed", failed_load(LoadError::Malformed)),
        ("belvo-pse-known-customer", reach(belvo_pse_link(), vec![])),
        (
            "pix-business",
            reach(
                pix_business_link(),
                vec![
                    typed(FieldId::PayerCpf, "529.982.247-24"),
                    Event::FieldLeft(FieldId::PayerCpf),
                ],
            ),
        ),
        ("reviewing-pix", reach_pix(submitted(pix_form()))),
        (
            "showing-code-breb",
            reach(
                with_logo(colombian_link(vec![Method::Bancolombia, Method::BreB])),
                [breb_form(), vec![code_shown(breb_code())]].concat(),
            ),
        ),
        (
            "showing-code-pix-qr",
            reach(
                pix_qr_link(),
                vec![
                    Event::MethodChosen(Method::PixQr),
                    submit("gallery"),
                    code_shown(pix_qr_code()),
                ],
            ),
        ),
        ("code-ended", reach(breb_only(), code_ended())),
        (
            "code-expired",
            reach(
                breb_only(),
                [code_ended(), vec![polled(PaymentStatus::Expired)]].concat(),
            ),
        ),
    ]
}

#[cfg(test)]
#[path = "gallery_tests.rs"]
mod tests;
