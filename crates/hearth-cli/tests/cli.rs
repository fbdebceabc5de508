//! End-to-end tests of the built `hearth` binary: output, exit codes, privacy.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn hearth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .current_dir(repo())
        .output()
        .expect("the hearth binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearth-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn catalog_steps_json_has_the_documented_fields() {
    let out = hearth(&["catalog", "steps", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let steps: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    assert_eq!(steps.len(), 73);
    for step in &steps {
        for field in ["id", "name", "domain"] {
            assert!(step[field].is_string(), "{field} in {step}");
        }
        assert!(step["needs_consent"].is_boolean(), "{step}");
    }
    let arrears = steps
        .iter()
        .find(|s| s["id"] == "resolve-arrears")
        .expect("resolve-arrears");
    assert_eq!(arrears["name"], "Resolve Arrears");
    assert_eq!(arrears["domain"], "prevent-eviction");
}

#[test]
fn catalog_risks_json_has_the_documented_fields() {
    let out = hearth(&["catalog", "risks", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let risks: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    assert_eq!(risks.len(), 18);
    for risk in &risks {
        for field in ["id", "name", "category"] {
            assert!(risk[field].is_string(), "{field} in {risk}");
        }
        assert!(
            risk["steps"].as_array().is_some_and(|s| !s.is_empty()),
            "{risk}"
        );
    }
}

#[test]
fn catalog_with_an_extension_lists_the_agency_steps() {
    let out = hearth(&[
        "catalog",
        "steps",
        "--domain",
        "benefits-navigation",
        "--extension",
        "examples/data/extensions/eastside-agency.json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("apply-for-food-benefits"));
}

#[test]
fn unknown_ids_exit_2_with_a_suggestion() {
    let out = hearth(&["catalog", "risks", "--category", "lease-violation"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean \"lease-violations\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn inspect_loads_every_bundled_sample() {
    let out = hearth(&["inspect", "examples/data"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.ends_with("8 documents read, 8 loaded, 0 could not be read\n"),
        "{text}"
    );
    assert!(
        text.contains("case file ICMS-H-0417: 1 enrollment [icms high-billing from 2025-06-03]"),
        "{text}"
    );
}

#[test]
fn inspect_reports_a_broken_file_with_its_location_and_keeps_going() {
    let dir = scratch("broken");
    std::fs::write(
        dir.join("a-broken.json"),
        "{\"schema_version\": \"1.0\",\n \"participant\": {\"id\": \"P-1\", \"veteran\": \"CANARY Jordan Example\"}}",
    )
    .unwrap();
    std::fs::copy(
        repo().join("examples/data/cases/rrh.json"),
        dir.join("b-good.json"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not json, not read").unwrap();
    std::fs::write(dir.join("c-latin1.json"), b"{\"participant\": \"Jos\xe9\"}").unwrap();
    std::fs::write(
        dir.join("d-clashing-extension.json"),
        r#"{"schema_version": "1.0", "agency": "A", "steps": [
            {"id": "resolve-arrears", "name": "Again", "domain": "wellness", "needs_consent": false}]}"#,
    )
    .unwrap();
    let out = hearth(&["inspect", dir.to_str().unwrap()]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("a-broken.json: error: 2:"), "{text}");
    assert!(text.contains("(at /participant/veteran)"), "{text}");
    assert!(text.contains("b-good.json: case file RRH-1150"), "{text}");
    assert!(
        text.contains("c-latin1.json: error: not UTF-8 text (invalid byte at offset 20)"),
        "{text}"
    );
    assert!(
        text.contains("d-clashing-extension.json: error: ") && text.contains("resolve-arrears"),
        "{text}"
    );
    assert!(
        text.ends_with("4 documents read, 1 loaded, 3 could not be read\n"),
        "{text}"
    );
    assert!(
        !text.contains("CANARY") && !stderr(&out).contains("CANARY"),
        "{text}"
    );
}

#[test]
fn inspect_never_prints_personal_values_of_a_loaded_file() {
    let out = hearth(&["inspect", "examples/data"]);
    let text = stdout(&out);
    let sample =
        std::fs::read_to_string(repo().join("examples/data/cases/icms-high-billing.json")).unwrap();
    let case: Value = serde_json::from_str(&sample).unwrap();
    let personal = &case["participant"]["personal"];
    for field in ["name", "address", "phone", "birth_date"] {
        let value = personal[field]
            .as_str()
            .expect("the sample fills personal fields");
        assert!(!text.contains(value), "{field} leaked: {text}");
    }
}

#[test]
fn missing_paths_and_bad_flags_exit_2() {
    let out = hearth(&["inspect", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read no/such/dir"),
        "{}",
        stderr(&out)
    );
    let out = hearth(&["inspect", "--no-such-flag", "x"]);
    assert_eq!(out.status.code(), Some(2));
    let empty = scratch("empty");
    let out = hearth(&["inspect", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no documents found"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn schema_prints_and_writes_the_committed_schemas() {
    let committed = std::fs::read_to_string(repo().join("schemas/case-file.schema.json")).unwrap();
    let out = hearth(&["schema", "case-file"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out) == committed,
        "printed case-file schema differs from schemas/"
    );

    let dir = scratch("schemas");
    let out = hearth(&["schema", "--out-dir", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in ["case-file", "caseload", "catalog-extension"] {
        let file = format!("{name}.schema.json");
        let written = std::fs::read_to_string(dir.join(&file)).unwrap();
        let committed = std::fs::read_to_string(repo().join("schemas").join(&file)).unwrap();
        assert!(
            written == committed,
            "{file} differs from the committed schema"
        );
    }

    let out = hearth(&["schema", "case"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("case-file, caseload, catalog-extension"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rules_lists_a_rule_for_every_check_requirement() {
    let out = hearth(&["rules", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rules: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    let cited: std::collections::BTreeSet<&str> = rules
        .iter()
        .flat_map(|r| r["requirements"].as_array().unwrap().iter())
        .filter_map(Value::as_str)
        .collect();
    let check_ids: Vec<&str> = include_str!("../../../docs/requirements.md")
        .lines()
        .filter(|l| l.starts_with("| R-") && l.contains("| Check |"))
        .filter_map(|l| l.trim_matches('|').split('|').next().map(str::trim))
        .collect();
    assert_eq!(check_ids.len(), 38);
    for id in check_ids {
        assert!(cited.contains(id), "no rule cites {id}");
    }
    for rule in &rules {
        for field in ["code", "name", "severity", "summary"] {
            assert!(rule[field].is_string(), "{field} in {rule}");
        }
    }
    let text = stdout(&hearth(&["rules"]));
    assert!(text.contains("PLAN001    too-many-active-goals"), "{text}");
}

#[test]
fn check_with_an_unknown_policy_exits_2_with_a_suggestion() {
    let out = hearth(&[
        "check",
        "--policy",
        "stl-cco",
        "--as-of",
        "2026-01-19",
        "examples/data/cases/stl-coc.json",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean \"stl-coc\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rules_with_a_policy_and_a_selection() {
    let out = hearth(&[
        "rules",
        "--format",
        "json",
        "--policy",
        "rrh",
        "--select",
        "PLAN,VISIT001",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rules: Vec<Value> = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    assert!(!rules.is_empty());
    for rule in &rules {
        let code = rule["code"].as_str().unwrap();
        assert!(code.starts_with("PLAN") || code == "VISIT001", "{code}");
        assert!(rule["enabled"].is_boolean(), "{rule}");
        if rule["enabled"] == false {
            assert_eq!(rule["severity"], "off");
        }
    }
    let out = hearth(&["rules", "--select", "PLAM001"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean \"PLAN001\""),
        "{}",
        stderr(&out)
    );
    let out = hearth(&["rules", "--policy", "icms-hig"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean \"icms-high\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn explain_prints_a_rule_and_an_unknown_code_exits_2() {
    let out = hearth(&["explain", "PLAN001"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("PLAN001 too-many-active-goals (error)\n"),
        "{text}"
    );
    assert!(text.contains("\n## Example that passes\n"), "{text}");

    let out = hearth(&["explain", "PLAN0001"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unknown rule \"PLAN0001\""), "{err}");
    assert!(err.contains("did you mean \"PLAN00"), "{err}");
    assert!(err.contains("help: run `hearth rules`"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn init_writes_a_config_and_a_sample_and_will_not_overwrite_them() {
    let dir = scratch("init");
    let out = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .arg("init")
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let config = std::fs::read_to_string(dir.join("hearth.toml")).unwrap();
    let value: toml::Value = toml::from_str(&config).expect("hearth.toml is TOML");
    assert_eq!(value["policy"].as_str(), Some("rrh"));
    let case = std::fs::read_to_string(dir.join("cases/example.json")).unwrap();
    let case = hearth::parse_case_file(&case).expect("the sample parses");
    assert_eq!(case.enrollments.len(), 1);

    // The sample checks clean under the starter policy on a date inside its records.
    let out = hearth(&[
        "check",
        "--policy",
        "rrh",
        "--as-of",
        "2026-06-01",
        dir.join("cases/example.json").to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );

    std::fs::write(dir.join("hearth.toml"), "policy = \"stl-coc\"\n").unwrap();
    let again = hearth(&["init", "--dir", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    let err = stderr(&again);
    assert!(err.contains("hearth.toml already exists"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.join("hearth.toml")).unwrap(),
        "policy = \"stl-coc\"\n",
        "a refused init leaves the file alone"
    );

    let forced = hearth(&["init", "--dir", dir.to_str().unwrap(), "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_eq!(
        std::fs::read_to_string(dir.join("hearth.toml")).unwrap(),
        config
    );

    let nested = dir.join("new/folder");
    let out = hearth(&["init", "--dir", nested.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(nested.join("cases/example.json").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}
