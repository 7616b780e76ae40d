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
    assert!(specs.iter().all(|spec| spec.required && !spec.read_only));
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

#[test]
fn a_known_customer_prefills_and_locks_fields() {
    let prefill = Prefill {
        email: Some("ana@example.com".into()),
        phone: Some("3001234567".into()),
        document_type: Some(DocumentType::CC),
        document: Some("1234567890".into()),
        read_only: true,
    };
    let specs = schema(
        &context(Method::Pse, &fixed(), Currency::COP, &[]),
        &FormValues::default(),
        &prefill,
    );
    let prefilled = |id| {
        let spec = spec(&specs, id);
        (spec.prefill.as_deref(), spec.read_only)
    };
    assert_eq!(prefilled(FieldId::PersonType), (Some("N"), true));
    assert_eq!(prefilled(FieldId::DocumentType), (Some("CC"), true));
    assert_eq!(prefilled(FieldId::Document), (Some("1234567890"), true));
    assert_eq!(prefilled(FieldId::Email), (Some("ana@example.com"), true));
    assert_eq!(prefilled(FieldId::Phone), (Some("3001234567"), true));
    assert_eq!(prefilled(FieldId::Bank), (None, false));

    let editable = Prefill {
        read_only: false,
        ..prefill.clone()
    };
    let specs = schema(
        &context(Method::Nequi, &fixed(), Currency::COP, &[]),
        &FormValues::default(),
        &editable,
    );
    assert!(specs.iter().all(|spec| !spec.read_only));
}
