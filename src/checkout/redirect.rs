//! Which URLs the page will send a payer to: a bank, an app, a merchant.

/// Only https, or http on the loopback host for development. Everything else
/// (`javascript:`, `data:`, protocol-relative, relative, odd schemes) is refused.
pub fn is_safe_redirect(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    // A `user@host` authority is a classic look-alike trick: refuse it.
    if authority.is_empty() || authority.contains('@') || authority.contains('\\') {
        return false;
    }
    let host = host_of(authority);
    match scheme {
        "https" => !host.is_empty(),
        "http" => host == "127.0.0.1" || host == "localhost" || host == "[::1]",
        _ => false,
    }
}

fn host_of(authority: &str) -> &str {
    if authority.starts_with('[') {
        return authority.split_inclusive(']').next().unwrap_or("");
    }
    authority.split(':').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_https_and_loopback_http() {
        assert!(is_safe_redirect(
            "https://payment.colurs.co/checkout/abc123"
        ));
        assert!(is_safe_redirect("http://127.0.0.1:8080/sandbox/bank/mm_1"));
        assert!(is_safe_redirect("http://localhost:3000/x"));
    }

    #[test]
    fn refuses_scripts_data_relative_and_look_alikes() {
        for url in [
            "javascript:alert(1)",
            "JAVASCRIPT://%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "//evil.example/x",
            "/relative",
            "http://evil.example/x",
            "https://bank.example@evil.example/",
            "https:///path-only",
            "ftp://bank.example/",
            "http://127.0.0.1.evil.example/",
            "https:\\\\evil.example",
        ] {
            assert!(!is_safe_redirect(url), "{url}");
        }
    }
}
