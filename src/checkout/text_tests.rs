use super::*;

#[test]
fn bidi_controls_and_zero_width_characters_are_removed() {
    // U+202E would show "Tienda Aurora" reversed and drag the text after it along.
    assert_eq!(
        clean_text("\u{202E}Tienda\u{200B} Au\u{200D}rora\u{202C}", 100),
        "Tienda Aurora"
    );
    for hidden in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}',
        '\u{2068}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{200B}', '\u{200C}',
        '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{0000}', '\u{001B}', '\u{007F}', '\u{009B}',
    ] {
        assert_eq!(clean_text(&format!("a{hidden}b"), 100), "ab", "{hidden:?}");
    }
}

#[test]
fn whitespace_runs_become_one_space_and_ends_are_trimmed() {
    assert_eq!(
        clean_text(
            "  Tienda \t\n  Aurora\u{00A0}\u{3000}\u{0085}S.A.S \r\n",
            100
        ),
        "Tienda Aurora S.A.S"
    );
    assert_eq!(clean_text("Tienda \u{200B} Aurora", 100), "Tienda Aurora");
}

#[test]
fn text_of_only_hidden_characters_and_spaces_becomes_empty() {
    assert_eq!(clean_text(" \u{202E}\u{200B} \u{FEFF}\n", 100), "");
}

#[test]
fn other_scripts_and_emoji_are_kept() {
    assert_eq!(clean_text("متجر 🛒 Café", 100), "متجر 🛒 Café");
    // An emoji sequence keeps its variation selector and skin tone.
    assert_eq!(clean_text("👍🏽 ❤️", 100), "👍🏽 ❤️");
}

#[test]
fn a_text_at_the_cap_is_kept_and_a_longer_one_ends_in_an_ellipsis() {
    let at_cap = "a".repeat(100);
    assert_eq!(clean_text(&at_cap, 100), at_cap);
    let cut = clean_text(&"é".repeat(100_000), 100);
    assert_eq!(cut.chars().count(), 100);
    assert_eq!(cut, format!("{}…", "é".repeat(99)));
}

#[test]
fn the_cut_never_leaves_a_space_before_the_ellipsis() {
    let text = format!("{} bcd", "a".repeat(99));
    assert_eq!(clean_text(&text, 100), format!("{}…", "a".repeat(99)));
    let text = format!("{} b", "a".repeat(98));
    assert_eq!(clean_text(&text, 100), text);
    let text = format!("{} bc", "a".repeat(98));
    assert_eq!(clean_text(&text, 100), format!("{}…", "a".repeat(98)));
}

#[test]
fn hidden_characters_do_not_count_towards_the_cap() {
    let text = "a\u{200B}".repeat(100);
    assert_eq!(clean_text(&text, 100), "a".repeat(100));
}
