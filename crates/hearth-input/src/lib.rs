//! # hearth-input
//!
//! The input side of hearth, as a seam new formats plug into:
//!
//! - [`import`]: the [`Importer`] interface (recognise a source, yield its documents,
//!   map a finding's place back to the source's own coordinates), with the JSON and
//!   NDJSON importers in [`json`] and every built-in one in [`importers`];
//! - [`kind`]: telling the kinds of JSON document apart (case file, caseload, catalog
//!   extension) by their top-level keys, once, and the built-in policy of a document's
//!   program;
//! - [`limits`]: the resource limits on what one run reads;
//! - [`locate`]: where a JSON Pointer's value stands in the text it came from.
//!
//! Pure, like every hearth library crate: no file, network, environment or clock access.
//! The caller opens the source and hands over its bytes; this crate turns them into
//! documents.

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

pub mod import;
pub mod json;
pub mod kind;
pub mod limits;
pub mod locate;

pub use import::{Content, Importer, Locator, Problem, SourceDocument, SourceInput};

/// The built-in importers, in the order they are asked: JSON, then NDJSON.
pub fn importers() -> [&'static dyn Importer; 2] {
    [&json::JsonImporter, &json::NdjsonImporter]
}

/// The built-in importer that reads the source named `name` (by its ending), if any.
///
/// ```
/// assert_eq!(hearth_input::importer_for("cases/P-1.json").map(|i| i.name()), Some("json"));
/// assert_eq!(hearth_input::importer_for("load.jsonl").map(|i| i.name()), Some("ndjson"));
/// assert!(hearth_input::importer_for("notes.txt").is_none());
/// ```
pub fn importer_for(name: &str) -> Option<&'static dyn Importer> {
    importers().into_iter().find(|i| i.recognises(name))
}
