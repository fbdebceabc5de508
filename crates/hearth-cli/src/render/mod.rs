//! The output formats of `hearth check`, each a `write(report, …)` function over one
//! [`hearth::batch::CheckReport`]: text for people, JSON (the check-report schema),
//! SARIF 2.1.0 for code-scanning dashboards, JUnit XML for any CI's test view, and GitHub
//! Actions workflow commands for annotations on a pull request.
//!
//! Every renderer is deterministic (the same report gives the same bytes: no timestamps,
//! no absolute paths) and prints only what the report holds (ids, codes, dates, counts
//! and JSON paths).

pub mod github;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

#[cfg(test)]
mod fixture;
