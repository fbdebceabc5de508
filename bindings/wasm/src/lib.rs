//! WebAssembly bindings of hearth, for browsers and node (built by `cargo xtask wasm`).
//!
//! Every function takes JSON text (or a JSON-compatible object) and returns plain
//! JavaScript objects with the Rust report's field names. The report object is
//! `JSON.parse` of `serde_json::to_string(&report)` on the Rust side, so
//! `JSON.stringify(report)` gives the Rust report's JSON byte for byte; `validateJson`
//! returns that text itself. Errors are thrown as `Error`s whose `name` is `ParseError`
//! (with `kind`, `line`, `column`, `pointer`), `PolicyError` (with `line` and `column`
//! when the TOML text is at fault) or `HearthError`; no message quotes an input value.

// Parameter names are camelCase: wasm-bindgen writes them into the TypeScript types.
#![allow(non_snake_case)]

use chrono::NaiveDate;
use js_sys::{Array, Reflect, JSON};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A report: findings (what is wrong now) and obligations (what is due, and when). */
export interface Report {
  schema_version: string;
  /** The evaluation date, YYYY-MM-DD. */
  as_of: string;
  policy: string;
  summary: Summary;
  findings: Finding[];
  obligations: Obligation[];
}
/** Counts of a report's findings and obligations. */
export interface Summary {
  participants: number; errors: number; warnings: number; infos: number;
  waived: number; not_evaluated: number; overdue: number; due_soon: number;
}
/** One finding; `path` is the JSON Pointer of the offending value. */
export interface Finding {
  code: string; rule: string;
  severity: "error" | "warning" | "info";
  kind: "violation" | "not-evaluated";
  message: string; participant_id?: string; path: string; on: string;
  requirements: string[]; help: string; waiver?: string;
}
/** One thing a requirement asks, with its due date or window and where it stands. */
export interface Obligation {
  code: string; requirement: string; kind: string; description: string;
  participant_id: string; enrollment?: string; case_manager?: string; path: string;
  window_start?: string; due_on?: string; done_on?: string; remaining?: number;
  status: string; waiver?: string;
}
/** A place in text: 1-based line and column (in Unicode scalar values). */
export interface Position { line: number; column: number; }
/** Where a JSON Pointer's value stands; `exact` is false when only an ancestor was found. */
export interface Span { start: Position; end: Position; exact: boolean; }
/** A case file or caseload: JSON text, or the parsed object. */
export type DocumentInput = string | object;
"#;

#[wasm_bindgen]
extern "C" {
    /// A report object (see the `Report` interface).
    #[wasm_bindgen(typescript_type = "Report")]
    pub type JsReport;
    /// JSON text or a JSON-compatible object.
    #[wasm_bindgen(typescript_type = "DocumentInput")]
    pub type JsDocument;
    /// A list of strings.
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type JsStrings;
    /// A list of spans (or null where a pointer could not be found).
    #[wasm_bindgen(typescript_type = "(Span | null)[]")]
    pub type JsSpans;
    /// A JSON Schema object.
    #[wasm_bindgen(typescript_type = "Record<string, unknown>")]
    pub type JsSchema;
}

/// An `Error` with a `name` and extra properties.
fn error(name: &str, message: &str, props: &[(&str, JsValue)]) -> JsValue {
    let err = js_sys::Error::new(message);
    err.set_name(name);
    for (key, value) in props {
        let _ = Reflect::set(&err, &JsValue::from_str(key), value);
    }
    err.into()
}

fn tag<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn parse_error(e: &hearth::ParseError) -> JsValue {
    error(
        "ParseError",
        &e.to_string(),
        &[
            ("kind", JsValue::from_str(&tag(&e.kind))),
            ("line", JsValue::from_f64(e.line as f64)),
            ("column", JsValue::from_f64(e.column as f64)),
            ("pointer", JsValue::from_str(&e.pointer)),
        ],
    )
}

fn policy_error(e: &hearth::PolicyError) -> JsValue {
    let (line, column) = match e {
        hearth::PolicyError::Toml { line, column, .. } => (
            JsValue::from_f64(*line as f64),
            JsValue::from_f64(*column as f64),
        ),
        _ => (JsValue::NULL, JsValue::NULL),
    };
    error(
        "PolicyError",
        &e.to_string(),
        &[("line", line), ("column", column)],
    )
}

fn hearth_error(message: &str) -> JsValue {
    error("HearthError", message, &[])
}

fn parse_date(asOf: &str) -> Result<NaiveDate, JsValue> {
    asOf.parse()
        .map_err(|_| hearth_error("asOf is not a date: write it as YYYY-MM-DD, e.g. 2026-01-19"))
}

/// The document as JSON text: a string as it is, anything else through `JSON.stringify`.
fn document_text(doc: &JsValue) -> Result<String, JsValue> {
    if let Some(text) = doc.as_string() {
        return Ok(text);
    }
    JSON::stringify(doc)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| hearth_error("the document is neither JSON text nor a JSON object"))
}

#[derive(Clone, Copy)]
enum Kind {
    Case,
    Caseload,
}

/// Parses, validates and serialises: the Rust report's JSON text.
fn report_json(
    kind: Kind,
    doc: &JsValue,
    policy: &hearth::Policy,
    asOf: &str,
) -> Result<String, JsValue> {
    let asOf = parse_date(asOf)?;
    let text = document_text(doc)?;
    let report = match kind {
        Kind::Case => {
            let case = hearth::parse_case_file(&text).map_err(|e| parse_error(&e))?;
            hearth::validate(&case, policy, asOf)
        }
        Kind::Caseload => {
            let caseload = hearth::parse_caseload(&text).map_err(|e| parse_error(&e))?;
            hearth::validate_caseload(&caseload, policy, asOf)
        }
    };
    serde_json::to_string(&report).map_err(|e| hearth_error(&e.to_string()))
}

fn report_object(json: &str) -> Result<JsReport, JsValue> {
    JSON::parse(json).map(JsCast::unchecked_into)
}

fn builtin(name: &str) -> Result<hearth::Policy, JsValue> {
    hearth::Policy::builtin(name).map_err(|e| policy_error(&e))
}

/// A compiled policy: a built-in one, or a policy file's TOML text. Build it once and
/// call its `validate` on every edit.
#[wasm_bindgen]
pub struct Policy {
    inner: hearth::Policy,
}

#[wasm_bindgen]
impl Policy {
    /// A built-in policy by name (see `policies()`).
    pub fn builtin(name: &str) -> Result<Policy, JsValue> {
        builtin(name).map(|inner| Policy { inner })
    }

    /// A policy from the TOML text of a policy file.
    #[wasm_bindgen(js_name = fromToml)]
    pub fn from_toml(text: &str) -> Result<Policy, JsValue> {
        hearth::Policy::from_toml(text)
            .map(|inner| Policy { inner })
            .map_err(|e| policy_error(&e))
    }

    /// The policy's name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Checks one case file as of a date (`YYYY-MM-DD`).
    pub fn validate(&self, caseJson: &JsDocument, asOf: &str) -> Result<JsReport, JsValue> {
        report_object(&report_json(Kind::Case, caseJson, &self.inner, asOf)?)
    }

    /// Checks a caseload as of a date (`YYYY-MM-DD`).
    #[wasm_bindgen(js_name = validateCaseload)]
    pub fn validate_caseload(
        &self,
        caseloadJson: &JsDocument,
        asOf: &str,
    ) -> Result<JsReport, JsValue> {
        report_object(&report_json(
            Kind::Caseload,
            caseloadJson,
            &self.inner,
            asOf,
        )?)
    }

    /// Checks one case file and returns the report's JSON text (the Rust serialisation).
    #[wasm_bindgen(js_name = validateJson)]
    pub fn validate_json(&self, caseJson: &JsDocument, asOf: &str) -> Result<String, JsValue> {
        report_json(Kind::Case, caseJson, &self.inner, asOf)
    }
}

/// Checks one case file against a built-in policy as of a date (`YYYY-MM-DD`).
#[wasm_bindgen]
pub fn validate(caseJson: &JsDocument, policy: &str, asOf: &str) -> Result<JsReport, JsValue> {
    report_object(&report_json(Kind::Case, caseJson, &builtin(policy)?, asOf)?)
}

/// Checks a caseload against a built-in policy as of a date (`YYYY-MM-DD`).
#[wasm_bindgen(js_name = validateCaseload)]
pub fn validate_caseload(
    caseloadJson: &JsDocument,
    policy: &str,
    asOf: &str,
) -> Result<JsReport, JsValue> {
    report_object(&report_json(
        Kind::Caseload,
        caseloadJson,
        &builtin(policy)?,
        asOf,
    )?)
}

/// Checks one case file against a built-in policy; returns the report's JSON text.
#[wasm_bindgen(js_name = validateJson)]
pub fn validate_json(caseJson: &JsDocument, policy: &str, asOf: &str) -> Result<String, JsValue> {
    report_json(Kind::Case, caseJson, &builtin(policy)?, asOf)
}

/// The names of the built-in policies.
#[wasm_bindgen]
pub fn policies() -> JsStrings {
    let list: Array = hearth::Policy::builtin_names()
        .into_iter()
        .map(JsValue::from_str)
        .collect();
    list.unchecked_into()
}

/// The committed schemas (`schemas/`, which a root test keeps equal to what
/// `hearth::schema::generate` gives), minified by build.rs. Embedding the text instead of
/// generating it keeps schemars' generator out of the module.
const SCHEMAS: [(&str, &str); 6] = [
    (
        "case-file",
        include_str!(concat!(env!("OUT_DIR"), "/case-file.json")),
    ),
    (
        "caseload",
        include_str!(concat!(env!("OUT_DIR"), "/caseload.json")),
    ),
    (
        "catalog-extension",
        include_str!(concat!(env!("OUT_DIR"), "/catalog-extension.json")),
    ),
    (
        "policy",
        include_str!(concat!(env!("OUT_DIR"), "/policy.json")),
    ),
    (
        "report",
        include_str!(concat!(env!("OUT_DIR"), "/report.json")),
    ),
    (
        "check-report",
        include_str!(concat!(env!("OUT_DIR"), "/check-report.json")),
    ),
];

/// A JSON Schema by name (`case-file`, `caseload`, `catalog-extension`, `policy`,
/// `report`, `check-report`).
#[wasm_bindgen]
pub fn schema(name: &str) -> Result<JsSchema, JsValue> {
    let text = SCHEMAS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .ok_or_else(|| {
            let known: Vec<&str> = SCHEMAS.iter().map(|(n, _)| *n).collect();
            hearth_error(&format!(
                "no schema named {name:?}; the schemas are {}",
                known.join(", ")
            ))
        })?;
    JSON::parse(text).map(JsCast::unchecked_into)
}

/// A rule's documentation (what it checks, why, what to do), by code or name.
#[wasm_bindgen]
pub fn explain(code: &str) -> Result<String, JsValue> {
    hearth_rules::registry::find(code)
        .map(|rule| rule.meta().doc_text())
        .ok_or_else(|| hearth_error("no rule with that code or name"))
}

/// Where each JSON Pointer's value stands in the text: 1-based line and column of its
/// start and end, for an editor to highlight a finding.
#[wasm_bindgen]
pub fn locate(json: &str, pointers: Vec<String>) -> JsSpans {
    let refs: Vec<&str> = pointers.iter().map(String::as_str).collect();
    let spans: Array = hearth::input::locate(json, &refs)
        .into_iter()
        .map(|span| match span {
            None => JsValue::NULL,
            Some(span) => {
                let text = format!(
                    r#"{{"start":{{"line":{},"column":{}}},"end":{{"line":{},"column":{}}},"exact":{}}}"#,
                    span.start.line, span.start.column, span.end.line, span.end.column, span.exact
                );
                JSON::parse(&text).unwrap_or(JsValue::NULL)
            }
        })
        .collect();
    spans.unchecked_into()
}
