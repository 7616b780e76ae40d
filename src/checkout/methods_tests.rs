use super::*;
use crate::checkout::payment::PersonType;

#[test]
fn every_entry_is_the_entry_of_its_method() {
    for method in ALL {
        assert_eq!(spec(method).method, method);
    }
}

#[test]
fn method_codes_are_unique() {
    let mut codes: Vec<&str> = ALL.iter().map(|&m| spec(m).code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), ALL.len());
}

#[test]
fn only_pse_and_pix_need_the_bank_list() {
    let with_list: Vec<Method> = ALL
        .into_iter()
        .filter(|&m| spec(m).uses_bank_list())
        .collect();
    assert_eq!(with_list, [Method::Pse, Method::Pix]);
}

#[test]
fn every_method_that_asks_a_document_offers_a_type_for_every_person() {
    for method in ALL.into_iter().filter(|&m| {
        [false, true]
            .into_iter()
            .any(|business| spec(m).fields(business).contains(&FieldId::Document))
    }) {
        for person in [None, Some(PersonType::Natural), Some(PersonType::Juridical)] {
            assert!(
                !spec(method).document_types(person).is_empty(),
                "{method:?} {person:?}"
            );
        }
    }
}

#[test]
fn a_method_paid_by_code_asks_nothing_its_payer_bank_app_knows() {
    for method in [Method::BreB, Method::PixQr] {
        let entry = spec(method);
        assert!(matches!(entry.flow, Flow::PayByCode { .. }), "{method:?}");
        assert!(entry.fields(false).is_empty() && entry.fields(true).is_empty());
        assert!(!entry.phone_handoff, "its own QR is the way to a phone");
    }
}

#[test]
fn the_amount_is_never_a_method_field() {
    // A general link asks for it once, above the method choice.
    for method in ALL {
        for business in [false, true] {
            assert!(!spec(method).fields(business).contains(&FieldId::Amount));
        }
    }
}

#[test]
fn a_business_pix_payer_also_gives_the_cpf_of_who_pays() {
    let pix = spec(Method::Pix);
    assert!(pix.fields(true).contains(&FieldId::PayerCpf));
    assert!(!pix.fields(false).contains(&FieldId::PayerCpf));
    assert!(pix.asks_person_type());
    assert!(!spec(Method::Nequi).asks_person_type());
}

#[test]
fn only_app_approvals_have_waiting_texts() {
    for method in ALL {
        let waits_in_app = matches!(spec(method).flow, Flow::AppApproval { .. });
        assert_eq!(waits_in_app, method == Method::Nequi, "{method:?}");
    }
}

#[test]
fn phone_rules_follow_the_method() {
    // A Nequi number starts with 3 like any Colombian mobile; Pix reads Brazil's.
    assert!((spec(Method::Nequi).phone_rule)("300 123 4567").is_ok());
    assert!((spec(Method::Pse).phone_rule)("300 123 4567").is_ok());
    assert!((spec(Method::Pix).phone_rule)("300 123 4567").is_err());
    assert!((spec(Method::Pix).phone_rule)("(11) 98765-4321").is_ok());
}

#[test]
fn a_person_holds_the_documents_of_every_method_that_asks_who_pays() {
    use DocumentType::*;
    assert_eq!(
        documents_for_person(PersonType::Natural),
        [CC, CE, TI, PP, CPF]
    );
    assert_eq!(documents_for_person(PersonType::Juridical), [NIT, CNPJ]);
}

#[test]
fn marks_are_plain_shapes_the_policy_lets_render() {
    // Set as the inside of an inline <svg>: shapes and text only, nothing
    // that runs, styles inline (the CSP refuses it) or loads anything.
    let allowed = ["rect", "path", "circle", "text"];
    for method in ALL {
        let mark = spec(method).mark;
        assert!(!mark.is_empty(), "{method:?}");
        for tag in mark.split('<').skip(1) {
            let name = tag.trim_start_matches('/');
            let name = &name[..name.find([' ', '>', '/']).unwrap_or(name.len())];
            assert!(allowed.contains(&name), "{method:?}: <{name}>");
        }
        for refused in ["href", "style", "url(", "script", "image", "foreign"] {
            assert!(!mark.contains(refused), "{method:?} has {refused}");
        }
        assert!(!mark.contains(" on"), "{method:?} has an event handler");
    }
    // Each looks different from the others.
    let mut marks: Vec<_> = ALL.map(|m| spec(m).mark).to_vec();
    marks.dedup();
    assert_eq!(marks.len(), ALL.len());
}
