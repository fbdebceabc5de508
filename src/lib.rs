//! # hearth
//!
//! hearth turns housing case-management standards — Permanent Supportive Housing, Rapid
//! Re-Housing, Intensive Case Management — into checkable rules. This crate is the thin,
//! stable API that agency software embeds: it re-exports the domain model
//! ([`model`]) and the action-step catalog ([`catalog`]), parses documents with located
//! errors, and generates the JSON Schemas of every document hearth reads.
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

pub use hearth_model::{
    parse_case_file, parse_caseload, CaseFile, Caseload, ParseError, ParseErrorKind,
};

pub mod input;
pub mod schema;

pub use input::{parse_input, Input};
