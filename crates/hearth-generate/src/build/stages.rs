//! Stages (ICM).

use chrono::NaiveDate;
use hearth_model::calendar::add_days;
use hearth_model::{Stage, StageChange};

use crate::{Problem, Program};

use super::Builder;

impl Builder<'_> {
    pub(super) fn add_stages(&mut self) {
        if self.program != Program::IcmRrh {
            return;
        }
        let skip = self.has(Problem::StageSkipped);
        let mut changes = vec![(self.entered, Stage::HousingSupports)];
        let isp = add_days(self.entered, self.dice.range(30, 75));
        changes.push((isp, Stage::IndividualizedServicePlanning));
        let aware = add_days(isp, self.dice.range(60, 120));
        if !skip {
            changes.push((aware, Stage::SelfAwareness));
        }
        let manage = add_days(aware, self.dice.range(75, 150));
        changes.push((manage, Stage::SelfManagement));
        let mut last = manage;
        if !skip && self.dice.percent(20) {
            // A relapse: one step back, then forward again (allowed, R-PLAN-9).
            let back = add_days(manage, self.dice.range(30, 60));
            let again = add_days(back, self.dice.range(30, 60));
            changes.push((back, Stage::SelfAwareness));
            changes.push((again, Stage::SelfManagement));
            last = again;
        }
        changes.push((
            add_days(last, self.dice.range(90, 180)),
            Stage::RebuiltReframed,
        ));
        if skip && manage > self.end {
            // Make sure the skipped step shows within the enrollment.
            if let Some(change) = changes
                .iter_mut()
                .find(|(_, s)| *s == Stage::SelfManagement)
            {
                change.0 = add_days(isp, 30).min(self.end);
            }
        }
        self.stages = changes
            .into_iter()
            .filter(|(on, _)| *on <= self.end)
            .map(|(entered_on, stage)| StageChange { stage, entered_on })
            .collect();
    }

    pub(super) fn stage_on(&self, day: NaiveDate) -> Stage {
        self.stages
            .iter()
            .filter(|c| c.entered_on <= day)
            .max_by_key(|c| c.entered_on)
            .map_or(Stage::HousingSupports, |c| c.stage)
    }
}
