use super::*;
use crate::checkout::fields::sort_banks;
use crate::checkout::fields::test_forms::bank;

/// BANCO CAJA SOCIAL (1), Banco de Bogotá (2), Bancolombia (3), Itaú (4), Nequi (5).
fn banks() -> Vec<Bank> {
    sort_banks(vec![
        bank(3, "Bancolombia"),
        bank(2, "Banco de Bogotá"),
        bank(1, "BANCO CAJA SOCIAL"),
        bank(5, "Nequi"),
        bank(4, "Itaú"),
    ])
}

fn ids(options: Vec<&Bank>) -> Vec<&str> {
    options.into_iter().map(|bank| bank.id.as_str()).collect()
}

/// Presses `keys` in order on a box whose form holds `chosen`, returning
/// the last outcome and the active option after each key.
fn press(
    combo: &mut BankCombobox,
    chosen: &str,
    keys: &[ComboKey],
) -> (KeyOutcome, Vec<Option<String>>) {
    let banks = banks();
    let mut actives = Vec::new();
    let mut last = KeyOutcome::default();
    for &key in keys {
        last = combo.key(key, &banks, chosen);
        actives.push(combo.active.clone());
    }
    (last, actives)
}

fn some(id: &str) -> Option<String> {
    Some(id.to_owned())
}

#[test]
fn an_untouched_box_is_closed_empty_and_offers_every_bank() {
    let combo = BankCombobox::default();
    assert!(!combo.open);
    assert_eq!(combo.active, None);
    assert_eq!(combo.text(&banks(), ""), "");
    assert_eq!(ids(combo.options(&banks())), ["1", "2", "3", "4", "5"]);
    assert_eq!(combo.announced_count(&banks()), None);
}

#[test]
fn typing_filters_opens_and_announces_the_count() {
    let banks = banks();
    let mut combo = BankCombobox::default();
    assert_eq!(combo.type_text("banco", &banks), "");
    assert!(combo.open);
    assert_eq!(combo.text(&banks, ""), "banco");
    assert_eq!(ids(combo.options(&banks)), ["1", "2", "3"]);
    assert_eq!(combo.announced_count(&banks), Some(3));
    combo.type_text("ITAU", &banks);
    assert_eq!(ids(combo.options(&banks)), ["4"]);
    combo.type_text("xyz", &banks);
    assert_eq!(combo.announced_count(&banks), Some(0));
}

#[test]
fn a_bank_typed_by_its_whole_name_is_chosen_and_anything_else_chooses_none() {
    let banks = banks();
    let mut combo = BankCombobox::default();
    assert_eq!(combo.type_text("  bancolombia ", &banks), "3");
    assert_eq!(combo.type_text("banco de bogota", &banks), "2");
    assert_eq!(combo.type_text("banco de", &banks), "");
    assert_eq!(combo.type_text("", &banks), "");
    // Two banks of one name: the payer must pick which.
    let twins = vec![bank(1, "Banco"), bank(2, "BANCO")];
    assert_eq!(combo.type_text("banco", &twins), "");
}

#[test]
fn typing_clears_the_active_option() {
    let mut combo = BankCombobox::default();
    press(&mut combo, "", &[ComboKey::Down]);
    assert_eq!(combo.active, some("1"));
    combo.type_text("n", &banks());
    assert_eq!(combo.active, None);
}

#[test]
fn arrows_open_the_list_and_move_through_it_wrapping_at_the_ends() {
    let mut combo = BankCombobox::default();
    let (outcome, actives) = press(
        &mut combo,
        "",
        &[ComboKey::Down, ComboKey::Down, ComboKey::Up, ComboKey::Up],
    );
    assert!(outcome.handled);
    assert!(combo.open);
    assert_eq!(actives, [some("1"), some("2"), some("1"), some("5")]);
    let (_, actives) = press(&mut combo, "", &[ComboKey::Down]);
    assert_eq!(actives, [some("1")]);

    let mut combo = BankCombobox::default();
    let (_, actives) = press(&mut combo, "", &[ComboKey::Up]);
    assert_eq!(actives, [some("5")]);
}

#[test]
fn arrows_move_among_the_filtered_options_only() {
    let banks = banks();
    let mut combo = BankCombobox::default();
    combo.type_text("banco", &banks);
    let (_, actives) = press(
        &mut combo,
        "",
        &[
            ComboKey::Down,
            ComboKey::Down,
            ComboKey::Down,
            ComboKey::Down,
        ],
    );
    assert_eq!(actives, [some("1"), some("2"), some("3"), some("1")]);
}

#[test]
fn opening_on_a_chosen_bank_starts_from_it_and_shows_every_bank() {
    let banks = banks();
    let mut combo = BankCombobox::default();
    assert_eq!(combo.pick(&banks[2]), "3");
    assert_eq!(combo.text(&banks, "3"), "Bancolombia");
    assert_eq!(combo.options(&banks).len(), 5);
    let (_, actives) = press(&mut combo, "3", &[ComboKey::Down, ComboKey::Down]);
    assert_eq!(actives, [some("3"), some("4")]);
}

#[test]
fn enter_picks_the_active_option_and_closes_the_list() {
    let mut combo = BankCombobox::default();
    let (outcome, _) = press(
        &mut combo,
        "",
        &[
            ComboKey::Down,
            ComboKey::Down,
            ComboKey::Down,
            ComboKey::Enter,
        ],
    );
    assert_eq!(
        outcome,
        KeyOutcome {
            handled: true,
            picked: some("3")
        }
    );
    assert!(!combo.open);
    assert_eq!(combo.active, None);
    assert_eq!(combo.text(&banks(), "3"), "Bancolombia");
}

#[test]
fn enter_without_an_active_option_is_left_to_the_form() {
    let banks = banks();
    let mut combo = BankCombobox::default();
    // Closed: Enter submits.
    assert_eq!(
        press(&mut combo, "", &[ComboKey::Enter]).0,
        KeyOutcome::default()
    );
    // Open with nothing highlighted: the list closes and Enter still submits.
    combo.type_text("banco", &banks);
    assert_eq!(
        press(&mut combo, "", &[ComboKey::Enter]).0,
        KeyOutcome::default()
    );
    assert!(!combo.open);
}

#[test]
fn escape_and_alt_up_close_the_list_keeping_the_text() {
    let banks = banks();
    for key in [ComboKey::Escape, ComboKey::AltUp] {
        let mut combo = BankCombobox::default();
        combo.type_text("ban", &banks);
        press(&mut combo, "", &[ComboKey::Down]);
        let (outcome, actives) = press(&mut combo, "", &[key]);
        assert!(outcome.handled, "{key:?}");
        assert_eq!(outcome.picked, None);
        assert_eq!(actives, [None]);
        assert!(!combo.open);
        assert_eq!(combo.text(&banks, ""), "ban");
        // Closed, the key is the browser's again.
        assert!(!press(&mut combo, "", &[key]).0.handled, "{key:?}");
    }
}

#[test]
fn alt_down_opens_without_moving() {
    let mut combo = BankCombobox::default();
    let (outcome, actives) = press(&mut combo, "", &[ComboKey::AltDown]);
    assert!(outcome.handled);
    assert!(combo.open);
    assert_eq!(actives, [None]);
}

#[test]
fn arrows_with_no_match_keep_the_list_open_and_nothing_active() {
    let mut combo = BankCombobox::default();
    combo.type_text("xyz", &banks());
    let (outcome, actives) = press(&mut combo, "", &[ComboKey::Down, ComboKey::Up]);
    assert!(outcome.handled);
    assert_eq!(actives, [None, None]);
}

#[test]
fn a_click_toggles_the_list_and_leaving_closes_it() {
    let mut combo = BankCombobox::default();
    combo.toggle();
    assert!(combo.open);
    press(&mut combo, "", &[ComboKey::Down]);
    combo.toggle();
    assert!(!combo.open);
    assert_eq!(combo.active, None);
    combo.type_text("ban", &banks());
    combo.close();
    assert!(!combo.open);
    assert_eq!(combo.text(&banks(), ""), "ban");
}

#[test]
fn keys_are_read_from_the_keyboard_event() {
    assert_eq!(ComboKey::from_key("ArrowDown", false), Some(ComboKey::Down));
    assert_eq!(ComboKey::from_key("ArrowUp", false), Some(ComboKey::Up));
    assert_eq!(
        ComboKey::from_key("ArrowDown", true),
        Some(ComboKey::AltDown)
    );
    assert_eq!(ComboKey::from_key("ArrowUp", true), Some(ComboKey::AltUp));
    assert_eq!(ComboKey::from_key("Enter", false), Some(ComboKey::Enter));
    assert_eq!(ComboKey::from_key("Escape", false), Some(ComboKey::Escape));
    assert_eq!(ComboKey::from_key("a", false), None);
    assert_eq!(ComboKey::from_key("Tab", false), None);
}
