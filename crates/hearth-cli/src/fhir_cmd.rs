//! `hearth export fhir` and `hearth import fhir`: case files to FHIR R4 Bundles and
//! back. The mapping is `hearth-fhir`'s; this module only reads and writes files.
//!
//! What it prints about the documents is paths, participant ids, counts, resource
//! types, JSON Pointers and line/column positions: never a value from the input.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use hearth::catalog::Catalog;
use hearth::model::CaseFile;
use serde_json::Value;

use crate::error::CliError;

/// `hearth export <format>`.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// One FHIR R4 Bundle (type collection) per case file, aligned with the SDOH Clinical
    /// Care guide (docs/fhir.md). No names, birth dates, addresses or free text.
    Fhir(ExportArgs),
}

/// `hearth import <format>`.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Read FHIR R4 Bundles (as `hearth export fhir` writes them) back into case files,
    /// one per Patient, written as NDJSON.
    Fhir(ImportArgs),
}

/// Arguments of `hearth export fhir`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Case files, caseloads or NDJSON files of case files (`-` for standard input).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// A folder (created when missing) for one `<bundle id>.json` per case file, or `-`
    /// for one compact Bundle per line on standard output.
    #[arg(long, short = 'o', value_name = "DIR|-")]
    pub out: PathBuf,
}

/// Arguments of `hearth import fhir`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Bundle files: one Bundle per `.json` file, one per line in `.ndjson` (`-` for
    /// standard input).
    #[arg(required = true, value_name = "BUNDLE")]
    pub files: Vec<PathBuf>,
    /// The NDJSON file to write the case files to, or `-` for standard output.
    #[arg(long, short = 'o', value_name = "FILE.ndjson|-")]
    pub out: PathBuf,
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn read(path: &Path) -> Result<String, CliError> {
    let mut text = String::new();
    if is_stdin(path) {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(CliError::Output)?;
    } else {
        File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map_err(|source| CliError::Read {
                path: path.to_owned(),
                source,
            })?;
    }
    Ok(text)
}

fn is_ndjson(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("ndjson") || e.eq_ignore_ascii_case("jsonl"))
}

/// The documents of a file: the whole text, or each non-blank line of an NDJSON file,
/// with the 1-based line it starts on.
fn documents(path: &Path, text: &str) -> Vec<(usize, String)> {
    if is_ndjson(path) {
        BufReader::new(text.as_bytes())
            .lines()
            .map_while(Result::ok)
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| (i + 1, line))
            .collect()
    } else {
        vec![(1, text.to_owned())]
    }
}

/// The case files of one document: a case file, or a caseload's case files.
fn case_files(doc: &str) -> Result<Vec<CaseFile>, hearth::model::ParseError> {
    let keys = hearth::model::top_level_keys(doc)?;
    if keys.iter().any(|k| k == "case_files") {
        Ok(hearth::model::parse_caseload(doc)?.case_files)
    } else {
        Ok(vec![hearth::model::parse_case_file(doc)?])
    }
}

/// Where a document is, for messages: the path, and the line for NDJSON.
fn place(path: &Path, line: usize) -> String {
    let name = if is_stdin(path) {
        "<stdin>".to_owned()
    } else {
        path.display().to_string()
    };
    if is_ndjson(path) {
        format!("{name}:{line}")
    } else {
        name
    }
}

/// Writes one Bundle per case file. Exit 1 when a document could not be read.
pub fn export(args: &ExportArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let ExportCommandArgs { catalog, to_stdout } = ExportCommandArgs::new(args)?;
    let mut failed = 0usize;
    let mut written = 0usize;
    for path in &args.files {
        let text = read(path)?;
        for (line, doc) in documents(path, &text) {
            let cases = match case_files(&doc) {
                Ok(cases) => cases,
                Err(err) => {
                    eprintln!("hearth: {}: {err}", place(path, line));
                    failed += 1;
                    continue;
                }
            };
            for case in &cases {
                let bundle = hearth_fhir::to_bundle(case, &catalog);
                if to_stdout {
                    serde_json::to_writer(&mut *out, &bundle).map_err(std::io::Error::from)?;
                    out.write_all(b"\n")?;
                } else {
                    let id = bundle.get("id").and_then(Value::as_str).unwrap_or("bundle");
                    let target = args.out.join(format!("{id}.json"));
                    let file = File::create(&target).map_err(|source| CliError::Write {
                        path: target.clone(),
                        source,
                    })?;
                    let mut writer = BufWriter::new(file);
                    serde_json::to_writer_pretty(&mut writer, &bundle)
                        .map_err(std::io::Error::from)
                        .and_then(|()| writer.write_all(b"\n"))
                        .and_then(|()| writer.flush())
                        .map_err(|source| CliError::Write {
                            path: target.clone(),
                            source,
                        })?;
                }
                written += 1;
            }
        }
    }
    eprintln!(
        "hearth: exported {written} Bundle(s){}; {failed} document(s) could not be read",
        if to_stdout {
            String::new()
        } else {
            format!(" to {}", args.out.display())
        }
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

struct ExportCommandArgs {
    catalog: Catalog,
    to_stdout: bool,
}

impl ExportCommandArgs {
    fn new(args: &ExportArgs) -> Result<Self, CliError> {
        let to_stdout = is_stdin(&args.out);
        if !to_stdout {
            std::fs::create_dir_all(&args.out).map_err(|source| CliError::Write {
                path: args.out.clone(),
                source,
            })?;
        }
        Ok(ExportCommandArgs {
            catalog: Catalog::builtin(),
            to_stdout,
        })
    }
}

/// Reads Bundles into case files, written as NDJSON; a summary of each Bundle (counts,
/// resource types, pointers) goes to standard error. Exit 1 when a Bundle could not be
/// read.
pub fn import(args: &ImportArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let mut file_out = if is_stdin(&args.out) {
        None
    } else {
        let file = File::create(&args.out).map_err(|source| CliError::Write {
            path: args.out.clone(),
            source,
        })?;
        Some(BufWriter::new(file))
    };
    let mut failed = 0usize;
    let mut cases = 0usize;
    for path in &args.files {
        let text = read(path)?;
        for (line, doc) in documents(path, &text) {
            let at = place(path, line);
            let import = match hearth_fhir::parse_bundle(&doc) {
                Ok(import) => import,
                Err(err) => {
                    eprintln!("hearth: {at}: {err}");
                    failed += 1;
                    continue;
                }
            };
            let s = &import.summary;
            let mapped: usize = s.mapped.values().sum();
            let not_mapped: Vec<String> = s
                .not_mapped
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            eprintln!(
                "hearth: {at}: {} case file(s) from {} entries: {mapped} read, {} placeholder(s), {} not mapped{}, {} skipped",
                import.case_files.len(),
                s.entries,
                s.placeholders,
                not_mapped.len(),
                if not_mapped.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", not_mapped.join(", "))
                },
                s.skipped.len(),
            );
            for skipped in &s.skipped {
                eprintln!(
                    "  skipped {} at {}: {}",
                    skipped.resource_type, skipped.pointer, skipped.reason
                );
            }
            for case in &import.case_files {
                let target: &mut dyn Write = match file_out.as_mut() {
                    Some(file) => file,
                    None => out,
                };
                serde_json::to_writer(&mut *target, case).map_err(std::io::Error::from)?;
                target.write_all(b"\n")?;
                cases += 1;
            }
        }
    }
    if let Some(mut file) = file_out {
        file.flush().map_err(|source| CliError::Write {
            path: args.out.clone(),
            source,
        })?;
    }
    eprintln!("hearth: imported {cases} case file(s); {failed} Bundle(s) could not be read");
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/data")
            .join(name)
    }

    #[test]
    fn export_then_import_gives_back_the_retained_case_files() {
        let dir = tempfile::tempdir().unwrap();
        let mut stdout = Vec::new();
        let args = ExportArgs {
            files: vec![
                example("cases/rrh.json"),
                example("caseloads/stl-coc-caseload.json"),
            ],
            out: PathBuf::from("-"),
        };
        assert_eq!(export(&args, &mut stdout).unwrap(), ExitCode::SUCCESS);
        let bundles = String::from_utf8(stdout).unwrap();
        let count = bundles.lines().count();
        assert!(count >= 2, "{count}");
        let path = dir.path().join("bundles.ndjson");
        std::fs::write(&path, &bundles).unwrap();
        let out = dir.path().join("cases.ndjson");
        let args = ImportArgs {
            files: vec![path],
            out: out.clone(),
        };
        assert_eq!(import(&args, &mut Vec::new()).unwrap(), ExitCode::SUCCESS);
        let text = std::fs::read_to_string(out).unwrap();
        assert_eq!(text.lines().count(), count);
        let first: CaseFile = serde_json::from_str(text.lines().next().unwrap()).unwrap();
        let original = hearth::model::parse_case_file(
            &std::fs::read_to_string(example("cases/rrh.json")).unwrap(),
        )
        .unwrap();
        assert_eq!(first, hearth_fhir::retained(&original));
        assert!(!text.contains("Morgan"), "a name was exported");
    }

    #[test]
    fn export_to_a_folder_writes_one_file_per_case_and_a_bad_document_exits_1() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, "{\"schema_version\": \"1.0\"").unwrap();
        let args = ExportArgs {
            files: vec![example("cases/rrh.json"), bad],
            out: dir.path().join("out"),
        };
        assert_eq!(export(&args, &mut Vec::new()).unwrap(), ExitCode::from(1));
        let written: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
        assert_eq!(written.len(), 1);
    }

    #[test]
    fn import_of_something_else_exits_1() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("patient.json");
        std::fs::write(&path, "{\"resourceType\": \"Patient\"}").unwrap();
        let args = ImportArgs {
            files: vec![path],
            out: PathBuf::from("-"),
        };
        let mut stdout = Vec::new();
        assert_eq!(import(&args, &mut stdout).unwrap(), ExitCode::from(1));
        assert!(stdout.is_empty());
    }
}
