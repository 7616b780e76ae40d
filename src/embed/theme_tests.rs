use super::*;

#[test]
fn reads_hex_colours() {
    assert_eq!(parse_hex_color("#0b57d0"), Some((0x0b, 0x57, 0xd0)));
    assert_eq!(parse_hex_color("#fff"), Some((255, 255, 255)));
    for bad in ["0b57d0", "#12345", "#ggg", "red", "#1234567", ""] {
        assert_eq!(parse_hex_color(bad), None, "{bad}");
    }
}

#[test]
fn contrast_matches_the_wcag_reference_values() {
    assert!((contrast_ratio((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 0.01);
    assert!((contrast_ratio((0x77, 0x77, 0x77), (255, 255, 255)) - 4.48).abs() < 0.01);
}

#[test]
fn text_on_the_brand_colour_always_meets_aa() {
    for brand in [
        "#0b57d0", "#ffd700", "#e30613", "#00a650", "#000", "#fff", "#7a7a7a",
    ] {
        let [(_, primary), (_, on)] = brand_tokens(brand).expect(brand);
        let ratio = contrast_ratio(
            parse_hex_color(&primary).unwrap(),
            parse_hex_color(&on).unwrap(),
        );
        assert!(ratio >= AA_CONTRAST, "{brand}: {ratio}");
    }
    // A mid grey is darkened until white text on it reads.
    assert_ne!(brand_tokens("#7a7a7a").unwrap()[0].1, "#7a7a7a");
    // Yellow gets dark text, deep blue gets white.
    assert_eq!(brand_tokens("#ffd700").unwrap()[1].1, "#1b1f24");
    assert_eq!(brand_tokens("#0b57d0").unwrap()[1].1, "#ffffff");
}

/// The `--paylink-*` declarations of a stylesheet's first `:root` block.
fn declared(css: &str) -> BTreeMap<String, String> {
    let root = css
        .split_once(":root {")
        .unwrap()
        .1
        .split_once('}')
        .unwrap()
        .0;
    root.split(';')
        .filter_map(|declaration| declaration.trim().split_once(':'))
        .filter(|(name, _)| name.starts_with("--paylink-"))
        .map(|(name, value)| (name.to_owned(), value.trim().to_owned()))
        .collect()
}

#[test]
fn the_table_declares_every_token_of_the_stylesheet_but_the_shadow() {
    let light = declared(include_str!("../../style/main.css"));
    let mut names: Vec<&str> = light.keys().map(String::as_str).collect();
    names.retain(|name| *name != "--paylink-shadow");
    let mut table: Vec<&str> = TOKENS.iter().map(|(name, _)| *name).collect();
    names.sort_unstable();
    table.sort_unstable();
    assert_eq!(names, table);
    assert_eq!(kind_of("--paylink-shadow"), None);
}

#[test]
fn the_stylesheet_defaults_are_tokens_of_their_kind() {
    for (name, value) in declared(include_str!("../../style/main.css")) {
        if name != "--paylink-shadow" {
            assert!(is_safe_token(&name, &value), "{name}: {value}");
        }
    }
}

#[test]
fn contrast_is_checked_against_the_stylesheets_own_defaults() {
    let light = declared(include_str!("../../style/main.css"));
    let dark = declared(include_str!("../../style/dark.css"));
    for ((name, _), (light_default, dark_default)) in TOKENS.iter().zip(DEFAULT_COLORS) {
        assert_eq!(
            light[*name],
            format!("#{light_default:06x}"),
            "{name} in main.css"
        );
        assert_eq!(
            dark[*name],
            format!("#{dark_default:06x}"),
            "{name} in dark.css"
        );
    }
}

#[test]
fn colours_are_hex_only() {
    for good in ["#fff", "#FFF", "#0b57d0", "#0B57D0"] {
        assert!(is_safe_token("--paylink-color-border", good), "{good}");
    }
    for bad in [
        "red",
        "fff",
        "#ffff",
        "#fffffff",
        " #fff",
        "#fff ",
        "rgb(0 0 0)",
        "var(--paylink-color-bg)",
        "transparent",
        "currentColor",
        "#fff; color: red",
        "",
    ] {
        assert!(!is_safe_token("--paylink-color-border", bad), "{bad:?}");
    }
}

#[test]
fn lengths_are_px_or_rem_within_each_tokens_bounds() {
    for (name, good) in [
        ("--paylink-space", "8px"),
        ("--paylink-space", "0.5rem"),
        ("--paylink-space", "1rem"),
        ("--paylink-space", "32px"),
        ("--paylink-space", "2rem"),
        ("--paylink-radius", "0px"),
        ("--paylink-radius", "4px"),
        ("--paylink-radius", "1.5rem"),
        ("--paylink-radius-control", "22px"),
        ("--paylink-font-size", "0.875rem"),
        ("--paylink-font-size", "18px"),
        ("--paylink-font-size", "1.25rem"),
        ("--paylink-max-width", "20rem"),
        ("--paylink-max-width", "640px"),
    ] {
        assert!(is_safe_token(name, good), "{name}: {good}");
    }
    for (name, bad) in [
        // Out of bounds.
        ("--paylink-space", "7.999px"),
        ("--paylink-space", "0.49rem"),
        ("--paylink-space", "33px"),
        ("--paylink-space", "100rem"),
        ("--paylink-radius", "25px"),
        ("--paylink-radius-control", "23px"),
        ("--paylink-font-size", "13px"),
        ("--paylink-font-size", "0.5rem"),
        ("--paylink-font-size", "21px"),
        ("--paylink-max-width", "319px"),
        ("--paylink-max-width", "41rem"),
        // Relative to something a token cannot see, or computed.
        ("--paylink-space", "calc(100vh + 1px)"),
        ("--paylink-space", "calc(1rem)"),
        ("--paylink-space", "100vh"),
        ("--paylink-space", "2vw"),
        ("--paylink-space", "50%"),
        ("--paylink-space", "1em"),
        ("--paylink-space", "max(1rem, 100vh)"),
        ("--paylink-space", "var(--paylink-max-width)"),
        // Not a plain number with its unit.
        ("--paylink-space", "16"),
        ("--paylink-space", "-16px"),
        ("--paylink-space", "+16px"),
        ("--paylink-space", ".5rem"),
        ("--paylink-space", "1.px"),
        ("--paylink-space", "1e1px"),
        ("--paylink-space", "16 px"),
        ("--paylink-space", " 16px"),
        ("--paylink-space", "16PX"),
        ("--paylink-space", "0.0001rem"),
        ("--paylink-space", "1000px"),
        ("--paylink-space", "px"),
        ("--paylink-space", ""),
    ] {
        assert!(!is_safe_token(name, bad), "{name}: {bad:?}");
    }
}

#[test]
fn font_stacks_are_family_names_only() {
    for good in [
        "Georgia, serif",
        "Inter",
        "system-ui, -apple-system, \"Segoe UI\", Roboto, sans-serif",
        "'Open Sans',sans-serif",
        "\"Source Sans 3\", sans-serif",
    ] {
        assert!(is_safe_token("--paylink-font-family", good), "{good}");
    }
    for bad in [
        "",
        "Georgia,",
        ", serif",
        "Georgia;color:red",
        "\"Segoe UI', serif",
        "\"Segoe \\\"UI\", serif",
        "url(https://evil.example/font.woff2)",
        "var(--x)",
        "Georgia, serif}</style>",
        "\"\", serif",
        "Fira\nCode",
        "Noto Sans JP, 游ゴシック",
        &"a".repeat(201),
    ] {
        assert!(!is_safe_token("--paylink-font-family", bad), "{bad:?}");
    }
}

#[test]
fn names_outside_the_table_are_refused_whatever_their_value() {
    for (name, value) in [
        ("--paylink-shadow", "none"),
        ("--paylink-color-accent", "#123456"),
        ("--paylink-x", "4px"),
        ("--PAYLINK-color-text", "#000"),
        ("--paylink-color-text ", "#000"),
        ("--other-color", "#000"),
        ("color", "#000"),
        ("", "#000"),
    ] {
        assert!(!is_safe_token(name, value), "{name:?}: {value}");
    }
}

fn theme(tokens: &[(&str, &str)]) -> BTreeMap<String, String> {
    tokens
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

fn none_in_effect(_: &str) -> Option<String> {
    None
}

/// What the page sets of a message.
fn applied(
    tokens: &BTreeMap<String, String>,
    in_effect: impl Fn(&str) -> Option<String>,
) -> Vec<(&str, &str)> {
    accepted_theme(tokens, &in_effect)
        .map(|(name, value)| (name.as_str(), value.as_str()))
        .collect()
}

#[test]
fn white_text_on_the_default_white_card_is_refused_as_a_whole() {
    let tokens = theme(&[
        ("--paylink-color-text", "#ffffff"),
        ("--paylink-color-muted", "#ffffff"),
        ("--paylink-radius", "4px"),
    ]);
    assert_eq!(applied(&tokens, none_in_effect), vec![]);
}

/// A cream page with dark text: every colour text is painted in or on.
const CREAM: [(&str, &str); 6] = [
    ("--paylink-color-bg", "#fdf6e3"),
    ("--paylink-color-surface", "#ffffff"),
    ("--paylink-color-text", "#222222"),
    ("--paylink-color-muted", "#57606a"),
    ("--paylink-color-danger", "#b3261e"),
    ("--paylink-color-success", "#146c2e"),
];

#[test]
fn a_readable_theme_applies_and_invalid_tokens_in_it_are_dropped() {
    let mut tokens = theme(&CREAM);
    tokens.extend(theme(&[
        ("--paylink-font-family", "Georgia, serif"),
        ("--paylink-space", "calc(100vh + 1px)"),
        ("--paylink-shadow", "none"),
    ]));
    let mut expected = CREAM.to_vec();
    expected.push(("--paylink-font-family", "Georgia, serif"));
    expected.sort_unstable();
    assert_eq!(applied(&tokens, none_in_effect), expected);
}

#[test]
fn a_dropped_value_does_not_count_as_the_surface_under_the_text() {
    // A dark card that will not be set (not of its kind) cannot vouch for
    // white text: the card stays white.
    let mut tokens = theme(&[
        ("--paylink-color-text", "#ffffff"),
        ("--paylink-color-muted", "#ffffff"),
        ("--paylink-color-danger", "#ffffff"),
        ("--paylink-color-success", "#ffffff"),
    ]);
    for (name, value) in [
        ("--paylink-color-bg", "#000"),
        ("--paylink-color-surface", "#000"),
    ] {
        tokens.insert(name.to_owned(), value.to_owned());
    }
    assert_eq!(applied(&tokens, none_in_effect).len(), 6);
    tokens.insert("--paylink-color-surface".to_owned(), " #000".to_owned());
    assert_eq!(applied(&tokens, none_in_effect), vec![]);
}

#[test]
fn surfaces_need_every_text_colour_painted_on_them() {
    // The dark scheme's light grey muted text would sit on this white card.
    let surfaces_and_text = theme(&CREAM[..3]);
    assert_eq!(applied(&surfaces_and_text, none_in_effect), vec![]);
}

#[test]
fn a_text_colour_must_read_on_the_defaults_of_both_schemes() {
    // Dark text reads on the light card, not on the dark one: tokens
    // apply in both schemes, so it needs surfaces of its own.
    let dark_text = theme(&[("--paylink-color-text", "#222222")]);
    assert_eq!(applied(&dark_text, none_in_effect), vec![]);
    // Light text, the other way round.
    let light_text = theme(&[("--paylink-color-text", "#eeeeee")]);
    assert_eq!(applied(&light_text, none_in_effect), vec![]);
}

#[test]
fn each_text_colour_is_held_to_aa_on_the_card_and_the_page() {
    let light_page = [
        ("--paylink-color-bg", "#ffffff"),
        ("--paylink-color-surface", "#ffffff"),
        ("--paylink-color-text", "#1b1f24"),
        ("--paylink-color-muted", "#57606a"),
        ("--paylink-color-danger", "#b3261e"),
        ("--paylink-color-success", "#146c2e"),
    ];
    assert_eq!(applied(&theme(&light_page), none_in_effect).len(), 6);
    // #777 on white is 4.48:1, just under AA; #767676 is 4.54:1.
    for name in [
        "--paylink-color-text",
        "--paylink-color-muted",
        "--paylink-color-danger",
        "--paylink-color-success",
    ] {
        let mut tokens = theme(&light_page);
        tokens.insert(name.to_owned(), "#777777".to_owned());
        assert_eq!(applied(&tokens, none_in_effect), vec![], "{name}");
        tokens.insert(name.to_owned(), "#767676".to_owned());
        assert_eq!(applied(&tokens, none_in_effect).len(), 6, "{name}");
    }
    for surface in ["--paylink-color-bg", "--paylink-color-surface"] {
        let mut tokens = theme(&light_page);
        tokens.insert(surface.to_owned(), "#8a8a8a".to_owned());
        assert_eq!(applied(&tokens, none_in_effect), vec![], "{surface}");
    }
}

#[test]
fn text_on_the_primary_colour_is_held_to_aa() {
    // The merchant demo's theme: 4.9:1.
    let red = theme(&[
        ("--paylink-color-primary", "#e30613"),
        ("--paylink-color-on-primary", "#ffffff"),
    ]);
    assert_eq!(applied(&red, none_in_effect).len(), 2);
    let yellow = theme(&[
        ("--paylink-color-primary", "#ffd700"),
        ("--paylink-color-on-primary", "#ffffff"),
    ]);
    assert_eq!(applied(&yellow, none_in_effect), vec![]);
    // Alone, a primary colour must read under both schemes' default text
    // on it, white and near-black: the demo's red does not under the latter.
    let alone = theme(&[("--paylink-color-primary", "#e30613")]);
    assert_eq!(applied(&alone, none_in_effect), vec![]);
}

#[test]
fn every_message_is_checked_with_the_tokens_already_in_effect() {
    // An earlier message set a light page.
    let earlier = theme(&CREAM);
    let in_effect = |name: &str| earlier.get(name).cloned();
    // Then one that turns the card dark under that text is refused...
    let dark_card = theme(&[("--paylink-color-surface", "#111111")]);
    assert_eq!(applied(&dark_card, in_effect), vec![]);
    // ...and one that changes nothing readable applies.
    let radius = theme(&[("--paylink-radius", "3px")]);
    assert_eq!(
        applied(&radius, in_effect),
        vec![("--paylink-radius", "3px")]
    );
    // The link's brand colour is in effect too: its text colour cannot be
    // swapped for one that does not read on it.
    let brand = brand_tokens("#ffd700").unwrap();
    let in_effect = |name: &str| {
        brand
            .iter()
            .find(|(set, _)| *set == name)
            .map(|(_, value)| value.clone())
    };
    let white_on_yellow = theme(&[("--paylink-color-on-primary", "#ffffff")]);
    assert_eq!(applied(&white_on_yellow, in_effect), vec![]);
}

#[test]
fn tokens_that_are_not_colours_need_no_contrast() {
    let tokens = theme(&[
        ("--paylink-radius", "4px"),
        ("--paylink-space", "1.5rem"),
        ("--paylink-font-size", "1.125rem"),
        ("--paylink-color-border", "#ffffff"),
        ("--paylink-color-skeleton", "#ffffff"),
    ]);
    assert_eq!(applied(&tokens, none_in_effect).len(), 5);
}
