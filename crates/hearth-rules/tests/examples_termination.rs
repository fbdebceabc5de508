//! The termination rules (TERM001–TERM007) over the example data: each reports exactly
//! the deliberate lapses `examples/data/README.md` lists for its requirement, and nothing
//! else, in every example file whose built-in policy turns it on (`stl-coc`).

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

const CODES: [&str; 7] = [
    "TERM001", "TERM002", "TERM003", "TERM004", "TERM005", "TERM006", "TERM007",
];

#[test]
fn stl_coc_case_file_gives_only_the_roster_not_evaluated() {
    for code in CODES {
        let expected = if code == "TERM003" {
            vec![(
                code.to_owned(),
                FindingKind::NotEvaluated,
                "/enrollments/0/termination/review/reviewed_by".to_owned(),
            )]
        } else {
            vec![]
        };
        assert_eq!(
            run(code, "cases/stl-coc.json", "2026-01-19"),
            expected,
            "{code}"
        );
    }
}

#[test]
fn stl_coc_caseload_gives_the_listed_lapses() {
    for code in CODES {
        let expected: &[&str] = match code {
            "TERM003" => &["/case_files/1/enrollments/0/termination/review/reviewed_by"],
            "TERM006" => &["/case_files/1/enrollments/0/termination/resources_given/written"],
            "TERM007" => &["/case_files/1/entry_decisions/0"],
            _ => &[],
        };
        let expected: Vec<_> = expected
            .iter()
            .map(|p| (code.to_owned(), FindingKind::Violation, (*p).to_owned()))
            .collect();
        assert_eq!(
            run(code, "caseloads/stl-coc-caseload.json", "2026-10-23"),
            expected,
            "{code}"
        );
    }
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
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut inputs: Vec<(&str, PathBuf, &str)> = CODES
        .iter()
        .map(|&code| (code, fixtures.join(code).join("fail.json"), "2026-06-30"))
        .collect();
    inputs.extend(
        CODES
            .iter()
            .map(|&code| (code, data("caseloads/stl-coc-caseload.json"), "2026-10-23")),
    );
    for (code, path, as_of) in inputs {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let policy = Policy::empty("x").with_rule(code).unwrap();
        let validator = Validator::new(&policy);
        let as_of = as_of.parse().unwrap();
        let summary = |v: &serde_json::Value| {
            let report = if v.get("case_files").is_some() {
                let caseload = hearth_model::parse_caseload(&v.to_string()).unwrap();
                validator.validate_caseload(&caseload, as_of)
            } else {
                let case = hearth_model::parse_case_file(&v.to_string()).unwrap();
                validator.validate(&case, as_of)
            };
            let mut f: Vec<_> = report
                .findings
                .into_iter()
                .map(|f| (f.code, f.severity, f.on, f.message))
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
        assert_eq!(before, summary(&value), "{code} on {}", path.display());
    }
}
