//! Calendar arithmetic that never panics: the shared implementation in
//! [`hearth_model::calendar`], re-exported here so that the rules and the generator
//! count days and months alike.
//!
//! Conventions used by every rule (and stated in each rule's docs):
//! - A **day count** between two dates is `later - earlier` in days: an interview on
//!   the 10th after a contact on the 1st is 9 days after it. "Within N days" means a
//!   count of at most N.
//! - A **calendar month** runs from its 1st to its last day, in the local date of each
//!   record (an encounter's date is the date in its own recorded UTC offset).
//! - Arithmetic that would leave chrono's range saturates at its ends instead of failing.

pub use hearth_model::calendar::*;
