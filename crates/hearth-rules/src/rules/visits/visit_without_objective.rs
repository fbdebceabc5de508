use hearth_model::{Encounter, EncounterKind};

use super::common;
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every planned meeting with the participant is tied to the plan: a contact
    /// (status `completed`, participant present) of kind `visit` or `follow-up`, dated
    /// (local date of `started_at`) inside the enrollment `[entered_on, end]` (end: the
    /// exit date once exited, else the evaluation date), has at least one objective
    /// naming a plan `goal` or `action_step`, or at least one entry in `goals_discussed`.
    /// An objective with only a description does not count: the rule cannot tell what it
    /// advances, and never reads the text. Whether the named goal exists is not checked
    /// here.
    ///
    /// Other kinds are skipped: a first interview, case conference, discharge meeting,
    /// crisis response or outreach has its purpose in its kind, and collateral contacts
    /// are not meetings with the participant. No-shows and cancellations did not take
    /// place. Follow-ups after the exit date fall outside the enrollment and are not
    /// judged.
    ///
    /// One finding per such encounter, at the encounter, dated its local date.
    ///
    /// ## Why
    /// In intensive case management every meeting has clear objectives that move the
    /// participant toward stability; there are no "check-ins" or ad hoc visits just to
    /// chat. Recording which goal or action step a meeting worked on is how the file shows
    /// it.
    ///
    /// ## Example that fails
    /// A 2025-11-21 drop-in visit `E016` with no objectives and no goals discussed: one
    /// finding at that encounter, "E016 on 2025-11-21: visit with no objective tied to a
    /// goal or action step and no goal discussed".
    ///
    /// ## Example that passes
    /// The same visit with an objective naming goal `G1` (or with `goals_discussed`
    /// recording progress on `G1`).
    pub struct VisitWithoutObjective;
    meta {
        code: "VISIT003",
        name: "visit-without-objective",
        area: Area::Visit,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A visit has no objective tied to a plan goal or action step.",
        help: "Before each visit, set at least one objective that names the plan goal or action step it advances; record the goals discussed and the progress seen.",
        requirements: &[Citation {
            id: "R-VISIT-3",
            source: "001",
            section: "Meetings are more frequent and intensive: \"Each meeting has clear objectives attached to it\"",
        }],
        params: &[],
    }
}

/// Whether an encounter is tied to the plan: an objective naming a goal or action step,
/// or a goal discussed.
fn tied_to_plan(encounter: &Encounter) -> bool {
    encounter
        .objectives
        .iter()
        .any(|o| o.goal.is_some() || o.action_step.is_some())
        || !encounter.goals_discussed.is_empty()
}

impl Rule for VisitWithoutObjective {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment) in cx.enrollments() {
            for dated in common::encounters_in_window(cx, enrollment) {
                let e = dated.encounter;
                let planned_kind = matches!(e.kind, EncounterKind::Visit | EncounterKind::FollowUp);
                if !planned_kind || !dated.is_contact() || tied_to_plan(e) {
                    continue;
                }
                let kind = hearth_model::name::name_or_empty(&e.kind);
                out.findings.push(cx.finding(
                    &dated.path(&path),
                    dated.date,
                    format!(
                        "{} on {}: {kind} with no objective tied to a goal or action step and no goal discussed",
                        dated.id(),
                        dated.date
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, Params};

    fn run(encounters: &[&str]) -> Vec<Finding> {
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"icm-rrh","entered_on":"2026-01-01","exit":{{"exited_on":"2026-03-01","kind":"positive"}},"encounters":[{}]}}]}}"#,
            encounters.join(",")
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let params = Params::defaults(&[]);
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &VisitWithoutObjective::META,
        );
        let mut out = Out::default();
        VisitWithoutObjective.check(&cx, &mut out);
        out.findings
    }

    #[test]
    fn what_ties_a_visit_to_the_plan() {
        let f = run(&[
            // described but not tied: a finding
            r#"{"id":"A","started_at":"2026-01-05T10:00:00-06:00","mode":"in-person","objectives":[{"description":"check in"}]}"#,
            // tied by goal, by action step, by goals discussed: fine
            r#"{"id":"B","started_at":"2026-01-06T10:00:00-06:00","mode":"in-person","objectives":[{"goal":"G1"}]}"#,
            r#"{"id":"C","started_at":"2026-01-07T10:00:00-06:00","mode":"phone","objectives":[{"action_step":"AS1"}]}"#,
            r#"{"id":"D","started_at":"2026-01-08T10:00:00-06:00","mode":"phone","goals_discussed":[{"goal":"G1","progress":"some"}]}"#,
            // other kinds, no-shows, collateral: skipped
            r#"{"id":"E","started_at":"2026-01-09T10:00:00-06:00","mode":"phone","kind":"crisis"}"#,
            r#"{"id":"F","started_at":"2026-01-10T10:00:00-06:00","mode":"in-person","status":"no-show"}"#,
            r#"{"id":"G","started_at":"2026-01-11T10:00:00-06:00","mode":"phone","kind":"collateral","participant_present":false}"#,
            // a follow-up inside the enrollment: judged; after the exit: not
            r#"{"id":"H","started_at":"2026-03-01T10:00:00-06:00","mode":"phone","kind":"follow-up"}"#,
            r#"{"id":"I","started_at":"2026-03-02T10:00:00-06:00","mode":"phone","kind":"follow-up"}"#,
        ]);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.path.as_str(), f.on.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("/enrollments/0/encounters/0", "2026-01-05".to_owned()),
                ("/enrollments/0/encounters/7", "2026-03-01".to_owned())
            ]
        );
        assert_eq!(
            f[1].message,
            "H on 2026-03-01: follow-up with no objective tied to a goal or action step and no goal discussed"
        );
    }
}
