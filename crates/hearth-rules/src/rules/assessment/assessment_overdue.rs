use chrono::NaiveDate;

use super::common::{
    assessment_path, assessments_sorted, day_after, finished_on, keep_earliest, listed,
    FindingsByPath,
};
use crate::calendar::{add_months, days_between};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::path::Pointer;
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That the full assessment is repeated at least every `interval_months` calendar
    /// months (default 12) while the participant is enrolled.
    ///
    /// **Which assessments count:** those of an instrument in `instruments` (default
    /// `spdat`) and, when `count_marked_annual` is true (the default), any assessment
    /// marked `annual: true` whatever its instrument; only those begun on or before the
    /// evaluation date. They are taken in date order (ties by id), whatever the order of
    /// the list. An assessment is "done" on its `completed_on` (else its `started_on`).
    ///
    /// **The clock**, per enrollment: it starts at the last counting assessment begun
    /// before the enrollment's entry, or at the entry date when there is none. Each
    /// counting assessment begun during the enrollment (entry to exit, else the
    /// evaluation date) is due by the previous one's done date plus `interval_months`
    /// (`calendar::add_months`, so 2025-03-31 + 1 month is 2025-04-30) and restarts the
    /// clock from its own done date.
    ///
    /// - One begun after its due date: finding at `/assessments/N/started_on` of the
    ///   late one.
    /// - After the last one, when its due date is before the enrollment's last judged
    ///   day (exit, else the evaluation date): finding at the last one's `completed_on`
    ///   (or `started_on`), or at `/enrollments/N/entered_on` when the enrollment has
    ///   had none.
    ///
    /// Findings are dated the day after the due date, or the entry date when the clock
    /// ran out before the participant entered. The first assessment of an enrollment
    /// with no earlier one is not judged here (the intake assessment has its own rule,
    /// `ASMT002`). An assessment shared by two enrollments is reported once. For the
    /// enrollment open on the evaluation date the rule lists the obligation `assessment`,
    /// due on the last done date plus the interval.
    ///
    /// ## Why
    /// Connecticut's supportive-housing standards ask for the assessment to be redone at
    /// least once a year, because needs and acuity change; St. Louis asks for an annual
    /// assessment of services in every file; and the ICM approach repeats the full SPDAT
    /// at regular intervals so progress is measured and shown to the participant and the
    /// plan adjusted (programs set a shorter interval for that).
    ///
    /// ## Example that fails
    /// SPDAT `A3` completed 2025-03-17, the next SPDAT `A4` begun 2026-04-20: due by
    /// 2026-03-17, so one finding at `/assessments/3/started_on`, dated 2026-03-18.
    ///
    /// ## Example that passes
    /// The same file with `A4` begun on 2026-03-17, exactly twelve months after `A3` was
    /// completed.
    pub struct AssessmentOverdue;
    meta {
        code: "ASMT003",
        name: "assessment-overdue",
        area: Area::Assessment,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "The full assessment was not repeated within the interval (12 months).",
        help: "Schedule the full assessment (SPDAT or the annual assessment) before the interval runs out and record it in `assessments`.",
        requirements: &[
            Citation {
                id: "R-ASMT-3",
                source: "004",
                section: "Assessment",
            },
            Citation {
                id: "R-ASMT-3",
                source: "003",
                section: "Maintaining Case Records and Documentation",
            },
            Citation {
                id: "R-ASMT-3",
                source: "001",
                section: "There are assessments at regular intervals to track progress and amend service plans.",
            },
        ],
        params: &[
            ParamSpec {
                name: "interval_months",
                doc: "The most calendar months from one full assessment's completion to the start of the next.",
                kind: ParamKind::Integer { min: 1, max: 60 },
                default: ParamDefault::Integer(12),
            },
            ParamSpec {
                name: "instruments",
                doc: "Catalog instrument ids that count as the full assessment.",
                kind: ParamKind::Ids,
                default: ParamDefault::Ids(&["spdat"]),
            },
            ParamSpec {
                name: "count_marked_annual",
                doc: "Whether an assessment marked `annual: true` counts whatever its instrument.",
                kind: ParamKind::Flag,
                default: ParamDefault::Flag(true),
            },
        ],
    }
}

/// Where the clock last started: the date, and the pointer to report a trailing lapse at.
struct Clock {
    from: NaiveDate,
    what: String,
    path: Pointer,
}

impl Rule for AssessmentOverdue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let months = cx.params.int("interval_months");
        let instruments = cx.params.ids("instruments");
        let marked = cx.params.flag("count_marked_annual");
        let counting = assessments_sorted(cx.case, cx.as_of, |a| {
            listed(instruments, a.instrument.as_str()) || (marked && a.annual)
        });
        // Findings by path, keeping the earliest date, so a shared assessment is
        // reported once whatever the order of the enrollments.
        let mut findings = FindingsByPath::new();
        let mut obligation: Option<(&hearth_model::Enrollment, Clock, NaiveDate)> = None;
        for (path, enrollment) in cx.enrollments() {
            let entered = enrollment.entered_on;
            if entered > cx.as_of {
                continue;
            }
            let judged_until = cx.end_of(enrollment);
            let mut clock = match counting.iter().rfind(|(_, a)| a.started_on < entered) {
                Some((i, a)) => clock_after(*i, a, cx.as_of),
                None => Clock {
                    from: entered,
                    what: format!("entry on {entered}"),
                    path: path.key("entered_on"),
                },
            };
            for (i, a) in counting
                .iter()
                .filter(|(_, a)| a.started_on >= entered && a.started_on <= judged_until)
            {
                let due = add_months(clock.from, months);
                if a.started_on > due {
                    let on = day_after(due).max(entered);
                    let message = format!(
                        "assessment {} ({}) begun on {}, {} days after {}; due by {due} (every {months} months)",
                        a.id,
                        a.instrument,
                        a.started_on,
                        days_between(clock.from, a.started_on),
                        clock.what
                    );
                    keep_earliest(
                        &mut findings,
                        assessment_path(*i).key("started_on"),
                        on,
                        message,
                    );
                }
                let next = clock_after(*i, a, cx.as_of);
                if next.from >= clock.from {
                    clock = next;
                }
            }
            let due = add_months(clock.from, months);
            if due < judged_until {
                let message = format!(
                    "enrollment {}: no assessment since {}; due by {due} (every {months} months)",
                    enrollment.id, clock.what
                );
                keep_earliest(
                    &mut findings,
                    clock.path.clone(),
                    day_after(due).max(entered),
                    message,
                );
            }
            if cx.is_open(enrollment) {
                let later = match &obligation {
                    Some((e, _, _)) => (entered, &enrollment.id) > (e.entered_on, &e.id),
                    None => true,
                };
                if later {
                    obligation = Some((enrollment, clock, due));
                }
            }
        }
        for (path, (on, message)) in findings {
            out.findings.push(cx.finding(&path, on, message));
        }
        if let Some((enrollment, clock, due)) = obligation {
            out.obligations.push(cx.obligation(
                enrollment,
                "assessment",
                "R-ASMT-3",
                format!("repeat the full assessment (last: {})", clock.what),
                &clock.path,
                due,
                None,
            ));
        }
    }
}

/// The clock restarted by assessment `a` (index `i`).
fn clock_after(i: usize, a: &hearth_model::Assessment, as_of: NaiveDate) -> Clock {
    let done = finished_on(a, as_of);
    let field = if a.completed_on == Some(done) {
        "completed_on"
    } else {
        "started_on"
    };
    Clock {
        from: done,
        what: format!("assessment {} ({}) done on {done}", a.id, a.instrument),
        path: assessment_path(i).key(field),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::{ParamValue, Params};
    use hearth_catalog::Catalog;

    fn run_with(json: &str, as_of: &str, months: i64) -> Out {
        let case = hearth_model::parse_case_file(json).unwrap();
        let catalog = Catalog::builtin();
        let mut params = Params::defaults(AssessmentOverdue::META.params);
        params.set("interval_months", ParamValue::Integer(months));
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &AssessmentOverdue::META,
        );
        let mut out = Out::default();
        AssessmentOverdue.check(&cx, &mut out);
        out
    }

    fn case(assessments: &str, exit: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"assessments":[{assessments}],
            "enrollments":[{{"id":"E1","program":"ct-psh","entered_on":"2025-02-18"{exit}}}]}}"#
        )
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn exactly_the_interval_passes_one_day_more_fails() {
        let a3 = r#"{"id":"A3","instrument":"spdat","started_on":"2025-03-10","completed_on":"2025-03-17"}"#;
        let ok = case(
            &format!(r#"{a3},{{"id":"A4","instrument":"spdat","started_on":"2026-03-17"}}"#),
            "",
        );
        assert!(run_with(&ok, "2026-06-30", 12).findings.is_empty());
        let late = case(
            &format!(r#"{{"id":"A4","instrument":"spdat","started_on":"2026-03-18"}},{a3}"#),
            "",
        );
        let out = run_with(&late, "2026-06-30", 12);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/assessments/0/started_on");
        assert_eq!(out.findings[0].on, d("2026-03-18"));
        assert_eq!(out.obligations.len(), 1);
        assert_eq!(out.obligations[0].due_on, Some(d("2027-03-18")));
    }

    #[test]
    fn trailing_lapse_needs_the_enrollment_to_reach_the_due_date() {
        let json = case(
            r#"{"id":"A1","instrument":"hai","annual":true,"started_on":"2025-03-01"}"#,
            r#","exit":{"exited_on":"2026-03-01","kind":"left-voluntarily"}"#,
        );
        assert!(run_with(&json, "2026-06-30", 12).findings.is_empty());
        let json = case(
            r#"{"id":"A1","instrument":"hai","annual":true,"started_on":"2025-03-01"}"#,
            r#","exit":{"exited_on":"2026-03-02","kind":"left-voluntarily"}"#,
        );
        let out = run_with(&json, "2026-06-30", 12);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/assessments/0/started_on");
        assert_eq!(out.findings[0].on, d("2026-03-02"));
        assert!(out.obligations.is_empty(), "no open enrollment");
    }

    #[test]
    fn no_assessment_at_all_runs_from_entry_and_other_instruments_do_not_count() {
        let json = case(
            r#"{"id":"A1","instrument":"hai","started_on":"2025-03-01"}"#,
            "",
        );
        let out = run_with(&json, "2026-02-18", 12);
        assert!(out.findings.is_empty());
        let out = run_with(&json, "2026-02-19", 12);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/enrollments/0/entered_on");
    }

    #[test]
    fn stale_assessment_before_entry_is_overdue_from_entry() {
        let json = case(
            r#"{"id":"A1","instrument":"spdat","started_on":"2023-01-10"}"#,
            "",
        );
        let out = run_with(&json, "2025-03-01", 12);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/assessments/0/started_on");
        assert_eq!(out.findings[0].on, d("2025-02-18"));
    }
}
