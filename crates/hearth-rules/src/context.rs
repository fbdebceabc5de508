//! What a rule sees while it runs, and where it puts what it finds.

use chrono::NaiveDate;
use hearth_catalog::Catalog;
use hearth_model::{CaseFile, Caseload, Enrollment, Staff};

use crate::finding::{Finding, FindingKind};
use crate::index::CaseIndex;
use crate::obligation::{Obligation, ObligationStatus};
use crate::param::Params;
use crate::path::Pointer;
use crate::rule::RuleMeta;
use crate::severity::Severity;

/// Where a rule puts its findings and obligations.
#[derive(Debug, Default)]
pub struct Out {
    /// Findings, in any order (the report sorts them).
    pub findings: Vec<Finding>,
    /// Obligations, in any order (the report sorts them).
    pub obligations: Vec<Obligation>,
}

/// What one rule sees when it checks one case file.
#[derive(Debug, Clone, Copy)]
pub struct CaseContext<'a> {
    /// The case file.
    pub case: &'a CaseFile,
    /// The evaluation date: records are judged as they stood at the end of this day.
    pub as_of: NaiveDate,
    /// The action-step catalog and risk taxonomy (built-in, possibly extended).
    pub catalog: &'a Catalog,
    /// The staff roster, when the case file is checked as part of a caseload.
    pub roster: Option<&'a [Staff]>,
    /// The rule's parameters under the policy.
    pub params: &'a Params,
    /// Days of lead time before a due date at which an obligation is "due soon".
    pub due_soon_days: i64,
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
    /// The case index, built once per case file by the engine; `None` for a context made
    /// by hand, whose rules then build what they need themselves.
    pub(crate) index: Option<&'a CaseIndex<'a>>,
}

impl<'a> CaseContext<'a> {
    /// A context for running `meta`'s rule by hand (tests, embedders with their own loop).
    pub fn new(
        case: &'a CaseFile,
        as_of: NaiveDate,
        catalog: &'a Catalog,
        params: &'a Params,
        meta: &'static RuleMeta,
    ) -> Self {
        CaseContext {
            case,
            as_of,
            catalog,
            roster: None,
            params,
            due_soon_days: 7,
            meta,
            severity: meta.severity,
            index: None,
        }
    }

    /// Runs `f` with the case index: the engine's, or one built now.
    pub(crate) fn with_index<R>(&self, f: impl FnOnce(&CaseIndex<'_>) -> R) -> R {
        match self.index {
            Some(index) => f(index),
            None => f(&CaseIndex::new(self.case, self.as_of)),
        }
    }

    /// Every enrollment with its JSON Pointer.
    pub fn enrollments(&self) -> impl Iterator<Item = (Pointer, &'a Enrollment)> + 'a {
        let root = Pointer::root().key("enrollments");
        self.case
            .enrollments
            .iter()
            .enumerate()
            .map(move |(i, e)| (root.index(i), e))
    }

    /// The last day an enrollment is judged for: its exit date if it has exited by
    /// `as_of`, else `as_of`.
    pub fn end_of(&self, enrollment: &Enrollment) -> NaiveDate {
        match &enrollment.exit {
            Some(exit) if exit.exited_on <= self.as_of => exit.exited_on,
            _ => self.as_of,
        }
    }

    /// Whether an enrollment is still open on `as_of` (no exit on or before it).
    pub fn is_open(&self, enrollment: &Enrollment) -> bool {
        !matches!(&enrollment.exit, Some(exit) if exit.exited_on <= self.as_of)
    }

    /// A violation found by this rule at `path`, about the day `on`.
    pub fn finding(&self, path: &Pointer, on: NaiveDate, message: impl Into<String>) -> Finding {
        Finding {
            code: self.meta.code.to_owned(),
            rule: self.meta.name.to_owned(),
            severity: self.severity,
            kind: FindingKind::Violation,
            message: message.into(),
            participant_id: Some(self.case.participant.id.clone()),
            path: path.as_str().to_owned(),
            on,
            requirements: self.meta.requirement_ids().map(str::to_owned).collect(),
            help: self.meta.help.to_owned(),
            waiver: None,
        }
    }

    /// A finding that this rule could not be evaluated at `path`, and why.
    pub fn not_evaluated(
        &self,
        path: &Pointer,
        on: NaiveDate,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            kind: FindingKind::NotEvaluated,
            ..self.finding(path, on, message)
        }
    }

    /// An obligation of `enrollment` tracked by this rule: `kind` (kebab-case), a
    /// description, the requirement id, the record's path, the due date and whether and
    /// when it was done. The status follows from the dates ([`ObligationStatus::of`]).
    #[allow(clippy::too_many_arguments)]
    pub fn obligation(
        &self,
        enrollment: &Enrollment,
        kind: &str,
        requirement: &str,
        description: impl Into<String>,
        path: &Pointer,
        due_on: NaiveDate,
        done_on: Option<NaiveDate>,
    ) -> Obligation {
        let status = ObligationStatus::of(due_on, done_on, self.as_of, self.due_soon_days);
        Obligation {
            code: self.meta.code.to_owned(),
            requirement: requirement.to_owned(),
            kind: kind.to_owned(),
            description: description.into(),
            participant_id: self.case.participant.id.clone(),
            enrollment: Some(enrollment.id.clone()),
            case_manager: enrollment.case_manager.clone(),
            path: path.as_str().to_owned(),
            window_start: None,
            due_on: Some(due_on),
            done_on,
            remaining: None,
            status,
            waiver: None,
        }
    }

    /// The status of something due on `due` and done on `done`, judged on `as_of`.
    pub fn status(&self, due: NaiveDate, done: Option<NaiveDate>) -> ObligationStatus {
        ObligationStatus::of(due, done, self.as_of, self.due_soon_days)
    }
}

/// What one rule sees when it checks a whole caseload.
#[derive(Debug, Clone, Copy)]
pub struct CaseloadContext<'a> {
    /// The caseload, with its staff roster.
    pub caseload: &'a Caseload,
    /// The evaluation date.
    pub as_of: NaiveDate,
    /// The catalog.
    pub catalog: &'a Catalog,
    /// The rule's parameters under the policy.
    pub params: &'a Params,
    pub(crate) meta: &'static RuleMeta,
    pub(crate) severity: Severity,
}

impl<'a> CaseloadContext<'a> {
    /// A context for running `meta`'s rule by hand.
    pub fn new(
        caseload: &'a Caseload,
        as_of: NaiveDate,
        catalog: &'a Catalog,
        params: &'a Params,
        meta: &'static RuleMeta,
    ) -> Self {
        CaseloadContext {
            caseload,
            as_of,
            catalog,
            params,
            meta,
            severity: meta.severity,
        }
    }

    /// A violation about the caseload (no participant) at `path`, about the day `on`.
    pub fn finding(&self, path: &Pointer, on: NaiveDate, message: impl Into<String>) -> Finding {
        Finding {
            code: self.meta.code.to_owned(),
            rule: self.meta.name.to_owned(),
            severity: self.severity,
            kind: FindingKind::Violation,
            message: message.into(),
            participant_id: None,
            path: path.as_str().to_owned(),
            on,
            requirements: self.meta.requirement_ids().map(str::to_owned).collect(),
            help: self.meta.help.to_owned(),
            waiver: None,
        }
    }

    /// A finding that this rule could not be evaluated, and why.
    pub fn not_evaluated(
        &self,
        path: &Pointer,
        on: NaiveDate,
        message: impl Into<String>,
    ) -> Finding {
        Finding {
            kind: FindingKind::NotEvaluated,
            ..self.finding(path, on, message)
        }
    }
}
