//! Every screen and state of the checkout as fixtures, for the designers'
//! gallery (`/gallery/`). Each is reached through `step`, the way a payer
//! reaches it, so the gallery cannot show a state the page never shows.

use crate::checkout::fields::FieldId;
use crate::checkout::link::{
    AmountRule, CallbackUrls, Customer, FeePolicy, LinkStatus, Merchant, Method, OpenAmount,
    PaymentLink,
};
use crate::checkout::money::{Breakdown, Currency, FeeMode};
use crate::checkout::payment::{Bank, NextStep, PaymentReport, PaymentStarted, PaymentStatus};
use crate::checkout::state::{step, Checkout, Event, LoadError, SubmitError};
use crate::checkout::validate::DocumentType;

fn colurs_link(methods: Vec<Method>) -> PaymentLink {
    PaymentLink {
        token: "00000000-0000-4000-8000-000000000001".into(),
        merchant: Merchant {
            name: "Tienda Aurora".into(),
            logo_url: None,
            brand_color: None,
        },
        description: "Plan mensual de internet".into(),
        currency: Currency::COP,
        amount: AmountRule::Fixed(Breakdown {
            amount: 5_000_000,
            fee: 100_000,
            iva: 19_000,
            total: 5_119_000,
        }),
        status: LinkStatus::Pending,
        expires_at: Some("2026-12-31T23:59:00Z".into()),
        methods,
        callback_urls: Some(CallbackUrls {
            success: Some("https://merchant.example/ok".into()),
            cancel: Some("https://merchant.example/cancel".into()),
        }),
        customer: None,
        embed_origins: vec![],
        payment_in_progress: None,
    }
}

fn all_methods() -> Vec<Method> {
    vec![Method::Bancolombia, Method::Pse, Method::Nequi]
}

fn general_link() -> PaymentLink {
    PaymentLink {
        description: "Abono a tu cuenta".into(),
        amount: AmountRule::PayerChooses(OpenAmount {
            min: Some(100_000),
            max: Some(500_000_000),
            fees: FeePolicy {
                fee_rate_bps: 200,
                iva_rate_bps: 1900,
                mode: FeeMode::Payer,
            },
        }),
        ..colurs_link(all_methods())
    }
}

fn pix_business_link() -> PaymentLink {
    PaymentLink {
        token: "belvoPixBusiness000000000000000000000000003".into(),
        merchant: Merchant {
            name: "Loja Exemplo".into(),
            logo_url: None,
            brand_color: None,
        },
        description: "Pedido 4471".into(),
        currency: Currency::BRL,
        amount: AmountRule::Fixed(Breakdown {
            amount: 589_050,
            fee: 0,
            iva: 0,
            total: 589_050,
        }),
        methods: vec![Method::Pix],
        customer: Some(Customer {
            name: "Loja Exemplo Ltda".into(),
            business: true,
            email: None,
            phone: None,
            document_type: Some(DocumentType::CNPJ),
            document: Some("11222333000181".into()),
        }),
        ..colurs_link(vec![Method::Pix])
    }
}

fn belvo_pse_link() -> PaymentLink {
    PaymentLink {
        token: "belvoPseIndividual0000000000000000000000001".into(),
        description: "Awesome training Sneaker".into(),
        amount: AmountRule::Fixed(Breakdown {
            amount: 100_000,
            fee: 0,
            iva: 0,
            total: 100_000,
        }),
        methods: vec![Method::Pse],
        customer: Some(Customer {
            name: "Carlos Vives".into(),
            business: false,
            email: Some("carlos@example.com".into()),
            phone: Some("3210987636".into()),
            document_type: Some(DocumentType::CC),
            document: Some("1018760936".into()),
        }),
        ..colurs_link(vec![Method::Pse])
    }
}

fn banks() -> Vec<Bank> {
    [
        "Banco de Bogotá",
        "Bancolombia",
        "Banco Davivienda",
        "Nequi",
        "Banco Popular",
    ]
    .iter()
    .enumerate()
    .map(|(i, name)| Bank {
        id: (1000 + i).to_string(),
        name: (*name).into(),
    })
    .collect()
}

/// Applies events from a freshly loaded link (effects are not run).
fn reach(link: PaymentLink, events: Vec<Event>) -> Checkout {
    let loaded = step(
        Checkout::Loading {
            resume: None,
            attempt: 0,
        },
        Event::LinkLoaded(Ok(link)),
    )
    .0;
    let with_banks = step(loaded, Event::BanksLoaded(Ok(banks()))).0;
    events
        .into_iter()
        .fold(with_banks, |state, event| step(state, event).0)
}

fn typed(field: FieldId, value: &str) -> Event {
    Event::FieldChanged(field, value.into())
}

fn pse_form() -> Vec<Event> {
    vec![
        Event::MethodChosen(Method::Pse),
        typed(FieldId::PersonType, "J"),
        typed(FieldId::Document, "900.123.456-8"),
        typed(FieldId::Bank, "1001"),
        typed(FieldId::Email, "pagos@empresa.co"),
        typed(FieldId::Phone, "300 123 4567"),
    ]
}

fn submitted(form: Vec<Event>) -> Vec<Event> {
    [
        form,
        vec![Event::Submit {
            fresh_key: "gallery".into(),
        }],
    ]
    .concat()
}

fn report(status: PaymentStatus) -> PaymentReport {
    PaymentReport {
        reference: "mm_demo000000000001".into(),
        method: Some(Method::Pse),
        status,
        total: Some(5_119_000),
        updated_at: Some("2026-11-22T10:30:00Z".into()),
        expires_at: None,
    }
}

fn polled(status: PaymentStatus) -> Event {
    Event::PaymentPolled {
        reference: "mm_demo000000000001".into(),
        result: Ok(report(status)),
    }
}

fn redirected() -> Event {
    Event::PayAnswered(Ok(PaymentStarted {
        reference: "mm_demo000000000001".into(),
        next: NextStep::Redirect("https://bank.example/pse".into()),
    }))
}

fn returned(events: Vec<Event>) -> Checkout {
    let loading = Checkout::Loading {
        resume: Some("mm_demo000000000001".into()),
        attempt: 0,
    };
    let confirming = step(loading, Event::LinkLoaded(Ok(colurs_link(all_methods())))).0;
    events
        .into_iter()
        .fold(confirming, |state, event| step(state, event).0)
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
    let nequi_form = vec![
        Event::MethodChosen(Method::Nequi),
        typed(FieldId::Phone, "399 111 1111"),
        typed(FieldId::DocumentType, "CC"),
        typed(FieldId::Document, "1234567890"),
    ];
    vec![
        (
            "loading",
            Checkout::Loading {
                resume: None,
                attempt: 0,
            },
        ),
        ("choosing-method", reach(colurs_link(all_methods()), vec![])),
        (
            "filling-pse",
            reach(
                colurs_link(all_methods()),
                vec![Event::MethodChosen(Method::Pse)],
            ),
        ),
        (
            "filling-bancolombia",
            reach(
                colurs_link(all_methods()),
                vec![Event::MethodChosen(Method::Bancolombia)],
            ),
        ),
        (
            "filling-nequi-only",
            reach(colurs_link(vec![Method::Nequi]), vec![]),
        ),
        (
            "field-errors",
            reach(
                colurs_link(all_methods()),
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
            reach(colurs_link(all_methods()), submitted(pse_form())),
        ),
        (
            "submit-unavailable",
            reach(
                colurs_link(all_methods()),
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
                colurs_link(all_methods()),
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
                colurs_link(all_methods()),
                [submitted(pse_form()), vec![redirected()]].concat(),
            ),
        ),
        (
            "awaiting-approval",
            reach(
                colurs_link(all_methods()),
                [
                    submitted(nequi_form),
                    vec![Event::PayAnswered(Ok(PaymentStarted {
                        reference: "mm_demo000000000001".into(),
                        next: NextStep::AwaitApproval {
                            timeout_seconds: 120,
                        },
                    }))],
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
            "link-paid",
            reach(
                PaymentLink {
                    status: LinkStatus::Paid {
                        paid_at: Some("2026-11-22T10:30:00Z".into()),
                        paid_amount: Some(5_119_000),
                    },
                    ..colurs_link(all_methods())
                },
                vec![],
            ),
        ),
        (
            "expired",
            reach(
                PaymentLink {
                    status: LinkStatus::Expired,
                    ..colurs_link(all_methods())
                },
                vec![],
            ),
        ),
        (
            "cancelled",
            reach(
                PaymentLink {
                    status: LinkStatus::Cancelled,
                    ..colurs_link(all_methods())
                },
                vec![],
            ),
        ),
        (
            "processing",
            reach(
                PaymentLink {
                    status: LinkStatus::Unrecognized("SETTLING".into()),
                    ..colurs_link(all_methods())
                },
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
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_have_unique_names_and_cover_every_state_of_the_page() {
        let fixtures = fixtures();
        let mut names: Vec<&str> = fixtures.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), fixtures.len());
        let states: std::collections::BTreeSet<&str> =
            fixtures.iter().map(|(_, s)| s.name()).collect();
        for state in [
            "loading",
            "choosing-method",
            "filling",
            "submitting",
            "redirecting",
            "awaiting-approval",
            "confirming",
            "still-confirming",
            "paid",
            "failed",
            "expired",
            "cancelled",
            "processing",
            "not-found",
            "load-failed",
            "malformed",
        ] {
            assert!(states.contains(state), "no fixture shows {state}");
        }
    }

    #[test]
    fn fixtures_show_what_their_names_say() {
        let fixtures: std::collections::BTreeMap<_, _> = fixtures().into_iter().collect();
        let Checkout::Payable(errors) = &fixtures["field-errors"] else {
            panic!()
        };
        assert!(errors.problems.len() >= 3);
        let Checkout::Payable(unavailable) = &fixtures["submit-unavailable"] else {
            panic!()
        };
        assert_eq!(unavailable.submit_error, Some(SubmitError::Unavailable));
        assert_eq!(fixtures["general-amount-too-low"].name(), "choosing-method");
    }
}
