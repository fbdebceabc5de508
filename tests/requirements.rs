//! `docs/requirements.md` maps every requirement id to the fields that record it. This
//! test keeps that map honest: every id is listed, the Check count matches the domain
//! list, and every field path exists in the generated schema or the built-in catalog.

mod common;

use common::alternatives;
use std::collections::BTreeMap;

use hearth::schema::{generate, SchemaName};
use hearth::Catalog;
use serde_json::{json, Value};

/// Every requirement id of the domain list, with its kind.
const REQUIREMENTS: &[(&str, &str)] = &[
    ("R-CAT-1", "Model"),
    ("R-CAT-2", "Model"),
    ("R-CAT-3", "Model"),
    ("R-CAT-4", "Model"),
    ("R-RISK-1", "Model"),
    ("R-RISK-2", "Model"),
    ("R-RISK-3", "Model"),
    ("R-RISK-4", "Check"),
    ("R-RISK-5", "Check"),
    ("R-RISK-6", "Check"),
    ("R-PLAN-1", "Check"),
    ("R-PLAN-2", "Check"),
    ("R-PLAN-3", "Check"),
    ("R-PLAN-4", "Check"),
    ("R-PLAN-5", "Check"),
    ("R-PLAN-6", "Check"),
    ("R-PLAN-7", "Check"),
    ("R-PLAN-8", "Check"),
    ("R-PLAN-9", "Check"),
    ("R-PLAN-10", "Model"),
    ("R-VISIT-1", "Check"),
    ("R-VISIT-2", "Check"),
    ("R-VISIT-3", "Check"),
    ("R-VISIT-4", "Check"),
    ("R-VISIT-5", "Check"),
    ("R-VISIT-6", "Check"),
    ("R-VISIT-7", "Check"),
    ("R-VISIT-8", "Check"),
    ("R-VISIT-9", "Check"),
    ("R-VISIT-10", "Check"),
    ("R-ASMT-1", "Check"),
    ("R-ASMT-2", "Check"),
    ("R-ASMT-3", "Check"),
    ("R-ASMT-4", "Model"),
    ("R-ASMT-5", "Check"),
    ("R-ASMT-6", "Check"),
    ("R-ASMT-7", "Check"),
    ("R-CONS-1", "Check"),
    ("R-CONS-2", "Model"),
    ("R-TERM-1", "Check"),
    ("R-TERM-2", "Check"),
    ("R-TERM-3", "Check"),
    ("R-TERM-4", "Check"),
    ("R-TERM-5", "Check"),
    ("R-TERM-6", "Check"),
    ("R-TERM-7", "Check"),
    ("R-RIGHTS-1", "Check"),
    ("R-EXIT-1", "Model"),
    ("R-EXIT-2", "Check"),
    ("R-EXIT-3", "Model"),
    ("R-EXIT-4", "Guidance"),
];

struct Row {
    kind: String,
    paths: Vec<String>,
}

fn table() -> BTreeMap<String, Row> {
    let text = include_str!("../docs/requirements.md");
    let mut rows = BTreeMap::new();
    for line in text.lines().filter(|l| l.starts_with("| R-")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 4, "malformed row: {line}");
        let paths = cells[3]
            .split('`')
            .enumerate()
            .filter(|(i, _)| i % 2 == 1)
            .map(|(_, p)| p.to_owned())
            .collect();
        let previous = rows.insert(
            cells[0].to_owned(),
            Row {
                kind: cells[1].to_owned(),
                paths,
            },
        );
        assert!(previous.is_none(), "{} listed twice", cells[0]);
    }
    rows
}

#[test]
fn every_requirement_is_mapped_with_its_kind() {
    let rows = table();
    for (id, kind) in REQUIREMENTS {
        let row = rows
            .get(*id)
            .unwrap_or_else(|| panic!("{id} is missing from docs/requirements.md"));
        assert_eq!(row.kind, *kind, "{id}");
        if *kind != "Guidance" {
            assert!(!row.paths.is_empty(), "{id} names no field");
        }
    }
    assert_eq!(
        rows.len(),
        REQUIREMENTS.len(),
        "docs/requirements.md lists ids the domain does not have"
    );
    let checks = REQUIREMENTS.iter().filter(|(_, k)| *k == "Check").count();
    assert_eq!(checks, 38, "the domain list has 38 Check requirements");
}

fn schema_has(root: &Value, node: &Value, segments: &[&str]) -> bool {
    let Some((first, rest)) = segments.split_first() else {
        return true;
    };
    let (name, into_items) = match first.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (*first, false),
    };
    alternatives(root, node).into_iter().any(|candidate| {
        let Some(field) = candidate.get("properties").and_then(|p| p.get(name)) else {
            return false;
        };
        if into_items {
            alternatives(root, field)
                .into_iter()
                .filter_map(|f| f.get("items"))
                .any(|items| schema_has(root, items, rest))
        } else {
            schema_has(root, field, rest)
        }
    })
}

fn value_has(node: &Value, segments: &[&str]) -> bool {
    let Some((first, rest)) = segments.split_first() else {
        return true;
    };
    let (name, into_items) = match first.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (*first, false),
    };
    match (node.get(name), into_items) {
        (Some(Value::Array(items)), true) => items.iter().any(|item| value_has(item, rest)),
        (Some(value), false) => value_has(value, rest),
        _ => false,
    }
}

#[test]
fn every_mapped_field_exists() {
    let case = generate(SchemaName::CaseFile);
    let caseload = generate(SchemaName::Caseload);
    let extension = generate(SchemaName::CatalogExtension);
    let c = Catalog::builtin();
    let catalog = json!({
        "domains": c.domains(),
        "steps": c.steps(),
        "risks": c.risks(),
        "risk_categories": c.risk_categories(),
        "instruments": c.instruments(),
    });
    let mut missing = Vec::new();
    for (id, row) in table() {
        for path in &row.paths {
            let (document, field) = path
                .split_once(": ")
                .unwrap_or_else(|| panic!("{id}: no document in {path}"));
            let segments: Vec<&str> = field.split('.').collect();
            let found = match document {
                "case" => schema_has(&case, &case, &segments),
                "caseload" => schema_has(&caseload, &caseload, &segments),
                "extension" => schema_has(&extension, &extension, &segments),
                "catalog" => value_has(&catalog, &segments),
                other => panic!("{id}: unknown document {other}"),
            };
            if !found {
                missing.push(format!("{id}: {path}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "paths in docs/requirements.md that do not exist:\n{}",
        missing.join("\n")
    );
}

/// The resolver is not vacuous.
#[test]
fn a_misspelt_path_is_reported() {
    let case = generate(SchemaName::CaseFile);
    assert!(schema_has(
        &case,
        &case,
        &["enrollments[]", "care_plan", "goals[]", "status"]
    ));
    assert!(!schema_has(
        &case,
        &case,
        &["enrollments[]", "care_plan", "goals[]", "statsu"]
    ));
    assert!(!schema_has(&case, &case, &["enrollments", "care_plan"]));
}
