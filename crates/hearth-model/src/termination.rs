//! Termination for non-compliance and its due process, exits, and transfers (seed 003
//! "Non-compliance and Exiting the Program", "Planning for Client Exit"; seed 004).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{DocumentId, EncounterId, FreeText, PartyId, ReferralId, StaffId};

/// A termination from the program and the due process around it (R-TERM-1..6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Termination {
    /// Why the participant is being terminated.
    pub reason: TerminationReason,
    /// The staff member who terminated (R-TERM-3).
    pub terminated_by: StaffId,
    /// Date the termination was decided.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub decided_on: NaiveDate,
    /// Date it takes effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub effective_on: Option<NaiveDate>,
    /// The case conference held before it (R-TERM-1). This is the record rules read;
    /// `encounter` inside it may link the encounter of kind `case-conference`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_conference: Option<CaseConference>,
    /// The written notice stating the reason (R-TERM-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub written_notice: Option<WrittenNotice>,
    /// The independent review (R-TERM-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<TerminationReview>,
    /// The appeal opportunity and its outcome (R-TERM-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appeal: Option<Appeal>,
    /// The written notice of the final decision (R-TERM-5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_notice: Option<WrittenNotice>,
    /// Written resources and referrals given (R-TERM-6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources_given: Option<ResourcesGiven>,
    /// Details (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<FreeText>,
}

/// Why a participant is terminated (seed 003 "Client Exit": asked to leave).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum TerminationReason {
    /// Non-compliance with program rules.
    NonCompliance,
    /// Lease violations.
    LeaseViolation,
    /// Refusal to work toward defined goals.
    RefusalToWorkOnGoals,
    /// Behaviour that cannot be tolerated (criminal acts, threats, violence).
    IntolerableBehavior,
    /// Anything else.
    Other,
}

/// A case conference with the participant and the people involved (R-TERM-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct CaseConference {
    /// Date held.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub held_on: NaiveDate,
    /// The encounter record of the conference, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encounter: Option<EncounterId>,
    /// Whether the participant took part.
    pub participant_attended: bool,
    /// Staff who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staff: Vec<StaffId>,
    /// Outside parties who took part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parties: Vec<PartyId>,
}

/// A written notice given to the participant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct WrittenNotice {
    /// Date given.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub given_on: NaiveDate,
    /// Whether the notice states the reason (R-TERM-2).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub states_reason: bool,
    /// The notice as filed in the participant's documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<DocumentId>,
}

/// The review of a termination (R-TERM-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct TerminationReview {
    /// The reviewer; must be neither the terminator nor their subordinate.
    pub reviewed_by: StaffId,
    /// Date reviewed.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub reviewed_on: NaiveDate,
    /// Whether the termination was upheld.
    pub upheld: bool,
}

/// The appeal opportunity (R-TERM-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Appeal {
    /// Date the participant was told of the right to appeal.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub offered_on: NaiveDate,
    /// Last day to file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub deadline: Option<NaiveDate>,
    /// Date filed, if the participant appealed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub filed_on: Option<NaiveDate>,
    /// Date the appeal was heard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub heard_on: Option<NaiveDate>,
    /// Who decided the appeal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by: Option<StaffId>,
    /// The decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<AppealOutcome>,
    /// Date decided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub decided_on: Option<NaiveDate>,
}

/// The outcome of an appeal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum AppealOutcome {
    /// Termination upheld.
    Upheld,
    /// Termination overturned.
    Overturned,
    /// The participant withdrew the appeal.
    Withdrawn,
}

/// Written resources and referrals given at termination (R-TERM-6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct ResourcesGiven {
    /// Date given.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub given_on: NaiveDate,
    /// Whether they were given in writing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub written: bool,
    /// Referrals made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referrals: Vec<ReferralId>,
}

/// How and when the participant left the program (R-EXIT-1, R-EXIT-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Exit {
    /// Exit date.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub exited_on: NaiveDate,
    /// The kind of exit.
    pub kind: ExitKind,
    /// Where the participant went.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<ExitDestination>,
    /// Date of the discharge meeting (R-EXIT-2). This field is the record of the date;
    /// an encounter of kind `discharge-meeting` may also exist and should agree with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub discharge_meeting_on: Option<NaiveDate>,
    /// Linkages to community services and supports made before exit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub linkages: Vec<ReferralId>,
    /// Date the satisfaction survey was offered or completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub satisfaction_survey_on: Option<NaiveDate>,
    /// Follow-up after exit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUp>,
    /// A transfer to another provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transfer: Option<Transfer>,
    /// When the exit was entered in the record, with offset (HMIS `DateCreated` of the
    /// exit): documentation timeliness is measured from `exited_on` to it.
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_timestamp))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_timestamp")]
    pub documented_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Where the exit was imported from (file, row, raw codes such as the HMIS
    /// `Destination`); absent in hand-written case files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<crate::Provenance>,
}

/// Kinds of exit (seed 003 "Client Exit").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ExitKind {
    /// Positive termination: planned, positive housing outcome.
    Positive,
    /// Left voluntarily (further services recommended but not requested).
    LeftVoluntarily,
    /// Left without the case manager's knowledge.
    LeftWithoutNotice,
    /// Police or court prevented further services.
    PoliceCourtPrevented,
    /// Asked to leave (a termination).
    AskedToLeave,
    /// Not recorded: the source (an HMIS export) holds the destination but not the
    /// kind of exit, so rules that depend on the kind do not judge it.
    NotRecorded,
}

/// Where a participant went on exit (broad groups, as HMIS exports record them).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ExitDestination {
    /// Permanent housing the participant rents or owns without ongoing subsidy.
    PermanentUnsubsidized,
    /// Permanent housing with an ongoing subsidy.
    PermanentSubsidized,
    /// Permanent housing with family or friends.
    PermanentWithFamilyOrFriends,
    /// Temporary housing (staying with family or friends, transitional housing).
    Temporary,
    /// An institution (hospital, treatment, jail).
    Institution,
    /// Homeless (shelter, street).
    Homeless,
    /// Deceased.
    Deceased,
    /// Not known.
    Unknown,
}

/// The follow-up plan and contact after exit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// Whether the participant permits follow-up contact.
    pub permitted: bool,
    /// Date the follow-up plan was made (must be before exit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub plan_made_on: Option<NaiveDate>,
    /// Whether the plan includes a homelessness-prevention plan.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub includes_prevention_plan: bool,
    /// Planned follow-up contact dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::dates::date_list")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date_list))]
    pub planned_contacts: Vec<NaiveDate>,
}

/// A transfer to another provider (R-EXIT-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    /// The new provider.
    pub to: PartyId,
    /// The warm handoff, if one took place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warm_handoff: Option<WarmHandoff>,
}

/// A warm handoff to a new provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct WarmHandoff {
    /// Date held.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub held_on: NaiveDate,
    /// How.
    pub kind: HandoffKind,
}

/// Forms of warm handoff (seed 003 examples).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum HandoffKind {
    /// New provider met participant and case manager at lease signing.
    AtLeaseSigning,
    /// A meeting with the participant and new provider before move-in.
    MeetingBeforeMoveIn,
    /// A conference call or face-to-face introduction.
    Introduction,
    /// Went to program or housing interviews together.
    JointInterviews,
}
