//! RFC 3339 instants as the providers write them, to milliseconds since the
//! Unix epoch. Written out rather than a date crate: the page compares one
//! deadline with the clock, and the crates that read offsets add kilobytes
//! to the bundle.

/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` to the value the
/// browser's `Date.parse` gives it (digits below a millisecond dropped).
pub fn unix_millis(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    // Year, month, day, hour, minute, second: the digits where `0` stands.
    let mut fields = [0_i64; 6];
    let mut field = 0;
    for (at, &expected) in b"0000-00-00T00:00:00".iter().enumerate() {
        let c = *bytes.get(at)?;
        if expected == b'0' && c.is_ascii_digit() {
            fields[field] = fields[field] * 10 + i64::from(c - b'0');
        } else if c.to_ascii_uppercase() == expected && expected != b'0' {
            field += 1;
        } else {
            return None;
        }
    }
    let [year, month, day, hour, minute, second] = fields;
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let mut rest = &bytes[19..];
    let mut millis = 0;
    if let [b'.', fraction @ ..] = rest {
        let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        for (i, c) in fraction.iter().take(3).enumerate() {
            if i < digits {
                millis += i64::from(c - b'0') * [100, 10, 1][i];
            }
        }
        rest = &fraction[digits..];
    }
    let offset_minutes = match *rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i64::from(a - b'0') * 10 + i64::from(b - b'0'))
            };
            let (hours, minutes) = (two(h1, h2)?, two(m1, m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = hours * 60 + minutes;
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        _ => return None,
    };
    let minutes = (days_from_civil(year, month, day) * 24 + hour) * 60 + minute - offset_minutes;
    Some((minutes * 60 + second) * 1000 + millis)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`); a day past its month's end runs into the next month,
/// as in `Date.parse`.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
#[path = "instant_tests.rs"]
mod tests;
