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
/// arithmetic, not money, so floating point is the right tool here. Rust's
/// own `powf`: the browser's `Math.pow` would save about 840 B of wasm but
/// differs from it in the last bit on some channel values (docs/performance.md).
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
#[path = "theme_tests.rs"]
mod tests;
