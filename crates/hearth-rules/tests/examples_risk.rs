//! The risk rules (RISK001–RISK003) over the example data: each reports exactly the
//! deliberate lapses `examples/data/README.md` lists for its requirement, and nothing
//! else, in every example file whose built-in policy turns it on.

use std::path::{Path, PathBuf};

use hearth_rules::{FindingKind, Policy, Report, Validator};

fn data(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(file)
}

/// Runs only `code` over `file` as of `as_of`; returns (code, kind, path) of every finding.
fn run(code: &str, file: &str, as_of: &str) -> Vec<(String, FindingKind, String)> {
    let text = std::fs::read_to_string(data(file)).unwrap();
    let policy = Policy::empty("x").with_rule(code).unwrap();
    let validator = Validator::new(&policy);
    let as_of = as_of.parse().unwrap();
    let report: Report = if file.starts_with("caseloads/") {
        validator.validate_caseload(&hearth_model::parse_caseload(&text).unwrap(), as_of)
    } else {
        validator.validate(&hearth_model::parse_case_file(&text).unwrap(), as_of)
    };
    let mut found: Vec<_> = report
        .findings
        .into_iter()
        .map(|f| (f.code, f.kind, f.path))
        .collect();
    found.sort_by(|a, b| (&a.0, &a.2).cmp(&(&b.0, &b.2)));
    found
}

fn violation(code: &str, path: &str) -> (String, FindingKind, String) {
    (code.to_owned(), FindingKind::Violation, path.to_owned())
}

#[test]
fn risk001_on_icms_files() {
    assert_eq!(
        run("RISK001", "cases/icms-high-billing.json", "2026-02-20"),
        vec![violation(
            "RISK001",
            "/enrollments/0/risk_observations/0/responses"
        )]
    );
    assert_eq!(
        run("RISK001", "cases/icms-low-billing.json", "2026-04-17"),
        vec![violation("RISK001", "/enrollments/0/risk_observations/2")]
    );
}

#[test]
fn risk002_on_ct_psh_and_stl_coc() {
    assert_eq!(run("RISK002", "cases/ct-psh.json", "2026-11-09"), vec![]);
    assert_eq!(run("RISK002", "cases/stl-coc.json", "2026-01-19"), vec![]);
    assert_eq!(
        run("RISK002", "caseloads/stl-coc-caseload.json", "2026-10-23"),
        vec![]
    );
}

#[test]
fn risk003_on_ct_psh() {
    assert_eq!(run("RISK003", "cases/ct-psh.json", "2026-11-09"), vec![]);
}

/// Every list of `value` reversed, recursively: the same records in another order.
fn reversed(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Array(items) => {
            items.reverse();
            items.iter_mut().for_each(reversed);
        }
        serde_json::Value::Object(map) => map.values_mut().for_each(reversed),
        _ => {}
    }
}

#[test]
fn order_of_lists_does_not_change_findings() {
    for (code, file, as_of) in [
        ("RISK001", "cases/icms-high-billing.json", "2026-02-20"),
        ("RISK001", "cases/icms-low-billing.json", "2026-04-17"),
        ("RISK001", "FIXTURE", "2026-06-30"),
        ("RISK002", "FIXTURE", "2026-06-30"),
        ("RISK003", "FIXTURE", "2026-06-30"),
        ("RISK002", "cases/ct-psh.json", "2026-11-09"),
        ("RISK003", "cases/ct-psh.json", "2026-11-09"),
    ] {
        let path = if file == "FIXTURE" {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures")
                .join(code)
                .join("fail.json")
        } else {
            data(file)
        };
        let text = std::fs::read_to_string(path).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let policy = Policy::empty("x").with_rule(code).unwrap();
        let validator = Validator::new(&policy);
        let as_of = as_of.parse().unwrap();
        let summary = |v: &serde_json::Value| {
            let case = hearth_model::parse_case_file(&v.to_string()).unwrap();
            let report = validator.validate(&case, as_of);
            let mut f: Vec<_> = report
                .findings
                .into_iter()
                .map(|f| (f.code, f.on, f.message))
                .collect();
            f.sort();
            let mut o: Vec<_> = report
                .obligations
                .into_iter()
                .map(|o| (o.kind, o.due_on, o.done_on, o.description))
                .collect();
            o.sort();
            (f, o)
        };
        let before = summary(&value);
        reversed(&mut value);
        assert_eq!(before, summary(&value), "{code} on {file}");
    }
}
