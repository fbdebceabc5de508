use std::collections::{HashMap, HashSet};

use hearth_model::{Staff, StaffId};

use super::common::{effective_day, terminations};
use crate::calendar::add_days;
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every termination (decided on or before `as_of`, any reason) was reviewed by
    /// someone who is neither the person who terminated (`terminated_by`) nor their
    /// subordinate, directly or through a chain of supervisors in the staff roster.
    ///
    /// - No `review` once the termination has taken effect (`effective_on`, else the
    ///   exit date, before `as_of`): a finding at the termination
    ///   (`/enrollments/N/termination`), dated the day after it took effect. With no
    ///   effective day the missing review is not judged yet.
    /// - `reviewed_by` equal to `terminated_by`: a finding at `…/review/reviewed_by`,
    ///   dated `reviewed_on`.
    /// - The reviewer's chain of `supervisor`s in the roster reaches the terminator: a
    ///   finding at `…/review/reviewed_by`, dated `reviewed_on`. The walk stops at a
    ///   person with no supervisor, and at a person already seen (a loop in the roster),
    ///   so it always ends.
    ///
    /// Who reports to whom is only known from a caseload's roster. Without one (a single
    /// case file), with the reviewer or the terminator missing from the roster, or with
    /// the reviewer's chain reaching someone not in the roster, the subordinate part is
    /// reported as not evaluated (at `…/review/reviewed_by`, or at `…/terminated_by`
    /// when the terminator is missing), dated `reviewed_on`.
    ///
    /// ## Why
    /// The St. Louis standards require that a termination be reviewed by a person other
    /// than the one who terminated the client, and not by anyone who reports to them. A
    /// subordinate reviewing their own supervisor's decision is not an independent check.
    ///
    /// ## Example that fails
    /// A termination by `SUP2` reviewed by `CM2`, whose roster entry names `SUP2` as
    /// supervisor: a finding at `/enrollments/0/termination/review/reviewed_by`, "CM2
    /// reports to SUP2".
    ///
    /// ## Example that passes
    /// The same termination reviewed by `DIR1`, `SUP2`'s own supervisor, or by `SUP1`, a
    /// peer supervisor.
    pub struct TerminationReviewNotIndependent;
    meta {
        code: "TERM003",
        name: "termination-review-not-independent",
        area: Area::Termination,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A termination was not reviewed, or was reviewed by the terminator or their subordinate.",
        help: "Have the termination reviewed by someone outside the terminator's line of reports (their own supervisor or a peer), and record the reviewer.",
        requirements: &[Citation {
            id: "R-TERM-3",
            source: "003",
            section: "Non-compliance and Exiting the Program",
        }],
        params: &[],
    }
}

/// How the reviewer stands to the terminator in the roster.
enum Line {
    /// Not a subordinate.
    Independent,
    /// A subordinate; the people between them, from the reviewer's supervisor up to the
    /// one who reports to the terminator (empty for a direct report).
    Reports(Vec<StaffId>),
    /// The chain reaches someone the roster does not hold.
    Broken(StaffId),
}

fn line(roster: &HashMap<&str, &Staff>, reviewer: &Staff, terminator: &StaffId) -> Line {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut between = Vec::new();
    let mut current = reviewer;
    seen.insert(current.id.as_str());
    loop {
        let Some(supervisor) = &current.supervisor else {
            return Line::Independent;
        };
        if supervisor == terminator {
            return Line::Reports(between);
        }
        if !seen.insert(supervisor.as_str()) {
            return Line::Independent;
        }
        let Some(next) = roster.get(supervisor.as_str()) else {
            return Line::Broken(supervisor.clone());
        };
        between.push(supervisor.clone());
        current = next;
    }
}

impl Rule for TerminationReviewNotIndependent {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let roster: Option<HashMap<&str, &Staff>> = cx
            .roster
            .map(|staff| staff.iter().map(|s| (s.id.as_str(), s)).collect());
        for (path, enrollment, termination) in terminations(cx) {
            let terminator = &termination.terminated_by;
            let Some(review) = &termination.review else {
                if let Some(day) = effective_day(enrollment, termination).filter(|d| *d < cx.as_of)
                {
                    out.findings.push(cx.finding(
                        &path,
                        add_days(day, 1),
                        format!("termination by {terminator} took effect {day} without a review"),
                    ));
                }
                continue;
            };
            let reviewer_path = path.key("review").key("reviewed_by");
            let reviewer = &review.reviewed_by;
            let on = review.reviewed_on;
            if reviewer == terminator {
                out.findings.push(cx.finding(
                    &reviewer_path,
                    on,
                    format!("termination by {terminator} reviewed by the same person"),
                ));
                continue;
            }
            let Some(roster) = &roster else {
                out.findings.push(cx.not_evaluated(
                    &reviewer_path,
                    on,
                    format!(
                        "no staff roster: cannot tell whether reviewer {reviewer} reports to terminator {terminator}"
                    ),
                ));
                continue;
            };
            let Some(reviewer_entry) = roster.get(reviewer.as_str()) else {
                out.findings.push(cx.not_evaluated(
                    &reviewer_path,
                    on,
                    format!("reviewer {reviewer} is not in the staff roster"),
                ));
                continue;
            };
            if !roster.contains_key(terminator.as_str()) {
                out.findings.push(cx.not_evaluated(
                    &path.key("terminated_by"),
                    on,
                    format!("terminator {terminator} is not in the staff roster"),
                ));
                continue;
            }
            match line(roster, reviewer_entry, terminator) {
                Line::Independent => {}
                Line::Reports(between) => {
                    let via = if between.is_empty() {
                        String::new()
                    } else {
                        let names: Vec<&str> = between.iter().map(StaffId::as_str).collect();
                        format!(" through {}", names.join(", "))
                    };
                    out.findings.push(cx.finding(
                        &reviewer_path,
                        on,
                        format!(
                            "termination by {terminator} reviewed by {reviewer}, who reports to {terminator}{via}"
                        ),
                    ));
                }
                Line::Broken(missing) => {
                    out.findings.push(cx.not_evaluated(
                        &reviewer_path,
                        on,
                        format!(
                            "the supervisor chain of reviewer {reviewer} reaches {missing}, who is not in the staff roster"
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::common::testing::{base, roster, run, termination};
    use super::*;
    use crate::FindingKind;

    fn with_reviewer(reviewer: &str, terminator: &str) -> serde_json::Value {
        let mut case = base();
        termination(&mut case)["review"]["reviewed_by"] = reviewer.into();
        termination(&mut case)["terminated_by"] = terminator.into();
        case
    }

    #[test]
    fn supervisor_or_peer_review_passes() {
        let staff = roster();
        for (reviewer, terminator) in [("DIR1", "SUP1"), ("SUP2", "SUP1"), ("CM2", "SUP1")] {
            let out = run(
                &TerminationReviewNotIndependent,
                &with_reviewer(reviewer, terminator),
                "2026-06-30",
                Some(&staff),
                None,
            );
            assert!(out.findings.is_empty(), "{reviewer} / {terminator}");
        }
    }

    #[test]
    fn direct_and_indirect_subordinates_fail() {
        let staff = roster();
        let out = run(
            &TerminationReviewNotIndependent,
            &with_reviewer("CM1", "SUP1"),
            "2026-06-30",
            Some(&staff),
            None,
        );
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/review/reviewed_by"
        );
        assert!(out.findings[0].message.ends_with("who reports to SUP1"));
        let out = run(
            &TerminationReviewNotIndependent,
            &with_reviewer("CM1", "DIR1"),
            "2026-06-30",
            Some(&staff),
            None,
        );
        assert!(out.findings[0].message.ends_with("through SUP1"));
    }

    #[test]
    fn self_review_fails_even_without_roster() {
        let out = run(
            &TerminationReviewNotIndependent,
            &with_reviewer("SUP1", "SUP1"),
            "2026-06-30",
            None,
            None,
        );
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].kind, FindingKind::Violation);
    }

    #[test]
    fn no_roster_or_unknown_staff_is_not_evaluated() {
        let out = run(
            &TerminationReviewNotIndependent,
            &base(),
            "2026-06-30",
            None,
            None,
        );
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].kind, FindingKind::NotEvaluated);
        let staff = roster();
        let out = run(
            &TerminationReviewNotIndependent,
            &with_reviewer("X9", "SUP1"),
            "2026-06-30",
            Some(&staff),
            None,
        );
        assert_eq!(out.findings[0].kind, FindingKind::NotEvaluated);
        let out = run(
            &TerminationReviewNotIndependent,
            &with_reviewer("DIR1", "X9"),
            "2026-06-30",
            Some(&staff),
            None,
        );
        assert_eq!(out.findings[0].kind, FindingKind::NotEvaluated);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/termination/terminated_by"
        );
    }

    #[test]
    fn a_loop_in_the_roster_ends() {
        let staff: Vec<Staff> = serde_json::from_value(serde_json::json!([
            { "id": "A", "role": "supervisor", "supervisor": "B" },
            { "id": "B", "role": "supervisor", "supervisor": "A" },
            { "id": "SUP1", "role": "supervisor" }
        ]))
        .unwrap();
        let out = run(
            &TerminationReviewNotIndependent,
            &with_reviewer("A", "SUP1"),
            "2026-06-30",
            Some(&staff),
            None,
        );
        assert!(out.findings.is_empty());
    }

    #[test]
    fn missing_review_fails_after_effect() {
        let mut case = base();
        termination(&mut case)
            .as_object_mut()
            .unwrap()
            .remove("review");
        assert!(run(
            &TerminationReviewNotIndependent,
            &case,
            "2026-04-10",
            None,
            None
        )
        .findings
        .is_empty());
        let out = run(
            &TerminationReviewNotIndependent,
            &case,
            "2026-04-11",
            None,
            None,
        );
        assert_eq!(out.findings[0].path, "/enrollments/0/termination");
    }
}
