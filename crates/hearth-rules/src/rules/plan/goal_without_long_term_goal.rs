use std::collections::BTreeSet;

use hearth_model::GoalStatus;

use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every goal of a care plan serves one of the participant's long-term goals:
    /// its `long_term_goal` names the `id` of an entry in the plan's `long_term_goals`.
    ///
    /// Goals checked: every goal except `discontinued` ones (including achieved and
    /// deferred goals), set on or before the enrollment's end (its exit, or the
    /// evaluation date while open).
    ///
    /// One finding per goal, dated the day the goal was set (`set_on`):
    /// - at the goal (`…/care_plan/goals/N`) when it names no long-term goal;
    /// - at `…/care_plan/goals/N/long_term_goal` when it names an id that is not among
    ///   the plan's long-term goals (for example when the plan lists none).
    ///
    /// ## Why
    /// Connecticut's service-planning guidance asks that every intervention relate to the
    /// tenant's own long-term goals: short-term goals are steps toward what the person
    /// wants for their life, not a separate list of the program's aims. Linking each goal
    /// to a long-term goal keeps the plan the participant's.
    ///
    /// ## Example that fails
    /// Goal `G3` (volunteering) has no `long_term_goal`: one finding at
    /// `/enrollments/0/care_plan/goals/2`, "goal G3 names no long-term goal". A goal naming
    /// `LTG9` in a plan whose long-term goals are `LTG1` and `LTG2` gives a finding at
    /// `/enrollments/0/care_plan/goals/0/long_term_goal`.
    ///
    /// ## Example that passes
    /// Every goal names `LTG1`, `LTG2` or `LTG3`, each listed in `long_term_goals`.
    pub struct GoalWithoutLongTermGoal;
    meta {
        code: "PLAN003",
        name: "goal-without-long-term-goal",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A goal is not tied to any of the participant's long-term goals.",
        help: "Ask the participant which of their long-term goals this goal serves and record it in `long_term_goal` (add the long-term goal to the plan if it is new).",
        requirements: &[Citation {
            id: "R-PLAN-3",
            source: "004",
            section: "Service Planning: \"Relate all interventions to tenants' long-term goals\"",
        }],
        params: &[],
    }
}

impl Rule for GoalWithoutLongTermGoal {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment) in cx.enrollments() {
            let Some(plan) = &enrollment.care_plan else {
                continue;
            };
            let end = cx.end_of(enrollment);
            let known: BTreeSet<&str> =
                plan.long_term_goals.iter().map(|l| l.id.as_str()).collect();
            let goals = path.key("care_plan").key("goals");
            for (i, goal) in plan.goals.iter().enumerate() {
                if goal.status == GoalStatus::Discontinued || goal.set_on > end {
                    continue;
                }
                match &goal.long_term_goal {
                    None => out.findings.push(cx.finding(
                        &goals.index(i),
                        goal.set_on,
                        format!("goal {} names no long-term goal", goal.id),
                    )),
                    Some(ltg) if !known.contains(ltg.as_str()) => out.findings.push(cx.finding(
                        &goals.index(i).key("long_term_goal"),
                        goal.set_on,
                        format!(
                            "goal {} names long-term goal {ltg}, which the plan does not list",
                            goal.id
                        ),
                    )),
                    Some(_) => {}
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

    fn run(plan: &str) -> Vec<(String, String)> {
        let text = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"ct-psh","entered_on":"2026-01-05","care_plan":{plan}}}]}}"#
        );
        let case = hearth_model::parse_case_file(&text).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::default();
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            &catalog,
            &params,
            &GoalWithoutLongTermGoal::META,
        );
        let mut out = Out::default();
        GoalWithoutLongTermGoal.check(&cx, &mut out);
        out.findings
            .into_iter()
            .map(|f| (f.path, f.message))
            .collect()
    }

    #[test]
    fn missing_unknown_and_skipped() {
        let got = run(
            r#"{"created_on":"2026-01-10","long_term_goals":[{"id":"LTG1"}],"goals":[
              {"id":"G1","area":"housing","status":"active","set_on":"2026-01-10","long_term_goal":"LTG1"},
              {"id":"G2","area":"income","status":"achieved","set_on":"2026-01-10","closed_on":"2026-03-01"},
              {"id":"G3","area":"legal","status":"deferred","set_on":"2026-01-10","long_term_goal":"LTG2"},
              {"id":"G4","area":"other","status":"discontinued","set_on":"2026-01-10"},
              {"id":"G5","area":"other","status":"active","set_on":"2026-07-01"}]}"#,
        );
        assert_eq!(
            got,
            vec![
                (
                    "/enrollments/0/care_plan/goals/1".to_owned(),
                    "goal G2 names no long-term goal".to_owned()
                ),
                (
                    "/enrollments/0/care_plan/goals/2/long_term_goal".to_owned(),
                    "goal G3 names long-term goal LTG2, which the plan does not list".to_owned()
                ),
            ]
        );
    }
}
