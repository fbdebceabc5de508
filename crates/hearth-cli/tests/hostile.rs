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

/// Runs hearth in `dir` with `input` on its standard input.
fn hearth_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    use std::io::Write as _;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("feed");
    child.wait_with_output().expect("wait")
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

/// `-o` never destroys an input, never reads its own report back, and a run that stops
/// (exit 2) leaves the previous report as it was; `-o -` is standard output.
#[test]
fn the_output_never_replaces_an_input_or_an_old_report_on_failure() {
    let dir = scratch("output");
    copy_example(&dir, "rrh.json");
    let before = std::fs::read(dir.join("rrh.json")).expect("read");
    let out = hearth_in(
        &dir,
        &[
            "check",
            "rrh.json",
            "--isolated",
            "--as-of",
            "2026-06-26",
            "-o",
            "./rrh.json",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read(dir.join("rrh.json")).expect("read"), before);

    let args = [
        "check",
        ".",
        "--isolated",
        "--as-of",
        "2026-06-26",
        "--format",
        "json",
        "-o",
        "r.json",
    ];
    let first = hearth_in(&dir, &args);
    assert_eq!(first.status.code(), Some(1), "{}", stderr(&first));
    let report = std::fs::read_to_string(dir.join("r.json")).expect("report");
    // Run again: the old report in the checked folder is not read as an input.
    let second = hearth_in(&dir, &args);
    assert_eq!(second.status.code(), Some(1), "{}", stderr(&second));
    assert_eq!(
        std::fs::read_to_string(dir.join("r.json")).expect("report"),
        report
    );

    // A run that cannot run leaves the old report.
    let failed = hearth_in(
        &dir,
        &[
            "check",
            ".",
            "--isolated",
            "--policy",
            "no-such-policy",
            "--format",
            "json",
            "-o",
            "r.json",
        ],
    );
    assert_eq!(failed.status.code(), Some(2), "{}", stderr(&failed));
    assert_eq!(
        std::fs::read_to_string(dir.join("r.json")).expect("report"),
        report
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("hearth-tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let to_stdout = hearth_in(
        &dir,
        &[
            "check",
            "rrh.json",
            "--isolated",
            "--as-of",
            "2026-06-26",
            "-o",
            "-",
        ],
    );
    assert!(
        stdout(&to_stdout).contains("CONS001"),
        "{}",
        stderr(&to_stdout)
    );
    assert!(!dir.join("-").exists());
    let format_name = hearth_in(
        &dir,
        &["check", "rrh.json", "--isolated", "--output", "json"],
    );
    assert_eq!(format_name.status.code(), Some(2));
    assert!(
        stderr(&format_name).contains("--format json"),
        "{}",
        stderr(&format_name)
    );
    assert!(!dir.join("json").exists());
}

/// One bad entry in a folder never aborts the batch: a link to nothing or to a folder
/// is a located problem, a pipe is passed over with a note (never opened, so the run
/// cannot hang), and the rest is checked.
#[cfg(unix)]
#[test]
fn odd_entries_in_a_folder_do_not_stop_the_batch() {
    let dir = scratch("odd-entries");
    let d = dir.join("d");
    std::fs::create_dir_all(dir.join("elsewhere")).expect("mkdir");
    std::fs::create_dir_all(&d).expect("mkdir");
    copy_example(&d, "rrh.json");
    std::os::unix::fs::symlink(dir.join("nowhere.json"), d.join("dangling.json")).expect("link");
    std::os::unix::fs::symlink(dir.join("elsewhere"), d.join("folder.json")).expect("link");
    let fifo = Command::new("mkfifo").arg(d.join("pipe.json")).status();
    let out = hearth_in(
        &dir,
        &[
            "check",
            "d",
            "--isolated",
            "--as-of",
            "2026-06-26",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json report");
    let text = report.to_string();
    assert!(
        text.contains("dangling.json") && text.contains("folder.json"),
        "{text}"
    );
    assert!(
        text.contains("CONS001"),
        "the good file was checked: {text}"
    );
    if fifo.is_ok_and(|s| s.success()) {
        assert!(stderr(&out).contains("pipe.json"), "{}", stderr(&out));
    }
}

/// Inputs are read once: a pipe named outright (`<(cat f.json)`) and NDJSON on standard
/// input are checked; the same file under two spellings is checked once.
#[cfg(unix)]
#[test]
fn pipes_stdin_ndjson_and_repeated_spellings() {
    let dir = scratch("once");
    copy_example(&dir, "rrh.json");
    let base = ["--isolated", "--as-of", "2026-06-26", "--format", "json"];
    let once = hearth_in(&dir, &[&["check", "rrh.json"][..], &base].concat());
    let twice = hearth_in(
        &dir,
        &[&["check", "rrh.json", "./rrh.json"][..], &base].concat(),
    );
    let count = |out: &Output| -> serde_json::Value {
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        report["summary"].clone()
    };
    assert_eq!(count(&once)["documents"], 1, "{}", stderr(&once));
    assert_eq!(count(&once), count(&twice), "{}", stderr(&twice));

    let piped = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} check <(cat rrh.json) --isolated --as-of 2026-06-26 --format json",
            env!("CARGO_BIN_EXE_hearth")
        ))
        .current_dir(&dir)
        .output()
        .expect("bash");
    assert_eq!(piped.status.code(), Some(1), "{}", stderr(&piped));
    assert!(stdout(&piped).contains("CONS001"), "{}", stderr(&piped));

    let generated = hearth_in(&dir, &["generate", "--participants", "5", "--seed", "3"]);
    assert_eq!(generated.status.code(), Some(0), "{}", stderr(&generated));
    let out = hearth_with_stdin(
        &dir,
        &[
            "check",
            "-",
            "--isolated",
            "--format",
            "json",
            "--exit-zero",
        ],
        &generated.stdout,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(report["summary"]["documents"], 5, "{report}");
}

/// `hearth due` reports documents it could not read (and exits 1) instead of printing
/// a short agenda; each row carries the date its file was judged as of.
#[test]
fn due_reports_unreadable_documents_and_each_files_date() {
    let dir = scratch("due");
    copy_example(&dir, "rrh.json");
    std::fs::write(dir.join("broken.json"), "{\"participant\": ").expect("write");
    let out = hearth_in(&dir, &["due", ".", "--isolated", "--as-of", "2026-06-26"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("could not be read: ./broken.json"), "{text}");
    assert!(text.contains("1 document could not be read"), "{text}");
    let out = hearth_in(
        &dir,
        &[
            "due",
            ".",
            "--isolated",
            "--as-of",
            "2026-06-26",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let agenda: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(agenda["unreadable"][0]["code"], "INPUT001", "{agenda}");
    assert_eq!(
        agenda["obligations"][0]["file_as_of"], "2026-06-26",
        "{agenda}"
    );
}

/// `hearth inspect` reads NDJSON (files and standard input) as `check` does, and has a
/// size limit, so a huge input is reported instead of read until memory runs out.
#[test]
fn inspect_reads_ndjson_and_keeps_to_the_size_limit() {
    let dir = scratch("inspect");
    let generated = hearth_in(&dir, &["generate", "--participants", "3", "--seed", "1"]);
    std::fs::write(dir.join("c.ndjson"), &generated.stdout).expect("write");
    let out = hearth_in(&dir, &["inspect", "c.ndjson"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("3 documents read, 3 loaded"),
        "{}",
        stdout(&out)
    );

    let out = hearth_with_stdin(&dir, &["inspect", "-"], &generated.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("3 documents read, 3 loaded"),
        "{}",
        stdout(&out)
    );

    copy_example(&dir, "rrh.json");
    let out = hearth_in(
        &dir,
        &["inspect", "rrh.json", "--max-document-bytes", "1000"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("larger than the limit"),
        "{}",
        stdout(&out)
    );
}

/// Writing commands never replace what is there without --force, and never write
/// through a link that points nowhere.
#[cfg(unix)]
#[test]
fn writers_respect_force_and_refuse_dangling_links() {
    let dir = scratch("writers");
    let schemas = dir.join("schemas");
    let first = hearth_in(&dir, &["schema", "--out-dir", "schemas"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // Unchanged files are left as they are; a changed one needs --force.
    let again = hearth_in(&dir, &["schema", "--out-dir", "schemas"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let edited = schemas.join("case-file.schema.json");
    std::fs::write(&edited, "{}").expect("edit");
    let refused = hearth_in(&dir, &["schema", "--out-dir", "schemas"]);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert_eq!(std::fs::read_to_string(&edited).expect("read"), "{}");
    let forced = hearth_in(&dir, &["schema", "--out-dir", "schemas", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_ne!(std::fs::read_to_string(&edited).expect("read"), "{}");

    let target = dir.join("elsewhere.toml");
    let init_dir = dir.join("init");
    std::fs::create_dir_all(&init_dir).expect("mkdir");
    std::os::unix::fs::symlink(&target, init_dir.join("hearth.toml")).expect("link");
    let init = hearth_in(&init_dir, &["init"]);
    assert_eq!(init.status.code(), Some(2), "{}", stderr(&init));
    let init = hearth_in(&init_dir, &["init", "--force"]);
    assert_eq!(init.status.code(), Some(2), "{}", stderr(&init));
    assert!(!target.exists(), "init wrote through a dangling link");

    let out_target = dir.join("elsewhere.ndjson");
    std::os::unix::fs::symlink(&out_target, dir.join("g.ndjson")).expect("link");
    for force in [&[][..], &["--force"][..]] {
        let gen = hearth_in(
            &dir,
            &[
                &["generate", "--participants", "1", "--output", "g.ndjson"][..],
                force,
            ]
            .concat(),
        );
        assert_eq!(gen.status.code(), Some(2), "{}", stderr(&gen));
    }
    assert!(
        !out_target.exists(),
        "generate wrote through a dangling link"
    );
}
