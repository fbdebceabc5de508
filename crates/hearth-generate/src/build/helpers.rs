//! Small helpers shared by the areas: texts, steps, catalog facts.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use hearth_model::{
    FreeText, HarmReductionOption, HarmReductionPlan, PartyId, PlanId, PlannedActionStep,
    RiskObservationId, RiskResponse, RiskResponseKind, StepDone, StepId,
};

use crate::dice::Dice;
use crate::time::Zone;

use super::{BEHAVIORAL, CLINIC, HOUSING_AUTHORITY, LANDLORD};

/// When an encounter that ended at `ended` was documented: within hours, now and then
/// days later and marked as a late entry (St. Louis), or days later unmarked for the
/// lapse; never after the evaluation date.
pub(super) fn documented(
    dice: &mut Dice,
    zone: Zone,
    as_of: NaiveDate,
    ended: DateTime<FixedOffset>,
    lapse: bool,
    marks_late: bool,
) -> (DateTime<FixedOffset>, bool) {
    let (delay, late_entry) = if lapse {
        (TimeDelta::hours(dice.range(30, 70)), false)
    } else if marks_late && dice.percent(3) {
        (TimeDelta::hours(dice.range(30, 60)), true)
    } else {
        (TimeDelta::minutes(dice.range(20, 600)), false)
    };
    let at = ended.checked_add_signed(delay).unwrap_or(ended);
    let latest = zone.at(as_of, 23 * 60 + 30);
    if at > latest && ended <= latest {
        (latest, late_entry)
    } else {
        (at, late_entry)
    }
}

pub(super) fn text(s: &str) -> FreeText {
    FreeText::new(s.to_owned())
}

pub(super) fn step(id: &str) -> StepDone {
    StepDone {
        step: StepId::new(id),
        action_step: None,
        party: None,
    }
}

/// The catalog step of a collateral contact with `party`, when it is one that needs a
/// release (the party always has one when this is called).
pub(super) fn collateral_step(party: &PartyId) -> Option<&'static str> {
    match party.as_str() {
        LANDLORD => Some("engage-landlord-property-manager"),
        HOUSING_AUTHORITY => Some("coordinate-with-pha"),
        CLINIC => Some("collaborate-with-pcp-or-ph-nurse"),
        BEHAVIORAL => Some("collaborate-with-hssp-or-fsp"),
        _ => None,
    }
}

/// A VI-SPDAT band id for a total (`top`: the last total of the middle band).
pub(super) fn vi_band(total: i64, top: i64) -> &'static str {
    if total <= 3 {
        "no-housing-intervention"
    } else if total <= top {
        "rapid-re-housing"
    } else {
        "permanent-supportive-housing"
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Category {
    Health,
    Lease,
    Safety,
}

/// The taxonomy category of a risk the generator uses, and the catalog step that
/// answers it.
pub(super) fn risk_facts(risk: &str) -> (Category, &'static str) {
    match risk {
        "food-insecurity" => (Category::Health, "establish-food-supply"),
        "adls-iadls-challenges" => (Category::Health, "coach-life-skills"),
        "mental-health-challenges" => (Category::Health, "medication-adherence-support"),
        "rental-utility-arrears" => (Category::Lease, "resolve-arrears"),
        "noise-complaints" => (Category::Lease, "troubleshoot-noise-complaints"),
        "unit-damage" => (Category::Lease, "unit-damage-mitigation"),
        "clutter-blocking-exits-pathways" => (Category::Safety, "decluttering-support"),
        _ => (Category::Safety, "safety-plan"),
    }
}

pub(super) struct ActionStepIdGen;

impl ActionStepIdGen {
    pub(super) fn next(steps: &[PlannedActionStep]) -> hearth_model::ActionStepId {
        hearth_model::ActionStepId::new(format!("AS{:02}", steps.len() + 1))
    }
}

pub(super) trait Of {
    fn of(kind: RiskResponseKind, on: NaiveDate) -> Self;
}

impl Of for RiskResponse {
    fn of(kind: RiskResponseKind, on: NaiveDate) -> Self {
        RiskResponse {
            kind,
            responded_on: on,
            action_step: None,
            lease_violation_plan: None,
            harm_reduction_plan: None,
            incident_report: None,
        }
    }
}

pub(super) fn harm_reduction_plan(
    id: PlanId,
    made: NaiveDate,
    risk: &RiskObservationId,
) -> HarmReductionPlan {
    let option = |what: &str| HarmReductionOption {
        option: Some(text(what)),
        factors_for: vec![text("Keeps the tenancy")],
        factors_against: vec![text("Takes time to arrange")],
        landlord_non_negotiables: vec![text("Rent paid by the agreed date")],
        tenant_non_negotiables: vec![text("Stays in the unit")],
    };
    HarmReductionPlan {
        id,
        created_on: made,
        updated_on: None,
        addresses_risks: vec![risk.clone()],
        housing_risk: Some(text(
            "Arrears put the tenancy at risk of an eviction filing.",
        )),
        options: vec![
            option("A repayment plan with the landlord"),
            option("A one-time assistance request"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use hearth_catalog::Catalog;

    use super::*;
    use crate::Options;

    /// Every catalog id the generator writes is in the built-in catalog: steps, risks
    /// (in the category the generator answers them as), instruments and their items;
    /// steps done with a party are the ones that need a release.
    #[test]
    fn every_catalog_id_written_is_in_the_builtin_catalog() {
        let catalog = Catalog::builtin();
        let options = Options {
            participants: 120,
            problem_percent: 100,
            ..Options::default()
        };
        let mut steps = BTreeSet::new();
        for index in 0..options.participants {
            let case = crate::case_file(&options, index);
            for a in &case.assessments {
                let instrument = catalog.instrument(a.instrument.as_str()).unwrap();
                for item in &a.items {
                    assert!(
                        instrument.components.iter().any(|c| c.id == item.item),
                        "{} has no item {}",
                        instrument.id,
                        item.item
                    );
                }
                if let (Some(total), Some(band)) = (a.total, &a.band) {
                    if !instrument.bands.is_empty() {
                        let found = instrument.band_for(total).map(|b| b.id.clone());
                        assert_eq!(found.as_deref(), Some(band.as_str()), "{}", a.id);
                    }
                }
            }
            for e in &case.enrollments {
                for r in &e.risk_observations {
                    let risk = catalog.risk(r.risk.as_str()).unwrap();
                    let (category, step) = risk_facts(r.risk.as_str());
                    let expected = match category {
                        Category::Health => "health-concerns",
                        Category::Lease => "lease-violations",
                        Category::Safety => "safety-hazards",
                    };
                    assert_eq!(risk.category, expected, "{}", r.risk);
                    assert!(catalog.step(step).is_ok(), "{step}");
                }
                for encounter in &e.encounters {
                    for done in &encounter.steps_done {
                        let step = catalog.step(done.step.as_str()).unwrap();
                        assert_eq!(step.needs_consent, done.party.is_some(), "{}", step.id);
                        steps.insert(done.step.as_str().to_owned());
                    }
                }
                let plan = e.care_plan.as_ref().unwrap();
                for planned in &plan.action_steps {
                    assert!(catalog.step(planned.step.as_str()).is_ok());
                }
                for referral in &e.referrals {
                    if let Some(step) = &referral.step {
                        assert!(catalog.step(step.as_str()).is_ok());
                    }
                }
            }
        }
        assert!(steps.len() >= 10, "{steps:?}");
    }
}
