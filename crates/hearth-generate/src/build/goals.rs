//! Goals on the care plan's timeline.

use chrono::NaiveDate;
use hearth_model::calendar::add_days;
use hearth_model::{GoalArea, GoalId, LongTermGoalId};

use crate::Problem;

use super::{Builder, GoalSpec};

impl Builder<'_> {
    pub(super) fn add_goals(&mut self) {
        const AREAS: [GoalArea; 8] = [
            GoalArea::Income,
            GoalArea::PhysicalHealth,
            GoalArea::MentalHealth,
            GoalArea::SocialConnection,
            GoalArea::Employment,
            GoalArea::MoneyManagement,
            GoalArea::DailyLiving,
            GoalArea::Education,
        ];
        let start = self.plan_on;
        let mut goals = vec![GoalSpec {
            id: GoalId::new("G1"),
            area: GoalArea::Housing,
            set_on: start,
            closed_on: None,
            long_term_goal: Some(LongTermGoalId::new("LTG1")),
        }];
        let mut areas: Vec<GoalArea> = AREAS.to_vec();
        let initial = if self.has(Problem::TooManyActiveGoals) || self.dice.percent(60) {
            2
        } else {
            1
        };
        for _ in 0..initial {
            let area = self.take_area(&mut areas);
            goals.push(self.goal_spec(goals.len(), area, start));
        }
        // Every few months a goal is achieved and the participant chooses a new one.
        let visit_days: Vec<NaiveDate> = self
            .slots
            .iter()
            .filter(|s| s.is_visit_contact() && !s.last)
            .map(|s| s.date)
            .collect();
        let mut next = add_days(start, self.dice.range(150, 240));
        while next < add_days(self.end, -30) {
            let Some(&day) = visit_days.iter().find(|d| **d >= next) else {
                break;
            };
            if let Some(old) = goals
                .iter_mut()
                .find(|g| g.area != GoalArea::Housing && g.closed_on.is_none())
            {
                old.closed_on = Some(day);
            }
            let area = self.take_area(&mut areas);
            goals.push(self.goal_spec(goals.len(), area, day));
            next = add_days(day, self.dice.range(150, 240));
        }
        if self.has(Problem::TooManyActiveGoals) {
            let day = visit_days
                .iter()
                .rev()
                .copied()
                .find(|d| *d > add_days(start, 14))
                .unwrap_or(start);
            let open = goals.iter().filter(|g| g.closed_on.is_none()).count();
            for _ in open..4 {
                let area = self.take_area(&mut areas);
                goals.push(self.goal_spec(goals.len(), area, day));
            }
        }
        self.goals = goals;
    }

    pub(super) fn take_area(&mut self, areas: &mut Vec<GoalArea>) -> GoalArea {
        if areas.is_empty() {
            return GoalArea::Other;
        }
        let i = self.dice.index(areas.len());
        areas.swap_remove(i.min(areas.len().saturating_sub(1)))
    }

    pub(super) fn goal_spec(&self, n: usize, area: GoalArea, set_on: NaiveDate) -> GoalSpec {
        GoalSpec {
            id: GoalId::new(format!("G{}", n + 1)),
            area,
            set_on,
            closed_on: None,
            long_term_goal: Some(LongTermGoalId::new(format!("LTG{}", n + 1))),
        }
    }
}
