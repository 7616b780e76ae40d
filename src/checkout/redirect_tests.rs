use super::*;
use serde::Deserialize;

/// The cases embed.js's and the sandbox's tests read too.
#[derive(Deserialize)]
struct Case {
    url: String,
    development: bool,
    follow: bool,
}

#[derive(Deserialize)]
struct BankCase {
    url: String,
    allowed: Vec<String>,
    own: Vec<String>,
    follow: bool,
}

#[derive(Deserialize)]
struct Cases {
    followable: Vec<Case>,
    bank: Vec<BankCase>,
}

fn cases() -> Cases {
    serde_json::from_str(include_str!("../../tests/redirect_cases.json")).unwrap()
}

#[test]
fn followable_urls_are_exactly_the_shared_cases() {
    let cases = cases().followable;
    assert!(cases.len() > 30, "only {} cases", cases.len());
    for case in cases {
        assert_eq!(
            is_followable(&case.url, case.development),
            case.follow,
            "{} (development: {})",
            case.url,
            case.development
        );
    }
}

#[test]
fn bank_pages_follow_the_deployments_allowlist() {
    let cases = cases().bank;
    assert!(cases.len() > 10, "only {} cases", cases.len());
    for case in cases {
        let own: Vec<&str> = case.own.iter().map(String::as_str).collect();
        assert_eq!(
            is_allowed_bank_redirect(&case.url, &case.allowed, &own),
            case.follow,
            "{} with {:?} and own {:?}",
            case.url,
            case.allowed,
            case.own
        );
    }
}

#[test]
fn only_a_page_served_over_http_from_loopback_is_in_development() {
    for origin in [
        "http://127.0.0.1:8080",
        "http://localhost:3000",
        "http://[::1]:1",
    ] {
        assert!(is_development_origin(origin), "{origin}");
    }
    for origin in [
        "https://127.0.0.1:8080",
        "https://pay.example",
        "http://pay.example",
        "http://127.0.0.1.pay.example",
        "",
    ] {
        assert!(!is_development_origin(origin), "{origin}");
    }
}

#[test]
fn allowlists_read_spaces_and_commas() {
    assert_eq!(
        parse_allowlist(" *.bank.example,pay.example  https://x.example:8443 "),
        vec!["*.bank.example", "pay.example", "https://x.example:8443"]
    );
    assert!(parse_allowlist("").is_empty());
}
