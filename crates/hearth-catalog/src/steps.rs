//! Domains and action steps (R-CAT-1, R-CAT-2, R-CAT-3).
//!
//! # Sources
//!
//! - The four ICMS domains and their 69 action steps come from
//!   `seeds/000_76e2595adb124b2b.txt` (LA County ICMS "Permanent Housing Retention
//!   Assistance" guide), sections "Engagement & Care Planning" (16 steps), "Supporting
//!   Safety & Stability" (19), "Helping Prevent Eviction" (22) and "Promoting Wellness"
//!   (12). Titles, purpose lines and step names are the seed's, character for character,
//!   in the seed's order.
//! - The `rrh-move-in` domain and its 4 steps come from
//!   `seeds/002_a3f2a242ef9ddd5d.txt` (NAEH, case management in rapid re-housing),
//!   section "Obtain and move into permanent housing". Step names are the seed's bullet
//!   text.
//!
//! # Ids
//!
//! Every id is written out by hand in the tables below and is never derived from a name
//! at run time: a name may be reworded in a later edition of a guide, the id stays. Ids
//! are unique across the whole catalog (domains, steps, risk categories, risks and
//! instruments), so `HMIS Assessment` the step is `complete-hmis-assessment` while the
//! instrument is `hmis-assessment`, and `5x5` the step is `5x5` while the instrument is
//! `five-by-five`.
//!
//! # Information-sharing consent (R-CAT-3)
//!
//! The seed says: "Connection to some community supports may be dependent on having
//! adequate information sharing consent recorded in CHAMP." A step is marked
//! `needs_consent` when doing it means disclosing participant information to a party
//! outside the case-management agency, and [`Step::shares_with`] then names the kind of
//! party (so a rule can look for a release covering that party). The rule applied:
//!
//! - every "Collaborate with …" step, every "… Referral" step, "Refer to PH?", every
//!   "Connect to …" step, "Coordinate with PHA" and "Engage Landlord/Property Manager":
//!   their names say they involve another party;
//! - steps whose nature is to disclose participant information to an outside party, even
//!   though the name does not say so: "Link to Outpatient SUD Treatment", "Transition of
//!   Care Assistance", "FHSP General Assistance Request", "Obtain/Renew Medi-Cal",
//!   "Accompaniment to a Health Care Appt.", "Obtain Live-in Aid", "Reasonable
//!   Accommodation Support", "Re-Certify Voucher", "Subsidy Exchange", "Notify Property
//!   Manager of Maintenance Issues", "Emotional Support Companion Certification",
//!   "Family Reunification", "Mediate Dispute", "Renew Lease", "Relinquish Unit" and
//!   "Coordinate Pest Control" (each done with the landlord, property manager or PHA),
//!   and the RRH step "Resolve or mitigate tenant screening barriers";
//! - every other step is work between the case manager and the participant (or internal
//!   to the agency, such as "Incident Report" and "Access Clinical Supervision") and does
//!   not need a release. Two deliberate exemptions: "Increase Income" is coaching and
//!   support, and an application it leads to is recorded as its own step or referral
//!   with its own party; "Crisis Intervention" may involve calling mobile crisis or
//!   emergency services, but a disclosure in an emergency is a confidentiality exception
//!   (R-CONS-2, recorded as such), not sharing under a release.
//!
//! `needs_consent` is always equal to `shares_with.is_some()`: the built-in table stores
//! only `shares_with`, and agency extensions that break the equality are rejected.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Where a catalog entry comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Origin {
    /// A built-in entry taken from one of the project's source documents.
    Seed {
        /// The source file under the project's `seeds/` folder.
        file: String,
        /// The section (heading) of that file the entry comes from.
        section: String,
    },
    /// An entry added by an agency's catalog extension.
    Agency {
        /// The agency named in the extension's `agency` field.
        agency: String,
    },
}

/// A group of action steps with a shared purpose, e.g. "Helping Prevent Eviction".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Domain {
    /// Stable kebab-case id, e.g. `prevent-eviction`. Never changes or gets reused.
    pub id: String,
    /// The domain's title as the source document writes it.
    pub title: String,
    /// The source document's one-line statement of the domain's purpose.
    pub purpose: String,
    /// Where the domain comes from.
    pub origin: Origin,
}

/// One action step a case manager can add to a care plan, e.g. "Resolve Arrears".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Step {
    /// Stable kebab-case id, e.g. `resolve-arrears`. Never changes or gets reused.
    pub id: String,
    /// The step's name as the source document writes it, e.g. `Refer to PH?`.
    pub name: String,
    /// Id of the domain the step belongs to.
    pub domain: String,
    /// Whether doing the step shares participant information with an outside party, and
    /// so needs an information-sharing consent (release) for that party (R-CAT-3).
    pub needs_consent: bool,
    /// What kind of outside party the step shares information with, e.g. "primary care
    /// provider or public health nurse". Present exactly when `needs_consent` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares_with: Option<String>,
    /// Where the step comes from.
    pub origin: Origin,
}

/// Seed file of the ICMS guide.
pub(crate) const SEED_000: &str = "seeds/000_76e2595adb124b2b.txt";
/// Seed file of the NAEH rapid re-housing case-management article.
pub(crate) const SEED_002: &str = "seeds/002_a3f2a242ef9ddd5d.txt";

/// Built-in domains: `(id, title, purpose, seed file)`. The title is also the seed section.
pub(crate) const DOMAINS: &[(&str, &str, &str, &str)] = &[
    (
        "engagement-care-planning",
        "Engagement & Care Planning",
        "Collaboratively develop a tailored Care Plan that promotes incremental progress.",
        SEED_000,
    ),
    (
        "safety-stability",
        "Supporting Safety & Stability",
        "Provide ongoing participant-centered support that prioritizes safety and comfort.",
        SEED_000,
    ),
    (
        "prevent-eviction",
        "Helping Prevent Eviction",
        "Proactively identify lease violations and take steps to support ongoing tenancy.",
        SEED_000,
    ),
    (
        "wellness",
        "Promoting Wellness",
        "Foster self-sufficiency, community, and wellness for lasting success.",
        SEED_000,
    ),
    (
        "rrh-move-in",
        "Obtain and move into permanent housing",
        "Rapid re-housing case management is primarily focused on helping participants obtain and move into new housing units.",
        SEED_002,
    ),
];

/// Built-in steps: `(id, name, domain id, shares_with)`, in seed order.
/// `needs_consent` is `shares_with.is_some()`.
pub(crate) const STEPS: &[(&str, &str, &str, Option<&str>)] = &[
    // seeds/000, "Engagement & Care Planning" (16)
    (
        "outreach-and-engagement",
        "Outreach & Engagement",
        "engagement-care-planning",
        None,
    ),
    (
        "address-participant-concern",
        "Address Participant Concern",
        "engagement-care-planning",
        None,
    ),
    (
        "celebrate-success",
        "Celebrate Success",
        "engagement-care-planning",
        None,
    ),
    (
        "complete-hmis-assessment",
        "HMIS Assessment",
        "engagement-care-planning",
        None,
    ),
    ("5x5", "5x5", "engagement-care-planning", None),
    (
        "housing-acuity-index",
        "Housing Acuity Index",
        "engagement-care-planning",
        None,
    ),
    (
        "add-action-step-to-care-plan",
        "Add Action Step to Care Plan",
        "engagement-care-planning",
        None,
    ),
    (
        "collaborate-with-pcp-or-ph-nurse",
        "Collaborate with PCP or PH Nurse",
        "engagement-care-planning",
        Some("primary care provider or public health nurse"),
    ),
    (
        "collaborate-with-caregiver",
        "Collaborate with Caregiver",
        "engagement-care-planning",
        Some("caregiver"),
    ),
    (
        "collaborate-with-hssp-or-fsp",
        "Collaborate with HSSP or FSP",
        "engagement-care-planning",
        Some("HSSP or FSP mental health services provider"),
    ),
    (
        "collaborate-with-ecm",
        "Collaborate with ECM",
        "engagement-care-planning",
        Some("Enhanced Care Management (ECM) provider"),
    ),
    (
        "collaborate-with-fhsp-housing-coordinator",
        "Collaborate with FHSP Housing Coordinator",
        "engagement-care-planning",
        Some("FHSP housing coordinator"),
    ),
    (
        "collaborate-with-cens",
        "Collaborate with CENS",
        "engagement-care-planning",
        Some("CENS substance use services provider"),
    ),
    (
        "access-clinical-supervision",
        "Access Clinical Supervision",
        "engagement-care-planning",
        None,
    ),
    (
        "participant-satisfaction-survey",
        "Participant Satisfaction Survey",
        "engagement-care-planning",
        None,
    ),
    (
        "schedule-next-visit",
        "Schedule Next Visit",
        "engagement-care-planning",
        None,
    ),
    // seeds/000, "Supporting Safety & Stability" (19)
    (
        "health-and-safety-visit",
        "Health & Safety Visit",
        "safety-stability",
        None,
    ),
    (
        "establish-food-supply",
        "Establish Food Supply",
        "safety-stability",
        None,
    ),
    (
        "refer-to-ph",
        "Refer to PH?",
        "safety-stability",
        Some("public health (PH) nurse or program"),
    ),
    (
        "accompaniment-to-health-care-appt",
        "Accompaniment to a Health Care Appt.",
        "safety-stability",
        Some("health care provider"),
    ),
    (
        "connect-to-caregiving",
        "Connect to Caregiving",
        "safety-stability",
        Some("caregiving services provider"),
    ),
    (
        "cens-referral",
        "CENS Referral",
        "safety-stability",
        Some("CENS substance use services provider"),
    ),
    (
        "crisis-intervention",
        "Crisis Intervention",
        "safety-stability",
        None,
    ),
    (
        "obtain-renew-medi-cal",
        "Obtain/Renew Medi-Cal",
        "safety-stability",
        Some("Medi-Cal eligibility office"),
    ),
    ("safety-plan", "Safety Plan", "safety-stability", None),
    (
        "provide-harm-reduction-supplies",
        "Provide Harm Reduction Supplies",
        "safety-stability",
        None,
    ),
    (
        "obtain-live-in-aid",
        "Obtain Live-in Aid",
        "safety-stability",
        Some("public housing agency, landlord or property manager"),
    ),
    (
        "hssp-fsp-referral",
        "HSSP/FSP Referral",
        "safety-stability",
        Some("HSSP or FSP mental health services provider"),
    ),
    (
        "decluttering-support",
        "Decluttering Support",
        "safety-stability",
        None,
    ),
    (
        "coordinate-pest-control",
        "Coordinate Pest Control",
        "safety-stability",
        Some("landlord, property manager or pest control service"),
    ),
    (
        "reasonable-accommodation-support",
        "Reasonable Accommodation Support",
        "safety-stability",
        Some("landlord, property manager or public housing agency"),
    ),
    (
        "medication-adherence-support",
        "Medication Adherence Support",
        "safety-stability",
        None,
    ),
    (
        "transition-of-care-assistance",
        "Transition of Care Assistance",
        "safety-stability",
        Some("hospital or care facility discharging the participant"),
    ),
    (
        "fhsp-general-assistance-request",
        "FHSP General Assistance Request",
        "safety-stability",
        Some("Flexible Housing Subsidy Pool (FHSP) administrator"),
    ),
    (
        "link-to-outpatient-sud-treatment",
        "Link to Outpatient SUD Treatment",
        "safety-stability",
        Some("outpatient substance use disorder treatment provider"),
    ),
    // seeds/000, "Helping Prevent Eviction" (22)
    (
        "timely-rental-payment",
        "Timely Rental Payment",
        "prevent-eviction",
        None,
    ),
    (
        "resolve-arrears",
        "Resolve Arrears",
        "prevent-eviction",
        None,
    ),
    ("develop-budget", "Develop Budget", "prevent-eviction", None),
    (
        "re-certify-voucher",
        "Re-Certify Voucher",
        "prevent-eviction",
        Some("public housing agency (PHA)"),
    ),
    (
        "tenancy-education",
        "Tenancy Education",
        "prevent-eviction",
        None,
    ),
    (
        "renew-lease",
        "Renew Lease",
        "prevent-eviction",
        Some("landlord or property manager"),
    ),
    (
        "engage-landlord-property-manager",
        "Engage Landlord/Property Manager",
        "prevent-eviction",
        Some("landlord or property manager"),
    ),
    (
        "coordinate-with-pha",
        "Coordinate with PHA",
        "prevent-eviction",
        Some("public housing agency (PHA)"),
    ),
    (
        "reduce-long-term-guests",
        "Reduce Long-Term Guests",
        "prevent-eviction",
        None,
    ),
    (
        "spay-neuter-pets",
        "Spay/Neuter Pets",
        "prevent-eviction",
        None,
    ),
    ("adopt-out-pets", "Adopt Out Pets", "prevent-eviction", None),
    (
        "emotional-support-companion-certification",
        "Emotional Support Companion Certification",
        "prevent-eviction",
        Some("certifying health care provider and landlord or property manager"),
    ),
    (
        "subsidy-exchange",
        "Subsidy Exchange",
        "prevent-eviction",
        Some("housing subsidy administrators (PHA or FHSP)"),
    ),
    (
        "troubleshoot-noise-complaints",
        "Troubleshoot Noise Complaints",
        "prevent-eviction",
        None,
    ),
    (
        "problem-solving",
        "Problem Solving",
        "prevent-eviction",
        None,
    ),
    (
        "notify-property-manager-of-maintenance-issues",
        "Notify Property Manager of Maintenance Issues",
        "prevent-eviction",
        Some("property manager"),
    ),
    (
        "connect-to-legal-aid",
        "Connect to Legal Aid",
        "prevent-eviction",
        Some("legal aid provider"),
    ),
    (
        "mediate-dispute",
        "Mediate Dispute",
        "prevent-eviction",
        Some("other parties to the dispute (neighbor, landlord or property manager)"),
    ),
    (
        "incident-report",
        "Incident Report",
        "prevent-eviction",
        None,
    ),
    ("jail-visit", "Jail Visit", "prevent-eviction", None),
    (
        "unit-damage-mitigation",
        "Unit Damage Mitigation",
        "prevent-eviction",
        None,
    ),
    (
        "relinquish-unit",
        "Relinquish Unit",
        "prevent-eviction",
        Some("landlord, property manager or public housing agency (PHA)"),
    ),
    // seeds/000, "Promoting Wellness" (12)
    ("increase-income", "Increase Income", "wellness", None),
    ("coach-life-skills", "Coach Life Skills", "wellness", None),
    ("improve-diet", "Improve Diet", "wellness", None),
    (
        "increase-physical-activity",
        "Increase Physical Activity",
        "wellness",
        None,
    ),
    (
        "map-out-local-points-of-interest",
        "Map-Out Local Points of Interest",
        "wellness",
        None,
    ),
    (
        "establish-access-to-regular-transportation",
        "Establish Access to Regular Transportation",
        "wellness",
        None,
    ),
    (
        "connect-to-community-of-faith",
        "Connect to a Community of Faith",
        "wellness",
        Some("community of faith"),
    ),
    (
        "cultivate-healthy-social-interactions",
        "Cultivate Healthy Social Interactions",
        "wellness",
        None,
    ),
    (
        "family-reunification",
        "Family Reunification",
        "wellness",
        Some("family members"),
    ),
    (
        "connect-to-educational-opportunities",
        "Connect to Educational Opportunities",
        "wellness",
        Some("education or training provider"),
    ),
    (
        "explore-employment-opportunities",
        "Explore Employment Opportunities",
        "wellness",
        None,
    ),
    ("icms-graduation", "ICMS Graduation", "wellness", None),
    // seeds/002, "Obtain and move into permanent housing" (4)
    (
        "resolve-screening-barriers",
        "Resolve or mitigate tenant screening barriers",
        "rrh-move-in",
        Some("landlord or property manager screening the application"),
    ),
    (
        "obtain-identification",
        "Obtain necessary identification for the participant if needed",
        "rrh-move-in",
        None,
    ),
    (
        "move-in-support",
        "Support other move-in activities such as providing furniture",
        "rrh-move-in",
        None,
    ),
    (
        "review-lease-provisions",
        "Prepare participants for successful tenancy by reviewing lease provisions",
        "rrh-move-in",
        None,
    ),
];

/// The built-in domains as owned values.
pub(crate) fn builtin_domains() -> Vec<Domain> {
    DOMAINS
        .iter()
        .map(|&(id, title, purpose, file)| Domain {
            id: id.to_string(),
            title: title.to_string(),
            purpose: purpose.to_string(),
            origin: Origin::Seed {
                file: file.to_string(),
                section: title.to_string(),
            },
        })
        .collect()
}

/// The built-in steps as owned values. A step's seed section is its domain's title.
pub(crate) fn builtin_steps() -> Vec<Step> {
    STEPS
        .iter()
        .map(|&(id, name, domain, shares_with)| {
            let (file, section) = DOMAINS
                .iter()
                .find(|d| d.0 == domain)
                .map_or((SEED_000, ""), |d| (d.3, d.1));
            Step {
                id: id.to_string(),
                name: name.to_string(),
                domain: domain.to_string(),
                needs_consent: shares_with.is_some(),
                shares_with: shares_with.map(str::to_string),
                origin: Origin::Seed {
                    file: file.to_string(),
                    section: section.to_string(),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::is_kebab_id;
    use std::collections::HashSet;

    #[test]
    fn counts_per_domain() {
        let count = |d: &str| STEPS.iter().filter(|s| s.2 == d).count();
        assert_eq!(count("engagement-care-planning"), 16);
        assert_eq!(count("safety-stability"), 19);
        assert_eq!(count("prevent-eviction"), 22);
        assert_eq!(count("wellness"), 12);
        assert_eq!(count("rrh-move-in"), 4);
        assert_eq!(STEPS.len(), 73);
    }

    #[test]
    fn ids_are_kebab_and_unique() {
        let mut seen = HashSet::new();
        for (id, ..) in STEPS {
            assert!(is_kebab_id(id), "{id}");
            assert!(seen.insert(*id), "duplicate {id}");
        }
        for (id, ..) in DOMAINS {
            assert!(is_kebab_id(id), "{id}");
            assert!(seen.insert(*id), "duplicate {id}");
        }
    }

    #[test]
    fn every_step_has_a_known_domain_and_section() {
        for step in builtin_steps() {
            let Origin::Seed { section, .. } = &step.origin else {
                panic!("built-in step {} has a non-seed origin", step.id);
            };
            let domain = DOMAINS.iter().find(|d| d.0 == step.domain);
            assert_eq!(domain.map(|d| d.1), Some(section.as_str()), "{}", step.id);
        }
    }

    #[test]
    fn consent_rule_from_names() {
        for step in builtin_steps() {
            let by_name = step.name.starts_with("Collaborate with")
                || step.name.ends_with("Referral")
                || step.name.starts_with("Connect to")
                || step.name == "Refer to PH?"
                || step.name == "Coordinate with PHA"
                || step.name == "Engage Landlord/Property Manager";
            if by_name {
                assert!(step.needs_consent, "{} must need consent", step.name);
            }
            assert_eq!(
                step.needs_consent,
                step.shares_with.is_some(),
                "{}",
                step.id
            );
        }
    }

    #[test]
    fn consent_list_is_exactly_the_documented_one() {
        let expected: HashSet<&str> = [
            "collaborate-with-pcp-or-ph-nurse",
            "collaborate-with-caregiver",
            "collaborate-with-hssp-or-fsp",
            "collaborate-with-ecm",
            "collaborate-with-fhsp-housing-coordinator",
            "collaborate-with-cens",
            "refer-to-ph",
            "accompaniment-to-health-care-appt",
            "connect-to-caregiving",
            "cens-referral",
            "obtain-renew-medi-cal",
            "obtain-live-in-aid",
            "hssp-fsp-referral",
            "reasonable-accommodation-support",
            "transition-of-care-assistance",
            "fhsp-general-assistance-request",
            "link-to-outpatient-sud-treatment",
            "re-certify-voucher",
            "engage-landlord-property-manager",
            "coordinate-with-pha",
            "emotional-support-companion-certification",
            "subsidy-exchange",
            "notify-property-manager-of-maintenance-issues",
            "connect-to-legal-aid",
            "mediate-dispute",
            "connect-to-community-of-faith",
            "family-reunification",
            "connect-to-educational-opportunities",
            "resolve-screening-barriers",
            "renew-lease",
            "relinquish-unit",
            "coordinate-pest-control",
        ]
        .into_iter()
        .collect();
        let actual: HashSet<&str> = STEPS
            .iter()
            .filter(|s| s.3.is_some())
            .map(|s| s.0)
            .collect();
        assert_eq!(actual, expected);
    }
}
