use super::*;
use crate::checkout::methods::{spec, ALL};

#[test]
fn every_method_finished_in_an_app_is_offered_once_chosen() {
    for method in ALL {
        // A code is itself the way to pay from a phone: it shows its own QR.
        let by_code = spec(method).flow.pays_by_code();
        assert_eq!(offered(Some(method)), !by_code, "{method:?}");
    }
    assert!(!offered(None), "before a method is chosen");
}

#[test]
fn a_computer_is_a_wide_screen_with_a_precise_pointer_that_hovers() {
    for part in ["(hover: hover)", "(pointer: fine)", "(min-width: 48em)"] {
        assert!(COMPUTER.contains(part), "{part}");
    }
    assert_eq!(COMPUTER.matches(" and ").count(), 2);
}

#[test]
fn the_stylesheet_shows_the_offer_on_a_computer_only() {
    let css =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/style/main.css")).unwrap();
    assert!(
        css.contains(".handoff { display: none;"),
        "hidden by default"
    );
    assert!(
        css.contains(&format!(
            "@media {COMPUTER} {{ .handoff {{ display: block; }} }}"
        )),
        "shown on a computer"
    );
}
