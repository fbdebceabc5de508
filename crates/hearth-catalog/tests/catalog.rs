//! Catalog-wide invariants through the public API (R-CAT-1..3, R-RISK-2, R-RISK-3).

use std::collections::HashSet;

use hearth_catalog::{is_kebab_id, Catalog};
use hearth_model::RiskResponseKind;

fn all_ids(catalog: &Catalog) -> Vec<&str> {
    catalog
        .domains()
        .iter()
        .map(|d| d.id.as_str())
        .chain(catalog.steps().iter().map(|s| s.id.as_str()))
        .chain(catalog.risk_categories().iter().map(|c| c.id.as_str()))
        .chain(catalog.risks().iter().map(|r| r.id.as_str()))
        .chain(catalog.instruments().iter().map(|i| i.id.as_str()))
        .collect()
}

#[test]
fn ids_are_unique_and_kebab_case() {
    let catalog = Catalog::builtin();
    let ids = all_ids(&catalog);
    assert_eq!(ids.len(), 5 + 73 + 3 + 18 + 7);
    let mut seen = HashSet::new();
    for id in ids {
        assert!(is_kebab_id(id), "{id:?} is not kebab-case");
        assert!(seen.insert(id), "{id:?} is used twice");
    }
}

#[test]
fn example_ids_from_the_requirements_exist() {
    let catalog = Catalog::builtin();
    for (id, name) in [
        ("resolve-arrears", "Resolve Arrears"),
        ("5x5", "5x5"),
        ("refer-to-ph", "Refer to PH?"),
        ("spay-neuter-pets", "Spay/Neuter Pets"),
        (
            "collaborate-with-pcp-or-ph-nurse",
            "Collaborate with PCP or PH Nurse",
        ),
        (
            "accompaniment-to-health-care-appt",
            "Accompaniment to a Health Care Appt.",
        ),
        ("obtain-renew-medi-cal", "Obtain/Renew Medi-Cal"),
        (
            "map-out-local-points-of-interest",
            "Map-Out Local Points of Interest",
        ),
    ] {
        assert_eq!(catalog.step(id).unwrap().name, name);
    }
}

#[test]
fn every_step_is_in_a_known_domain() {
    let catalog = Catalog::builtin();
    for step in catalog.steps() {
        assert!(catalog.domain(&step.domain).is_ok(), "{}", step.id);
    }
}

#[test]
fn consent_matches_shares_with_and_the_naming_rule() {
    let catalog = Catalog::builtin();
    for step in catalog.steps() {
        assert_eq!(
            step.needs_consent,
            step.shares_with.is_some(),
            "{}",
            step.id
        );
        if step.name.starts_with("Collaborate with")
            || step.name.ends_with("Referral")
            || step.name.starts_with("Connect to")
        {
            assert!(step.needs_consent, "{} must need consent", step.name);
        }
    }
    for id in [
        "refer-to-ph",
        "coordinate-with-pha",
        "engage-landlord-property-manager",
        "connect-to-legal-aid",
        "link-to-outpatient-sud-treatment",
        "mediate-dispute",
        "resolve-screening-barriers",
    ] {
        assert!(catalog.step(id).unwrap().needs_consent, "{id}");
    }
    for id in [
        "resolve-arrears",
        "jail-visit",
        "incident-report",
        "obtain-identification",
    ] {
        assert!(!catalog.step(id).unwrap().needs_consent, "{id}");
    }
}

#[test]
fn every_risk_step_exists() {
    let catalog = Catalog::builtin();
    for risk in catalog.risks() {
        assert!(!risk.steps.is_empty(), "{} has no steps", risk.id);
        for step in &risk.steps {
            assert!(catalog.step(step).is_ok(), "risk {} → {step}", risk.id);
        }
        assert!(catalog.risk_category(&risk.category).is_ok(), "{}", risk.id);
    }
}

#[test]
fn risk_placement_follows_domain_md() {
    let catalog = Catalog::builtin();
    let names = |category: &str| -> Vec<String> {
        catalog
            .risks_in_category(category)
            .unwrap()
            .iter()
            .map(|r| r.name.clone())
            .collect()
    };
    assert_eq!(
        names("health-concerns"),
        [
            "Food Insecurity",
            "Mental Health Challenges",
            "Physical Health Challenges",
            "ADLs/IADLs Challenges",
            "Not Taking Medication",
            "Recent Hospitalization",
            "Unsafe Substance Use",
            "Contagions"
        ]
    );
    assert_eq!(
        names("lease-violations"),
        [
            "Too Many Pets",
            "Noise Complaints",
            "Rental/Utility Arrears",
            "Unit Damage",
            "Unauthorized Occupants",
            "Neighbor Dispute",
            "Incarceration"
        ]
    );
    assert_eq!(
        names("safety-hazards"),
        [
            "Domestic Violence",
            "Clutter Blocking Exits/Pathways",
            "Fire Hazards"
        ]
    );
    for id in ["contagions", "unsafe-substance-use", "incarceration"] {
        assert!(catalog.risk(id).unwrap().placement_note.is_some(), "{id}");
    }
    let responses = |id: &str| catalog.risk_category(id).unwrap().responses.clone();
    assert_eq!(responses("health-concerns"), [RiskResponseKind::ActionStep]);
    assert_eq!(
        responses("lease-violations"),
        [
            RiskResponseKind::ActionStep,
            RiskResponseKind::LeaseViolationPlan
        ]
    );
    assert_eq!(
        responses("safety-hazards"),
        [
            RiskResponseKind::ImmediateMitigation,
            RiskResponseKind::IncidentReport
        ]
    );
}

#[test]
fn required_risk_step_links() {
    let catalog = Catalog::builtin();
    let has = |risk: &str, steps: &[&str]| {
        let linked = &catalog.risk(risk).unwrap().steps;
        for step in steps {
            assert!(
                linked.iter().any(|s| s == step),
                "{risk} should list {step}"
            );
        }
    };
    has(
        "too-many-pets",
        &[
            "spay-neuter-pets",
            "adopt-out-pets",
            "emotional-support-companion-certification",
        ],
    );
    has(
        "rental-utility-arrears",
        &["resolve-arrears", "develop-budget"],
    );
    has("incarceration", &["jail-visit"]);
    has("domestic-violence", &["safety-plan", "incident-report"]);
}

#[test]
fn did_you_mean() {
    let catalog = Catalog::builtin();
    let err = catalog.step("resolve-arear").unwrap_err();
    assert_eq!(err.suggestion.as_deref(), Some("resolve-arrears"));
    assert_eq!(
        err.to_string(),
        r#"unknown action step id "resolve-arear"; did you mean "resolve-arrears"?"#
    );
    assert_eq!(
        catalog
            .step("Resolve Arrears")
            .unwrap_err()
            .suggestion
            .as_deref(),
        Some("resolve-arrears")
    );
    assert_eq!(
        catalog
            .step("HMIS Assessment")
            .unwrap_err()
            .suggestion
            .as_deref(),
        Some("complete-hmis-assessment")
    );
    assert_eq!(
        catalog
            .risk("incarceraton")
            .unwrap_err()
            .suggestion
            .as_deref(),
        Some("incarceration")
    );
    let none = catalog.risk("purple elephant").unwrap_err();
    assert_eq!(none.suggestion, None);
    assert_eq!(none.kind, "risk");
    assert_eq!(none.to_string(), r#"unknown risk id "purple elephant""#);
}

#[test]
fn json_shape_of_steps_and_risks() {
    let catalog = Catalog::builtin();
    let step = serde_json::to_value(catalog.step("connect-to-legal-aid").unwrap()).unwrap();
    for key in [
        "id",
        "name",
        "domain",
        "needs_consent",
        "shares_with",
        "origin",
    ] {
        assert!(step.get(key).is_some(), "step JSON lacks {key}: {step}");
    }
    assert_eq!(step["origin"]["kind"], "seed");
    let risk = serde_json::to_value(catalog.risk("incarceration").unwrap()).unwrap();
    for key in ["id", "name", "category", "steps", "placement_note"] {
        assert!(risk.get(key).is_some(), "risk JSON lacks {key}: {risk}");
    }
    let category =
        serde_json::to_value(catalog.risk_category("lease-violations").unwrap()).unwrap();
    assert_eq!(
        category["responses"],
        serde_json::json!(["action-step", "lease-violation-plan"])
    );
}

#[test]
fn instrument_bands() {
    let catalog = Catalog::builtin();
    for instrument in catalog.instruments() {
        assert_eq!(instrument.validate(), Ok(()), "{}", instrument.id);
    }
    let vi = catalog.instrument("vi-spdat-v2").unwrap();
    let band = |t| vi.band_for(t).map(|b| b.label.as_str());
    assert_eq!(band(3), Some("no housing intervention"));
    assert_eq!(band(4), Some("assessment for rapid re-housing"));
    assert_eq!(
        band(8),
        Some("assessment for permanent supportive housing / Housing First")
    );
    assert_eq!(
        band(17),
        Some("assessment for permanent supportive housing / Housing First")
    );
    assert_eq!(band(18), None);
    assert!(matches!(
        vi.status,
        hearth_catalog::InstrumentStatus::Retired { year: 2021, .. }
    ));
    for id in [
        "f-vi-spdat-v2",
        "tay-vi-spdat",
        "spdat",
        "hai",
        "five-by-five",
        "hmis-assessment",
    ] {
        assert!(catalog.instrument(id).is_ok(), "{id}");
    }
}
