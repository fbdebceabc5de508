use super::common::{reason_name, terminations};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That a termination for one of the `reasons` (default `non-compliance`,
    /// `lease-violation`, `refusal-to-work-on-goals`) was preceded by a case conference
    /// the participant attended. Terminations for other reasons (such as
    /// `intolerable-behavior`) are skipped, as are terminations decided after `as_of`.
    ///
    /// Findings, each dated the day the termination was decided (`decided_on`):
    /// - no `case_conference`: at the termination (`/enrollments/N/termination`);
    /// - a conference held after the decision (`held_on` later than `decided_on`; the
    ///   same day counts as before): at `…/case_conference/held_on`;
    /// - a conference the participant did not attend (`participant_attended` false): at
    ///   `…/case_conference/participant_attended`.
    ///
    /// ## Why
    /// The St. Louis standards ask that, before anyone is asked to leave for breaking
    /// program rules or the lease, the team hold a case conference with the client and
    /// the people involved, so the client understands the violations and can be part of
    /// the solution. Termination is for the most severe cases only.
    ///
    /// ## Example that fails
    /// A termination for `non-compliance` decided 2026-03-10 whose case conference was
    /// held 2026-03-12: a finding at
    /// `/enrollments/0/termination/case_conference/held_on`, dated 2026-03-10.
    ///
    /// ## Example that passes
    /// The conference held 2026-03-03 with `participant_attended: true`; or a termination
    /// for `intolerable-behavior` (not in `reasons`).
    pub struct TerminationWithoutCaseConference;
    meta {
        code: "TERM001",
        name: "termination-without-case-conference",
        area: Area::Termination,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A termination for non-compliance was not preceded by a case conference with the participant.",
        help: "Before terminating for rule or lease violations, hold a case conference with the participant and the people involved, and record it (date, attendance) on the termination.",
        requirements: &[Citation {
            id: "R-TERM-1",
            source: "003",
            section: "Non-compliance and Exiting the Program",
        }],
        params: &[ParamSpec {
            name: "reasons",
            doc: "Termination reasons (ids as in `termination.reason`) that need a case conference first.",
            kind: ParamKind::Ids,
            default: ParamDefault::Ids(&["non-compliance", "lease-violation", "refusal-to-work-on-goals"]),
        }],
    }
}

impl Rule for TerminationWithoutCaseConference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let reasons = cx.params.ids("reasons");
        for (path, _, termination) in terminations(cx) {
            let reason = reason_name(termination.reason);
            if !reasons.iter().any(|r| r == reason) {
                continue;
            }
            let decided = termination.decided_on;
            let Some(conference) = &termination.case_conference else {
                out.findings.push(cx.finding(
                    &path,
                    decided,
                    format!("termination for {reason} decided {decided} with no case conference"),
                ));
                continue;
            };
            let conference_path = path.key("case_conference");
            if conference.held_on > decided {
                out.findings.push(cx.finding(
                    &conference_path.key("held_on"),
                    decided,
                    format!(
                        "case conference held {}, after the termination for {reason} was decided on {decided}",
                        conference.held_on
                    ),
                ));
            }
            if !conference.participant_attended {
                out.findings.push(cx.finding(
                    &conference_path.key("participant_attended"),
                    decided,
                    format!(
                        "the participant did not attend the case conference of {} before the termination for {reason}",
                        conference.held_on
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{base, run, termination};
    use super::*;

    #[test]
    fn full_due_process_passes() {
        assert!(run(
            &TerminationWithoutCaseConference,
            &base(),
            "2026-06-30",
            None,
            None
        )
        .findings
        .is_empty());
    }

    #[test]
    fn same_day_passes_one_day_after_fails() {
        let mut case = base();
        termination(&mut case)["case_conference"]["held_on"] = "2026-03-10".into();
        assert!(run(
            &TerminationWithoutCaseConference,
            &case,
            "2026-06-30",
            None,
            None
        )
        .findings
        .is_empty());
        termination(&mut case)["case_conference"]["held_on"] = "2026-03-11".into();
        let out = run(
            &TerminationWithoutCaseConference,
            &case,
            "2026-06-30",
            None,
            None,
        );
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/case_conference/held_on"
        );
    }

    #[test]
    fn missing_or_unattended_conference_fails_other_reasons_skip() {
        let mut case = base();
        termination(&mut case)["case_conference"]["participant_attended"] = false.into();
        let out = run(
            &TerminationWithoutCaseConference,
            &case,
            "2026-06-30",
            None,
            None,
        );
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/case_conference/participant_attended"
        );
        termination(&mut case)
            .as_object_mut()
            .unwrap()
            .remove("case_conference");
        let out = run(
            &TerminationWithoutCaseConference,
            &case,
            "2026-06-30",
            None,
            None,
        );
        assert_eq!(out.findings[0].path, "/enrollments/0/termination");
        termination(&mut case)["reason"] = "intolerable-behavior".into();
        assert!(run(
            &TerminationWithoutCaseConference,
            &case,
            "2026-06-30",
            None,
            None
        )
        .findings
        .is_empty());
        // Not decided yet on the evaluation date.
        termination(&mut case)["reason"] = "lease-violation".into();
        assert!(run(
            &TerminationWithoutCaseConference,
            &case,
            "2026-03-09",
            None,
            None
        )
        .findings
        .is_empty());
    }
}
