//! Privacy canaries: the built `hearth` binary never prints a personal or free-text value
//! of the documents it reads, in any output format or on any error path.
//!
//! Every example case file and the caseload are rewritten so that every field the schema
//! marks `x-personal`, and every other plain-text string (anything that is not an id, an
//! enumerated value, a date or a time: found from the generated schema by
//! `common::fill_canaries`, so a new field is covered without editing this file), holds
//! a unique canary, `CANARY-<n>-zq` (a date canary in 1901 for a personal date). Then
//! every output (`check` in every format, with and without colour, from files, folders,
//! NDJSON and standard input; `due`; `inspect`) and every error path (a broken document
//! of every kind, each with canaries beside the fault; a broken policy file, hearth.toml
//! and catalog extension) must leave every canary out of standard output and standard
//! error.
//!
//! What may be repeated, by design:
//! - what the user typed on the command line (`--select X`, `--policy X`, a path): it is
//!   already in the command, so in the CI log, and naming it is how a typo is found;
//! - in configuration files (policy files, hearth.toml, catalog extensions), the values of
//!   id slots when shaped like an id (a rule code or name, `extends`, a waiver's id or
//!   rule; a catalog id, a path or glob as written), and an unknown key shaped like a
//!   field name (`polcy`). They name things, as participant ids do in findings;
//! - file paths, which hearth prints everywhere (so never name files after people).
//!
//! Never: a value from any other slot of any file — free text, a value of the wrong type,
//! an unknown enumerated value, an unknown key of any other shape. (The canaries,
//! `CANARY-<n>-zq`, have the mixed case and punctuation of names and notes.) `the_checker_catches_a_leak` shows the
//! check can fail.

#[path = "../../../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{fill_canaries, fill_canaries_except, Canaries};
use hearth::schema::{generate, SchemaName};
use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearth-privacy-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// One run of a program: what it was, its exit code and everything it printed.
struct Run {
    what: String,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn output(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }
}

/// Runs `program` in `dir`, with `stdin` piped in, never on a terminal and never in CI
/// mode (so no progress bar hides anything).
fn run_program(program: &Path, dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{} runs: {e}", program.display()));
    if let Some(mut pipe) = child.stdin.take() {
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("stdin");
        }
    }
    let out = child.wait_with_output().expect("the program finishes");
    Run {
        what: format!("{} {}", program.display(), args.join(" ")),
        code: out.status.code(),
        // Lossy on purpose: a canary next to an invalid byte must still be seen.
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn hearth_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_program(Path::new(env!("CARGO_BIN_EXE_hearth")), dir, args, stdin)
}

/// The checker: no canary in anything the run printed.
fn assert_no_leak(canaries: &Canaries, run: &Run) {
    let leaks = canaries.leaks(&run.output());
    assert!(
        leaks.is_empty(),
        "`{}` printed input values: {leaks:?}\n--- stdout\n{}\n--- stderr\n{}",
        run.what,
        run.stdout,
        run.stderr
    );
}

/// The run worked (exit 0 or 1: findings), printed something, and leaked nothing.
fn assert_ran_clean(canaries: &Canaries, run: &Run) {
    assert!(
        matches!(run.code, Some(0 | 1)),
        "`{}` could not run (exit {:?}): {}",
        run.what,
        run.code,
        run.stderr
    );
    assert!(
        !run.stdout.trim().is_empty(),
        "`{}` printed nothing",
        run.what
    );
    assert_no_leak(canaries, run);
}

/// The run stopped with exit 2 and said why on standard error, without a canary.
fn assert_refused_clean(canaries: &Canaries, run: &Run) {
    assert_eq!(
        run.code,
        Some(2),
        "`{}`: {}{}",
        run.what,
        run.stdout,
        run.stderr
    );
    assert!(
        run.stderr.contains("hearth: error: "),
        "`{}`: {}",
        run.what,
        run.stderr
    );
    assert_no_leak(canaries, run);
}

const CASES: &[&str] = &[
    "icms-high-billing.json",
    "icms-low-billing.json",
    "icm-rrh.json",
    "rrh.json",
    "stl-coc.json",
    "ct-psh.json",
];
const CASELOAD: &str = "stl-coc-caseload.json";

/// An example with every personal and plain-text value replaced by a canary.
fn canaried(kind: &str, name: &str, canaries: &mut Canaries) -> Value {
    let schema = generate(if kind == "caseloads" {
        SchemaName::Caseload
    } else {
        SchemaName::CaseFile
    });
    let path = repo().join("examples/data").join(kind).join(name);
    let mut doc: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("an example")).unwrap();
    let before = canaries.written.len();
    fill_canaries(
        &schema,
        &schema,
        &mut doc,
        &format!("{kind}/{name}#"),
        canaries,
    );
    assert!(
        canaries.written.len() - before >= 20,
        "{kind}/{name}: only {} values to fill",
        canaries.written.len() - before
    );
    doc
}

/// A policy file that turns every rule on at its defaults: as many findings (and so as
/// many excerpts and messages) as the examples can give.
fn everything_policy() -> String {
    let mut toml = String::from("name = \"everything\"\n");
    for code in hearth_rules::registry::codes() {
        toml.push_str(&format!("[rules.{code}]\n"));
    }
    toml
}

/// A copy of examples/data with every example canaried, in `dir`: the same layout and
/// hearth.toml (so each file is checked as of its own date with its own policy), the
/// agency extension, a policy with every rule on, and the case files as one NDJSON file.
fn canaried_examples(dir: &Path) -> Canaries {
    let mut canaries = Canaries::default();
    let data = repo().join("examples/data");
    for sub in ["cases", "caseloads", "extensions", "streams"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    std::fs::copy(data.join("hearth.toml"), dir.join("hearth.toml")).unwrap();
    std::fs::copy(
        data.join("extensions/eastside-agency.json"),
        dir.join("extensions/eastside-agency.json"),
    )
    .unwrap();
    let mut ndjson = String::new();
    for name in CASES {
        let doc = canaried("cases", name, &mut canaries);
        let text = serde_json::to_string_pretty(&doc).unwrap();
        std::fs::write(dir.join("cases").join(name), text).unwrap();
        ndjson.push_str(&serde_json::to_string(&doc).unwrap());
        ndjson.push('\n');
    }
    let caseload = canaried("caseloads", CASELOAD, &mut canaries);
    std::fs::write(
        dir.join("caseloads").join(CASELOAD),
        serde_json::to_string_pretty(&caseload).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.join("streams/cases.ndjson"), ndjson).unwrap();
    std::fs::write(dir.join("everything.toml"), everything_policy()).unwrap();
    canaries
}

/// The canaries are in the files the runs read: the check below is not vacuous.
#[test]
fn the_canaries_are_in_the_inputs() {
    let dir = scratch("inputs");
    let canaries = canaried_examples(&dir);
    let mut all_input = String::new();
    for sub in ["cases", "caseloads"] {
        for entry in std::fs::read_dir(dir.join(sub)).unwrap() {
            all_input.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
    }
    let found = canaries.leaks(&all_input);
    assert_eq!(
        found.len(),
        canaries.written.len(),
        "every canary is written"
    );
    // Names, notes, goals, birth dates, free-text reasons: all of them are filled.
    for suffix in [
        "/personal/name",
        "/personal/birth_date",
        "/personal/address",
        "/note",
        "/statement",
        "/staff/0/name",
        "/program/name",
    ] {
        assert!(
            canaries.written.iter().any(|(_, at)| at.ends_with(suffix)),
            "no canary at …{suffix}"
        );
    }
    let ndjson = std::fs::read_to_string(dir.join("streams/cases.ndjson")).unwrap();
    assert!(!canaries.leaks(&ndjson).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The same checker catches a program that does print its input.
#[test]
fn the_checker_catches_a_leak() {
    let dir = scratch("leaky");
    let canaries = canaried_examples(&dir);
    let cat = run_program(Path::new("cat"), &dir, &["cases/rrh.json"], None);
    assert_eq!(cat.code, Some(0), "{}", cat.stderr);
    assert!(!canaries.leaks(&cat.output()).is_empty());
    let caught = std::panic::catch_unwind(|| assert_no_leak(&canaries, &cat));
    assert!(caught.is_err(), "assert_no_leak let `cat` through");
    // A canary cut short (as a window or a mask could cut it) is caught too.
    let cut = Run {
        what: "a cut-off canary".into(),
        code: Some(0),
        stdout: "… \"CANARY-1…".into(),
        stderr: String::new(),
    };
    assert!(!canaries.leaks(&cut.output()).is_empty());
    let date = Run {
        what: "a birth date".into(),
        code: Some(0),
        stdout: "born 1901-01-01".into(),
        stderr: String::new(),
    };
    assert!(!canaries.leaks(&date.output()).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn no_output_format_prints_an_input_value() {
    let dir = scratch("formats");
    let canaries = canaried_examples(&dir);
    let checks: &[&[&str]] = &[
        &["check"],
        &["check", "--color", "always"],
        &["check", "--format", "json"],
        &["check", "--format", "sarif"],
        &["check", "--format", "junit"],
        &["check", "--format", "github"],
        &["check", "--policy", "everything.toml"],
        &["check", "--policy", "everything.toml", "--color", "always"],
        &["check", "--policy", "everything.toml", "--format", "json"],
        &["check", "--policy", "everything.toml", "--format", "sarif"],
        &["check", "--policy", "everything.toml", "--format", "junit"],
        &["check", "--policy", "everything.toml", "--format", "github"],
        // Long lines: the excerpt is a window cut from the record.
        &[
            "check",
            "streams/cases.ndjson",
            "--policy",
            "everything.toml",
            "--as-of",
            "2026-11-20",
        ],
        &[
            "check",
            "streams/cases.ndjson",
            "--isolated",
            "--as-of",
            "2026-06-30",
            "--format",
            "sarif",
        ],
        // Every document with its program's own policy, as of other dates.
        &[
            "check",
            "cases",
            "caseloads",
            "--isolated",
            "--as-of",
            "2025-12-31",
        ],
        &["check", "--as-of", "2027-06-30", "--format", "junit"],
        &["due"],
        &["due", "--format", "json"],
        &["due", "--status", "all"],
        &["due", "--status", "all", "--format", "json"],
        &["due", "--policy", "everything.toml", "--status", "all"],
        &["inspect", "."],
    ];
    let mut findings = 0;
    for args in checks {
        let run = hearth_in(&dir, args, None);
        assert_ran_clean(&canaries, &run);
        if args.contains(&"json") && args[0] == "check" {
            let report: Value = serde_json::from_str(&run.stdout).unwrap();
            findings += report["findings"].as_array().map_or(0, Vec::len);
        }
    }
    assert!(findings > 100, "only {findings} findings were rendered");

    // Standard input, and a report written with --output.
    let text = std::fs::read(dir.join("cases/icm-rrh.json")).unwrap();
    let run = hearth_in(
        &dir,
        &["check", "-", "--isolated", "--as-of", "2026-10-22"],
        Some(&text),
    );
    assert_ran_clean(&canaries, &run);
    for format in ["text", "sarif", "junit"] {
        let out = dir.join(format!("report.{format}"));
        let run = hearth_in(
            &dir,
            &[
                "check",
                "--format",
                format,
                "--output",
                out.to_str().unwrap(),
            ],
            None,
        );
        assert_no_leak(&canaries, &run);
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.len() > 100, "{format}: {written}");
        assert!(canaries.leaks(&written).is_empty(), "{format}: {written}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A document past a limit is a finding at the place it crosses it, with no value.
#[test]
fn documents_past_the_limits_are_reported_without_their_values() {
    let dir = scratch("limits");
    let canaries = canaried_examples(&dir);
    let limits: &[&[&str]] = &[
        &["--max-depth", "4"],
        &["--max-document-bytes", "2000"],
        &["--max-records", "2"],
    ];
    for limit in limits {
        for format in ["text", "json", "sarif", "github"] {
            let mut args = vec!["check", ".", "streams/cases.ndjson", "--format", format];
            args.extend(*limit);
            let run = hearth_in(&dir, &args, None);
            assert_ran_clean(&canaries, &run);
            assert!(
                run.stdout.contains("INPUT001"),
                "{}: {}",
                run.what,
                run.stdout
            );
        }
        let mut args = vec!["due", "."];
        args.extend(*limit);
        assert_no_leak(&canaries, &hearth_in(&dir, &args, None));
    }
    // On standard input too, and with the limit set in hearth.toml.
    let text = std::fs::read(dir.join("cases/ct-psh.json")).unwrap();
    let run = hearth_in(
        &dir,
        &["check", "-", "--isolated", "--max-depth", "3"],
        Some(&text),
    );
    assert_ran_clean(&canaries, &run);
    let config = std::fs::read_to_string(dir.join("hearth.toml")).unwrap();
    std::fs::write(
        dir.join("hearth.toml"),
        format!("{config}\n[limits]\nmax_depth = 5\nmax_document_bytes = 30000\n"),
    )
    .unwrap();
    let run = hearth_in(&dir, &["check"], None);
    assert_ran_clean(&canaries, &run);
    assert!(run.stdout.contains("INPUT001"), "{}", run.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A pretty-printed canaried case file to break, and its canaries.
fn breakable() -> (Value, Canaries) {
    let mut canaries = Canaries::default();
    let doc = canaried("cases", "rrh.json", &mut canaries);
    (doc, canaries)
}

/// `doc` with the value at `pointer` replaced.
fn with(doc: &Value, pointer: &str, value: Value) -> String {
    let mut doc = doc.clone();
    *doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer} in the example")) = value;
    serde_json::to_string_pretty(&doc).unwrap()
}

/// `doc` with `key: value` added to the object at `pointer`.
fn with_key(doc: &Value, pointer: &str, key: &str, value: Value) -> String {
    let mut doc = doc.clone();
    doc.pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("an object at {pointer}"))
        .insert(key.to_owned(), value);
    serde_json::to_string_pretty(&doc).unwrap()
}

/// The text up to and including the first occurrence of `canary` (cut inside the
/// string), or up to its closing quote.
fn cut_after(text: &str, canary: &str, with_quote: bool) -> String {
    let at = text.find(canary).expect("the canary is in the text") + canary.len();
    text[..at + usize::from(with_quote)].to_owned()
}

#[test]
fn broken_documents_are_reported_without_their_values() {
    let dir = scratch("broken");
    let (doc, mut canaries) = breakable();
    let pretty = serde_json::to_string_pretty(&doc).unwrap();
    let compact = serde_json::to_string(&doc).unwrap();
    let name_canary = doc
        .pointer("/participant/personal/name")
        .and_then(Value::as_str)
        .expect("a canaried name")
        .to_owned();
    let note_canary = doc
        .pointer("/enrollments/0/encounters/0/note")
        .and_then(Value::as_str)
        .expect("a canaried note")
        .to_owned();
    let mut k = |at: &str| canaries.text(at);
    let texts: Vec<(&str, String)> = vec![
        // A personal field of the wrong type, holding a canary.
        (
            "wrong-type-name.json",
            with(
                &doc,
                "/participant/personal/name",
                serde_json::json!([k("name")]),
            ),
        ),
        (
            "wrong-type-note.json",
            with(
                &doc,
                "/enrollments/0/encounters/0/note",
                serde_json::json!({ "text": k("note") }),
            ),
        ),
        (
            "wrong-type-note-number.json",
            with(
                &doc,
                "/enrollments/0/encounters/0/note",
                serde_json::json!(12.5),
            ),
        ),
        // A canary where a boolean, a number, a date, a date-time and a version belong.
        (
            "string-at-boolean.json",
            with(&doc, "/participant/veteran", k("veteran").into()),
        ),
        (
            "string-at-number.json",
            with(
                &doc,
                "/enrollments/0/encounters/0/minutes",
                k("minutes").into(),
            ),
        ),
        (
            "string-at-date.json",
            with(&doc, "/enrollments/0/entered_on", k("entered_on").into()),
        ),
        (
            "string-at-date-time.json",
            with(
                &doc,
                "/enrollments/0/encounters/0/started_at",
                k("started_at").into(),
            ),
        ),
        (
            "string-at-version.json",
            with(&doc, "/schema_version", k("schema_version").into()),
        ),
        // A canary as an enumerated value.
        (
            "string-at-enum.json",
            with(&doc, "/enrollments/0/program", k("program").into()),
        ),
        (
            "string-at-enum-mode.json",
            with(&doc, "/enrollments/0/encounters/0/mode", k("mode").into()),
        ),
        // Unknown fields whose keys (and values) are canaries.
        (
            "unknown-key.json",
            with_key(&doc, "/participant/personal", &k("key"), k("value").into()),
        ),
        (
            "unknown-top-key.json",
            with_key(&doc, "", &k("key"), k("value").into()),
        ),
        (
            "unknown-key-deep.json",
            with_key(
                &doc,
                "/enrollments/0/encounters/0",
                &k("key"),
                k("value").into(),
            ),
        ),
        // Truncated right after a canary: inside the string, and after its quote.
        (
            "truncated-in-string.json",
            cut_after(&pretty, &name_canary, false),
        ),
        (
            "truncated-after-quote.json",
            cut_after(&pretty, &note_canary, true),
        ),
        (
            "truncated-compact.json",
            cut_after(&compact, &note_canary, false),
        ),
        // Not JSON next to a canary: a missing comma, text after the document, a bad
        // escape, not an object.
        (
            "missing-comma.json",
            pretty.replacen(
                &format!("\"{note_canary}\","),
                &format!("\"{note_canary}\" \"{note_canary}\""),
                1,
            ),
        ),
        (
            "trailing-text.json",
            format!("{pretty}\n\"{name_canary}\"\n"),
        ),
        ("not-an-object.json", format!("[\"{name_canary}\"]")),
        ("a-string.json", format!("\"{name_canary}\"")),
        ("bad-top-level.json", format!("{{\"{name_canary}\": [1, }}")),
        (
            "bad-escape.json",
            pretty.replacen(&name_canary, &format!("{name_canary}\\q"), 1),
        ),
    ];
    let mut files: Vec<(&str, Vec<u8>)> = texts
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect();
    // Not UTF-8, right after a canary.
    let mut bytes = pretty.clone().into_bytes();
    let at = pretty.find(&note_canary).unwrap() + note_canary.len();
    bytes.insert(at, 0xFF);
    files.push(("invalid-utf8.json", bytes));
    let mut bytes = compact.clone().into_bytes();
    let at = compact.find(&name_canary).unwrap() + name_canary.len();
    bytes.splice(at..at, [0xC3, 0x28]);
    files.push(("invalid-utf8-compact.json", bytes));
    // NDJSON: good records around a broken one, and one not UTF-8.
    let good = compact.clone();
    files.push((
        "stream.ndjson",
        format!(
            "{good}\n{}\n{good}\n{}\n",
            cut_after(&compact, &note_canary, true),
            with(
                &doc,
                "/participant/veteran",
                Value::String(name_canary.clone())
            )
            .replace('\n', "")
        )
        .into(),
    ));
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
    let mut stream_utf8 = format!("{good}\n").into_bytes();
    let mut bad = compact.clone().into_bytes();
    bad.insert(
        compact.find(&note_canary).unwrap() + note_canary.len(),
        0xFF,
    );
    stream_utf8.extend(bad);
    std::fs::write(dir.join("stream-not-utf8.ndjson"), stream_utf8).unwrap();

    // The inputs hold the canaries (and the faults are there: every file is INPUT001).
    for (name, bytes) in &files {
        assert!(
            !canaries.leaks(&String::from_utf8_lossy(bytes)).is_empty(),
            "{name} holds no canary"
        );
    }

    let base = ["--isolated", "--policy", "rrh", "--as-of", "2026-06-26"];
    let formats: &[&[&str]] = &[
        &[],
        &["--color", "always"],
        &["--format", "json"],
        &["--format", "sarif"],
        &["--format", "junit"],
        &["--format", "github"],
    ];
    for format in formats {
        let mut args = vec!["check", "."];
        args.extend(base);
        args.extend(*format);
        let run = hearth_in(&dir, &args, None);
        assert_eq!(run.code, Some(1), "{}: {}", run.what, run.stderr);
        assert_no_leak(&canaries, &run);
        if format.contains(&"json") {
            let report: Value = serde_json::from_str(&run.stdout).unwrap();
            let invalid = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|f| f["code"] == "INPUT001")
                .count();
            // Every broken file and the two broken records.
            assert_eq!(invalid, files.len() - 1 + 2 + 1, "{}", run.stdout);
        }
    }
    // Each broken file alone, on standard input too.
    for (name, bytes) in &files {
        let mut args = vec!["check", *name];
        args.extend(base);
        assert_no_leak(&canaries, &hearth_in(&dir, &args, None));
        let mut args = vec!["check", "-"];
        args.extend(base);
        assert_no_leak(&canaries, &hearth_in(&dir, &args, Some(bytes)));
    }
    let mut args = vec!["due", "."];
    args.extend(base);
    let run = hearth_in(&dir, &args, None);
    assert_no_leak(&canaries, &run);
    let run = hearth_in(&dir, &["inspect", "."], None);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_no_leak(&canaries, &run);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Writes `text` to `dir/name` and returns the path as a string.
fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn broken_policy_files_are_refused_without_their_values() {
    let dir = scratch("policies");
    let examples = scratch("policies-examples");
    let mut canaries = canaried_examples(&examples);
    let waiver = |id: &str, rule: &str, extra: &str| {
        format!(
            "name = \"agency\"\nextends = \"rrh\"\n[[waivers]]\nid = \"{id}\"\nrule = \"{rule}\"\nparticipant = \"P-1\"\napproved_by = \"S-1\"\napproved_on = \"2026-01-02\"\n{extra}\n"
        )
    };
    let mut c = || canaries.text("policy");
    let bad = [
        // Unknown keys (one holding a canary), an unknown rule, an unknown parameter.
        format!("name = \"agency\"\n{} = \"{}\"\n", c(), c()),
        format!(
            "name = \"agency\"\n[rules.PLAN005]\nseverity = \"error\"\n\"{}\" = 3\n",
            c()
        ),
        format!(
            "name = \"agency\"\n[rules.\"{}\"]\nseverity = \"error\"\n",
            c()
        ),
        format!("name = \"agency\"\nextends = \"{}\"\n", c()),
        // An unknown enumerated value.
        format!(
            "name = \"agency\"\n[rules.PLAN005]\nseverity = \"{}\"\n",
            c()
        ),
        // Values of the wrong type.
        format!("name = [\"{}\"]\n", c()),
        format!("name = \"agency\"\ndue_soon_days = \"{}\"\n", c()),
        format!(
            "name = \"agency\"\n[rules.PLAN005]\nreview_interval_days = \"{}\"\n",
            c()
        ),
        format!(
            "name = \"agency\"\n[rules.PLAN005]\nenabled = \"{}\"\n",
            c()
        ),
        format!("name = \"agency\"\neffective_from = \"{}\"\n", c()),
        // A waiver's free-text reason: cut short, of the wrong type, beside a bad date, a
        // bad rule, a bad id, a repeated key.
        waiver("W-1", "PLAN005", &format!("reason = \"{}", c())),
        waiver(
            "W-1",
            "PLAN005",
            &format!("reason = [\"{}\"]\nexpires_on = \"2026-12-31\"", c()),
        ),
        waiver(
            "W-1",
            "PLAN005",
            &format!("reason = \"{}\"\nexpires_on = \"{}\"", c(), c()),
        ),
        waiver(
            &c(),
            &c(),
            &format!("reason = \"{}\"\nexpires_on = \"2026-12-31\"", c()),
        ),
        waiver(
            "W-1",
            "PLAN005",
            &format!("reason = \"{}\"\nparticipant = \"{}\"", c(), c()),
        ),
        // Not TOML at all.
        format!("name = \"agency\"\n{} {}\n", c(), c()),
        format!("\"{}\n", c()),
    ];
    for (i, text) in bad.iter().enumerate() {
        let policy = write(&dir, &format!("bad-{i}.toml"), text);
        assert!(!canaries.leaks(text).is_empty(), "{text}");
        for command in ["check", "due"] {
            let run = hearth_in(&examples, &[command, "--policy", &policy], None);
            assert_refused_clean(&canaries, &run);
        }
        let run = hearth_in(&examples, &["rules", "--policy", &policy], None);
        assert_refused_clean(&canaries, &run);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&examples);
}

#[test]
fn a_broken_config_is_refused_without_its_values() {
    let examples = scratch("configs");
    let mut canaries = canaried_examples(&examples);
    let mut c = || canaries.text("hearth.toml");
    let bad = [
        format!("fail_on = \"{}\"\n", c()),
        format!("as_of = \"{}\"\n", c()),
        format!("{} = \"{}\"\n", c(), c()),
        format!("include = \"{}\"\n", c()),
        format!("select = \"{}\"\n", c()),
        format!(
            "[[overrides]]\npaths = [\"cases/*.json\"]\nas_of = \"{}\"\n",
            c()
        ),
        format!(
            "[[overrides]]\npaths = [\"cases/*.json\"]\n\"{}\" = 1\n",
            c()
        ),
        format!("policy = \"rrh\"\n{}\n", c()),
    ];
    for text in &bad {
        assert!(!canaries.leaks(text).is_empty(), "{text}");
        std::fs::write(examples.join("hearth.toml"), text).unwrap();
        for args in [&["check", "cases"][..], &["due", "cases"], &["rules"]] {
            let run = hearth_in(&examples, args, None);
            assert_refused_clean(&canaries, &run);
        }
        let run = hearth_in(
            &examples,
            &["check", "--config", "hearth.toml", "cases"],
            None,
        );
        assert_refused_clean(&canaries, &run);
    }
    let _ = std::fs::remove_dir_all(&examples);
}

#[test]
fn a_broken_catalog_extension_is_refused_without_its_values() {
    let examples = scratch("extensions");
    let mut canaries = canaried_examples(&examples);
    let path = examples.join("extensions/eastside-agency.json");
    let original: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    // The extension's own free text is canaried too: agency, titles, names, purposes,
    // parties. Its schema types the ids that link entries as plain strings; those are
    // kept (ids are named in errors, by design).
    let schema = generate(SchemaName::CatalogExtension);
    let mut ext = original.clone();
    let links = |at: &str| {
        at.ends_with("/domain")
            || at.ends_with("/risk")
            || at.contains("/risk_steps/") && at.contains("/steps/")
    };
    fill_canaries_except(&schema, &schema, &mut ext, "", &mut canaries, &links);
    assert!(
        canaries.written.iter().any(|(_, at)| at == "/steps/0/name"),
        "{:?}",
        canaries.written.last()
    );
    let name = ext
        .pointer("/steps/0/name")
        .and_then(Value::as_str)
        .unwrap()
        .to_owned();
    let mut k = |at: &str| canaries.text(at);
    let broken = [
        with(&ext, "/steps/0/needs_consent", k("needs_consent").into()),
        with(
            &ext,
            "/steps/0/shares_with",
            serde_json::json!([k("shares_with")]),
        ),
        with(
            &ext,
            "/domains/0/purpose",
            serde_json::json!({ "text": k("purpose") }),
        ),
        with_key(&ext, "/steps/0", &k("key"), k("value").into()),
        // A step that shares information without needing consent, with a canaried party.
        with_key(&ext, "/steps/1", "shares_with", k("shares_with").into()),
        with(&ext, "/schema_version", k("schema_version").into()),
        cut_after(&serde_json::to_string_pretty(&ext).unwrap(), &name, false),
    ];
    for text in &broken {
        assert!(!canaries.leaks(text).is_empty(), "{text}");
        std::fs::write(&path, text).unwrap();
        // An extension that does not parse is a finding of its own in check; one that
        // parses but does not fit the catalog stops the run.
        let run = hearth_in(&examples, &["check"], None);
        assert!(matches!(run.code, Some(1 | 2)), "{}", run.stderr);
        assert_no_leak(&canaries, &run);
        let run = hearth_in(&examples, &["check", "--format", "json"], None);
        assert_no_leak(&canaries, &run);
        let run = hearth_in(&examples, &["inspect", "extensions"], None);
        assert_eq!(run.code, Some(1), "{}", run.stdout);
        assert_no_leak(&canaries, &run);
        let run = hearth_in(
            &examples,
            &[
                "catalog",
                "--extension",
                "extensions/eastside-agency.json",
                "steps",
            ],
            None,
        );
        assert_refused_clean(&canaries, &run);
    }
    let _ = std::fs::remove_dir_all(&examples);
}

/// What the user typed is repeated, by design: it is already in the command line (and so
/// in the CI log), and naming it is how a typo is found. Contents of the files never are
/// (the tests above).
#[test]
fn what_the_user_typed_is_repeated_and_nothing_else() {
    let examples = scratch("typed");
    let canaries = canaried_examples(&examples);
    let typed = "TYPED-9-zq";
    let cases: &[(&[&str], &str)] = &[
        (&["check", "--select", typed], "unknown rule \"TYPED-9-zq\""),
        (&["check", "--ignore", typed], "unknown rule \"TYPED-9-zq\""),
        (
            &["check", "--policy", typed],
            "policy TYPED-9-zq: unknown policy",
        ),
        (&["check", "--as-of", typed], "TYPED-9-zq"),
        (&["check", "--fail-on", typed], "TYPED-9-zq"),
        (&["check", "cases/TYPED-9-zq.json"], "TYPED-9-zq"),
        (&["explain", typed], "TYPED-9-zq"),
    ];
    for (args, expected) in cases {
        let run = hearth_in(&examples, args, None);
        assert_eq!(run.code, Some(2), "{}: {}", run.what, run.stderr);
        assert!(
            run.stderr.contains(expected),
            "{}: {expected:?} in {}",
            run.what,
            run.stderr
        );
        assert_no_leak(&canaries, &run);
    }
    // A filter that matches nothing prints nothing about it, and no input value.
    let run = hearth_in(
        &examples,
        &["due", "--participant", typed, "--staff", typed],
        None,
    );
    assert_ran_clean(&canaries, &run);
    assert!(!run.stdout.contains(typed), "{}", run.stdout);
    let _ = std::fs::remove_dir_all(&examples);
}
