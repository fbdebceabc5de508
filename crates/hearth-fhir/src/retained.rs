//! The part of a case file that survives a round trip through FHIR.

use hearth_model::{
    CarePlan, CaseFile, Encounter, Enrollment, Goal, LongTermGoal, Objective, Participant, Party,
    PlanReview, RiskObservation,
};

/// The case file as it comes back from `from_bundle(&to_bundle(case))`: every mapped
/// field kept, every field the mapping leaves out cleared (personal details, free text,
/// intake, termination, exit and the other records `docs/fhir.md` lists as not
/// exported).
///
/// The round-trip property test holds `from_bundle(to_bundle(c)) == retained(c)` for
/// every example and generated case file.
pub fn retained(case: &CaseFile) -> CaseFile {
    CaseFile {
        schema_version: case.schema_version,
        participant: Participant {
            id: case.participant.id.clone(),
            household: case.participant.household,
            age_band: case.participant.age_band,
            veteran: case.participant.veteran,
            personal: None,
        },
        parties: case
            .parties
            .iter()
            .map(|p| Party {
                id: p.id.clone(),
                kind: p.kind,
                name: None,
            })
            .collect(),
        consents: case.consents.clone(),
        assessments: case.assessments.clone(),
        enrollments: case.enrollments.iter().map(enrollment).collect(),
        entry_decisions: Vec::new(),
    }
}

fn enrollment(e: &Enrollment) -> Enrollment {
    Enrollment {
        id: e.id.clone(),
        program: e.program,
        tier: e.tier,
        funding: e.funding.clone(),
        case_manager: e.case_manager.clone(),
        referred_on: None,
        initial_contact_on: None,
        shelter_entry_on: None,
        first_interview_on: None,
        entered_on: e.entered_on,
        move_in_on: None,
        service_participation: None,
        housing_conditions: Vec::new(),
        intake: Default::default(),
        care_plan: e.care_plan.as_ref().map(care_plan),
        encounters: e.encounters.iter().map(encounter).collect(),
        risk_observations: e.risk_observations.iter().map(risk).collect(),
        lease_violation_plans: Vec::new(),
        harm_reduction_plans: Vec::new(),
        crisis_incidents: Vec::new(),
        crisis_plans: Vec::new(),
        stage_history: Vec::new(),
        referrals: e.referrals.clone(),
        information_shares: Vec::new(),
        confidentiality_exceptions: Vec::new(),
        documents: Vec::new(),
        termination: None,
        exit: None,
    }
}

fn care_plan(p: &CarePlan) -> CarePlan {
    CarePlan {
        created_on: p.created_on,
        long_term_goals: p
            .long_term_goals
            .iter()
            .map(|g| LongTermGoal {
                id: g.id.clone(),
                statement: None,
                area: g.area,
            })
            .collect(),
        goals: p.goals.iter().map(goal).collect(),
        tasks: Vec::new(),
        services: Vec::new(),
        supports: Vec::new(),
        skills: Vec::new(),
        contact_schedule: None,
        breach_terms: None,
        signatures: p.signatures.clone(),
        reviews: p
            .reviews
            .iter()
            .map(|r| PlanReview {
                summary: None,
                ..r.clone()
            })
            .collect(),
        action_steps: p.action_steps.clone(),
        phases: Vec::new(),
        outcome: None,
    }
}

fn goal(g: &Goal) -> Goal {
    Goal {
        statement: None,
        measure: None,
        strengths: Vec::new(),
        participant_words: None,
        objectives: g
            .objectives
            .iter()
            .map(|o| Objective {
                description: None,
                measure: None,
                ..o.clone()
            })
            .collect(),
        ..g.clone()
    }
}

fn encounter(e: &Encounter) -> Encounter {
    Encounter {
        objectives: Vec::new(),
        steps_done: Vec::new(),
        risks_observed: Vec::new(),
        next_visit: None,
        documented_at: None,
        late_entry: false,
        note: None,
        ..e.clone()
    }
}

fn risk(r: &RiskObservation) -> RiskObservation {
    RiskObservation {
        responses: Vec::new(),
        details: None,
        ..r.clone()
    }
}
