//! The two input documents — a case file and a caseload — and their schema version.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Assessment, Consent, Enrollment, Participant, Party, ProgramModel, RecordId, Staff};

/// The version of the document format. Only `"1.0"` exists; a document naming another
/// version is rejected rather than read by guesswork.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum SchemaVersion {
    /// Version 1.0.
    #[default]
    #[serde(rename = "1.0")]
    V1_0,
}

impl SchemaVersion {
    /// The version this build writes and reads.
    pub const CURRENT: SchemaVersion = SchemaVersion::V1_0;

    /// The version as written in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::V1_0 => "1.0",
        }
    }
}

/// One participant and everything recorded about them: the input hearth checks.
///
/// ```
/// let json = r#"{
///   "schema_version": "1.0",
///   "participant": { "id": "P-0001" },
///   "enrollments": [
///     { "id": "E-1", "program": "icms", "tier": "high-billing", "entered_on": "2026-01-05" }
///   ]
/// }"#;
/// let case = hearth_model::parse_case_file(json)?;
/// assert_eq!(case.participant.id.as_str(), "P-0001");
/// # Ok::<(), hearth_model::ParseError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    /// Document format version; must be `"1.0"`.
    pub schema_version: SchemaVersion,
    /// The participant.
    pub participant: Participant,
    /// Outside parties referenced by consents, referrals and shares.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<Party>,
    /// Consents and releases of information, per party.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consents: Vec<Consent>,
    /// Assessments, including those done before enrollment (front door).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<crate::Assessment>,
    /// Program stays, in any order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enrollments: Vec<Enrollment>,
    /// Decisions on requests to enter a program (R-TERM-7: a past termination never
    /// blocks re-entry).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry_decisions: Vec<EntryDecision>,
}

impl CaseFile {
    /// Assessments of one instrument, in the order given.
    pub fn assessments_of<'a>(
        &'a self,
        instrument: &'a str,
    ) -> impl Iterator<Item = &'a Assessment> + 'a {
        self.assessments
            .iter()
            .filter(move |a| a.instrument.as_str() == instrument)
    }
}

/// A decision on a request to enter (or re-enter) a program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct EntryDecision {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: RecordId,
    /// Date decided.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub decided_on: NaiveDate,
    /// The program applied to.
    pub program: ProgramModel,
    /// Whether the participant was accepted.
    pub accepted: bool,
    /// Who decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<crate::StaffId>,
    /// Why not, when not accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denial_reason: Option<DenialReason>,
}

/// Why entry was denied.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum DenialReason {
    /// A past termination from the program (never allowed, R-TERM-7).
    PastTermination,
    /// Not eligible.
    NotEligible,
    /// No capacity.
    NoCapacity,
    /// The participant declined.
    DeclinedByParticipant,
    /// Anything else.
    Other,
}

/// A program's whole caseload: its staff roster and many case files.
///
/// Rules that need the roster (reviewer independence, caseload ratio) can only run on a
/// caseload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Caseload {
    /// Document format version; must be `"1.0"`.
    pub schema_version: SchemaVersion,
    /// The program the caseload belongs to.
    pub program: ProgramInfo,
    /// The staff roster.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<Staff>,
    /// The case files (always written, even when empty, so a caseload is recognisable).
    #[serde(default)]
    pub case_files: Vec<CaseFile>,
}

/// The program a caseload belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct ProgramInfo {
    /// The agency's own id for the program.
    pub id: String,
    /// The program model.
    pub model: ProgramModel,
    /// The program's public name (an organisation name, not personal data).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}
