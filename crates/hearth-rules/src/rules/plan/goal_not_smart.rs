use hearth_model::{Goal, GoalAuthor, GoalStatus};

use super::common::present;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every goal of a care plan shows the SMART(S) elements a record can show:
    ///
    /// - `measure` (measurable): a measure or marker of progress is written down
    ///   (parameter `require_measure`, default on);
    /// - `target_date` (time-framed) (`require_target_date`, default on);
    /// - `strengths` (strength-based): at least one strength is named
    ///   (`require_strengths`, default on);
    /// - the participant's voice (relevant: the participant's own priority): the goal
    ///   has `participant_words`, a `participant_priority`, or was `set_by` the
    ///   `participant` or set `jointly` (`require_participant_voice`, default on).
    ///
    /// A text field counts when it is present and not blank; its text is never read.
    /// Goals checked: every goal except `discontinued` ones (a dropped goal is no longer
    /// worked on, so its wording no longer matters), including achieved and deferred
    /// goals, since they were worked on as written. Goals set after the enrollment's end
    /// (its exit, or the evaluation date while open) are not judged yet. Specific and
    /// achievable cannot be read from records and are not checked.
    ///
    /// One finding per goal, at the goal (`…/care_plan/goals/N`), dated the day the goal
    /// was set (`set_on`); the message lists the missing elements by field name.
    ///
    /// ## Why
    /// Both the St. Louis standards and the Connecticut PSH training ask that goals be
    /// written SMART: specific, measurable (with a marker of progress), achievable,
    /// relevant to what the participant wants, and time-framed. St. Louis adds that goals
    /// are strength-based, built on the person's own strengths and resources. A goal with
    /// no measure or date cannot be reviewed; a goal without the participant's voice is
    /// the case manager's plan, not theirs.
    ///
    /// ## Example that fails
    /// Goal `G2` (employment, active) has a measure, strengths and the participant's own
    /// words, but no `target_date`: one finding at `/enrollments/0/care_plan/goals/1`,
    /// "goal G2 is missing: target_date".
    ///
    /// ## Example that passes
    /// The same goal with `"target_date": "2026-03-31"`; or a discontinued goal lacking
    /// a measure.
    pub struct GoalNotSmart;
    meta {
        code: "PLAN002",
        name: "goal-not-smart",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A goal lacks a SMART(S) element a record can show: measure, target date, strengths or the participant's voice.",
        help: "Complete the goal with the participant: a measure of progress, a target date, the strengths it builds on, and the goal in their own words or their ranking of it.",
        requirements: &[
            Citation {
                id: "R-PLAN-2",
                source: "003",
                section: "Comprehensive Case Plan: SMARTS goals, objectives and tasks",
            },
            Citation {
                id: "R-PLAN-2",
                source: "004",
                section: "Service Planning: Smart Goals",
            },
        ],
        params: &[
            ParamSpec {
                name: "require_measure",
                doc: "Whether a goal must have a measure or marker of progress (`measure`).",
                kind: ParamKind::Flag,
                default: ParamDefault::Flag(true),
            },
            ParamSpec {
                name: "require_target_date",
                doc: "Whether a goal must have a target date (`target_date`).",
                kind: ParamKind::Flag,
                default: ParamDefault::Flag(true),
            },
            ParamSpec {
                name: "require_strengths",
                doc: "Whether a goal must name at least one strength (`strengths`).",
                kind: ParamKind::Flag,
                default: ParamDefault::Flag(true),
            },
            ParamSpec {
                name: "require_participant_voice",
                doc: "Whether a goal must show the participant's voice: `participant_words`, `participant_priority`, or `set_by` participant or jointly.",
                kind: ParamKind::Flag,
                default: ParamDefault::Flag(true),
            },
        ],
    }
}

/// What a goal lacks, by field name, under the given requirements.
fn missing_elements(goal: &Goal, require: [bool; 4]) -> Vec<&'static str> {
    let [measure, target_date, strengths, voice] = require;
    let mut missing = Vec::new();
    if measure && !present(goal.measure.as_ref()) {
        missing.push("measure");
    }
    if target_date && goal.target_date.is_none() {
        missing.push("target_date");
    }
    if strengths && !goal.strengths.iter().any(|s| present(Some(s))) {
        missing.push("strengths");
    }
    let has_voice = present(goal.participant_words.as_ref())
        || goal.participant_priority.is_some()
        || matches!(
            goal.set_by,
            Some(GoalAuthor::Participant | GoalAuthor::Jointly)
        );
    if voice && !has_voice {
        missing.push("participant_words (or participant_priority, or set_by participant/jointly)");
    }
    missing
}

impl Rule for GoalNotSmart {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let require = [
            cx.params.flag("require_measure"),
            cx.params.flag("require_target_date"),
            cx.params.flag("require_strengths"),
            cx.params.flag("require_participant_voice"),
        ];
        for (path, enrollment) in cx.enrollments() {
            let Some(plan) = &enrollment.care_plan else {
                continue;
            };
            let end = cx.end_of(enrollment);
            let goals = path.key("care_plan").key("goals");
            for (i, goal) in plan.goals.iter().enumerate() {
                if goal.status == GoalStatus::Discontinued || goal.set_on > end {
                    continue;
                }
                let missing = missing_elements(goal, require);
                if !missing.is_empty() {
                    out.findings.push(cx.finding(
                        &goals.index(i),
                        goal.set_on,
                        format!("goal {} is missing: {}", goal.id, missing.join(", ")),
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

    fn run(case: &str, as_of: &str, params: Params) -> Vec<(String, String, String)> {
        let case = hearth_model::parse_case_file(case).unwrap();
        let catalog = Catalog::builtin();
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &GoalNotSmart::META,
        );
        let mut out = Out::default();
        GoalNotSmart.check(&cx, &mut out);
        out.findings
            .into_iter()
            .map(|f| (f.path, f.on.to_string(), f.message))
            .collect()
    }

    fn case(goals: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-05","care_plan":{{"created_on":"2026-01-10","goals":[{goals}]}}}}]}}"#
        )
    }

    #[test]
    fn each_element_and_the_voice_alternatives() {
        let full = r#"{"id":"G1","area":"housing","status":"active","set_on":"2026-01-10","measure":"m","target_date":"2026-06-30","strengths":["s"],"participant_words":"w"}"#;
        assert!(run(
            &case(full),
            "2026-03-01",
            Params::defaults(GoalNotSmart::META.params)
        )
        .is_empty());

        let bare = r#"{"id":"G1","area":"housing","status":"achieved","set_on":"2026-01-10","closed_on":"2026-02-01","measure":"  ","strengths":[" "]}"#;
        let got = run(
            &case(bare),
            "2026-03-01",
            Params::defaults(GoalNotSmart::META.params),
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "/enrollments/0/care_plan/goals/0");
        assert_eq!(got[0].1, "2026-01-10");
        assert_eq!(
            got[0].2,
            "goal G1 is missing: measure, target_date, strengths, participant_words (or participant_priority, or set_by participant/jointly)"
        );

        for voice in [
            r#""participant_priority":2"#,
            r#""set_by":"jointly""#,
            r#""set_by":"participant""#,
        ] {
            let g = format!(
                r#"{{"id":"G1","area":"housing","status":"active","set_on":"2026-01-10","measure":"m","target_date":"2026-06-30","strengths":["s"],{voice}}}"#
            );
            assert!(
                run(
                    &case(&g),
                    "2026-03-01",
                    Params::defaults(GoalNotSmart::META.params)
                )
                .is_empty(),
                "{voice}"
            );
        }
        let by_cm = r#"{"id":"G1","area":"housing","status":"active","set_on":"2026-01-10","measure":"m","target_date":"2026-06-30","strengths":["s"],"set_by":"case-manager"}"#;
        assert_eq!(
            run(
                &case(by_cm),
                "2026-03-01",
                Params::defaults(GoalNotSmart::META.params)
            )
            .len(),
            1
        );
    }

    #[test]
    fn discontinued_and_future_goals_are_skipped_and_flags_switch_off() {
        let dropped = r#"{"id":"G1","area":"housing","status":"discontinued","set_on":"2026-01-10","closed_on":"2026-02-01"}"#;
        assert!(run(
            &case(dropped),
            "2026-03-01",
            Params::defaults(GoalNotSmart::META.params)
        )
        .is_empty());
        let later = r#"{"id":"G1","area":"housing","status":"active","set_on":"2026-03-02"}"#;
        assert!(run(
            &case(later),
            "2026-03-01",
            Params::defaults(GoalNotSmart::META.params)
        )
        .is_empty());
        assert_eq!(
            run(
                &case(later),
                "2026-03-02",
                Params::defaults(GoalNotSmart::META.params)
            )
            .len(),
            1
        );

        let no_strengths = r#"{"id":"G1","area":"housing","status":"active","set_on":"2026-01-10","measure":"m","target_date":"2026-06-30","participant_words":"w"}"#;
        let mut params = Params::defaults(GoalNotSmart::META.params);
        assert_eq!(
            run(&case(no_strengths), "2026-03-01", params.clone()).len(),
            1
        );
        params.set("require_strengths", crate::param::ParamValue::Flag(false));
        assert!(run(&case(no_strengths), "2026-03-01", params).is_empty());
    }
}
