//! Risks observed and their responses, crises.

use chrono::NaiveDate;
use hearth_model::calendar::add_days;
use hearth_model::{
    ConfidentialityException, CrisisIncident, CrisisPlan, EncounterKind, ExceptionKind, GoalId,
    LeaseViolationPlan, Location, PlanId, PlannedActionStep, RecordId, RiskId, RiskObservation,
    RiskObservationId, RiskResponse, RiskResponseKind, RiskSource, StepDone, StepId,
};

use crate::{Problem, Program};

use super::helpers::{harm_reduction_plan, risk_facts, text, ActionStepIdGen, Category, Of};
use super::Builder;

impl Builder<'_> {
    pub(super) fn add_risks(&mut self) {
        let latest = add_days(self.end, -21);
        let candidates: Vec<usize> = self
            .slots
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.is_in_person_visit() && s.date > self.plan_on && s.date <= latest && !s.last
            })
            .map(|(i, _)| i)
            .collect();
        if let Some((from, until)) = self.violence {
            if let Some(&i) = candidates
                .iter()
                .find(|&&i| self.slots.get(i).is_some_and(|s| s.date >= from))
            {
                self.observe(i, "domestic-violence", Some(until), false);
                if self.has(Problem::HomeVisitDuringDomesticViolence) {
                    let observed = self.slots.get(i).map_or(from, |s| s.date);
                    match self.slots.iter_mut().find(|s| {
                        s.is_in_person_visit() && s.date > observed && s.date < until && !s.last
                    }) {
                        Some(slot) => slot.location = Some(Location::Home),
                        None => {
                            self.problems
                                .remove(&Problem::HomeVisitDuringDomesticViolence);
                        }
                    }
                }
            } else {
                self.problems
                    .remove(&Problem::HomeVisitDuringDomesticViolence);
            }
        }
        let eviction_program = matches!(self.program, Program::StlCoc | Program::CtPsh);
        if self.has(Problem::EvictionRiskWithoutPlan) || (eviction_program && self.dice.percent(20))
        {
            if let Some(&i) = candidates.get(self.dice.index(candidates.len())) {
                self.observe(i, "rental-utility-arrears", None, true);
            }
        }
        let icms = matches!(self.program, Program::IcmsHigh | Program::IcmsLow);
        let count = if icms {
            self.dice.range(1, 3)
        } else {
            self.dice.range(0, 2)
        };
        let count = if self.has(Problem::RiskWithoutResponse) {
            count.max(1)
        } else {
            count
        };
        const RISKS: [&str; 8] = [
            "food-insecurity",
            "adls-iadls-challenges",
            "mental-health-challenges",
            "rental-utility-arrears",
            "noise-complaints",
            "unit-damage",
            "clutter-blocking-exits-pathways",
            "fire-hazards",
        ];
        for _ in 0..count {
            if candidates.is_empty() {
                break;
            }
            let i = self.dice.pick(&candidates, 0);
            let risk = self.dice.pick(&RISKS, "food-insecurity");
            self.observe(i, risk, None, false);
        }
        if self.has(Problem::RiskWithoutResponse) && !self.drop_a_response() {
            self.problems.remove(&Problem::RiskWithoutResponse);
        }
        if self.has(Problem::EvictionRiskWithoutPlan) && !self.risks.iter().any(|r| r.eviction_risk)
        {
            self.problems.remove(&Problem::EvictionRiskWithoutPlan);
        }
    }

    /// Records risk `risk` observed at slot `i` with its category's responses.
    pub(super) fn observe(
        &mut self,
        i: usize,
        risk: &str,
        resolved: Option<NaiveDate>,
        eviction: bool,
    ) {
        let Some(day) = self.slots.get(i).map(|s| s.date) else {
            return;
        };
        let id = RiskObservationId::new(format!("R{}", self.risks.len() + 1));
        let (category, step) = risk_facts(risk);
        let respond = add_days(day, self.dice.range(0, 3));
        let mut responses = Vec::new();
        let action = ActionStepIdGen::next(&self.action_steps);
        let plan_step = |status| PlannedActionStep {
            id: action.clone(),
            step: StepId::new(step),
            added_on: respond,
            status,
            done_on: None,
            goal: Some(GoalId::new("G1")),
            party: None,
            addresses_risk: Some(id.clone()),
        };
        match category {
            Category::Health => {
                responses.push(RiskResponse::of(RiskResponseKind::DiscussedOptions, day));
                responses.push(RiskResponse {
                    action_step: Some(action.clone()),
                    ..RiskResponse::of(RiskResponseKind::ActionStep, respond)
                });
                let mut planned = plan_step(hearth_model::ActionStepStatus::InProgress);
                if let Some(done) = resolved
                    .or(Some(add_days(respond, 30)))
                    .filter(|d| *d <= self.end)
                {
                    planned.status = hearth_model::ActionStepStatus::Done;
                    planned.done_on = Some(done);
                }
                self.action_steps.push(planned);
            }
            Category::Lease => {
                responses.push(RiskResponse {
                    action_step: Some(action.clone()),
                    ..RiskResponse::of(RiskResponseKind::ActionStep, respond)
                });
                self.action_steps
                    .push(plan_step(hearth_model::ActionStepStatus::InProgress));
                let plan_id = PlanId::new(format!(
                    "PLN{}",
                    self.lease_plans.len() + self.harm_plans.len() + 1
                ));
                let made = add_days(day, self.dice.range(1, 5));
                if eviction {
                    if !self.has(Problem::EvictionRiskWithoutPlan) {
                        responses.push(RiskResponse {
                            harm_reduction_plan: Some(plan_id.clone()),
                            ..RiskResponse::of(RiskResponseKind::LeaseViolationPlan, made)
                        });
                        self.harm_plans
                            .push(harm_reduction_plan(plan_id, made, &id));
                    }
                } else {
                    responses.push(RiskResponse {
                        lease_violation_plan: Some(plan_id.clone()),
                        ..RiskResponse::of(RiskResponseKind::LeaseViolationPlan, made)
                    });
                    self.lease_plans.push(LeaseViolationPlan {
                        id: plan_id,
                        created_on: made,
                        addresses_risks: vec![id.clone()],
                        discussed_on: Some(day),
                        agreed_by_participant: Some(true),
                        cure_by: Some(add_days(made, 30)),
                        description: Some(text(
                            "Agreed steps to put the tenancy back in good standing.",
                        )),
                    });
                }
            }
            Category::Safety => {
                responses.push(RiskResponse::of(RiskResponseKind::ImmediateMitigation, day));
                responses.push(RiskResponse {
                    incident_report: Some(RecordId::new(format!("IR-{}", id.as_str()))),
                    ..RiskResponse::of(RiskResponseKind::IncidentReport, respond)
                });
                self.action_steps
                    .push(plan_step(hearth_model::ActionStepStatus::Done));
                if let Some(last) = self.action_steps.last_mut() {
                    last.done_on = Some(respond);
                }
            }
        }
        let resolved = resolved
            .or_else(|| Some(add_days(day, self.dice.range(20, 60))))
            .filter(|d| *d <= self.as_of);
        let source = self.dice.pick(
            &[RiskSource::Observed, RiskSource::ReportedByParticipant],
            RiskSource::Observed,
        );
        self.risks.push(RiskObservation {
            id: id.clone(),
            risk: RiskId::new(risk),
            observed_on: day,
            source: Some(source),
            in_home: (risk == "domestic-violence").then_some(true),
            eviction_risk: eviction,
            encounter: None,
            responses,
            resolved_on: resolved,
            details: Some(text("Observed and discussed with the participant.")),
        });
        if let Some(slot) = self.slots.get_mut(i) {
            slot.risks.push(id);
            slot.steps.push(StepDone {
                step: StepId::new(step),
                action_step: Some(action),
                party: None,
            });
        }
    }

    /// Takes one required response away from the first risk (RISK001); false when
    /// there is no risk to take it from.
    pub(super) fn drop_a_response(&mut self) -> bool {
        let Some(risk) = self
            .risks
            .iter_mut()
            .find(|r| r.risk.as_str() != "domestic-violence")
        else {
            return false;
        };
        let (category, _) = risk_facts(risk.risk.as_str());
        let id = risk.id.clone();
        match category {
            Category::Health => {
                risk.responses
                    .retain(|r| r.kind != RiskResponseKind::ActionStep);
                for step in &mut self.action_steps {
                    if step.addresses_risk.as_ref() == Some(&id) {
                        step.addresses_risk = None;
                    }
                }
            }
            Category::Lease => {
                risk.responses
                    .retain(|r| r.kind != RiskResponseKind::LeaseViolationPlan);
                self.lease_plans
                    .retain(|p| !p.addresses_risks.contains(&id));
            }
            Category::Safety => {
                risk.responses
                    .retain(|r| r.kind != RiskResponseKind::IncidentReport);
            }
        }
        true
    }

    pub(super) fn add_crisis(&mut self) {
        let Some(day) = self.crisis_on else { return };
        let Some(slot) = self
            .slots
            .iter()
            .find(|s| s.kind == EncounterKind::Crisis && s.date == day)
        else {
            return;
        };
        let occurred = self.zone.at(slot.date, slot.minute.saturating_sub(90));
        let incident = hearth_model::IncidentId::new("INC1");
        self.incidents.push(CrisisIncident {
            id: incident.clone(),
            occurred_at: occurred,
            encounter: None,
            incident_report: Some(RecordId::new("IR-INC1")),
            debriefed_on: Some(add_days(day, self.dice.range(1, 3))),
            details: Some(text("Crisis call answered; participant safe.")),
        });
        if !self.has(Problem::CrisisWithoutCrisisPlan) {
            self.crisis_plans.push(CrisisPlan {
                id: PlanId::new("CP1"),
                created_on: add_days(day, self.dice.range(1, 14)),
                updated_on: Vec::new(),
                after_incidents: vec![incident],
            });
        }
        if self.program == Program::CtPsh && self.dice.percent(30) {
            self.exceptions.push(ConfidentialityException {
                id: hearth_model::ShareId::new("X1"),
                kind: ExceptionKind::HealthSafetyEmergency,
                occurred_on: day,
                party: None,
                supervisor: Some(self.sup.clone()),
            });
        }
    }
}
