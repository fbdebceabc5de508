//! Calendar helpers that never panic: arithmetic saturates at chrono's range, and moments
//! carry the US local UTC offset (daylight saving time included) of the program's region.

use chrono::{
    DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, NaiveDateTime, NaiveTime, Offset,
    Weekday,
};

/// `date` plus `days` (negative to go back), saturating at chrono's range.
pub(crate) fn plus_days(date: NaiveDate, days: i64) -> NaiveDate {
    let magnitude = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// `date` plus `months` (negative to go back), clamped to the month's last day and
/// saturating at chrono's range.
pub(crate) fn plus_months(date: NaiveDate, months: i64) -> NaiveDate {
    let magnitude = Months::new(u32::try_from(months.unsigned_abs()).unwrap_or(u32::MAX));
    let moved = if months >= 0 {
        date.checked_add_months(magnitude)
    } else {
        date.checked_sub_months(magnitude)
    };
    moved.unwrap_or(if months >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// Days from `from` to `to` (negative when `to` is earlier).
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    to.signed_duration_since(from).num_days()
}

/// The first day of `date`'s month.
pub(crate) fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The last day of `date`'s month.
pub(crate) fn month_end(date: NaiveDate) -> NaiveDate {
    let next = plus_months(month_start(date), 1);
    if next <= date {
        NaiveDate::MAX
    } else {
        plus_days(next, -1)
    }
}

/// Whether `date` is a Monday to Friday.
pub(crate) fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `date`, or the Monday after it when it falls on a weekend.
pub(crate) fn weekday_on_or_after(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => plus_days(date, 2),
        Weekday::Sun => plus_days(date, 1),
        _ => date,
    }
}

/// `date`, or the Friday before it when it falls on a weekend.
pub(crate) fn weekday_on_or_before(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => plus_days(date, -1),
        Weekday::Sun => plus_days(date, -2),
        _ => date,
    }
}

/// A US time zone, by its standard offset from UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Zone {
    /// UTC-8 (UTC-7 in summer): Los Angeles.
    Pacific,
    /// UTC-7 (UTC-6 in summer): Denver.
    Mountain,
    /// UTC-6 (UTC-5 in summer): St. Louis.
    Central,
    /// UTC-5 (UTC-4 in summer): Connecticut, the east coast.
    Eastern,
}

impl Zone {
    fn standard_hours(self) -> i32 {
        match self {
            Zone::Pacific => -8,
            Zone::Mountain => -7,
            Zone::Central => -6,
            Zone::Eastern => -5,
        }
    }

    /// The offset in force on `date`: daylight saving time from the second Sunday of
    /// March to the first Sunday of November (the day of the change counts as the new
    /// time: encounters happen in the daytime).
    pub(crate) fn offset_on(self, date: NaiveDate) -> FixedOffset {
        let year = date.year();
        let start = NaiveDate::from_weekday_of_month_opt(year, 3, Weekday::Sun, 2);
        let end = NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Sun, 1);
        let summer = matches!((start, end), (Some(s), Some(e)) if date >= s && date < e);
        let hours = self.standard_hours() + i32::from(summer);
        FixedOffset::east_opt(hours * 3600).unwrap_or_else(utc)
    }

    /// The moment `minutes` after local midnight of `date`, with the offset in force.
    pub(crate) fn at(self, date: NaiveDate, minutes: u32) -> DateTime<FixedOffset> {
        let time = NaiveTime::from_num_seconds_from_midnight_opt(minutes.min(1439) * 60, 0)
            .unwrap_or(NaiveTime::MIN);
        let local = NaiveDateTime::new(date, time);
        let offset = self.offset_on(date);
        local
            .and_local_timezone(offset)
            .single()
            .unwrap_or_else(|| DateTime::from_naive_utc_and_offset(local, utc()))
    }
}

fn utc() -> FixedOffset {
    chrono::Utc.fix()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn offsets_follow_us_daylight_saving_time() {
        assert_eq!(
            Zone::Pacific.offset_on(d("2026-01-15")).local_minus_utc(),
            -8 * 3600
        );
        assert_eq!(
            Zone::Pacific.offset_on(d("2026-07-15")).local_minus_utc(),
            -7 * 3600
        );
        assert_eq!(
            Zone::Eastern.offset_on(d("2026-03-08")).local_minus_utc(),
            -4 * 3600
        );
        assert_eq!(
            Zone::Eastern.offset_on(d("2026-03-07")).local_minus_utc(),
            -5 * 3600
        );
        assert_eq!(
            Zone::Central.offset_on(d("2026-11-01")).local_minus_utc(),
            -6 * 3600
        );
        assert_eq!(
            Zone::Central.at(d("2026-06-01"), 600).to_rfc3339(),
            "2026-06-01T10:00:00-05:00"
        );
    }

    #[test]
    fn arithmetic_saturates() {
        assert_eq!(plus_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(plus_months(NaiveDate::MIN, -1), NaiveDate::MIN);
        assert_eq!(month_end(d("2024-02-10")), d("2024-02-29"));
        assert_eq!(month_end(NaiveDate::MAX), NaiveDate::MAX);
        assert_eq!(weekday_on_or_after(d("2026-11-28")), d("2026-11-30"));
        assert_eq!(weekday_on_or_before(d("2026-11-29")), d("2026-11-27"));
        let _ = Zone::Pacific.at(NaiveDate::MIN, 600);
        let _ = Zone::Eastern.at(NaiveDate::MAX, 1439);
    }
}
