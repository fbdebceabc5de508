//! Encounters: the schedule of slots, before their details are filled in.

use chrono::NaiveDate;
use hearth_model::calendar::{
    add_days, add_months, days_between, is_weekday, month_end, month_start, weekday_on_or_after,
    weekday_on_or_before,
};
use hearth_model::{
    ContactMode, EncounterKind, EncounterStatus, Location, PartyId, StepDone, StepId,
};

use crate::{Problem, Program};

use super::helpers::collateral_step;
use super::{
    Builder, Outcome, Slot, BEHAVIORAL, BENEFITS, CLINIC, HOUSING_AUTHORITY, LANDLORD, PANTRY,
};

impl Builder<'_> {
    /// The monthly pattern of contacts, most important first.
    pub(super) fn pattern(&self) -> &'static [(EncounterKind, ContactMode, Option<Location>)] {
        use ContactMode::{InPerson, Phone};
        use EncounterKind::{Collateral, Visit};
        match self.program {
            Program::IcmsHigh => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, InPerson, Some(Location::Home)),
                (Visit, Phone, None),
                (Collateral, Phone, None),
            ],
            Program::IcmsLow => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, Phone, None),
                (Collateral, Phone, None),
            ],
            Program::Rrh => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, InPerson, Some(Location::Office)),
                (Visit, Phone, None),
            ],
            Program::StlCoc => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, InPerson, Some(Location::Office)),
                (Visit, Phone, None),
                (Collateral, Phone, None),
            ],
            Program::CtPsh | Program::IcmRrh => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, InPerson, Some(Location::Home)),
                (Visit, Phone, None),
            ],
        }
    }

    /// The last day regular contacts are scheduled on (the exit day has its own visit).
    pub(super) fn last_regular_day(&self) -> NaiveDate {
        match self.exit_on {
            Some(exit) => add_days(exit, -1),
            None => self.as_of,
        }
    }

    pub(super) fn add_slots(&mut self) {
        let mut slots = vec![
            Slot::new(
                self.entered,
                EncounterKind::FirstInterview,
                ContactMode::InPerson,
            )
            .at(Location::Office),
            Slot::new(self.plan_on, EncounterKind::Visit, ContactMode::InPerson)
                .at(Location::Office),
        ];
        if self.program == Program::IcmRrh {
            self.cadence_slots(&mut slots);
        } else {
            self.monthly_slots(&mut slots);
        }
        self.extra_slots(&mut slots);
        for slot in &mut slots {
            slot.minute = 9 * 60 + 15 * u32::try_from(self.dice.below(29)).unwrap_or(0);
        }
        slots.sort_by_key(|s| (s.date, s.minute));
        self.slots = slots;
        self.shape_slots();
    }

    pub(super) fn monthly_slots(&mut self, slots: &mut Vec<Slot>) {
        let pattern = self.pattern();
        let first = add_days(self.plan_on, 1);
        let last = self.last_regular_day();
        let mut month = month_start(first);
        while month <= last {
            let lo = month.max(first);
            let hi = month_end(month).min(last);
            let days_in_month = days_between(month, month_end(month)) + 1;
            let inside = days_between(lo, hi) + 1;
            if inside > 0 {
                let len = i64::try_from(pattern.len()).unwrap_or(0);
                let take = (len * inside + days_in_month - 1) / days_in_month.max(1);
                let mut entries: Vec<_> = pattern
                    .iter()
                    .take(usize::try_from(take).unwrap_or(0))
                    .copied()
                    .collect();
                if self.program == Program::Rrh && self.dice.percent(50) {
                    entries.push((EncounterKind::Collateral, ContactMode::Phone, None));
                }
                if self.program == Program::CtPsh && self.dice.percent(30) {
                    entries.push((EncounterKind::Collateral, ContactMode::Phone, None));
                }
                let days = self.weekdays(lo, hi, entries.len());
                // Pair the sorted days with the entries in a shuffled order.
                let mut order: Vec<usize> = (0..days.len()).collect();
                for i in (1..order.len()).rev() {
                    let j = self.dice.index(i + 1);
                    order.swap(i, j);
                }
                for (day, &which) in days.iter().zip(order.iter()) {
                    if let Some(&(kind, mode, location)) = entries.get(which) {
                        let mut slot = Slot::new(*day, kind, mode);
                        slot.location = location;
                        slots.push(slot);
                    }
                }
            }
            let next = add_months(month, 1);
            if next <= month {
                break;
            }
            month = next;
        }
    }

    /// `count` distinct weekdays in `lo..=hi`, sorted, spread over the window: one in
    /// each of `count` equal parts (fewer when a part has no weekday), as a case manager
    /// spreads a month's visits.
    pub(super) fn weekdays(
        &mut self,
        lo: NaiveDate,
        hi: NaiveDate,
        count: usize,
    ) -> Vec<NaiveDate> {
        let len = days_between(lo, hi) + 1;
        let parts = i64::try_from(count).unwrap_or(0);
        let mut chosen = Vec::with_capacity(count);
        if len <= 0 || parts <= 0 {
            return chosen;
        }
        for part in 0..parts {
            let from = add_days(lo, len * part / parts);
            let to = add_days(lo, len * (part + 1) / parts - 1);
            let mut days = Vec::new();
            let mut day = from;
            while day <= to {
                if is_weekday(day) {
                    days.push(day);
                }
                let next = add_days(day, 1);
                if next <= day {
                    break;
                }
                day = next;
            }
            if let Some(&day) = days.get(self.dice.index(days.len())) {
                if chosen.last().is_none_or(|last| *last < day) {
                    chosen.push(day);
                }
            }
        }
        chosen
    }

    pub(super) fn cadence_slots(&mut self, slots: &mut Vec<Slot>) {
        let last = self.last_regular_day();
        let gap_from = self
            .has(Problem::ContactGap)
            .then(|| self.day_between(add_days(self.plan_on, 20), add_days(self.end, -60)));
        let mut gap_done = false;
        let mut day = self.plan_on;
        loop {
            let early = self.stage_on(day).ordinal() <= 2;
            let max = if early { 7 } else { 28 };
            let mut gap = if early {
                self.dice.range(4, 7)
            } else {
                self.dice.range(10, 21)
            };
            let long = !gap_done && gap_from.is_some_and(|from| day >= from);
            if long {
                gap = max + self.dice.range(3, 8);
                gap_done = true;
            }
            let mut next = add_days(day, gap);
            if !is_weekday(next) {
                let before = weekday_on_or_before(next);
                next = if before > day && !long {
                    before
                } else {
                    weekday_on_or_after(next)
                };
            }
            if next > last || next <= day {
                break;
            }
            let in_person = self.dice.percent(if early { 80 } else { 60 });
            let slot = if in_person {
                let location = self.dice.pick(
                    &[
                        Location::Home,
                        Location::Home,
                        Location::Office,
                        Location::Community,
                    ],
                    Location::Home,
                );
                Slot::new(next, EncounterKind::Visit, ContactMode::InPerson).at(location)
            } else {
                Slot::new(next, EncounterKind::Visit, ContactMode::Phone)
            };
            slots.push(slot);
            day = next;
        }
        // A collateral contact about once a month.
        let mut month = month_start(self.plan_on);
        while month <= last {
            let lo = month.max(add_days(self.plan_on, 1));
            let hi = month_end(month).min(last);
            if lo <= hi && self.dice.percent(85) {
                let day = self.day_between(lo, hi);
                slots.push(Slot::new(
                    day,
                    EncounterKind::Collateral,
                    ContactMode::Phone,
                ));
            }
            let next = add_months(month, 1);
            if next <= month {
                break;
            }
            month = next;
        }
    }

    /// No-shows, crisis calls, the due-process meetings and the exit-day visit.
    pub(super) fn extra_slots(&mut self, slots: &mut Vec<Slot>) {
        let last = self.last_regular_day();
        let mut month = month_start(self.plan_on);
        while month <= last {
            let lo = month.max(add_days(self.plan_on, 1));
            let hi = month_end(month).min(last);
            if lo <= hi && self.dice.percent(12) {
                let day = self.day_between(lo, hi);
                let mut slot =
                    Slot::new(day, EncounterKind::Visit, ContactMode::InPerson).at(Location::Home);
                slot.status = EncounterStatus::NoShow;
                slots.push(slot);
            }
            let next = add_months(month, 1);
            if next <= month {
                break;
            }
            month = next;
        }
        if let Some(day) = self.crisis_on {
            slots.push(Slot::new(day, EncounterKind::Crisis, ContactMode::Phone));
        }
        if let Some(t) = &self.termination {
            if !self
                .problems
                .contains(&Problem::TerminationWithoutConference)
            {
                slots.push(
                    Slot::new(
                        t.conference,
                        EncounterKind::CaseConference,
                        ContactMode::InPerson,
                    )
                    .at(Location::Office),
                );
            }
        }
        if let Some(day) = self.discharge_on {
            slots.push(
                Slot::new(day, EncounterKind::DischargeMeeting, ContactMode::InPerson)
                    .at(Location::Office),
            );
        }
        if let Some(exit) = self.exit_on {
            let mut slot =
                Slot::new(exit, EncounterKind::Visit, ContactMode::InPerson).at(Location::Office);
            slot.last = true;
            slots.push(slot);
            let follow = add_days(exit, 30);
            if self.outcome == Outcome::PositiveExit && follow <= self.as_of {
                slots.push(Slot::new(
                    weekday_on_or_after(follow),
                    EncounterKind::FollowUp,
                    ContactMode::Phone,
                ));
            }
        }
    }

    /// Applies the choices that depend on the whole schedule: collateral parties, home
    /// visits moved to the office while violence is reported, and missed visits.
    pub(super) fn shape_slots(&mut self) {
        for i in 0..self.slots.len() {
            let Some(slot) = self.slots.get(i) else {
                continue;
            };
            if slot.kind != EncounterKind::Collateral {
                continue;
            }
            let day = slot.date;
            let party = self.collateral_party(day);
            let step = collateral_step(&party);
            if let Some(slot) = self.slots.get_mut(i) {
                slot.steps.extend(step.map(|s| StepDone {
                    step: StepId::new(s),
                    action_step: None,
                    party: Some(party.clone()),
                }));
                slot.party = Some(party);
            }
        }
        if let Some((from, until)) = self.violence {
            for slot in &mut self.slots {
                if slot.date >= from && slot.date < until && slot.location == Some(Location::Home) {
                    slot.location = Some(Location::Office);
                }
            }
        }
        if self.has(Problem::MissedMonthlyVisits) && !self.miss_visits() {
            self.problems.remove(&Problem::MissedMonthlyVisits);
        }
    }

    /// Makes a past month fall short of the ICMS minimum of in-person visits: its
    /// scheduled home visits become no-shows. False when no month can (every month's
    /// other in-person contacts, such as a discharge meeting, already meet it).
    pub(super) fn miss_visits(&mut self) -> bool {
        let minimum = if self.program == Program::IcmsHigh {
            2
        } else {
            1
        };
        let mut months = self.full_past_months();
        while !months.is_empty() {
            let k = self.dice.index(months.len());
            let month = months.swap_remove(k.min(months.len().saturating_sub(1)));
            let in_month = |s: &Slot| month_start(s.date) == month;
            let others = self
                .slots
                .iter()
                .filter(|s| in_month(s) && s.is_contact() && s.mode == ContactMode::InPerson)
                .filter(|s| !s.is_in_person_visit())
                .count();
            if others >= minimum {
                continue;
            }
            let visits: Vec<usize> = self
                .slots
                .iter()
                .enumerate()
                .filter(|(_, s)| in_month(s) && s.is_in_person_visit())
                .map(|(i, _)| i)
                .collect();
            let keep = (minimum - 1).saturating_sub(others);
            if visits.len() <= keep {
                continue;
            }
            for &i in visits.iter().skip(keep) {
                if let Some(slot) = self.slots.get_mut(i) {
                    slot.status = EncounterStatus::NoShow;
                }
            }
            return true;
        }
        false
    }

    /// The party of a collateral contact on `day`: one the participant has a release for,
    /// else the food pantry (nothing personal is shared with it).
    pub(super) fn collateral_party(&mut self, day: NaiveDate) -> PartyId {
        let mut candidates = vec![LANDLORD, CLINIC, BENEFITS];
        if self.behavioral {
            candidates.push(BEHAVIORAL);
        }
        if matches!(
            self.program,
            Program::IcmsHigh | Program::IcmsLow | Program::StlCoc | Program::CtPsh
        ) {
            candidates.push(HOUSING_AUTHORITY);
        }
        let party = self.dice.pick(&candidates, PANTRY);
        if self.release_for(party, day).is_some() {
            PartyId::new(party)
        } else {
            PartyId::new(PANTRY)
        }
    }
}
