//! Every rule, one module per rule, grouped by area.
//!
//! Each rule's documentation has the same sections (what it checks, why, an example that
//! fails, an example that passes); `hearth explain CODE` prints it.

use std::sync::OnceLock;

use crate::rule::Rule;

pub mod assessment;
pub mod caseload;
pub mod consent;
pub mod data;
pub mod exit;
pub mod plan;
pub mod rights;
pub mod risk;
pub mod termination;
pub mod visits;
pub mod waiver;

/// Every rule, by area, in code order.
pub(crate) fn all() -> &'static [&'static dyn Rule] {
    static ALL: OnceLock<Vec<&'static dyn Rule>> = OnceLock::new();
    ALL.get_or_init(|| {
        let areas: [&[&'static dyn Rule]; 11] = [
            plan::RULES,
            visits::RULES,
            assessment::RULES,
            consent::RULES,
            rights::RULES,
            risk::RULES,
            termination::RULES,
            exit::RULES,
            caseload::RULES,
            waiver::RULES,
            data::RULES,
        ];
        areas
            .iter()
            .flat_map(|rules| rules.iter().copied())
            .collect()
    })
}
