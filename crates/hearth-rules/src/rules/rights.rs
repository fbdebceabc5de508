//! Rules of the rights area (`RIGHTS…`): client rights explained at intake.

use crate::rule::Rule;

mod rights_not_explained;

pub use rights_not_explained::RightsNotExplained;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[&RightsNotExplained];
