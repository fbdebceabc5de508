use super::common::{records, Kind};
use crate::context::{CaseContext, Out};
use crate::index::FastMap;
use crate::rule::{Area, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That no two records of one kind in a case file share an id, as the model asks:
    /// parties, consents, assessments, entry decisions, enrollments, refusals, long-term
    /// goals, goals, objectives, tasks, planned services, supports, skills, action steps,
    /// encounters, risk observations, lease-violation plans, harm-reduction plans, crisis
    /// incidents, crisis plans, referrals, information shares, confidentiality exceptions
    /// and documents. Ids are compared exactly (they are case-sensitive), across all the
    /// enrollments of the case file.
    ///
    /// The first record with an id is taken as its owner; each later one is a finding at
    /// its `id` (for example `/enrollments/0/care_plan/goals/3/id`), naming where the
    /// first one is. Findings are dated the evaluation date. Records of different kinds
    /// may share an id (a goal `G1` and a task `G1`). On a caseload, staff ids and
    /// participant ids are DATA005's.
    ///
    /// ## Why
    /// Records point at each other by id: a task at its goal, an encounter at the action
    /// step it carried out, a share at the release it relied on. With two goals `G1`,
    /// every reference to `G1` is ambiguous, and a rule that follows it (goal progress,
    /// stalled goals, releases) may read the wrong record and pass or fail it wrongly.
    /// This rule enforces no requirement of the standards; it guards the others, and is on
    /// in every built-in policy.
    ///
    /// ## Example that fails
    /// A care plan with goals `G1`, `G2` and a third goal also `G1`: a finding at
    /// `/enrollments/0/care_plan/goals/2/id`, "goal id G1 is also used by the goal at
    /// /enrollments/0/care_plan/goals/0".
    ///
    /// ## Example that passes
    /// The third goal renumbered `G3` (and the tasks and encounters that meant it updated).
    pub struct DuplicateId;
    meta {
        code: "DATA002",
        name: "duplicate-id",
        area: Area::Data,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "Two records of one kind in a case file have the same id.",
        help: "Give each record its own id in the source system (and point the references that meant the other record at its new id), then export again.",
        requirements: &[],
        params: &[],
    }
}

impl Rule for DuplicateId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        cx.with_index(|index| {
            let mut first: FastMap<(Kind, &str), usize> = FastMap::default();
            // Paths are built only when a duplicate is found (by the same walk).
            let mut located = None;
            for (n, record) in index.records.iter().enumerate() {
                match first.get(&(record.kind, record.id)) {
                    Some(&owner) => {
                        let located = located.get_or_insert_with(|| records(cx.case));
                        let owner = path_of(located, owner);
                        let owner = owner.as_str().strip_suffix("/id").unwrap_or(owner.as_str());
                        out.findings.push(cx.finding(
                            &path_of(located, n),
                            cx.as_of,
                            format!(
                                "{} id {} is also used by the {} at {owner}",
                                record.kind.noun(),
                                record.id,
                                record.kind.noun()
                            ),
                        ));
                    }
                    None => {
                        first.insert((record.kind, record.id), n);
                    }
                }
            }
        });
    }
}

/// The pointer of the `n`th record.
fn path_of(records: &[hearth_model::walk::Record<'_>], n: usize) -> crate::path::Pointer {
    records
        .get(n)
        .map(|r| super::common::pointer(&r.path))
        .unwrap_or_default()
}
