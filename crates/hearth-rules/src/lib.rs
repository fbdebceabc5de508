//! # hearth-rules
//!
//! The rules engine: the written standards of housing case management as exact rules.
//!
//! - A [`Rule`] is a small type with a stable code (`PLAN005`), a kebab-case name
//!   (`plan-review-overdue`), a default [`Severity`], typed parameters ([`ParamSpec`]),
//!   the requirements it enforces ([`Citation`]: `R-…` id, seed document and section)
//!   and documentation with fixed sections. [`registry`] lists them all; [`rules`] holds
//!   one module per rule.
//! - A [`Policy`] is data: which rules are on for a program, with what parameters and
//!   severities, from which date; built-in policies cover each program model of the
//!   seeds, and an agency's TOML policy file extends one ([`PolicyFile`]).
//! - [`validate`] and [`validate_caseload`] run a policy over a case file or caseload
//!   as of a date and return a [`Report`]: [`Finding`]s (what is wrong now) and
//!   [`Obligation`]s (what is asked, by when, and where it stands), with [`Waiver`]s
//!   applied.
//!
//! Pure: no file, network, environment or clock access. The evaluation date is a
//! parameter. Findings carry ids, codes, dates, counts and JSON Pointers, never personal
//! values or note text.

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

pub mod calendar;
mod context;
mod engine;
mod finding;
mod obligation;
mod param;
pub mod path;
mod policy;
pub mod registry;
mod report;
mod rule;
pub mod rules;
mod severity;
mod waiver;

pub use context::{CaseContext, CaseloadContext, Out};
pub use engine::{builtin_catalog, validate, validate_caseload, Validator};
pub use finding::{Finding, FindingKind};
pub use obligation::{Obligation, ObligationStatus};
pub use param::{kind_name, ParamDefault, ParamKind, ParamSpec, ParamValue, Params};
pub use path::Pointer;
pub use policy::{
    Policy, PolicyError, PolicyFile, PolicyVersion, RuleOverride, RuleSetting,
    DEFAULT_DUE_SOON_DAYS,
};
pub use report::{compare_findings, compare_obligations, Report, Summary, REPORT_SCHEMA_VERSION};
pub use rule::{Area, Citation, Rule, RuleMeta, Scope, DOC_SECTIONS};
pub use severity::Severity;
pub use waiver::Waiver;

/// The JSON Schema of the report (`schemas/report.schema.json`).
pub fn report_schema() -> schemars::Schema {
    schemars::schema_for!(Report)
}

/// The JSON Schema of a policy file (`schemas/policy.schema.json`).
pub fn policy_schema() -> schemars::Schema {
    schemars::schema_for!(PolicyFile)
}
