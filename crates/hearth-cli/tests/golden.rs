//! Byte identity of `hearth check`: the output of all five formats (text, JSON, SARIF,
//! JUnit, GitHub) over the examples (as examples/data/hearth.toml checks them) and over a
//! generated caseload (`hearth generate --participants 200 --seed 7`, NDJSON, written to a
//! temporary folder at test time) must equal, byte for byte, the golden files committed
//! under tests/golden/.
//!
//! These files were recorded before the renderers and the located report moved out of the
//! binary into library crates, so they prove that a refactor does not change a byte.
//! When an output is *meant* to change, re-record them with
//! `HEARTH_BLESS=1 cargo test -p hearth-cli --test golden`, read the diff, and say why in
//! the commit.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// The formats, with the ending of their golden file.
const FORMATS: &[(&str, &str)] = &[
    ("text", "txt"),
    ("json", "json"),
    ("sarif", "sarif"),
    ("junit", "xml"),
    ("github", "github"),
];

/// Standard output of `hearth ARGS` run in `dir`, after checking the exit code.
fn stdout_of(dir: &Path, args: &[&str], code: i32) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .current_dir(dir)
        .env_remove("CI")
        .env_remove("NO_COLOR")
        .output()
        .expect("the hearth binary runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "hearth {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Compares `actual` with the golden file `name`, or records it when `HEARTH_BLESS` is
/// set. A missing golden file is a failure, never a pass.
fn assert_golden(name: &str, actual: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var_os("HEARTH_BLESS").is_some() {
        std::fs::create_dir_all(golden_dir()).expect("the golden folder");
        std::fs::write(&path, actual).expect("write a golden file");
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; record it with HEARTH_BLESS=1 cargo test -p hearth-cli --test golden",
            path.display()
        )
    });
    if expected != actual {
        let (a, b) = (
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual),
        );
        let at = a.lines().zip(b.lines()).position(|(x, y)| x != y);
        let line = at.unwrap_or_else(|| a.lines().count().min(b.lines().count()));
        panic!(
            "{name}: the output changed ({} bytes recorded, {} now); first difference at line {}:\n  recorded: {:?}\n  now:      {:?}",
            expected.len(),
            actual.len(),
            line + 1,
            a.lines().nth(line),
            b.lines().nth(line)
        );
    }
}

#[test]
fn every_format_of_the_examples_is_byte_identical_to_its_golden_file() {
    for (format, ending) in FORMATS {
        let out = stdout_of(
            &repo(),
            &[
                "check",
                "--config",
                "examples/data/hearth.toml",
                "--color",
                "never",
                "--format",
                format,
            ],
            1,
        );
        assert!(out.len() > 1000, "{format}: a real report");
        assert_golden(&format!("examples.{ending}"), &out);
    }
}

#[test]
fn every_format_of_a_generated_caseload_is_byte_identical_to_its_golden_file() {
    let dir = std::env::temp_dir().join(format!("hearth-golden-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    stdout_of(
        &dir,
        &[
            "generate",
            "--participants",
            "200",
            "--seed",
            "7",
            "--format",
            "ndjson",
            "--out",
            "caseload.ndjson",
        ],
        0,
    );
    for (format, ending) in FORMATS {
        let out = stdout_of(
            &dir,
            &[
                "check",
                "--isolated",
                "--as-of",
                "2026-11-30",
                "--color",
                "never",
                "--format",
                format,
                "caseload.ndjson",
            ],
            1,
        );
        assert!(out.len() > 10_000, "{format}: a real report");
        assert_golden(&format!("generated.{ending}"), &out);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
