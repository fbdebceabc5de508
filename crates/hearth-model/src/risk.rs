//! Risks observed and the responses to them (seed 000 "Any Specific Risk(s) Observed or
//! Identified?"), harm-reduction plans to prevent eviction and crisis plans (seed 004).

use chrono::{DateTime, FixedOffset, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    ActionStepId, EncounterId, FreeText, IncidentId, PlanId, RecordId, RiskId, RiskObservationId,
};

/// A risk observed or identified, from the risk taxonomy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct RiskObservation {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: RiskObservationId,
    /// The taxonomy risk, e.g. `rental-utility-arrears`.
    pub risk: RiskId,
    /// Date observed or reported.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub observed_on: NaiveDate,
    /// Whether staff saw it or someone reported it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<RiskSource>,
    /// Whether the risk is in the participant's home (for domestic violence: no home
    /// visits while it is, R-VISIT-6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_home: Option<bool>,
    /// Whether the risk puts the tenancy at risk of eviction (a lease-violation notice,
    /// a landlord's warning, an eviction filing): such a risk needs a harm-reduction
    /// plan (R-RISK-5).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub eviction_risk: bool,
    /// The encounter where it was observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encounter: Option<EncounterId>,
    /// Responses taken (R-RISK-4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<RiskResponse>,
    /// Date the risk no longer applied (e.g. domestic violence no longer reported in the
    /// home, R-VISIT-6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub resolved_on: Option<NaiveDate>,
    /// Details (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<FreeText>,
}

/// How a risk came to be known.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum RiskSource {
    /// Staff observed it.
    Observed,
    /// The participant reported it.
    ReportedByParticipant,
    /// Someone else reported it (landlord, neighbour, provider).
    ReportedByOther,
}

/// A response to an observed risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct RiskResponse {
    /// What was done.
    pub kind: RiskResponseKind,
    /// Date done.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub responded_on: NaiveDate,
    /// The plan action step linked, for `action-step`. (A link recorded the other way,
    /// as the action step's `addresses_risk`, means the same: a rule counts either.)
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_step: Option<ActionStepId>,
    /// The lease-violation plan made, for `lease-violation-plan` (or the plan's
    /// `addresses_risks` naming this observation: either counts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lease_violation_plan: Option<PlanId>,
    /// The harm-reduction plan made, when the violation is addressed by one
    /// (seed 004's harm-reduction plan to prevent eviction also answers R-RISK-4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub harm_reduction_plan: Option<PlanId>,
    /// The incident report reference, for `incident-report`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident_report: Option<RecordId>,
}

/// The kinds of response the risk taxonomy's categories require (R-RISK-1).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum RiskResponseKind {
    /// Options for support discussed with the participant.
    DiscussedOptions,
    /// An action step linked in the care plan.
    ActionStep,
    /// The lease violation discussed and a plan made to address it.
    LeaseViolationPlan,
    /// Immediate steps taken to mitigate an emergency.
    ImmediateMitigation,
    /// An incident report submitted.
    IncidentReport,
}

/// A plan agreed with the participant to address a lease violation (the lease-violation
/// category's required response, R-RISK-1, R-RISK-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct LeaseViolationPlan {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: PlanId,
    /// Date made.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub created_on: NaiveDate,
    /// The risk observations (lease violations) it addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses_risks: Vec<RiskObservationId>,
    /// Date the violation was discussed with the participant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub discussed_on: Option<NaiveDate>,
    /// Whether the participant agreed to the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_by_participant: Option<bool>,
    /// Date by which the violation should be cured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub cure_by: Option<NaiveDate>,
    /// The plan (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<FreeText>,
}

/// A harm-reduction plan to prevent eviction (seed 004 example: housing risk, options,
/// factors in favour and against, non-negotiables of landlord and tenant; R-RISK-5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct HarmReductionPlan {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: PlanId,
    /// Date made.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub created_on: NaiveDate,
    /// Date last updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub updated_on: Option<NaiveDate>,
    /// The risk observations it addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses_risks: Vec<RiskObservationId>,
    /// The housing risk (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing_risk: Option<FreeText>,
    /// The options considered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<HarmReductionOption>,
}

/// One option in a harm-reduction plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct HarmReductionOption {
    /// The option (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub option: Option<FreeText>,
    /// Factors in favour.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factors_for: Vec<FreeText>,
    /// Factors against.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub factors_against: Vec<FreeText>,
    /// The landlord's non-negotiables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub landlord_non_negotiables: Vec<FreeText>,
    /// The tenant's non-negotiables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tenant_non_negotiables: Vec<FreeText>,
}

/// A crisis incident (seed 004 "Crisis").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct CrisisIncident {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: IncidentId,
    /// When it happened, with offset.
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::timestamp))]
    #[serde(deserialize_with = "crate::dates::timestamp")]
    pub occurred_at: DateTime<FixedOffset>,
    /// The encounter that responded, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encounter: Option<EncounterId>,
    /// The incident report reference, if one was filed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident_report: Option<RecordId>,
    /// Date debriefed with the team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub debriefed_on: Option<NaiveDate>,
    /// What happened (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<FreeText>,
}

/// A crisis plan, made or updated after incidents (R-RISK-6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct CrisisPlan {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: PlanId,
    /// Date made.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub created_on: NaiveDate,
    /// Dates updated.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::dates::date_list")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date_list))]
    pub updated_on: Vec<NaiveDate>,
    /// Incidents the plan was made or updated in response to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub after_incidents: Vec<IncidentId>,
}
