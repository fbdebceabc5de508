//! # hearth
//!
//! hearth turns housing case-management standards — Permanent Supportive Housing, Rapid
//! Re-Housing, Intensive Case Management — into checkable rules. This crate is the thin,
//! stable API that agency software embeds:
//!
//! - [`parse_case_file`] / [`parse_caseload`]: JSON text to documents, or an error located
//!   by line, column and JSON Pointer;
//! - [`Policy::builtin`] / [`Policy::from_toml`]: the rules of a program, as data;
//! - [`validate`] / [`validate_caseload`]: a [`Report`] of findings (what is wrong now)
//!   and obligations (what is due, and when), for an evaluation date you pass in;
//! - [`schema`]: the JSON Schemas of every document hearth reads and writes;
//! - re-exports of the domain model ([`model`]), the action-step catalog ([`catalog`])
//!   and the rules engine ([`rules`]).
//!
//! ```
//! let json = r#"{
//!   "schema_version": "1.0",
//!   "participant": { "id": "P-0001" },
//!   "enrollments": [{ "id": "E-1", "program": "rrh", "entered_on": "2026-03-02" }]
//! }"#;
//! let case = hearth::parse_case_file(json)?;
//! assert_eq!(case.enrollments.len(), 1);
//!
//! let catalog = hearth::catalog::Catalog::builtin();
//! assert_eq!(catalog.step("resolve-arrears").map(|s| s.name.as_str()), Ok("Resolve Arrears"));
//! # Ok::<(), hearth::ParseError>(())
//! ```
//!
//! Like every hearth library crate, this one is pure: it never reads files, the network,
//! the environment or the clock. The `hearth` command-line program does the I/O.

#![deny(missing_docs)]
// No panics on input: library code may not unwrap, expect or index (tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub use hearth_catalog as catalog;
pub use hearth_model as model;
pub use hearth_rules as rules;

pub use hearth_model::{
    parse_case_file, parse_caseload, CaseFile, Caseload, ParseError, ParseErrorKind,
};
pub use hearth_rules::{
    Finding, FindingKind, Obligation, ObligationStatus, Policy, PolicyError, Report, Severity,
    Validator, Waiver,
};

use chrono::NaiveDate;

/// Checks one case file against a policy as of a date, with the built-in catalog.
///
/// `as_of` is the evaluation date: records are judged as they stood at the end of that
/// day (hearth never reads the clock). The report lists findings and obligations in one
/// stable order.
///
/// ```
/// let json = include_str!("../examples/data/cases/stl-coc.json");
/// let case = hearth::parse_case_file(json)?;
/// let policy = hearth::Policy::builtin("stl-coc")?;
/// let report = hearth::validate(&case, &policy, "2026-01-19".parse()?);
///
/// // The plan went 49 days without a review (30 allowed).
/// assert!(report
///     .findings
///     .iter()
///     .any(|f| f.code == "PLAN005" && f.path == "/enrollments/0/care_plan/reviews/3"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate(case: &CaseFile, policy: &Policy, as_of: NaiveDate) -> Report {
    hearth_rules::validate(case, policy, as_of)
}

/// Checks a caseload (a program's staff roster and its case files) against a policy as of
/// a date. Rules that need the roster (who supervises whom, caseload sizes) use it; paths
/// start at the caseload document (`/case_files/N/...`).
///
/// ```
/// let json = include_str!("../examples/data/caseloads/stl-coc-caseload.json");
/// let caseload = hearth::parse_caseload(json)?;
/// let policy = hearth::Policy::builtin("stl-coc")?;
/// let report = hearth::validate_caseload(&caseload, &policy, "2026-10-23".parse()?);
///
/// // The termination was reviewed by someone who reports to the person who terminated.
/// assert!(report.findings.iter().any(|f| f.code == "TERM003"
///     && f.path == "/case_files/1/enrollments/0/termination/review/reviewed_by"));
/// assert_eq!(report.summary.participants, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn validate_caseload(caseload: &Caseload, policy: &Policy, as_of: NaiveDate) -> Report {
    hearth_rules::validate_caseload(caseload, policy, as_of)
}

pub use hearth_input::kind as input;
pub use hearth_input::{limits, locate};
pub use hearth_report::{batch, render};
pub mod schema;

pub use input::{parse_input, Input};
