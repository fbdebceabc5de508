//! Staff roster entries.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Personal, StaffId};

/// A staff member in the agency roster. The roster lets rules check who reviewed whom
/// (R-TERM-3) and caseload ratios (R-VISIT-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// Roster id; the only staff identifier reports print.
    pub id: StaffId,
    /// The staff member's role.
    pub role: StaffRole,
    /// The staff member's direct supervisor, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<StaffId>,
    /// Whether the person currently carries a caseload (defaults to true for case
    /// managers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carries_caseload: Option<bool>,
    /// Display name. Personal: never printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Personal<String>>,
}

/// A staff role.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum StaffRole {
    /// Front-line case manager.
    CaseManager,
    /// Supervisor of case managers.
    Supervisor,
    /// Program manager.
    ProgramManager,
    /// Director or executive.
    Director,
    /// Clinician (nurse, therapist) on the team.
    Clinician,
    /// Peer support specialist.
    PeerSpecialist,
    /// Any other role.
    Other,
    /// Not known: staff known only by an id (an HMIS `UserID`).
    Unknown,
}
