use super::*;
use crate::checkout::fields::test_forms::*;
use crate::checkout::fields::{
    schema, validate_field, validate_form, FieldProblem, FormValues, Prefill,
};
use crate::checkout::link::{AmountRule, FeePolicy, Method};
use crate::checkout::money::{BoundsError, Currency, FeeMode, TypedAmountError};
use crate::checkout::payment::PersonType;
use crate::checkout::validate::{DocumentType, FieldError};

#[test]
fn a_valid_pse_form_gives_its_details() {
    let details = validate_form(
        &context(Method::Pse, &fixed(), Currency::COP, &banks()),
        &valid_pse_form(),
    );
    assert_eq!(
        details,
        Ok(PaymentDetails {
            method: Method::Pse,
            amount: None,
            email: Some("payer@example.com".into()),
            phone: Some("3001234567".into()),
            person_type: Some(PersonType::Natural),
            document_type: Some(DocumentType::CC),
            document: Some("1234567890".into()),
            bank_id: Some("1007".into()),
            payer_cpf: None,
        })
    );
}

#[test]
fn a_valid_bancolombia_form_gives_its_details() {
    let details = validate_form(
        &context(Method::Bancolombia, &fixed(), Currency::COP, &[]),
        &valid_bancolombia_form(),
    );
    assert_eq!(
        details,
        Ok(PaymentDetails {
            method: Method::Bancolombia,
            amount: None,
            email: Some("payer@example.com".into()),
            phone: Some("3001234567".into()),
            person_type: None,
            document_type: Some(DocumentType::CC),
            document: Some("1234567890".into()),
            bank_id: None,
            payer_cpf: None,
        })
    );
}

#[test]
fn a_valid_nequi_form_gives_its_details() {
    let details = validate_form(
        &context(Method::Nequi, &fixed(), Currency::COP, &[]),
        &valid_nequi_form(),
    );
    assert_eq!(
        details,
        Ok(PaymentDetails {
            method: Method::Nequi,
            amount: None,
            email: None,
            phone: Some("3991111111".into()),
            person_type: None,
            document_type: Some(DocumentType::CE),
            document: Some("E123456".into()),
            bank_id: None,
            payer_cpf: None,
        })
    );
}

#[test]
fn fields_outside_the_method_are_ignored() {
    // Garbage in every field Nequi does not ask for.
    let mut values = valid_nequi_form();
    values.set(FieldId::Email, "not an email");
    values.set(FieldId::Bank, "99999");
    values.set(FieldId::Amount, "abc");
    values.set(FieldId::PersonType, "X");
    let details = validate_form(
        &context(Method::Nequi, &fixed(), Currency::COP, &[]),
        &values,
    )
    .unwrap();
    assert_eq!(
        (details.email, details.bank_id, details.amount),
        (None, None, None)
    );
    assert_eq!(details.person_type, None);
    for id in [
        FieldId::Email,
        FieldId::Bank,
        FieldId::Amount,
        FieldId::PersonType,
    ] {
        assert_eq!(
            validate_field(
                &context(Method::Nequi, &fixed(), Currency::COP, &[]),
                id,
                &values
            ),
            Ok(()),
            "{id:?}"
        );
    }
    // A PSE person type and bank are not sent with Bancolombia either.
    let mut values = valid_bancolombia_form();
    values.set(FieldId::PersonType, "N");
    values.set(FieldId::Bank, "1007");
    let details = validate_form(
        &context(Method::Bancolombia, &fixed(), Currency::COP, &banks()),
        &values,
    )
    .unwrap();
    assert_eq!((details.person_type, details.bank_id), (None, None));
}

#[test]
fn a_typed_peso_amount_is_read_in_cents() {
    let mut values = valid_nequi_form();
    values.set(FieldId::Amount, "50.000");
    let details = validate_form(
        &context(Method::Nequi, &open(), Currency::COP, &[]),
        &values,
    )
    .unwrap();
    assert_eq!(details.amount, Some(5_000_000));
    values.set(FieldId::Amount, "$ 50000");
    let details = validate_form(
        &context(Method::Nequi, &open(), Currency::COP, &[]),
        &values,
    )
    .unwrap();
    assert_eq!(details.amount, Some(5_000_000));
}

#[test]
fn typed_amounts_follow_the_currency_format() {
    let mut values = valid_nequi_form();
    let amount_of = |values: &FormValues, currency| {
        validate_form(&context(Method::Nequi, &open(), currency, &[]), values).map(|d| d.amount)
    };
    values.set(FieldId::Amount, "1.234,12");
    assert_eq!(amount_of(&values, Currency::BRL), Ok(Some(123_412)));
    values.set(FieldId::Amount, "1,234.12");
    assert_eq!(amount_of(&values, Currency::USD), Ok(Some(123_412)));
    // Typed the English way in pesos: refused, never read as 50 pesos.
    values.set(FieldId::Amount, "50,000");
    assert_eq!(
        amount_of(&values, Currency::COP),
        Err(vec![(
            FieldId::Amount,
            FieldProblem::Amount(TypedAmountError::TooManyDecimals)
        )])
    );
}

#[test]
fn typed_amounts_outside_the_bounds_are_refused() {
    let amount_problem = |text: &str| {
        let values = form(&[(FieldId::Amount, text)]);
        validate_field(
            &context(Method::Nequi, &open(), Currency::COP, &[]),
            FieldId::Amount,
            &values,
        )
    };
    assert_eq!(
        amount_problem("999"),
        Err(FieldProblem::Bounds(BoundsError::BelowMinimum(100_000)))
    );
    assert_eq!(amount_problem("1.000"), Ok(()));
    assert_eq!(amount_problem("5.000.000"), Ok(()));
    assert_eq!(
        amount_problem("5.000.001"),
        Err(FieldProblem::Bounds(BoundsError::AboveMaximum(500_000_000)))
    );
    assert_eq!(
        amount_problem("0"),
        Err(FieldProblem::Bounds(BoundsError::NotPositive))
    );
}

#[test]
fn every_amount_problem_is_reachable() {
    let amount_problem = |text: &str, amount_rule: &AmountRule| {
        let values = form(&[(FieldId::Amount, text)]);
        validate_field(
            &context(Method::Pse, amount_rule, Currency::COP, &[]),
            FieldId::Amount,
            &values,
        )
    };
    for (text, error) in [
        ("", TypedAmountError::Empty),
        ("abc", TypedAmountError::NotANumber),
        ("50.000,5", TypedAmountError::TooManyDecimals),
        ("-5", TypedAmountError::Negative),
        ("9".repeat(30).as_str(), TypedAmountError::TooLarge),
    ] {
        assert_eq!(
            amount_problem(text, &open()),
            Err(FieldProblem::Amount(error)),
            "{text:?}"
        );
    }
    // No upper bound, but the fee on top no longer fits: too large to charge.
    let unbounded = AmountRule::PayerChooses(OpenAmount {
        min: None,
        max: None,
        fees: FeePolicy {
            fee_rate_bps: 200,
            iva_rate_bps: 1_900,
            mode: FeeMode::Payer,
        },
    });
    assert_eq!(
        amount_problem("92.233.720.368.547.758", &unbounded),
        Err(FieldProblem::Amount(TypedAmountError::TooLarge))
    );
    assert_eq!(amount_problem("92.233.720.368", &unbounded), Ok(()));
}

#[test]
fn every_field_problem_is_reachable() {
    let problem = |method, id, values: &FormValues| {
        validate_field(
            &context(method, &fixed(), Currency::COP, &banks()),
            id,
            values,
        )
    };
    let pse = Method::Pse;
    assert_eq!(problem(pse, FieldId::PersonType, &form(&[])), Err(REQUIRED));
    assert_eq!(
        problem(pse, FieldId::DocumentType, &form(&[])),
        Err(REQUIRED)
    );
    assert_eq!(
        problem(
            pse,
            FieldId::Document,
            &form(&[(FieldId::DocumentType, "CC")])
        ),
        Err(REQUIRED)
    );
    assert_eq!(
        problem(
            pse,
            FieldId::Document,
            &form(&[(FieldId::DocumentType, "CC"), (FieldId::Document, "12345")])
        ),
        Err(FieldProblem::Field(FieldError::TooShort))
    );
    assert_eq!(
        problem(
            pse,
            FieldId::Document,
            &form(&[
                (FieldId::PersonType, "J"),
                (FieldId::Document, "900123456-0")
            ])
        ),
        Err(FieldProblem::Field(FieldError::WrongCheckDigit))
    );
    assert_eq!(
        problem(pse, FieldId::Email, &form(&[(FieldId::Email, "ana@")])),
        Err(FieldProblem::Field(FieldError::InvalidEmail))
    );
    assert_eq!(
        problem(
            pse,
            FieldId::Phone,
            &form(&[(FieldId::Phone, "601 123 4567")])
        ),
        Err(FieldProblem::Field(FieldError::NotAMobileNumber))
    );
    assert_eq!(
        problem(
            Method::Nequi,
            FieldId::Phone,
            &form(&[(FieldId::Phone, "300123456")])
        ),
        Err(FieldProblem::Field(FieldError::NotAMobileNumber))
    );
    assert_eq!(
        problem(pse, FieldId::Bank, &form(&[])),
        Err(FieldProblem::BankNotChosen)
    );
    assert_eq!(
        problem(pse, FieldId::Bank, &form(&[(FieldId::Bank, "0")])),
        Err(FieldProblem::BankNotChosen)
    );
    assert_eq!(
        problem(pse, FieldId::Bank, &form(&[(FieldId::Bank, "4242")])),
        Err(FieldProblem::UnknownBank)
    );
    assert_eq!(
        problem(pse, FieldId::Bank, &form(&[(FieldId::Bank, "-1")])),
        Err(FieldProblem::UnknownBank)
    );
    assert_eq!(
        problem(pse, FieldId::Bank, &form(&[(FieldId::Bank, "1051")])),
        Ok(())
    );
}

#[test]
fn a_document_type_the_method_does_not_offer_is_not_chosen() {
    let problem = |method, values: &FormValues| {
        validate_field(
            &context(method, &fixed(), Currency::COP, &[]),
            FieldId::DocumentType,
            values,
        )
    };
    // NIT is fine for Bancolombia but not for a natural person in PSE.
    let nit = form(&[(FieldId::DocumentType, "NIT")]);
    assert_eq!(problem(Method::Bancolombia, &nit), Ok(()));
    assert_eq!(problem(Method::Pse, &nit), Err(REQUIRED));
    // TI exists only in PSE; unknown codes are never chosen.
    assert_eq!(
        problem(Method::Nequi, &form(&[(FieldId::DocumentType, "TI")])),
        Err(REQUIRED)
    );
    assert_eq!(
        problem(Method::Nequi, &form(&[(FieldId::DocumentType, "cc")])),
        Err(REQUIRED)
    );
}

#[test]
fn a_document_without_a_type_is_only_required() {
    let values = form(&[(FieldId::Document, "anything")]);
    assert_eq!(
        validate_field(
            &context(Method::Nequi, &fixed(), Currency::COP, &[]),
            FieldId::Document,
            &values
        ),
        Ok(())
    );
    let errors = validate_form(
        &context(Method::Nequi, &fixed(), Currency::COP, &[]),
        &values,
    )
    .unwrap_err();
    assert_eq!(
        errors,
        vec![
            (FieldId::Phone, REQUIRED),
            (FieldId::DocumentType, REQUIRED)
        ]
    );
}

#[test]
fn problems_come_in_display_order() {
    let empty = FormValues::default();
    let problems = validate_form(
        &context(Method::Pse, &open(), Currency::COP, &banks()),
        &empty,
    );
    assert_eq!(
        problems,
        Err(vec![
            (
                FieldId::Amount,
                FieldProblem::Amount(TypedAmountError::Empty)
            ),
            (FieldId::PersonType, REQUIRED),
            (FieldId::DocumentType, REQUIRED),
            (FieldId::Document, REQUIRED),
            (FieldId::Bank, FieldProblem::BankNotChosen),
            (FieldId::Email, REQUIRED),
            (FieldId::Phone, REQUIRED),
        ])
    );
    let problems = validate_form(
        &context(Method::Bancolombia, &fixed(), Currency::COP, &[]),
        &empty,
    );
    let order: Vec<FieldId> = problems
        .unwrap_err()
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    assert_eq!(
        order,
        [
            FieldId::Email,
            FieldId::Phone,
            FieldId::DocumentType,
            FieldId::Document
        ]
    );
}

#[test]
fn one_bad_field_is_the_only_problem() {
    let mut values = valid_pse_form();
    values.set(FieldId::Phone, "12");
    assert_eq!(
        validate_form(
            &context(Method::Pse, &fixed(), Currency::COP, &banks()),
            &values
        ),
        Err(vec![(
            FieldId::Phone,
            FieldProblem::Field(FieldError::NotAMobileNumber)
        )])
    );
}

#[test]
fn the_bank_must_be_in_the_list() {
    let values = valid_pse_form();
    assert_eq!(
        validate_form(&context(Method::Pse, &fixed(), Currency::COP, &[]), &values),
        Err(vec![(FieldId::Bank, FieldProblem::UnknownBank)])
    );
}

#[test]
fn no_validation_panics_on_odd_input() {
    let odd = [
        "",
        " ",
        "\u{0}",
        "😀",
        "٣٣٣",
        "0",
        "-0",
        "99999999999999999999",
        "N",
        "J",
        "NIT",
        "ñandú@example.com",
        "\u{202E}3001234567",
    ];
    for method in [Method::Pse, Method::Bancolombia, Method::Nequi] {
        for text in odd {
            let mut values = FormValues::default();
            for id in FieldId::ALL {
                values.set(id, text);
            }
            for amount_rule in [fixed(), open()] {
                for currency in Currency::ALL {
                    let _ =
                        validate_form(&context(method, &amount_rule, currency, &banks()), &values);
                    let _ = schema(
                        &context(method, &amount_rule, currency, &[]),
                        &values,
                        &Prefill::default(),
                    );
                }
            }
        }
    }
}

#[test]
fn a_typed_amount_shows_its_total_only_once_it_is_valid() {
    use crate::checkout::fields::typed_breakdown;
    use crate::checkout::fixtures::{colombian_link, colombian_methods, general_link};
    let link = general_link();
    let typed = |text: &str| typed_breakdown(&link, &form(&[(FieldId::Amount, text)]));
    let shown = typed("50.000").unwrap();
    assert_eq!(
        (shown.amount, shown.fee, shown.iva, shown.total),
        (5_000_000, 100_000, 19_000, 5_119_000)
    );
    assert_eq!(typed("1.000").map(|b| b.amount), Some(100_000));
    assert_eq!(typed("5.000.000").map(|b| b.amount), Some(500_000_000));
    // Unreadable, under the minimum or over the maximum: no total yet.
    for refused in ["", "cincuenta", "-5", "999", "5.000.001"] {
        assert_eq!(typed(refused), None, "{refused:?}");
    }
    // A fixed link's amounts stand whatever is in the (unused) amount field.
    let fixed_link = colombian_link(colombian_methods());
    let AmountRule::Fixed(breakdown) = fixed_link.amount else {
        panic!("not a fixed link");
    };
    assert_eq!(
        typed_breakdown(&fixed_link, &form(&[(FieldId::Amount, "abc")])),
        Some(breakdown)
    );
}
