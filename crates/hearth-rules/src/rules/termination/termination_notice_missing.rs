use super::common::{effective_day, reason_name, terminations};
use crate::calendar::add_days;
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every termination (decided on or before `as_of`, any reason) comes with a
    /// written notice that states the reason, given no later than the day the
    /// termination takes effect. That day is `effective_on`, else the enrollment's exit
    /// date; with neither, the termination has not taken effect and only the notice's
    /// content is checked.
    ///
    /// Findings:
    /// - no `written_notice` once the effective day has passed (it is before `as_of`): at
    ///   the termination (`/enrollments/N/termination`), dated the day after the
    ///   effective day;
    /// - a notice that does not state the reason (`states_reason` false or absent): at
    ///   `…/written_notice/states_reason`, dated the day it was given;
    /// - a notice given after the effective day (given on that day is on time): at
    ///   `…/written_notice/given_on`, dated the day it was given.
    ///
    /// ## Why
    /// Due process under the St. Louis standards starts with a written notice that tells
    /// the client why they are being terminated. Without the reason in writing the client
    /// cannot answer it, appeal it or fix it, and the program cannot show the decision
    /// was fair.
    ///
    /// ## Example that fails
    /// A termination effective 2026-04-10 whose written notice, given 2026-03-11, has
    /// `states_reason: false`: a finding at
    /// `/enrollments/0/termination/written_notice/states_reason`, dated 2026-03-11.
    ///
    /// ## Example that passes
    /// The same notice with `states_reason: true`, given any day up to 2026-04-10.
    pub struct TerminationNoticeMissing;
    meta {
        code: "TERM002",
        name: "termination-notice-missing",
        area: Area::Termination,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A termination lacks a written notice stating the reason, given before it takes effect.",
        help: "Give the participant a written notice that states the reason for termination before it takes effect, file it, and record it on the termination.",
        requirements: &[Citation {
            id: "R-TERM-2",
            source: "003",
            section: "Non-compliance and Exiting the Program",
        }],
        params: &[],
    }
}

impl Rule for TerminationNoticeMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment, termination) in terminations(cx) {
            let reason = reason_name(termination.reason);
            let effective = effective_day(enrollment, termination);
            let Some(notice) = &termination.written_notice else {
                if let Some(day) = effective.filter(|d| *d < cx.as_of) {
                    out.findings.push(cx.finding(
                        &path,
                        add_days(day, 1),
                        format!(
                            "termination for {reason} took effect {day} with no written notice"
                        ),
                    ));
                }
                continue;
            };
            let notice_path = path.key("written_notice");
            if !notice.states_reason {
                out.findings.push(cx.finding(
                    &notice_path.key("states_reason"),
                    notice.given_on,
                    format!(
                        "the written notice of termination given {} does not state the reason",
                        notice.given_on
                    ),
                ));
            }
            if let Some(day) = effective.filter(|d| notice.given_on > *d) {
                out.findings.push(cx.finding(
                    &notice_path.key("given_on"),
                    notice.given_on,
                    format!(
                        "written notice of termination given {}, after the termination took effect on {day}",
                        notice.given_on
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
        assert!(
            run(&TerminationNoticeMissing, &base(), "2026-06-30", None, None)
                .findings
                .is_empty()
        );
    }

    #[test]
    fn notice_on_the_effective_day_passes_a_day_later_fails() {
        let mut case = base();
        termination(&mut case)["written_notice"]["given_on"] = "2026-04-10".into();
        assert!(
            run(&TerminationNoticeMissing, &case, "2026-06-30", None, None)
                .findings
                .is_empty()
        );
        termination(&mut case)["written_notice"]["given_on"] = "2026-04-11".into();
        let out = run(&TerminationNoticeMissing, &case, "2026-06-30", None, None);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/written_notice/given_on"
        );
    }

    #[test]
    fn missing_notice_is_judged_after_the_effective_day() {
        let mut case = base();
        termination(&mut case)
            .as_object_mut()
            .unwrap()
            .remove("written_notice");
        assert!(
            run(&TerminationNoticeMissing, &case, "2026-04-10", None, None)
                .findings
                .is_empty()
        );
        let out = run(&TerminationNoticeMissing, &case, "2026-04-11", None, None);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/enrollments/0/termination");
        assert_eq!(out.findings[0].on, "2026-04-11".parse().unwrap());
    }

    #[test]
    fn notice_without_reason_fails() {
        let mut case = base();
        termination(&mut case)["written_notice"]
            .as_object_mut()
            .unwrap()
            .remove("states_reason");
        let out = run(&TerminationNoticeMissing, &case, "2026-06-30", None, None);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/written_notice/states_reason"
        );
    }
}
