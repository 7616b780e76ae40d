use super::*;
use crate::checkout::link::Method;
use crate::checkout::validate::DocumentType;

const BASE: &str = "https://api.example/v1";
const DEADLINE: &str = "2026-02-03T10:05:00Z";
const DEADLINE_MS: f64 = 1_770_113_100_000.0;

/// A clock stopped at `now_ms` that reads only `DEADLINE`, as the browser does.
struct StoppedClock {
    now_ms: f64,
}

impl Clock for StoppedClock {
    fn now_ms(&self) -> f64 {
        self.now_ms
    }
    fn instant_ms(&self, iso: &str) -> Option<f64> {
        (iso == DEADLINE).then_some(DEADLINE_MS)
    }
}

fn intent(status: &str, expires_at: Option<&str>) -> String {
    let expires_at = expires_at.map_or("null".into(), |at| format!("\"{at}\""));
    format!(
        r#"{{"id":"b7dd","status":"{status}","amount":"1234.12",
        "allowed_payment_method_types":["open_finance"],"expires_at":{expires_at}}}"#
    )
}

fn status_at(body: &str, now_ms: f64) -> PaymentStatus {
    Belvo
        .parse_payment(body, &StoppedClock { now_ms })
        .unwrap()
        .status
}

#[test]
fn a_failure_before_the_deadline_is_a_decline() {
    let failed = intent("FAILED", Some(DEADLINE));
    assert_eq!(
        status_at(&failed, DEADLINE_MS - 1.0),
        PaymentStatus::Declined
    );
}

#[test]
fn a_failure_at_or_after_the_deadline_is_an_expiry() {
    let failed = intent("FAILED", Some(DEADLINE));
    for now_ms in [DEADLINE_MS, DEADLINE_MS + 1.0, DEADLINE_MS + 86_400_000.0] {
        assert_eq!(
            status_at(&failed, now_ms),
            PaymentStatus::Expired,
            "{now_ms}"
        );
    }
}

#[test]
fn a_failure_without_a_readable_deadline_stays_a_decline() {
    for expires_at in [None, Some(""), Some("tomorrow")] {
        let failed = intent("FAILED", expires_at);
        assert_eq!(
            status_at(&failed, f64::MAX),
            PaymentStatus::Declined,
            "{expires_at:?}"
        );
    }
}

#[test]
fn only_a_failure_reads_against_the_deadline() {
    for (wire, status) in [
        ("SUCCEEDED", PaymentStatus::Approved),
        ("PROCESSING", PaymentStatus::Pending),
        ("CANCELED", PaymentStatus::Abandoned),
    ] {
        let body = intent(wire, Some(DEADLINE));
        assert_eq!(status_at(&body, DEADLINE_MS + 1.0), status, "{wire}");
    }
}

#[test]
fn calls_go_to_the_documented_paths() {
    let token = "YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU";
    assert_eq!(
        Belvo.link_url(BASE, token),
        format!("{BASE}/api/belvo/payment_links/{token}/")
    );
    assert_eq!(
        Belvo.banks_url(BASE, Currency::BRL),
        format!("{BASE}/api/belvo/institutions/?country=BRA")
    );
    assert_eq!(
        Belvo.banks_url(BASE, Currency::COP),
        format!("{BASE}/api/belvo/institutions/?country=COL")
    );
    assert_eq!(
        Belvo.pay_url(BASE, token),
        format!("{BASE}/api/belvo/payment_links/{token}/payment_intents/")
    );
    assert_eq!(
        Belvo.payment_url(BASE, token, "b7dd"),
        format!("{BASE}/api/belvo/payment_links/{token}/payment_intents/b7dd/")
    );
    // No push to withdraw: typed, never a guessed URL.
    assert_eq!(
        Belvo.withdraw_url(BASE, token, "b7dd"),
        Err(WithdrawNotOffered)
    );
}

#[test]
fn the_bank_sends_the_payer_back_to_this_page_for_this_link() {
    let details = PaymentDetails {
        method: Method::Pix,
        amount: None,
        email: None,
        phone: None,
        person_type: None,
        document_type: Some(DocumentType::CPF),
        document: Some("39053344705".into()),
        bank_id: Some("600f".into()),
        payer_cpf: None,
    };
    let body = Belvo
        .pay_body("tok-12345678", &details, "https://pay.example")
        .unwrap();
    assert!(
        body.contains(r#""callback_url":"https://pay.example/pay/tok-12345678""#),
        "{body}"
    );
}
