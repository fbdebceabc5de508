//! Checking many documents at once, the way `hearth check` does: one [`CheckReport`] for
//! a batch of files, with every finding located by file, JSON Pointer, line and column.
//!
//! The library reads no files: the caller hands over each document's name and text
//! ([`Document`]), and gets back the report that every output format (text, JSON, SARIF,
//! JUnit, GitHub annotations) is rendered from. A document that is not valid JSON, or
//! does not match its schema, becomes a finding of its own ([`INVALID_DOCUMENT`]) with
//! the line and column of the fault, and every other document is still checked.
//!
//! ```
//! use hearth_report::batch::{CheckReport, Document};
//!
//! let policy = hearth_rules::Policy::builtin("ct-psh")?;
//! let good = include_str!("../../../examples/data/cases/ct-psh.json");
//! let as_of = "2026-11-09".parse()?;
//! let docs = vec![
//!     Document::new("ct-psh.json", good).check(&policy, as_of),
//!     Document::new("broken.json", "{\"schema_version\": \"1.0\",").check(&policy, as_of),
//! ];
//! let report = CheckReport::new(as_of, docs);
//! let broken = report.findings.iter().find(|f| f.file == "broken.json").unwrap();
//! assert_eq!(broken.finding.code, hearth_report::batch::INVALID_DOCUMENT);
//! assert_eq!(broken.line, Some(1));
//! let plan = report.findings.iter().find(|f| f.finding.code == "PLAN003").unwrap();
//! assert_eq!(plan.finding.path, "/enrollments/0/care_plan/goals/2");
//! assert!(plan.line.is_some() && plan.column.is_some());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Ordering;

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use hearth_input::kind::{parse_input, Input, InputError};
use hearth_input::locate::{locate, Span};
use hearth_rules::path::compare_pointers;
use hearth_rules::{
    Finding, FindingKind, Obligation, Policy, Report, Severity, Summary, Validator,
};

/// The version of the check-report format.
pub const CHECK_REPORT_SCHEMA_VERSION: &str = "1.0";

/// The code of the finding for a document that could not be read: not JSON, not UTF-8,
/// or not matching its schema. Like a syntax error in a linter, it has a line and a
/// column and fails the run at the default fail level.
pub const INVALID_DOCUMENT: &str = "INPUT001";

/// The rule name of [`INVALID_DOCUMENT`].
pub const INVALID_DOCUMENT_NAME: &str = "invalid-document";

/// The help of an [`INVALID_DOCUMENT`] finding.
pub const INVALID_DOCUMENT_HELP: &str = "Fix the document at the line and column given: it must be UTF-8 JSON matching schemas/case-file.schema.json (or caseload, catalog-extension). Every other document is still checked.";

/// One document to check: its name as the report shows it (a path), its text, and for a
/// record of an NDJSON file the record's line number.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The name shown in the report, e.g. `exports/P-0001.json`.
    pub file: &'a str,
    /// The document's text.
    pub text: &'a str,
    /// For one record of an NDJSON file: its 1-based line number in the file. Lines and
    /// columns of its findings are then counted in the file.
    pub record: Option<u32>,
}

impl<'a> Document<'a> {
    /// A whole-file document.
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Document {
            file,
            text,
            record: None,
        }
    }

    /// A record of an NDJSON file, on 1-based `line`.
    pub fn record(file: &'a str, text: &'a str, line: u32) -> Self {
        Document {
            file,
            text,
            record: Some(line),
        }
    }

    /// Parses the document and checks it against `policy` as of `as_of` with the
    /// built-in catalog.
    pub fn check(self, policy: &Policy, as_of: NaiveDate) -> Checked {
        match parse_input(self.text) {
            Ok(input) => self.check_parsed(&input, &Validator::new(policy), as_of),
            Err(error) => self.invalid(&error),
        }
    }

    /// Checks an already-parsed document with `validator` (a policy and catalog).
    pub fn check_parsed(
        self,
        input: &Input,
        validator: &Validator<'_>,
        as_of: NaiveDate,
    ) -> Checked {
        let (kind, report) = match input {
            Input::CaseFile(case) => (
                DocumentKind::CaseFile,
                Some(validator.validate(case, as_of)),
            ),
            Input::Caseload(caseload) => (
                DocumentKind::Caseload,
                Some(validator.validate_caseload(caseload, as_of)),
            ),
            Input::CatalogExtension(_) => (DocumentKind::CatalogExtension, None),
        };
        // Only a document with findings is scanned for their places.
        let spans = report
            .as_ref()
            .filter(|r| !r.findings.is_empty())
            .map_or_else(Vec::new, |r| {
                let paths: Vec<&str> = r.findings.iter().map(|f| f.path.as_str()).collect();
                locate(self.text, &paths)
            });
        Checked {
            file: self.file.to_owned(),
            record: self.record,
            kind,
            outcome: match report {
                Some(report) => Outcome::Report { report, spans },
                None => Outcome::Read,
            },
        }
    }

    /// The outcome for a catalog extension: read and applied to the run, not checked.
    pub fn extension(self) -> Checked {
        Checked {
            file: self.file.to_owned(),
            record: self.record,
            kind: DocumentKind::CatalogExtension,
            outcome: Outcome::Read,
        }
    }

    /// The outcome for a document that could not be read, located where the parser
    /// stopped.
    pub fn invalid(self, error: &InputError) -> Checked {
        let (line, column, pointer, message) = match error {
            InputError::Document(e) => (
                Some(e.line).filter(|l| *l > 0),
                Some(e.column).filter(|c| *c > 0),
                e.pointer.clone(),
                e.message.clone(),
            ),
            InputError::Extension(e) => (None, None, String::new(), e.to_string()),
        };
        let line = line.map(|l| {
            let l = u32::try_from(l).unwrap_or(u32::MAX);
            self.record
                .map_or(l, |r| r.saturating_add(l.saturating_sub(1)))
        });
        self.unreadable(Problem {
            line,
            column: column.map(|c| u32::try_from(c).unwrap_or(u32::MAX)),
            pointer,
            message,
        })
    }

    /// The outcome for a document that could not be read for a reason found before
    /// parsing (not UTF-8, unreadable): `problem` says where and why.
    pub fn unreadable(self, problem: Problem) -> Checked {
        Checked {
            file: self.file.to_owned(),
            record: self.record,
            kind: DocumentKind::Invalid,
            outcome: Outcome::Invalid(problem),
        }
    }
}

/// Why a document could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The line of the fault (in the file, for an NDJSON record).
    pub line: Option<u32>,
    /// The column of the fault.
    pub column: Option<u32>,
    /// The JSON Pointer of the value at fault (`""` for the whole document).
    pub pointer: String,
    /// What is wrong, never quoting the input.
    pub message: String,
}

/// One document after checking, before it joins a [`CheckReport`].
#[derive(Debug, Clone)]
pub struct Checked {
    file: String,
    record: Option<u32>,
    kind: DocumentKind,
    outcome: Outcome,
}

#[derive(Debug, Clone)]
enum Outcome {
    /// Checked: the report, and the span of each finding's path (same order).
    Report {
        report: Report,
        spans: Vec<Option<Span>>,
    },
    /// Read but not checkable (a catalog extension).
    Read,
    /// Could not be read.
    Invalid(Problem),
}

impl Checked {
    /// The library report, for a document that was checked.
    pub fn report(&self) -> Option<&Report> {
        match &self.outcome {
            Outcome::Report { report, .. } => Some(report),
            _ => None,
        }
    }

    /// Whether the document has findings (an unreadable one has one: `INPUT001`).
    pub fn has_findings(&self) -> bool {
        match &self.outcome {
            Outcome::Report { report, .. } => !report.findings.is_empty(),
            Outcome::Read => false,
            Outcome::Invalid(_) => true,
        }
    }

    /// Keeps only the findings `keep` accepts (for `--select` / `--ignore`), recounting
    /// the report.
    pub fn retain_findings(&mut self, keep: impl Fn(&Finding) -> bool) {
        if let Outcome::Report { report, spans } = &mut self.outcome {
            let mut kept_spans = Vec::new();
            let mut kept = Vec::new();
            for (finding, span) in report.findings.drain(..).zip(spans.drain(..)) {
                if keep(&finding) {
                    kept.push(finding);
                    kept_spans.push(span);
                }
            }
            let obligations = std::mem::take(&mut report.obligations);
            let rebuilt = Report::new(
                report.as_of,
                report.policy.clone(),
                report.summary.participants,
                kept,
                obligations,
            );
            // Report::new sorts; the kept findings were sorted already, so the spans
            // still line up.
            *report = rebuilt;
            *spans = kept_spans;
        }
    }
}

/// What kind of document a file held.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentKind {
    /// One participant's case file.
    CaseFile,
    /// A caseload: roster and case files.
    Caseload,
    /// A catalog extension (read, applied to the run, not checked).
    CatalogExtension,
    /// A document that could not be read.
    Invalid,
}

/// What `hearth check` found in a batch of documents: one file entry per document, every
/// finding with its file, JSON Pointer, line and column, and every obligation with its
/// file. Sorted by file, then position: the same inputs give byte-identical reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hearth check report")]
pub struct CheckReport {
    /// The format's version (`"1.0"`).
    pub schema_version: String,
    /// The run's evaluation date (a file may be judged as of its own date, given in its
    /// entry in `files`).
    pub as_of: NaiveDate,
    /// Counts over the whole batch.
    pub summary: CheckSummary,
    /// One entry per document, sorted by file (then record).
    pub files: Vec<FileEntry>,
    /// Every finding, sorted by file, record, line, column, code and path.
    pub findings: Vec<LocatedFinding>,
    /// Every obligation, sorted by file, record, then the library's order.
    pub obligations: Vec<FiledObligation>,
}

/// Counts over a batch: documents read and unreadable, then the totals of every
/// document's report (an unreadable document counts as one error).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct CheckSummary {
    /// Documents read (files, and records of NDJSON files).
    pub documents: usize,
    /// Documents that could not be read (each is an `INPUT001` finding).
    pub invalid: usize,
    /// Participants, findings by severity, waived, not evaluated, obligations overdue
    /// and due soon, summed over the documents.
    #[serde(flatten)]
    pub totals: Summary,
}

/// One document of the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileEntry {
    /// The file, as named on the command line or found in a directory.
    pub file: String,
    /// For a record of an NDJSON file, its line number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u32>,
    /// What the document was.
    pub kind: DocumentKind,
    /// The policy it was checked against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The date it was judged as of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    /// Participants it holds.
    pub participants: usize,
    /// Findings reported for it (waived and not-evaluated included).
    pub findings: usize,
}

impl FileEntry {
    /// The entry of a document that was not checked against a policy (an extension, or
    /// one that could not be read), with its number of findings.
    fn unchecked(file: String, record: Option<u32>, kind: DocumentKind, findings: usize) -> Self {
        FileEntry {
            file,
            record,
            kind,
            policy: None,
            as_of: None,
            participants: 0,
            findings,
        }
    }
}

/// A finding with the file and the place in it: file, record, line and column, then the
/// library finding's own fields (code, rule, severity, kind, message, participant,
/// JSON Pointer path, date, requirements, help, waiver).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LocatedFinding {
    /// The file.
    pub file: String,
    /// For a record of an NDJSON file, its line number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u32>,
    /// 1-based line of the value in the file (absent when it could not be located).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column (in characters) of the value's first character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// Line of the value's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    /// Column just after the value's last character.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
    /// The finding. For a document that could not be read it has the code `INPUT001`,
    /// no participant, and the run's evaluation date as its date.
    #[serde(flatten)]
    pub finding: Finding,
}

impl LocatedFinding {
    /// Whether a waiver covers it.
    pub fn is_waived(&self) -> bool {
        self.finding.is_waived()
    }

    /// Whether it counts against a fail level: unwaived, and a violation at or above
    /// `level`; a check that could not be made counts as a warning.
    pub fn fails_at(&self, level: Severity) -> bool {
        if self.is_waived() {
            return false;
        }
        let f = &self.finding;
        let effective = match f.kind {
            FindingKind::Violation => f.severity,
            FindingKind::NotEvaluated => Severity::Warning.max(f.severity),
        };
        effective <= level
    }
}

/// An obligation with the file it came from: the file and record, then the
/// obligation's own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FiledObligation {
    /// The file.
    pub file: String,
    /// For a record of an NDJSON file, its line number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u32>,
    /// The obligation.
    #[serde(flatten)]
    pub obligation: Obligation,
}

impl FiledObligation {
    fn new(file: &str, record: Option<u32>, obligation: Obligation) -> Self {
        FiledObligation {
            file: file.to_owned(),
            record,
            obligation,
        }
    }
}

/// One document's share of a [`CheckReport`]: its file entry, its findings (located and
/// sorted) and its obligations, with its counts. A streaming caller (such as `hearth
/// check` on a large NDJSON caseload) renders these one at a time, in file and record
/// order, instead of holding the whole report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentResult {
    /// The document's entry in [`CheckReport::files`].
    pub entry: FileEntry,
    /// Its findings, in the report's order.
    pub findings: Vec<LocatedFinding>,
    /// Its obligations, in the library's order.
    pub obligations: Vec<FiledObligation>,
    /// Its counts (one document; one invalid when it could not be read).
    pub summary: CheckSummary,
}

impl DocumentResult {
    /// Findings that count against `level` (see [`LocatedFinding::fails_at`]).
    pub fn failing(&self, level: Severity) -> usize {
        self.findings.iter().filter(|f| f.fails_at(level)).count()
    }
}

impl CheckSummary {
    /// Adds another batch's (or document's) counts to these.
    pub fn add(&mut self, other: &CheckSummary) {
        self.documents += other.documents;
        self.invalid += other.invalid;
        self.totals.add(&other.totals);
    }
}

impl Checked {
    /// This document's share of a batch report run as of `as_of` (the date an unreadable
    /// document's finding is given).
    pub fn into_result(self, as_of: NaiveDate) -> DocumentResult {
        let Checked {
            file,
            record,
            kind,
            outcome,
        } = self;
        let mut summary = CheckSummary {
            documents: 1,
            ..CheckSummary::default()
        };
        match outcome {
            Outcome::Report { report, spans } => {
                summary.totals.add(&report.summary);
                let entry = FileEntry {
                    file: file.clone(),
                    record,
                    kind,
                    policy: Some(report.policy.clone()),
                    as_of: Some(report.as_of),
                    participants: report.summary.participants,
                    findings: report.findings.len(),
                };
                let mut findings: Vec<LocatedFinding> = report
                    .findings
                    .into_iter()
                    .zip(spans)
                    .map(|(f, span)| located(&file, record, f, span))
                    .collect();
                findings.sort_by(compare_located);
                let obligations = report
                    .obligations
                    .into_iter()
                    .map(|o| FiledObligation::new(&file, record, o))
                    .collect();
                DocumentResult {
                    entry,
                    findings,
                    obligations,
                    summary,
                }
            }
            Outcome::Read => DocumentResult {
                entry: FileEntry::unchecked(file, record, kind, 0),
                findings: Vec::new(),
                obligations: Vec::new(),
                summary,
            },
            Outcome::Invalid(problem) => {
                summary.invalid = 1;
                summary.totals.errors = 1;
                let finding = LocatedFinding {
                    file: file.clone(),
                    record,
                    line: problem.line,
                    column: problem.column,
                    end_line: problem.line,
                    end_column: problem.column.map(|c| c.saturating_add(1)),
                    finding: Finding {
                        code: INVALID_DOCUMENT.to_owned(),
                        rule: INVALID_DOCUMENT_NAME.to_owned(),
                        severity: Severity::Error,
                        kind: FindingKind::Violation,
                        message: problem.message,
                        participant_id: None,
                        path: problem.pointer,
                        on: as_of,
                        requirements: Vec::new(),
                        help: INVALID_DOCUMENT_HELP.to_owned(),
                        waiver: None,
                    },
                };
                DocumentResult {
                    entry: FileEntry::unchecked(file, record, kind, 1),
                    findings: vec![finding],
                    obligations: Vec::new(),
                    summary,
                }
            }
        }
    }
}

impl CheckReport {
    /// Builds the batch report from checked documents, in any order.
    pub fn new(as_of: NaiveDate, documents: Vec<Checked>) -> CheckReport {
        CheckReport::from_results(as_of, documents.into_iter().map(|d| d.into_result(as_of)))
    }

    /// Builds the batch report from documents' results, in any order.
    pub fn from_results(
        as_of: NaiveDate,
        results: impl IntoIterator<Item = DocumentResult>,
    ) -> CheckReport {
        let mut files = Vec::new();
        let mut findings = Vec::new();
        let mut obligations = Vec::new();
        let mut summary = CheckSummary::default();
        for result in results {
            summary.add(&result.summary);
            files.push(result.entry);
            findings.extend(result.findings);
            obligations.extend(result.obligations);
        }
        files.sort_by(|a, b| (&a.file, a.record).cmp(&(&b.file, b.record)));
        findings.sort_by(compare_located);
        // The library's order within a document (a stable sort keeps it), documents by
        // file and record.
        obligations.sort_by(|a, b| (&a.file, a.record).cmp(&(&b.file, b.record)));
        CheckReport {
            schema_version: CHECK_REPORT_SCHEMA_VERSION.to_owned(),
            as_of,
            summary,
            files,
            findings,
            obligations,
        }
    }

    /// The report split back into its documents' results, in file and record order:
    /// what a streaming renderer is fed. A finding or obligation whose file has no entry
    /// (a hand-built report) gets an entry of its own. The report keeps no counts per
    /// document, so each result's `summary` holds only its document and participants.
    pub fn documents(&self) -> Vec<DocumentResult> {
        use std::collections::BTreeMap;
        let mut by_key: BTreeMap<(&str, Option<u32>), DocumentResult> = BTreeMap::new();
        let blank = |file: &str, record: Option<u32>| DocumentResult {
            entry: FileEntry::unchecked(file.to_owned(), record, DocumentKind::Invalid, 0),
            findings: Vec::new(),
            obligations: Vec::new(),
            summary: CheckSummary {
                documents: 1,
                ..CheckSummary::default()
            },
        };
        for entry in &self.files {
            by_key
                .entry((entry.file.as_str(), entry.record))
                .or_insert_with(|| blank(&entry.file, entry.record))
                .entry = entry.clone();
        }
        for f in &self.findings {
            by_key
                .entry((f.file.as_str(), f.record))
                .or_insert_with(|| blank(&f.file, f.record))
                .findings
                .push(f.clone());
        }
        for o in &self.obligations {
            by_key
                .entry((o.file.as_str(), o.record))
                .or_insert_with(|| blank(&o.file, o.record))
                .obligations
                .push(o.clone());
        }
        by_key
            .into_values()
            .map(|mut doc| {
                if doc.entry.kind == DocumentKind::Invalid && doc.entry.findings == 0 {
                    doc.entry.findings = doc.findings.len();
                }
                doc.summary.totals.participants = doc.entry.participants;
                doc
            })
            .collect()
    }

    /// Findings that count against `level` (see [`LocatedFinding::fails_at`]).
    pub fn failing(&self, level: Severity) -> usize {
        self.findings.iter().filter(|f| f.fails_at(level)).count()
    }
}

fn located(
    file: &str,
    record: Option<u32>,
    finding: Finding,
    span: Option<Span>,
) -> LocatedFinding {
    // A record's lines are counted from its own line in the file.
    let shift = |line: u32| record.map_or(line, |r| r.saturating_add(line.saturating_sub(1)));
    LocatedFinding {
        file: file.to_owned(),
        record,
        line: span.map(|s| shift(s.start.line)),
        column: span.map(|s| s.start.column),
        end_line: span.map(|s| shift(s.end.line)),
        end_column: span.map(|s| s.end.column),
        finding,
    }
}

/// The batch order of findings: file, record, line, column (unlocated last), code, path,
/// message.
fn compare_located(a: &LocatedFinding, b: &LocatedFinding) -> Ordering {
    let place = |f: &LocatedFinding| (f.line.is_none(), f.line, f.column);
    (&a.file, a.record)
        .cmp(&(&b.file, b.record))
        .then_with(|| place(a).cmp(&place(b)))
        .then_with(|| a.finding.code.cmp(&b.finding.code))
        .then_with(|| compare_pointers(&a.finding.path, &b.finding.path))
        .then_with(|| a.finding.message.cmp(&b.finding.message))
        .then_with(|| a.finding.participant_id.cmp(&b.finding.participant_id))
        .then_with(|| a.finding.waiver.cmp(&b.finding.waiver))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_of() -> NaiveDate {
        "2026-01-19".parse().unwrap()
    }

    #[test]
    fn invalid_documents_are_located_findings_and_others_are_still_checked() {
        let policy = Policy::builtin("stl-coc").unwrap();
        let good = include_str!("../../../examples/data/cases/stl-coc.json");
        let docs = vec![
            Document::new("b.json", "{\n  \"schema_version\": 7\n}").check(&policy, as_of()),
            Document::new("a.json", good).check(&policy, as_of()),
        ];
        let report = CheckReport::new(as_of(), docs);
        assert_eq!(report.summary.documents, 2);
        assert_eq!(report.summary.invalid, 1);
        assert_eq!(report.files[0].file, "a.json");
        let bad: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.file == "b.json")
            .collect();
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].finding.code, INVALID_DOCUMENT);
        assert_eq!(
            bad[0].finding.on,
            as_of(),
            "dated the run's evaluation date"
        );
        assert_eq!(bad[0].line, Some(2));
        assert!(report
            .findings
            .iter()
            .any(|f| f.file == "a.json" && f.finding.code == "PLAN005"));
        // Every finding of the good file is located.
        assert!(report
            .findings
            .iter()
            .filter(|f| f.file == "a.json")
            .all(|f| f.line.is_some() && f.column.is_some()));
    }

    #[test]
    fn the_report_round_trips_through_json() {
        let policy = Policy::builtin("stl-coc").unwrap();
        let good = include_str!("../../../examples/data/cases/stl-coc.json");
        let report = CheckReport::new(
            as_of(),
            vec![Document::new("a.json", good).check(&policy, as_of())],
        );
        assert!(!report.obligations.is_empty());
        let text = serde_json::to_string(&report).unwrap();
        let back: CheckReport = serde_json::from_str(&text).unwrap();
        assert_eq!(back, report);
    }

    #[test]
    fn a_report_splits_into_its_documents_and_back() {
        let policy = Policy::builtin("stl-coc").unwrap();
        let good = include_str!("../../../examples/data/cases/stl-coc.json");
        let docs = vec![
            Document::new("b.json", "[").check(&policy, as_of()),
            Document::new("a.json", good).check(&policy, as_of()),
            Document::record("c.ndjson", good, 3).check(&policy, as_of()),
        ];
        let report = CheckReport::new(as_of(), docs.clone());
        let split = report.documents();
        let files: Vec<_> = split.iter().map(|d| d.entry.file.as_str()).collect();
        assert_eq!(files, ["a.json", "b.json", "c.ndjson"]);
        let back = CheckReport::from_results(as_of(), split);
        assert_eq!(back.files, report.files);
        assert_eq!(back.findings, report.findings);
        assert_eq!(back.obligations, report.obligations);
        // Streaming the results one by one gives the counts of the whole report.
        let mut summary = CheckSummary::default();
        for doc in docs {
            summary.add(&doc.into_result(as_of()).summary);
        }
        assert_eq!(summary, report.summary);
        assert_eq!(summary.documents, 3);
        assert_eq!(summary.invalid, 1);
    }

    #[test]
    fn record_lines_count_from_the_record() {
        let policy = Policy::builtin("stl-coc").unwrap();
        let line = include_str!("../../../examples/data/cases/stl-coc.json").replace('\n', " ");
        let report = CheckReport::new(
            as_of(),
            vec![Document::record("load.ndjson", &line, 5).check(&policy, as_of())],
        );
        assert!(!report.findings.is_empty());
        assert!(report
            .findings
            .iter()
            .all(|f| f.line == Some(5) && f.record == Some(5)));
        let broken = CheckReport::new(
            as_of(),
            vec![Document::record("load.ndjson", "{\"participant\": 3}", 9).check(&policy, as_of())],
        );
        assert_eq!(broken.findings[0].line, Some(9));
    }

    #[test]
    fn retain_recounts() {
        let policy = Policy::builtin("stl-coc").unwrap();
        let good = include_str!("../../../examples/data/cases/stl-coc.json");
        let mut doc = Document::new("a.json", good).check(&policy, as_of());
        let before = doc.report().unwrap().summary.errors;
        assert!(before >= 2);
        doc.retain_findings(|f| f.code == "PLAN005");
        assert_eq!(doc.report().unwrap().summary.errors, 1);
        let report = CheckReport::new(as_of(), vec![doc]);
        assert_eq!(report.findings.len(), 1);
        assert!(report.findings[0].line.is_some());
    }

    #[test]
    fn not_evaluated_fails_at_warning_and_waived_never() {
        let mut f = LocatedFinding {
            file: "x".into(),
            record: None,
            line: None,
            column: None,
            end_line: None,
            end_column: None,
            finding: Finding {
                code: "TERM003".into(),
                rule: "r".into(),
                severity: Severity::Error,
                kind: FindingKind::NotEvaluated,
                message: String::new(),
                participant_id: None,
                path: String::new(),
                on: as_of(),
                requirements: vec![],
                help: String::new(),
                waiver: None,
            },
        };
        assert!(!f.fails_at(Severity::Error));
        assert!(f.fails_at(Severity::Warning));
        f.finding.kind = FindingKind::Violation;
        assert!(f.fails_at(Severity::Error));
        f.finding.waiver = Some("W1".into());
        assert!(!f.fails_at(Severity::Info));
    }
}
