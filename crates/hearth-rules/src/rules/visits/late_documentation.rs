use chrono::{DateTime, FixedOffset, TimeDelta};
use hearth_model::Encounter;

use super::common;
use crate::calendar;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every encounter is documented within `max_hours` (default 24) of its end, or
    /// marked as a late entry.
    ///
    /// - **Which encounters**: every encounter, of any kind and status (a no-show is
    ///   documented too), dated (local date of `started_at`) inside the enrollment
    ///   `[entered_on, end]` (end: the exit date once exited, else the evaluation date).
    /// - **The delay**: from the encounter's end (`started_at` plus `minutes`, or
    ///   `started_at` when `minutes` is absent) to `documented_at`, as an exact duration
    ///   between two moments (offsets taken into account, so a daylight-saving change or a
    ///   different offset does not shift it). Exactly `max_hours` passes; one second more
    ///   is late.
    /// - **Late and `late_entry` false**: a finding at `.../documented_at`, dated the
    ///   local date of `documented_at` (the day the unmarked late note was entered). A
    ///   late note marked `late_entry` true is what the standards ask: no finding.
    /// - **Not documented** (no `documented_at`, or one after the evaluation day, which
    ///   did not exist yet): when `require_documented_at` is true, a finding at the
    ///   encounter once the deadline's local date is on or before the evaluation date,
    ///   dated that day. When false (default), such encounters cannot be judged: one
    ///   `not-evaluated` finding per enrollment at its `encounters` list, naming them,
    ///   dated the enrollment's end.
    ///
    /// ## Why
    /// Case notes are entered promptly so the record can be relied on: information from
    /// an interview goes into HMIS within 24 hours. A note written later than that, or
    /// out of chronological order, is recorded as a late entry so a reader knows it was
    /// written after the fact.
    ///
    /// ## Example that fails
    /// A 60-minute home visit `E015` at 2025-10-07 10:00 documented 2025-10-10 16:00
    /// without `late_entry`: one finding at `/enrollments/0/encounters/0/documented_at`,
    /// "E015 (2025-10-07) documented 77 h 0 min after it ended; at most 24 h unless marked
    /// as a late entry".
    ///
    /// ## Example that passes
    /// The same note with `late_entry` true, and a note entered 24 hours exactly after a
    /// visit ended.
    pub struct LateDocumentation;
    meta {
        code: "VISIT007",
        name: "late-documentation",
        area: Area::Visit,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "An encounter was documented more than 24 hours after it ended without being marked as a late entry.",
        help: "Document encounters within 24 hours; when a note is entered later, mark it as a late entry (late_entry = true).",
        requirements: &[Citation {
            id: "R-VISIT-7",
            source: "003",
            section: "Assessment (initial interview documented in HMIS \"within 24 hours\"); Case Notes (\"Record as 'late entry'\")",
        }],
        params: &[
            ParamSpec {
                name: "max_hours",
                doc: "The longest time, in hours, from an encounter's end to its documentation before it must be marked as a late entry.",
                kind: ParamKind::Integer { min: 1, max: 720 },
                default: ParamDefault::Integer(24),
            },
            ParamSpec {
                name: "require_documented_at",
                doc: "Whether an encounter without documented_at is a finding once its deadline has passed (true), or is reported as not evaluated (false).",
                kind: ParamKind::Flag,
                default: ParamDefault::Flag(false),
            },
        ],
    }
}

/// When an encounter ended: `started_at` plus `minutes`, or `started_at`.
fn ended_at(encounter: &Encounter) -> DateTime<FixedOffset> {
    let minutes = i64::from(encounter.minutes.unwrap_or(0));
    encounter
        .started_at
        .checked_add_signed(TimeDelta::try_minutes(minutes).unwrap_or_default())
        .unwrap_or(encounter.started_at)
}

/// "77 h 5 min".
fn hours_minutes(delay: TimeDelta) -> String {
    let minutes = delay.num_minutes();
    format!("{} h {} min", minutes / 60, minutes % 60)
}

impl Rule for LateDocumentation {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let max_hours = cx.params.int("max_hours");
        let max = TimeDelta::try_hours(max_hours).unwrap_or(TimeDelta::MAX);
        let require = cx.params.flag("require_documented_at");
        for (path, enrollment) in cx.enrollments() {
            let mut undocumented: Vec<&str> = Vec::new();
            for dated in common::encounters_in_window(cx, enrollment) {
                let e = dated.encounter;
                let end = ended_at(e);
                let documented = e
                    .documented_at
                    .filter(|at| calendar::local_date(at) <= cx.as_of);
                match documented {
                    Some(at) => {
                        let delay = at.signed_duration_since(end);
                        if delay > max && !e.late_entry {
                            out.findings.push(cx.finding(
                                &dated.path(&path).key("documented_at"),
                                calendar::local_date(&at),
                                format!(
                                    "{} ({}) documented {} after it ended; at most {max_hours} h unless marked as a late entry",
                                    dated.id(),
                                    dated.date,
                                    hours_minutes(delay)
                                ),
                            ));
                        }
                    }
                    None if require => {
                        let deadline = end.checked_add_signed(max).unwrap_or(end);
                        let due = calendar::local_date(&deadline);
                        if due <= cx.as_of {
                            out.findings.push(cx.finding(
                                &dated.path(&path),
                                due,
                                format!(
                                    "{} ({}) not documented within {max_hours} h of its end",
                                    dated.id(),
                                    dated.date
                                ),
                            ));
                        }
                    }
                    None => undocumented.push(dated.id()),
                }
            }
            if !undocumented.is_empty() {
                out.findings.push(cx.not_evaluated(
                    &path.key("encounters"),
                    cx.end_of(enrollment),
                    format!(
                        "{} without documented_at, so their timeliness cannot be judged: {}",
                        common::counted(
                            i64::try_from(undocumented.len()).unwrap_or(i64::MAX),
                            "encounter"
                        ),
                        undocumented.join(", ")
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, FindingKind, ParamValue, Params};

    fn run(encounters: &[&str], require: bool) -> Vec<Finding> {
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-01","encounters":[{}]}}]}}"#,
            encounters.join(",")
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let mut params = Params::defaults(LateDocumentation::META.params);
        params.set("require_documented_at", ParamValue::Flag(require));
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &LateDocumentation::META,
        );
        let mut out = Out::default();
        LateDocumentation.check(&cx, &mut out);
        out.findings
    }

    #[test]
    fn exactly_24_hours_after_the_end_passes_one_second_more_fails() {
        let f = run(
            &[
                // ends 11:00-05:00 (16:00Z); documented 16:00Z next day: exactly 24 h
                r#"{"id":"A","started_at":"2026-01-05T10:00:00-05:00","minutes":60,"mode":"in-person","documented_at":"2026-01-06T17:00:00+01:00"}"#,
                // one second more
                r#"{"id":"B","started_at":"2026-01-05T10:00:00-05:00","minutes":60,"mode":"in-person","documented_at":"2026-01-06T11:00:01-05:00"}"#,
                // no minutes: measured from the start
                r#"{"id":"C","started_at":"2026-01-05T10:00:00-05:00","mode":"phone","documented_at":"2026-01-06T10:30:00-05:00"}"#,
                // late but marked
                r#"{"id":"D","started_at":"2026-01-05T10:00:00-05:00","mode":"phone","documented_at":"2026-01-09T10:30:00-05:00","late_entry":true}"#,
            ],
            false,
        );
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.path.as_str(), f.on.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "/enrollments/0/encounters/1/documented_at",
                    "2026-01-06".to_owned()
                ),
                (
                    "/enrollments/0/encounters/2/documented_at",
                    "2026-01-06".to_owned()
                )
            ]
        );
        assert_eq!(
            f[1].message,
            "C (2026-01-05) documented 24 h 30 min after it ended; at most 24 h unless marked as a late entry"
        );
    }

    #[test]
    fn missing_documentation_by_parameter() {
        let encounters = [
            r#"{"id":"A","started_at":"2026-01-05T10:00:00-05:00","minutes":60,"mode":"in-person"}"#,
            r#"{"id":"B","started_at":"2026-06-30T10:00:00-05:00","minutes":60,"mode":"in-person"}"#,
            r#"{"id":"C","started_at":"2026-06-29T10:00:00-05:00","mode":"in-person","documented_at":"2026-07-02T10:00:00-05:00"}"#,
        ];
        let f = run(&encounters, false);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, FindingKind::NotEvaluated);
        assert_eq!(f[0].path, "/enrollments/0/encounters");
        assert_eq!(
            f[0].message,
            "3 encounters without documented_at, so their timeliness cannot be judged: A, C, B"
        );
        let f = run(&encounters, true);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.path.as_str(), f.on.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("/enrollments/0/encounters/0", "2026-01-06".to_owned()),
                ("/enrollments/0/encounters/2", "2026-06-30".to_owned())
            ]
        );
    }
}
