//! Every rule has a fixture that fails and one that passes, under
//! `tests/fixtures/CODE/{fail,pass}.json`, checked as of [`AS_OF`] with only that rule on
//! (or with `tests/fixtures/CODE/policy.toml` when the fixture needs parameters or
//! waivers). The reports are snapshotted with insta.
//!
//! A fixture is a case file, or a caseload when its top-level keys include `case_files`.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use hearth_rules::{registry, FindingKind, Policy, Report, Validator};

/// The evaluation date of every fixture.
const AS_OF: &str = "2026-06-30";

fn fixture_dir(code: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(code)
}

fn run(code: &str, which: &str) -> Report {
    let dir = fixture_dir(code);
    let path = dir.join(format!("{which}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{code}: cannot read {}: {e}", path.display()));
    let policy = match std::fs::read_to_string(dir.join("policy.toml")) {
        Ok(toml) => Policy::from_toml(&toml).unwrap_or_else(|e| panic!("{code}: policy.toml: {e}")),
        Err(_) => Policy::empty("fixture")
            .with_rule(code)
            .unwrap_or_else(|e| panic!("{code}: {e}")),
    };
    let as_of: NaiveDate = AS_OF.parse().unwrap();
    let validator = Validator::new(&policy);
    let keys = hearth_model::top_level_keys(&text).unwrap_or_default();
    if keys.iter().any(|k| k == "case_files") {
        let caseload = hearth_model::parse_caseload(&text)
            .unwrap_or_else(|e| panic!("{code}/{which}.json: {e}"));
        validator.validate_caseload(&caseload, as_of)
    } else {
        let case = hearth_model::parse_case_file(&text)
            .unwrap_or_else(|e| panic!("{code}/{which}.json: {e}"));
        validator.validate(&case, as_of)
    }
}

/// Checks every rule whose code starts with `prefix`.
fn check_area(prefix: &str) {
    let rules: Vec<_> = registry::all()
        .iter()
        .filter(|r| {
            let code = r.meta().code;
            code.starts_with(prefix) && code[prefix.len()..].chars().all(|c| c.is_ascii_digit())
        })
        .collect();
    for rule in rules {
        let code = rule.meta().code;
        let fail = run(code, "fail");
        let own: Vec<_> = fail
            .findings
            .iter()
            .filter(|f| f.code == code && f.kind == FindingKind::Violation)
            .collect();
        assert!(!own.is_empty(), "{code}: fail.json gives no {code} finding");
        insta::assert_json_snapshot!(format!("{code}-fail"), fail);

        let pass = run(code, "pass");
        let violations: Vec<_> = pass
            .findings
            .iter()
            .filter(|f| f.code == code && !f.is_waived())
            .collect();
        assert!(
            violations.is_empty(),
            "{code}: pass.json gives findings: {violations:#?}"
        );
        insta::assert_json_snapshot!(format!("{code}-pass"), pass);
    }
}

#[test]
fn every_rule_has_both_fixtures() {
    for rule in registry::all() {
        let code = rule.meta().code;
        for which in ["fail", "pass"] {
            let path = fixture_dir(code).join(format!("{which}.json"));
            assert!(path.is_file(), "{code}: missing {}", path.display());
        }
    }
}

#[test]
fn plan_fixtures() {
    check_area("PLAN");
}

#[test]
fn visit_fixtures() {
    check_area("VISIT");
}

#[test]
fn assessment_fixtures() {
    check_area("ASMT");
}

#[test]
fn consent_fixtures() {
    check_area("CONS");
}

#[test]
fn rights_fixtures() {
    check_area("RIGHTS");
}

#[test]
fn risk_fixtures() {
    check_area("RISK");
}

#[test]
fn termination_fixtures() {
    check_area("TERM");
}

#[test]
fn exit_fixtures() {
    check_area("EXIT");
}

#[test]
fn caseload_fixtures() {
    check_area("LOAD");
}

#[test]
fn waiver_fixtures() {
    check_area("WAIVER");
}

#[test]
fn data_fixtures() {
    check_area("DATA");
}

/// The data fixtures that fail hold the records other rules find hardest: a supervisor
/// loop under a termination review (TERM003 walks the chain), duplicate ids that
/// references cannot tell apart, dates out of order, references to nothing. Every
/// registered rule runs over each of them and ends, and the data rule still reports.
#[test]
fn every_rule_ends_on_the_broken_records_of_the_data_fixtures() {
    let policy = Policy::all_rules("everything");
    let as_of: NaiveDate = AS_OF.parse().unwrap();
    let validator = Validator::new(&policy);
    for rule in registry::all() {
        let code = rule.meta().code;
        if !code.starts_with("DATA") {
            continue;
        }
        let path = fixture_dir(code).join("fail.json");
        let text = std::fs::read_to_string(&path).unwrap();
        let keys = hearth_model::top_level_keys(&text).unwrap();
        let report = if keys.iter().any(|k| k == "case_files") {
            validator.validate_caseload(&hearth_model::parse_caseload(&text).unwrap(), as_of)
        } else {
            validator.validate(&hearth_model::parse_case_file(&text).unwrap(), as_of)
        };
        assert!(
            report.findings.iter().any(|f| f.code == code),
            "{code}: no {code} finding with every rule on"
        );
        let others = report.findings.iter().filter(|f| f.code != code).count();
        assert!(others > 0, "{code}: no other rule reported anything");
    }
}
