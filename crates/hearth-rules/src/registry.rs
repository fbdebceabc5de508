//! The one registry of rules. Codes are never reused: a retired rule's code stays listed
//! in [`RETIRED`] so nobody gives it to a new rule.

use crate::rule::Rule;
use crate::rules;

/// Codes of rules that were removed. Never give these to a new rule.
pub const RETIRED: &[&str] = &[];

/// Every rule, grouped by area, in code order within each area.
pub fn all() -> &'static [&'static dyn Rule] {
    rules::all()
}

/// The codes of every rule.
pub fn codes() -> impl Iterator<Item = &'static str> {
    all().iter().map(|r| r.meta().code)
}

/// The rule with code or kebab-case name `key` (codes are matched without regard to case).
pub fn find(key: &str) -> Option<&'static dyn Rule> {
    all()
        .iter()
        .copied()
        .find(|r| r.meta().code.eq_ignore_ascii_case(key) || r.meta().name == key)
}
