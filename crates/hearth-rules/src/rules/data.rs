//! Rules of the data-integrity area (`DATA…`): records that contradict themselves or
//! each other. A date that ends before it starts, two records with one id, a reference
//! to a record, staff member or catalog entry that is not there, a supervisor chain
//! that loops.
//!
//! These rules enforce no requirement of the standards (they cite no `R-…` id, like the
//! waiver rules). They guard every other rule, which reads the records as true, so they
//! are on in every built-in policy. Each reports the broken record where it is, and the
//! other rules still run: a rule that cannot use a broken record skips it or reports it
//! as not evaluated, in its own terms.
//!
//! What a record and a reference are is listed once, in `common`, so the rules agree.

use crate::rule::Rule;

mod common;
mod duplicate_caseload_id;
mod duplicate_id;
mod end_before_start;
mod supervisor_cycle;
mod unknown_catalog_id;
mod unknown_reference;
mod unknown_staff;

pub use duplicate_caseload_id::DuplicateCaseloadId;
pub use duplicate_id::DuplicateId;
pub use end_before_start::EndBeforeStart;
pub use supervisor_cycle::SupervisorCycle;
pub use unknown_catalog_id::UnknownCatalogId;
pub use unknown_reference::UnknownReference;
pub use unknown_staff::UnknownStaff;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &EndBeforeStart,
    &DuplicateId,
    &UnknownReference,
    &UnknownCatalogId,
    &DuplicateCaseloadId,
    &UnknownStaff,
    &SupervisorCycle,
];
