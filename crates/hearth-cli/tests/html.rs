//! `--format html` of `hearth check` and `hearth due`: the page of the bundled examples
//! (snapshotted), its counts against the JSON report of the same run, and `--output`.
//! The page in a real browser is tested by tests/browser/ (headless Chromium).

use std::collections::BTreeMap;
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
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .output()
        .expect("hearth runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

const EXAMPLES: &[&str] = &["check", "--config", "examples/data/hearth.toml"];

/// Values of the examples that are personal: none may appear in any output.
const PERSONAL: &[&str] = &["Robin", "Example Ave", "555-01", "Sample"];

fn examples(extra: &[&str]) -> Output {
    let mut args = EXAMPLES.to_vec();
    args.extend_from_slice(extra);
    hearth(&args)
}

#[test]
fn the_examples_page_counts_what_the_json_report_counts() {
    let out = examples(&["--format", "html"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "findings fail the run as in every format"
    );
    let page = stdout(&out);
    for canary in PERSONAL {
        assert!(!page.contains(canary), "personal value {canary:?} printed");
    }
    let json: Value = serde_json::from_str(&stdout(&examples(&["--format", "json"]))).unwrap();
    let mut per_rule: BTreeMap<&str, usize> = BTreeMap::new();
    for f in json["findings"].as_array().unwrap() {
        *per_rule.entry(f["code"].as_str().unwrap()).or_default() += 1;
    }
    assert!(per_rule.len() > 5);
    for (code, n) in &per_rule {
        assert!(
            page.contains(&format!("<tr data-rule=\"{code}\" data-count=\"{n}\">")),
            "{code}: {n}"
        );
    }
    assert_eq!(page.matches("<tr data-rule=").count(), per_rule.len());
    // A worklist for every case manager with an open obligation.
    for o in json["obligations"].as_array().unwrap() {
        let open = ["overdue", "due-soon", "upcoming"].contains(&o["status"].as_str().unwrap());
        if let (true, Some(staff)) = (open, o["case_manager"].as_str()) {
            assert!(page.contains(&format!("data-staff=\"{staff}\"")), "{staff}");
        }
    }
    assert!(page.contains("<table class=\"sortable paged grid\">"));
    assert!(page.contains("✗ not met"));
    insta::assert_snapshot!("html_examples", page);
}

#[test]
fn due_writes_the_worklists_page() {
    let out = hearth(&[
        "due",
        "--config",
        "examples/data/hearth.toml",
        "--format",
        "html",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("<title>hearth due: obligations as of 2026-11-20</title>"));
    assert!(page.contains("data-staff=\"STL-CM-03\""));
    // `due` lists obligations, not findings.
    assert!(page.contains("<p>No findings.</p>"));
    insta::assert_snapshot!("html_due_examples", page);
}

#[test]
fn output_writes_the_page_to_a_file() {
    let dir = std::env::temp_dir().join(format!("hearth-html-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.html");
    let out = examples(&[
        "--format",
        "html",
        "--exit-zero",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written, stdout(&examples(&["--format", "html"])));
    let _ = std::fs::remove_dir_all(&dir);
}
