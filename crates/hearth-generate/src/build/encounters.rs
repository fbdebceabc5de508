//! Encounters: the records, filled in from the slots.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use hearth_model::calendar::{add_days, days_between, weekday_on_or_after};
use hearth_model::{
    ContactMode, Encounter, EncounterId, EncounterKind, EncounterObjective, EncounterStatus,
    GoalArea, GoalProgress, Location, NextVisit, Progress, StepDone,
};

use crate::dice::Dice;
use crate::names;
use crate::{Problem, Program};

use super::helpers::{documented, step, text};
use super::{Builder, GoalSpec, Slot};

impl Builder<'_> {
    pub(super) fn fill_encounters(&mut self) -> Vec<Encounter> {
        let ids: Vec<EncounterId> = (1..=self.slots.len())
            .map(|n| EncounterId::new(format!("E{n:04}")))
            .collect();
        let starts: Vec<DateTime<FixedOffset>> = self
            .slots
            .iter()
            .map(|s| self.zone.at(s.date, s.minute))
            .collect();
        let eligible = |s: &Slot| s.is_visit_contact() && !s.last && s.date > self.plan_on;
        let pick = |dice: &mut Dice,
                    slots: &[Slot],
                    on: bool,
                    extra: &dyn Fn(&Slot) -> bool|
         -> Option<usize> {
            if !on {
                return None;
            }
            let list: Vec<usize> = slots
                .iter()
                .enumerate()
                .filter(|(_, s)| eligible(s) && extra(s))
                .map(|(i, _)| i)
                .collect();
            list.get(dice.index(list.len())).copied()
        };
        let stl = self.program == Program::StlCoc;
        let as_of = self.as_of;
        let mut dice = self.dice.clone();
        let no_next = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::NoNextVisit),
            &|_| true,
        );
        let no_objective = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::VisitWithoutObjective),
            &|_| true,
        );
        let no_progress = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::GoalProgressNotDiscussed),
            &|_| true,
        );
        let late = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::LateDocumentation),
            &|s| days_between(s.date, as_of) >= 5,
        );
        let no_minutes = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::IncompleteCaseNote),
            &|_| true,
        );
        let unannounced = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::UnannouncedHomeVisit),
            &|s| s.location == Some(Location::Home) && s.mode == ContactMode::InPerson,
        );
        self.dice = dice;
        for (problem, chosen) in [
            (Problem::NoNextVisit, no_next),
            (Problem::VisitWithoutObjective, no_objective),
            (Problem::GoalProgressNotDiscussed, no_progress),
            (Problem::LateDocumentation, late),
            (Problem::IncompleteCaseNote, no_minutes),
            (Problem::UnannouncedHomeVisit, unannounced),
        ] {
            if chosen.is_none() {
                self.problems.remove(&problem);
            }
        }

        // Progress on each goal: "some" at least every 25 days, except in a stall.
        let mut last_some: BTreeMap<String, NaiveDate> = BTreeMap::new();
        let mut encounters = Vec::with_capacity(self.slots.len());
        for (i, slot) in self.slots.iter().enumerate() {
            let started_at = starts
                .get(i)
                .copied()
                .unwrap_or_else(|| self.zone.at(slot.date, slot.minute));
            let minutes = match (slot.kind, slot.mode, slot.status) {
                (_, _, EncounterStatus::NoShow) => self.dice.range(10, 20),
                (EncounterKind::CaseConference | EncounterKind::DischargeMeeting, _, _) => 60,
                (EncounterKind::FirstInterview, _, _) => 90,
                (EncounterKind::Collateral, _, _) => self.dice.range(10, 25),
                (_, ContactMode::InPerson, _) => self.dice.range(30, 90),
                _ => self.dice.range(10, 30),
            };
            let appointment = slot.is_contact()
                && matches!(slot.kind, EncounterKind::Visit | EncounterKind::FollowUp);
            let active: Vec<&GoalSpec> = self
                .goals
                .iter()
                .filter(|g| g.active_on(slot.date) || g.closed_on == Some(slot.date))
                .filter(|_| slot.date <= self.end)
                .collect();
            let mut goals_discussed = Vec::new();
            if appointment && Some(i) != no_objective && Some(i) != no_progress {
                for goal in &active {
                    let stalled = goal.area == GoalArea::Housing
                        && self
                            .stall
                            .is_some_and(|(from, until)| slot.date >= from && slot.date <= until);
                    let due = last_some
                        .get(goal.id.as_str())
                        .is_none_or(|d| days_between(*d, slot.date) >= 25);
                    let progress = if goal.closed_on == Some(slot.date) {
                        Progress::Achieved
                    } else if stalled {
                        Progress::None
                    } else if due || self.dice.percent(55) {
                        Progress::Some
                    } else {
                        Progress::None
                    };
                    if matches!(progress, Progress::Some | Progress::Achieved) {
                        last_some.insert(goal.id.as_str().to_owned(), slot.date);
                    }
                    goals_discussed.push(GoalProgress {
                        goal: goal.id.clone(),
                        progress,
                    });
                }
            }
            let objectives = if Some(i) == no_objective {
                vec![EncounterObjective {
                    goal: None,
                    action_step: None,
                    description: Some(text("Check-in")),
                }]
            } else {
                let goal = active
                    .get(self.dice.index(active.len()))
                    .map(|g| g.id.clone())
                    .filter(|_| appointment);
                let phrase = match slot.kind {
                    EncounterKind::FirstInterview => {
                        "First interview: program, rights and releases"
                    }
                    EncounterKind::Collateral => "Coordinate with the provider",
                    EncounterKind::CaseConference => "Case conference about program rules",
                    EncounterKind::DischargeMeeting => "Discharge planning",
                    EncounterKind::Crisis => "Respond to the crisis call",
                    _ => self
                        .dice
                        .pick(names::OBJECTIVES, "Review progress on the plan"),
                };
                vec![EncounterObjective {
                    goal,
                    action_step: None,
                    description: Some(text(phrase)),
                }]
            };
            let mut steps_done: Vec<StepDone> = Vec::new();
            match slot.kind {
                EncounterKind::FirstInterview => {
                    steps_done.push(step("outreach-and-engagement"));
                    steps_done.push(step("complete-hmis-assessment"));
                }
                EncounterKind::Visit if slot.is_contact() && slot.mode == ContactMode::InPerson => {
                    if matches!(self.program, Program::IcmsHigh | Program::IcmsLow) {
                        steps_done.push(step("health-and-safety-visit"));
                    }
                }
                _ => {}
            }
            steps_done.extend(slot.steps.iter().cloned());
            let schedules_next = slot.is_visit_contact() && !slot.last && Some(i) != no_next;
            let next_visit = if schedules_next {
                steps_done.push(step("schedule-next-visit"));
                let next = self
                    .slots
                    .iter()
                    .enumerate()
                    .skip(i + 1)
                    .find(|(_, s)| s.kind == EncounterKind::Visit);
                let planned = next.and_then(|(j, s)| {
                    let at = starts.get(j).copied()?;
                    (at > started_at).then_some(NextVisit {
                        scheduled_for: at,
                        mode: Some(s.mode),
                        location: s.location,
                    })
                });
                Some(planned.unwrap_or_else(|| {
                    NextVisit {
                        scheduled_for: self
                            .zone
                            .at(weekday_on_or_after(add_days(slot.date, 7)), 600),
                        mode: Some(ContactMode::InPerson),
                        location: Some(Location::Home),
                    }
                }))
            } else {
                None
            };
            let ended = started_at
                .checked_add_signed(TimeDelta::minutes(minutes))
                .unwrap_or(started_at);
            let (documented_at, late_entry) = documented(
                &mut self.dice,
                self.zone,
                self.as_of,
                ended,
                Some(i) == late,
                stl,
            );
            let present = slot.present;
            encounters.push(Encounter {
                id: ids.get(i).cloned().unwrap_or_else(|| EncounterId::new("E")),
                started_at,
                minutes: (Some(i) != no_minutes).then(|| u32::try_from(minutes).unwrap_or(30)),
                mode: slot.mode,
                location: slot.location,
                kind: slot.kind,
                status: slot.status,
                participant_present: present,
                announced: (slot.location == Some(Location::Home))
                    .then_some(Some(i) != unannounced),
                staff: if slot.kind == EncounterKind::CaseConference {
                    vec![self.cm.clone(), self.sup.clone()]
                } else {
                    vec![self.cm.clone()]
                },
                parties: slot.party.iter().cloned().collect(),
                objectives,
                goals_discussed,
                steps_done,
                risks_observed: slot.risks.clone(),
                next_visit,
                documented_at: Some(documented_at),
                late_entry,
                note: Some(text(if slot.kind == EncounterKind::Collateral {
                    self.dice
                        .pick(names::COLLATERAL_NOTES, "Call with the provider.")
                } else if slot.status == EncounterStatus::NoShow {
                    "Participant not home; left a card and rescheduled."
                } else {
                    self.dice.pick(names::NOTES, "Reviewed the plan together.")
                })),
                date_only: false,
                source: None,
            });
        }
        // Risk observations and crisis incidents name the encounter they came from.
        for risk in &mut self.risks {
            if let Some((i, _)) = self
                .slots
                .iter()
                .enumerate()
                .find(|(_, s)| s.risks.contains(&risk.id))
            {
                risk.encounter = ids.get(i).cloned();
            }
        }
        for incident in &mut self.incidents {
            if let Some((i, _)) = self
                .slots
                .iter()
                .enumerate()
                .find(|(_, s)| s.kind == EncounterKind::Crisis)
            {
                incident.encounter = ids.get(i).cloned();
            }
        }
        encounters
    }
}
