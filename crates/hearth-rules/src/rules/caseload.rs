//! Rules of the caseload area (`LOAD…`): the whole caseload and its staff roster.

use crate::rule::Rule;

mod caseload_ratio;

pub use caseload_ratio::CaseloadRatio;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[&CaseloadRatio];
