use hearth_model::{Goal, GoalArea, GoalStatus};

use chrono::NaiveDate;

use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That a care plan has a housing goal: at least one goal of area `housing`, set on or
    /// before the enrollment's end (its exit, or the evaluation date while open), that is
    /// active, achieved or deferred, or that was discontinued only on or after the
    /// enrollment's end (plans are closed when the participant leaves). A housing goal
    /// discontinued before the end, or discontinued with no `closed_on`, does not count.
    ///
    /// One finding per plan, at `…/care_plan/goals`, dated the day the plan was created
    /// (`created_on`). A plan created after the enrollment's end is not judged. An
    /// enrollment (begun by the evaluation date) without a care plan cannot be checked:
    /// it gets a "not evaluated" finding at `…/care_plan`, dated the enrollment's end.
    ///
    /// ## Why
    /// The St. Louis standards accept that goal setting is individual, but one goal is
    /// always there: housing. Housing-focused case management is about getting a person
    /// housed or keeping them housed, so every plan carries a goal for it, whatever else
    /// the participant chooses to work on.
    ///
    /// ## Example that fails
    /// A plan created 2026-01-20 whose goals are income (`G1`) and mental health (`G2`):
    /// one finding at `/enrollments/0/care_plan/goals`, on 2026-01-20, "care plan has no
    /// housing goal".
    ///
    /// ## Example that passes
    /// The same plan with a goal `G3` of area `housing` (active, or achieved once the
    /// participant moved in).
    pub struct NoHousingGoal;
    meta {
        code: "PLAN004",
        name: "no-housing-goal",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A care plan has no housing goal.",
        help: "Add a goal of area `housing` with the participant: getting housed, or keeping the home they have.",
        requirements: &[Citation {
            id: "R-PLAN-4",
            source: "003",
            section: "First Case Management Appointment: \"housing should always be a goal\"",
        }],
        params: &[],
    }
}

/// Whether `goal` is a housing goal that counts for a plan judged up to `end`.
fn counts(goal: &Goal, end: NaiveDate) -> bool {
    goal.area == GoalArea::Housing
        && goal.set_on <= end
        && (goal.status != GoalStatus::Discontinued
            || goal.closed_on.is_some_and(|closed| closed >= end))
}

impl Rule for NoHousingGoal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment) in cx.enrollments() {
            if enrollment.entered_on > cx.as_of {
                continue;
            }
            let end = cx.end_of(enrollment);
            let Some(plan) = &enrollment.care_plan else {
                out.findings.push(cx.not_evaluated(
                    &path.key("care_plan"),
                    end,
                    format!(
                        "enrollment {} has no care plan to check for a housing goal",
                        enrollment.id
                    ),
                ));
                continue;
            };
            if plan.created_on > end {
                continue;
            }
            if !plan.goals.iter().any(|g| counts(g, end)) {
                out.findings.push(cx.finding(
                    &path.key("care_plan").key("goals"),
                    plan.created_on,
                    "care plan has no housing goal",
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::FindingKind;
    use crate::param::Params;
    use hearth_catalog::Catalog;

    fn run(enrollment_tail: &str, as_of: &str) -> Vec<(FindingKind, String, String)> {
        let text = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-05"{enrollment_tail}}}]}}"#
        );
        let case = hearth_model::parse_case_file(&text).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::default();
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &NoHousingGoal::META,
        );
        let mut out = Out::default();
        NoHousingGoal.check(&cx, &mut out);
        out.findings
            .into_iter()
            .map(|f| (f.kind, f.path, f.on.to_string()))
            .collect()
    }

    fn plan(goals: &str) -> String {
        format!(r#","care_plan":{{"created_on":"2026-01-20","goals":[{goals}]}}"#)
    }

    #[test]
    fn discontinued_housing_goal_counts_only_when_closed_at_the_end() {
        let exit = r#","exit":{"exited_on":"2026-03-01","kind":"left-voluntarily"}"#;
        let at_exit = r#"{"id":"G1","area":"housing","status":"discontinued","set_on":"2026-01-20","closed_on":"2026-03-01"}"#;
        assert!(run(&format!("{}{exit}", plan(at_exit)), "2026-06-30").is_empty());
        let before = r#"{"id":"G1","area":"housing","status":"discontinued","set_on":"2026-01-20","closed_on":"2026-02-28"}"#;
        assert_eq!(
            run(&format!("{}{exit}", plan(before)), "2026-06-30"),
            vec![(
                FindingKind::Violation,
                "/enrollments/0/care_plan/goals".to_owned(),
                "2026-01-20".to_owned()
            )]
        );
        let achieved = r#"{"id":"G1","area":"housing","status":"achieved","set_on":"2026-01-20","closed_on":"2026-02-01"}"#;
        assert!(run(&plan(achieved), "2026-06-30").is_empty());
        let later = r#"{"id":"G1","area":"housing","status":"active","set_on":"2026-07-01"}"#;
        assert_eq!(run(&plan(later), "2026-06-30").len(), 1);
        assert!(run(&plan(later), "2026-07-01").is_empty());
    }

    #[test]
    fn no_plan_is_not_evaluated_and_future_plans_wait() {
        assert_eq!(
            run("", "2026-06-30"),
            vec![(
                FindingKind::NotEvaluated,
                "/enrollments/0/care_plan".to_owned(),
                "2026-06-30".to_owned()
            )]
        );
        assert!(run("", "2026-01-04").is_empty());
        assert!(run(&plan(""), "2026-01-19").is_empty());
    }
}
