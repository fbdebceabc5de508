//! Assessments: which instrument, when, and the scores (R-ASMT-2..4, DOMAIN §8).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{AssessmentId, InstrumentId, StaffId};

/// One administration of an assessment instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// This record's id, unique among records of its kind in the case file; other
    /// records refer to it by this id.
    pub id: AssessmentId,
    /// The instrument (catalog id), e.g. `vi-spdat-v2`, `spdat`, `hai`, `five-by-five`.
    pub instrument: InstrumentId,
    /// Date begun.
    #[serde(deserialize_with = "crate::dates::date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::date))]
    pub started_on: NaiveDate,
    /// Date completed (absent while in progress; a full SPDAT can take several visits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::dates::opt_date")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arb::opt_date))]
    pub completed_on: Option<NaiveDate>,
    /// Who administered it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed_by: Option<StaffId>,
    /// Item or component answers, when recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemAnswer>,
    /// The total score as recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    /// The band as recorded (instrument band id, or a local label).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    /// Whether this is the annual full assessment (R-ASMT-3).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub annual: bool,
    /// Where the assessment was imported from (file, row, raw codes); absent in
    /// hand-written case files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<crate::Provenance>,
}

/// The answer to one item or component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct ItemAnswer {
    /// The item or component id within the instrument.
    pub item: String,
    /// The score, or the refusal: `{"score": 2}` or `"refused"`, never both.
    pub answer: Answer,
}

/// A scored value or a refusal; the type makes "both" impossible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    /// A score.
    Score(u32),
    /// The participant declined to answer.
    Refused,
}
