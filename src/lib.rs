//! # hearth
//!
//! hearth turns housing case-management standards — Permanent Supportive Housing, Rapid
//! Re-Housing, Intensive Case Management — into checkable rules. This crate is the
//! stable API that agency software embeds; everything an embedder needs is named from
//! here, and nothing else is promised:
//!
//! - **parse**: [`parse_case_file`] / [`parse_caseload`] / [`parse_input`]: JSON text to
//!   documents, or an error located by line, column and JSON Pointer; [`input`] reads
//!   other sources through importers (JSON and NDJSON today), within [`input::Limits`];
//! - **compile a policy**: [`Policy::builtin`] / [`Policy::from_toml`]: the rules of a
//!   program, as data, with [`Waiver`]s;
//! - **validate**: [`validate`] / [`validate_caseload`] (or a [`Validator`] with an
//!   agency [`Catalog`]): a [`Report`] of [`Finding`]s (what is wrong now) and
//!   [`Obligation`]s (what is due, and when), for an evaluation date ([`NaiveDate`]) you
//!   pass in; [`batch`] locates a batch's findings by file, line and column;
//! - **render**: [`render`]: the text, JSON, SARIF 2.1.0, JUnit XML and GitHub formats of
//!   `hearth check`, as streaming sinks writing to any [`std::io::Write`];
//! - [`schema`]: the JSON Schemas of every document hearth reads and writes;
//! - [`model`]: the documents' own types (participants, enrollments, plans, …).
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
//! let catalog = hearth::Catalog::builtin();
//! assert_eq!(catalog.step("resolve-arrears").map(|s| s.name.as_str()), Ok("Resolve Arrears"));
//! # Ok::<(), hearth::ParseError>(())
//! ```
//!
//! Checking a case file and writing SARIF for a code-scanning dashboard, without the
//! `hearth` program:
//!
//! ```
//! use hearth::batch::{CheckReport, Document};
//! use hearth::render::SarifSink;
//!
//! let policy = hearth::Policy::builtin("stl-coc")?;
//! let text = include_str!("../examples/data/cases/stl-coc.json");
//! let as_of: hearth::NaiveDate = "2026-01-19".parse()?;
//! let report = CheckReport::new(as_of, vec![Document::new("cases/stl-coc.json", text).check(&policy, as_of)]);
//!
//! let mut sarif = Vec::new();
//! hearth::render::feed(&mut SarifSink::default(), &report, &mut sarif)?;
//! let log: serde_json::Value = serde_json::from_slice(&sarif)?;
//! assert_eq!(log["version"], "2.1.0");
//! assert!(log["runs"][0]["results"].as_array().is_some_and(|r| !r.is_empty()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Threads
//!
//! A [`Policy`] is `Send + Sync` and never changes once built: compile it once (parsing
//! TOML, resolving `extends`, checking parameters) and share it across threads by
//! reference or in an [`Arc`](std::sync::Arc); a [`Validator`] borrows it (and a
//! [`Catalog`]) and is itself `Send + Sync`, so one validator can check documents on many
//! threads at once. Documents ([`CaseFile`], [`Caseload`]), [`Report`] and the batch
//! types ([`batch::CheckReport`], [`batch::DocumentResult`]) are `Send + Sync` plain data.
//! The render sinks are `Send` (one per output stream; feed each from one thread at a
//! time). Checking is deterministic: the same documents, policy and date give the same
//! report, whatever the number of threads.
//!
//! ## Stability
//!
//! The batch, input and render types that will grow are `#[non_exhaustive]`: read their
//! fields freely, build them with their constructors. No lower crate is re-exported
//! whole; a type not named here is not part of the API.
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

pub use chrono::NaiveDate;
pub use hearth_catalog::{parse_extension, Catalog, CatalogExtension, ExtensionError};
pub use hearth_input::kind::{parse_input, Input, InputError};
pub use hearth_model::{
    parse_case_file, parse_caseload, CaseFile, Caseload, ParseError, ParseErrorKind,
};
pub use hearth_rules::{
    Finding, FindingKind, Obligation, ObligationStatus, Policy, PolicyError, Report, Severity,
    Summary, Validator, Waiver,
};

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

pub mod schema;

pub mod input {
    //! Reading documents from a source, as a seam new formats plug into: an [`Importer`]
    //! recognises a source, yields its documents and maps a finding's place back to the
    //! source's own coordinates ([`Locator`]). JSON and NDJSON are the built-in importers
    //! ([`importers`], [`importer_for`]); the caller opens the source and hands over its
    //! bytes ([`SourceInput`]), as the library never opens a file.
    //!
    //! ```
    //! use hearth::input::{Content, Limits, SourceInput};
    //!
    //! let ndjson = "{\"schema_version\":\"1.0\",\"participant\":{\"id\":\"P-1\"}}\n";
    //! let importer = hearth::input::importer_for("load.ndjson").expect("built in");
    //! let source = SourceInput::stream("load.ndjson", std::io::Cursor::new(ndjson));
    //! for doc in importer.documents(source, &Limits::default()) {
    //!     let doc = doc?;
    //!     assert_eq!(doc.record, Some(1));
    //!     let Ok(Content::Json(text)) = &doc.content else { panic!("text") };
    //!     assert!(matches!(hearth::parse_input(text), Ok(hearth::Input::CaseFile(_))));
    //! }
    //! # Ok::<(), std::io::Error>(())
    //! ```

    pub use hearth_input::import::{
        Content, Documents, FileSet, Importer, Locator, Problem, SourceDocument, SourceInput,
    };
    pub use hearth_input::json::{
        decode, depth_problem, file_too_large, too_large, JsonImporter, JsonLocator, NdjsonImporter,
    };
    pub use hearth_input::kind::{builtin_policy, parse_as, sniff, Kind};
    pub use hearth_input::limits::{
        nesting_too_deep, Limits, DEFAULT_MAX_DEPTH, DEFAULT_MAX_DOCUMENT_BYTES,
        DEFAULT_MAX_RECORDS, PARSER_MAX_DEPTH,
    };
    pub use hearth_input::locate::{char_column, locate, positions, Position, Span};
    pub use hearth_input::{importer_for, importers};
}

pub mod batch {
    //! Checking many documents at once, the way `hearth check` does: one
    //! [`CheckReport`] for a batch, every finding located by file, JSON Pointer, line and
    //! column. See [`Document`].
    pub use hearth_report::batch::{
        CheckReport, CheckSummary, Checked, Document, DocumentKind, DocumentResult, FileEntry,
        FiledObligation, FindingCaps, LocatedFinding, Problem, CHECK_REPORT_SCHEMA_VERSION,
        INVALID_DOCUMENT, INVALID_DOCUMENT_HELP, INVALID_DOCUMENT_NAME,
    };
}

pub mod render {
    //! The output formats of `hearth check` as streaming [`Sink`]s: fed one document's
    //! result at a time ([`Sink::document`]), then the run's counts ([`Sink::finish`]);
    //! [`feed`] writes a whole [`CheckReport`](crate::batch::CheckReport). Each writes to
    //! any [`std::io::Write`], deterministically, and prints only what the report holds.
    pub use hearth_report::render::github::GithubSink;
    pub use hearth_report::render::html;
    pub use hearth_report::render::html::{HtmlSink, Options as HtmlOptions, Page as HtmlPage};
    pub use hearth_report::render::json::JsonSink;
    pub use hearth_report::render::junit::JunitSink;
    pub use hearth_report::render::sarif::SarifSink;
    pub use hearth_report::render::text;
    pub use hearth_report::render::text::{Options as TextOptions, TextSink};
    pub use hearth_report::render::{
        feed, is_unsafe_char, printable, Sink, Spool, SpoolStorage, Spools,
    };
}

pub mod model {
    //! The documents' own types, as [`CaseFile`](crate::CaseFile) and
    //! [`Caseload`](crate::Caseload) hold them: named here so an embedder can write
    //! them down (the full field-by-field reference is schemas/case-file.schema.json).
    pub use hearth_model::{
        ActionStepStatus, AgeBand, Answer, Assessment, CarePlan, Consent, ContactMode,
        CrisisIncident, Encounter, EncounterKind, EncounterStatus, Enrollment, EnrollmentId, Exit,
        ExitKind, Funding, Goal, GoalArea, GoalId, GoalStatus, HouseholdType, Intake, LongTermGoal,
        Objective, Participant, ParticipantId, PlanReview, PlannedActionStep, ProgramInfo,
        ProgramModel, RiskObservation, SchemaVersion, Staff, StaffId, StaffRole, Stage,
        Termination, Tier,
    };
}
