//! Replays the fuzz regression corpus: every file under `tests/fuzz_regressions/<target>/`
//! through the very body the cargo-fuzz target runs (`fuzz/harness.rs`). A crash the
//! fuzzer found, once fixed, stays fixed. See docs/fuzzing.md to add one.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

#[path = "../fuzz/harness.rs"]
mod harness;

/// Runs every file of the target's folder; fails if the folder is missing or empty, or
/// if any input panics (naming each one).
fn replay(target: &str, body: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fuzz_regressions")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("the corpus folder {} cannot be read: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "the corpus folder {} holds no input",
        dir.display()
    );
    let mut failed = Vec::new();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if catch_unwind(AssertUnwindSafe(|| body(&data))).is_err() {
            failed.push(file.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs panicked: {failed:?}",
        failed.len(),
        files.len()
    );
}

#[test]
fn case_file_corpus() {
    replay("case_file", harness::case_file);
}

#[test]
fn ndjson_batch_corpus() {
    replay("ndjson_batch", harness::ndjson_batch);
}

#[test]
fn policy_toml_corpus() {
    replay("policy_toml", harness::policy_toml);
}

#[test]
fn catalog_extension_corpus() {
    replay("catalog_extension", harness::catalog_extension);
}

#[test]
fn html_report_corpus() {
    replay("html_report", harness::html_report);
}

#[test]
fn text_excerpt_corpus() {
    replay("text_excerpt", harness::text_excerpt);
}
