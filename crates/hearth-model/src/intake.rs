//! Intake: rights explained, refusals and their follow-up, and the documents held in
//! the participant file (seed 003 "Client Rights", "Conducting the Initial Interview",
//! "Maintaining Case Records and Documentation").

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{DocumentId, FreeText, RecordId, StaffId};

/// What was done at intake.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Intake {
    /// Rights explained to the participant, each with its date (R-RIGHTS-1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rights_explained: Vec<RightExplained>,
    /// Date program rules and expectations were explained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub rules_explained_on: Option<NaiveDate>,
    /// Required materials the participant refused to provide, and follow-ups (R-ASMT-6).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refusals: Vec<Refusal>,
}

/// A right explained at intake.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct RightExplained {
    /// Which right.
    pub right: ClientRight,
    /// Date explained.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub explained_on: NaiveDate,
    /// Who explained it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explained_by: Option<StaffId>,
}

/// The minimum client rights and the grievance process (seed 003).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ClientRight {
    /// The right not to take part in religious activities.
    NoReligiousActivities,
    /// The right to object to the religious character of an organisation and be
    /// referred to another in a reasonable time.
    ObjectToReligiousCharacter,
    /// The right to appeal termination.
    AppealTermination,
    /// The grievance (complaint) process.
    GrievanceProcess,
}

/// A refusal to provide required material, with the follow-up attempts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Refusal {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: RecordId,
    /// What was refused.
    pub material: DocumentKind,
    /// Date refused.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub refused_on: NaiveDate,
    /// Dates of later attempts to obtain it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[serde(deserialize_with = "crate::dates::date_list")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date_list))]
    pub follow_ups: Vec<NaiveDate>,
    /// Date finally obtained, if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub obtained_on: Option<NaiveDate>,
}

/// A document held in the participant file (R-ASMT-7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct FileDocument {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: DocumentId,
    /// What it is.
    pub kind: DocumentKind,
    /// Date placed in the file.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub filed_on: NaiveDate,
    /// The period it covers or the date it stops being valid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub valid_until: Option<NaiveDate>,
    /// Description (free text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<FreeText>,
}

/// Kinds of document a participant file holds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// Income verification.
    IncomeVerification,
    /// Verification of homelessness or risk of homelessness.
    HomelessnessVerification,
    /// Record of services and assistance received.
    ServicesReceived,
    /// Annual assessment of services.
    AnnualAssessment,
    /// Front Door Assessment.
    FrontDoorAssessment,
    /// Compliance with termination requirements.
    TerminationCompliance,
    /// Housing inspection.
    HousingInspection,
    /// Identification (ID card, birth certificate, social security card).
    Identification,
    /// Medical card or insurance.
    MedicalCard,
    /// A lease.
    Lease,
    /// Anything else.
    Other,
}
