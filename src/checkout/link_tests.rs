use super::*;
use crate::checkout::fixtures::{colombian_link, colombian_methods, general_link};

/// A general link (2 % fee plus 19 % IVA on the fee, paid by the payer) in `currency`.
fn open_in(currency: Currency) -> PaymentLink {
    PaymentLink {
        currency,
        ..general_link()
    }
}

#[test]
fn a_fixed_link_shows_its_own_breakdown_whatever_is_typed() {
    let fixed = Breakdown {
        amount: 5_000_000,
        fee: 100_000,
        iva: 19_000,
        total: 5_119_000,
    };
    let link = colombian_link(colombian_methods());
    assert_eq!(link.breakdown_for(""), Some(fixed));
    assert_eq!(link.breakdown_for("abc"), Some(fixed));
}

#[test]
fn a_general_link_shows_the_breakdown_of_the_typed_amount() {
    let link = open_in(Currency::COP);
    let shown = link.breakdown_for("50.000").unwrap();
    assert_eq!(shown.amount, 5_000_000);
    assert_eq!(shown.fee, 100_000);
    assert_eq!(shown.iva, 19_000);
    assert_eq!(shown.total, 5_119_000);
}

#[test]
fn a_general_link_shows_nothing_until_the_text_reads_as_an_amount() {
    let link = open_in(Currency::COP);
    for typed in ["", "  ", "cincuenta", "-5", "50,001"] {
        assert_eq!(link.breakdown_for(typed), None, "{typed:?}");
    }
}

#[test]
fn the_typed_amount_is_read_in_the_currency_of_the_link() {
    // "1.234,56" is a real amount in reais, and not one in pesos (no cents).
    assert_eq!(
        open_in(Currency::BRL)
            .breakdown_for("1.234,56")
            .map(|b| b.amount),
        Some(123_456)
    );
    assert_eq!(open_in(Currency::COP).breakdown_for("1.234,56"), None);
}

#[test]
fn a_return_url_the_redirect_rule_refuses_is_never_offered() {
    // Found by tests/histories.rs: the state machine followed any callback.
    let mut link = open_in(Currency::COP);
    for refused in [
        "javascript:alert(1)",
        "http://merchant.example/plain",
        "https://evil.example@merchant.example/",
    ] {
        link.callback_urls = Some(CallbackUrls {
            success: Some(refused.into()),
            cancel: Some(refused.into()),
        });
        assert_eq!(link.success_url(), None, "{refused}");
        assert_eq!(link.cancel_url(), None, "{refused}");
    }
    link.callback_urls = Some(CallbackUrls {
        success: Some("https://merchant.example/ok".into()),
        cancel: None,
    });
    assert_eq!(link.success_url(), Some("https://merchant.example/ok"));
    assert_eq!(link.cancel_url(), None);
}

#[test]
fn a_logo_loads_only_from_the_page_or_an_origin_the_deployment_allows() {
    let page = "https://pay.example";
    let allowed = vec!["https://cdn.example".to_owned(), "cdn2.example".to_owned()];
    let logo = |url: &str| {
        let merchant = Merchant {
            logo_url: Some(url.into()),
            ..colombian_link(vec![]).merchant
        };
        merchant.logo_src(&allowed, page).is_some()
    };
    for shown in [
        "https://pay.example/logos/aurora.svg",
        "https://PAY.example:443/a.png",
        "/logos/aurora.svg",
        "https://cdn.example/m/1.png?v=2",
    ] {
        assert!(logo(shown), "{shown}");
    }
    for refused in [
        "data:image/svg+xml,<svg/>",
        "javascript:alert(1)",
        "http://pay.example/a.png",
        "https://cdn.example.evil.example/a.png",
        "https://cdn2.example/a.png",
        "https://other.example/a.png",
        "//other.example/a.png",
        "/\\other.example/a.png",
        "https://user@cdn.example/a.png",
        "https://cdn.example:8443/a.png",
        "/a b.png",
        "",
    ] {
        assert!(!logo(refused), "{refused}");
    }
    // A page on loopback (development) loads from its own http origin.
    let merchant = Merchant {
        logo_url: Some("http://127.0.0.1:8080/sandbox/demo-logo.svg".into()),
        ..colombian_link(vec![]).merchant
    };
    assert!(merchant.logo_src(&[], "http://127.0.0.1:8080").is_some());
    assert!(merchant.logo_src(&[], "http://127.0.0.1:9090").is_none());
    assert_eq!(colombian_link(vec![]).merchant.logo_src(&[], page), None);
}

#[test]
fn the_initial_is_the_first_character_of_the_name_past_spaces_and_punctuation() {
    let initial = |name: &str| {
        Merchant {
            name: name.into(),
            ..colombian_link(vec![]).merchant
        }
        .initial()
    };
    assert_eq!(initial("Tienda Aurora"), "T");
    assert_eq!(initial("  «ñandú» café"), "ñ");
    assert_eq!(initial("¡Hola! tienda"), "H");
    assert_eq!(initial("7-Eleven"), "7");
    assert_eq!(initial("---"), "");
}
