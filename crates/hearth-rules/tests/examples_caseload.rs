//! The caseload rule (LOAD001) over the example data. The `icm-rrh` policy turns it on,
//! but the only `icm-rrh` example is a single case file, where a caseload rule does
//! nothing; the St. Louis caseload (two open files across four case managers) is well
//! under the ratio.

use std::path::{Path, PathBuf};

use hearth_rules::{Policy, Validator};

fn data(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(file)
}

#[test]
fn load001_is_silent_on_the_examples() {
    let policy = Policy::empty("x").with_rule("LOAD001").unwrap();
    let validator = Validator::new(&policy);

    let text = std::fs::read_to_string(data("cases/icm-rrh.json")).unwrap();
    let case = hearth_model::parse_case_file(&text).unwrap();
    let report = validator.validate(&case, "2026-10-22".parse().unwrap());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);

    let text = std::fs::read_to_string(data("caseloads/stl-coc-caseload.json")).unwrap();
    let caseload = hearth_model::parse_caseload(&text).unwrap();
    let report = validator.validate_caseload(&caseload, "2026-10-23".parse().unwrap());
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn order_of_roster_and_case_files_does_not_change_findings() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/LOAD001/fail.json");
    let text = std::fs::read_to_string(path).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let policy = Policy::empty("x").with_rule("LOAD001").unwrap();
    let validator = Validator::new(&policy);
    let summary = |v: &serde_json::Value| {
        let caseload = hearth_model::parse_caseload(&v.to_string()).unwrap();
        let report = validator.validate_caseload(&caseload, "2026-06-30".parse().unwrap());
        let mut f: Vec<_> = report
            .findings
            .into_iter()
            .map(|f| (f.severity, f.kind, f.message))
            .collect();
        f.sort();
        f
    };
    let before = summary(&value);
    for key in ["staff", "case_files"] {
        if let Some(items) = value.get_mut(key).and_then(|v| v.as_array_mut()) {
            items.reverse();
        }
    }
    assert_eq!(before, summary(&value));
}
