use hearth_model::EncounterKind;

use super::common::{active_range, in_ranges, merge_ranges};
use crate::calendar::local_date;
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That progress toward the plan's goals is discussed at every case-management
    /// appointment: each such encounter records at least one entry in `goals_discussed`.
    ///
    /// Encounters that count as appointments: `status` `completed`, with the participant
    /// present (`participant_present`), of kind `visit` or `follow-up`, in any mode (a
    /// phone appointment is still an appointment). Other kinds are left out: a first
    /// interview comes before the plan, outreach is engagement rather than an
    /// appointment, a case conference or discharge meeting has its own agenda, a crisis
    /// contact is unplanned, and a collateral contact is not with the participant.
    ///
    /// Only days when the plan has at least one active goal are judged (the encounter's
    /// date is its local date). A goal is active from its `set_on` day while its status is
    /// `active`; an achieved, deferred or discontinued goal was active until the day
    /// before its `closed_on` (without `closed_on` it is not counted). Encounters after
    /// the enrollment's end (its exit, or the evaluation date while open) are not judged.
    ///
    /// One finding per encounter, at the encounter (`…/encounters/N`), dated its local date.
    ///
    /// ## Why
    /// The St. Louis standards ask that progress toward goals be talked through at every
    /// case-management appointment. Doing so keeps the plan alive between reviews, shows
    /// the participant what they have achieved, and brings stalled goals to light early.
    ///
    /// ## Example that fails
    /// A home visit `E3` on 2026-03-10 while goal `G1` is active, with objectives but no
    /// `goals_discussed`: one finding at `/enrollments/0/encounters/2`.
    ///
    /// ## Example that passes
    /// The same visit with `"goals_discussed": [{"goal": "G1", "progress": "none"}]`; or a
    /// visit on the day the only goal was achieved and closed.
    pub struct GoalProgressNotDiscussed;
    meta {
        code: "PLAN007",
        name: "goal-progress-not-discussed",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Warning,
        summary: "An appointment while the plan had active goals records no goal progress.",
        help: "At every appointment, talk through progress on the active goals with the participant and record each goal discussed with the progress seen (even none).",
        requirements: &[Citation {
            id: "R-PLAN-7",
            source: "003",
            section: "Comprehensive Case Plan: \"Progress towards goals should be discussed at every case management appointment\"",
        }],
        params: &[],
    }
}

impl Rule for GoalProgressNotDiscussed {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment) in cx.enrollments() {
            let Some(plan) = &enrollment.care_plan else {
                continue;
            };
            let end = cx.end_of(enrollment);
            // Days each goal was active, as ranges [from, until).
            let active = merge_ranges(
                plan.goals
                    .iter()
                    .filter_map(|g| active_range(g, end))
                    .collect(),
            );
            for (i, encounter) in enrollment.encounters.iter().enumerate() {
                let on = local_date(&encounter.started_at);
                let appointment = encounter.status.took_place()
                    && encounter.participant_present
                    && matches!(
                        encounter.kind,
                        EncounterKind::Visit | EncounterKind::FollowUp
                    );
                if !appointment || on > end || !encounter.goals_discussed.is_empty() {
                    continue;
                }
                if in_ranges(&active, on) {
                    out.findings.push(cx.finding(
                        &path.key("encounters").index(i),
                        on,
                        format!(
                            "appointment {} on {on} records no goal progress while the plan had active goals",
                            encounter.id
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

    fn run(goals: &str, encounters: &str) -> Vec<String> {
        let text = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-05",
              "care_plan":{{"created_on":"2026-01-10","goals":[{goals}]}},"encounters":[{encounters}]}}]}}"#
        );
        let case = hearth_model::parse_case_file(&text).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::default();
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            &catalog,
            &params,
            &GoalProgressNotDiscussed::META,
        );
        let mut out = Out::default();
        GoalProgressNotDiscussed.check(&cx, &mut out);
        out.findings.into_iter().map(|f| f.path).collect()
    }

    fn enc(id: &str, at: &str, extra: &str) -> String {
        format!(r#"{{"id":"{id}","started_at":"{at}","mode":"in-person"{extra}}}"#)
    }

    #[test]
    fn active_days_and_kinds() {
        let goals = r#"{"id":"G1","area":"housing","status":"achieved","set_on":"2026-02-01","closed_on":"2026-03-01"}"#;
        let encounters = [
            enc("E1", "2026-01-31T10:00:00-06:00", ""),
            enc("E2", "2026-02-01T10:00:00-06:00", ""),
            enc("E3", "2026-02-28T23:30:00-06:00", ""),
            enc("E4", "2026-03-01T10:00:00-06:00", ""),
            enc(
                "E5",
                "2026-02-10T10:00:00-06:00",
                r#","kind":"collateral","participant_present":false"#,
            ),
            enc("E6", "2026-02-10T10:00:00-06:00", r#","kind":"crisis""#),
            enc("E7", "2026-02-10T10:00:00-06:00", r#","status":"no-show""#),
            enc(
                "E8",
                "2026-02-10T10:00:00-06:00",
                r#","kind":"follow-up","mode":"phone""#,
            ),
            enc(
                "E9",
                "2026-02-10T10:00:00-06:00",
                r#","goals_discussed":[{"goal":"G1","progress":"none"}]"#,
            ),
        ]
        .join(",");
        let encounters = encounters.replace(
            r#""mode":"in-person","kind":"follow-up","mode":"phone""#,
            r#""kind":"follow-up","mode":"phone""#,
        );
        assert_eq!(
            run(goals, &encounters),
            vec![
                "/enrollments/0/encounters/1",
                "/enrollments/0/encounters/2",
                "/enrollments/0/encounters/7"
            ]
        );
    }

    #[test]
    fn an_open_active_goal_runs_to_the_end() {
        let goals = r#"{"id":"G1","area":"housing","status":"active","set_on":"2026-02-01"}"#;
        let encounters = [
            enc("E1", "2026-06-30T10:00:00-06:00", ""),
            enc("E2", "2026-07-01T10:00:00-06:00", ""),
        ]
        .join(",");
        assert_eq!(run(goals, &encounters), vec!["/enrollments/0/encounters/0"]);
    }
}
