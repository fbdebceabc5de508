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
