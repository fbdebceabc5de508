use std::collections::BTreeMap;

use chrono::NaiveDate;
use hearth_model::{GoalStatus, Progress};

use crate::calendar::{add_days, days_between, local_date};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That a supervisor is brought in when a goal stalls. For each goal whose status is
    /// `active` (set on or before the enrollment's end), the days it had progress are the
    /// local dates of completed encounters that record it in `goals_discussed` with
    /// progress `some` or `achieved` (`none` and `setback` are not progress); the goal's
    /// `set_on` day starts the chain. Progress recorded before `set_on` or after the
    /// enrollment's end (its exit, or the evaluation date while open) is ignored.
    ///
    /// A stall is a stretch from one progress day to the next, or from the last one to
    /// the enrollment's end, longer than `stalled_days` (default 60; the day count is
    /// `later - earlier`, so exactly `stalled_days` is not a stall). Every stall needs a
    /// plan review with `supervisor_involved: true` dated after the stall began and no
    /// later than the day it ended (the next progress, or the enrollment's end). A stall
    /// without one gives a finding at the goal (`…/care_plan/goals/N`), dated the day the
    /// goal became stalled: the stall's first day + `stalled_days` + 1.
    ///
    /// Goals no longer active (achieved, deferred, discontinued) are not judged: a
    /// decision was taken about them.
    ///
    /// ## Why
    /// The St. Louis standards ask that progress be watched at every appointment, and that
    /// when the steps in a plan bring no progress, a supervisor gets involved. A goal
    /// that has not moved for months needs a fresh look, a different approach or a
    /// different goal, and a supervisor's review makes sure that happens.
    ///
    /// ## Example that fails
    /// Goal `G1` (active) last had progress `some` on 2026-02-02; later visits record only
    /// `none` and `setback`, and no review involves a supervisor. As of 2026-06-30 one
    /// finding at `/enrollments/0/care_plan/goals/0` on 2026-04-04 (2026-02-02 + 61 days).
    ///
    /// ## Example that passes
    /// The same goal with a plan review on 2026-04-10 marked `supervisor_involved: true`.
    pub struct StalledGoalWithoutSupervisor;
    meta {
        code: "PLAN008",
        name: "stalled-goal-without-supervisor",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Warning,
        summary: "A goal had no progress for longer than the limit (60 days) and no supervisor was involved in a plan review.",
        help: "Hold a plan review with your supervisor about the stalled goal, record it with `supervisor_involved: true`, and agree with the participant on a new approach or a changed goal.",
        requirements: &[Citation {
            id: "R-PLAN-7",
            source: "003",
            section: "Comprehensive Case Plan: \"If progress is not seen by action steps in a case plan, get a supervisor involved\"",
        }],
        params: &[ParamSpec {
            name: "stalled_days",
            doc: "Days without progress (`some` or `achieved`) after which a goal is stalled and needs a supervisor (days).",
            kind: ParamKind::Integer { min: 1, max: 730 },
            default: ParamDefault::Integer(60),
        }],
    }
}

/// Whether a sorted list of dates holds one in `(after, until]`.
fn any_between(sorted: &[NaiveDate], after: NaiveDate, until: NaiveDate) -> bool {
    let first_after = sorted.partition_point(|d| *d <= after);
    sorted.get(first_after).is_some_and(|d| *d <= until)
}

impl Rule for StalledGoalWithoutSupervisor {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let stalled = cx.params.int("stalled_days");
        for (path, enrollment) in cx.enrollments() {
            let Some(plan) = &enrollment.care_plan else {
                continue;
            };
            let end = cx.end_of(enrollment);

            let mut progress: BTreeMap<&str, Vec<NaiveDate>> = BTreeMap::new();
            for encounter in &enrollment.encounters {
                let on = local_date(&encounter.started_at);
                if !encounter.status.took_place() || on > end {
                    continue;
                }
                for discussed in &encounter.goals_discussed {
                    if matches!(discussed.progress, Progress::Some | Progress::Achieved) {
                        progress
                            .entry(discussed.goal.as_str())
                            .or_default()
                            .push(on);
                    }
                }
            }
            let mut supervised: Vec<NaiveDate> = plan
                .reviews
                .iter()
                .filter(|r| r.supervisor_involved == Some(true) && r.reviewed_on <= end)
                .map(|r| r.reviewed_on)
                .collect();
            supervised.sort_unstable();

            let goals = path.key("care_plan").key("goals");
            for (i, goal) in plan.goals.iter().enumerate() {
                if goal.status != GoalStatus::Active || goal.set_on > end {
                    continue;
                }
                let mut days: Vec<NaiveDate> = progress
                    .get(goal.id.as_str())
                    .map(|d| d.iter().copied().filter(|d| *d >= goal.set_on).collect())
                    .unwrap_or_default();
                days.push(goal.set_on);
                days.sort_unstable();
                days.dedup();
                let ends = days.iter().skip(1).copied().chain(std::iter::once(end));
                for (from, until) in days.iter().copied().zip(ends) {
                    let gap = days_between(from, until);
                    if gap <= stalled || any_between(&supervised, from, until) {
                        continue;
                    }
                    let resumed = if until == end && days.last() == Some(&from) {
                        String::new()
                    } else {
                        format!(" (until {until})")
                    };
                    out.findings.push(cx.finding(
                        &goals.index(i),
                        add_days(from, stalled.saturating_add(1)),
                        format!(
                            "goal {} had no progress after {from} for {gap} days{resumed}, over {stalled}, with no plan review involving a supervisor",
                            goal.id
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::Params;
    use hearth_catalog::Catalog;

    fn run(progress: &[(&str, &str)], reviews: &str) -> Vec<(String, String, String)> {
        let encounters: Vec<String> = progress
            .iter()
            .enumerate()
            .map(|(i, (day, p))| {
                format!(
                    r#"{{"id":"E{i}","started_at":"{day}T10:00:00-06:00","mode":"in-person","goals_discussed":[{{"goal":"G1","progress":"{p}"}}]}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-05",
              "care_plan":{{"created_on":"2026-01-10","goals":[{{"id":"G1","area":"housing","status":"active","set_on":"2026-01-10"}}],"reviews":[{reviews}]}},
              "encounters":[{}]}}]}}"#,
            encounters.join(",")
        );
        let case = hearth_model::parse_case_file(&text).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::defaults(StalledGoalWithoutSupervisor::META.params);
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            &catalog,
            &params,
            &StalledGoalWithoutSupervisor::META,
        );
        let mut out = Out::default();
        StalledGoalWithoutSupervisor.check(&cx, &mut out);
        out.findings
            .into_iter()
            .map(|f| (f.path, f.on.to_string(), f.message))
            .collect()
    }

    #[test]
    fn exactly_the_limit_is_not_a_stall() {
        // Gaps of 50, 60, 1 and 60 days (2026-05-01 + 60 = 2026-06-30, the end).
        assert!(run(
            &[
                ("2026-03-01", "some"),
                ("2026-04-30", "some"),
                ("2026-05-01", "achieved")
            ],
            ""
        )
        .is_empty());
        let got = run(&[("2026-03-01", "some"), ("2026-04-30", "some")], "");
        assert_eq!(
            got,
            vec![(
                "/enrollments/0/care_plan/goals/0".to_owned(),
                "2026-06-30".to_owned(),
                "goal G1 had no progress after 2026-04-30 for 61 days, over 60, with no plan review involving a supervisor".to_owned()
            )]
        );
    }

    #[test]
    fn a_middle_stall_and_the_supervisor_review_window() {
        // Set 2026-01-10, progress 2026-04-15 (95 days), then 2026-05-20 and on.
        let progress = [
            ("2026-05-20", "some"),
            ("2026-02-01", "none"),
            ("2026-04-15", "some"),
            ("2026-06-20", "setback"),
        ];
        let got = run(&progress, "");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1, "2026-03-12");
        assert!(got[0]
            .2
            .contains("after 2026-01-10 for 95 days (until 2026-04-15)"));
        // A supervisor review within the stall covers it; one on its first day does not.
        let within = r#"{"reviewed_on":"2026-04-15","supervisor_involved":true}"#;
        assert!(run(&progress, within).is_empty());
        let too_early = r#"{"reviewed_on":"2026-01-10","supervisor_involved":true}"#;
        assert_eq!(run(&progress, too_early).len(), 1);
        let not_supervised = r#"{"reviewed_on":"2026-03-15","supervisor_involved":false}"#;
        assert_eq!(run(&progress, not_supervised).len(), 1);
    }

    #[test]
    fn between_helper() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let sorted = [d("2026-01-05"), d("2026-02-01")];
        assert!(any_between(&sorted, d("2026-01-05"), d("2026-02-01")));
        assert!(!any_between(&sorted, d("2026-01-05"), d("2026-01-31")));
        assert!(!any_between(&sorted, d("2026-02-01"), d("2026-03-01")));
        assert!(any_between(&sorted, d("2026-01-04"), d("2026-01-05")));
    }
}
