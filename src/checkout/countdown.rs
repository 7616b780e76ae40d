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

/// The provider's clock minus the browser's, in milliseconds, from an
/// answer's `Date` header (`date_ms`) read at `received_ms`. An HTTP date
/// has whole seconds, cut down: the provider's time was up to a second
/// later than it says, and that later end is taken, so a countdown by it
/// ends no later than the provider's. The answer's time on the way is not
/// known and left out.
pub fn provider_offset_ms(date_ms: f64, received_ms: f64) -> i64 {
    let offset = (date_ms + 1000.0 - received_ms).round();
    if offset.is_finite() && offset.abs() < 1e15 {
        offset as i64
    } else {
        0
    }
}

/// Whole seconds left until `deadline_ms` by the provider's clock, which
/// runs `offset_ms` ahead of the browser's `now_ms`.
pub fn seconds_until_by(deadline_ms: f64, offset_ms: i64, now_ms: f64) -> u32 {
    seconds_until(deadline_ms, now_ms + offset_ms as f64)
}

/// `125` as `2:05`; an hour or more as `1:00:05`.
pub fn clock_text(seconds: u32) -> String {
    let (minutes, seconds) = (seconds / 60, seconds % 60);
    if minutes < 60 {
        format!("{minutes}:{seconds:02}")
    } else {
        format!("{}:{:02}:{seconds:02}", minutes / 60, minutes % 60)
    }
}

#[cfg(test)]
#[path = "countdown_tests.rs"]
mod tests;
