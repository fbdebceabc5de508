//! Findings: what is wrong now.

use chrono::NaiveDate;
use hearth_model::ParticipantId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::severity::Severity;

/// Whether a finding reports a broken standard or a check that could not be made.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// The records show the standard was not met.
    Violation,
    /// The rule could not be evaluated (for example, no staff roster to tell who reports
    /// to whom). Never a silent pass: it is reported, and counted apart.
    NotEvaluated,
}

/// One finding: a rule, a participant, a place in the input and what is wrong there.
///
/// The message names ids, codes, dates and counts only: never a name, birth date,
/// address or note text, so reports can be published in CI logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The rule's code, e.g. `PLAN005`.
    pub code: String,
    /// The rule's kebab-case name, e.g. `plan-review-overdue`.
    pub rule: String,
    /// The severity under the policy applied.
    pub severity: Severity,
    /// A violation, or a check that could not be made.
    pub kind: FindingKind,
    /// What is wrong, with ids, dates and counts.
    pub message: String,
    /// The participant concerned; absent for findings about the caseload or its roster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_id: Option<ParticipantId>,
    /// JSON Pointer (RFC 6901) of the offending value in the input document; `""` is the
    /// whole document.
    pub path: String,
    /// The date the finding is about (when the lapse happened or the check was judged),
    /// which decides the policy version in force.
    pub on: NaiveDate,
    /// The requirement ids the rule enforces, e.g. `["R-PLAN-5"]`.
    pub requirements: Vec<String>,
    /// What to do about it.
    pub help: String,
    /// The id of the waiver that covers this finding, if one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
}

impl Finding {
    /// Replaces the help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = help.into();
        self
    }

    /// Replaces the severity (for rules with a warning band and an error band).
    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Whether a waiver covers this finding.
    pub fn is_waived(&self) -> bool {
        self.waiver.is_some()
    }
}
