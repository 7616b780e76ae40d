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
#[path = "countdown_tests.rs"]
mod tests;
