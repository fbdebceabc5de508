//! Encounters: visits, calls and meetings, with what they covered and how they were
//! documented (seed 000 "Routine Health & Safety Visit", seed 001, seed 003 "Case Notes").

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    ActionStepId, EncounterId, FreeText, GoalId, PartyId, Provenance, RiskObservationId, StaffId,
    StepId,
};

/// One contact between staff and the participant (or about the participant).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Encounter {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: EncounterId,
    /// When it began, with the UTC offset in force where it happened (RFC 3339).
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::timestamp))]
    #[serde(deserialize_with = "crate::dates::timestamp")]
    pub started_at: DateTime<FixedOffset>,
    /// Whether only the date of `started_at` is known (an HMIS service or contact
    /// records a date without a time): the time is then midnight where it happened, and
    /// rules that measure hours from the start do not judge it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub date_only: bool,
    /// Time spent, in minutes (R-VISIT-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// How contact was made.
    pub mode: ContactMode,
    /// Where it took place (R-VISIT-8). For phone, video and text contact it may be left
    /// out: it then means the place of the participant is not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// What kind of contact it was.
    #[serde(default = "EncounterKind::default_kind")]
    pub kind: EncounterKind,
    /// Whether it took place: a no-show or a cancelled visit is recorded, but is not a
    /// visit.
    #[serde(default = "EncounterStatus::default_status")]
    pub status: EncounterStatus,
    /// Whether the participant took part (false for collateral contacts about them).
    #[serde(default = "crate::default_true")]
    pub participant_present: bool,
    /// Whether the visit was scheduled with the participant in advance (R-VISIT-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced: Option<bool>,
    /// Staff who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<StaffId>,
    /// Outside parties who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyId>,
    /// The meeting's objectives, each tied to the plan where it can be (R-VISIT-3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<EncounterObjective>,
    /// Goals discussed and the progress recorded for each (R-PLAN-7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals_discussed: Vec<GoalProgress>,
    /// Catalog action steps carried out during the encounter.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps_done: Vec<StepDone>,
    /// Risks observed or identified during the encounter (see `risk_observations`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks_observed: Vec<RiskObservationId>,
    /// The next visit, as confirmed before the encounter ended (R-VISIT-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_visit: Option<NextVisit>,
    /// When the note was entered in the record, with offset (R-VISIT-7).
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_timestamp))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_timestamp")]
    pub documented_at: Option<DateTime<FixedOffset>>,
    /// Whether the note is marked as a late entry (R-VISIT-7).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub late_entry: bool,
    /// The case note. Free text: never printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<FreeText>,
    /// Where the encounter was imported from (file, row, raw codes); absent in
    /// hand-written case files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
}

/// How contact was made.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ContactMode {
    /// Face to face.
    InPerson,
    /// Telephone.
    Phone,
    /// Video call.
    Video,
    /// Text or other written message.
    Text,
    /// Not recorded (imported data such as HMIS services, which hold no mode): rules
    /// about how contact was made do not judge it.
    Unknown,
}

/// Where an encounter took place.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Location {
    /// The participant's home.
    Home,
    /// The agency office.
    Office,
    /// Elsewhere in the community (a clinic, a café, a court).
    Community,
    /// A shelter.
    Shelter,
    /// A jail or prison (seed 000 "Jail Visit").
    Jail,
    /// A hospital.
    Hospital,
    /// Anywhere else.
    Other,
}

/// What kind of contact an encounter was.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum EncounterKind {
    /// A case-management visit or appointment (the default).
    Visit,
    /// Outreach and engagement before or between planned visits.
    Outreach,
    /// The first interview (R-ASMT-1).
    FirstInterview,
    /// A case conference with the participant and others involved (R-TERM-1).
    CaseConference,
    /// A discharge meeting before exit (R-EXIT-2).
    DischargeMeeting,
    /// Crisis response.
    Crisis,
    /// A contact with another party about the participant (collateral).
    Collateral,
    /// Follow-up after exit.
    FollowUp,
}

impl EncounterKind {
    fn default_kind() -> Self {
        Self::Visit
    }
}

/// Whether a scheduled encounter took place.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum EncounterStatus {
    /// It took place (the default).
    Completed,
    /// The participant was not there.
    NoShow,
    /// The participant cancelled.
    CancelledByParticipant,
    /// Staff cancelled.
    CancelledByStaff,
    /// Staff tried to make contact and could not (a call not answered, a door not
    /// opened): seed 003 asks that lack of contact be recorded.
    AttemptedContact,
}

impl EncounterStatus {
    fn default_status() -> Self {
        Self::Completed
    }

    /// Whether the encounter took place.
    pub fn took_place(self) -> bool {
        self == Self::Completed
    }
}

/// An objective set for a meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct EncounterObjective {
    /// The plan goal it advances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
    /// The plan action step it advances.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_step: Option<ActionStepId>,
    /// The objective (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<FreeText>,
}

/// Progress on a goal recorded at an encounter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct GoalProgress {
    /// The goal.
    pub goal: GoalId,
    /// The progress seen.
    pub progress: Progress,
}

/// Progress seen on a goal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Progress {
    /// Discussed; no progress since last time.
    None,
    /// Some progress.
    Some,
    /// A step back.
    Setback,
    /// Goal achieved.
    Achieved,
}

/// A catalog step carried out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct StepDone {
    /// The catalog step, e.g. `schedule-next-visit`.
    pub step: StepId,
    /// The plan action step it advances, if it was planned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_step: Option<ActionStepId>,
    /// The outside party involved (for steps that share information).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyId>,
}

/// The next visit as scheduled at the end of an encounter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct NextVisit {
    /// The date and time agreed.
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::timestamp))]
    #[serde(deserialize_with = "crate::dates::timestamp")]
    pub scheduled_for: DateTime<FixedOffset>,
    /// The planned mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ContactMode>,
    /// The planned location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}
