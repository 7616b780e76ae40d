//! Theme tokens from the link (brand colour) or the merchant (embed.js), with
//! the guards that keep the page readable and safe: every token a merchant
//! may set is declared with its kind, and a theme in which some text would
//! not reach AA contrast on its surface is refused.

use std::collections::BTreeMap;

/// Parses `#rgb` or `#rrggbb`.
pub fn parse_hex_color(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.trim().strip_prefix('#')?;
    if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |s: &str| u8::from_str_radix(s, 16).ok();
    match hex.len() {
        3 => {
            let d: Vec<u8> = hex
                .chars()
                .map(|c| c.to_digit(16).unwrap() as u8 * 17)
                .collect();
            Some((d[0], d[1], d[2]))
        }
        6 => Some((
            channel(&hex[0..2])?,
            channel(&hex[2..4])?,
            channel(&hex[4..6])?,
        )),
        _ => None,
    }
}

/// WCAG 2 relative luminance in 0..=1: colour
/// arithmetic, not money, so floating point is the right tool here.
pub fn relative_luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

pub fn contrast_ratio(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// WCAG AA for normal text.
pub const AA_CONTRAST: f64 = 4.5;

/// The brand colour as the primary colour, with a text colour on it that
/// meets AA: white or near-black, whichever contrasts more. A mid-tone that
/// reaches AA with neither is darkened step by step (same hue) until white
/// text on it does.
pub fn brand_tokens(brand: &str) -> Option<[(&'static str, String); 2]> {
    const WHITE: (u8, u8, u8) = (255, 255, 255);
    const INK: (u8, u8, u8) = (0x1b, 0x1f, 0x24);
    let mut color = parse_hex_color(brand)?;
    let on = loop {
        if contrast_ratio(color, INK) >= AA_CONTRAST
            && contrast_ratio(color, INK) >= contrast_ratio(color, WHITE)
        {
            break "#1b1f24";
        }
        if contrast_ratio(color, WHITE) >= AA_CONTRAST {
            break "#ffffff";
        }
        let darker = |c: u8| (u16::from(c) * 9 / 10) as u8;
        color = (darker(color.0), darker(color.1), darker(color.2));
    };
    let (r, g, b) = color;
    Some([
        ("--paylink-color-primary", format!("#{r:02x}{g:02x}{b:02x}")),
        ("--paylink-color-on-primary", on.to_owned()),
    ])
}

/// What a token's value may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `#rgb` or `#rrggbb`: nothing that depends on other values.
    Color,
    /// A number with `px` or `rem` (16 px), from `min` to `max` CSS pixels.
    Length { min: u16, max: u16 },
    /// Comma-separated family names of ASCII letters, digits, spaces and
    /// hyphens, each optionally in quotes. Only fonts installed on the device.
    FontStack,
}

/// Every token a merchant may set, with its kind. Anything else is refused:
/// `--paylink-shadow`, for one, stays the deployment's. The colours text is
/// painted in and on come first, in the order of `DEFAULT_COLORS`.
pub const TOKENS: [(&str, Kind); 16] = [
    ("--paylink-color-bg", Kind::Color),
    ("--paylink-color-surface", Kind::Color),
    ("--paylink-color-text", Kind::Color),
    ("--paylink-color-muted", Kind::Color),
    ("--paylink-color-primary", Kind::Color),
    ("--paylink-color-on-primary", Kind::Color),
    ("--paylink-color-danger", Kind::Color),
    ("--paylink-color-success", Kind::Color),
    ("--paylink-color-border", Kind::Color),
    ("--paylink-color-skeleton", Kind::Color),
    ("--paylink-font-family", Kind::FontStack),
    ("--paylink-font-size", Kind::Length { min: 14, max: 20 }),
    ("--paylink-radius", Kind::Length { min: 0, max: 24 }),
    ("--paylink-radius-control", Kind::Length { min: 0, max: 22 }),
    ("--paylink-space", Kind::Length { min: 8, max: 32 }),
    ("--paylink-max-width", Kind::Length { min: 320, max: 640 }),
];

pub fn kind_of(name: &str) -> Option<Kind> {
    TOKENS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|&(_, kind)| kind)
}

/// A length in thousandths of a CSS pixel: `12px`, `0.875rem`; at most three
/// digits before and after the point.
fn length_in_millipixels(value: &str) -> Option<u32> {
    let (number, pixels_per_unit) = match value.strip_suffix("rem") {
        Some(number) => (number, 16),
        None => (value.strip_suffix("px")?, 1),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() || whole.len() > 3 || fraction.len() > 3 {
        return None;
    }
    let mut millis = 0;
    for &digit in whole.as_bytes().iter().chain(fraction.as_bytes()) {
        if !digit.is_ascii_digit() {
            return None;
        }
        millis = millis * 10 + u32::from(digit - b'0');
    }
    for _ in fraction.len()..3 {
        millis *= 10;
    }
    Some(millis * pixels_per_unit)
}

fn is_font_stack(value: &str) -> bool {
    value.len() <= 200
        && value.split(',').all(|family| {
            let family = family.trim().as_bytes();
            // A name in matching quotes, or none.
            let name = match family {
                [open @ (b'"' | b'\''), name @ .., close] if open == close => name,
                _ => family,
            };
            !name.is_empty()
                && name
                    .iter()
                    .all(|&c| c.is_ascii_alphanumeric() || c == b' ' || c == b'-')
        })
}

/// Whether `value` is of the kind declared for the token `name`, within its
/// bounds. No other name or value is ever set.
pub fn is_safe_token(name: &str, value: &str) -> bool {
    match kind_of(name) {
        Some(Kind::Color) => {
            matches!(value.len(), 4 | 7)
                && value.starts_with('#')
                && parse_hex_color(value).is_some()
        }
        Some(Kind::Length { min, max }) => length_in_millipixels(value).is_some_and(|millis| {
            (u32::from(min) * 1000..=u32::from(max) * 1000).contains(&millis)
        }),
        Some(Kind::FontStack) => is_font_stack(value),
        None => false,
    }
}

/// The light (style/main.css) and dark (style/dark.css) defaults of the
/// first tokens, the colours text is painted in and on, as `0xrrggbb`.
const DEFAULT_COLORS: [(u32, u32); 8] = [
    (0xf4f5f7, 0x0d1117),
    (0xffffff, 0x161b22),
    (0x1b1f24, 0xe6edf3),
    (0x57606a, 0x9da7b3),
    (0x0b57d0, 0x8ab4f8),
    (0xffffff, 0x0d1117),
    (0xb3261e, 0xf2b8b5),
    (0x146c2e, 0x6dd58c),
];
const BG: usize = 0;
const SURFACE: usize = 1;
const TEXT: usize = 2;
const MUTED: usize = 3;
const PRIMARY: usize = 4;
const ON_PRIMARY: usize = 5;
const DANGER: usize = 6;
const SUCCESS: usize = 7;

/// Text colour on the colour it is painted on, each held to AA. The primary
/// colour is held only against the text on it, as the brand colour is.
const TEXT_ON: [(usize, usize); 9] = [
    (TEXT, SURFACE),
    (TEXT, BG),
    (MUTED, SURFACE),
    (MUTED, BG),
    (ON_PRIMARY, PRIMARY),
    (DANGER, SURFACE),
    (DANGER, BG),
    (SUCCESS, SURFACE),
    (SUCCESS, BG),
];

/// The tokens of a merchant's theme message the page sets: those of a
/// declared name and kind (the others are dropped), and only if, with them
/// over `in_effect` (the tokens already set: the brand colour, earlier
/// messages) over the stylesheets' defaults, every text colour reaches AA on
/// its surfaces in both the light and the dark scheme. Otherwise none: a
/// theme that would make some text unreadable is refused as a whole.
pub fn accepted_theme<'a>(
    tokens: &'a BTreeMap<String, String>,
    in_effect: &dyn Fn(&str) -> Option<String>,
) -> impl Iterator<Item = (&'a String, &'a String)> {
    let readable = is_readable_theme(tokens, in_effect);
    tokens
        .iter()
        .filter(move |(name, value)| readable && is_safe_token(name, value))
}

fn is_readable_theme(
    tokens: &BTreeMap<String, String>,
    in_effect: &dyn Fn(&str) -> Option<String>,
) -> bool {
    [false, true].iter().all(|&dark| {
        let color = |index: usize| {
            let name = TOKENS[index].0;
            let (light, night) = DEFAULT_COLORS[index];
            let default = if dark { night } else { light };
            match tokens.get(name).filter(|value| is_safe_token(name, value)) {
                Some(value) => parse_hex_color(value),
                None => in_effect(name).and_then(|value| parse_hex_color(&value)),
            }
            .unwrap_or(((default >> 16) as u8, (default >> 8) as u8, default as u8))
        };
        TEXT_ON
            .iter()
            .all(|&(text, on)| contrast_ratio(color(text), color(on)) >= AA_CONTRAST)
    })
}

#[cfg(test)]
mod tests {
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
}
