//! Determinism of the built binary: the same inputs give the same bytes, run after run,
//! whatever the number of worker threads and whatever order the files were written to
//! disk in. (tests/check.rs's `threads_do_not_change_a_byte` covers many copies of the
//! case files in every format; this covers the examples as `hearth.toml` checks them,
//! with the caseload, the extension and per-file policies and dates, and `hearth due`.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Standard output of `hearth ARGS` run in `dir`, after checking the exit code.
fn stdout_of(dir: &Path, args: &[&str], code: i32) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .current_dir(dir)
        .env_remove("CI")
        .output()
        .expect("the hearth binary runs");
    assert_eq!(
        out.status.code(),
        Some(code),
        "hearth {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.len() > 1000,
        "hearth {}: a real report",
        args.join(" ")
    );
    out.stdout
}

/// Equal outputs, or the first line where they differ.
fn assert_same(a: &[u8], b: &[u8], what: &str) {
    if a != b {
        let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
        let at = a.lines().zip(b.lines()).position(|(x, y)| x != y);
        let line = at.unwrap_or_else(|| a.lines().count().min(b.lines().count()));
        panic!(
            "{what}: outputs differ at line {}:\n  {:?}\n  {:?}",
            line + 1,
            a.lines().nth(line),
            b.lines().nth(line)
        );
    }
}

const CONFIG: &[&str] = &["--config", "examples/data/hearth.toml"];

#[test]
fn the_examples_give_the_same_bytes_every_run_and_on_any_number_of_threads() {
    let commands: &[(&str, &[&str], i32)] = &[
        ("check", &["--format", "json"], 1),
        ("check", &["--format", "sarif"], 1),
        ("check", &["--format", "text"], 1),
        ("due", &["--format", "json", "--status", "all"], 0),
        ("due", &["--format", "text"], 0),
    ];
    for (command, format, code) in commands {
        let run = |extra: &[&str]| {
            let mut args = vec![*command];
            args.extend_from_slice(CONFIG);
            args.extend_from_slice(format);
            args.extend_from_slice(extra);
            stdout_of(&repo(), &args, *code)
        };
        let first = run(&[]);
        let what = format!("hearth {command} {}", format.join(" "));
        assert_same(&first, &run(&[]), &format!("{what}: a second run"));
        assert_same(
            &first,
            &run(&["--threads", "1"]),
            &format!("{what}: one thread"),
        );
        assert_same(
            &first,
            &run(&["--threads", "2"]),
            &format!("{what}: two threads"),
        );
        assert_same(&first, &run(&["-j", "5"]), &format!("{what}: five threads"));
    }
}

/// Copies the examples into `dir` in the order given (directory listings follow
/// creation order on many file systems).
fn copy_examples(dir: &Path, reverse: bool) {
    let _ = std::fs::remove_dir_all(dir);
    let data = repo().join("examples/data");
    let mut files: Vec<PathBuf> = ["cases", "caseloads", "extensions"]
        .iter()
        .flat_map(|sub| {
            std::fs::read_dir(data.join(sub))
                .unwrap()
                .map(|e| e.unwrap().path())
        })
        .collect();
    files.sort();
    if reverse {
        files.reverse();
    }
    for file in files {
        let relative = file.strip_prefix(&data).unwrap();
        // Each file in a folder of its own, made just before it, so folders are listed
        // in creation order too.
        let to = dir.join(relative);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&file, &to).unwrap();
    }
    std::fs::copy(data.join("hearth.toml"), dir.join("hearth.toml")).unwrap();
}

#[test]
fn the_order_files_were_written_in_does_not_matter() {
    let base = std::env::temp_dir().join(format!("hearth-determinism-{}", std::process::id()));
    let (forward, backward) = (base.join("forward"), base.join("backward"));
    copy_examples(&forward, false);
    copy_examples(&backward, true);
    for format in ["json", "sarif", "text"] {
        // Relative paths, so the two copies' reports name the same files.
        let args = [
            "check",
            "--format",
            format,
            "cases",
            "caseloads",
            "extensions",
        ];
        let first = stdout_of(&forward, &args, 1);
        assert_same(&first, &stdout_of(&backward, &args, 1), format);
        // Named in another order, one file twice.
        let named = [
            "check",
            "--format",
            format,
            "extensions",
            "cases/rrh.json",
            "caseloads",
            "cases",
        ];
        assert_same(
            &first,
            &stdout_of(&backward, &named, 1),
            &format!("{format}: paths named in another order"),
        );
    }
    let _ = std::fs::remove_dir_all(&base);
}
