use super::*;

const BASE: &str = "https://api.example/v1";

struct LongAfterEveryDeadline;

impl Clock for LongAfterEveryDeadline {
    fn now_ms(&self) -> f64 {
        f64::MAX
    }
    fn instant_ms(&self, _: &str) -> Option<f64> {
        Some(0.0)
    }
}

#[test]
fn calls_go_to_the_documented_paths() {
    let token = "550e8400-e29b-41d4-a716-446655440000";
    assert_eq!(
        Colurs.link_url(BASE, token),
        format!("{BASE}/api/payment_link/{token}/")
    );
    for currency in Currency::ALL {
        assert_eq!(
            Colurs.banks_url(BASE, currency),
            format!("{BASE}/api/pse/banks/")
        );
    }
    assert_eq!(
        Colurs.pay_url(BASE, token),
        format!("{BASE}/api/payment_link/{token}/pay/")
    );
    assert_eq!(
        Colurs.payment_url(BASE, token, "mm_xyz789"),
        format!("{BASE}/api/payment_link/{token}/payments/mm_xyz789/")
    );
    assert_eq!(
        Colurs.withdraw_url(BASE, token, "mm_xyz789"),
        Ok(format!(
            "{BASE}/api/payment_link/{token}/payments/mm_xyz789/withdraw/"
        ))
    );
}

#[test]
fn an_expired_report_needs_no_clock() {
    let body = r#"{"money_movement_id":"mm_1","status":"DECLINED",
        "expires_at":"2026-02-03T10:45:00Z"}"#;
    assert_eq!(
        Colurs
            .parse_payment(body, &LongAfterEveryDeadline)
            .unwrap()
            .status,
        crate::checkout::payment::PaymentStatus::Declined
    );
}
