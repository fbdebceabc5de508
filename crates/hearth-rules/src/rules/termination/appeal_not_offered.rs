use super::common::{effective_day, terminations};
use crate::calendar::{add_days, days_between};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every termination (decided on or before `as_of`, any reason) offered the
    /// participant an appeal with a deadline, no later than the day the termination
    /// takes effect (`effective_on`, else the enrollment's exit date; with neither, only
    /// the offer's content is checked).
    ///
    /// Findings:
    /// - no `appeal` once the effective day has passed (it is before `as_of`): at the
    ///   termination (`/enrollments/N/termination`), dated the day after the effective
    ///   day;
    /// - an offer made after the effective day (`offered_on` later; the same day is on
    ///   time): at `…/appeal/offered_on`, dated `offered_on`;
    /// - no `deadline`: at `…/appeal`, dated `offered_on`;
    /// - a deadline less than `min_appeal_days` days after the offer (a day count
    ///   `deadline - offered_on` below the minimum; default 0, so only a deadline
    ///   before the offer fails): at `…/appeal/deadline`, dated `offered_on`.
    ///
    /// While the deadline is on or after `as_of`, the rule also lists an obligation
    /// `appeal-deadline` (due the deadline, done when the participant filed,
    /// `filed_on`), so staff can see an appeal window still open.
    ///
    /// ## Why
    /// The St. Louis standards give a terminated client the right to appeal, and list it
    /// among the rights explained at intake. An appeal right is only real when the client
    /// is told of it, with a deadline, before the termination takes effect.
    ///
    /// ## Example that fails
    /// A termination effective 2026-04-10 whose appeal was offered 2026-03-11 with no
    /// deadline: a finding at `/enrollments/0/termination/appeal`, dated 2026-03-11.
    ///
    /// ## Example that passes
    /// The appeal offered 2026-03-11 with a deadline of 2026-03-25.
    pub struct AppealNotOffered;
    meta {
        code: "TERM004",
        name: "appeal-not-offered",
        area: Area::Termination,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A termination did not offer an appeal with a deadline before it took effect.",
        help: "Tell the participant in writing of the right to appeal the termination and the last day to file, before the termination takes effect; record the offer and the deadline.",
        requirements: &[Citation {
            id: "R-TERM-4",
            source: "003",
            section: "Non-compliance and Exiting the Program",
        }],
        params: &[ParamSpec {
            name: "min_appeal_days",
            doc: "The fewest days between the appeal offer and its deadline (0: no minimum beyond the deadline not preceding the offer).",
            kind: ParamKind::Integer { min: 0, max: 365 },
            default: ParamDefault::Integer(0),
        }],
    }
}

impl Rule for AppealNotOffered {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let min_days = cx.params.int("min_appeal_days");
        for (path, enrollment, termination) in terminations(cx) {
            let effective = effective_day(enrollment, termination);
            let Some(appeal) = &termination.appeal else {
                if let Some(day) = effective.filter(|d| *d < cx.as_of) {
                    out.findings.push(cx.finding(
                        &path,
                        add_days(day, 1),
                        format!("termination took effect {day} with no appeal offered"),
                    ));
                }
                continue;
            };
            let appeal_path = path.key("appeal");
            let offered = appeal.offered_on;
            if let Some(day) = effective.filter(|d| offered > *d) {
                out.findings.push(cx.finding(
                    &appeal_path.key("offered_on"),
                    offered,
                    format!("appeal offered {offered}, after the termination took effect on {day}"),
                ));
            }
            let Some(deadline) = appeal.deadline else {
                out.findings.push(cx.finding(
                    &appeal_path,
                    offered,
                    format!("appeal offered {offered} with no deadline"),
                ));
                continue;
            };
            let span = days_between(offered, deadline);
            if span < min_days {
                let message = if span < 0 {
                    format!("appeal deadline {deadline} is before the offer on {offered}")
                } else {
                    format!(
                        "appeal deadline {deadline} leaves {span} days after the offer on {offered}; at least {min_days} required"
                    )
                };
                out.findings
                    .push(cx.finding(&appeal_path.key("deadline"), offered, message));
            }
            if deadline >= cx.as_of {
                out.obligations.push(cx.obligation(
                    enrollment,
                    "appeal-deadline",
                    "R-TERM-4",
                    format!("the participant may appeal the termination until {deadline}"),
                    &appeal_path.key("deadline"),
                    deadline,
                    appeal.filed_on,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{base, run, termination};
    use super::*;
    use crate::param::{ParamValue, Params};

    #[test]
    fn full_due_process_passes() {
        let out = run(&AppealNotOffered, &base(), "2026-06-30", None, None);
        assert!(out.findings.is_empty());
        assert!(out.obligations.is_empty());
    }

    #[test]
    fn offer_on_the_effective_day_passes_a_day_later_fails() {
        let mut case = base();
        termination(&mut case)["appeal"]["offered_on"] = "2026-04-10".into();
        termination(&mut case)["appeal"]["deadline"] = "2026-04-20".into();
        assert!(run(&AppealNotOffered, &case, "2026-06-30", None, None)
            .findings
            .is_empty());
        termination(&mut case)["appeal"]["offered_on"] = "2026-04-11".into();
        let out = run(&AppealNotOffered, &case, "2026-06-30", None, None);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/appeal/offered_on"
        );
    }

    #[test]
    fn minimum_days_boundary() {
        let mut params = Params::defaults(AppealNotOffered::META.params);
        params.set("min_appeal_days", ParamValue::Integer(14));
        let case = base(); // offered 2026-03-11, deadline 2026-03-25: 14 days
        assert!(run(
            &AppealNotOffered,
            &case,
            "2026-06-30",
            None,
            Some(params.clone())
        )
        .findings
        .is_empty());
        let mut case = base();
        termination(&mut case)["appeal"]["deadline"] = "2026-03-24".into();
        let out = run(&AppealNotOffered, &case, "2026-06-30", None, Some(params));
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/appeal/deadline"
        );
    }

    #[test]
    fn missing_deadline_or_appeal_fails() {
        let mut case = base();
        termination(&mut case)["appeal"]
            .as_object_mut()
            .unwrap()
            .remove("deadline");
        let out = run(&AppealNotOffered, &case, "2026-06-30", None, None);
        assert_eq!(out.findings[0].path, "/enrollments/0/termination/appeal");
        termination(&mut case)
            .as_object_mut()
            .unwrap()
            .remove("appeal");
        assert!(run(&AppealNotOffered, &case, "2026-04-10", None, None)
            .findings
            .is_empty());
        let out = run(&AppealNotOffered, &case, "2026-04-11", None, None);
        assert_eq!(out.findings[0].path, "/enrollments/0/termination");
    }

    #[test]
    fn open_appeal_window_is_an_obligation() {
        let out = run(&AppealNotOffered, &base(), "2026-03-25", None, None);
        assert_eq!(out.obligations.len(), 1);
        assert_eq!(out.obligations[0].kind, "appeal-deadline");
        let out = run(&AppealNotOffered, &base(), "2026-03-26", None, None);
        assert!(out.obligations.is_empty());
    }
}
