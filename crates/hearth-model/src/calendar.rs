//! Calendar arithmetic that never panics, shared by the rules (`hearth_rules::calendar`
//! re-exports this module) and the generator, so that both count days and months alike.
//!
//! Conventions used by every rule (and stated in each rule's docs):
//! - A **day count** between two dates is `later - earlier` in days: an interview on
//!   the 10th after a contact on the 1st is 9 days after it. "Within N days" means a
//!   count of at most N.
//! - A **calendar month** runs from its 1st to its last day, in the local date of each
//!   record (an encounter's date is the date in its own recorded UTC offset).
//! - Arithmetic that would leave chrono's range saturates at its ends instead of failing.

use chrono::{DateTime, Datelike, Days, FixedOffset, Months, NaiveDate, Weekday};

/// `date` plus `days` (negative to go back), saturating at chrono's range.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
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

/// `date` plus `months` (negative to go back), clamped to the month's last day
/// (Jan 31 + 1 month = Feb 28/29), saturating at chrono's range.
pub fn add_months(date: NaiveDate, months: i64) -> NaiveDate {
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

/// Days from `from` to `to` (`to - from`); negative when `to` is earlier.
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The local calendar date of a moment, in the UTC offset it was recorded with.
pub fn local_date(moment: &DateTime<FixedOffset>) -> NaiveDate {
    moment.date_naive()
}

/// The first day of `date`'s month.
pub fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The last day of `date`'s month.
pub fn month_end(date: NaiveDate) -> NaiveDate {
    let next = add_months(month_start(date), 1);
    if next == NaiveDate::MAX {
        NaiveDate::MAX
    } else {
        add_days(next, -1)
    }
}

/// Whether `date` is a Monday to Friday.
pub fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `date`, or the Monday after it when it falls on a weekend (saturating at chrono's
/// range).
pub fn weekday_on_or_after(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => add_days(date, 2),
        Weekday::Sun => add_days(date, 1),
        _ => date,
    }
}

/// `date`, or the Friday before it when it falls on a weekend (saturating at chrono's
/// range).
pub fn weekday_on_or_before(date: NaiveDate) -> NaiveDate {
    match date.weekday() {
        Weekday::Sat => add_days(date, -1),
        Weekday::Sun => add_days(date, -2),
        _ => date,
    }
}

/// The earliest date a rule that walks the calendar month by month starts from
/// (1900-01-01). An entry date before it is a typing error, not history: walking from
/// year 0 or earlier would cost millions of months for one record, so such rules report
/// the record as not evaluated before this day instead.
pub const EARLIEST_WALKED: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// The latest date a rule that walks the calendar month by month goes to: 2200-12-31,
/// the last date hearth reads in a record ([`crate::LATEST_DATE`]). An evaluation
/// date after it is a typing error: walking to the year 262143 would cost millions of
/// months (and as many findings) for one record, so such rules report the months after
/// this day as not evaluated instead.
pub const LATEST_WALKED: NaiveDate = crate::LATEST_DATE;

/// The first days of every calendar month that overlaps `from..=to`, in order. Empty when
/// `to` is before `from`.
pub fn months_between(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    if to < from {
        return months;
    }
    let mut m = month_start(from);
    while m <= to {
        months.push(m);
        let next = add_months(m, 1);
        if next <= m {
            break;
        }
        m = next;
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn month_arithmetic_clamps_and_saturates() {
        assert_eq!(add_months(d("2026-01-31"), 1), d("2026-02-28"));
        assert_eq!(month_end(d("2024-02-10")), d("2024-02-29"));
        assert_eq!(add_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(add_days(NaiveDate::MIN, -1), NaiveDate::MIN);
        assert_eq!(add_months(NaiveDate::MIN, -1), NaiveDate::MIN);
        assert_eq!(month_end(NaiveDate::MAX), NaiveDate::MAX);
        // In chrono's last month, whose end is the last date there is.
        let near_max = NaiveDate::MAX.checked_sub_days(Days::new(11)).unwrap();
        assert_eq!(month_end(near_max), NaiveDate::MAX);
        assert_eq!(
            months_between(d("2025-11-20"), d("2026-02-01")),
            vec![
                d("2025-11-01"),
                d("2025-12-01"),
                d("2026-01-01"),
                d("2026-02-01")
            ]
        );
        assert!(months_between(d("2026-02-01"), d("2026-01-01")).is_empty());
        assert_eq!(days_between(d("2026-01-01"), d("2026-01-11")), 10);
    }

    #[test]
    fn weekends_move_to_the_nearest_weekday_in_the_direction_asked() {
        assert!(is_weekday(d("2026-11-27")));
        assert!(!is_weekday(d("2026-11-28")));
        assert_eq!(weekday_on_or_after(d("2026-11-28")), d("2026-11-30"));
        assert_eq!(weekday_on_or_after(d("2026-11-29")), d("2026-11-30"));
        assert_eq!(weekday_on_or_after(d("2026-11-30")), d("2026-11-30"));
        assert_eq!(weekday_on_or_before(d("2026-11-28")), d("2026-11-27"));
        assert_eq!(weekday_on_or_before(d("2026-11-29")), d("2026-11-27"));
    }

    #[test]
    fn local_date_uses_recorded_offset() {
        let late: DateTime<FixedOffset> = "2026-01-31T23:30:00-08:00".parse().unwrap();
        assert_eq!(local_date(&late), d("2026-01-31"));
    }
}
