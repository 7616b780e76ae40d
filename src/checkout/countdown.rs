//! The countdowns a waiting payer reads: whole seconds left, rounded down
//! (a countdown never promises a second that is not there) and never below
//! zero, shown as minutes and seconds.

/// Whole seconds from `now_ms` until `deadline_ms` (both in milliseconds
/// since the Unix epoch), rounded down; 0 once it has passed.
pub fn seconds_until(deadline_ms: f64, now_ms: f64) -> u32 {
    let left = ((deadline_ms - now_ms) / 1000.0).floor();
    if left.is_nan() || left <= 0.0 {
        0
    } else if left >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        left as u32
    }
}

/// `125` as `2:05`.
pub fn clock_text(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
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
}
