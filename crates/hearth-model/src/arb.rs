//! `arbitrary` helpers for values whose derived generator would produce something JSON
//! cannot carry (RFC 3339 offsets have no seconds; chrono's leap-second times do not
//! round-trip). Only compiled with the `arbitrary` feature.

use arbitrary::{Result, Unstructured};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

/// A date-time with a whole-minute offset between -14:00 and +14:00, in years 1900–2199.
pub(crate) fn timestamp(u: &mut Unstructured<'_>) -> Result<DateTime<FixedOffset>> {
    let offset_minutes: i32 = u.int_in_range(-14 * 60..=14 * 60)?;
    let offset =
        FixedOffset::east_opt(offset_minutes * 60).ok_or(arbitrary::Error::IncorrectFormat)?;
    let days: i64 = u.int_in_range(0..=109_572)?;
    let seconds: i64 = u.int_in_range(0..=86_399)?;
    let naive = NaiveDate::from_ymd_opt(1900, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .and_then(|t| {
            t.checked_add_signed(
                chrono::TimeDelta::days(days) + chrono::TimeDelta::seconds(seconds),
            )
        })
        .ok_or(arbitrary::Error::IncorrectFormat)?;
    Ok(offset.from_utc_datetime(&naive))
}

/// An optional [`timestamp`].
pub(crate) fn opt_timestamp(u: &mut Unstructured<'_>) -> Result<Option<DateTime<FixedOffset>>> {
    if u.arbitrary::<bool>()? {
        Ok(Some(timestamp(u)?))
    } else {
        Ok(None)
    }
}
