use std::collections::BTreeSet;

use hearth_model::{EncounterKind, Exit};
use serde::Serialize;

use crate::calendar::local_date;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every planned exit followed the exit procedure. An exit is planned when its
    /// `kind` is in `planned_kinds` (default `positive`); exits dated after the
    /// evaluation date are not judged yet, and other kinds (left without notice, asked
    /// to leave, ...) are skipped because there was no chance to plan them. A planned
    /// exit needs:
    ///
    /// - a discharge meeting (`discharge_meeting_on`) on or before the exit date;
    /// - at least one linkage to community services (`linkages`) naming a referral of
    ///   the case file (ids that name no referral do not count);
    /// - the participant's satisfaction with services asked (`satisfaction_survey_on`,
    ///   on or before the evaluation date);
    /// - a follow-up plan (`follow_up`) made on or before the exit date (`plan_made_on`)
    ///   that includes a homelessness-prevention plan (`includes_prevention_plan`);
    /// - when the participant permits follow-up contact (`follow_up.permitted`), at
    ///   least one planned follow-up contact (`planned_contacts`); without permission
    ///   none is asked.
    ///
    /// One finding per exit at `/enrollments/N/exit` listing everything missing, dated
    /// the exit date. For each planned exit the rule lists the obligation
    /// `exit-follow-up` for the next planned follow-up contact dated on or after the
    /// evaluation date, due that day, done when a follow-up encounter took place on it.
    ///
    /// ## Why
    /// St. Louis asks that a planned exit be prepared with the participant: a discharge
    /// meeting before the end date, linkage to community services and supports, asking
    /// how satisfied they were, and follow-up contact when they agree, under a plan made
    /// before exit that includes how to prevent homelessness in the future. Progress is
    /// more likely to last when the next supports are in place.
    ///
    /// ## Example that fails
    /// A `positive` exit on 2026-05-29 with a discharge meeting on 2026-06-02 (after the
    /// exit), no satisfaction survey, and a follow-up plan without a prevention plan: one
    /// finding at `/enrollments/0/exit` dated 2026-05-29 listing the three.
    ///
    /// ## Example that passes
    /// The same exit with the discharge meeting on 2026-05-20, linkage `REF1`, the survey
    /// on 2026-05-27, and a follow-up plan of 2026-05-20 with a prevention plan and calls
    /// planned for 2026-06-12 and 2026-07-10.
    pub struct PlannedExitIncomplete;
    meta {
        code: "EXIT001",
        name: "planned-exit-incomplete",
        area: Area::Exit,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A planned exit lacks a discharge meeting, linkage, satisfaction survey or follow-up plan.",
        help: "Before a planned exit, hold a discharge meeting, link the participant to community services, ask about satisfaction, and make a follow-up plan with a homelessness-prevention plan (and follow-up contacts when permitted).",
        requirements: &[Citation {
            id: "R-EXIT-2",
            source: "003",
            section: "Discharge Planning",
        }],
        params: &[ParamSpec {
            name: "planned_kinds",
            doc: "Exit kinds (ids as in `exit.kind`) that count as planned exits.",
            kind: ParamKind::Ids,
            default: ParamDefault::Ids(&["positive"]),
        }],
    }
}

/// The kebab-case id a document writes for an enumerated value.
fn enum_id<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// What a planned exit lacks, in words with ids and dates only.
fn missing(exit: &Exit, referrals: &BTreeSet<&str>, as_of: chrono::NaiveDate) -> Vec<String> {
    let exited = exit.exited_on;
    let mut gaps = Vec::new();
    match exit.discharge_meeting_on {
        None => gaps.push("no discharge meeting".to_owned()),
        Some(d) if d > exited => {
            gaps.push(format!("discharge meeting only on {d}, after the exit"))
        }
        Some(_) => {}
    }
    if !exit.linkages.iter().any(|l| referrals.contains(l.as_str())) {
        gaps.push("no linkage to community services".to_owned());
    }
    if exit.satisfaction_survey_on.is_none_or(|d| d > as_of) {
        gaps.push("no satisfaction survey".to_owned());
    }
    match &exit.follow_up {
        None => gaps.push("no follow-up plan".to_owned()),
        Some(plan) => {
            match plan.plan_made_on {
                None => gaps.push("follow-up plan not dated".to_owned()),
                Some(d) if d > exited => {
                    gaps.push(format!("follow-up plan only made on {d}, after the exit"))
                }
                Some(_) => {}
            }
            if !plan.includes_prevention_plan {
                gaps.push("follow-up plan without a homelessness-prevention plan".to_owned());
            }
            if plan.permitted && plan.planned_contacts.is_empty() {
                gaps.push("follow-up permitted but no follow-up contact planned".to_owned());
            }
        }
    }
    gaps
}

impl Rule for PlannedExitIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let planned = cx.params.ids("planned_kinds");
        let referrals: BTreeSet<&str> = cx
            .case
            .enrollments
            .iter()
            .flat_map(|e| e.referrals.iter().map(|r| r.id.as_str()))
            .collect();
        for (path, enrollment) in cx.enrollments() {
            let Some(exit) = &enrollment.exit else {
                continue;
            };
            let kind = enum_id(&exit.kind);
            if exit.exited_on > cx.as_of || !planned.contains(&kind) {
                continue;
            }
            let field = path.key("exit");
            let gaps = missing(exit, &referrals, cx.as_of);
            if !gaps.is_empty() {
                out.findings.push(cx.finding(
                    &field,
                    exit.exited_on,
                    format!(
                        "enrollment {}: {kind} exit on {}: {}",
                        enrollment.id,
                        exit.exited_on,
                        gaps.join("; ")
                    ),
                ));
            }
            let Some(plan) = exit.follow_up.as_ref().filter(|p| p.permitted) else {
                continue;
            };
            let next = plan
                .planned_contacts
                .iter()
                .enumerate()
                .filter(|(_, d)| **d >= cx.as_of)
                .min_by_key(|(i, d)| (**d, *i));
            if let Some((i, next)) = next {
                let done = enrollment.encounters.iter().any(|e| {
                    e.kind == EncounterKind::FollowUp
                        && e.status.took_place()
                        && local_date(&e.started_at) == *next
                });
                out.obligations.push(cx.obligation(
                    enrollment,
                    "exit-follow-up",
                    "R-EXIT-2",
                    format!(
                        "make the follow-up contact planned for {next} after the exit of {}",
                        exit.exited_on
                    ),
                    &field.key("follow_up").key("planned_contacts").index(i),
                    *next,
                    done.then_some(*next),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::Params;
    use hearth_catalog::Catalog;

    fn run(json: &str, as_of: &str) -> Out {
        let case = hearth_model::parse_case_file(json).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::defaults(PlannedExitIncomplete::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &PlannedExitIncomplete::META,
        );
        let mut out = Out::default();
        PlannedExitIncomplete.check(&cx, &mut out);
        out
    }

    fn case(kind: &str, meeting: &str, linkage: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},
            "enrollments":[{{"id":"E1","program":"ct-psh","entered_on":"2025-03-02",
            "referrals":[{{"id":"REF1","party":"PTY-X","made_on":"2026-05-01","shares_information":false}}],
            "exit":{{"exited_on":"2026-05-29","kind":"{kind}","discharge_meeting_on":"{meeting}",
              "linkages":["{linkage}"],"satisfaction_survey_on":"2026-05-29",
              "follow_up":{{"permitted":true,"plan_made_on":"2026-05-29","includes_prevention_plan":true,
                "planned_contacts":["2026-07-10","2026-06-12"]}}}}}}]}}"#
        )
    }

    #[test]
    fn meeting_on_the_exit_day_passes_the_day_after_fails() {
        let out = run(&case("positive", "2026-05-29", "REF1"), "2026-06-30");
        assert!(out.findings.is_empty());
        assert_eq!(out.obligations.len(), 1);
        assert_eq!(
            out.obligations[0].due_on.map(|d| d.to_string()),
            Some("2026-07-10".into())
        );
        let out = run(&case("positive", "2026-05-30", "REF1"), "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0].message.contains("after the exit"));
    }

    #[test]
    fn unknown_linkage_does_not_count_and_unplanned_exits_are_skipped() {
        let out = run(&case("positive", "2026-05-20", "REF9"), "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0].message.contains("no linkage"));
        assert!(run(
            &case("left-without-notice", "2026-05-30", "REF9"),
            "2026-06-30"
        )
        .findings
        .is_empty());
        assert!(run(&case("positive", "2026-05-30", "REF9"), "2026-05-28")
            .findings
            .is_empty());
    }
}
