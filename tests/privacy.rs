//! Personal data stays out of everything hearth can print about a document.
//!
//! Two checks: (1) every value the schema marks `x-personal` in the bundled samples is
//! absent from the `Debug` output of the parsed documents (embedders log `Debug`);
//! (2) every plain-text field of the input schemas is either marked personal or on an
//! explicit list of fields that are known not to carry personal data, so a new
//! free-text field cannot arrive unmarked; (3) reports never carry personal values: every
//! personal field of the samples is filled with a canary and every rule runs over them.

mod common;

use common::alternatives;
use std::path::PathBuf;

use hearth::schema::{generate, SchemaName};
use serde_json::Value;

/// Whether a schema is marked personal, or is a list of personal values.
fn is_personal(root: &Value, schema: &Value) -> bool {
    alternatives(root, schema).iter().any(|s| {
        s.get("x-personal") == Some(&Value::Bool(true))
            || s.get("items").is_some_and(|items| is_personal(root, items))
    })
}

fn strings_in(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings_in(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings_in(v, out)),
        _ => {}
    }
}

/// Collects the values found under personal fields, walking the value with its schema.
fn personal_values(root: &Value, schema: &Value, value: &Value, out: &mut Vec<String>) {
    if is_personal(root, schema) {
        strings_in(value, out);
        return;
    }
    let candidates = alternatives(root, schema);
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                if let Some(property) = candidates
                    .iter()
                    .find_map(|c| c.get("properties").and_then(|p| p.get(key)))
                {
                    personal_values(root, property, child, out);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = candidates.iter().find_map(|c| c.get("items")) {
                for item in items {
                    personal_values(root, item_schema, item, out);
                }
            }
        }
        _ => {}
    }
}

fn sample(path: &str) -> (String, Value) {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    (text, value)
}

#[test]
fn debug_output_of_parsed_samples_shows_no_personal_value() {
    let samples = [
        ("cases/icms-high-billing.json", SchemaName::CaseFile),
        ("cases/icms-low-billing.json", SchemaName::CaseFile),
        ("cases/icm-rrh.json", SchemaName::CaseFile),
        ("cases/rrh.json", SchemaName::CaseFile),
        ("cases/stl-coc.json", SchemaName::CaseFile),
        ("cases/ct-psh.json", SchemaName::CaseFile),
        ("caseloads/stl-coc-caseload.json", SchemaName::Caseload),
    ];
    for (path, name) in samples {
        let schema = generate(name);
        let (text, value) = sample(path);
        let mut personal = Vec::new();
        personal_values(&schema, &schema, &value, &mut personal);
        assert!(
            personal.len() >= 20,
            "{path}: only {} personal values found",
            personal.len()
        );
        let debug = match hearth::parse_input(&text).expect("sample loads") {
            hearth::Input::CaseFile(case) => format!("{case:?}"),
            hearth::Input::Caseload(caseload) => format!("{caseload:?}"),
            hearth::Input::CatalogExtension(_) => unreachable!("not a case file"),
        };
        assert!(debug.contains("Personal(<redacted>)"), "{path}");
        for value in personal.iter().filter(|v| v.len() >= 4) {
            assert!(
                !debug.contains(value.as_str()),
                "{path}: Debug shows personal value {value:?}"
            );
        }
    }
}

/// Plain-text fields (a string that is not an id, an enumerated value or a date) that
/// are known not to hold personal data. Anything else must be `Personal`.
const NOT_PERSONAL: &[&str] = &[
    "Assessment.band",         // an instrument band id or local band label
    "ItemAnswer.item",         // an instrument item id
    "ProgramInfo.id",          // the agency's program id
    "ProgramInfo.name",        // the program's public name
    "CatalogExtension.agency", // the agency's name
    "CatalogExtension.schema_version",
    "DomainDef.id",
    "DomainDef.title",
    "DomainDef.purpose",
    "StepDef.id",
    "StepDef.name",
    "StepDef.domain",
    "StepDef.shares_with",
    "RiskStepsDef.risk",
    "RiskStepsDef.steps",
    "Instrument.id",
    "Instrument.name",
    "Instrument.version",
    "Instrument.population",
    "Instrument.notes",
    "Component.id",
    "Component.name",
    "Band.id",
    "Band.label",
    "InstrumentStatus.note",
    // Policy files are program configuration written by staff, not participant records.
    "hearth policy file.name",
    "hearth policy file.description",
    "hearth policy file.extends",
    "Waiver.id",          // a waiver's id, cited in reports
    "Waiver.rule",        // a rule code
    "Waiver.path",        // a JSON Pointer
    "Waiver.approved_by", // a staff id
    "Waiver.reason",      // staff's justification; kept in the policy, never reported
];

fn is_plain_text(root: &Value, schema: &Value) -> bool {
    let all = alternatives(root, schema);
    if all.iter().any(|s| {
        s.get("format").is_some()
            || s.get("const").is_some()
            || s.get("enum").is_some()
            || s.get("$ref")
                .and_then(Value::as_str)
                .is_some_and(|r| r.ends_with("Id"))
    }) {
        return false;
    }
    all.iter().any(|s| match s.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    }) || all.iter().any(|s| {
        s.get("items")
            .is_some_and(|items| is_plain_text(root, items))
    })
}

#[test]
fn every_plain_text_field_is_personal_or_known_safe() {
    let mut unmarked = Vec::new();
    // The reports are hearth's own output, built from ids, codes, dates and counts; the
    // canary test below checks it carries no personal value.
    for name in SchemaName::ALL
        .into_iter()
        .filter(|n| !matches!(n, SchemaName::Report | SchemaName::CheckReport))
    {
        let root = generate(name);
        let defs = root
            .get("$defs")
            .and_then(Value::as_object)
            .unwrap_or_else(|| panic!("the {name} schema has no $defs to audit"));
        let title = root["title"].as_str().unwrap_or_default().to_owned();
        let owners = defs
            .iter()
            .map(|(k, v)| (k.clone(), v))
            .chain([(title, &root)]);
        for (owner, def) in owners {
            let variants: Vec<&Value> = alternatives(&root, def);
            for variant in variants {
                let Some(props) = variant.get("properties").and_then(Value::as_object) else {
                    continue;
                };
                for (field, schema) in props {
                    let key = format!("{owner}.{field}");
                    if is_plain_text(&root, schema)
                        && !is_personal(&root, schema)
                        && !NOT_PERSONAL.contains(&key.as_str())
                    {
                        unmarked.push(key);
                    }
                }
            }
        }
    }
    unmarked.sort();
    unmarked.dedup();
    assert!(
        unmarked.is_empty(),
        "plain-text fields neither Personal nor listed as safe (wrap them in Personal, \
         or add them to NOT_PERSONAL with the reason):\n{}",
        unmarked.join("\n")
    );
}

/// The audit is not vacuous: an unmarked free-text field is caught.
#[test]
fn the_audit_catches_an_unmarked_text_field() {
    let root = serde_json::json!({"$defs": {}});
    assert!(is_plain_text(
        &root,
        &serde_json::json!({"type": ["string", "null"]})
    ));
    assert!(is_plain_text(
        &root,
        &serde_json::json!({"type": "array", "items": {"type": "string"}})
    ));
    assert!(!is_plain_text(
        &root,
        &serde_json::json!({"type": "string", "format": "date"})
    ));
    assert!(!is_plain_text(
        &root,
        &serde_json::json!({"$ref": "#/$defs/GoalId"})
    ));
}

/// Names of the fields the case-file schema marks personal.
fn personal_fields() -> std::collections::BTreeSet<String> {
    let root = generate(SchemaName::CaseFile);
    let mut fields = std::collections::BTreeSet::new();
    for def in root["$defs"].as_object().unwrap().values() {
        for variant in alternatives(&root, def) {
            if let Some(props) = variant.get("properties").and_then(Value::as_object) {
                for (field, schema) in props {
                    if is_personal(&root, schema) {
                        fields.insert(field.clone());
                    }
                }
            }
        }
    }
    fields
}

/// Replaces every personal value below `value` with a canary (dates with a canary date).
fn fill_canaries(value: &mut Value, personal: &std::collections::BTreeSet<String>, n: &mut usize) {
    fn canary(v: &mut Value, n: &mut usize) {
        match v {
            Value::String(s) => {
                *n += 1;
                *s = if s.len() == 10 && s.as_bytes().get(4) == Some(&b'-') {
                    "1901-02-03".to_owned()
                } else {
                    format!("CANARY{n:04}")
                };
            }
            Value::Array(items) => items.iter_mut().for_each(|i| canary(i, n)),
            _ => {}
        }
    }
    match value {
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                if personal.contains(key) && (v.is_string() || v.is_array()) {
                    canary(v, n);
                } else {
                    fill_canaries(v, personal, n);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| fill_canaries(i, personal, n)),
        _ => {}
    }
}

#[test]
fn reports_never_carry_personal_values() {
    let personal = personal_fields();
    assert!(
        personal.contains("note") && personal.contains("name"),
        "{personal:?}"
    );
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let files = [
        "cases/icms-high-billing.json",
        "cases/icms-low-billing.json",
        "cases/icm-rrh.json",
        "cases/rrh.json",
        "cases/stl-coc.json",
        "cases/ct-psh.json",
        "caseloads/stl-coc-caseload.json",
    ];
    let everything = hearth::Policy::all_rules("everything");
    for file in files {
        let mut doc: Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        let mut filled = 0;
        fill_canaries(&mut doc, &personal, &mut filled);
        assert!(filled > 10, "{file}: only {filled} personal values to fill");
        let input = hearth::parse_input(&doc.to_string()).unwrap();
        let mut policies: Vec<hearth::Policy> = hearth::Policy::builtin_names()
            .into_iter()
            .map(|n| hearth::Policy::builtin(n).unwrap())
            .collect();
        policies.push(everything.clone());
        for policy in &policies {
            for as_of in ["2025-06-30", "2026-01-19", "2026-11-20"] {
                let as_of = as_of.parse().unwrap();
                let report = match &input {
                    hearth::Input::CaseFile(c) => hearth::validate(c, policy, as_of),
                    hearth::Input::Caseload(c) => hearth::validate_caseload(c, policy, as_of),
                    hearth::Input::CatalogExtension(_) => unreachable!(),
                };
                let text = serde_json::to_string(&report).unwrap();
                assert!(
                    !text.contains("CANARY") && !text.contains("1901-02-03"),
                    "{file} under {}: a personal value reached the report",
                    policy.name()
                );
            }
        }
    }
}
