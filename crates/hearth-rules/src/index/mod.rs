//! The case index: what many rules read about one case file, built once per case file
//! (and evaluation date) before any rule runs, instead of once per rule.
//!
//! - every record with an id and every reference, without paths (a path is looked up
//!   again, by the same walk in the same order, only for a reference or record that ends
//!   up in a finding);
//! - the records held, by kind and id, for reference checks;
//! - each enrollment's encounters inside its window, with their local dates, in one
//!   stable order (see `rules::visits::common`).
//!
//! The index borrows the case file; it is never shared between case files.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use hearth_model::walk::{self, Record, RecordKind, Reference, Unlocated};
use hearth_model::{CaseFile, Encounter, Enrollment};

use crate::calendar;

/// A hash set with a fast, non-cryptographic hasher (`foldhash`, hashbrown's default):
/// the keys are ids of one case file, never used across runs.
pub(crate) type FastSet<T> = HashSet<T, foldhash::fast::RandomState>;

/// A hash map with the same hasher as [`FastSet`].
pub(crate) type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// One encounter of an enrollment with its place in the list and its local date.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dated<'a> {
    /// Index in the enrollment's `encounters` list (for the JSON Pointer).
    pub index: usize,
    /// Local date of `started_at`.
    pub date: NaiveDate,
    /// The encounter.
    pub encounter: &'a Encounter,
}

/// What the rules read about one case file, built once ([`CaseIndex::new`]).
#[derive(Debug)]
pub struct CaseIndex<'a> {
    case: &'a CaseFile,
    pub(crate) records: Vec<Record<'a, Unlocated>>,
    pub(crate) references: Vec<Reference<'a, Unlocated>>,
    pub(crate) held: FastSet<(RecordKind, &'a str)>,
    /// Per enrollment (same order as the case file): its encounters dated inside
    /// `[entered_on, end]`, sorted by (local date, `started_at`, id, index).
    pub(crate) encounters: Vec<Vec<Dated<'a>>>,
}

impl<'a> CaseIndex<'a> {
    /// Indexes `case` as judged on `as_of`.
    pub fn new(case: &'a CaseFile, as_of: NaiveDate) -> CaseIndex<'a> {
        let records = walk::records_at(case, Unlocated);
        let references = walk::references_at(case, Unlocated);
        let held = records.iter().map(|r| (r.kind, r.id)).collect();
        let encounters = case
            .enrollments
            .iter()
            .map(|e| encounters_in_window(e, end_of(e, as_of)))
            .collect();
        CaseIndex {
            case,
            records,
            references,
            held,
            encounters,
        }
    }

    /// The dated encounters of `enrollment` (one of this case file's), in order.
    pub(crate) fn encounters_of(&self, enrollment: &Enrollment) -> Option<&[Dated<'a>]> {
        let i = self
            .case
            .enrollments
            .iter()
            .position(|e| std::ptr::eq(e, enrollment))?;
        self.encounters.get(i).map(Vec::as_slice)
    }
}

/// The last day an enrollment is judged for (as `CaseContext::end_of`).
fn end_of(enrollment: &Enrollment, as_of: NaiveDate) -> NaiveDate {
    match &enrollment.exit {
        Some(exit) if exit.exited_on <= as_of => exit.exited_on,
        _ => as_of,
    }
}

/// The encounters of `enrollment` dated inside `[entered_on, end]`, sorted by (local
/// date, `started_at`, id, index): the same order whatever the input order.
pub(crate) fn encounters_in_window(enrollment: &Enrollment, end: NaiveDate) -> Vec<Dated<'_>> {
    let mut dated: Vec<Dated<'_>> = enrollment
        .encounters
        .iter()
        .enumerate()
        .map(|(index, encounter)| Dated {
            index,
            date: calendar::local_date(&encounter.started_at),
            encounter,
        })
        .filter(|d| d.date >= enrollment.entered_on && d.date <= end)
        .collect();
    dated.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.encounter.started_at.cmp(&b.encounter.started_at))
            .then_with(|| a.encounter.id.cmp(&b.encounter.id))
            .then_with(|| a.index.cmp(&b.index))
    });
    dated
}
