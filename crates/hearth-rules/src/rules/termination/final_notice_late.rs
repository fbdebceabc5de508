use chrono::NaiveDate;
use hearth_model::Termination;

use super::common::terminations;
use crate::calendar::{add_days, days_between};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every termination (decided on or before `as_of`, any reason) ends with a
    /// written notice of the final decision (`final_notice`) given within
    /// `final_notice_days` days (default 14) of the decision point:
    /// - the appeal's `decided_on` when the participant filed an appeal (`filed_on`);
    ///   while a filed appeal has no decision yet, nothing is due and nothing is judged;
    /// - else the appeal `deadline` (the decision is final once the deadline passes
    ///   unused);
    /// - else the review's `reviewed_on`.
    ///
    /// With none of these there is no decision point to time the notice from: reported
    /// as not evaluated at the termination, dated `decided_on`.
    ///
    /// The due date is the decision point plus `final_notice_days`; a notice given on or
    /// before it is on time (a day count of at most `final_notice_days`). A notice given
    /// later is a finding at `…/final_notice/given_on`, dated the day it was given. No
    /// notice once the due date has passed (it is before `as_of`) is a finding at the
    /// termination (`/enrollments/N/termination`), dated the day after the due date. The
    /// notice is owed even after the participant has exited.
    ///
    /// The rule lists an obligation `final-notice` (due the due date, done when given)
    /// while the notice has not been given or its due date is on or after `as_of`.
    ///
    /// ## Why
    /// The St. Louis standards end the termination process with a written notice of the
    /// final decision, provided in a timely manner. Until it arrives the client does not
    /// know whether the appeal or review changed anything, or when they must leave.
    ///
    /// ## Example that fails
    /// An appeal filed and decided on 2026-04-01, and no final notice by 2026-04-16
    /// (due 2026-04-15): as of 2026-06-30 a finding at `/enrollments/0/termination`,
    /// dated 2026-04-16.
    ///
    /// ## Example that passes
    /// No appeal filed, deadline 2026-03-25, and the final notice given 2026-03-30 (5
    /// days later).
    pub struct FinalNoticeLate;
    meta {
        code: "TERM005",
        name: "final-notice-late",
        area: Area::Termination,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "The written notice of a termination's final decision is missing or late.",
        help: "Give the participant a written notice of the final decision soon after the appeal is decided (or the appeal deadline passes), file it, and record it as the termination's final notice.",
        requirements: &[Citation {
            id: "R-TERM-5",
            source: "003",
            section: "Non-compliance and Exiting the Program",
        }],
        params: &[ParamSpec {
            name: "final_notice_days",
            doc: "Days after the decision point (appeal decision, else appeal deadline, else review) by which the final notice is due.",
            kind: ParamKind::Integer { min: 0, max: 365 },
            default: ParamDefault::Integer(14),
        }],
    }
}

/// Where the final decision comes from, and when.
enum Point {
    /// Known: the date and what it is, in words.
    At(NaiveDate, &'static str),
    /// A filed appeal not yet decided: nothing is due.
    Pending,
    /// Nothing to time from.
    Unknown,
}

fn decision_point(termination: &Termination) -> Point {
    if let Some(appeal) = &termination.appeal {
        if appeal.filed_on.is_some() {
            return match appeal.decided_on {
                Some(d) => Point::At(d, "the appeal decision"),
                None => Point::Pending,
            };
        }
        if let Some(deadline) = appeal.deadline {
            return Point::At(deadline, "the appeal deadline");
        }
    }
    match &termination.review {
        Some(review) => Point::At(review.reviewed_on, "the review"),
        None => Point::Unknown,
    }
}

impl Rule for FinalNoticeLate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let days = cx.params.int("final_notice_days");
        for (path, enrollment, termination) in terminations(cx) {
            let (point, what) = match decision_point(termination) {
                Point::At(point, what) => (point, what),
                Point::Pending => continue,
                Point::Unknown => {
                    out.findings.push(cx.not_evaluated(
                        &path,
                        termination.decided_on,
                        "no appeal decision, appeal deadline or review to time the final notice from",
                    ));
                    continue;
                }
            };
            let due = add_days(point, days);
            let given = termination.final_notice.as_ref().map(|n| n.given_on);
            match given {
                Some(on) if on > due => {
                    out.findings.push(cx.finding(
                        &path.key("final_notice").key("given_on"),
                        on,
                        format!(
                            "final notice given {on}, {} days after {what} on {point}; due by {due}",
                            days_between(point, on)
                        ),
                    ));
                }
                Some(_) => {}
                None if due < cx.as_of => {
                    out.findings.push(cx.finding(
                        &path,
                        add_days(due, 1),
                        format!(
                            "no written notice of the final decision by {due} ({what} on {point})"
                        ),
                    ));
                }
                None => {}
            }
            if given.is_none() || due >= cx.as_of {
                out.obligations.push(cx.obligation(
                    enrollment,
                    "final-notice",
                    "R-TERM-5",
                    format!(
                        "give the written notice of the final decision after {what} on {point}"
                    ),
                    &path.key("final_notice"),
                    due,
                    given,
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
        let out = run(&FinalNoticeLate, &base(), "2026-06-30", None, None);
        assert!(out.findings.is_empty());
        assert!(out.obligations.is_empty());
    }

    #[test]
    fn deadline_plus_days_is_on_time_one_more_is_late() {
        // No appeal filed: the deadline 2026-03-25 is the decision point; due 2026-04-08.
        let mut case = base();
        termination(&mut case)["final_notice"]["given_on"] = "2026-04-08".into();
        assert!(run(&FinalNoticeLate, &case, "2026-06-30", None, None)
            .findings
            .is_empty());
        termination(&mut case)["final_notice"]["given_on"] = "2026-04-09".into();
        let out = run(&FinalNoticeLate, &case, "2026-06-30", None, None);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/final_notice/given_on"
        );
    }

    #[test]
    fn a_filed_appeal_moves_the_decision_point() {
        let mut case = base();
        termination(&mut case)["appeal"]["filed_on"] = "2026-03-20".into();
        // Filed, not decided: nothing due.
        let out = run(&FinalNoticeLate, &case, "2026-06-30", None, None);
        assert!(out.findings.is_empty() && out.obligations.is_empty());
        termination(&mut case)["appeal"]["decided_on"] = "2026-04-01".into();
        termination(&mut case)
            .as_object_mut()
            .unwrap()
            .remove("final_notice");
        assert!(run(&FinalNoticeLate, &case, "2026-04-15", None, None)
            .findings
            .is_empty());
        let out = run(&FinalNoticeLate, &case, "2026-04-16", None, None);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/enrollments/0/termination");
        assert_eq!(out.findings[0].on, "2026-04-16".parse().unwrap());
        assert_eq!(out.obligations.len(), 1);
        assert_eq!(out.obligations[0].kind, "final-notice");
    }

    #[test]
    fn no_decision_point_is_not_evaluated() {
        let mut case = base();
        let t = termination(&mut case).as_object_mut().unwrap();
        t.remove("appeal");
        t.remove("review");
        let out = run(&FinalNoticeLate, &case, "2026-06-30", None, None);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].kind, crate::FindingKind::NotEvaluated);
    }
}
