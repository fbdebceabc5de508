//! The six program profiles the generator spreads participants over: one per built-in
//! policy.

use hearth_model::{ProgramModel, Tier};

use crate::time::Zone;

/// A program profile: a program model (with its ICMS billing tier) whose built-in policy
/// the generated files are meant to be checked with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Program {
    /// LA County ICMS, high-billing tier (policy `icms-high`).
    IcmsHigh,
    /// LA County ICMS, low-billing tier (policy `icms-low`).
    IcmsLow,
    /// Intensive Case Management with Rapid Re-Housing (policy `icm-rrh`).
    IcmRrh,
    /// Rapid Re-Housing (policy `rrh`).
    Rrh,
    /// City of St. Louis CoC/ESG standards (policy `stl-coc`).
    StlCoc,
    /// Connecticut Permanent Supportive Housing (policy `ct-psh`).
    CtPsh,
}

impl Program {
    /// Every profile, in the order participants are spread over them.
    pub const ALL: [Program; 6] = [
        Program::IcmsHigh,
        Program::IcmsLow,
        Program::IcmRrh,
        Program::Rrh,
        Program::StlCoc,
        Program::CtPsh,
    ];

    /// The name of the built-in policy that checks this profile's files.
    pub fn policy(self) -> &'static str {
        match self {
            Program::IcmsHigh => "icms-high",
            Program::IcmsLow => "icms-low",
            Program::IcmRrh => "icm-rrh",
            Program::Rrh => "rrh",
            Program::StlCoc => "stl-coc",
            Program::CtPsh => "ct-psh",
        }
    }

    /// The profile of a built-in policy name (`icms-high`, …, `ct-psh`).
    pub fn from_policy(name: &str) -> Option<Program> {
        Program::ALL.into_iter().find(|p| p.policy() == name)
    }

    /// The program model written in the enrollments.
    pub fn model(self) -> ProgramModel {
        match self {
            Program::IcmsHigh | Program::IcmsLow => ProgramModel::Icms,
            Program::IcmRrh => ProgramModel::IcmRrh,
            Program::Rrh => ProgramModel::Rrh,
            Program::StlCoc => ProgramModel::StlCoc,
            Program::CtPsh => ProgramModel::CtPsh,
        }
    }

    /// The ICMS billing tier, for the two ICMS profiles.
    pub fn tier(self) -> Option<Tier> {
        match self {
            Program::IcmsHigh => Some(Tier::HighBilling),
            Program::IcmsLow => Some(Tier::LowBilling),
            _ => None,
        }
    }

    /// The prefix of the invented agency's staff ids.
    pub(crate) fn agency(self) -> &'static str {
        match self {
            Program::IcmsHigh | Program::IcmsLow => "ICMS",
            Program::IcmRrh => "ICM",
            Program::Rrh => "RRH",
            Program::StlCoc => "STL",
            Program::CtPsh => "CT",
        }
    }

    /// The time zone encounters are recorded in.
    pub(crate) fn zone(self) -> Zone {
        match self {
            Program::IcmsHigh | Program::IcmsLow => Zone::Pacific,
            Program::IcmRrh => Zone::Mountain,
            Program::Rrh | Program::CtPsh => Zone::Eastern,
            Program::StlCoc => Zone::Central,
        }
    }
}
