//! Rules of the visits area.

use crate::rule::Rule;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[];
