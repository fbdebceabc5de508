//! Rules of the care-plan area (`PLAN…`): goals, reviews, plan contents, stages.

use crate::rule::Rule;

mod too_many_active_goals;

pub use too_many_active_goals::TooManyActiveGoals;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[&TooManyActiveGoals];
