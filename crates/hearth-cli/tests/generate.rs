//! End-to-end tests of `hearth generate`: the built binary writes NDJSON and folders of
//! invented case files that `hearth check` reads, deterministically, and never
//! overwrites output unasked.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn hearth_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .output()
        .expect("the hearth binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("utf-8 stderr")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearth-generate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

#[test]
fn ndjson_goes_to_standard_output_the_same_every_time() {
    let dir = scratch("stdout");
    let args = ["generate", "--participants", "6", "--months", "6"];
    let first = hearth_in(&dir, &args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let text = stdout(&first);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6);
    let programs: BTreeSet<String> = lines
        .iter()
        .map(|line| {
            let case: Value = serde_json::from_str(line).expect("one JSON document a line");
            case["enrollments"][0]["program"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(programs.len(), 5, "every program model: {programs:?}");
    assert_eq!(hearth_in(&dir, &args).stdout, first.stdout, "deterministic");
    let other = hearth_in(
        &dir,
        &[
            "generate",
            "--participants",
            "6",
            "--months",
            "6",
            "--seed",
            "7",
        ],
    );
    assert_ne!(other.stdout, first.stdout, "another seed, other files");
    // The same participants as the library generates.
    let options = hearth_generate::Options {
        participants: 6,
        months: 6,
        ..hearth_generate::Options::default()
    };
    let expected: Vec<String> = hearth_generate::case_files(&options)
        .map(|c| serde_json::to_string(&c).unwrap())
        .collect();
    assert_eq!(lines, expected);
}

#[test]
fn hearth_check_reads_a_generated_ndjson_caseload_and_finds_the_injected_lapses() {
    let dir = scratch("check");
    let out = hearth_in(
        &dir,
        &[
            "generate",
            "--participants",
            "60",
            "--seed",
            "3",
            "--out",
            "caseload.ndjson",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out)
            .contains("wrote 60 case files (24 months to 2026-11-30, seed 3) to caseload.ndjson"),
        "{}",
        stdout(&out)
    );
    let check = hearth_in(
        &dir,
        &[
            "check",
            "caseload.ndjson",
            "--isolated",
            "--as-of",
            "2026-11-30",
            "--format",
            "json",
        ],
    );
    assert_eq!(check.status.code(), Some(1), "{}", stderr(&check));
    let report: Value = serde_json::from_slice(&check.stdout).expect("a JSON check report");
    assert_eq!(report["summary"]["documents"], 60);
    assert_eq!(report["summary"]["participants"], 60);
    assert_eq!(report["summary"]["invalid"], 0);
    let findings = report["findings"].as_array().expect("findings");
    // Each document is checked with its program's built-in policy, so the rules that
    // fire are exactly those the injected problems name.
    let fired: BTreeSet<&str> = findings
        .iter()
        .filter(|f| f["kind"] == "violation")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    let options = hearth_generate::Options {
        participants: 60,
        seed: 3,
        ..hearth_generate::Options::default()
    };
    let expected: BTreeSet<&str> = (0..60)
        .flat_map(|i| hearth_generate::generate(&options, i).problems)
        .map(|p| p.code())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(fired, expected);
    assert!(findings.iter().all(|f| f["code"] != "INPUT001"));
    // Findings point into the NDJSON file by line.
    assert!(findings
        .iter()
        .all(|f| f["file"] == "caseload.ndjson" && f["line"].as_u64().is_some_and(|l| l <= 60)));
    // Only ids, codes and paths: no invented name or address reaches the output.
    let text = String::from_utf8_lossy(&check.stdout);
    for canary in ["Example Ave", "Sampleton", "(555)"] {
        assert!(!text.contains(canary), "{canary} printed");
    }
}

#[test]
fn dir_writes_one_file_per_participant_and_never_overwrites_unasked() {
    let dir = scratch("dir");
    let args = [
        "generate",
        "--format",
        "dir",
        "--out",
        "cases",
        "--participants",
        "7",
    ];
    let out = hearth_in(&dir, &args);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(dir.join("cases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let expected: Vec<String> = (1..=7).map(|n| format!("P-{n:06}.json")).collect();
    assert_eq!(names, expected);
    let text = std::fs::read_to_string(dir.join("cases/P-000003.json")).unwrap();
    let case = hearth::parse_case_file(&text).expect("a case file");
    assert_eq!(case.participant.id.as_str(), "P-000003");
    assert!(text.contains("\n  \"participant\""), "pretty-printed");

    let again = hearth_in(&dir, &args);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("cases is not empty"),
        "{}",
        stderr(&again)
    );
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let mut forced = args.to_vec();
    forced.extend(["--force", "--seed", "1"]);
    let out = hearth_in(&dir, &forced);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let replaced = std::fs::read_to_string(dir.join("cases/P-000003.json")).unwrap();
    assert_ne!(replaced, text, "--force replaced the file");

    // NDJSON into a file that exists.
    std::fs::write(dir.join("taken.ndjson"), "keep me").unwrap();
    let refused = hearth_in(
        &dir,
        &["generate", "--out", "taken.ndjson", "--participants", "2"],
    );
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("taken.ndjson already exists"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("taken.ndjson")).unwrap(),
        "keep me"
    );
    let forced = hearth_in(
        &dir,
        &[
            "generate",
            "--out",
            "taken.ndjson",
            "--participants",
            "2",
            "--force",
        ],
    );
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_eq!(
        std::fs::read_to_string(dir.join("taken.ndjson"))
            .unwrap()
            .lines()
            .count(),
        2
    );
}

#[test]
fn bad_flags_stop_with_exit_code_2() {
    let dir = scratch("flags");
    let no_out = hearth_in(&dir, &["generate", "--format", "dir"]);
    assert_eq!(no_out.status.code(), Some(2));
    assert!(
        stderr(&no_out).contains("--output DIR"),
        "{}",
        stderr(&no_out)
    );
    for args in [
        &["generate", "--months", "0"][..],
        &["generate", "--problems", "101"],
        &["generate", "--program", "nope"],
        &["generate", "--as-of", "2026-13-01"],
    ] {
        let out = hearth_in(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let only = hearth_in(
        &dir,
        &["generate", "--participants", "3", "--program", "ct-psh"],
    );
    assert_eq!(only.status.code(), Some(0), "{}", stderr(&only));
    assert!(stdout(&only)
        .lines()
        .all(|l| l.contains("\"program\":\"ct-psh\"")));
}
