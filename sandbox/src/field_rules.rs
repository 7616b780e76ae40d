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

/// A web origin: scheme, host and optional port, nothing after.
pub fn is_web_origin(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|host_and_port| {
        let (host, port) = host_and_port
            .split_once(':')
            .unwrap_or((host_and_port, "80"));
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            && !port.is_empty()
            && port.parse::<u16>().is_ok()
    })
}

/// `#1a7f5a` or `#1a7`.
pub fn is_hex_color(text: &str) -> bool {
    text.strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
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
        assert_eq!(
            colombian_phone_digits("+573001234567").as_deref(),
            Some("3001234567")
        );
        assert_eq!(
            colombian_phone_digits("+57 300 123-4567").as_deref(),
            Some("3001234567")
        );
        assert_eq!(
            colombian_phone_digits("3991111111").as_deref(),
            Some("3991111111")
        );
        assert_eq!(
            colombian_phone_digits("6012345678").as_deref(),
            Some("6012345678")
        );
        assert_eq!(colombian_phone_digits("300123456"), None);
        assert_eq!(colombian_phone_digits("30012345678"), None);
        assert_eq!(colombian_phone_digits("300123456a"), None);
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
        assert!(is_web_origin("https://shop.example"));
        assert!(is_web_origin("http://localhost:3000"));
        assert!(!is_web_origin("https://shop.example/"));
        assert!(!is_web_origin("https://shop.example:99999"));
        assert!(!is_web_origin("*"));
        assert!(is_hex_color("#1A7F5A") && is_hex_color("#fff"));
        assert!(!is_hex_color("1a7f5a") && !is_hex_color("#12345"));
    }
}
