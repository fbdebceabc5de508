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
mod index;
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

/// The JSON Schema of a policy file (`schemas/policy.schema.json`), with
/// [`refine_policy_schema`] applied.
pub fn policy_schema() -> serde_json::Value {
    let mut value = schemars::schema_for!(PolicyFile).to_value();
    refine_policy_schema(&mut value);
    value
}

/// Narrows a generated policy-file schema to the rules that exist: `rules` accepts only
/// registered codes and names, and each rule's table only `enabled`, `severity` and that
/// rule's parameters, typed and ranged as the rule declares them. So an editor using the
/// schema flags a misspelt code or parameter as the loader would.
pub fn refine_policy_schema(schema: &mut serde_json::Value) {
    use serde_json::{json, Map, Value};
    let mut rules = Map::new();
    for rule in registry::all() {
        let meta = rule.meta();
        let mut props = Map::new();
        props.insert(
            "enabled".into(),
            json!({"type": "boolean", "description": "`false` turns the rule off."}),
        );
        props.insert(
            "severity".into(),
            json!({"$ref": "#/$defs/Severity", "description": "The severity of the rule's findings."}),
        );
        for param in meta.params {
            let mut p = match param.kind {
                ParamKind::Integer { min, max } => {
                    json!({"type": "integer", "minimum": min, "maximum": max})
                }
                ParamKind::Flag => json!({"type": "boolean"}),
                ParamKind::Choice(choices) => json!({"type": "string", "enum": choices}),
                ParamKind::Ids => json!({"type": "array", "items": {"type": "string"}}),
            };
            if let Value::Object(map) = &mut p {
                map.insert("description".into(), Value::String(param.doc.to_owned()));
                map.insert(
                    "default".into(),
                    serde_json::to_value(param.default.value()).unwrap_or(Value::Null),
                );
            }
            props.insert(param.name.to_owned(), p);
        }
        let table = json!({
            "type": "object",
            "description": format!("{} {}: {}", meta.code, meta.name, meta.summary),
            "properties": props,
            "additionalProperties": false,
        });
        rules.insert(meta.code.to_owned(), table.clone());
        rules.insert(meta.name.to_owned(), table);
    }
    if let Some(Value::Object(rules_schema)) = schema.pointer_mut("/properties/rules") {
        rules_schema.remove("additionalProperties");
        rules_schema.insert("properties".into(), Value::Object(rules));
        rules_schema.insert("additionalProperties".into(), Value::Bool(false));
    }
}
