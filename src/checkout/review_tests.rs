use super::{review, Review};
use crate::checkout::fixtures::*;
use crate::checkout::money::Currency;
use crate::checkout::payment::PaymentStatus;
use crate::checkout::state::{step, Event, SubmitError};

fn reviewed() -> Review {
    Review {
        total: Some(589_050),
        currency: Currency::BRL,
        beneficiary: "Loja Exemplo".into(),
        institution: Some("Mock Bank".into()),
    }
}

#[test]
fn the_review_shows_the_amount_the_merchant_and_the_institution_chosen() {
    assert_eq!(review(&reach_pix(submitted(pix_form()))), Some(reviewed()));
}

#[test]
fn once_confirmed_the_pay_form_shows_the_payment_being_sent() {
    let sending = reach_pix([submitted(pix_form()), vec![Event::ConfirmPayment]].concat());
    assert!(sending.is_submitting());
    assert_eq!(review(&sending), None);
    let refused = step(sending, Event::PayAnswered(Err(SubmitError::Unavailable))).0;
    assert_eq!(review(&refused), None);
}

#[test]
fn no_review_on_the_form_nor_for_a_method_that_redirects_at_once() {
    assert_eq!(review(&reach_pix(pix_form())), None);
    let pse = reach(colombian_link(colombian_methods()), submitted(pse_form()));
    assert_eq!(pse.name(), "submitting");
    assert_eq!(review(&pse), None);
    assert_eq!(
        review(&returned(vec![polled(PaymentStatus::Declined)])),
        None
    );
}

#[test]
fn an_institution_the_list_does_not_hold_is_not_named() {
    let mut state = reach_pix(submitted(pix_form()));
    if let crate::checkout::state::Checkout::Paying(paying) = &mut state {
        paying.payable.banks = crate::checkout::state::Banks::Failed;
    }
    assert_eq!(
        review(&state),
        Some(Review {
            institution: None,
            ..reviewed()
        })
    );
}
