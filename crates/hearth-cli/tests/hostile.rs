//! End-to-end tests of promises that hostile or careless input once broke (issue 12):
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
        .output()
        .expect("the hearth binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearth-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn copy_example(dir: &Path, name: &str) {
    std::fs::copy(
        repo().join("examples/data/cases").join(name),
        dir.join(name),
    )
    .expect("copy example");
}

/// A file in the working directory named like a built-in policy never replaces it,
/// whether the policy is named with --policy or chosen from the document's program.
#[test]
fn a_file_named_like_a_builtin_policy_never_shadows_it() {
    let dir = scratch("shadow");
    copy_example(&dir, "rrh.json");
    let quiet = "name = \"rrh\"\n[rules.VISIT001]\nenabled = false\n";
    let with_policy = ["check", "rrh.json", "--isolated", "--as-of", "2026-06-26"];
    let baseline = hearth_in(&dir, &with_policy);
    assert_eq!(baseline.status.code(), Some(1), "{}", stderr(&baseline));
    std::fs::write(dir.join("rrh"), quiet).expect("write shadow");
    for extra in [&[][..], &["--policy", "rrh"][..]] {
        let mut args = with_policy.to_vec();
        args.extend_from_slice(extra);
        let out = hearth_in(&dir, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert_eq!(stdout(&out), stdout(&baseline), "{args:?}");
    }
    // Named as a path, the file is the policy.
    let out = hearth_in(
        &dir,
        &[
            "check",
            "rrh.json",
            "--isolated",
            "--as-of",
            "2026-06-26",
            "--policy",
            "./rrh",
        ],
    );
    assert_ne!(stdout(&out), stdout(&baseline), "{}", stderr(&out));
}

/// A `hearth.toml` value is never repeated in an error about it: the policy named there
/// may be free text written in the wrong place.
#[test]
fn settings_values_are_never_echoed() {
    let dir = scratch("settings-echo");
    copy_example(&dir, "rrh.json");
    std::fs::write(
        dir.join("hearth.toml"),
        "policy = \"Jordan Canary 555-0199\"\n",
    )
    .expect("write config");
    let out = hearth_in(&dir, &["check", "rrh.json", "--as-of", "2026-06-26"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        !all.contains("Jordan") && !all.contains("555-0199"),
        "{all}"
    );
    for (select, canary) in [("--select", "Jordan Canary"), ("--ignore", "Casey Canary")] {
        let out = hearth_in(
            &dir,
            &[
                "check",
                "rrh.json",
                "--isolated",
                "--as-of",
                "2026-06-26",
                select,
                canary,
            ],
        );
        let all = format!("{}{}", stdout(&out), stderr(&out));
        assert_eq!(out.status.code(), Some(2), "{all}");
        assert!(!all.contains("Canary"), "{select}: {all}");
    }
}

/// `hearth.toml` errors are located at a line and column, and name the key at fault.
#[test]
fn settings_errors_have_line_column_and_key() {
    let dir = scratch("settings-located");
    copy_example(&dir, "rrh.json");
    std::fs::write(
        dir.join("hearth.toml"),
        "# settings\npolicy = \"rrh\"\nfail_on = \"sometimes\"\n",
    )
    .expect("write config");
    let out = hearth_in(&dir, &["check", "rrh.json", "--as-of", "2026-06-26"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("line 3, column 11"), "{err}");
    assert!(err.contains("fail_on"), "{err}");
    assert!(!err.contains("sometimes"), "{err}");
}

/// `--as-of` is a real date in the range documents may hold, for every command that
/// takes one; `-j` is bounded instead of panicking when threads are refused.
#[test]
fn dates_and_thread_counts_out_of_range_exit_2() {
    let dir = scratch("ranges");
    copy_example(&dir, "rrh.json");
    for args in [
        &["check", "rrh.json", "--isolated", "--as-of", "0205-11-30"][..],
        &["check", "rrh.json", "--isolated", "--as-of", "2026-2-3"][..],
        &["due", "rrh.json", "--isolated", "--as-of", "2201-01-01"][..],
        &[
            "generate",
            "--participants",
            "1",
            "--as-of",
            "0205-11-30",
            "--out",
            "g",
        ][..],
        &["check", "rrh.json", "--isolated", "-j", "65535"][..],
    ] {
        let out = hearth_in(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(
        !dir.join("g").exists(),
        "generate wrote files for a refused date"
    );
    std::fs::write(dir.join("hearth.toml"), "as_of = 0205-11-30\n").expect("config");
    let out = hearth_in(&dir, &["check", "rrh.json"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("as_of"), "{}", stderr(&out));
}

/// A reader that closes the pipe early (`hearth check | head`) ends the run quietly.
#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = scratch("pipe");
    // Enough output that the pipe fills and the write fails once the reader has gone.
    let mut child = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(["schema", "case-file"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 16];
    let mut out = child.stdout.take().expect("stdout");
    out.read_exact(&mut first).expect("some output");
    drop(out);
    let result = child.wait_with_output().expect("wait");
    let err = stderr(&result);
    assert!(
        !err.contains("Broken pipe") && !err.contains("error"),
        "{err}"
    );
    assert_eq!(result.status.code(), Some(0), "{err}");
}
