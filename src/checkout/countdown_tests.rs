use super::*;

#[test]
fn time_left_rounds_down_and_stops_at_zero() {
    let now = 1_764_000_000_000.0;
    assert_eq!(seconds_until(now + 600_000.0, now), 600);
    assert_eq!(seconds_until(now + 1_999.0, now), 1);
    assert_eq!(seconds_until(now + 999.0, now), 0);
    assert_eq!(seconds_until(now, now), 0);
    assert_eq!(seconds_until(now - 5_000.0, now), 0);
    assert_eq!(seconds_until(f64::NAN, now), 0);
    assert_eq!(seconds_until(f64::INFINITY, now), u32::MAX);
}

#[test]
fn the_clock_reads_minutes_and_two_digit_seconds() {
    assert_eq!(clock_text(125), "2:05");
    assert_eq!(clock_text(600), "10:00");
    assert_eq!(clock_text(59), "0:59");
    assert_eq!(clock_text(0), "0:00");
    assert_eq!(clock_text(3_599), "59:59");
    assert_eq!(clock_text(3_605), "1:00:05");
    assert_eq!(clock_text(90_061), "25:01:01");
}

#[test]
fn the_provider_clock_is_taken_at_the_latest_its_date_allows() {
    let received = 1_764_000_000_400.0;
    // `Date` says the provider's second began at 1_764_000_000_000: its
    // clock reads that second's end, 600 ms ahead of the browser's.
    assert_eq!(provider_offset_ms(1_764_000_000_000.0, received), 600);
    // A browser two minutes fast.
    assert_eq!(provider_offset_ms(received - 120_000.0, received), -119_000);
    assert_eq!(provider_offset_ms(f64::NAN, received), 0);
}

#[test]
fn a_countdown_by_the_provider_clock_corrects_the_browser_clock() {
    let now = 1_764_000_000_000.0;
    let deadline = now + 600_000.0;
    assert_eq!(seconds_until_by(deadline, 0, now), 600);
    // The provider is 30 s ahead: 30 s fewer are left than the browser thinks.
    assert_eq!(seconds_until_by(deadline, 30_000, now), 570);
    // The browser is ahead (a negative offset): more are left.
    assert_eq!(seconds_until_by(deadline, -30_000, now), 630);
    assert_eq!(seconds_until_by(deadline, 700_000, now), 0);
}
