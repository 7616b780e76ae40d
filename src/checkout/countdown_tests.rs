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
}
