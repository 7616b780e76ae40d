use super::*;
use crate::checkout::fields::test_forms::*;
use crate::checkout::fields::{schema, Control, FormValues, Prefill};
use crate::checkout::link::Method;
use crate::checkout::money::Currency;
use crate::checkout::validate::DocumentType;

#[test]
fn pse_schema_in_display_order() {
    let specs = plain_schema(Method::Pse, &fixed(), &FormValues::default());
    assert_eq!(
        ids(&specs),
        [
            FieldId::PersonType,
            FieldId::DocumentType,
            FieldId::Document,
            FieldId::Bank,
            FieldId::Email,
            FieldId::Phone
        ]
    );
    assert_eq!(options(&specs, FieldId::PersonType), ["N", "J"]);
    assert_eq!(
        options(&specs, FieldId::DocumentType),
        ["CC", "CE", "TI", "PP"]
    );
    assert_eq!(spec(&specs, FieldId::Bank).control, Control::BankList);
    assert!(specs.iter().all(|spec| spec.required));
    assert!(specs.iter().all(|spec| spec.prefill.is_none()));
}

#[test]
fn pse_document_types_follow_the_person_type() {
    let juridical = form(&[(FieldId::PersonType, "J")]);
    let specs = plain_schema(Method::Pse, &fixed(), &juridical);
    assert_eq!(options(&specs, FieldId::DocumentType), ["NIT"]);
    let natural = form(&[(FieldId::PersonType, "N")]);
    let specs = plain_schema(Method::Pse, &fixed(), &natural);
    assert_eq!(
        options(&specs, FieldId::DocumentType),
        ["CC", "CE", "TI", "PP"]
    );
}

#[test]
fn bancolombia_schema_in_display_order() {
    let specs = plain_schema(Method::Bancolombia, &fixed(), &FormValues::default());
    assert_eq!(
        ids(&specs),
        [
            FieldId::Email,
            FieldId::Phone,
            FieldId::DocumentType,
            FieldId::Document
        ]
    );
    assert_eq!(options(&specs, FieldId::DocumentType), ["CC", "CE", "NIT"]);
    // Natural persons only: a juridical person type typed for PSE changes nothing.
    let specs = plain_schema(
        Method::Bancolombia,
        &fixed(),
        &form(&[(FieldId::PersonType, "J")]),
    );
    assert_eq!(options(&specs, FieldId::DocumentType), ["CC", "CE", "NIT"]);
}

#[test]
fn nequi_schema_in_display_order() {
    let specs = plain_schema(Method::Nequi, &fixed(), &FormValues::default());
    assert_eq!(
        ids(&specs),
        [FieldId::Phone, FieldId::DocumentType, FieldId::Document]
    );
    assert_eq!(options(&specs, FieldId::DocumentType), ["CC", "CE", "NIT"]);
}

#[test]
fn the_amount_comes_first_only_when_the_payer_chooses_it() {
    for method in [Method::Pse, Method::Bancolombia, Method::Nequi] {
        let specs = plain_schema(method, &open(), &FormValues::default());
        assert_eq!(specs[0].id, FieldId::Amount, "{method:?}");
        let fixed_specs = plain_schema(method, &fixed(), &FormValues::default());
        assert!(!ids(&fixed_specs).contains(&FieldId::Amount), "{method:?}");
        assert_eq!(specs.len(), fixed_specs.len() + 1);
    }
}

#[test]
fn contact_fields_get_the_right_keyboard_and_autofill() {
    let specs = plain_schema(Method::Pse, &fixed(), &FormValues::default());
    assert_eq!(
        text_attributes(&specs, FieldId::Email),
        ("email", "email", "email")
    );
    assert_eq!(
        text_attributes(&specs, FieldId::Phone),
        ("tel", "tel", "tel-national")
    );
    let Control::Text { max_length, .. } = spec(&specs, FieldId::Email).control else {
        panic!("email is text")
    };
    assert_eq!(max_length, 254);
    let Control::Text { max_length, .. } = spec(&specs, FieldId::Phone).control else {
        panic!("phone is text")
    };
    assert_eq!(max_length, 64);
}

#[test]
fn document_keyboard_follows_the_document_type() {
    for (kind, inputmode) in [
        ("CC", "numeric"),
        ("TI", "numeric"),
        ("NIT", "numeric"),
        ("CE", "text"),
        ("PP", "text"),
        ("", "text"),
    ] {
        let specs = plain_schema(
            Method::Bancolombia,
            &fixed(),
            &form(&[(FieldId::DocumentType, kind)]),
        );
        assert_eq!(
            text_attributes(&specs, FieldId::Document),
            ("text", inputmode, "off"),
            "{kind:?}"
        );
    }
}

#[test]
fn amount_keyboard_follows_the_currency() {
    for (currency, inputmode) in [
        (Currency::COP, "numeric"),
        (Currency::BRL, "decimal"),
        (Currency::USD, "decimal"),
    ] {
        let specs = schema(
            &context(Method::Nequi, &open(), currency, &[]),
            &FormValues::default(),
            &Prefill::default(),
        );
        assert_eq!(
            text_attributes(&specs, FieldId::Amount),
            ("text", inputmode, "transaction-amount"),
            "{currency:?}"
        );
    }
}

fn known(prefill: &Prefill) -> FormValues {
    let mut form = FormValues::default();
    form.apply_prefill(prefill);
    form
}

fn ana(read_only: bool) -> Prefill {
    Prefill {
        email: Some("ana@example.com".into()),
        phone: Some("3001234567".into()),
        document_type: Some(DocumentType::CC),
        document: Some("1234567890".into()),
        read_only,
    }
}

#[test]
fn a_known_customer_is_asked_only_what_the_provider_cannot_answer() {
    let prefill = ana(true);
    let amount = fixed();
    let pse = context(Method::Pse, &amount, Currency::COP, &[]);
    let specs = schema(&pse, &known(&prefill), &prefill);
    assert_eq!(ids(&specs), [FieldId::Bank]);
    assert_eq!(spec(&specs, FieldId::Bank).prefill, None);

    // What the provider does not hold is asked, in display order.
    let no_phone = Prefill {
        phone: None,
        ..prefill.clone()
    };
    let specs = schema(&pse, &known(&no_phone), &no_phone);
    assert_eq!(ids(&specs), [FieldId::Bank, FieldId::Phone]);
    assert_eq!(spec(&specs, FieldId::Phone).prefill, None);
}

#[test]
fn a_known_business_is_asked_for_the_bank_and_the_payers_cpf() {
    let prefill = Prefill {
        document_type: Some(DocumentType::CNPJ),
        document: Some("11.222.333/0001-81".into()),
        read_only: true,
        ..Prefill::default()
    };
    let specs = schema(
        &context(Method::Pix, &fixed(), Currency::BRL, &[]),
        &known(&prefill),
        &prefill,
    );
    assert_eq!(ids(&specs), [FieldId::PayerCpf, FieldId::Bank]);
}

#[test]
fn a_known_value_that_fails_its_check_is_asked_again_filled_in() {
    let prefill = Prefill {
        email: Some("not-an-email".into()),
        ..ana(true)
    };
    let amount = fixed();
    let pse = context(Method::Pse, &amount, Currency::COP, &[]);
    let specs = schema(&pse, &known(&prefill), &prefill);
    assert_eq!(ids(&specs), [FieldId::Bank, FieldId::Email]);
    assert_eq!(
        spec(&specs, FieldId::Email).prefill.as_deref(),
        Some("not-an-email")
    );
    // Corrected, it stays on screen while the payer types.
    let mut corrected = known(&prefill);
    corrected.set(FieldId::Email, "ana@example.com");
    let specs = schema(&pse, &corrected, &prefill);
    assert_eq!(ids(&specs), [FieldId::Bank, FieldId::Email]);
}

#[test]
fn an_editable_prefill_shows_every_field_filled_in() {
    let prefill = ana(false);
    let specs = schema(
        &context(Method::Pse, &fixed(), Currency::COP, &[]),
        &known(&prefill),
        &prefill,
    );
    let prefilled = |id| spec(&specs, id).prefill.as_deref();
    assert_eq!(specs.len(), 6);
    assert_eq!(prefilled(FieldId::PersonType), Some("N"));
    assert_eq!(prefilled(FieldId::DocumentType), Some("CC"));
    assert_eq!(prefilled(FieldId::Document), Some("1234567890"));
    assert_eq!(prefilled(FieldId::Email), Some("ana@example.com"));
    assert_eq!(prefilled(FieldId::Phone), Some("3001234567"));
    assert_eq!(prefilled(FieldId::Bank), None);
}
