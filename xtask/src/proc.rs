//! Running commands: echo them, fail on a non-zero exit, and for test runners check
//! that tests actually ran.

use std::ffi::OsStr;
use std::fmt;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// Why a task failed.
#[derive(Debug)]
pub struct Error(String);

impl Error {
    /// An error with this message.
    pub fn msg(message: impl Into<String>) -> Self {
        Error(message.into())
    }

    /// A file that could not be read or written.
    pub fn io(path: &Path, err: std::io::Error) -> Self {
        Error(format!("{}: {err}", path.display()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A task's result.
pub type Result<T> = std::result::Result<T, Error>;

/// A command with arguments.
pub fn cmd<I, S>(program: &str, args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut c = Command::new(program);
    c.args(args);
    c
}

fn shown(c: &Command) -> String {
    let mut text = c.get_program().to_string_lossy().into_owned();
    for arg in c.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs a command with inherited output; a non-zero exit is an error.
pub fn run(c: &mut Command) -> Result<()> {
    let line = shown(c);
    println!("== {line}");
    let _ = std::io::stdout().flush();
    let status = c
        .status()
        .map_err(|e| Error::msg(format!("could not start `{line}`: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::msg(format!("`{line}` failed ({status})")))
    }
}

/// Runs a command quietly and returns its standard output; a non-zero exit is an error.
pub fn output(c: &mut Command) -> Result<String> {
    let line = shown(c);
    let out = c
        .stderr(Stdio::null())
        .output()
        .map_err(|e| Error::msg(format!("could not start `{line}`: {e}")))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(Error::msg(format!("`{line}` failed ({})", out.status)))
    }
}

/// Which test runner a command is, to read its exit code and closing lines.
#[derive(Debug, Clone, Copy)]
pub enum Runner {
    /// pytest: exit 5 means no test was collected.
    Pytest,
    /// `node --test` (TAP or spec reporter): `# tests N` / `ℹ tests N` must be above 0.
    Node,
}

/// Runs a test runner, echoing its output, and fails when it fails or ran no test.
/// Returns the output for figures (timings) the caller reports.
pub fn run_tests(c: &mut Command, runner: Runner) -> Result<String> {
    let line = shown(c);
    println!("== {line}");
    let _ = std::io::stdout().flush();
    let mut child = c
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| Error::msg(format!("could not start `{line}`: {e}")))?;
    let mut seen = String::new();
    if let Some(out) = child.stdout.take() {
        for l in BufReader::new(out)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{l}");
            seen.push_str(&l);
            seen.push('\n');
        }
    }
    let status = child
        .wait()
        .map_err(|e| Error::msg(format!("`{line}`: {e}")))?;
    match runner {
        Runner::Pytest if status.code() == Some(5) => {
            return Err(Error::msg(format!(
                "`{line}` collected no tests (pytest exit 5): a test run must run tests"
            )))
        }
        Runner::Node => {
            let count = seen.lines().find_map(|l| {
                let l = l.trim_start_matches(['#', 'ℹ', ' ']);
                l.strip_prefix("tests ")?.trim().parse::<u64>().ok()
            });
            if count.unwrap_or(0) == 0 && status.success() {
                return Err(Error::msg(format!("`{line}` ran no test")));
            }
        }
        Runner::Pytest => {}
    }
    if status.success() {
        Ok(seen)
    } else {
        Err(Error::msg(format!("`{line}` failed ({status})")))
    }
}
