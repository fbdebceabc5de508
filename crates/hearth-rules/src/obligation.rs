//! Obligations: what each requirement asks of a participant's team, and by when.

use chrono::NaiveDate;
use hearth_model::{EnrollmentId, ParticipantId, StaffId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where an obligation stands on the evaluation date.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ObligationStatus {
    /// Not done and past its due date.
    Overdue,
    /// Not done; due within the policy's lead time (`due_soon_days`).
    DueSoon,
    /// Not done; due later than the lead time.
    Upcoming,
    /// Done, but after the due date.
    DoneLate,
    /// Done on or before the due date.
    Done,
    /// The requirement does not apply to this participant now.
    NotApplicable,
    /// A waiver covers it.
    Waived,
}

impl ObligationStatus {
    /// Every status, in report order.
    pub const ALL: [ObligationStatus; 7] = [
        Self::Overdue,
        Self::DueSoon,
        Self::Upcoming,
        Self::DoneLate,
        Self::Done,
        Self::NotApplicable,
        Self::Waived,
    ];

    /// The status as written in reports (`overdue`, `due-soon`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Overdue => "overdue",
            Self::DueSoon => "due-soon",
            Self::Upcoming => "upcoming",
            Self::DoneLate => "done-late",
            Self::Done => "done",
            Self::NotApplicable => "not-applicable",
            Self::Waived => "waived",
        }
    }

    /// The status of something due on `due`, done on `done` (if it was), judged on
    /// `as_of` with `due_soon_days` of lead time. Due on `as_of` itself is due soon, not
    /// overdue: the day is not over.
    pub fn of(
        due: NaiveDate,
        done: Option<NaiveDate>,
        as_of: NaiveDate,
        due_soon_days: i64,
    ) -> ObligationStatus {
        match done {
            Some(d) if d <= due => Self::Done,
            Some(_) => Self::DoneLate,
            None if as_of > due => Self::Overdue,
            None if (due - as_of).num_days() <= due_soon_days => Self::DueSoon,
            None => Self::Upcoming,
        }
    }
}

impl std::str::FromStr for ObligationStatus {
    type Err = String;

    /// Reads a status as reports write it; the error lists the statuses.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Self::ALL.iter().map(|s| s.as_str()).collect();
                format!("no status {s:?}; the statuses are {}", names.join(", "))
            })
    }
}

impl std::fmt::Display for ObligationStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a requirement asks of a participant's team, with its due date or window and
/// where it stands. Agency software shows these as alerts and worklists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Obligation {
    /// The code of the rule that tracks it, e.g. `PLAN005`.
    pub code: String,
    /// The requirement id, e.g. `R-PLAN-5`.
    pub requirement: String,
    /// What is asked, as a kebab-case kind, e.g. `plan-review`, `in-person-visits`.
    pub kind: String,
    /// What is asked, in words, with ids, dates and counts only.
    pub description: String,
    /// The participant.
    pub participant_id: ParticipantId,
    /// The enrollment it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enrollment: Option<EnrollmentId>,
    /// The enrollment's case manager, for worklists by staff.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_manager: Option<StaffId>,
    /// JSON Pointer of the record the obligation is about.
    pub path: String,
    /// The first day of the window, when the obligation has one (a calendar month).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_start: Option<NaiveDate>,
    /// The last day on which it is on time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
    /// When it was done, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_on: Option<NaiveDate>,
    /// How many are still needed (visits in a month), when the obligation is a count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<u32>,
    /// Where it stands on the evaluation date.
    pub status: ObligationStatus,
    /// The id of the waiver that covers it, if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
}

impl Obligation {
    /// Sets the window's first day.
    pub fn with_window_start(mut self, start: NaiveDate) -> Self {
        self.window_start = Some(start);
        self
    }

    /// Sets the date it was done.
    pub fn with_done_on(mut self, done: Option<NaiveDate>) -> Self {
        self.done_on = done;
        self
    }

    /// Sets how many are still needed.
    pub fn with_remaining(mut self, remaining: u32) -> Self {
        self.remaining = Some(remaining);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in ObligationStatus::ALL {
            assert_eq!(status.as_str().parse::<ObligationStatus>(), Ok(status));
        }
        assert!("late"
            .parse::<ObligationStatus>()
            .unwrap_err()
            .contains("due-soon"));
    }
}
