//! Rules of the exit area (`EXIT…`): discharge planning for planned exits.

use crate::rule::Rule;

mod planned_exit_incomplete;

pub use planned_exit_incomplete::PlannedExitIncomplete;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[&PlannedExitIncomplete];
