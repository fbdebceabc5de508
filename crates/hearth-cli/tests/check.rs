//! End-to-end tests of `hearth check` and `hearth due`: the built binary over the
//! examples and over broken inputs, asserting exit codes, locations and output (every
//! format snapshotted).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the hearth binary runs");
    if let Some(mut pipe) = child.stdin.take() {
        if let Some(text) = stdin {
            pipe.write_all(text.as_bytes()).expect("stdin");
        }
    }
    child.wait_with_output().expect("hearth finishes")
}

fn hearth(args: &[&str]) -> Output {
    run_in(&repo(), args, None)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

/// Copies the example case file `name` (under examples/data/cases) to `to`.
fn copy_example(name: &str, to: &Path) {
    std::fs::copy(repo().join("examples/data/cases").join(name), to).expect("copy an example");
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearth-check-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

const EXAMPLES: &[&str] = &["check", "--config", "examples/data/hearth.toml"];

fn examples(extra: &[&str]) -> Output {
    let mut args = EXAMPLES.to_vec();
    args.extend_from_slice(extra);
    hearth(&args)
}

/// Values of the examples that are personal: none may appear in any output.
const PERSONAL: &[&str] = &["Robin", "Example Ave", "555-01", "Sample"];

fn assert_no_personal_values(text: &str) {
    for canary in PERSONAL {
        assert!(!text.contains(canary), "personal value {canary:?} printed");
    }
}

#[test]
fn text_shows_each_finding_where_it_is_with_a_caret() {
    let out = examples(&[]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    // The plan review gap of the St. Louis example, at the review's line and column.
    let source = std::fs::read_to_string(repo().join("examples/data/cases/stl-coc.json")).unwrap();
    let spans = hearth::input::locate(&source, &["/enrollments/0/care_plan/reviews/3"]);
    let span = spans[0].expect("located");
    let place = format!(
        "--> examples/data/cases/stl-coc.json:{}:{}",
        span.start.line, span.start.column
    );
    let at = text
        .find(&place)
        .unwrap_or_else(|| panic!("{place} in {text}"));
    let before = &text[..at];
    assert!(before.ends_with("error[PLAN005]: plan reviewed 2025-10-28, 49 days after the review on 2025-09-09; at most 30 allowed\n   "), "{before}");
    let after = &text[at..];
    assert!(
        after
            .contains("^ plan-review-overdue · STL-2025-0611 · /enrollments/0/care_plan/reviews/3"),
        "{after}"
    );
    assert!(
        text.contains("obligations\n  due "),
        "obligations are listed: {text}"
    );
    assert!(
        text.contains("checked 8 documents (8 participants) as of 2026-11-20: 27 errors"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}'),
        "no colour when stdout is not a terminal"
    );
    assert_no_personal_values(&text);
    insta::assert_snapshot!("text_examples", text);
}

#[test]
fn json_follows_the_check_report_schema() {
    let out = examples(&["--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert_no_personal_values(&text);
    let value: Value = serde_json::from_str(&text).expect("JSON");
    let schema = hearth::schema::generate(hearth::schema::SchemaName::CheckReport);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let findings = value["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 28);
    for f in findings {
        for field in [
            "code",
            "rule",
            "severity",
            "message",
            "file",
            "path",
            "requirements",
        ] {
            assert!(!f[field].is_null(), "{field} in {f}");
        }
        assert!(
            f["line"].as_u64().is_some() && f["column"].as_u64().is_some(),
            "{f}"
        );
    }
    assert!(value["obligations"]
        .as_array()
        .is_some_and(|o| !o.is_empty()));
    let rrh = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "examples/data/cases/rrh.json")
        .expect("rrh entry");
    assert_eq!(rrh["as_of"], "2026-06-26");
    assert_eq!(rrh["policy"], "rrh");
    insta::assert_snapshot!("json_examples", text);
}

#[test]
fn exit_codes_follow_the_table() {
    // 1: errors at the default fail level.
    assert_eq!(examples(&[]).status.code(), Some(1));
    // 0: --exit-zero, or a fail level nothing reaches.
    assert_eq!(examples(&["--exit-zero"]).status.code(), Some(0));
    assert_eq!(examples(&["--fail-on", "never"]).status.code(), Some(0));
    // Only a check that could not be made (no roster): fails at warning, not at error.
    let only_roster = ["--select", "TERM003", "examples/data/cases/stl-coc.json"];
    let mut args = only_roster.to_vec();
    let out = examples(&args);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("not evaluated[TERM003]"),
        "{}",
        stdout(&out)
    );
    args.extend_from_slice(&["--fail-on", "warning"]);
    assert_eq!(examples(&args).status.code(), Some(1));
    // 2: bad flags, a missing path, an unknown policy or selector, nothing to check.
    assert_eq!(examples(&["--format", "yaml"]).status.code(), Some(2));
    assert_eq!(examples(&["no/such/file.json"]).status.code(), Some(2));
    let out = examples(&["--policy", "stl-cco"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean \"stl-coc\""),
        "{}",
        stderr(&out)
    );
    let out = examples(&["--select", "PLM005"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean"), "{}", stderr(&out));
    let out = hearth(&["check", "--isolated"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nothing to check"),
        "{}",
        stderr(&out)
    );
    // The table is in --help.
    let help = stdout(&hearth(&["check", "--help"]));
    assert!(
        help.contains("Exit codes:") && help.contains("2  hearth could not run"),
        "{help}"
    );
}

#[test]
fn select_and_ignore_by_code_prefix_and_name() {
    let out = examples(&[
        "--format",
        "json",
        "--select",
        "VISIT",
        "--ignore",
        "no-next-visit-scheduled",
    ]);
    let value: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let codes: Vec<&str> = value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!codes.is_empty());
    assert!(
        codes
            .iter()
            .all(|c| c.starts_with("VISIT") && *c != "VISIT004"),
        "{codes:?}"
    );
    assert!(codes.contains(&"VISIT001"), "{codes:?}");
}

#[test]
fn a_broken_file_is_a_located_finding_and_the_others_are_still_checked() {
    let dir = scratch("broken");
    copy_example("rrh.json", &dir.join("good.json"));
    std::fs::write(
        dir.join("bad.json"),
        "{\n  \"schema_version\": \"1.0\",\n  \"participant\": {\"id\": 7}\n}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("truncated.json"),
        "{\n  \"schema_version\": \"1.0\",\n  \"participant\": {",
    )
    .unwrap();
    std::fs::write(dir.join("latin1.json"), b"{\"note\": \"caf\xe9\"}").unwrap();
    let out = run_in(
        &dir,
        &["check", "--isolated", "--as-of", "2026-06-26", "."],
        None,
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}{}", stderr(&out));
    assert!(text.contains("error[INPUT001]"), "{text}");
    assert!(text.contains("--> ./bad.json:3:"), "{text}");
    assert!(text.contains("--> ./truncated.json:3:"), "{text}");
    assert!(text.contains("--> ./latin1.json:1:14"), "{text}");
    assert!(text.contains("not UTF-8"), "{text}");
    assert!(
        text.contains("--> ./good.json:"),
        "the good file is checked: {text}"
    );
    assert!(text.contains("3 could not be read"), "{text}");
    assert!(
        !text.contains("caf"),
        "input text is never repeated: {text}"
    );
}

#[test]
fn stdin_and_ndjson_are_read() {
    let rrh = std::fs::read_to_string(repo().join("examples/data/cases/rrh.json")).unwrap();
    let out = run_in(
        &repo(),
        &[
            "check",
            "--isolated",
            "--as-of",
            "2026-06-26",
            "--format",
            "json",
            "-",
        ],
        Some(&rrh),
    );
    let value: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert!(value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["file"] == "<stdin>"));
    assert!(value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "PLAN009"));

    // Two case files on lines 1 and 3 of an NDJSON caseload, with a broken record on 2.
    let dir = scratch("ndjson");
    let one_line = |path: &str| {
        let text = std::fs::read_to_string(repo().join(path)).unwrap();
        serde_json::to_string(&serde_json::from_str::<Value>(&text).unwrap()).unwrap()
    };
    let body = format!(
        "{}\n{{\"schema_version\": \"1.0\"\n{}\n",
        one_line("examples/data/cases/rrh.json"),
        one_line("examples/data/cases/ct-psh.json")
    );
    std::fs::write(dir.join("load.ndjson"), body).unwrap();
    let out = run_in(
        &dir,
        &[
            "check",
            "--isolated",
            "--as-of",
            "2026-06-26",
            "--format",
            "json",
            "load.ndjson",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let value: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(value["summary"]["documents"], 3);
    assert_eq!(value["summary"]["invalid"], 1);
    let findings = value["findings"].as_array().unwrap();
    for f in findings {
        assert_eq!(f["record"], f["line"], "{f}");
    }
    assert!(findings
        .iter()
        .any(|f| f["record"] == 1 && f["participant_id"] == "RRH-1150"));
    assert!(findings
        .iter()
        .any(|f| f["record"] == 2 && f["code"] == "INPUT001"));
    assert!(findings
        .iter()
        .any(|f| f["record"] == 3 && f["participant_id"] == "CTPSH-0356"));
}

#[test]
fn config_is_found_walking_up_and_isolated_ignores_it() {
    let dir = scratch("discovery");
    std::fs::create_dir_all(dir.join("exports/icms")).unwrap();
    std::fs::create_dir_all(dir.join("archive")).unwrap();
    copy_example("icms-high-billing.json", &dir.join("exports/icms/a.json"));
    copy_example("rrh.json", &dir.join("exports/b.json"));
    copy_example("rrh.json", &dir.join("archive/old.json"));
    std::fs::write(
        dir.join("hearth.toml"),
        "as_of = \"2026-06-26\"\ninclude = [\"**/*.json\"]\nexclude = [\"archive/**\"]\nselect = [\"VISIT\"]\n[[overrides]]\npaths = [\"exports/icms/**\"]\nas_of = \"2026-02-20\"\n",
    )
    .unwrap();
    let out = run_in(
        &dir.join("exports/icms"),
        &["check", "--format", "json"],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let value: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let files: Vec<&str> = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["file"].as_str().unwrap())
        .collect();
    assert_eq!(files.len(), 2, "archive/ is excluded: {files:?}");
    let icms = value["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with("icms/a.json"))
        .unwrap();
    assert_eq!(icms["as_of"], "2026-02-20");
    assert_eq!(icms["policy"], "icms-high");
    assert!(value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["code"].as_str().unwrap().starts_with("VISIT")));
    // --isolated: no config, so nothing to check without a PATH.
    let out = run_in(&dir.join("exports"), &["check", "--isolated"], None);
    assert_eq!(out.status.code(), Some(2));
    // --config names another file; its paths are relative to its folder.
    let out = hearth(&[
        "check",
        "--config",
        dir.join("hearth.toml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let value: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(value["files"].as_array().unwrap().len(), 2);
}

#[test]
fn output_goes_to_the_named_file() {
    let dir = scratch("output");
    let target = dir.join("report.json");
    let out = examples(&["--format", "json", "--output", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).is_empty());
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(written["summary"]["documents"], 8);
}

#[test]
fn due_lists_obligations_by_date_with_filters() {
    let out = hearth(&[
        "due",
        "--config",
        "examples/data/hearth.toml",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let items = value["obligations"].as_array().unwrap();
    assert!(!items.is_empty());
    let dates: Vec<&str> = items
        .iter()
        .map(|o| o["due_on"].as_str().unwrap_or("9999"))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "sorted by due date");
    assert!(items
        .iter()
        .all(|o| ["overdue", "due-soon", "upcoming"].contains(&o["status"].as_str().unwrap())));

    let out = hearth(&[
        "due",
        "--config",
        "examples/data/hearth.toml",
        "--staff",
        "STL-CM-03",
        "--format",
        "json",
    ]);
    let value: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let items = value["obligations"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|o| o["case_manager"] == "STL-CM-03"));

    let out = hearth(&[
        "due",
        "--config",
        "examples/data/hearth.toml",
        "--participant",
        "ICMRRH-0288",
        "--status",
        "all",
    ]);
    let text = stdout(&out);
    assert!(text.contains("ICMRRH-0288"), "{text}");
    assert!(!text.contains("RRH-1150"), "{text}");
    assert_no_personal_values(&text);
    insta::assert_snapshot!("due_icm_rrh", text);
}

/// The official SARIF 2.1.0 schema, vendored beside these tests (see tests/sarif/README.md).
fn sarif_validator() -> jsonschema::Validator {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif/sarif-2.1.0.json"),
    )
    .expect("vendored SARIF schema");
    let schema: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("SARIF schema compiles")
}

#[test]
fn sarif_of_the_examples_is_valid_sarif_2_1_0_with_regions() {
    let out = examples(&["--format", "sarif"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert_no_personal_values(&text);
    let log: Value = serde_json::from_str(&text).expect("JSON");
    let validator = sarif_validator();
    let errors: Vec<String> = validator.iter_errors(&log).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &log["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 28);
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    for result in results {
        let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
        let region = &result["locations"][0]["physicalLocation"]["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(
                region[key].as_u64().is_some_and(|n| n >= 1),
                "{key} in {result}"
            );
        }
    }
    for rule in rules {
        for key in ["id", "name"] {
            assert!(rule[key].is_string(), "{key} in {rule}");
        }
        assert!(
            rule["shortDescription"]["text"].is_string()
                && rule["fullDescription"]["text"].is_string()
                && rule["help"]["text"].is_string(),
            "{rule}"
        );
        assert!(rule["defaultConfiguration"]["level"].is_string(), "{rule}");
    }
    // A log that breaks the schema is caught, so the check above can fail.
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = Value::String("fatal".into());
    assert!(!validator.is_valid(&broken));
    insta::assert_snapshot!("sarif_examples", text);
}

#[test]
fn junit_and_github_formats_of_the_examples() {
    let out = examples(&["--format", "junit"]);
    assert_eq!(out.status.code(), Some(1));
    let junit = stdout(&out);
    assert_no_personal_values(&junit);
    assert!(junit.starts_with("<?xml"), "{junit}");
    assert_eq!(junit.matches("<failure").count(), 27, "{junit}");
    let names: Vec<&str> = junit
        .split("<testcase name=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let unique: std::collections::BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(names.len(), unique.len(), "testcase names are unique");
    insta::assert_snapshot!("junit_examples", junit);

    let out = examples(&["--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let github = stdout(&out);
    assert_no_personal_values(&github);
    let errors = github
        .lines()
        .filter(|l| l.starts_with("::error file="))
        .count();
    assert_eq!(errors, 27, "{github}");
    assert!(
        github.contains("::error file=examples/data/cases/stl-coc.json,line="),
        "{github}"
    );
    insta::assert_snapshot!("github_examples", github);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_and_no_color_wins_over_auto() {
    let piped = examples(&["examples/data/cases/rrh.json"]);
    assert!(!stdout(&piped).contains('\u{1b}'));
    let always = examples(&["--color", "always", "examples/data/cases/rrh.json"]);
    let text = stdout(&always);
    assert!(
        text.contains("\u{1b}[1m\u{1b}[31merror[") || text.contains("\u{1b}[31m"),
        "{text:?}"
    );
    // On a terminal (a pty from util-linux `script`, essential on Debian), auto colours,
    // and NO_COLOR turns it off.
    let on_tty = |no_color: Option<&str>| {
        let command = format!(
            "{} check --config examples/data/hearth.toml examples/data/cases/rrh.json",
            env!("CARGO_BIN_EXE_hearth")
        );
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &command, "/dev/null"])
            .current_dir(repo());
        match no_color {
            Some(v) => cmd.env("NO_COLOR", v),
            None => cmd.env_remove("NO_COLOR"),
        };
        stdout(&cmd.output().expect("script(1) runs"))
    };
    assert!(on_tty(None).contains('\u{1b}'), "colour on a terminal");
    assert!(!on_tty(Some("1")).contains('\u{1b}'), "NO_COLOR respected");
}

#[test]
fn rules_show_the_active_policy_of_the_nearest_config() {
    let dir = scratch("rules-config");
    std::fs::write(dir.join("hearth.toml"), "policy = \"rrh\"\n").unwrap();
    let rules = |args: &[&str]| -> Vec<Value> {
        let out = run_in(&dir, args, None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).expect("JSON")
    };
    let active = rules(&["rules", "--format", "json"]);
    let plan005 = active.iter().find(|r| r["code"] == "PLAN005").unwrap();
    assert_eq!(
        plan005["severity"], "off",
        "rrh does not turn PLAN005 on: {plan005}"
    );
    let defaults = rules(&["rules", "--format", "json", "--isolated"]);
    let plan005 = defaults.iter().find(|r| r["code"] == "PLAN005").unwrap();
    assert_eq!(plan005["severity"], "error");
}

#[test]
fn due_status_takes_report_names_and_rejects_others() {
    let out = hearth(&[
        "due",
        "--config",
        "examples/data/hearth.toml",
        "--status",
        "done,done-late",
        "--format",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let value: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let items = value["obligations"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items
        .iter()
        .all(|o| ["done", "done-late"].contains(&o["status"].as_str().unwrap())));
    let out = hearth(&[
        "due",
        "--config",
        "examples/data/hearth.toml",
        "--status",
        "late",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("due-soon"), "{}", stderr(&out));
}

/// A directory of many copies of the examples, and an NDJSON file of them, with one
/// broken record: enough documents that the workers finish out of order.
fn many_documents(name: &str) -> PathBuf {
    let dir = scratch(name);
    let cases = repo().join("examples/data/cases");
    let mut ndjson = String::new();
    let mut names: Vec<_> = std::fs::read_dir(&cases)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for copy in 0..2 {
        for (i, path) in names.iter().enumerate() {
            let text = std::fs::read_to_string(path).unwrap();
            std::fs::write(dir.join(format!("c{copy}-{i}.json")), &text).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            ndjson.push_str(&value.to_string());
            ndjson.push('\n');
        }
        ndjson.push_str("{\"schema_version\": \"1.0\", \"participant\": 5}\n\n");
    }
    std::fs::write(dir.join("load.ndjson"), ndjson).unwrap();
    dir
}

#[test]
fn threads_do_not_change_a_byte() {
    let dir = many_documents("threads");
    for format in ["text", "json", "sarif", "junit", "github"] {
        let run = |threads: &[&str]| {
            let mut args = vec![
                "check",
                "--isolated",
                "--as-of",
                "2026-11-20",
                "--format",
                format,
                ".",
            ];
            args.extend_from_slice(threads);
            let out = run_in(&dir, &args, None);
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
            out.stdout
        };
        let one = run(&["--threads", "1"]);
        assert!(one.len() > 5_000, "{format}: a real report");
        assert_eq!(one, run(&["--threads", "2"]), "{format}: 1 vs 2 threads");
        assert_eq!(one, run(&["-j", "7"]), "{format}: 1 vs 7 threads");
        assert_eq!(one, run(&[]), "{format}: 1 thread vs the default");
    }
    let report: Value = serde_json::from_slice(
        &run_in(
            &dir,
            &[
                "check",
                "--isolated",
                "--as-of",
                "2026-11-20",
                "--format",
                "json",
                ".",
            ],
            None,
        )
        .stdout,
    )
    .unwrap();
    // 12 files and 14 records (2 broken), every one in the report, in order.
    assert_eq!(report["summary"]["documents"], 12 + 14);
    assert_eq!(report["summary"]["invalid"], 2);
    let files: Vec<(String, Option<u64>)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["file"].as_str().unwrap().to_owned(), f["record"].as_u64()))
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn limits_are_located_findings_with_the_flag_to_raise_them() {
    let dir = scratch("limits");
    let case = std::fs::read_to_string(repo().join("examples/data/cases/stl-coc.json")).unwrap();
    std::fs::write(dir.join("a.json"), &case).unwrap();
    std::fs::write(
        dir.join("deep.json"),
        format!(
            "{{\"participant\": {}1{}}}",
            "[".repeat(200),
            "]".repeat(200)
        ),
    )
    .unwrap();
    let one_line: Value = serde_json::from_str(&case).unwrap();
    let line = one_line.to_string();
    std::fs::write(dir.join("load.ndjson"), format!("{line}\n{line}\n{line}\n")).unwrap();
    let json = |extra: &[&str]| {
        let mut args = vec![
            "check",
            "--isolated",
            "--policy",
            "stl-coc",
            "--as-of",
            "2026-01-19",
            "--format",
            "json",
            ".",
        ];
        args.extend_from_slice(extra);
        let out = run_in(&dir, &args, None);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        report
    };
    let input_errors = |report: &Value| -> Vec<(String, Option<u64>, Option<u64>, String)> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "INPUT001")
            .map(|f| {
                (
                    f["file"]
                        .as_str()
                        .unwrap()
                        .trim_start_matches("./")
                        .to_owned(),
                    f["line"].as_u64(),
                    f["column"].as_u64(),
                    f["message"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    // Defaults: the deep file is stopped at level 65, the rest is checked.
    let report = json(&[]);
    let errors = input_errors(&report);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, "deep.json");
    assert_eq!((errors[0].1, errors[0].2), (Some(1), Some(16 + 64)));
    assert!(errors[0].3.contains("--max-depth"), "{}", errors[0].3);
    assert_eq!(report["summary"]["documents"], 5);
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["file"] == "./a.json" && f["code"] == "PLAN005"));

    // Tight limits: the file over the size is not read, the NDJSON stops after two
    // records, each with its own finding.
    let size = (case.len() - 1).to_string();
    let report = json(&["--max-document-bytes", &size, "--max-records", "2"]);
    let errors = input_errors(&report);
    let places: Vec<_> = errors.iter().map(|e| (e.0.as_str(), e.1)).collect();
    assert_eq!(
        places,
        [
            ("a.json", Some(1)),
            ("deep.json", Some(1)),
            ("load.ndjson", Some(3))
        ],
        "{errors:?}"
    );
    assert!(
        errors[0].3.contains("--max-document-bytes"),
        "{}",
        errors[0].3
    );
    assert!(errors[2].3.contains("--max-records"), "{}", errors[2].3);
    assert_eq!(report["summary"]["documents"], 5);

    // Raised to the most the parser reads (128): no flag to raise it further.
    let report = json(&["--max-depth", "128"]);
    let errors = input_errors(&report);
    assert_eq!(errors.len(), 1);
    assert!(!errors[0].3.contains("--max-depth"), "{}", errors[0].3);
    let out = run_in(
        &dir,
        &["check", "--isolated", "--max-depth", "129", "."],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "a depth past the parser's is refused"
    );

    // hearth.toml's [limits] apply, and a flag wins over them.
    std::fs::write(
        dir.join("hearth.toml"),
        "policy = \"stl-coc\"\nas_of = \"2026-01-19\"\n[limits]\nmax_records = 1\n",
    )
    .unwrap();
    let out = run_in(&dir, &["check", "--format", "json", "load.ndjson"], None);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["documents"], 2);
    let out = run_in(
        &dir,
        &[
            "check",
            "--format",
            "json",
            "--max-records",
            "5",
            "load.ndjson",
        ],
        None,
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["documents"], 3);
    std::fs::write(dir.join("hearth.toml"), "[limits]\nmax_depth = 500\n").unwrap();
    let out = run_in(&dir, &["check", "a.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("max_depth"), "{}", stderr(&out));
    let _ = std::fs::remove_dir_all(&dir);
}
