//! End-to-end tests of the output promises of issue 12 (items 1, 5, 9, 17, 18, 19):
//! each test here failed on the code before its fix.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn hearth_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .current_dir(dir)
        .env_remove("CI")
        .env_remove("NO_COLOR")
        .output()
        .expect("the hearth binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "hearth-hostile-output-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn example(name: &str) -> String {
    std::fs::read_to_string(repo().join("examples/data/cases").join(name)).expect("an example")
}

/// Item 1: a document that does not parse shows only punctuation, true/false/null and
/// field names on its excerpt line: no single-quoted string, comment, bare word, number
/// or control character.
#[test]
fn excerpts_of_broken_documents_show_only_what_is_known_safe() {
    let dir = scratch("excerpt");
    std::fs::write(
        dir.join("py.json"),
        "{'name': 'Robin Sample', 'dob': 19840203} // call 5551234 \u{1b}[2J\u{7}",
    )
    .unwrap();
    std::fs::write(
        dir.join("key.json"),
        "{\"schema_version\": \"1.0\", \"participant\": {\"id\": \"P-1\", \"robin_sample\": 5551234}}",
    )
    .unwrap();
    for file in ["py.json", "key.json"] {
        let out = hearth_in(
            &dir,
            &[
                "check",
                file,
                "--policy",
                "stl-coc",
                "--as-of",
                "2026-01-01",
            ],
        );
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(1), "{text}");
        assert!(text.contains("INPUT001"), "{text}");
        for secret in [
            "Robin",
            "Sample",
            "robin_sample",
            "19840203",
            "5551234",
            "call",
        ] {
            assert!(!text.contains(secret), "{secret} shown: {text}");
        }
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text:?}"
        );
    }
}

/// Item 5: an id holding a newline and a workflow command, and a file name holding ESC
/// and BEL, reach no format as themselves.
#[test]
fn ids_and_file_names_are_escaped_in_every_format() {
    let dir = scratch("escape");
    let forged = "P-1\\n::error file=forged.json::owned\\u001b]0;title\\u0007";
    let text = example("stl-coc.json").replace("STL-2025-0611", forged);
    let name = "case\u{1b}[31m\u{7}.json";
    std::fs::write(dir.join(name), text).unwrap();
    for format in ["text", "github", "junit", "sarif", "json"] {
        let out = hearth_in(
            &dir,
            &["check", name, "--format", format, "--as-of", "2026-01-19"],
        );
        let shown = stdout(&out);
        assert!(!shown.is_empty(), "{format}: no output");
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{format}: a control character: {shown:?}"
        );
        assert!(
            !shown.lines().any(|l| l.starts_with("::error file=forged")),
            "{format}: a forged workflow command"
        );
    }
    for command in ["due", "inspect"] {
        let out = hearth_in(&dir, &[command, name, "--as-of", "2026-01-19"]);
        let out = if command == "inspect" {
            hearth_in(&dir, &[command, name])
        } else {
            out
        };
        let shown = stdout(&out);
        assert!(!shown.is_empty(), "{command}: no output");
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{command}: a control character: {shown:?}"
        );
    }
}

/// Items 9, 17, 18, 19: finding caps with a count of the rest, --statistics, -q, and
/// plurals in the summary.
#[test]
fn caps_statistics_quiet_and_plurals() {
    let dir = scratch("caps");
    std::fs::write(dir.join("a.json"), example("stl-coc.json")).unwrap();
    let base = ["check", "a.json", "--as-of", "2026-01-19"];
    let full = stdout(&hearth_in(&dir, &base));
    assert!(
        full.contains("checked 1 document (1 participant) as of 2026-01-19"),
        "{full}"
    );

    let capped = stdout(&hearth_in(
        &dir,
        &[&base[..], &["--max-findings", "2"]].concat(),
    ));
    assert!(capped.contains(" more "), "{capped}");
    assert!(
        capped.contains("(at most 100 per rule and 2 per document)"),
        "{capped}"
    );
    assert!(capped.len() < full.len());

    let stats = stdout(&hearth_in(&dir, &[&base[..], &["--statistics"]].concat()));
    assert!(!stats.contains("-->"), "no finding listed: {stats}");
    let first = stats.lines().next().unwrap_or_default();
    let fields: Vec<&str> = first.split('\t').collect();
    assert_eq!(fields.len(), 4, "{first:?}");
    assert!(fields[0].trim().parse::<usize>().is_ok(), "{first:?}");
    assert!(stats.contains("checked 1 document"), "{stats}");

    let quiet = stdout(&hearth_in(&dir, &[&base[..], &["-q"]].concat()));
    assert!(quiet.contains("-->"), "findings still shown: {quiet}");
    assert!(!quiet.contains("checked 1 document"), "no summary: {quiet}");
    assert!(!quiet.contains("judged as of"), "{quiet}");
}

/// Item 17: `--ignore INPUT001` and `--select INPUT001` are known (an unreadable document
/// is still reported), and `hearth explain INPUT001` explains it.
#[test]
fn input001_is_known_to_select_ignore_and_explain() {
    let dir = scratch("input001");
    std::fs::write(dir.join("bad.json"), "{").unwrap();
    let out = hearth_in(
        &dir,
        &[
            "check", "bad.json", "--ignore", "INPUT001", "--policy", "stl-coc",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("INPUT001"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("INPUT001 is always reported"));
    let out = hearth_in(
        &dir,
        &[
            "check", "bad.json", "--select", "input001", "--policy", "stl-coc",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let out = hearth_in(&dir, &["explain", "INPUT001"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("INPUT001 invalid-document"));
}

/// Item 19: messages say what to write, never a Rust type ("struct PersonalDetails",
/// "a sequence", "usize"); a bad date says "YYYY-MM-DD".
#[test]
fn messages_name_what_to_write_not_rust_types() {
    let dir = scratch("messages");
    let cases = [
        ("object.json", "{\"schema_version\": \"1.0\", \"participant\": []}", "an object"),
        (
            "array.json",
            "{\"schema_version\": \"1.0\", \"participant\": {\"id\": \"P-1\"}, \"enrollments\": {}}",
            "an array",
        ),
        (
            "date.json",
            "{\"schema_version\": \"1.0\", \"participant\": {\"id\": \"P-1\"}, \"enrollments\": [{\"id\": \"E\", \"program\": \"icms\", \"entered_on\": 5}]}",
            "YYYY-MM-DD",
        ),
    ];
    for (file, text, wanted) in cases {
        std::fs::write(dir.join(file), text).unwrap();
        let out = hearth_in(
            &dir,
            &[
                "check",
                file,
                "--policy",
                "stl-coc",
                "--as-of",
                "2026-01-01",
            ],
        );
        let shown = stdout(&out);
        assert!(shown.contains(wanted), "{file}: {wanted} in {shown}");
        for rust in ["struct ", "a sequence", "usize", "a map", "formatted date"] {
            assert!(!shown.contains(rust), "{file}: {rust} in {shown}");
        }
    }
}
