use super::common::{reference_pointer, references, Target};
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every reference from one record of a case file to another names a record the
    /// case file holds: goals (from tasks, planned services, skills, action steps and the
    /// objectives and goal progress of encounters), parties (from consents, shares,
    /// referrals, tasks, supports, signatures, encounters, case conferences, transfers…),
    /// action steps, encounters, risk observations, consents, referrals, documents,
    /// lease-violation plans, harm-reduction plans and crisis incidents. References
    /// resolve across the whole case file, since ids are unique in it (DATA002).
    ///
    /// One finding per reference that names no record, at the reference (for example
    /// `/enrollments/0/care_plan/tasks/1/goal`), dated the evaluation date.
    ///
    /// Not checked here: staff ids (they name the roster, so DATA006 checks them on a
    /// caseload), catalog ids (DATA004), a goal's `long_term_goal` (PLAN003, where the
    /// program asks for long-term goals) and `incident_report` (a report kept outside the
    /// case file).
    ///
    /// ## Why
    /// A reference to a record that is not there is usually a record lost in the export,
    /// or an id mistyped. The rules that follow it then see nothing: a share whose release
    /// cannot be found, goal progress on no goal, a risk response with no plan. Each such
    /// rule reports what it could not find in its own terms; this rule reports the broken
    /// link itself, once, where it is. It enforces no requirement of the standards; it
    /// guards the others, and is on in every built-in policy.
    ///
    /// ## Example that fails
    /// Task `T2` with `"goal": "G9"` in a plan whose goals are `G1` and `G2`: a finding at
    /// `/enrollments/0/care_plan/tasks/1/goal`, "task T2 names goal G9, which is not in
    /// the case file".
    ///
    /// ## Example that passes
    /// The task names `G2`, or the missing goal `G9` is exported with the plan.
    pub struct UnknownReference;
    meta {
        code: "DATA003",
        name: "unknown-reference",
        area: Area::Data,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A record names another record that the case file does not hold.",
        help: "Correct the id, or export the record it names with the case file.",
        requirements: &[],
        params: &[],
    }
}

impl Rule for UnknownReference {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        cx.with_index(|index| {
            // Paths are built only when an unknown reference is found.
            let mut located = None;
            for (n, reference) in index.references.iter().enumerate() {
                let Target::Record(kind) = reference.target else {
                    continue;
                };
                if !index.held.contains(&(kind, reference.id)) {
                    let located = located.get_or_insert_with(|| references(cx.case));
                    out.findings.push(cx.finding(
                        &reference_pointer(located, n),
                        cx.as_of,
                        format!(
                            "{} names {} {}, which is not in the case file",
                            reference.by,
                            kind.noun(),
                            reference.id
                        ),
                    ));
                }
            }
        });
    }
}
