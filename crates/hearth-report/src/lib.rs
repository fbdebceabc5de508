//! # hearth-report
//!
//! The output side of hearth, usable without the `hearth` program:
//!
//! - [`batch`]: the located check report of a batch of documents ([`batch::CheckReport`]:
//!   every finding with its file, JSON Pointer, line and column, and the obligations);
//! - [`render`]: every output format of `hearth check` (text, JSON, SARIF 2.1.0, JUnit
//!   XML, GitHub Actions annotations) as a streaming [`render::Sink`], fed one document's
//!   result at a time.
//!
//! Checking a case file and writing SARIF to a buffer, one document at a time as a
//! streaming run does:
//!
//! ```
//! use hearth_report::batch::{CheckSummary, Document};
//! use hearth_report::render::{sarif::SarifSink, Sink};
//!
//! let policy = hearth_rules::Policy::builtin("stl-coc")?;
//! let text = include_str!("../../../examples/data/cases/stl-coc.json");
//! let as_of = "2026-01-19".parse()?;
//!
//! let mut sink = SarifSink::default();
//! let mut out: Vec<u8> = Vec::new();
//! let mut summary = CheckSummary::default();
//! let doc = Document::new("cases/stl-coc.json", text)
//!     .check(&policy, as_of)
//!     .into_result(as_of);
//! summary.add(&doc.summary);
//! sink.document(&doc, None, &mut out)?;
//! sink.finish(as_of, &summary, &mut out)?;
//!
//! let log: serde_json::Value = serde_json::from_slice(&out)?;
//! assert_eq!(log["version"], "2.1.0");
//! let first = &log["runs"][0]["results"][0];
//! assert_eq!(first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "cases/stl-coc.json");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Pure, like every hearth library crate: no file, network, environment or clock access.
//! Renderers write to any [`std::io::Write`]; what a format must hold back until the end
//! waits in a spool whose storage the caller may provide ([`render::Spools`]).

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

pub mod batch;
pub mod render;
