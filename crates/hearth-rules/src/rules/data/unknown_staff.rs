use std::collections::HashSet;

use super::common::{references, Target};
use crate::context::{CaseloadContext, Out};
use crate::path::Pointer;
use crate::rule::{Area, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// On a caseload, that every staff id names a member of the staff roster: each roster
    /// entry's `supervisor`, and in every case file the enrollment's `case_manager`, who
    /// explained each right, signed or reviewed the plan, took part in an encounter or a
    /// case conference, supervised a confidentiality exception, terminated, reviewed the
    /// termination, decided the appeal or decided on entry.
    ///
    /// One finding per staff id not in the roster, at the id (for example
    /// `/case_files/1/enrollments/0/termination/review/reviewed_by` or
    /// `/staff/3/supervisor`), dated the evaluation date; a finding in a case file names
    /// its participant. Not checked: `assessed_by`, since assessments are often made by
    /// another agency's assessor at the front door, who is not on this program's roster.
    /// On a single case file, which has no roster, the rule does nothing.
    ///
    /// ## Why
    /// The roster is the only record of who reports to whom and who carries a caseload.
    /// A staff id it does not hold (a typo, a worker who left and was dropped from the
    /// export) makes the rules that need it unable to decide: whether a termination's
    /// reviewer is independent, how many participants a worker carries. Those rules
    /// report what they could not evaluate; this rule reports the broken link itself. It
    /// enforces no requirement of the standards; it guards the others, and is on in every
    /// built-in policy.
    ///
    /// ## Example that fails
    /// A caseload whose roster lists `SUP-1` and `CM-1`, with an enrollment naming
    /// `"case_manager": "CM-9"`: a finding at `/case_files/0/enrollments/0/case_manager`,
    /// "enrollment ENR-1 names staff member CM-9, who is not in the staff roster".
    ///
    /// ## Example that passes
    /// The enrollment names `CM-1`, or `CM-9` is added to the roster.
    pub struct UnknownStaff;
    meta {
        code: "DATA006",
        name: "unknown-staff",
        area: Area::Data,
        scope: Scope::Caseload,
        severity: Severity::Error,
        summary: "A staff id in a caseload is not in its staff roster.",
        help: "Correct the staff id, or add the staff member (with their role and supervisor) to the caseload's roster.",
        requirements: &[],
        params: &[],
    }
}

impl Rule for UnknownStaff {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_caseload(&self, cx: &CaseloadContext<'_>, out: &mut Out) {
        let roster: HashSet<&str> = cx.caseload.staff.iter().map(|s| s.id.as_str()).collect();
        for (n, member) in cx.caseload.staff.iter().enumerate() {
            let Some(supervisor) = &member.supervisor else {
                continue;
            };
            if !roster.contains(supervisor.as_str()) {
                out.findings.push(cx.finding(
                    &Pointer::root().key("staff").index(n).key("supervisor"),
                    cx.as_of,
                    format!(
                        "staff member {} names supervisor {supervisor}, who is not in the staff roster",
                        member.id
                    ),
                ));
            }
        }
        for (n, case) in cx.caseload.case_files.iter().enumerate() {
            let prefix = Pointer::root().key("case_files").index(n);
            for reference in references(case) {
                if reference.target != Target::Staff || roster.contains(reference.id) {
                    continue;
                }
                let path = format!("{prefix}{}", reference.path);
                let mut finding = cx.finding(
                    &Pointer::root(),
                    cx.as_of,
                    format!(
                        "{} names staff member {}, who is not in the staff roster",
                        reference.by, reference.id
                    ),
                );
                finding.path = path;
                finding.participant_id = Some(case.participant.id.clone());
                out.findings.push(finding);
            }
        }
    }
}
