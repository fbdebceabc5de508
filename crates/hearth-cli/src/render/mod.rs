//! Renderers of a [`hearth::batch::CheckReport`] for CI: SARIF 2.1.0 for code-scanning
//! dashboards, JUnit XML for any CI's test view, and GitHub Actions workflow commands for
//! annotations on a pull request.
//!
//! Each renderer is a `write(report, out)` function: deterministic (the same report gives
//! the same bytes: no timestamps, no absolute paths) and printing only what the report
//! holds (ids, codes, dates, counts and JSON paths).

// Not yet called from `hearth check --format`; remove when the formats are wired.
#![allow(dead_code)]

pub mod github;
pub mod junit;
pub mod sarif;

#[cfg(test)]
mod fixture;
