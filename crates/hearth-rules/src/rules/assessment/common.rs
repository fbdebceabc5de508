//! Helpers shared by the assessment rules: enumerated values as their kebab-case ids,
//! assessments in date order, and the day after a deadline.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use hearth_model::{Assessment, CaseFile, DocumentKind};
use serde::Serialize;

use crate::calendar::add_days;
use crate::path::Pointer;

/// The kebab-case id a document writes for an enumerated value (`income-verification`),
/// or `""` if the value does not serialise to a string.
pub(super) fn enum_id<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The document kind written as `id`, if there is one.
pub(super) fn document_kind(id: &str) -> Option<DocumentKind> {
    serde_json::from_value(serde_json::Value::String(id.to_owned())).ok()
}

/// The first day after a deadline: the day a lapse happens.
pub(super) fn day_after(deadline: NaiveDate) -> NaiveDate {
    add_days(deadline, 1)
}

/// Whether `id` is in the list of ids `ids`.
pub(super) fn listed(ids: &[String], id: &str) -> bool {
    ids.iter().any(|i| i == id)
}

/// The assessments for which `keep` holds and that had begun by `as_of`, with their
/// index in the case file, sorted by start date and then id (input order never matters).
pub(super) fn assessments_sorted(
    case: &CaseFile,
    as_of: NaiveDate,
    keep: impl Fn(&Assessment) -> bool,
) -> Vec<(usize, &Assessment)> {
    let mut found: Vec<(usize, &Assessment)> = case
        .assessments
        .iter()
        .enumerate()
        .filter(|(_, a)| a.started_on <= as_of && keep(a))
        .collect();
    found.sort_by(|(_, a), (_, b)| (a.started_on, &a.id).cmp(&(b.started_on, &b.id)));
    found
}

/// The day an assessment was finished: its completion date when recorded (and not after
/// `as_of` or before its start), else the day it was begun.
pub(super) fn finished_on(assessment: &Assessment, as_of: NaiveDate) -> NaiveDate {
    assessment
        .completed_on
        .filter(|c| *c <= as_of && *c >= assessment.started_on)
        .unwrap_or(assessment.started_on)
}

/// The pointer to an assessment.
pub(super) fn assessment_path(index: usize) -> Pointer {
    Pointer::root().key("assessments").index(index)
}

/// Findings by path, so that a record reached from two enrollments is reported once, the
/// same way whatever the order of the enrollments.
pub(super) type FindingsByPath = BTreeMap<Pointer, (NaiveDate, String)>;

/// Keeps, for `path`, the finding with the earliest date (then the smallest message).
pub(super) fn keep_earliest(
    findings: &mut FindingsByPath,
    path: Pointer,
    on: NaiveDate,
    message: String,
) {
    match findings.get_mut(&path) {
        Some(kept) => {
            if (on, &message) < (kept.0, &kept.1) {
                *kept = (on, message);
            }
        }
        None => {
            findings.insert(path, (on, message));
        }
    }
}
