//! Argument parsers shared by the commands, so one flag means one thing everywhere.

use chrono::NaiveDate;
use hearth::model::{EARLIEST_DATE, LATEST_DATE};

/// Parses an evaluation date (`--as-of`): exactly `YYYY-MM-DD`, a real date, and within
/// the range hearth reads in documents (1900-01-01 to 2200-12-31), so a typo such as
/// `0205-11-30` is refused instead of quietly finding nothing.
pub fn as_of_date(text: &str) -> Result<NaiveDate, String> {
    let shaped = text.len() == 10
        && text.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    if !shaped {
        return Err("expected a date as YYYY-MM-DD (2026-11-30)".to_owned());
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| "not a real date (like February 30): expected YYYY-MM-DD".to_owned())?;
    check_range(date)
}

/// A date within the range hearth reads (1900-01-01 to 2200-12-31), or what is wrong.
pub fn check_range(date: NaiveDate) -> Result<NaiveDate, String> {
    if (EARLIEST_DATE..=LATEST_DATE).contains(&date) {
        Ok(date)
    } else {
        Err(format!(
            "{date} is outside the dates hearth reads ({EARLIEST_DATE} to {LATEST_DATE}); is the year mistyped?"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_dates_are_exact_real_and_in_range() {
        assert_eq!(
            as_of_date("2026-11-30"),
            "2026-11-30".parse::<NaiveDate>().map_err(|e| e.to_string())
        );
        for bad in ["0205-11-30", "2201-01-01", "1899-12-31"] {
            let err = as_of_date(bad).unwrap_err();
            assert!(err.contains("outside"), "{bad}: {err}");
        }
        for bad in ["2026-2-3", "26-11-30", "2026/11/30", "+2026-11-30", ""] {
            assert!(as_of_date(bad).unwrap_err().contains("YYYY-MM-DD"), "{bad}");
        }
        assert!(as_of_date("2026-02-30").unwrap_err().contains("real date"));
    }
}
