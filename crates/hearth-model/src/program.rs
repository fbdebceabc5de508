//! Program models, tiers and funding.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The program model an enrollment is run under; each has its own standards (seed).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum ProgramModel {
    /// LA County Intensive Case Management Services (seed 000); has billing tiers.
    Icms,
    /// Intensive Case Management with Rapid Re-Housing resources (seed 001).
    IcmRrh,
    /// Rapid Re-Housing case management (seed 002).
    Rrh,
    /// City of St. Louis CoC/ESG case-management standards (seed 003).
    StlCoc,
    /// Connecticut Permanent Supportive Housing (seed 004).
    CtPsh,
}

impl ProgramModel {
    /// The kebab-case name used in documents and policies.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Icms => "icms",
            Self::IcmRrh => "icm-rrh",
            Self::Rrh => "rrh",
            Self::StlCoc => "stl-coc",
            Self::CtPsh => "ct-psh",
        }
    }

    /// Every program model, in a fixed order.
    pub const ALL: [ProgramModel; 5] = [
        Self::Icms,
        Self::IcmRrh,
        Self::Rrh,
        Self::StlCoc,
        Self::CtPsh,
    ];
}

/// ICMS billing tier (seed 000): sets the in-person visit minimum (R-VISIT-1).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// High billing: at least 2 in-person visits a calendar month.
    HighBilling,
    /// Low billing: at least 1 in-person visit a calendar month.
    LowBilling,
}

/// A funding stream; the St. Louis standards apply to CoC- and ESG-funded projects.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(rename_all = "kebab-case")]
pub enum Funding {
    /// HUD Continuum of Care.
    Coc,
    /// Emergency Solutions Grant.
    Esg,
    /// State or county funding.
    StateOrCounty,
    /// Any other source.
    Other,
}
