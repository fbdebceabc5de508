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

use chrono::{DateTime, FixedOffset, NaiveDate};
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

/// A date (`YYYY-MM-DD`) in range.
pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    checked(NaiveDate::deserialize(d)?)
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
    let moment = DateTime::<FixedOffset>::deserialize(d)?;
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
    use super::*;

    #[test]
    fn the_bounds_are_the_documented_days() {
        assert_eq!(EARLIEST_DATE.to_string(), "1900-01-01");
        assert_eq!(LATEST_DATE.to_string(), "2200-12-31");
        assert!(date_in_range(EARLIEST_DATE) && date_in_range(LATEST_DATE));
        assert!(!date_in_range(EARLIEST_DATE.pred_opt().unwrap()));
        assert!(!date_in_range(LATEST_DATE.succ_opt().unwrap()));
    }
}
