use super::*;
use crate::checkout::fields::{schema, Control, FormContext, FormValues, Prefill};
use crate::checkout::link::{AmountRule, FeePolicy, OpenAmount};
use crate::checkout::money::{Currency, FeeMode};

#[test]
fn every_choice_any_form_offers_has_a_label() {
    let open = AmountRule::PayerChooses(OpenAmount {
        min: None,
        max: None,
        fees: FeePolicy {
            fee_rate_bps: 0,
            iva_rate_bps: 0,
            mode: FeeMode::Payer,
        },
    });
    for method in crate::checkout::methods::ALL {
        for person in ["N", "J"] {
            let mut form = FormValues::default();
            form.set(FieldId::PersonType, person);
            let context = FormContext {
                method,
                amount: &open,
                currency: Currency::COP,
                banks: &[],
            };
            for spec in schema(&context, &form, &Prefill::default()) {
                if let Control::Choice { options } = spec.control {
                    for option in options {
                        assert!(option_label(option.value).is_some(), "{}", option.value);
                    }
                }
            }
        }
    }
}

#[test]
fn nequi_asks_for_the_nequi_number_by_name() {
    assert_eq!(
        field_label(FieldId::Phone, Method::Nequi),
        Key::FieldNequiPhone
    );
    assert_eq!(field_label(FieldId::Phone, Method::Pse), Key::FieldPhone);
}

#[test]
fn bounds_problems_carry_their_amount() {
    let problem = FieldProblem::Bounds(BoundsError::BelowMinimum(100_000));
    assert_eq!(problem_message(problem), Key::ErrBelowMinimum);
    assert_eq!(problem_amount(problem), Some(100_000));
}

#[test]
fn the_amount_hint_names_the_bounds_the_link_has() {
    let open = |min, max| OpenAmount {
        min,
        max,
        fees: FeePolicy {
            fee_rate_bps: 0,
            iva_rate_bps: 0,
            mode: FeeMode::Payer,
        },
    };
    assert_eq!(amount_hint(&open(Some(1), Some(2))), Key::AmountHintRange);
    assert_eq!(amount_hint(&open(Some(1), None)), Key::AmountHintMin);
    assert_eq!(amount_hint(&open(None, Some(2))), Key::AmountHintMax);
    assert_eq!(amount_hint(&open(None, None)), Key::AmountHintCurrency);
    for (key, fields) in [
        (Key::AmountHintRange, &["{currency}", "{min}", "{max}"][..]),
        (Key::AmountHintMin, &["{currency}", "{min}"]),
        (Key::AmountHintMax, &["{currency}", "{max}"]),
        (Key::AmountHintCurrency, &["{currency}"]),
    ] {
        for lang in crate::i18n::Lang::ALL {
            for field in fields {
                assert!(lang.text(key).contains(field), "{lang:?} {key:?} {field}");
            }
        }
    }
}

#[test]
fn the_bank_count_says_none_one_or_how_many() {
    assert_eq!(bank_match_count(0), Key::NoBankMatches);
    assert_eq!(bank_match_count(1), Key::BankMatchOne);
    assert_eq!(bank_match_count(2), Key::BankMatches);
    assert_eq!(bank_match_count(40), Key::BankMatches);
    for lang in crate::i18n::Lang::ALL {
        assert!(lang.text(Key::BankMatches).contains("{count}"), "{lang:?}");
    }
}

#[test]
fn the_confirming_screen_says_what_it_waits_for() {
    use crate::checkout::fixtures::{
        colombian_link, colombian_methods, nequi_form, polled, pushed_to_app, reach, returned,
        submitted, REFERENCE,
    };
    use crate::checkout::payment::{PaymentReport, PaymentStatus};
    use crate::checkout::state::Event;

    assert_eq!(
        confirming_texts(&returned(vec![])),
        (Key::ConfirmingTitle, Key::ConfirmingBody)
    );
    let slow = returned((0..40).map(|_| polled(PaymentStatus::Pending)).collect());
    assert_eq!(
        confirming_texts(&slow),
        (Key::StillConfirmingTitle, Key::StillConfirmingBody)
    );
    let withdrawing = reach(
        colombian_link(colombian_methods()),
        [
            submitted(nequi_form()),
            vec![pushed_to_app(), Event::PayAnotherWay],
        ]
        .concat(),
    );
    assert_eq!(
        confirming_texts(&withdrawing),
        (Key::WithdrawingPush, Key::KeepPageOpen)
    );
    assert_eq!(withdrawing.consent_deadline(), None);

    // A pending consent's deadline is the one the provider reported.
    let consent = returned(vec![Event::PaymentPolled {
        reference: REFERENCE.into(),
        poll: 1,
        result: Ok(PaymentReport {
            expires_at: Some("2026-11-22T10:40:00Z".into()),
            ..crate::checkout::fixtures::report(PaymentStatus::Pending)
        }),
    }]);
    assert_eq!(consent.consent_deadline(), Some("2026-11-22T10:40:00Z"));
}
