use std::collections::HashMap;

use crate::context::{CaseloadContext, Out};
use crate::path::Pointer;
use crate::rule::{Area, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// On a caseload, that following `supervisor` from any roster entry never comes back
    /// to someone already passed: nobody is their own supervisor, directly or through
    /// others. One finding per loop, at the `supervisor` of the loop's member that comes
    /// first in the roster (`/staff/N/supervisor`), naming every member of the loop in
    /// order, dated the evaluation date. A chain that ends at someone with no supervisor,
    /// or at an id not in the roster (DATA006), is not a loop. When an id appears twice in
    /// the roster (DATA005), its first entry is the one followed. On a single case file
    /// the rule does nothing.
    ///
    /// The walk visits each roster entry once, so it ends on any roster, however long or
    /// tangled.
    ///
    /// ## Why
    /// A line of supervision is a tree with the director at the top. A loop (`SUP-1`
    /// supervised by `SUP-2`, and `SUP-2` by `SUP-1`) is a data-entry error, and it makes
    /// "does the reviewer report to the terminator?" (TERM003) unanswerable for everyone
    /// in or below the loop: every one of them reports to every other. This rule enforces
    /// no requirement of the standards; it guards the others, and is on in every built-in
    /// policy.
    ///
    /// ## Example that fails
    /// A roster where `SUP-1` (at `/staff/1`) names `SUP-2` as supervisor and `SUP-2`
    /// names `SUP-1`: a finding at `/staff/1/supervisor`, "the supervisor chain loops:
    /// SUP-1 reports to SUP-2, who reports to SUP-1".
    ///
    /// ## Example that passes
    /// `SUP-2` names the director `DIR-1`, who names no supervisor.
    pub struct SupervisorCycle;
    meta {
        code: "DATA007",
        name: "supervisor-cycle",
        area: Area::Data,
        scope: Scope::Caseload,
        severity: Severity::Error,
        summary: "The staff roster's supervisor chain loops back on itself.",
        help: "Correct the `supervisor` of one member of the loop so the chain ends at someone with no supervisor (usually the director).",
        requirements: &[],
        params: &[],
    }
}

/// Where a roster entry stands in the walk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seen {
    Not,
    OnPath,
    Done,
}

/// The loops of the supervisor graph, each as roster indices in chain order, starting at
/// the smallest index. Every entry has at most one supervisor, so each entry is visited
/// once and each loop found once.
fn loops(supervisor_of: &[Option<usize>]) -> Vec<Vec<usize>> {
    let mut seen = vec![Seen::Not; supervisor_of.len()];
    let mut found = Vec::new();
    for start in 0..supervisor_of.len() {
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            at = None;
            match seen.get(i).copied() {
                Some(Seen::Not) => {
                    if let Some(slot) = seen.get_mut(i) {
                        *slot = Seen::OnPath;
                    }
                    path.push(i);
                    at = supervisor_of.get(i).copied().flatten();
                }
                Some(Seen::OnPath) => {
                    // Back on this walk's own path: the path from `i` on is a loop.
                    if let Some(from) = path.iter().position(|&p| p == i) {
                        let mut cycle = path.get(from..).unwrap_or_default().to_vec();
                        let lead = (0..cycle.len()).min_by_key(|&k| cycle.get(k)).unwrap_or(0);
                        cycle.rotate_left(lead);
                        found.push(cycle);
                    }
                }
                // Reached a chain walked before, or the end of the chain.
                Some(Seen::Done) | None => {}
            }
        }
        for i in path {
            if let Some(slot) = seen.get_mut(i) {
                *slot = Seen::Done;
            }
        }
    }
    found.sort();
    found
}

impl Rule for SupervisorCycle {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_caseload(&self, cx: &CaseloadContext<'_>, out: &mut Out) {
        let staff = &cx.caseload.staff;
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (n, member) in staff.iter().enumerate() {
            index.entry(member.id.as_str()).or_insert(n);
        }
        let supervisor_of: Vec<Option<usize>> = staff
            .iter()
            .enumerate()
            .map(|(n, member)| {
                // A later duplicate entry is not followed: it points nowhere.
                let own = index.get(member.id.as_str()) == Some(&n);
                let sup = member.supervisor.as_ref()?;
                own.then(|| index.get(sup.as_str()).copied()).flatten()
            })
            .collect();
        for cycle in loops(&supervisor_of) {
            let ids: Vec<&str> = cycle
                .iter()
                .filter_map(|&n| staff.get(n).map(|s| s.id.as_str()))
                .collect();
            let (Some(&first), Some(&lead)) = (ids.first(), cycle.first()) else {
                continue;
            };
            let message = if ids.len() == 1 {
                format!("the supervisor chain loops: {first} is their own supervisor")
            } else {
                let rest: Vec<String> = ids
                    .iter()
                    .skip(1)
                    .map(|id| format!("{id}, who reports to"))
                    .collect();
                format!(
                    "the supervisor chain loops: {first} reports to {} {first}",
                    rest.join(" ")
                )
            };
            out.findings.push(cx.finding(
                &Pointer::root().key("staff").index(lead).key("supervisor"),
                cx.as_of,
                message,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::loops;

    #[test]
    fn loops_are_found_once_each_from_their_first_member() {
        // 0 -> 1 -> 2 -> 1 (a loop of 1 and 2 below 0), 3 -> 3, 4 -> none, 5 -> 4.
        let graph = [Some(1), Some(2), Some(1), Some(3), None, Some(4)];
        assert_eq!(loops(&graph), vec![vec![1, 2], vec![3]]);
        // The loop is entered from its highest member first: still led by the lowest.
        let graph = [Some(2), Some(0), Some(1)];
        assert_eq!(loops(&graph), vec![vec![0, 2, 1]]);
        assert!(loops(&[None, Some(0), Some(1)]).is_empty());
        assert!(loops(&[]).is_empty());
    }

    #[test]
    fn a_long_chain_is_walked_once() {
        let n = 100_000;
        let mut graph: Vec<Option<usize>> = (1..=n).map(Some).collect();
        graph[n - 1] = Some(0);
        let found = loops(&graph);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
    }
}
