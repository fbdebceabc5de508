//! Shared by the integration tests: the example case files, the vendored R4 schema.

#![allow(dead_code)]

use std::path::PathBuf;

use hearth_model::CaseFile;
use serde_json::Value;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every example case file: `examples/data/cases/*.json` and the case files inside
/// `examples/data/caseloads/*.json`, with a name for messages. Fails (never skips) when
/// a file cannot be read.
pub fn example_cases() -> Vec<(String, CaseFile)> {
    let mut out = Vec::new();
    let data = root().join("examples/data");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(data.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    cases.sort();
    for path in cases {
        let text = std::fs::read_to_string(&path).unwrap();
        let case = hearth_model::parse_case_file(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push((path.display().to_string(), case));
    }
    let mut caseloads: Vec<PathBuf> = std::fs::read_dir(data.join("caseloads"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    caseloads.sort();
    for path in caseloads {
        let text = std::fs::read_to_string(&path).unwrap();
        let caseload = hearth_model::parse_caseload(&text)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (i, case) in caseload.case_files.into_iter().enumerate() {
            out.push((format!("{}#{i}", path.display()), case));
        }
    }
    assert!(out.len() >= 7, "the examples are missing");
    out
}

/// The official FHIR R4 JSON Schema, vendored (see `schema/README.md`), draft 06.
pub fn validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/fhir.schema.json"),
    )
    .unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft6)
        .build(&schema)
        .unwrap()
}

/// The schema errors of a document, each with its instance path.
pub fn schema_errors(validator: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}
