use super::*;
use crate::checkout::fixtures::{
    colombian_link, colombian_methods, general_link, link_with_status, paid_status, polled,
    pse_details, reach, report, returned, REFERENCE,
};
use crate::checkout::payment::PaymentStatus;
use crate::i18n::Key;

const LINES: Breakdown = Breakdown {
    amount: 5_000_000,
    fee: 100_000,
    iva: 19_000,
    total: 5_119_000,
};

#[test]
fn an_approved_payment_shows_whom_for_what_how_much_how_and_when() {
    let receipt = Receipt::of(&returned(vec![polled(PaymentStatus::Approved)])).unwrap();
    assert_eq!(
        receipt,
        Receipt {
            merchant: "Tienda Aurora".into(),
            description: "Plan mensual de internet".into(),
            currency: Currency::COP,
            lines: Some(LINES),
            total: Some(5_119_000),
            method: Some(Method::Pse),
            reference: Some(REFERENCE.into()),
            paid_at: Some("2026-11-22T10:30:00Z".into()),
        }
    );
}

#[test]
fn a_paid_link_opened_again_shows_what_the_link_knows() {
    let receipt = Receipt::of(&reach(link_with_status(paid_status()), vec![])).unwrap();
    assert_eq!(receipt.merchant, "Tienda Aurora");
    assert_eq!(receipt.description, "Plan mensual de internet");
    assert_eq!(receipt.lines, Some(LINES));
    assert_eq!(receipt.total, Some(5_119_000));
    assert_eq!(receipt.paid_at.as_deref(), Some("2026-11-22T10:30:00Z"));
    assert_eq!((receipt.method, receipt.reference), (None, None));
}

#[test]
fn lines_that_do_not_add_up_to_what_was_paid_are_left_out() {
    let link = colombian_link(colombian_methods());
    let paid = Checkout::Paid {
        report: PaymentReport {
            total: Some(5_000_000),
            ..report(PaymentStatus::Approved)
        },
        link,
        kept: false,
    };
    let receipt = Receipt::of(&paid).unwrap();
    assert_eq!((receipt.lines, receipt.total), (None, Some(5_000_000)));
}

#[test]
fn a_typed_amount_is_found_again_from_the_total_paid() {
    let AmountRule::PayerChooses(open) = general_link().amount else {
        panic!()
    };
    for amount in [
        100_000,
        100_001,
        123_457,
        5_000_000,
        99_999_999,
        500_000_000,
    ] {
        let expected = open.fees.apply(amount).unwrap();
        let paid = Checkout::Paid {
            link: general_link(),
            report: PaymentReport {
                total: Some(expected.total),
                ..report(PaymentStatus::Approved)
            },
            kept: false,
        };
        assert_eq!(
            Receipt::of(&paid).unwrap().lines,
            Some(expected),
            "{amount}"
        );
    }
    // No amount has fees that come to this total: it is shown alone.
    let odd = (1..2_000).find(|t| (1..=*t).all(|a| open.fees.apply(a).unwrap().total != *t));
    assert!(odd.is_some());
    let paid = Checkout::Paid {
        link: general_link(),
        report: PaymentReport {
            total: odd,
            ..report(PaymentStatus::Approved)
        },
        kept: false,
    };
    assert_eq!(Receipt::of(&paid).unwrap().lines, None);
}

#[test]
fn receipts_exist_only_for_paid_checkouts() {
    assert_eq!(
        Receipt::of(&reach(colombian_link(colombian_methods()), vec![])),
        None
    );
    assert_eq!(
        Receipt::of(&returned(vec![polled(PaymentStatus::Declined)])),
        None
    );
}

#[test]
fn a_receipt_holds_nothing_the_payer_typed() {
    let details = pse_details();
    let receipt = format!(
        "{:?}",
        Receipt::of(&returned(vec![polled(PaymentStatus::Approved)]))
    );
    for typed in [details.document, details.email, details.phone]
        .into_iter()
        .flatten()
    {
        assert!(!receipt.contains(&typed), "{typed} in {receipt}");
    }
}

#[test]
fn lines_come_in_order_and_only_when_known() {
    let names = |state: &Checkout| -> Vec<&'static str> {
        Receipt::of(state)
            .unwrap()
            .lines()
            .iter()
            .map(|l| l.name)
            .collect()
    };
    assert_eq!(
        names(&returned(vec![polled(PaymentStatus::Approved)])),
        [
            "receipt-description",
            "receipt-subtotal",
            "receipt-fee",
            "receipt-iva",
            "receipt-amount",
            "receipt-method",
            "receipt-reference",
            "receipt-date"
        ]
    );
    assert_eq!(
        names(&reach(link_with_status(paid_status()), vec![])),
        [
            "receipt-description",
            "receipt-subtotal",
            "receipt-fee",
            "receipt-iva",
            "receipt-amount",
            "receipt-date"
        ]
    );
    let lines = Receipt::of(&returned(vec![polled(PaymentStatus::Approved)]))
        .unwrap()
        .lines();
    let total: Vec<_> = lines.iter().filter(|l| l.total).collect();
    assert_eq!(total.len(), 1);
    assert_eq!(total[0].value, Value::Money(5_119_000));
    assert_eq!(lines[5].value, Value::Text(Key::MethodPse));
    // No fees: no fee or IVA line.
    let free = Receipt {
        lines: Some(Breakdown {
            amount: 100,
            fee: 0,
            iva: 0,
            total: 100,
        }),
        ..Receipt::of(&returned(vec![polled(PaymentStatus::Approved)])).unwrap()
    };
    assert!(free
        .lines()
        .iter()
        .all(|l| l.label != Key::Fee && l.label != Key::Iva));
}
