use super::*;
use crate::checkout::fields::test_forms::*;
use crate::checkout::fields::{validate_form, FormValues, Prefill};
use crate::checkout::link::Method;
use crate::checkout::money::Currency;
use crate::checkout::payment::PersonType;
use crate::checkout::validate::DocumentType;

#[test]
fn field_names_are_the_html_names() {
    let names: Vec<&str> = FieldId::ALL.iter().map(|id| id.name()).collect();
    assert_eq!(
        names,
        [
            "amount",
            "person_type",
            "document_type",
            "document",
            "bank",
            "email",
            "phone",
            "payer_cpf"
        ]
    );
    for (index, id) in FieldId::ALL.into_iter().enumerate() {
        assert_eq!(id.index(), index);
    }
}

#[test]
fn prefill_fills_the_form_validation_reads() {
    let mut values = FormValues::default();
    values.apply_prefill(&Prefill {
        email: Some("ana@example.com".into()),
        phone: Some("3001234567".into()),
        document_type: Some(DocumentType::NIT),
        document: Some("900.123.456-8".into()),
        read_only: true,
    });
    assert_eq!(values.get(FieldId::PersonType), "J");
    assert_eq!(values.get(FieldId::DocumentType), "NIT");
    assert_eq!(values.get(FieldId::Document), "900.123.456-8");
    values.set(FieldId::Bank, "1007");
    let details = validate_form(
        &context(Method::Pse, &fixed(), Currency::COP, &banks()),
        &values,
    )
    .unwrap();
    assert_eq!(details.person_type, Some(PersonType::Juridical));
    assert_eq!(details.document.as_deref(), Some("9001234568"));

    let mut untouched = form(&[(FieldId::Email, "typed@example.com")]);
    untouched.apply_prefill(&Prefill::default());
    assert_eq!(untouched.get(FieldId::Email), "typed@example.com");
    assert_eq!(untouched.get(FieldId::PersonType), "");
}

#[test]
fn juridical_persons_get_a_nit() {
    let mut values = form(&[(FieldId::PersonType, "N"), (FieldId::DocumentType, "CE")]);
    values.set(FieldId::PersonType, "J");
    assert_eq!(values.get(FieldId::DocumentType), "NIT");
    // Back to natural: NIT is not offered, so the first natural type.
    values.set(FieldId::PersonType, "N");
    assert_eq!(values.get(FieldId::DocumentType), "CC");
}

#[test]
fn an_allowed_document_type_survives_a_person_type_change() {
    let mut values = form(&[(FieldId::DocumentType, "PP")]);
    values.set(FieldId::PersonType, "N");
    assert_eq!(values.get(FieldId::DocumentType), "PP");
    let mut values = form(&[(FieldId::DocumentType, "NIT")]);
    values.set(FieldId::PersonType, "J");
    assert_eq!(values.get(FieldId::DocumentType), "NIT");
}

#[test]
fn choosing_a_person_type_chooses_a_document_type_when_none_was() {
    let mut values = FormValues::default();
    values.set(FieldId::PersonType, "J");
    assert_eq!(values.get(FieldId::DocumentType), "NIT");
    let mut values = FormValues::default();
    values.set(FieldId::PersonType, "N");
    assert_eq!(values.get(FieldId::DocumentType), "CC");
}

#[test]
fn only_person_type_changes_touch_the_document_type() {
    let mut values = form(&[(FieldId::PersonType, "J"), (FieldId::DocumentType, "CC")]);
    // Setting the same person type again is no change.
    values.set(FieldId::PersonType, "J");
    assert_eq!(values.get(FieldId::DocumentType), "CC");
    // Clearing it, or a value that is no person type, keeps the choice.
    values.set(FieldId::PersonType, "");
    values.set(FieldId::PersonType, "X");
    assert_eq!(values.get(FieldId::DocumentType), "CC");
    values.set(FieldId::Email, "a@b.co");
    assert_eq!(values.get(FieldId::DocumentType), "CC");
}

#[test]
fn nothing_typed_is_lost_across_methods() {
    let mut values = valid_pse_form();
    values.set(FieldId::Amount, "50.000");
    let before = values.clone();
    for method in [Method::Nequi, Method::Bancolombia, Method::Pse] {
        let _ = validate_form(&context(method, &open(), Currency::COP, &banks()), &values);
        let _ = plain_schema(method, &open(), &values);
    }
    assert_eq!(values, before);
    assert_eq!(values.get(FieldId::Bank), "1007");
}

#[test]
fn brazilian_documents_survive_a_person_type_change() {
    // Pix asks who pays too: a CPF is a natural person's, a CNPJ a business's.
    let mut values = form(&[(FieldId::DocumentType, "CPF")]);
    values.set(FieldId::PersonType, "N");
    assert_eq!(values.get(FieldId::DocumentType), "CPF");
    let mut values = form(&[(FieldId::DocumentType, "CNPJ")]);
    values.set(FieldId::PersonType, "J");
    assert_eq!(values.get(FieldId::DocumentType), "CNPJ");
}
