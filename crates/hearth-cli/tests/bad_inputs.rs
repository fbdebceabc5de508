//! The bad-input corpus, `tests/bad_inputs/` (each file is described in its README.md):
//! `hearth check` on every file gives a clear error or finding with its location, never
//! a panic, and the expected exit code; the messages are snapshotted. In one batch with a
//! good file, every bad file is reported and the good file is still checked in full.
//!
//! [`CASES`] says what each file is and how it is checked. The test walks the folder and
//! fails on a file that has no entry (and on an entry with no file), so nothing in the
//! corpus goes unchecked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The evaluation date of every run.
const AS_OF: &str = "2026-06-26";

/// How a corpus file is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum How {
    /// A case file, under the `rrh` policy (the program of the corpus' case files).
    CaseFile,
    /// A caseload, under `stl-coc`, keeping the data rules and the roster rules
    /// (TERM003 walks the supervisor chain, LOAD001 counts caseloads) so the snapshot
    /// shows what the defect does to them and nothing else.
    Caseload,
    /// A policy file (`policies/…`), used to check a good example: hearth cannot run.
    Policy,
}

/// Every file of the corpus (relative to `tests/bad_inputs/`), how it is checked, and
/// the exit code expected: 0 for a file that must be accepted, 1 for a finding, 2 when
/// hearth cannot run.
const CASES: &[(&str, How, i32)] = &[
    ("empty.json", How::CaseFile, 1),
    ("whitespace-only.json", How::CaseFile, 1),
    ("bom.json", How::CaseFile, 0),
    ("invalid-utf8.json", How::CaseFile, 1),
    ("truncated.json", How::CaseFile, 1),
    ("bare-array.json", How::CaseFile, 1),
    ("wrong-type.json", How::CaseFile, 1),
    ("unknown-field.json", How::CaseFile, 1),
    ("number-negative.json", How::CaseFile, 1),
    ("number-too-large-for-the-field.json", How::CaseFile, 1),
    ("number-2-pow-70.json", How::CaseFile, 1),
    ("number-1e400.json", How::CaseFile, 1),
    ("impossible-date.json", How::CaseFile, 1),
    ("date-before-1900.json", How::CaseFile, 1),
    ("date-after-2200.json", How::CaseFile, 1),
    ("date-with-signed-year.json", How::CaseFile, 1),
    ("timestamp-before-1900.json", How::CaseFile, 1),
    ("exit-before-entry.json", How::CaseFile, 1),
    ("encounter-documented-before-start.json", How::CaseFile, 1),
    ("consent-expires-before-signed.json", How::CaseFile, 1),
    ("duplicate-enrollment-ids.json", How::CaseFile, 1),
    ("duplicate-goal-ids.json", How::CaseFile, 1),
    ("duplicate-action-step-ids.json", How::CaseFile, 1),
    ("duplicate-encounter-ids.json", How::CaseFile, 1),
    ("unknown-goal.json", How::CaseFile, 1),
    ("unknown-catalog-step.json", How::CaseFile, 1),
    ("caseload-unknown-staff.json", How::Caseload, 1),
    ("caseload-duplicate-staff-ids.json", How::Caseload, 1),
    ("caseload-supervisor-cycle.json", How::Caseload, 1),
    ("policies/unknown-key.toml", How::Policy, 2),
    ("policies/unknown-parameter.toml", How::Policy, 2),
    ("policies/extends-itself.toml", How::Policy, 2),
    ("policies/extends-unknown-policy.toml", How::Policy, 2),
];

/// The good file a policy case checks, and the batch run adds.
const GOOD: &str = "examples/data/cases/rrh.json";

/// Files of the corpus folder that are not cases.
const NOT_CASES: &[&str] = &["README.md", ".gitattributes"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> PathBuf {
    repo().join("tests/bad_inputs")
}

/// Runs `hearth` from the repository root, so file names in the output are relative.
fn hearth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .current_dir(repo())
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .output()
        .expect("the hearth binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("hearth writes UTF-8")
}

/// The corpus' invented personal values and note text: no output may show them.
const PERSONAL: &[&str] = &[
    "Placeholder",
    "Invented Way",
    "1984-05-06",
    "Invented note",
    "Invented goal",
];

fn assert_no_personal_values(name: &str, out: &Output) {
    for stream in [&out.stdout, &out.stderr] {
        let shown = String::from_utf8_lossy(stream);
        for canary in PERSONAL {
            assert!(!shown.contains(canary), "{name}: printed {canary:?}");
        }
    }
}

fn assert_no_panic(name: &str, out: &Output) {
    let stderr = text(&out.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
        "{name}: hearth panicked:\n{stderr}"
    );
    // A panic exits with 101; a crash by a signal has no code at all.
    assert!(
        matches!(out.status.code(), Some(0..=2)),
        "{name}: {:?}",
        out.status
    );
}

/// The arguments that check corpus file `file` as `how` says, with JSON output.
fn args_for(file: &str, how: How) -> Vec<String> {
    let path = format!("tests/bad_inputs/{file}");
    let mut args: Vec<String> = ["check", "--isolated", "--as-of", AS_OF, "--format", "json"]
        .map(str::to_owned)
        .to_vec();
    match how {
        How::CaseFile => args.extend(["--policy".into(), "rrh".into(), path]),
        How::Caseload => args.extend([
            "--policy".into(),
            "stl-coc".into(),
            "--select".into(),
            "DATA,TERM003,LOAD001".into(),
            path,
        ]),
        How::Policy => args.extend(["--policy".into(), path, GOOD.into()]),
    }
    args
}

/// One line per finding: code, severity, `line:column`, JSON Pointer, message.
fn finding_lines(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {} {}:{} {} | {}",
                f["code"].as_str().unwrap_or("?"),
                f["severity"].as_str().unwrap_or("?"),
                f["line"],
                f["column"],
                match f["path"].as_str() {
                    Some("") | None => "(document)",
                    Some(path) => path,
                },
                f["message"].as_str().unwrap_or("?"),
            )
        })
        .collect()
}

#[test]
fn every_file_in_the_corpus_has_an_expectation() {
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(corpus()).expect("tests/bad_inputs") {
        let entry = entry.expect("a directory entry");
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().is_dir() {
            assert_eq!(
                name, "policies",
                "unexpected folder tests/bad_inputs/{name}"
            );
            for inner in std::fs::read_dir(entry.path()).expect("tests/bad_inputs/policies") {
                let inner = inner.expect("a directory entry");
                found.insert(format!("policies/{}", inner.file_name().to_string_lossy()));
            }
        } else if !NOT_CASES.contains(&name.as_str()) {
            found.insert(name);
        }
    }
    let listed: BTreeSet<String> = CASES.iter().map(|(f, _, _)| (*f).to_owned()).collect();
    assert_eq!(CASES.len(), listed.len(), "a file is listed twice in CASES");
    let unlisted: Vec<_> = found.difference(&listed).collect();
    assert!(
        unlisted.is_empty(),
        "corpus files with no expectation in CASES: {unlisted:?}"
    );
    let missing: Vec<_> = listed.difference(&found).collect();
    assert!(
        missing.is_empty(),
        "CASES names files that do not exist: {missing:?}"
    );
    let readme = std::fs::read_to_string(corpus().join("README.md")).expect("README.md");
    for (file, _, _) in CASES {
        assert!(
            readme.contains(&format!("`{file}`")),
            "tests/bad_inputs/README.md does not describe {file}"
        );
    }
}

#[test]
fn each_bad_input_gives_a_located_error_or_finding() {
    for &(file, how, exit) in CASES {
        let args = args_for(file, how);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = hearth(&args);
        assert_no_panic(file, &out);
        assert_no_personal_values(file, &out);
        let stdout = text(&out.stdout);
        let stderr = text(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(exit),
            "{file}: exit code\n{stdout}\n{stderr}"
        );
        let name = file
            .trim_end_matches(".json")
            .trim_end_matches(".toml")
            .replace('/', "-");
        if exit == 2 {
            // hearth could not run: one error on stderr, with the line and column.
            assert!(stdout.is_empty(), "{file}: {stdout}");
            let first = stderr.lines().next().unwrap_or_default();
            assert!(
                first.starts_with("hearth: error: ") && first.contains(", column "),
                "{file}: {stderr}"
            );
            insta::assert_snapshot!(name, stderr);
            continue;
        }
        let report: Value = serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("{file}: not a JSON report ({e}):\n{stdout}"));
        let lines = finding_lines(&report);
        if exit == 0 {
            assert!(lines.is_empty(), "{file}: {lines:#?}");
            assert_eq!(report["summary"]["invalid"], 0, "{file}");
        } else {
            assert!(!lines.is_empty(), "{file}: no finding");
        }
        for finding in report["findings"].as_array().expect("findings") {
            assert!(
                finding["line"].as_u64().is_some_and(|l| l >= 1)
                    && finding["column"].as_u64().is_some_and(|c| c >= 1),
                "{file}: a finding without a line and column: {finding}"
            );
        }
        let summary = &report["summary"];
        let shown = format!(
            "exit {exit}; {} document(s), {} could not be read\n{}",
            summary["documents"],
            summary["invalid"],
            lines.join("\n")
        );
        insta::assert_snapshot!(name, shown);
    }
}

/// The whole corpus folder and a good file in one run: every bad file is reported, the
/// good file gets exactly the findings it gets alone, and the run fails. Every output
/// format renders the batch without panicking.
#[test]
fn a_batch_with_the_whole_corpus_still_checks_the_good_file() {
    let common = ["check", "--isolated", "--policy", "rrh", "--as-of", AS_OF];
    let alone = hearth(&[&common[..], &["--format", "json", GOOD]].concat());
    assert_no_panic(GOOD, &alone);
    let alone: Value = serde_json::from_slice(&alone.stdout).expect("a JSON report");
    let alone = finding_lines(&alone);
    assert!(
        !alone.is_empty(),
        "the good example has its deliberate lapses"
    );

    let out = hearth(&[&common[..], &["--format", "json", "tests/bad_inputs", GOOD]].concat());
    assert_no_panic("batch", &out);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let of = |file: &str| -> Vec<String> {
        let mut only = report.clone();
        if let Some(findings) = only["findings"].as_array_mut() {
            findings.retain(|f| f["file"] == file);
        }
        finding_lines(&only)
    };
    assert_eq!(
        of(GOOD),
        alone,
        "the good file's findings changed in the batch"
    );

    let json_cases: Vec<&str> = CASES
        .iter()
        .filter(|(_, how, _)| *how != How::Policy)
        .map(|(f, _, _)| *f)
        .collect();
    assert_eq!(
        report["summary"]["documents"],
        json_cases.len() + 1,
        "every corpus document and the good file are checked"
    );
    for &(file, how, exit) in CASES {
        if how == How::Policy {
            continue;
        }
        let findings = of(&format!("tests/bad_inputs/{file}"));
        assert_eq!(
            findings.is_empty(),
            exit == 0,
            "{file} in the batch: {findings:#?}"
        );
    }

    for format in ["text", "sarif", "junit", "github"] {
        let out = hearth(
            &[
                &common[..],
                &[
                    "--format",
                    format,
                    "--color",
                    "never",
                    "tests/bad_inputs",
                    GOOD,
                ],
            ]
            .concat(),
        );
        assert_no_panic(format, &out);
        assert_no_personal_values(format, &out);
        assert_eq!(out.status.code(), Some(1), "{format}");
        assert!(!out.stdout.is_empty(), "{format}: no output");
    }
}

/// The three inputs too large to commit, written at run time: nesting 100,000 levels
/// deep, a 100 MB string, and one participant with a million encounters; and an NDJSON
/// file with the 100 MB case file as its middle record. Each is stopped by its limit
/// with a located finding that names the flag to raise it (memory stays bounded: the
/// oversized ones are never read past the limit), and in one batch the good file is
/// still checked in full.
#[test]
fn giants_are_stopped_by_the_limits_and_the_rest_is_checked() {
    let dir = std::env::temp_dir().join(format!("hearth-giants-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let good = std::fs::read_to_string(repo().join(GOOD)).expect("the good example");
    let good_line = serde_json::from_str::<Value>(&good)
        .expect("the good example is JSON")
        .to_string();
    std::fs::write(dir.join("good.json"), &good).expect("write");

    let depth = 100_000;
    let deep = format!(
        "{{\"schema_version\": \"1.0\", \"participant\": {}{}}}",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    std::fs::write(dir.join("deep-nesting.json"), deep).expect("write");

    let huge_note = format!(
        "{{\"schema_version\":\"1.0\",\"participant\":{{\"id\":\"P-GIANT\"}},\"enrollments\":[{{\"id\":\"EN-1\",\"program\":\"rrh\",\"entered_on\":\"2025-10-14\",\"encounters\":[{{\"id\":\"E-1\",\"started_at\":\"2025-10-14T10:00:00-04:00\",\"mode\":\"phone\",\"note\":\"{}\"}}]}}]}}",
        "Invented note ".repeat(100_000_000 / 14)
    );
    assert!(huge_note.len() > 100_000_000);
    std::fs::write(dir.join("string-100-mb.json"), &huge_note).expect("write");
    std::fs::write(
        dir.join("giant-record.ndjson"),
        format!("{good_line}\n{huge_note}\n{good_line}\n"),
    )
    .expect("write");
    drop(huge_note);

    let mut encounters = String::with_capacity(80_000_000);
    for i in 0..1_000_000 {
        if i > 0 {
            encounters.push(',');
        }
        encounters.push_str(&format!(
            "{{\"id\":\"E-{i}\",\"started_at\":\"2025-10-14T10:00:00-04:00\",\"mode\":\"phone\"}}"
        ));
    }
    std::fs::write(
        dir.join("million-encounters.json"),
        format!(
            "{{\"schema_version\":\"1.0\",\"participant\":{{\"id\":\"P-MANY\"}},\"enrollments\":[{{\"id\":\"EN-1\",\"program\":\"rrh\",\"entered_on\":\"2025-10-14\",\"encounters\":[{encounters}]}}]}}"
        ),
    )
    .expect("write");
    drop(encounters);

    let run = |extra: &[&str]| -> Output {
        Command::new(env!("CARGO_BIN_EXE_hearth"))
            .args(["check", "--isolated", "--policy", "rrh", "--as-of", AS_OF])
            .args(extra)
            .current_dir(&dir)
            .env_remove("CI")
            .output()
            .expect("the hearth binary runs")
    };
    let out = run(&["--format", "json", "."]);
    assert_no_panic("giants", &out);
    assert_no_personal_values("giants", &out);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let mut inputs = report.clone();
    if let Some(findings) = inputs["findings"].as_array_mut() {
        findings.retain(|f| f["code"] == "INPUT001");
    }
    let located: Vec<String> = inputs["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            format!(
                "{} {}:{} | {}",
                f["file"].as_str().unwrap_or("?"),
                f["line"],
                f["column"],
                f["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    insta::assert_snapshot!("giants", located.join("\n"));
    // good.json and the two good records are checked in full: their findings are those
    // of the good file alone (as sets: in a one-line record they sort by column).
    let alone = run(&["--format", "json", "good.json"]);
    let alone: Value = serde_json::from_slice(&alone.stdout).expect("a JSON report");
    let codes = |report: &Value, file: &str, record: Option<u64>| -> Vec<String> {
        report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["file"] == file && f["record"].as_u64() == record)
            .map(|f| format!("{} {}", f["code"], f["path"]))
            .collect::<BTreeSet<String>>()
            .into_iter()
            .collect()
    };
    let expected = codes(&alone, "good.json", None);
    assert!(!expected.is_empty());
    assert_eq!(codes(&report, "./good.json", None), expected);
    assert_eq!(codes(&report, "./giant-record.ndjson", Some(1)), expected);
    assert_eq!(codes(&report, "./giant-record.ndjson", Some(3)), expected);
    assert_eq!(report["summary"]["documents"], 4 + 3);
    assert_eq!(report["summary"]["invalid"], 4);
    let _ = std::fs::remove_dir_all(&dir);
}
