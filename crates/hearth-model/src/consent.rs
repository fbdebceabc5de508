//! Parties, consents (releases of information), information shared, referrals and
//! confidentiality exceptions (seed 003 "Protecting Client Information" and
//! "Confidentiality Exceptions"; seed 000 information-sharing consent).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{ConsentId, EncounterId, FreeText, PartyId, ReferralId, ShareId, StaffId, StepId};

/// An outside party information may go to: an agency, a provider, a landlord, a family
/// member. Releases are per party (seed 003).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: PartyId,
    /// What kind of party.
    pub kind: PartyKind,
    /// Name of the organisation or person. Personal (a family member's name is): never
    /// printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<FreeText>,
}

/// What kind of party.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum PartyKind {
    /// A health-care provider (PCP, public-health nurse, hospital).
    HealthProvider,
    /// A behavioural-health provider.
    BehavioralHealthProvider,
    /// A substance-use treatment provider.
    SubstanceUseProvider,
    /// A landlord or property manager.
    Landlord,
    /// A public housing authority.
    HousingAuthority,
    /// A legal-aid organisation.
    LegalAid,
    /// A benefits or government agency.
    GovernmentAgency,
    /// Another housing or homeless-services provider.
    HousingProvider,
    /// A family member.
    FamilyMember,
    /// A caregiver.
    Caregiver,
    /// A school or training provider.
    School,
    /// An employer.
    Employer,
    /// A faith community.
    FaithCommunity,
    /// Law enforcement or courts.
    LawEnforcement,
    /// Anyone else.
    Other,
}

/// A consent to release information to one party (R-ASMT-5, R-CONS-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: ConsentId,
    /// The party information may go to.
    pub party: PartyId,
    /// Date signed by the participant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub signed_on: Option<NaiveDate>,
    /// Last day the release is valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub expires_on: Option<NaiveDate>,
    /// Date the participant revoked it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub revoked_on: Option<NaiveDate>,
    /// Date the participant refused to sign.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub refused_on: Option<NaiveDate>,
    /// Whether it was obtained as part of intake (R-ASMT-5). An agency that does not
    /// export this flag leaves it out; a release signed on or before the enrollment's
    /// first interview also shows it was obtained at intake.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_intake: bool,
}

/// A disclosure of participant information to another party (R-CONS-1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct InformationShare {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: ShareId,
    /// The party the information went to.
    pub party: PartyId,
    /// Date shared.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub shared_on: NaiveDate,
    /// The release relied on, if the sender named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<ConsentId>,
    /// The referral it was part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<ReferralId>,
    /// The encounter it happened in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encounter: Option<EncounterId>,
    /// The catalog step it was part of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<StepId>,
}

/// A referral to another party (seed 000 "… Referral" steps; seed 004: a referral is
/// not yet a meaningful linkage).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: ReferralId,
    /// The party referred to.
    pub party: PartyId,
    /// Date made.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub made_on: NaiveDate,
    /// The catalog step it carries out, e.g. `cens-referral`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<StepId>,
    /// Whether information about the participant went with it (defaults to true).
    #[serde(default = "crate::default_true")]
    pub shares_information: bool,
    /// Date the participant was actually connected (a meaningful linkage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub linked_on: Option<NaiveDate>,
    /// Whether the connection was made by warm handoff (R-EXIT-3).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub warm_handoff: bool,
    /// The referral's result, when recorded (HMIS `ReferralResult`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ReferralOutcome>,
    /// Date of the result (HMIS `ResultDate`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub outcome_on: Option<NaiveDate>,
    /// Where the referral was imported from (file, row, raw codes such as the HMIS
    /// `Event`); absent in hand-written case files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<crate::Provenance>,
}

/// The result of a referral (HMIS Data Standards 4.20.D).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ReferralOutcome {
    /// Successful: the participant was accepted (code 1).
    Accepted,
    /// Unsuccessful: the participant rejected it (code 2).
    RejectedByParticipant,
    /// Unsuccessful: the provider rejected it (code 3).
    RejectedByProvider,
}

/// A disclosure made under a confidentiality exception, recorded as such and not as
/// consented sharing (R-CONS-2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct ConfidentialityException {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: ShareId,
    /// Which exception.
    pub kind: ExceptionKind,
    /// Date of the report or disclosure.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub occurred_on: NaiveDate,
    /// The party reported to (hotline, agency, potential victim).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party: Option<PartyId>,
    /// The supervisor involved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervisor: Option<StaffId>,
}

/// A confidentiality exception (seed 003).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ExceptionKind {
    /// Mandated report of abuse or neglect of a child under 18.
    ChildAbuseReport,
    /// Mandated report of abuse or neglect of an adult over 60.
    ElderAbuseReport,
    /// Mandated report of abuse or neglect of an adult 18–59 with developmental
    /// disabilities.
    DevelopmentalDisabilityAbuseReport,
    /// Duty to warn an identifiable person in clear or imminent danger.
    DutyToWarn,
    /// A health or safety emergency (checked with a supervisor).
    HealthSafetyEmergency,
}
