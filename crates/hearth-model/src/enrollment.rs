//! Enrollments: one program stay with its dates, plan, encounters and outcome.

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    CarePlan, ConfidentialityException, CrisisIncident, CrisisPlan, Encounter, EnrollmentId, Exit,
    FileDocument, Funding, HarmReductionPlan, InformationShare, Intake, LeaseViolationPlan,
    ProgramModel, Provenance, Referral, RiskObservation, StaffId, Termination, Tier,
};

/// One program stay: the program it is under, the key dates of entry, and everything
/// recorded during it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Enrollment {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: EnrollmentId,
    /// The program model whose standards apply.
    pub program: ProgramModel,
    /// ICMS billing tier (R-VISIT-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<Tier>,
    /// Funding streams (the St. Louis standards apply to CoC and ESG funding).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub funding: Vec<Funding>,
    /// The assigned case manager.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_manager: Option<StaffId>,
    /// Date the participant was referred to the program (R-ASMT-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub referred_on: Option<NaiveDate>,
    /// Date of initial contact (R-ASMT-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub initial_contact_on: Option<NaiveDate>,
    /// Date the participant entered a shelter (R-ASMT-2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub shelter_entry_on: Option<NaiveDate>,
    /// Date of the first interview (R-ASMT-1). This field is the record of the date;
    /// an encounter of kind `first-interview` may also exist and should agree with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub first_interview_on: Option<NaiveDate>,
    /// Date the enrollment began.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub entered_on: NaiveDate,
    /// When the entry was entered in the record, with offset (HMIS `DateCreated` of the
    /// enrollment): documentation timeliness is measured from `entered_on` to it.
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_timestamp))]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_timestamp")]
    pub entry_documented_at: Option<DateTime<FixedOffset>>,
    /// The household the participant entered with, when recorded (HMIS `HouseholdID`
    /// and `RelationshipToHoH`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<Household>,
    /// Date the participant moved into housing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub move_in_on: Option<NaiveDate>,
    /// Whether taking part in services is voluntary (R-PLAN-8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_participation: Option<ServiceParticipation>,
    /// Conditions placed on the participant's housing, if any were recorded (R-PLAN-8:
    /// Housing First allows none of treatment, sobriety or service participation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub housing_conditions: Vec<HousingCondition>,
    /// What was done at intake.
    #[serde(default, skip_serializing_if = "is_default")]
    pub intake: Intake,
    /// The care plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub care_plan: Option<CarePlan>,
    /// Encounters during the stay.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub encounters: Vec<Encounter>,
    /// Risks observed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risk_observations: Vec<RiskObservation>,
    /// Plans to address lease violations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lease_violation_plans: Vec<LeaseViolationPlan>,
    /// Harm-reduction plans to prevent eviction.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub harm_reduction_plans: Vec<HarmReductionPlan>,
    /// Crisis incidents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crisis_incidents: Vec<CrisisIncident>,
    /// Crisis plans.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub crisis_plans: Vec<CrisisPlan>,
    /// The recorded stage on the five steps to housing stability, with dates (R-PLAN-9).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stage_history: Vec<StageChange>,
    /// Referrals made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub referrals: Vec<Referral>,
    /// Information shared with other parties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub information_shares: Vec<InformationShare>,
    /// Disclosures under a confidentiality exception (R-CONS-2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub confidentiality_exceptions: Vec<ConfidentialityException>,
    /// Documents held in the participant file (R-ASMT-7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<FileDocument>,
    /// The termination, if the participant was terminated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub termination: Option<Termination>,
    /// The exit, once the participant has left.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit: Option<Exit>,
    /// Where the enrollment was imported from (file, row, raw codes); absent in
    /// hand-written case files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Provenance>,
}

/// The household an enrollment belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// The household's id, shared by the enrollments of its members.
    pub id: String,
    /// The participant's relationship to the head of household, when recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationship: Option<HouseholdRelationship>,
}

/// Relationship to the head of household (HMIS Data Standards 3.15).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum HouseholdRelationship {
    /// The head of household (code 1).
    Head,
    /// A child of the head (code 2).
    Child,
    /// The head's spouse or partner (code 3).
    SpouseOrPartner,
    /// Another relative (code 4).
    OtherRelative,
    /// An unrelated household member (code 5).
    Unrelated,
    /// Not collected (code 99).
    NotCollected,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// Whether taking part in services is voluntary.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ServiceParticipation {
    /// The participant chooses the type, frequency and intensity of services.
    Voluntary,
    /// Services are required as a condition of the program.
    Required,
}

/// A condition placed on housing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct HousingCondition {
    /// What housing was conditioned on.
    pub kind: HousingConditionKind,
    /// Date recorded.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub recorded_on: NaiveDate,
}

/// What housing was conditioned on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum HousingConditionKind {
    /// Taking part in treatment.
    Treatment,
    /// Sobriety.
    Sobriety,
    /// Taking medication.
    Medication,
    /// Taking part in services.
    ServiceParticipation,
    /// Meeting the obligations of the lease (allowed: seed 004, "tenants must meet the
    /// expectations of housing").
    LeaseCompliance,
    /// Anything else.
    Other,
}

/// A move to a stage of the five sequential steps to housing stability (seed 001).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    /// The stage entered.
    pub stage: Stage,
    /// Date entered.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub entered_on: NaiveDate,
}

/// The five essential and sequential steps to housing stability (seed 001), in order.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// 1. Housing Supports: basic needs, supports, safety, relationship impacts.
    HousingSupports,
    /// 2. Individualized Service Planning: life stability, other systems, employment.
    IndividualizedServicePlanning,
    /// 3. Self Awareness: self assessment, triggers, confidence.
    SelfAwareness,
    /// 4. Self Management: control, accountability, optimism.
    SelfManagement,
    /// 5. Rebuilt/Reframed: purpose and identity not linked to homelessness.
    RebuiltReframed,
}

impl Stage {
    /// The stage's position, 1 to 5.
    pub fn ordinal(self) -> u8 {
        match self {
            Self::HousingSupports => 1,
            Self::IndividualizedServicePlanning => 2,
            Self::SelfAwareness => 3,
            Self::SelfManagement => 4,
            Self::RebuiltReframed => 5,
        }
    }
}
