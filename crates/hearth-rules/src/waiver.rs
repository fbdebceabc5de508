//! Waivers: a program's decision that a rule does not apply to one participant (or one
//! record of theirs) for a time.

use chrono::NaiveDate;
use hearth_model::ParticipantId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::finding::{Finding, FindingKind};
use crate::obligation::{Obligation, ObligationStatus};
use crate::path::Pointer;
use crate::registry;
use crate::rules::waiver::{ExpiredWaiver, UnusedWaiver};
use crate::severity::Severity;

/// A waiver, as written in a policy file's `[[waivers]]` list.
///
/// A waived finding stays in the report, marked with the waiver's id and counted apart.
/// A waiver that has expired, or that covers nothing, is itself a finding
/// (`WAIVER001`, `WAIVER002`), so waivers cannot pile up unnoticed.
///
/// The `reason` is for people reading the policy file; reports never repeat it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiver {
    /// The waiver's id, unique in the policy, e.g. `W-2026-004`. Reports cite it.
    pub id: String,
    /// The code of the rule waived, e.g. `VISIT001`.
    pub rule: String,
    /// The participant it applies to.
    pub participant: ParticipantId,
    /// A JSON Pointer into the participant's case file: only findings at this path or
    /// below it are waived. Absent: every finding of the rule for the participant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Why the rule is waived (never printed in reports).
    pub reason: String,
    /// Who approved it: a staff id.
    pub approved_by: String,
    /// When it was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approved_on: Option<NaiveDate>,
    /// The last day it applies.
    pub expires_on: NaiveDate,
}

impl Waiver {
    fn covers(&self, code: &str, participant: Option<&ParticipantId>, path: &str) -> bool {
        self.rule == code
            && participant == Some(&self.participant)
            && match &self.path {
                None => true,
                Some(prefix) => is_path_prefix(prefix, path),
            }
    }
}

/// Whether `prefix` is `path` or one of its ancestors, segment by segment
/// (`/a/1` covers `/a/1/b` but not `/a/10`).
fn is_path_prefix(prefix: &str, path: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    path == prefix
        || (path.starts_with(prefix)
            && path
                .get(prefix.len()..)
                .is_some_and(|rest| rest.starts_with('/')))
}

/// Applies `waivers` to one participant's findings and obligations (paths relative to
/// their case file), and returns the waiver findings: expired waivers and waivers that
/// covered nothing, for this participant only.
pub(crate) fn apply(
    participant: &ParticipantId,
    waivers: &[Waiver],
    findings: &mut [Finding],
    obligations: &mut [Obligation],
    as_of: NaiveDate,
    severity_of: &dyn Fn(&'static str) -> Option<Severity>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for waiver in waivers.iter().filter(|w| &w.participant == participant) {
        let in_force = as_of <= waiver.expires_on;
        let mut used = 0usize;
        for finding in findings.iter_mut().filter(|f| {
            f.waiver.is_none()
                && f.kind == FindingKind::Violation
                && waiver.covers(&f.code, f.participant_id.as_ref(), &f.path)
        }) {
            used += 1;
            if in_force {
                finding.waiver = Some(waiver.id.clone());
            }
        }
        for obligation in obligations.iter_mut().filter(|o| {
            o.waiver.is_none()
                && matches!(
                    o.status,
                    ObligationStatus::Overdue
                        | ObligationStatus::DueSoon
                        | ObligationStatus::Upcoming
                )
                && waiver.covers(&o.code, Some(&o.participant_id), &o.path)
        }) {
            used += 1;
            if in_force {
                obligation.waiver = Some(waiver.id.clone());
                obligation.status = ObligationStatus::Waived;
            }
        }
        if !in_force {
            if let Some(severity) = severity_of(ExpiredWaiver::META.code) {
                out.push(waiver_finding(
                    &ExpiredWaiver::META,
                    severity,
                    participant,
                    waiver.expires_on,
                    format!(
                        "waiver {} for rule {} expired on {}; it no longer covers {} finding(s) or obligation(s)",
                        waiver.id, waiver.rule, waiver.expires_on, used
                    ),
                ));
            }
        } else if used == 0 {
            if let Some(severity) = severity_of(UnusedWaiver::META.code) {
                let known = registry::find(&waiver.rule).is_some();
                out.push(waiver_finding(
                    &UnusedWaiver::META,
                    severity,
                    participant,
                    as_of,
                    if known {
                        format!(
                            "waiver {} for rule {} covers no finding or obligation on {}",
                            waiver.id, waiver.rule, as_of
                        )
                    } else {
                        format!(
                            "waiver {} names rule {}, which does not exist",
                            waiver.id, waiver.rule
                        )
                    },
                ));
            }
        }
    }
    out
}

fn waiver_finding(
    meta: &'static crate::RuleMeta,
    severity: Severity,
    participant: &ParticipantId,
    on: NaiveDate,
    message: String,
) -> Finding {
    Finding {
        code: meta.code.to_owned(),
        rule: meta.name.to_owned(),
        severity,
        kind: FindingKind::Violation,
        message,
        participant_id: Some(participant.clone()),
        path: Pointer::root().into_string(),
        on,
        requirements: meta.requirement_ids().map(str::to_owned).collect(),
        help: meta.help.to_owned(),
        waiver: None,
    }
}

#[cfg(test)]
mod tests {
    use super::is_path_prefix;

    #[test]
    fn path_prefix_is_segment_wise() {
        assert!(is_path_prefix(
            "/enrollments/0",
            "/enrollments/0/encounters/3"
        ));
        assert!(is_path_prefix("/enrollments/0", "/enrollments/0"));
        assert!(is_path_prefix("", "/anything"));
        assert!(!is_path_prefix("/enrollments/1", "/enrollments/10"));
    }
}
