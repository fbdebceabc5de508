//! The range of dates hearth reads, and the serde helpers that enforce it.
//!
//! chrono accepts years from about -262,000 to +262,000, written with a sign outside
//! 0000–9999 (`+12345-01-01`). No case record is dated before 1900 or after 2200: such a
//! date is a typing error (`0205` for `2025`, a lost digit, a sentinel value), and
//! reading it as history would make rules that walk the calendar do millions of steps
//! for one record. So every date and date-time field of every document is read through
//! these helpers, which reject a date outside [`EARLIEST_DATE`]..=[`LATEST_DATE`] as a
//! data error located at the field, without repeating the value. A date-time is judged
//! by its local date (the date written in it, before the UTC offset).
//!
//! The helpers only change reading: writing is serde's default, and the generated JSON
//! Schemas are unchanged (`"format": "date"` / `"date-time"`).

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

use crate::Personal;

/// The earliest date hearth reads: 1900-01-01.
pub const EARLIEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The latest date hearth reads: 2200-12-31.
pub const LATEST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2200, 12, 31) {
    Some(date) => date,
    None => NaiveDate::MAX,
};

/// Whether `date` is one hearth reads ([`EARLIEST_DATE`]..=[`LATEST_DATE`]).
pub fn date_in_range(date: NaiveDate) -> bool {
    (EARLIEST_DATE..=LATEST_DATE).contains(&date)
}

fn checked<E: serde::de::Error>(date: NaiveDate) -> Result<NaiveDate, E> {
    if date < EARLIEST_DATE {
        Err(E::custom(
            "date before 1900-01-01 (the value is not repeated here): hearth reads dates from 1900-01-01 to 2200-12-31; check the year",
        ))
    } else if date > LATEST_DATE {
        Err(E::custom(
            "date after 2200-12-31 (the value is not repeated here): hearth reads dates from 1900-01-01 to 2200-12-31; check the year",
        ))
    } else {
        Ok(date)
    }
}

/// A date read through [`date`], for lists and options of dates.
struct InRange(NaiveDate);

impl<'de> Deserialize<'de> for InRange {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        date(d).map(InRange)
    }
}

/// A date-time read through [`timestamp`], for options of date-times.
struct InRangeTime(DateTime<FixedOffset>);

impl<'de> Deserialize<'de> for InRangeTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        timestamp(d).map(InRangeTime)
    }
}

/// Reads a date as chrono's `NaiveDate` deserializer does (the same accepted texts, the
/// same value, the same error messages), without chrono's generic parser for the usual
/// exact `YYYY-MM-DD`: any other text, and an impossible date, goes to chrono, whose
/// error is the one reported. (Parsing dates was a fifth of reading a case file.)
struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // chrono's own words, so that a wrongly typed date reads as before.
        f.write_str("a formatted date string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<NaiveDate, E> {
        match exact_date(value.as_bytes()) {
            Some(date) => Ok(date),
            None => value.parse().map_err(E::custom),
        }
    }
}

/// Reads a date-time as chrono's `DateTime<FixedOffset>` deserializer does, with a fast
/// path for the usual exact `YYYY-MM-DDTHH:MM:SS` followed by `Z` or `±HH:MM`; anything
/// else (fractions of a second, a leap second, lower-case or spaced forms chrono also
/// accepts, and every error) goes to chrono.
struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime<FixedOffset>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 formatted date and time string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<DateTime<FixedOffset>, E> {
        match exact_date_time(value.as_bytes()) {
            Some(moment) => Ok(moment),
            None => value.parse().map_err(E::custom),
        }
    }
}

/// The number written in `digits` (ASCII digits only, at most 4 of them).
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// A date written exactly `YYYY-MM-DD` that exists; `None` for anything else.
fn exact_date(text: &[u8]) -> Option<NaiveDate> {
    match text {
        [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] => {
            let year = i32::try_from(number(&[*y0, *y1, *y2, *y3])?).ok()?;
            NaiveDate::from_ymd_opt(year, number(&[*m0, *m1])?, number(&[*d0, *d1])?)
        }
        _ => None,
    }
}

/// A date-time written exactly `YYYY-MM-DDTHH:MM:SS` then `Z` or `±HH:MM`, that exists;
/// `None` for anything else.
fn exact_date_time(text: &[u8]) -> Option<DateTime<FixedOffset>> {
    let (date, rest) = text.split_at_checked(10)?;
    let date = exact_date(date)?;
    let (time, zone) = rest.split_at_checked(9)?;
    let time = match time {
        [b'T', h0, h1, b':', m0, m1, b':', s0, s1] => NaiveTime::from_hms_opt(
            number(&[*h0, *h1])?,
            number(&[*m0, *m1])?,
            number(&[*s0, *s1])?,
        )?,
        _ => return None,
    };
    let seconds = match zone {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h0, h1, b':', m0, m1] => {
            let minutes = number(&[*m0, *m1])?;
            if minutes > 59 {
                return None;
            }
            let seconds = i32::try_from(number(&[*h0, *h1])? * 3600 + minutes * 60).ok()?;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let offset = FixedOffset::east_opt(seconds)?;
    offset
        .from_local_datetime(&NaiveDateTime::new(date, time))
        .single()
}

/// A date (`YYYY-MM-DD`) in range.
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    checked(d.deserialize_str(DateVisitor)?)
}

/// An optional date in range (`null` is `None`).
pub(crate) fn opt_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    Ok(Option::<InRange>::deserialize(d)?.map(|day| day.0))
}

/// A list of dates, each in range.
pub(crate) fn date_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
    Ok(Vec::<InRange>::deserialize(d)?
        .into_iter()
        .map(|day| day.0)
        .collect())
}

/// An optional personal date (a birth date) in range.
pub(crate) fn opt_personal_date<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Personal<NaiveDate>>, D::Error> {
    Ok(opt_date(d)?.map(Personal::new))
}

/// An RFC 3339 date-time whose local date is in range.
pub(crate) fn timestamp<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<DateTime<FixedOffset>, D::Error> {
    let moment = d.deserialize_str(DateTimeVisitor)?;
    checked(moment.naive_local().date())?;
    Ok(moment)
}

/// An optional date-time whose local date is in range.
pub(crate) fn opt_timestamp<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    Ok(Option::<InRangeTime>::deserialize(d)?.map(|moment| moment.0))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What reading `json` as a date gives, through [`date`] and through chrono's own
    /// deserializer: the value or the error message.
    fn both_dates(json: &str) -> (Result<NaiveDate, String>, Result<NaiveDate, String>) {
        let ours = serde_json::from_str::<InRange>(json)
            .map(|d| d.0)
            .map_err(|e| e.to_string());
        let chrono = serde_json::from_str::<NaiveDate>(json)
            .map_err(|e| e.to_string())
            .and_then(|d| checked::<serde_json::Error>(d).map_err(|e| e.to_string()));
        (ours, chrono)
    }

    fn both_times(
        json: &str,
    ) -> (
        Result<DateTime<FixedOffset>, String>,
        Result<DateTime<FixedOffset>, String>,
    ) {
        let ours = serde_json::from_str::<InRangeTime>(json)
            .map(|d| d.0)
            .map_err(|e| e.to_string());
        let chrono = serde_json::from_str::<DateTime<FixedOffset>>(json)
            .map_err(|e| e.to_string())
            .and_then(|m| {
                checked::<serde_json::Error>(m.naive_local().date())
                    .map(|_| m)
                    .map_err(|e| e.to_string())
            });
        (ours, chrono)
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for json in [
            "\"2026-03-01\"",
            "\"2024-02-29\"",
            "\"2023-02-29\"",
            "\"2026-02-30\"",
            "\"2026-13-01\"",
            "\"2026-00-10\"",
            "\"2026-01-00\"",
            "\"2026-1-01\"",
            "\" 2026-03-01\"",
            "\"2026-03-01 \"",
            "\"2026 - 03 - 01\"",
            "\"+2026-03-01\"",
            "\"2026/03/01\"",
            "\"2026-03\"",
            "\"\"",
            "\"0000-01-01\"",
            "\"1899-12-31\"",
            "\"2201-01-01\"",
            "\"2026-03-01T10:00:00Z\"",
            "\"\\u0032026-03-01\"",
            "5",
            "null",
            "[]",
            "{}",
        ] {
            let (ours, chrono) = both_dates(json);
            assert_eq!(ours, chrono, "{json}");
        }
    }

    #[test]
    fn date_times_read_as_chrono_reads_them() {
        for json in [
            "\"2026-03-01T10:00:00Z\"",
            "\"2026-03-01T10:00:00z\"",
            "\"2026-03-01t10:00:00Z\"",
            "\"2026-03-01 10:00:00Z\"",
            "\"2026-03-01T10:00:00-05:00\"",
            "\"2026-03-01T10:00:00+14:00\"",
            "\"2026-03-01T10:00:00-00:00\"",
            "\"2026-03-01T10:00:00+0530\"",
            "\"2026-03-01T10:00:00+24:00\"",
            "\"2026-03-01T10:00:00+23:60\"",
            "\"2026-03-01T10:00:00+99:00\"",
            "\"2026-03-01T10:00:00.250-05:00\"",
            "\"2026-03-01T23:59:60Z\"",
            "\"2026-03-01T24:00:00Z\"",
            "\"2026-03-01T10:60:00Z\"",
            "\"2026-03-01T10:00:00\"",
            "\"2026-03-01T10:00Z\"",
            "\"2026-02-30T10:00:00Z\"",
            "\"2026-03-01T10:00:00 UTC\"",
            "\"2026-03-01T10:00:00Z \"",
            "\"1900-01-01T00:30:00+14:00\"",
            "\"1899-12-31T23:30:00-01:00\"",
            "\"2200-12-31T23:30:00-05:00\"",
            "\"2201-01-01T00:00:00Z\"",
            "\"0000-01-01T00:00:00Z\"",
            "\"2026-03-01\"",
            "1",
            "true",
        ] {
            let (ours, chrono) = both_times(json);
            assert_eq!(ours, chrono, "{json}");
        }
    }

    proptest! {
        #[test]
        fn any_date_like_text_reads_as_chrono_reads_it(
            text in "[0-9+ -]{0,2}[0-9]{1,4}[-/ ]?[0-9]{1,2}-[0-9]{1,2}[ Z]?"
        ) {
            let json = serde_json::to_string(&text).unwrap();
            let (ours, chrono) = both_dates(&json);
            prop_assert_eq!(ours, chrono);
        }

        #[test]
        fn any_date_time_like_text_reads_as_chrono_reads_it(
            text in "[0-9]{4}-[0-9]{2}-[0-3][0-9][Tt ][0-2][0-9]:[0-6][0-9]:[0-6][0-9](\\.[0-9]{1,4})?( ?(Z|z|[+-][0-2][0-9]:?[0-6][0-9]))?"
        ) {
            let json = serde_json::to_string(&text).unwrap();
            let (ours, chrono) = both_times(&json);
            prop_assert_eq!(ours, chrono);
        }
    }

    #[test]
    fn the_bounds_are_the_documented_days() {
        assert_eq!(EARLIEST_DATE.to_string(), "1900-01-01");
        assert_eq!(LATEST_DATE.to_string(), "2200-12-31");
        assert!(date_in_range(EARLIEST_DATE) && date_in_range(LATEST_DATE));
        assert!(!date_in_range(EARLIEST_DATE.pred_opt().unwrap()));
        assert!(!date_in_range(LATEST_DATE.succ_opt().unwrap()));
    }
}
