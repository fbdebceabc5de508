//! Rules of the care-plan area (`PLAN…`): goals, reviews, plan contents, stages.

use crate::rule::Rule;

mod common;
mod goal_not_smart;
mod goal_progress_not_discussed;
mod goal_without_long_term_goal;
mod housing_conditioned_on_services;
mod incomplete_care_plan;
mod no_housing_goal;
mod plan_review_overdue;
mod stage_skipped;
mod stalled_goal_without_supervisor;
mod too_many_active_goals;

pub use goal_not_smart::GoalNotSmart;
pub use goal_progress_not_discussed::GoalProgressNotDiscussed;
pub use goal_without_long_term_goal::GoalWithoutLongTermGoal;
pub use housing_conditioned_on_services::HousingConditionedOnServices;
pub use incomplete_care_plan::IncompleteCarePlan;
pub use no_housing_goal::NoHousingGoal;
pub use plan_review_overdue::PlanReviewOverdue;
pub use stage_skipped::StageSkipped;
pub use stalled_goal_without_supervisor::StalledGoalWithoutSupervisor;
pub use too_many_active_goals::TooManyActiveGoals;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &TooManyActiveGoals,
    &GoalNotSmart,
    &GoalWithoutLongTermGoal,
    &NoHousingGoal,
    &PlanReviewOverdue,
    &IncompleteCarePlan,
    &GoalProgressNotDiscussed,
    &StalledGoalWithoutSupervisor,
    &HousingConditionedOnServices,
    &StageSkipped,
];
