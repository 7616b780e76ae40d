//! Wall-clock time for the sandbox: UTC timestamps on the wire as RFC 3339,
//! and a clock that tests can move forward instead of sleeping.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Serialize, Serializer};

const MILLIS_PER_SECOND: i64 = 1_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// An instant in UTC, in milliseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    pub const fn from_unix_millis(millis: i64) -> Self {
        Timestamp(millis)
    }

    pub const fn unix_millis(self) -> i64 {
        self.0
    }

    pub fn plus_seconds(self, seconds: i64) -> Self {
        Timestamp(
            self.0
                .saturating_add(seconds.saturating_mul(MILLIS_PER_SECOND)),
        )
    }

    pub fn minus_seconds(self, seconds: i64) -> Self {
        self.plus_seconds(seconds.saturating_neg())
    }

    pub fn plus_days(self, days: i64) -> Self {
        self.plus_seconds(days.saturating_mul(SECONDS_PER_DAY))
    }

    pub fn minus_days(self, days: i64) -> Self {
        self.plus_days(days.saturating_neg())
    }

    /// `2026-02-03T10:00:00Z`: whole seconds, as the seed document shows them.
    pub fn to_rfc3339(self) -> String {
        let seconds = self.0.div_euclid(MILLIS_PER_SECOND);
        let days = seconds.div_euclid(SECONDS_PER_DAY);
        let second_of_day = seconds.rem_euclid(SECONDS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            second_of_day / 3600,
            second_of_day / 60 % 60,
            second_of_day % 60
        )
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; fractions below a
    /// millisecond are dropped.
    pub fn parse_rfc3339(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.len() < 20 || !text.is_ascii() {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<i64> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let separators_ok = bytes[4] == b'-'
            && bytes[7] == b'-'
            && matches!(bytes[10], b'T' | b't')
            && bytes[13] == b':'
            && bytes[16] == b':';
        if !separators_ok {
            return None;
        }
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return None;
        }

        let mut rest = &text[19..];
        let mut millis = 0;
        if let Some(fraction_and_zone) = rest.strip_prefix('.') {
            let digits = fraction_and_zone
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            if digits == 0 {
                return None;
            }
            let padded = format!("{:0<3}", &fraction_and_zone[..digits.min(3)]);
            millis = padded.parse::<i64>().ok()?;
            rest = &fraction_and_zone[digits..];
        }

        let offset_seconds = match rest {
            "Z" | "z" => 0,
            zone if zone.len() == 6 && zone.as_bytes()[3] == b':' => {
                let sign = match zone.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let hours: i64 = zone[1..3].parse().ok().filter(|h| *h <= 23)?;
                let minutes: i64 = zone[4..6].parse().ok().filter(|m| *m <= 59)?;
                sign * (hours * 3600 + minutes * 60)
            }
            _ => return None,
        };

        let local_seconds = days_from_civil(year, month, day) * SECONDS_PER_DAY
            + hour * 3600
            + minute * 60
            + second;
        Some(Timestamp(
            (local_seconds - offset_seconds) * MILLIS_PER_SECOND + millis,
        ))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

/// The sandbox's notion of "now": the system clock plus an offset that only
/// tests change, so expiry and Nequi timing are testable without sleeping.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_millis: Arc<AtomicI64>,
}

impl Clock {
    pub fn system() -> Self {
        Self::default()
    }

    pub fn now(&self) -> Timestamp {
        let since_epoch = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or(Duration::ZERO);
        let system_millis = i64::try_from(since_epoch.as_millis()).unwrap_or(i64::MAX);
        Timestamp(system_millis.saturating_add(self.offset_millis.load(Ordering::SeqCst)))
    }

    /// Moves this clock (and every clone of it) forward.
    pub fn advance(&self, by: Duration) {
        let millis = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.offset_millis.fetch_add(millis, Ordering::SeqCst);
    }
}

fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let shifted = days + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_epoch_and_a_seed_date() {
        assert_eq!(
            Timestamp::from_unix_millis(0).to_rfc3339(),
            "1970-01-01T00:00:00Z"
        );
        let seed_date = Timestamp::parse_rfc3339("2026-03-03T00:00:00Z").unwrap();
        assert_eq!(seed_date.unix_millis(), 1_772_496_000_000);
        assert_eq!(seed_date.to_rfc3339(), "2026-03-03T00:00:00Z");
    }

    #[test]
    fn reads_offsets_and_fractions() {
        let bogota = Timestamp::parse_rfc3339("2026-02-03T05:00:00-05:00").unwrap();
        assert_eq!(bogota.to_rfc3339(), "2026-02-03T10:00:00Z");
        let with_millis = Timestamp::parse_rfc3339("2026-02-03T10:00:00.250Z").unwrap();
        assert_eq!(with_millis.unix_millis() % 1000, 250);
        let with_micros = Timestamp::parse_rfc3339("2026-02-03T10:00:00.1234567Z").unwrap();
        assert_eq!(with_micros.unix_millis() % 1000, 123);
    }

    #[test]
    fn leap_days_round_trip() {
        let leap_day = Timestamp::parse_rfc3339("2028-02-29T23:59:59Z").unwrap();
        assert_eq!(leap_day.to_rfc3339(), "2028-02-29T23:59:59Z");
        assert_eq!(
            leap_day.plus_seconds(1).to_rfc3339(),
            "2028-03-01T00:00:00Z"
        );
        assert_eq!(
            Timestamp::from_unix_millis(-1).to_rfc3339(),
            "1969-12-31T23:59:59Z"
        );
    }

    #[test]
    fn rejects_malformed_dates() {
        for text in [
            "2026-02-30T00:00:00Z",
            "2027-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-02-03 10:00:00Z",
            "2026-02-03T24:00:00Z",
            "2026-02-03T10:00:00",
            "2026-02-03T10:00:00+0500",
            "2026-02-03T10:00:00.Z",
            "2026-02-03",
            "+026-02-03T10:00:00Z",
        ] {
            assert_eq!(Timestamp::parse_rfc3339(text), None, "{text}");
        }
    }

    #[test]
    fn an_advanced_clock_moves_all_its_clones() {
        let clock = Clock::system();
        let clone = clock.clone();
        let before = clone.now();
        clock.advance(Duration::from_secs(3600));
        assert!(clone.now().unix_millis() - before.unix_millis() >= 3_600_000);
    }
}
