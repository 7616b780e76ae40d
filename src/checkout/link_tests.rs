use super::*;

fn link(amount: AmountRule, currency: Currency) -> PaymentLink {
    PaymentLink {
        token: "t".into(),
        merchant: Merchant {
            name: "Tienda".into(),
            logo_url: None,
            brand_color: None,
        },
        description: "Pedido".into(),
        currency,
        amount,
        status: LinkStatus::Pending,
        expires_at: None,
        methods: vec![Method::Pse],
        callback_urls: None,
        customer: None,
        embed_origins: vec![],
        payment_in_progress: None,
    }
}

/// 2 % fee plus 19 % IVA on the fee, paid by the payer.
fn open() -> AmountRule {
    AmountRule::PayerChooses(OpenAmount {
        min: None,
        max: None,
        fees: FeePolicy {
            fee_rate_bps: 200,
            iva_rate_bps: 1_900,
            mode: FeeMode::Payer,
        },
    })
}

#[test]
fn a_fixed_link_shows_its_own_breakdown_whatever_is_typed() {
    let fixed = Breakdown {
        amount: 5_000_000,
        fee: 100_000,
        iva: 19_000,
        total: 5_119_000,
    };
    let link = link(AmountRule::Fixed(fixed), Currency::COP);
    assert_eq!(link.breakdown_for(""), Some(fixed));
    assert_eq!(link.breakdown_for("abc"), Some(fixed));
}

#[test]
fn a_general_link_shows_the_breakdown_of_the_typed_amount() {
    let link = link(open(), Currency::COP);
    let shown = link.breakdown_for("50.000").unwrap();
    assert_eq!(shown.amount, 5_000_000);
    assert_eq!(shown.fee, 100_000);
    assert_eq!(shown.iva, 19_000);
    assert_eq!(shown.total, 5_119_000);
}

#[test]
fn a_general_link_shows_nothing_until_the_text_reads_as_an_amount() {
    let link = link(open(), Currency::COP);
    for typed in ["", "  ", "cincuenta", "-5", "50,001"] {
        assert_eq!(link.breakdown_for(typed), None, "{typed:?}");
    }
}

#[test]
fn the_typed_amount_is_read_in_the_currency_of_the_link() {
    // "1.234,56" is a real amount in reais, and not one in pesos (no cents).
    assert_eq!(
        link(open(), Currency::BRL)
            .breakdown_for("1.234,56")
            .map(|b| b.amount),
        Some(123_456)
    );
    assert_eq!(link(open(), Currency::COP).breakdown_for("1.234,56"), None);
}

#[test]
fn a_return_url_the_redirect_rule_refuses_is_never_offered() {
    // Found by tests/histories.rs: the state machine followed any callback.
    let mut link = link(open(), Currency::COP);
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
