//! Small helpers shared by the care-plan rules (private to the area).

use chrono::NaiveDate;
use hearth_model::{FreeText, Goal, GoalStatus, Stage};

use crate::calendar::add_days;

/// Whether a free-text field holds something (its text is never read).
pub(super) fn present(text: Option<&FreeText>) -> bool {
    text.is_some_and(|t| !t.is_blank())
}

/// The days `goal` was being worked on, as a range `[from, until)` (until exclusive),
/// for a plan judged up to `end`.
///
/// A goal is active from its `set_on` day. A goal still `active` stays active through
/// `end`; a goal that is achieved, deferred or discontinued (or an active goal with a
/// `closed_on`) was active up to the day before its `closed_on`. A closed goal without
/// `closed_on` has no known active days.
pub(super) fn active_range(goal: &Goal, end: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    let until = match (goal.status, goal.closed_on) {
        (_, Some(closed)) => closed,
        (GoalStatus::Active, None) => add_days(end, 1),
        (_, None) => return None,
    };
    Some((goal.set_on, until))
}

/// The kebab-case id of a stage, as written in case files (serde's spelling).
pub(super) fn stage_id(stage: Stage) -> &'static str {
    hearth_model::name::name_or_empty(&stage)
}

/// Merges day ranges `[start, end)` (end exclusive) into sorted, disjoint ranges.
pub(super) fn merge_ranges(mut ranges: Vec<(NaiveDate, NaiveDate)>) -> Vec<(NaiveDate, NaiveDate)> {
    ranges.retain(|(start, end)| start < end);
    ranges.sort();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => {
                if end > last.1 {
                    last.1 = end;
                }
            }
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// Whether `day` falls in one of the sorted, disjoint ranges `[start, end)`.
pub(super) fn in_ranges(ranges: &[(NaiveDate, NaiveDate)], day: NaiveDate) -> bool {
    let after = ranges.partition_point(|(start, _)| *start <= day);
    after
        .checked_sub(1)
        .and_then(|i| ranges.get(i))
        .is_some_and(|(_, end)| day < *end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn ranges_merge_and_lookup() {
        let merged = merge_ranges(vec![
            (d("2026-03-01"), d("2026-03-10")),
            (d("2026-01-01"), d("2026-02-01")),
            (d("2026-01-15"), d("2026-02-05")),
            (d("2026-04-01"), d("2026-04-01")),
        ]);
        assert_eq!(
            merged,
            vec![
                (d("2026-01-01"), d("2026-02-05")),
                (d("2026-03-01"), d("2026-03-10"))
            ]
        );
        assert!(in_ranges(&merged, d("2026-01-01")));
        assert!(in_ranges(&merged, d("2026-02-04")));
        assert!(!in_ranges(&merged, d("2026-02-05")));
        assert!(!in_ranges(&merged, d("2025-12-31")));
        assert!(in_ranges(&merged, d("2026-03-09")));
        assert!(!in_ranges(&merged, d("2026-03-10")));
        assert!(!in_ranges(&[], d("2026-03-10")));
    }
}
