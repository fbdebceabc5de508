//! The participant.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{ParticipantId, Personal};

/// The person served. Only the pseudonymous id and the few attributes rules need are
/// plain fields; everything identifying sits in [`PersonalDetails`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Participant {
    /// Pseudonymous id; the only participant identifier reports print.
    pub id: ParticipantId,
    /// Household composition (chooses the VI-SPDAT variant).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<HouseholdType>,
    /// Age band at intake (for the confidentiality exceptions of R-CONS-2 and the youth
    /// instrument), without recording a birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<AgeBand>,
    /// Whether the participant is a veteran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub veteran: Option<bool>,
    /// Identifying details. Personal: never printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal: Option<PersonalDetails>,
}

/// Identifying details about a participant. Every field is personal and never printed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct PersonalDetails {
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Personal<String>>,
    /// The name the participant asks to be called.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_name: Option<Personal<String>>,
    /// Date of birth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_personal_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_personal_date))]
    pub birth_date: Option<Personal<NaiveDate>>,
    /// Current address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Personal<String>>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<Personal<String>>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Personal<String>>,
}

/// Household composition.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum HouseholdType {
    /// A single adult.
    SingleAdult,
    /// A family with children.
    Family,
    /// A transition-age youth (18–24).
    Youth,
    /// Two or more adults without children.
    AdultCouple,
}

/// Age band at intake.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum AgeBand {
    /// Under 18.
    #[serde(rename = "under-18")]
    Under18,
    /// 18 to 24.
    #[serde(rename = "18-24")]
    From18To24,
    /// 25 to 59.
    #[serde(rename = "25-59")]
    From25To59,
    /// 60 and over.
    #[serde(rename = "60-plus")]
    SixtyPlus,
}
