//! Format rules for the fields a merchant or payer sends.

/// The WHATWG rule for `<input type=email>`, which the page also applies.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".!#$%&'*+/=?^_`{|}~-".contains(c));
    let label_ok = |label: &str| {
        (1..=63).contains(&label.len())
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    local_ok && domain.split('.').all(label_ok)
}

/// The ten national digits of a Colombian phone number, accepting the
/// `+57` prefix and common separators (`+57 300 123 4567`).
pub fn colombian_phone_digits(text: &str) -> Option<String> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.'))
        .collect();
    let national = compact.strip_prefix("+57").unwrap_or(&compact);
    (national.len() == 10 && national.bytes().all(|b| b.is_ascii_digit()))
        .then(|| national.to_owned())
}

/// A mobile number (what Nequi accounts are): ten digits starting with 3.
/// The sandbox test numbers 399… pass, as a plain `^3\d{9}$` lets them.
pub fn is_colombian_mobile(national_digits: &str) -> bool {
    national_digits.len() == 10 && national_digits.starts_with('3')
}

/// A document number as typed, with the dots and dash people write in it
/// (`900.123.456-8`): 4 to 15 letters or digits once those are removed.
pub fn is_document_number(text: &str, digits_only: bool) -> bool {
    let compact: Vec<char> = text
        .chars()
        .filter(|c| !matches!(c, '.' | '-' | ' '))
        .collect();
    (4..=15).contains(&compact.len())
        && compact.iter().all(|c| {
            if digits_only {
                c.is_ascii_digit()
            } else {
                c.is_ascii_alphanumeric()
            }
        })
}

/// An absolute `http` or `https` URL with a host.
pub fn is_web_url(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty() && !text.chars().any(char::is_whitespace)
    })
}

/// A URL the page will send a payer to (tests/redirect_cases.json, the
/// cases the page's and embed.js's tests read too): `https` with a plain
/// ASCII host name, a port in range and no userinfo; `http` only to
/// loopback, in `development`. The URL is read as a browser reads it;
/// what a browser would quietly repair (escapes, backslashes, an empty
/// port, an upper-case scheme) is refused before.
pub fn is_followable_url(text: &str, development: bool) -> bool {
    let https = text.starts_with("https://");
    if !(https || text.starts_with("http://"))
        || text.chars().any(|c| !c.is_ascii_graphic() || c == '\\')
    {
        return false;
    }
    let authority = text
        .split_once("://")
        .and_then(|(_, rest)| rest.split(['/', '?', '#']).next())
        .unwrap_or("");
    if authority.is_empty() || authority.contains(['@', '%']) || authority.ends_with(':') {
        return false;
    }
    let Ok(url) = url::Url::parse(text) else {
        return false;
    };
    let host = match url.host() {
        Some(url::Host::Domain(name)) => name.to_owned(),
        Some(url::Host::Ipv4(address)) => address.to_string(),
        Some(url::Host::Ipv6(address)) if address.is_loopback() => "[::1]".to_owned(),
        _ => return false,
    };
    let loopback = matches!(host.as_str(), "127.0.0.1" | "localhost" | "[::1]");
    (is_host_name(&host) || host == "[::1]")
        && !host.split('.').any(|label| label.starts_with("xn--"))
        && url.port() != Some(0)
        && (https || (development && loopback))
}

/// An origin a link may be framed by, written exactly as a browser
/// serializes it (it goes verbatim into `frame-ancestors`): `https://` and a
/// lowercase host name with an optional port, or plain `http://` on
/// loopback (`127.0.0.1` or `localhost`) with a port, for development.
/// Nothing after the port: no path, no trailing slash; no wildcard.
pub fn is_embed_origin(text: &str) -> bool {
    let port_ok =
        |port: &str| !port.starts_with('0') && port.parse::<u16>().is_ok_and(|port| port > 0);
    if let Some(rest) = text.strip_prefix("https://") {
        let (host, port) = match rest.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (rest, None),
        };
        return is_host_name(host) && port.is_none_or(port_ok);
    }
    if let Some(rest) = text.strip_prefix("http://") {
        return rest.split_once(':').is_some_and(|(host, port)| {
            matches!(host, "127.0.0.1" | "localhost") && port_ok(port)
        });
    }
    false
}

/// A lowercase DNS name (or IPv4 address): dot-separated labels of letters,
/// digits and inner hyphens.
fn is_host_name(host: &str) -> bool {
    (1..=253).contains(&host.len())
        && host.split('.').all(|label| {
            (1..=63).contains(&label.len())
                && label
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

/// `#1a7f5a` or `#1a7`.
pub fn is_hex_color(text: &str) -> bool {
    text.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Whether `c` is invisible and changes how the text around it reads: a
/// control character other than whitespace, a bidi embedding, override,
/// isolate or mark (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069),
/// a zero-width character (U+200B–U+200D, U+2060–U+2064) or the byte order
/// mark. Text a payer reads with one of these could pass for other text; the
/// page removes the same characters from what it shows.
pub fn is_hidden_character(c: char) -> bool {
    (c.is_control() && !c.is_whitespace())
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("payer@example.com"));
        assert!(is_email("a.b+c@localhost"));
        for bad in [
            "",
            "payer",
            "@example.com",
            "payer@",
            "pay er@example.com",
            "payer@-x.com",
            "payer@example..com",
            "a@b@c",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn phones() {
        for (typed, national) in [
            ("+573001234567", Some("3001234567")),
            ("+57 300 123-4567", Some("3001234567")),
            ("3991111111", Some("3991111111")),
            ("6012345678", Some("6012345678")),
            ("300123456", None),
            ("30012345678", None),
            ("300123456a", None),
        ] {
            assert_eq!(
                colombian_phone_digits(typed).as_deref(),
                national,
                "{typed}"
            );
        }
        assert!(is_colombian_mobile("3991111111"));
        assert!(!is_colombian_mobile("6012345678"));
    }

    #[test]
    fn documents() {
        assert!(is_document_number("1234567890", true));
        assert!(is_document_number("900.123.456-8", true));
        assert!(is_document_number("AB123456", false));
        assert!(!is_document_number("AB123456", true));
        assert!(!is_document_number("123", true));
        assert!(!is_document_number("1234567890123456", false));
    }

    #[test]
    fn urls_origins_and_colors() {
        assert!(is_web_url("https://merchant.example/checkout/1/success"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https:///path"));
        for origin in [
            "https://shop.example",
            "https://checkout.shop-1.example:8443",
            "https://10.0.0.7",
            "http://localhost:3000",
            "http://127.0.0.1:8080",
        ] {
            assert!(is_embed_origin(origin), "{origin}");
        }
        for not_origin in [
            "",
            "*",
            "https://*.shop.example",
            "https://*",
            "https://shop.example/",
            "https://shop.example/checkout",
            "https://shop.example?x=1",
            "https://shop.example#top",
            "https://shop.example:99999",
            "https://shop.example:0",
            "https://shop.example:080",
            "https://shop.example:",
            "https://Shop.example",
            "https://shop..example",
            "https://shop.example.",
            "https://-shop.example",
            "https://user@shop.example",
            "https://shop.example 'unsafe-inline'",
            "https://shop.example;",
            "http://shop.example",
            "http://localhost",
            "http://127.0.0.1",
            "http://127.0.0.2:3000",
            "shop.example",
            "//shop.example",
            "ftp://shop.example",
            "https://",
        ] {
            assert!(!is_embed_origin(not_origin), "{not_origin}");
        }
        assert!(is_hex_color("#1A7F5A") && is_hex_color("#fff"));
        assert!(!is_hex_color("1a7f5a") && !is_hex_color("#12345"));
    }

    #[test]
    fn hidden_characters_are_bidi_controls_zero_width_and_controls() {
        for hidden in [
            '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}', '\u{061C}',
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{0000}', '\u{001B}',
            '\u{007F}',
        ] {
            assert!(is_hidden_character(hidden), "{hidden:?}");
        }
        for shown in ['a', 'é', 'م', '🛒', ' ', '\n', '\t', '\u{00A0}', '\u{FE0F}'] {
            assert!(!is_hidden_character(shown), "{shown:?}");
        }
    }
}
