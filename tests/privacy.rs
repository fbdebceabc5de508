//! Personal data stays out of everything hearth can print about a document.
//!
//! Three checks: (1) every value the schema marks `x-personal` in the bundled samples is
//! absent from the `Debug` output of the parsed documents (embedders log `Debug`);
//! (2) every plain-text field of the input schemas is either marked personal or on an
//! explicit list of fields that are known not to carry personal data, so a new
//! free-text field cannot arrive unmarked; (3) reports never carry personal values: every
//! personal and every plain-text field of the samples (found by the schema, see
//! `common::fill_canaries`) is filled with a canary and every rule runs over them. The
//! command-line outputs get the same treatment in `crates/hearth-cli/tests/privacy_canaries.rs`.

mod common;

use common::{alternatives, fill_canaries, is_personal, is_plain_text, Canaries};
use std::path::PathBuf;

use hearth::schema::{generate, SchemaName};
use serde_json::Value;

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
            other => unreachable!("not a case file: {other:?}"),
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
    // Imported records: an id and where they came from (file name, source id), no content.
    "Household.id",         // the source system's household id
    "Provenance.file",      // a file name within the export, e.g. Enrollment.csv
    "Provenance.record_id", // the source system's record id
    "RawCode.column",       // an HMIS column name, e.g. Destination
    "RawCode.value",        // a raw HMIS code, e.g. 312 (codes only, never free text)
    // The HMIS import's map and summary: configuration and the export's own header.
    "Map.time_zone",            // an IANA zone name
    "ProjectTypeCount.program", // hearth program names
    "Summary.csv_version",      // the export's CSVVersion, checked against the supported list
    "Summary.export_start",     // the export period's dates
    "Summary.export_end",
    "Summary.time_zone", // an IANA zone name
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

#[test]
fn reports_never_carry_personal_values() {
    let files = [
        ("cases/icms-high-billing.json", SchemaName::CaseFile),
        ("cases/icms-low-billing.json", SchemaName::CaseFile),
        ("cases/icm-rrh.json", SchemaName::CaseFile),
        ("cases/rrh.json", SchemaName::CaseFile),
        ("cases/stl-coc.json", SchemaName::CaseFile),
        ("cases/ct-psh.json", SchemaName::CaseFile),
        ("caseloads/stl-coc-caseload.json", SchemaName::Caseload),
    ];
    let everything = hearth::Policy::all_rules("everything");
    for (file, name) in files {
        let root = generate(name);
        let (_, mut doc) = sample(file);
        let mut canaries = Canaries::default();
        fill_canaries(&root, &root, &mut doc, "", &mut canaries);
        let filled = |suffix: &str| canaries.written.iter().any(|(_, at)| at.ends_with(suffix));
        assert!(
            canaries.written.len() > 10 && filled("/note") && filled("/personal/name"),
            "{file}: only {} values filled",
            canaries.written.len()
        );
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
                    other => unreachable!("not checkable: {other:?}"),
                };
                let text = serde_json::to_string(&report).unwrap();
                let leaks = canaries.leaks(&text);
                assert!(
                    leaks.is_empty(),
                    "{file} under {} as of {as_of}: input values reached the report: {leaks:?}",
                    policy.name()
                );
            }
        }
    }
}
