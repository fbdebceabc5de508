//! The care plan and its reviews.

use hearth_model::calendar::{add_days, add_months, weekday_on_or_after, weekday_on_or_before};
use hearth_model::{
    CarePlan, ContactMode, ContactSchedule, CtiPhase, Goal, GoalArea, GoalAuthor, GoalId,
    GoalStatus, LongTermGoal, LongTermGoalId, Objective, ObjectiveId, PartyId, PlanOutcome,
    PlanPhase, PlanReview, PlannedService, RecordId, Signature, Signer, Skill, Support,
    SupportKind, Task, TaskId, TaskOwner,
};

use crate::names;
use crate::{Problem, Program};

use super::helpers::text;
use super::{Builder, CLINIC, HOUSING_AUTHORITY};

impl Builder<'_> {
    pub(super) fn care_plan(&mut self) -> CarePlan {
        let created = self.plan_on;
        let mut long_term_goals = Vec::new();
        let mut goals = Vec::new();
        let specs = self.goals.clone();
        for (n, spec) in specs.iter().enumerate() {
            let area_for_ltg = spec.area;
            long_term_goals.push(LongTermGoal {
                id: spec
                    .long_term_goal
                    .clone()
                    .unwrap_or_else(|| LongTermGoalId::new("LTG1")),
                statement: Some(text(
                    self.dice.pick(names::GOAL_PHRASES, "Keep my apartment."),
                )),
                area: Some(area_for_ltg),
            });
            let status = match spec.closed_on {
                Some(_) => GoalStatus::Achieved,
                None => GoalStatus::Active,
            };
            let target = add_months(spec.set_on, self.dice.range(4, 9));
            let mut goal = Goal {
                id: spec.id.clone(),
                area: spec.area,
                status,
                set_on: spec.set_on,
                closed_on: spec.closed_on,
                statement: Some(text(
                    self.dice.pick(names::GOAL_PHRASES, "Keep my apartment."),
                )),
                measure: Some(text(self.dice.pick(names::MEASURES, "Rent ledger at zero"))),
                target_date: Some(if spec.area == GoalArea::Housing {
                    add_months(spec.set_on, 12)
                } else {
                    target
                }),
                strengths: vec![
                    text(self.dice.pick(names::STRENGTHS, "Motivated")),
                    text(self.dice.pick(names::STRENGTHS, "Motivated")),
                ],
                participant_words: Some(text(
                    self.dice.pick(names::OWN_WORDS, "I want to stay here."),
                )),
                participant_priority: u8::try_from(n + 1).ok(),
                set_by: Some(if self.dice.percent(50) {
                    GoalAuthor::Jointly
                } else {
                    GoalAuthor::Participant
                }),
                long_term_goal: spec.long_term_goal.clone(),
                objectives: vec![Objective {
                    id: ObjectiveId::new(format!("{}-O1", spec.id.as_str())),
                    description: Some(text(self.dice.pick(names::TASKS, "Keep the hallway clear"))),
                    measure: Some(text("Done and checked at a visit")),
                    target_date: Some(add_months(spec.set_on, 2)),
                    met_on: Some(add_days(spec.set_on, self.dice.range(20, 55)))
                        .filter(|d| *d <= self.end.min(self.as_of)),
                }],
            };
            if n == 1 && self.has(Problem::GoalNotSmart) {
                if self.index.is_multiple_of(2) {
                    goal.measure = None;
                } else {
                    goal.target_date = None;
                }
            }
            if n == 1 && self.has(Problem::GoalWithoutLongTermGoal) {
                goal.long_term_goal = None;
            }
            if n == 0 && self.has(Problem::NoHousingGoal) {
                goal.area = GoalArea::MoneyManagement;
            }
            goals.push(goal);
        }
        let first_goal = GoalId::new("G1");
        let second_goal = specs
            .get(1)
            .map_or_else(|| first_goal.clone(), |g| g.id.clone());
        let tasks = vec![
            Task {
                id: TaskId::new("T1"),
                owner: TaskOwner::CaseManager,
                party: None,
                goal: Some(first_goal.clone()),
                description: Some(text(
                    self.dice.pick(names::TASKS, "Call the property manager"),
                )),
                due_on: Some(add_days(created, 30)),
                done_on: Some(add_days(created, self.dice.range(5, 28))).filter(|d| *d <= self.end),
            },
            Task {
                id: TaskId::new("T2"),
                owner: TaskOwner::Participant,
                party: None,
                goal: Some(second_goal.clone()),
                description: Some(text(
                    self.dice.pick(names::TASKS, "Bring the income letter"),
                )),
                due_on: Some(add_days(created, 21)),
                done_on: Some(add_days(created, self.dice.range(5, 20))).filter(|d| *d <= self.end),
            },
        ];
        let services = vec![
            PlannedService {
                id: RecordId::new("SV1"),
                description: Some(text("Rental subsidy")),
                provider: Some(PartyId::new(HOUSING_AUTHORITY)),
                goal: Some(first_goal.clone()),
                starts_on: Some(self.entered),
                ends_on: None,
            },
            PlannedService {
                id: RecordId::new("SV2"),
                description: Some(text(self.dice.pick(names::SERVICES, "Primary care"))),
                provider: Some(PartyId::new(CLINIC)),
                goal: Some(second_goal.clone()),
                starts_on: Some(created),
                ends_on: None,
            },
        ];
        let supports = vec![
            Support {
                id: RecordId::new("SUP1"),
                kind: SupportKind::Formal,
                party: Some(PartyId::new(CLINIC)),
                description: Some(text("Clinic nurse")),
            },
            Support {
                id: RecordId::new("SUP2"),
                kind: SupportKind::Informal,
                party: None,
                description: Some(text("A neighbour who checks in")),
            },
        ];
        let skills = vec![Skill {
            id: RecordId::new("SK1"),
            description: Some(text(
                self.dice.pick(names::SKILLS, "Keeping a monthly budget"),
            )),
            goal: Some(first_goal),
        }];
        let every_days = if self.program == Program::IcmsLow {
            30
        } else {
            14
        };
        let mut signatures = vec![
            Signature {
                signer: Signer::CaseManager,
                staff: Some(self.cm.clone()),
                party: None,
                signed_on: created,
            },
            Signature {
                signer: Signer::Participant,
                staff: None,
                party: None,
                signed_on: created,
            },
        ];
        let mut breach_terms = Some(text(
            "If a visit is missed the case manager calls and offers another time; housing never depends on taking part.",
        ));
        if self.has(Problem::IncompleteCarePlan) {
            if self.index.is_multiple_of(2) {
                breach_terms = None;
            } else {
                signatures.retain(|s| s.signer != Signer::Participant);
            }
        }
        let (phases, outcome) = self.phases();
        CarePlan {
            created_on: created,
            long_term_goals,
            goals,
            tasks,
            services,
            supports,
            skills,
            contact_schedule: Some(ContactSchedule {
                every_days,
                mode: Some(ContactMode::InPerson),
                with_parties: Vec::new(),
                agreed_on: Some(created),
            }),
            breach_terms,
            signatures,
            reviews: self.reviews(),
            action_steps: std::mem::take(&mut self.action_steps),
            phases,
            outcome,
        }
    }

    pub(super) fn reviews(&mut self) -> Vec<PlanReview> {
        let long_from = self
            .has(Problem::PlanReviewOverdue)
            .then(|| self.day_between(add_days(self.plan_on, 30), add_days(self.end, -70)));
        let mut long_done = false;
        let mut reviews = Vec::new();
        let mut last = self.plan_on;
        loop {
            let long = !long_done && long_from.is_some_and(|from| last >= from);
            let gap = if long {
                self.dice.range(36, 50)
            } else {
                self.dice.range(24, 30)
            };
            long_done |= long;
            let candidate = add_days(last, gap);
            let day = if long {
                weekday_on_or_after(candidate)
            } else {
                let before = weekday_on_or_before(candidate);
                if before > last {
                    before
                } else {
                    candidate
                }
            };
            if day > self.end || day <= last {
                break;
            }
            let n = reviews.len();
            let supervised = n % 4 == 3
                && !self.stall.is_some_and(|(from, until)| {
                    day >= add_days(from, -40) && day <= add_days(until, 40)
                });
            reviews.push(PlanReview {
                reviewed_on: day,
                reviewed_by: Some(self.cm.clone()),
                with_participant: Some(true),
                supervisor_involved: Some(supervised),
                summary: Some(text(if supervised {
                    "Reviewed with the supervisor; goals kept."
                } else {
                    "Reviewed progress; no changes."
                })),
            });
            last = day;
        }
        reviews
    }

    pub(super) fn phases(&self) -> (Vec<PlanPhase>, Option<PlanOutcome>) {
        if self.program != Program::CtPsh {
            return (Vec::new(), None);
        }
        let try_out = add_months(self.entered, 3);
        let transfer = add_months(self.entered, 6);
        let mut phases = vec![PlanPhase {
            phase: CtiPhase::Transition,
            started_on: self.entered,
            ended_on: Some(try_out).filter(|d| *d <= self.end),
        }];
        if try_out <= self.end {
            phases.push(PlanPhase {
                phase: CtiPhase::TryOut,
                started_on: try_out,
                ended_on: Some(transfer).filter(|d| *d <= self.end),
            });
        }
        if transfer <= self.end {
            phases.push(PlanPhase {
                phase: CtiPhase::TransferOfCare,
                started_on: transfer,
                ended_on: self.exit_on,
            });
        }
        let outcome = if self.exit_on.is_some() {
            PlanOutcome::MoveOnMoreIndependence
        } else {
            PlanOutcome::Retain
        };
        (phases, Some(outcome))
    }
}
