use std::collections::HashMap;

use crate::context::{CaseloadContext, Out};
use crate::path::Pointer;
use crate::rule::{Area, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// On a caseload, that no two roster entries share a staff id and no two case files
    /// share a participant id. The first entry with an id is taken as its owner; each
    /// later one is a finding at its id (`/staff/N/id`, or
    /// `/case_files/N/participant/id`), naming where the first one is, dated the
    /// evaluation date. On a single case file the rule does nothing (DATA002 checks the
    /// ids inside a case file).
    ///
    /// ## Why
    /// Rules look staff up in the roster by id: who supervises whom (termination
    /// reviews), who carries a caseload (caseload ratio). With two entries for one id the
    /// answer depends on which is read. Two case files for one participant split their
    /// history, so a rule sees half the visits or half the plan reviews of each. This rule
    /// enforces no requirement of the standards; it guards the others, and is on in every
    /// built-in policy.
    ///
    /// ## Example that fails
    /// A roster with `CM-1` at `/staff/1` and again at `/staff/4`: a finding at
    /// `/staff/4/id`, "staff id CM-1 is also used by the roster entry at /staff/1".
    ///
    /// ## Example that passes
    /// Each staff member listed once; each participant's records in one case file.
    pub struct DuplicateCaseloadId;
    meta {
        code: "DATA005",
        name: "duplicate-caseload-id",
        area: Area::Data,
        scope: Scope::Caseload,
        severity: Severity::Error,
        summary: "Two roster entries share a staff id, or two case files a participant id.",
        help: "List each staff member once in the roster, and merge a participant's case files into one, then export again.",
        requirements: &[],
        params: &[],
    }
}

impl Rule for DuplicateCaseloadId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_caseload(&self, cx: &CaseloadContext<'_>, out: &mut Out) {
        let mut staff: HashMap<&str, usize> = HashMap::new();
        for (n, member) in cx.caseload.staff.iter().enumerate() {
            if let Some(first) = staff.get(member.id.as_str()) {
                out.findings.push(cx.finding(
                    &Pointer::root().key("staff").index(n).key("id"),
                    cx.as_of,
                    format!(
                        "staff id {} is also used by the roster entry at /staff/{first}",
                        member.id
                    ),
                ));
            } else {
                staff.insert(member.id.as_str(), n);
            }
        }
        let mut participants: HashMap<&str, usize> = HashMap::new();
        for (n, case) in cx.caseload.case_files.iter().enumerate() {
            let id = &case.participant.id;
            if let Some(first) = participants.get(id.as_str()) {
                let mut finding = cx.finding(
                    &Pointer::root()
                        .key("case_files")
                        .index(n)
                        .key("participant")
                        .key("id"),
                    cx.as_of,
                    format!("participant {id} also has the case file at /case_files/{first}"),
                );
                finding.participant_id = Some(id.clone());
                out.findings.push(finding);
            } else {
                participants.insert(id.as_str(), n);
            }
        }
    }
}
