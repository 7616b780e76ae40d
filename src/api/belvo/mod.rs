//! Belvo: PSE links with a known customer and Pix via Open Finance payment
//! intents (seeds 000 and 001, and the extensions in docs/api.md).

pub mod wire;

pub use wire::parse_link;

use super::error::ApiError;
use super::provider::{Clock, MethodNotOffered, Provider};
use crate::checkout::link::PaymentLink;
use crate::checkout::money::Currency;
use crate::checkout::payment::{
    Bank, PaymentDetails, PaymentReport, PaymentStarted, PaymentStatus,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Belvo;

impl Provider for Belvo {
    fn named(_: &str) -> Self {
        Belvo
    }

    fn name(&self) -> &'static str {
        "belvo"
    }

    fn link_path(&self) -> &'static str {
        "/api/belvo/payment_links/{token}/"
    }

    fn parse_link(&self, body: &str) -> Result<PaymentLink, ApiError> {
        wire::parse_link(body)
    }

    /// Open Finance institutions for Brazil, PSE banks for Colombia.
    fn banks_url(&self, api_base: &str, currency: Currency) -> String {
        let country = if currency == Currency::BRL {
            "BRA"
        } else {
            "COL"
        };
        format!("{api_base}/api/belvo/institutions/?country={country}")
    }

    fn parse_banks(&self, body: &str) -> Result<Vec<Bank>, ApiError> {
        wire::parse_institutions(body)
    }

    fn pay_url(&self, api_base: &str, token: &str) -> String {
        format!("{api_base}/api/belvo/payment_links/{token}/payment_intents/")
    }

    /// The bank sends the payer back to this page, for this link (Open
    /// Finance Brasil: the payer returns to where the payment started).
    fn pay_body(
        &self,
        token: &str,
        details: &PaymentDetails,
        page_origin: &str,
    ) -> Result<String, MethodNotOffered> {
        wire::payment_intent_body(details, &format!("{page_origin}/pay/{token}"))
    }

    fn parse_pay_answer(&self, body: &str) -> Result<PaymentStarted, ApiError> {
        wire::parse_intent_started(body)
    }

    fn payment_url(&self, api_base: &str, token: &str, reference: &str) -> String {
        format!("{api_base}/api/belvo/payment_links/{token}/payment_intents/{reference}/")
    }

    fn parse_payment(&self, body: &str, clock: &dyn Clock) -> Result<PaymentReport, ApiError> {
        wire::parse_intent_report(body).map(|report| read_deadline(report, clock))
    }
}

/// Belvo answers FAILED for a consent that ran out as for one the payer
/// refused: one that failed once its deadline had passed expired, and the
/// payer is told so, not "declined".
fn read_deadline(mut report: PaymentReport, clock: &dyn Clock) -> PaymentReport {
    let deadline_passed = report
        .expires_at
        .as_deref()
        .and_then(|iso| clock.instant_ms(iso))
        .is_some_and(|deadline| deadline <= clock.now_ms());
    if report.status == PaymentStatus::Declined && deadline_passed {
        report.status = PaymentStatus::Expired;
    }
    report
}

#[cfg(test)]
mod tests {
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
    }

    #[test]
    fn the_bank_sends_the_payer_back_to_this_page_for_this_link() {
        let details = PaymentDetails {
            method: Method::Pix,
            amount: None,
            email: None,
            phone: None,
            person_type: None,
            document_type: DocumentType::CPF,
            document: "39053344705".into(),
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
}
