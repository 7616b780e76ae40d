//! Wall-clock time for the sandbox: UTC timestamps on the wire as RFC 3339,
//! and a clock that tests can move forward instead of sleeping.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::macros::datetime;
use time::OffsetDateTime;

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

    /// A configured number of seconds later.
    pub fn plus_seconds_u64(self, seconds: u64) -> Self {
        self.plus_seconds(i64::try_from(seconds).unwrap_or(i64::MAX))
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
        // RFC 3339 has four-digit years: clamp to them rather than fail.
        let instant = OffsetDateTime::from_unix_timestamp(seconds)
            .ok()
            .filter(|instant| (0..=9999).contains(&instant.year()))
            .unwrap_or(if seconds < 0 {
                datetime!(0000-01-01 00:00:00 UTC)
            } else {
                datetime!(9999-12-31 23:59:59 UTC)
            });
        instant
            .format(&Rfc3339)
            .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
    }

    /// `Wed, 02 Dec 2026 15:37:43 GMT`: the HTTP `Date` header's form (IMF-fixdate).
    pub fn to_http_date(self) -> String {
        const FORMAT: &[time::format_description::BorrowedFormatItem<'_>] = time::macros::format_description!(
            "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
        );
        OffsetDateTime::from_unix_timestamp(self.0.div_euclid(MILLIS_PER_SECOND))
            .ok()
            .and_then(|instant| instant.format(FORMAT).ok())
            .unwrap_or_else(|| "Thu, 01 Jan 1970 00:00:00 GMT".to_owned())
    }

    /// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`; fractions below a
    /// millisecond are dropped.
    pub fn parse_rfc3339(text: &str) -> Option<Self> {
        // RFC 3339 lets readers take a space for the `T`; the API documents
        // the `T` and always did refuse anything else.
        if !matches!(text.as_bytes().get(10), Some(b'T' | b't')) {
            return None;
        }
        let instant = OffsetDateTime::parse(text, &Rfc3339).ok()?;
        let millis = instant.unix_timestamp_nanos() / 1_000_000;
        i64::try_from(millis).ok().map(Timestamp)
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

/// Every answer's `Date` from the sandbox's clock rather than the system's
/// (which the server would write otherwise): the page corrects a code's
/// countdown by the difference between `Date` and its own clock, so the two
/// must move together when a test moves the clock.
pub async fn date_header(
    axum::extract::State(state): axum::extract::State<crate::state::AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let mut response = next.run(request).await;
    let date = state.config.clock.now().to_http_date();
    if let Ok(value) = axum::http::HeaderValue::from_str(&date) {
        response
            .headers_mut()
            .insert(axum::http::header::DATE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_http_dates() {
        let instant = Timestamp::parse_rfc3339("2026-12-02T15:37:43.900Z").unwrap();
        assert_eq!(instant.to_http_date(), "Wed, 02 Dec 2026 15:37:43 GMT");
        assert_eq!(
            Timestamp::from_unix_millis(0).to_http_date(),
            "Thu, 01 Jan 1970 00:00:00 GMT"
        );
    }

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
}
