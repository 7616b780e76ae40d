use super::*;
use crate::checkout::fields::test_forms::*;

#[test]
fn banks_are_sorted_without_the_placeholder() {
    let sorted = sort_banks(vec![
        bank(0, "A continuación seleccione su banco"),
        bank(1507, "Nequi"),
        bank(1001, "BANCO DE BOGOTÁ"),
        bank(1007, "Bancolombia"),
        bank(1040, "Banco Agrario"),
    ]);
    let names: Vec<&str> = sorted.iter().map(|bank| bank.name.as_str()).collect();
    assert_eq!(
        names,
        ["Banco Agrario", "BANCO DE BOGOTÁ", "Bancolombia", "Nequi"]
    );
}

#[test]
fn bank_sorting_ignores_case_and_accents() {
    let sorted = sort_banks(vec![
        bank(3, "banco falabella"),
        bank(2, "Banco Éxito"),
        bank(1, "BANCO DAVIVIENDA"),
        bank(5, "Banco Ñ"),
        bank(4, "Banco Múltiple"),
        bank(6, "Banco Ünico"),
    ]);
    let ids: Vec<u32> = sorted.iter().map(|bank| bank.id.parse().unwrap()).collect();
    // Davivienda, Éxito, Falabella, Múltiple, Ñ, Ünico.
    assert_eq!(ids, [1, 2, 3, 4, 5, 6]);
}

#[test]
fn banks_with_the_same_name_keep_a_stable_order() {
    let sorted = sort_banks(vec![bank(9, "Banco"), bank(8, "BANCO"), bank(0, "Banco")]);
    let ids: Vec<u32> = sorted.iter().map(|bank| bank.id.parse().unwrap()).collect();
    assert_eq!(ids, [8, 9]);
    assert_eq!(sort_banks(vec![bank(0, "A continuación")]), vec![]);
}

#[test]
fn a_search_matches_names_regardless_of_case_and_accents() {
    let banks = sort_banks(vec![
        bank(1, "Banco de Bogotá"),
        bank(2, "BANCO CAJA SOCIAL"),
        bank(3, "Itaú"),
        bank(4, "Nu Pagamentos"),
    ]);
    let names = |search: &str| -> Vec<String> {
        matching_banks(&banks, search)
            .into_iter()
            .map(|bank| bank.name.clone())
            .collect()
    };
    assert_eq!(names("bogota"), ["Banco de Bogotá"]);
    assert_eq!(names("ITAU"), ["Itaú"]);
    assert_eq!(names("  caja "), ["BANCO CAJA SOCIAL"]);
    assert_eq!(names("banco").len(), 2);
    assert!(names("zzz").is_empty());
}

#[test]
fn an_empty_search_shows_every_bank() {
    let banks = sort_banks(vec![bank(1, "B"), bank(2, "A")]);
    assert_eq!(matching_banks(&banks, "").len(), 2);
    assert_eq!(matching_banks(&banks, "   ").len(), 2);
}
