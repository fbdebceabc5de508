//! The care plan: goals, objectives, tasks, supports, signatures, reviews and the
//! action steps placed in it (seed 003 "Comprehensive Case Plan", seed 004 "Service
//! Planning", seed 000 "Add Action Step to Care Plan").

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    ActionStepId, FreeText, GoalId, LongTermGoalId, ObjectiveId, PartyId, RecordId,
    RiskObservationId, StaffId, StepId, TaskId,
};

/// A participant's care plan (also called case plan or service plan) for one
/// enrollment. It is a living document: `reviews` records each review or update
/// (R-PLAN-5); fields describe the plan as it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct CarePlan {
    /// The date the plan was first written.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub created_on: NaiveDate,
    /// The long-term goals the participant names (R-PLAN-3, R-PLAN-6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub long_term_goals: Vec<LongTermGoal>,
    /// Goals being worked on (R-PLAN-1: no more than 3 active).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Tasks and responsibilities of the case manager, the participant and others.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<Task>,
    /// Services and resources needed, who provides them, and their start and end dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<PlannedService>,
    /// Formal and informal supports.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supports: Vec<Support>,
    /// Skills the participant is learning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Skill>,
    /// The agreed schedule of contacts between case manager, participant and others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_schedule: Option<ContactSchedule>,
    /// What happens if a party breaks its end of the agreement (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breach_terms: Option<FreeText>,
    /// Signatures of the case manager, the participant and others named in the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<Signature>,
    /// Each review or update of the plan, with its date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<PlanReview>,
    /// Catalog action steps placed in the plan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub action_steps: Vec<PlannedActionStep>,
    /// Phases of a Critical Time Intervention-style phase plan (R-PLAN-10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phases: Vec<PlanPhase>,
    /// The outcome the plan is working toward or reached, e.g. moving on (R-PLAN-10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<PlanOutcome>,
}

/// A long-term goal in the participant's own words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct LongTermGoal {
    /// Id, referenced by goals.
    pub id: LongTermGoalId,
    /// The goal as the participant said it (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<FreeText>,
    /// The area of life it concerns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<GoalArea>,
}

/// A goal in the plan, with the SMART(S) elements records can show (R-PLAN-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Id, referenced by objectives, tasks, encounters and action steps.
    pub id: GoalId,
    /// The area of life the goal concerns; `housing` marks the housing goal (R-PLAN-4).
    pub area: GoalArea,
    /// Where the goal stands.
    pub status: GoalStatus,
    /// The date the goal was set.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub set_on: NaiveDate,
    /// The date the goal was achieved, discontinued or deferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub closed_on: Option<NaiveDate>,
    /// Specific: what the participant wants to achieve (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub statement: Option<FreeText>,
    /// Measurable: the measure or marker of progress (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<FreeText>,
    /// Time-framed: the target date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub target_date: Option<NaiveDate>,
    /// Strength-based: the participant's strengths and resources used (free text each).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strengths: Vec<FreeText>,
    /// Relevant: the goal in the participant's own words, showing it is their priority.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_words: Option<FreeText>,
    /// The participant's own ranking of this goal among their priorities (1 = first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_priority: Option<u8>,
    /// Who set the goal (participant-driven planning, R-PLAN-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_by: Option<GoalAuthor>,
    /// The long-term goal this goal serves (R-PLAN-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_term_goal: Option<LongTermGoalId>,
    /// Short-term, measurable objectives toward the goal.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
}

/// The area of life a goal concerns.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum GoalArea {
    /// Getting or keeping housing.
    Housing,
    /// Income from benefits or work.
    Income,
    /// Employment.
    Employment,
    /// Education.
    Education,
    /// Physical health.
    PhysicalHealth,
    /// Mental health.
    MentalHealth,
    /// Substance use.
    SubstanceUse,
    /// Money management and budgeting.
    MoneyManagement,
    /// Daily living skills.
    DailyLiving,
    /// Family and social connection.
    SocialConnection,
    /// Legal matters.
    Legal,
    /// Safety.
    Safety,
    /// Anything else.
    Other,
}

/// Where a goal stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum GoalStatus {
    /// Being worked on (counts toward the limit of R-PLAN-1).
    Active,
    /// Achieved.
    Achieved,
    /// Set aside for now, to be taken up later.
    Deferred,
    /// Dropped.
    Discontinued,
}

/// Who set a goal.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum GoalAuthor {
    /// The participant.
    Participant,
    /// The participant and case manager together.
    Jointly,
    /// The case manager alone.
    CaseManager,
    /// Another party (a program, a funder, a court).
    Other,
}

/// A short-term, measurable objective under a goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: ObjectiveId,
    /// What is to be done (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<FreeText>,
    /// The measure of completion (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<FreeText>,
    /// Target date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub target_date: Option<NaiveDate>,
    /// Date met, if met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub met_on: Option<NaiveDate>,
}

/// A task in the plan and who owns it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Task {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: TaskId,
    /// Whose task it is.
    pub owner: TaskOwner,
    /// The outside party responsible, when `owner` is `other-party`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyId>,
    /// The goal it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
    /// What is to be done (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<FreeText>,
    /// When it is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub due_on: Option<NaiveDate>,
    /// When it was done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub done_on: Option<NaiveDate>,
}

/// Who owns a task.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum TaskOwner {
    /// The case manager.
    CaseManager,
    /// The participant.
    Participant,
    /// Another party named in the plan.
    OtherParty,
}

/// A service or resource in the plan, who provides it, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct PlannedService {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: RecordId,
    /// What the service is (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<FreeText>,
    /// The organisation or person providing it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<PartyId>,
    /// The goal it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
    /// Start date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub starts_on: Option<NaiveDate>,
    /// End date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub ends_on: Option<NaiveDate>,
}

/// A formal or informal support.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Support {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: RecordId,
    /// Formal (a service) or informal (family, friends, faith community).
    pub kind: SupportKind,
    /// The party, when it is in the party list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyId>,
    /// Description (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<FreeText>,
}

/// Formal or informal support.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum SupportKind {
    /// A formal service or professional.
    Formal,
    /// Family, friends, neighbours, faith community.
    Informal,
}

/// A skill the participant is learning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Skill {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: RecordId,
    /// The skill (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<FreeText>,
    /// The goal it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
}

/// The agreed schedule of contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct ContactSchedule {
    /// Days between planned contacts.
    pub every_days: u16,
    /// Preferred mode of contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<crate::ContactMode>,
    /// Other people taking part in scheduled contacts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub with_parties: Vec<PartyId>,
    /// Date the schedule was agreed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub agreed_on: Option<NaiveDate>,
}

/// A signature on the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// Who signed.
    pub signer: Signer,
    /// The staff member, when `signer` is `case-manager` or `supervisor`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub staff: Option<StaffId>,
    /// The party, when `signer` is `other-party`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyId>,
    /// Date signed.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub signed_on: NaiveDate,
}

/// Who signed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Signer {
    /// The participant.
    Participant,
    /// The case manager.
    CaseManager,
    /// A supervisor.
    Supervisor,
    /// Another individual who is part of the plan.
    OtherParty,
}

/// A review or update of the plan (R-PLAN-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct PlanReview {
    /// Date of the review.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub reviewed_on: NaiveDate,
    /// Staff member who reviewed it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed_by: Option<StaffId>,
    /// Whether the participant took part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_participant: Option<bool>,
    /// Whether the review involved a supervisor (R-PLAN-7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor_involved: Option<bool>,
    /// What changed (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<FreeText>,
}

/// A catalog action step placed in the care plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct PlannedActionStep {
    /// Id of this placement.
    pub id: ActionStepId,
    /// The catalog step, e.g. `resolve-arrears`.
    pub step: StepId,
    /// Date added to the plan.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub added_on: NaiveDate,
    /// Where it stands.
    pub status: ActionStepStatus,
    /// Date completed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub done_on: Option<NaiveDate>,
    /// The goal it serves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalId>,
    /// The outside party the step involves (for steps that share information, R-CAT-3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyId>,
    /// The observed risk this step responds to (R-RISK-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub addresses_risk: Option<RiskObservationId>,
}

/// Where an action step stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ActionStepStatus {
    /// Planned, not started.
    Planned,
    /// Under way.
    InProgress,
    /// Done.
    Done,
    /// Dropped.
    Cancelled,
}

/// A phase of a CTI-style phase plan (R-PLAN-10; DOMAIN §8: transition, try-out,
/// transfer of care, about three months each).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct PlanPhase {
    /// Which phase.
    pub phase: CtiPhase,
    /// Start date.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub started_on: NaiveDate,
    /// End date, once over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub ended_on: Option<NaiveDate>,
}

/// A Critical Time Intervention phase.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum CtiPhase {
    /// Phase 1: transition (contact about weekly).
    Transition,
    /// Phase 2: try-out (contact about every two weeks).
    TryOut,
    /// Phase 3: transfer of care (contact about monthly).
    TransferOfCare,
}

/// An outcome a plan works toward (seed 004 "Opportunity to move on").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum PlanOutcome {
    /// Stay housed in the current program.
    Retain,
    /// Move on with more independence.
    MoveOnMoreIndependence,
    /// Move on with more support.
    MoveOnMoreSupport,
}
