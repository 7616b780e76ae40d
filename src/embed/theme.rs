//! Theme tokens from the link (brand colour) or the merchant (embed.js), with
//! the guards that keep the page readable and safe.

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

/// A token a merchant may set: a `--paylink-` custom property whose value
/// cannot escape its declaration or load anything.
pub fn is_safe_token(name: &str, value: &str) -> bool {
    let name_ok = name.starts_with("--paylink-")
        && name.len() <= 64
        && name[2..]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let lowered = value.to_ascii_lowercase();
    let value_ok = !value.is_empty()
        && value.len() <= 200
        && !value.chars().any(|c| {
            matches!(c, ';' | '{' | '}' | '<' | '>' | '\\' | '"' | '\'') || c.is_control()
        })
        && !lowered.contains("url(")
        && !lowered.contains("expression(")
        && !lowered.contains("@import");
    name_ok && value_ok
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

    #[test]
    fn merchant_tokens_cannot_escape_or_load_anything() {
        assert!(is_safe_token("--paylink-color-primary", "#123456"));
        assert!(is_safe_token("--paylink-radius", "4px"));
        assert!(is_safe_token("--paylink-font-family", "Georgia, serif"));
        for (name, value) in [
            ("color", "red"),
            ("--other-color", "red"),
            (
                "--paylink-x",
                "red; background: url(https://evil.example/x)",
            ),
            ("--paylink-x", "url(https://evil.example/x)"),
            ("--paylink-x", "}</style><script>"),
            ("--paylink-x", ""),
            ("--paylink-X", "red"),
        ] {
            assert!(!is_safe_token(name, value), "{name}: {value}");
        }
    }
}
