//! The report: findings and obligations, sorted in one stable order, with counts.

use std::cmp::Ordering;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::finding::{Finding, FindingKind};
use crate::obligation::{Obligation, ObligationStatus};
use crate::path::compare_pointers;
use crate::severity::Severity;

/// The version of the report format.
pub const REPORT_SCHEMA_VERSION: &str = "1.0";

/// What hearth found: findings (what is wrong now) and obligations (what is asked, and
/// by when), for one case file or a whole caseload.
///
/// Deterministic: the same input, policy and `as_of` give a byte-identical serialisation,
/// whatever order the input's lists came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hearth report")]
pub struct Report {
    /// The report format's version (`"1.0"`).
    pub schema_version: String,
    /// The evaluation date: records were judged as they stood at the end of this day.
    pub as_of: NaiveDate,
    /// The policy applied.
    pub policy: String,
    /// Counts of findings and obligations.
    pub summary: Summary,
    /// Findings, sorted by participant, path, code, date and message.
    pub findings: Vec<Finding>,
    /// Obligations, sorted by participant, due date, code, kind and path.
    pub obligations: Vec<Obligation>,
}

/// Counts of a report's findings and obligations.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Participants checked.
    pub participants: usize,
    /// Unwaived violations of severity `error`.
    pub errors: usize,
    /// Unwaived violations of severity `warning`.
    pub warnings: usize,
    /// Unwaived violations of severity `info`.
    pub infos: usize,
    /// Findings covered by a waiver (counted apart, not in the severities).
    pub waived: usize,
    /// Checks that could not be made (not in the severities).
    pub not_evaluated: usize,
    /// Obligations past their due date.
    pub overdue: usize,
    /// Obligations due within the lead time.
    pub due_soon: usize,
}

impl Summary {
    /// Adds another report's counts to these (for totals over many reports).
    pub fn add(&mut self, other: &Summary) {
        self.participants += other.participants;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.waived += other.waived;
        self.not_evaluated += other.not_evaluated;
        self.overdue += other.overdue;
        self.due_soon += other.due_soon;
    }
}

impl Report {
    /// Builds a report: sorts findings and obligations and counts them.
    pub fn new(
        as_of: NaiveDate,
        policy: impl Into<String>,
        participants: usize,
        mut findings: Vec<Finding>,
        mut obligations: Vec<Obligation>,
    ) -> Report {
        findings.sort_by(compare_findings);
        obligations.sort_by(compare_obligations);
        let mut summary = Summary {
            participants,
            ..Summary::default()
        };
        for f in &findings {
            if f.is_waived() {
                summary.waived += 1;
            } else if f.kind == FindingKind::NotEvaluated {
                summary.not_evaluated += 1;
            } else {
                match f.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        for o in &obligations {
            match o.status {
                ObligationStatus::Overdue => summary.overdue += 1,
                ObligationStatus::DueSoon => summary.due_soon += 1,
                _ => {}
            }
        }
        Report {
            schema_version: REPORT_SCHEMA_VERSION.to_owned(),
            as_of,
            policy: policy.into(),
            summary,
            findings,
            obligations,
        }
    }

    /// Unwaived violations at or above `level`.
    pub fn count_at_or_above(&self, level: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| !f.is_waived() && f.kind == FindingKind::Violation && f.severity <= level)
            .count()
    }

    /// The findings of rule `code`.
    pub fn findings_of<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.code == code)
    }
}

/// The report's order of findings: participant (caseload findings first), path (numeric
/// segments as numbers), code, date, message.
pub fn compare_findings(a: &Finding, b: &Finding) -> Ordering {
    a.participant_id
        .as_ref()
        .map(|p| p.as_str())
        .cmp(&b.participant_id.as_ref().map(|p| p.as_str()))
        .then_with(|| compare_pointers(&a.path, &b.path))
        .then_with(|| a.code.cmp(&b.code))
        .then_with(|| a.on.cmp(&b.on))
        .then_with(|| a.message.cmp(&b.message))
        .then_with(|| a.severity.cmp(&b.severity))
        .then_with(|| a.waiver.cmp(&b.waiver))
}

/// The report's order of obligations: participant, due date (undated last), code, kind,
/// path, description.
pub fn compare_obligations(a: &Obligation, b: &Obligation) -> Ordering {
    a.participant_id
        .as_str()
        .cmp(b.participant_id.as_str())
        .then_with(|| match (a.due_on, b.due_on) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
        .then_with(|| a.code.cmp(&b.code))
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| compare_pointers(&a.path, &b.path))
        .then_with(|| a.description.cmp(&b.description))
        .then_with(|| a.status.cmp(&b.status))
}
