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
