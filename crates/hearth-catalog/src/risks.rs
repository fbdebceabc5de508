//! The risk taxonomy: three risk categories and the 18 observed risks (R-RISK-1..3).
//!
//! # Source
//!
//! `seeds/000_76e2595adb124b2b.txt`, section "Routine Health & Safety Visit", under "Any
//! Specific Risk(s) Observed or Identified?". Category names and their required-response
//! sentences are the seed's, verbatim. Risk names are the seed's with surrounding spaces
//! trimmed (the seed writes `"Food Insecurity "`, `"Domestic Violence "`, `"ADLs/IADLs
//! Challenges "` and `"Recent Hospitalization "` with a trailing space).
//!
//! # Placement of each risk in a category (R-RISK-2)
//!
//! The seed lays the risks out in three columns under the three category headings; the
//! text keeps the words but not the columns, so most placements follow the meaning of
//! the risk and the required response of the category. Three placements are open to more
//! than one reading, and each of those risks carries a [`Risk::placement_note`]:
//!
//! - **Contagions → Health Concerns.** It could be read as a safety hazard (infection of
//!   others in the building), but the response it needs is the health one — discuss
//!   support options and reduce the risk, with a primary care provider or public health —
//!   not an emergency incident report.
//! - **Unsafe Substance Use → Health Concerns.** It could be read as a lease violation
//!   (drug use on the premises) or as a safety hazard (overdose). The seed's matching
//!   steps are health and harm-reduction steps (Provide Harm Reduction Supplies, CENS
//!   Referral, Link to Outpatient SUD Treatment), and Housing First treats substance use
//!   as a health need, not a breach of tenancy.
//! - **Incarceration → Lease Violations.** It is neither a health concern nor a hazard,
//!   and not a lease violation in itself; it is placed with lease violations because what
//!   it puts at risk is the tenancy (rent going unpaid, an unattended unit, lease rules on
//!   absence) and the seed's matching steps are tenancy steps (Jail Visit, under Helping
//!   Prevent Eviction; Connect to Legal Aid; Engage Landlord/Property Manager).
//!
//! An emergency arising from any risk (an overdose, an outbreak) is still handled as a
//! safety hazard with an incident report; the category is the default response.
//!
//! # Steps addressing each risk (R-RISK-3)
//!
//! [`Risk::steps`] lists the catalog steps that address the risk, most direct first. The
//! mapping is ours (the seed lists risks and steps separately); it follows the seed's own
//! groupings, e.g. Too Many Pets → Spay/Neuter Pets, Adopt Out Pets, Emotional Support
//! Companion Certification. Agencies can add steps to a risk with an extension's
//! `risk_steps`.

use hearth_model::RiskResponseKind;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A category of observed risk, with the response the standard requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RiskCategory {
    /// Stable kebab-case id, e.g. `lease-violations`.
    pub id: String,
    /// The category's name as the seed writes it, e.g. "Lease Violations".
    pub name: String,
    /// The seed's required-response sentence, verbatim.
    pub required_response: String,
    /// The responses a rule looks for once a risk of this category is observed, as
    /// the model records them (R-RISK-4): every one is required.
    pub responses: Vec<RiskResponseKind>,
}

/// One kind of risk a case manager can observe at a visit, e.g. "Rental/Utility Arrears".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Risk {
    /// Stable kebab-case id, e.g. `rental-utility-arrears`.
    pub id: String,
    /// The risk's name as the seed writes it, trimmed.
    pub name: String,
    /// Id of the risk category the risk belongs to.
    pub category: String,
    /// Ids of the catalog steps that address the risk, most direct first.
    pub steps: Vec<String>,
    /// Why the risk was placed in its category, where the seed leaves it open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement_note: Option<String>,
}

/// Built-in categories: `(id, name, required-response sentence, responses)`.
///
/// The typed responses follow DOMAIN R-RISK-4 and the seed's sentences: a health
/// concern needs a linked action step ("take steps to reduce risks"); a lease violation
/// a linked action step and a plan agreed with the participant ("develop a plan to
/// address it"); a safety hazard immediate mitigation and an incident report.
pub(crate) const CATEGORIES: &[(&str, &str, &str, &[RiskResponseKind])] = &[
    (
        "health-concerns",
        "Health Concerns",
        "Discuss possible options for support and take steps to reduce risks.",
        &[RiskResponseKind::ActionStep],
    ),
    (
        "lease-violations",
        "Lease Violations",
        "Discuss a lease violation with the participant and develop a plan to address it.",
        &[
            RiskResponseKind::ActionStep,
            RiskResponseKind::LeaseViolationPlan,
        ],
    ),
    (
        "safety-hazards",
        "Safety Hazards",
        "Take immediate steps to mitigate emergencies. Submit an Incident Report",
        &[
            RiskResponseKind::ImmediateMitigation,
            RiskResponseKind::IncidentReport,
        ],
    ),
];

const CONTAGIONS_NOTE: &str = "The seed's three-column layout does not settle this placement; \
Contagions could also be read as a safety hazard (infection of others in the building). \
Placed under Health Concerns because the response it needs is to discuss support options and \
reduce the risk with a primary care provider or public health, not an emergency incident report.";

const SUBSTANCE_USE_NOTE: &str = "The seed's three-column layout does not settle this placement; \
Unsafe Substance Use could also be read as a lease violation (drug use on the premises) or a \
safety hazard (overdose). Placed under Health Concerns because the seed's matching steps are \
health and harm-reduction steps (Provide Harm Reduction Supplies, CENS Referral, Link to \
Outpatient SUD Treatment) and Housing First treats substance use as a health need. An overdose \
is still an emergency calling for an incident report.";

const INCARCERATION_NOTE: &str = "The seed's three-column layout does not settle this placement; \
Incarceration is not a lease violation in itself. Placed under Lease Violations because what it \
puts at risk is the tenancy (unpaid rent, an unattended unit, lease rules on absence) and the \
seed's matching steps are tenancy steps (Jail Visit under Helping Prevent Eviction, Connect to \
Legal Aid, Engage Landlord/Property Manager).";

/// A built-in risk row: `(id, name, category id, step ids, placement note)`.
pub(crate) type RiskRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    Option<&'static str>,
);

/// Built-in risks, by category in the order of DOMAIN.md R-RISK-2.
pub(crate) const RISKS: &[RiskRow] = &[
    // Health Concerns
    (
        "food-insecurity",
        "Food Insecurity",
        "health-concerns",
        &["establish-food-supply", "improve-diet"],
        None,
    ),
    (
        "mental-health-challenges",
        "Mental Health Challenges",
        "health-concerns",
        &[
            "collaborate-with-hssp-or-fsp",
            "hssp-fsp-referral",
            "crisis-intervention",
            "medication-adherence-support",
        ],
        None,
    ),
    (
        "physical-health-challenges",
        "Physical Health Challenges",
        "health-concerns",
        &[
            "collaborate-with-pcp-or-ph-nurse",
            "accompaniment-to-health-care-appt",
            "refer-to-ph",
            "obtain-renew-medi-cal",
        ],
        None,
    ),
    (
        "adls-iadls-challenges",
        "ADLs/IADLs Challenges",
        "health-concerns",
        &[
            "connect-to-caregiving",
            "obtain-live-in-aid",
            "collaborate-with-caregiver",
            "coach-life-skills",
        ],
        None,
    ),
    (
        "not-taking-medication",
        "Not Taking Medication",
        "health-concerns",
        &[
            "medication-adherence-support",
            "collaborate-with-pcp-or-ph-nurse",
        ],
        None,
    ),
    (
        "recent-hospitalization",
        "Recent Hospitalization",
        "health-concerns",
        &[
            "transition-of-care-assistance",
            "collaborate-with-pcp-or-ph-nurse",
            "collaborate-with-ecm",
        ],
        None,
    ),
    (
        "unsafe-substance-use",
        "Unsafe Substance Use",
        "health-concerns",
        &[
            "provide-harm-reduction-supplies",
            "link-to-outpatient-sud-treatment",
            "cens-referral",
            "collaborate-with-cens",
        ],
        Some(SUBSTANCE_USE_NOTE),
    ),
    (
        "contagions",
        "Contagions",
        "health-concerns",
        &["collaborate-with-pcp-or-ph-nurse", "refer-to-ph"],
        Some(CONTAGIONS_NOTE),
    ),
    // Lease Violations
    (
        "too-many-pets",
        "Too Many Pets",
        "lease-violations",
        &[
            "spay-neuter-pets",
            "adopt-out-pets",
            "emotional-support-companion-certification",
        ],
        None,
    ),
    (
        "noise-complaints",
        "Noise Complaints",
        "lease-violations",
        &[
            "troubleshoot-noise-complaints",
            "mediate-dispute",
            "engage-landlord-property-manager",
        ],
        None,
    ),
    (
        "rental-utility-arrears",
        "Rental/Utility Arrears",
        "lease-violations",
        &[
            "resolve-arrears",
            "develop-budget",
            "timely-rental-payment",
            "fhsp-general-assistance-request",
            "increase-income",
        ],
        None,
    ),
    (
        "unit-damage",
        "Unit Damage",
        "lease-violations",
        &[
            "unit-damage-mitigation",
            "notify-property-manager-of-maintenance-issues",
        ],
        None,
    ),
    (
        "unauthorized-occupants",
        "Unauthorized Occupants",
        "lease-violations",
        &["reduce-long-term-guests", "tenancy-education"],
        None,
    ),
    (
        "neighbor-dispute",
        "Neighbor Dispute",
        "lease-violations",
        &["mediate-dispute", "problem-solving"],
        None,
    ),
    (
        "incarceration",
        "Incarceration",
        "lease-violations",
        &[
            "jail-visit",
            "connect-to-legal-aid",
            "engage-landlord-property-manager",
        ],
        Some(INCARCERATION_NOTE),
    ),
    // Safety Hazards
    (
        "domestic-violence",
        "Domestic Violence",
        "safety-hazards",
        &["safety-plan", "crisis-intervention", "incident-report"],
        None,
    ),
    (
        "clutter-blocking-exits-pathways",
        "Clutter Blocking Exits/Pathways",
        "safety-hazards",
        &[
            "decluttering-support",
            "reasonable-accommodation-support",
            "incident-report",
        ],
        None,
    ),
    (
        "fire-hazards",
        "Fire Hazards",
        "safety-hazards",
        &[
            "incident-report",
            "safety-plan",
            "notify-property-manager-of-maintenance-issues",
        ],
        None,
    ),
];

/// The built-in risk categories as owned values.
pub(crate) fn builtin_categories() -> Vec<RiskCategory> {
    CATEGORIES
        .iter()
        .map(|&(id, name, sentence, responses)| RiskCategory {
            id: id.to_string(),
            name: name.to_string(),
            required_response: sentence.to_string(),
            responses: responses.to_vec(),
        })
        .collect()
}

/// The built-in risks as owned values.
pub(crate) fn builtin_risks() -> Vec<Risk> {
    RISKS
        .iter()
        .map(|&(id, name, category, steps, note)| Risk {
            id: id.to_string(),
            name: name.to_string(),
            category: category.to_string(),
            steps: steps.iter().map(|s| s.to_string()).collect(),
            placement_note: note.map(str::to_string),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::STEPS;

    #[test]
    fn eighteen_risks_in_three_categories() {
        let count = |c: &str| RISKS.iter().filter(|r| r.2 == c).count();
        assert_eq!(count("health-concerns"), 8);
        assert_eq!(count("lease-violations"), 7);
        assert_eq!(count("safety-hazards"), 3);
        assert_eq!(RISKS.len(), 18);
    }

    #[test]
    fn every_risk_step_exists_and_is_listed_once() {
        for (risk, _, _, steps, _) in RISKS {
            assert!(!steps.is_empty(), "{risk} has no steps");
            for (i, step) in steps.iter().enumerate() {
                assert!(
                    STEPS.iter().any(|s| s.0 == *step),
                    "risk {risk} names unknown step {step}"
                );
                assert!(!steps[..i].contains(step), "risk {risk} lists {step} twice");
            }
        }
    }

    #[test]
    fn open_placements_are_documented() {
        let noted: Vec<&str> = RISKS
            .iter()
            .filter(|r| r.4.is_some())
            .map(|r| r.0)
            .collect();
        assert_eq!(
            noted,
            ["unsafe-substance-use", "contagions", "incarceration"]
        );
    }

    #[test]
    fn names_are_trimmed() {
        for (id, name, ..) in RISKS {
            assert_eq!(name.trim(), *name, "{id}");
        }
    }
}
