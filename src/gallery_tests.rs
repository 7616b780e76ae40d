use super::*;
use crate::checkout::state::PayNotice;

#[test]
fn fixtures_have_unique_names_and_cover_every_state_of_the_page() {
    let fixtures = fixtures();
    let mut names: Vec<&str> = fixtures.iter().map(|(n, _)| *n).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), fixtures.len());
    let states: std::collections::BTreeSet<&str> = fixtures.iter().map(|(_, s)| s.name()).collect();
    for state in [
        "loading",
        "choosing-method",
        "filling",
        "submitting",
        "reviewing",
        "redirecting",
        "awaiting-approval",
        "withdrawing",
        "showing-code",
        "code-ended",
        "confirming",
        "still-confirming",
        "paid",
        "failed",
        "expired",
        "cancelled",
        "processing",
        "not-found",
        "load-failed",
        "malformed",
    ] {
        assert!(states.contains(state), "no fixture shows {state}");
    }
}

#[test]
fn fixtures_show_what_their_names_say() {
    let fixtures: std::collections::BTreeMap<_, _> = fixtures().into_iter().collect();
    let Checkout::Payable(errors) = &fixtures["field-errors"] else {
        panic!()
    };
    assert!(errors.problems.len() >= 3);
    let Checkout::Payable(unavailable) = &fixtures["submit-unavailable"] else {
        panic!()
    };
    assert_eq!(unavailable.submit_error, Some(SubmitError::Unavailable));
    assert_eq!(fixtures["general-amount-too-low"].name(), "choosing-method");
    let Checkout::Payable(withdrawn) = &fixtures["push-withdrawn"] else {
        panic!()
    };
    assert_eq!(withdrawn.notice, Some(PayNotice::EarlierAttemptEnded));
}

#[test]
fn the_logo_fixtures_show_a_logo_and_a_receipt_with_every_line() {
    use crate::checkout::receipt::Receipt;
    let fixtures: std::collections::BTreeMap<_, _> = fixtures().into_iter().collect();
    let shown = |name: &str| {
        fixtures[name]
            .link()
            .and_then(|link| link.merchant.logo_src(&[], "https://pay.example"))
            .is_some()
    };
    assert!(shown("merchant-logo") && shown("paid-general-logo"));
    let receipt = Receipt::of(&fixtures["paid-general-logo"]).unwrap();
    let lines = receipt.lines.unwrap();
    assert_eq!(
        (lines.amount, lines.fee, lines.iva),
        (5_000_000, 100_000, 19_000)
    );
    assert!(receipt.method.is_some() && receipt.reference.is_some() && receipt.paid_at.is_some());
}

#[test]
fn a_code_in_the_gallery_reads_minutes_from_expiring_whatever_the_date() {
    use crate::checkout::countdown::{clock_text, seconds_until_by};
    let fixtures: std::collections::BTreeMap<_, _> = fixtures().into_iter().collect();
    let (expires_ms, now_ms) = (1_798_761_000_000.0, 1_764_700_000_123.0);
    let shown = code_about_to_expire(fixtures["showing-code-breb"].clone(), expires_ms, now_ms);
    let code = shown.payment_code().expect("a code is shown");
    let left = seconds_until_by(expires_ms, code.clock_offset_ms, now_ms);
    assert_eq!(clock_text(left), "9:41");
    // A state without a code is left as it is.
    let ended = fixtures["code-ended"].clone();
    assert_eq!(
        code_about_to_expire(ended.clone(), expires_ms, now_ms),
        ended
    );
}
