//! `hearth generate`: write a deterministic, wholly invented caseload — one JSON file per
//! participant, or one NDJSON stream — for benchmarks, load tests and demonstrations.
//!
//! The files come from `hearth-generate`: the same flags give byte-identical output,
//! and about a quarter of the files hold lapses that the rules find, as real exports
//! would. Records are written as they are generated, so memory does not grow with
//! `--participants`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use hearth_generate::{Options, Program};

use crate::error::CliError;

/// Arguments of `hearth generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many participants (case files) to generate.
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub participants: usize,
    /// Months of history before the export date.
    #[arg(long, value_name = "M", default_value_t = 24,
          value_parser = clap::value_parser!(u32).range(1..=i64::from(hearth_generate::MAX_MONTHS)))]
    pub months: u32,
    /// The seed: the same seed (and flags) gives the same files.
    #[arg(long, value_name = "S", default_value_t = 0)]
    pub seed: u64,
    /// The export date the histories end on (YYYY-MM-DD). Fixed by default, never today,
    /// so that output is the same whenever it is generated.
    #[arg(long, value_name = "DATE", default_value_t = hearth_generate::DEFAULT_AS_OF, value_parser = crate::args::as_of_date)]
    pub as_of: NaiveDate,
    /// The share of files, in percent, that get injected lapses.
    #[arg(long, value_name = "PERCENT", default_value_t = 25,
          value_parser = clap::value_parser!(u8).range(0..=100))]
    pub problems: u8,
    /// Only these built-in policies' programs (repeatable; default: all six in turn).
    #[arg(long = "program", value_name = "POLICY", value_parser = parse_program)]
    pub programs: Vec<Program>,
    /// `dir`: one pretty-printed `P-000001.json` per participant in the --out folder;
    /// `ndjson`: one compact case file per line.
    #[arg(long, value_enum, default_value_t = Layout::Ndjson)]
    pub format: Layout,
    /// Where to write: a folder for `dir` (created when missing), a file or `-`
    /// (standard output) for `ndjson`.
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "out",
        value_name = "PATH",
        default_value = "-"
    )]
    pub out: PathBuf,
    /// Write even when the file exists or the folder is not empty (files of the same
    /// name are replaced; others are left alone).
    #[arg(long)]
    pub force: bool,
}

/// How the generated files are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Layout {
    /// One JSON file per participant in a folder.
    Dir,
    /// One case file per line in one file or on standard output.
    Ndjson,
}

fn parse_program(name: &str) -> Result<Program, String> {
    Program::from_policy(name).ok_or_else(|| {
        let names: Vec<&str> = Program::ALL.iter().map(|p| p.policy()).collect();
        format!("unknown policy {name:?}; one of {}", names.join(", "))
    })
}

/// Writes the caseload as the flags ask.
pub fn run(args: &GenerateArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let options = Options {
        participants: args.participants,
        months: args.months,
        seed: args.seed,
        as_of: args.as_of,
        problem_percent: args.problems,
        programs: args.programs.clone(),
    };
    let stdout = args.out.as_os_str() == "-";
    match args.format {
        Layout::Dir if stdout => Err(CliError::Usage(
            "--format dir writes a folder: name it with --output DIR".to_owned(),
        )),
        Layout::Dir => {
            write_dir(&options, &args.out, args.force)?;
            summary(out, &options, &args.out)
        }
        Layout::Ndjson if stdout => {
            let mut writer = BufWriter::new(out);
            write_ndjson(&options, &mut writer, Path::new("standard output"))?;
            Ok(ExitCode::SUCCESS)
        }
        Layout::Ndjson => {
            if crate::output::occupied(&args.out) && !args.force {
                return Err(CliError::WouldOverwrite {
                    path: args.out.clone(),
                    what: "already exists",
                });
            }
            let mut staged = crate::output::Staged::create(&args.out)?;
            write_ndjson(&options, &mut staged, &args.out)?;
            staged.commit()?;
            summary(out, &options, &args.out)
        }
    }
}

fn summary(out: &mut impl Write, options: &Options, path: &Path) -> Result<ExitCode, CliError> {
    writeln!(
        out,
        "wrote {} case files ({} months to {}, seed {}) to {}",
        options.participants,
        options.months,
        options.as_of,
        options.seed,
        path.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

/// One compact case file per line, each written as soon as it is generated.
fn write_ndjson(options: &Options, out: &mut impl Write, path: &Path) -> Result<(), CliError> {
    let failed = |source: std::io::Error| CliError::Write {
        path: path.to_path_buf(),
        source,
    };
    for case in hearth_generate::case_files(options) {
        serde_json::to_writer(&mut *out, &case).map_err(|e| failed(e.into()))?;
        out.write_all(b"\n").map_err(failed)?;
    }
    out.flush().map_err(failed)
}

/// One pretty-printed file per participant, named by the participant id.
fn write_dir(options: &Options, dir: &Path, force: bool) -> Result<(), CliError> {
    if dir.exists() && !force {
        let mut entries = std::fs::read_dir(dir).map_err(|source| CliError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(CliError::WouldOverwrite {
                path: dir.to_path_buf(),
                what: "is not empty",
            });
        }
    }
    std::fs::create_dir_all(dir).map_err(|source| CliError::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    for case in hearth_generate::case_files(options) {
        let path = dir.join(format!("{}.json", case.participant.id));
        let failed = |source: std::io::Error| CliError::Write {
            path: path.clone(),
            source,
        };
        crate::output::refuse_odd_destination(&path)?;
        let file = File::create(&path).map_err(failed)?;
        let mut writer = BufWriter::new(file);
        serde_json::to_writer_pretty(&mut writer, &case).map_err(|e| failed(e.into()))?;
        writer.write_all(b"\n").map_err(failed)?;
        writer.flush().map_err(failed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ndjson_to_a_writer_is_one_parsable_case_file_per_line() {
        let options = Options {
            participants: 3,
            ..Options::default()
        };
        let mut out = Vec::new();
        write_ndjson(&options, &mut out, Path::new("test")).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3);
        for (i, line) in lines.iter().enumerate() {
            let case = hearth::parse_case_file(line).unwrap();
            assert_eq!(
                case.participant.id.as_str(),
                hearth_generate::participant_id(i)
            );
        }
    }

    #[test]
    fn program_names_are_the_builtin_policies() {
        assert_eq!(parse_program("stl-coc"), Ok(Program::StlCoc));
        let err = parse_program("stl").unwrap_err();
        assert!(err.contains("icms-high") && err.contains("ct-psh"), "{err}");
    }
}
