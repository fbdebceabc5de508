//! No personal value or free text of a case file reaches its Bundle.

mod common;

use hearth_catalog::Catalog;
use serde_json::Value;

/// Keys of the case-file format whose values are personal or free text (the fields
/// wrapped in `Personal` in hearth-model).
const PERSONAL_KEYS: &[&str] = &[
    "personal",
    "name",
    "statement",
    "measure",
    "strengths",
    "participant_words",
    "description",
    "note",
    "summary",
    "details",
    "breach_terms",
    "housing_risk",
    "option",
    "factors_for",
    "factors_against",
    "landlord_non_negotiables",
    "tenant_non_negotiables",
];

fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(list) => list.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

fn personal(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Array(list) => list.iter().for_each(|v| personal(v, out)),
        Value::Object(map) => {
            for (key, child) in map {
                if PERSONAL_KEYS.contains(&key.as_str()) {
                    strings(child, out);
                } else {
                    personal(child, out);
                }
            }
        }
        _ => {}
    }
}

#[test]
fn no_personal_value_or_free_text_is_exported() {
    let catalog = Catalog::builtin();
    let mut checked = 0;
    for (name, case) in common::example_cases() {
        let json = serde_json::to_value(&case).unwrap();
        let mut values = Vec::new();
        personal(&json, &mut values);
        let bundle = serde_json::to_string(&hearth_fhir::to_bundle(&case, &catalog)).unwrap();
        for value in values.iter().filter(|v| v.len() >= 4) {
            assert!(
                !bundle.contains(value.as_str()),
                "{name}: a personal value was exported"
            );
            checked += 1;
        }
    }
    // The examples hold names, addresses, goal statements and notes: the test checks them.
    assert!(checked > 50, "only {checked} personal values found");
}
