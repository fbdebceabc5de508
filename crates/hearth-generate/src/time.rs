//! Moments in the US local UTC offset (daylight saving time included) of the program's
//! region. Date arithmetic is the shared [`hearth_model::calendar`].

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, Weekday,
};

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
    fn moments_at_chronos_ends_do_not_panic() {
        let _ = Zone::Pacific.at(NaiveDate::MIN, 600);
        let _ = Zone::Eastern.at(NaiveDate::MAX, 1439);
    }
}
