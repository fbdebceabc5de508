//! `arbitrary` helpers for values whose derived generator would produce something hearth
//! does not read back: dates outside 1900-01-01..=2200-12-31 (see `dates`), RFC 3339
//! offsets with seconds, chrono's leap-second times. Only compiled with the `arbitrary`
//! feature.

use arbitrary::{Result, Unstructured};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

use crate::dates::{EARLIEST_DATE, LATEST_DATE};
use crate::Personal;

/// A date from 1900-01-01 to 2200-12-31.
pub(crate) fn date(u: &mut Unstructured<'_>) -> Result<NaiveDate> {
    let span = LATEST_DATE.signed_duration_since(EARLIEST_DATE).num_days();
    let days: i64 = u.int_in_range(0..=span)?;
    EARLIEST_DATE
        .checked_add_signed(chrono::TimeDelta::days(days))
        .ok_or(arbitrary::Error::IncorrectFormat)
}

/// An optional [`date`].
pub(crate) fn opt_date(u: &mut Unstructured<'_>) -> Result<Option<NaiveDate>> {
    if u.arbitrary::<bool>()? {
        Ok(Some(date(u)?))
    } else {
        Ok(None)
    }
}

/// A list of [`date`]s.
pub(crate) fn date_list(u: &mut Unstructured<'_>) -> Result<Vec<NaiveDate>> {
    let mut dates = Vec::new();
    while u.arbitrary::<bool>()? {
        dates.push(date(u)?);
    }
    Ok(dates)
}

/// An optional personal [`date`] (a birth date).
pub(crate) fn opt_personal_date(u: &mut Unstructured<'_>) -> Result<Option<Personal<NaiveDate>>> {
    Ok(opt_date(u)?.map(Personal::new))
}

/// A date-time with a whole-minute offset between -14:00 and +14:00 whose local date is
/// a [`date`].
pub(crate) fn timestamp(u: &mut Unstructured<'_>) -> Result<DateTime<FixedOffset>> {
    let offset_minutes: i32 = u.int_in_range(-14 * 60..=14 * 60)?;
    let offset =
        FixedOffset::east_opt(offset_minutes * 60).ok_or(arbitrary::Error::IncorrectFormat)?;
    let seconds: u32 = u.int_in_range(0..=86_399)?;
    let local = date(u)?
        .and_hms_opt(seconds / 3600, seconds / 60 % 60, seconds % 60)
        .ok_or(arbitrary::Error::IncorrectFormat)?;
    offset
        .from_local_datetime(&local)
        .single()
        .ok_or(arbitrary::Error::IncorrectFormat)
}

/// An optional [`timestamp`].
pub(crate) fn opt_timestamp(u: &mut Unstructured<'_>) -> Result<Option<DateTime<FixedOffset>>> {
    if u.arbitrary::<bool>()? {
        Ok(Some(timestamp(u)?))
    } else {
        Ok(None)
    }
}
