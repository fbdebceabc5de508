use super::common::{effective_day, terminations};
use crate::calendar::add_days;
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every terminated participant (termination decided on or before `as_of`, any
    /// reason) was given resources and referrals in writing.
    ///
    /// Findings:
    /// - no `resources_given` once the termination has taken effect (`effective_on`, else
    ///   the exit date, before `as_of`): at the termination
    ///   (`/enrollments/N/termination`), dated the day after it took effect; with no
    ///   effective day it is not judged yet;
    /// - resources not given in writing (`written` false or absent): at
    ///   `…/resources_given/written`, dated `given_on`;
    /// - no referral listed (`referrals` empty): at `…/resources_given`, dated
    ///   `given_on`.
    ///
    /// ## Why
    /// The St. Louis standards say a person terminated from a program is given written
    /// resources and referrals. Leaving a program, often back toward homelessness, is
    /// when the person most needs to know where to turn; a conversation alone is easily
    /// lost.
    ///
    /// ## Example that fails
    /// Resources talked through on 2026-03-30 with referrals `REF1`, `REF2` but
    /// `written: false`: a finding at
    /// `/enrollments/0/termination/resources_given/written`, dated 2026-03-30.
    ///
    /// ## Example that passes
    /// The same with `written: true`.
    pub struct TerminationResourcesNotWritten;
    meta {
        code: "TERM006",
        name: "termination-resources-not-written",
        area: Area::Termination,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A terminated participant was not given written resources and referrals.",
        help: "Give the participant a written list of resources and make referrals before the termination takes effect; record them on the termination.",
        requirements: &[Citation {
            id: "R-TERM-6",
            source: "003",
            section: "Client Exit",
        }],
        params: &[],
    }
}

impl Rule for TerminationResourcesNotWritten {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment, termination) in terminations(cx) {
            let Some(resources) = &termination.resources_given else {
                if let Some(day) = effective_day(enrollment, termination).filter(|d| *d < cx.as_of)
                {
                    out.findings.push(cx.finding(
                        &path,
                        add_days(day, 1),
                        format!(
                            "termination took effect {day} with no resources or referrals given"
                        ),
                    ));
                }
                continue;
            };
            let resources_path = path.key("resources_given");
            let given = resources.given_on;
            if !resources.written {
                out.findings.push(cx.finding(
                    &resources_path.key("written"),
                    given,
                    format!("resources and referrals given {given} were not given in writing"),
                ));
            }
            if resources.referrals.is_empty() {
                out.findings.push(cx.finding(
                    &resources_path,
                    given,
                    format!("resources given {given} at termination list no referral"),
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
            &TerminationResourcesNotWritten,
            &base(),
            "2026-06-30",
            None,
            None
        )
        .findings
        .is_empty());
    }

    #[test]
    fn unwritten_or_without_referrals_fails() {
        let mut case = base();
        termination(&mut case)["resources_given"]["written"] = false.into();
        let out = run(
            &TerminationResourcesNotWritten,
            &case,
            "2026-06-30",
            None,
            None,
        );
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/resources_given/written"
        );
        termination(&mut case)["resources_given"]["written"] = true.into();
        termination(&mut case)["resources_given"]["referrals"] = serde_json::json!([]);
        let out = run(
            &TerminationResourcesNotWritten,
            &case,
            "2026-06-30",
            None,
            None,
        );
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/resources_given"
        );
    }

    #[test]
    fn missing_resources_fail_after_effect() {
        let mut case = base();
        termination(&mut case)
            .as_object_mut()
            .unwrap()
            .remove("resources_given");
        assert!(run(
            &TerminationResourcesNotWritten,
            &case,
            "2026-04-10",
            None,
            None
        )
        .findings
        .is_empty());
        let out = run(
            &TerminationResourcesNotWritten,
            &case,
            "2026-04-11",
            None,
            None,
        );
        assert_eq!(out.findings[0].path, "/enrollments/0/termination");
    }
}
