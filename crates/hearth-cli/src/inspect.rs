//! `hearth inspect`: load documents and report, per file, whether they load and what
//! they hold — ids, program models, dates and counts only.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use hearth::model::{CaseFile, Caseload};
use hearth::Input;

use crate::error::CliError;

/// Arguments of `hearth inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Files or directories (searched recursively for *.json).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// Runs the command: exit 0 when every document loads, 1 when any does not. A file
/// that cannot be read or is not UTF-8 counts as a document that did not load.
pub fn run(args: &InspectArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let files = collect_json_files(&args.paths)?;
    let mut failed = 0usize;
    for file in &files {
        match load(file) {
            Ok(line) => writeln!(out, "{}: {line}", file.display())?,
            Err(problem) => {
                failed += 1;
                writeln!(out, "{}: error: {problem}", file.display())?;
            }
        }
    }
    writeln!(
        out,
        "{} documents read, {} loaded, {} could not be read",
        files.len(),
        files.len() - failed,
        failed
    )?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Reads and loads one file; any problem with it is reported against the file and the
/// run goes on with the next one.
fn load(file: &Path) -> Result<String, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); export the file as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    let input = hearth::parse_input(&text).map_err(|e| match e {
        hearth::input::InputError::Document(e) => {
            let at = if e.pointer.is_empty() {
                "/"
            } else {
                &e.pointer
            };
            format!("{}:{}: {} (at {at})", e.line, e.column, e.message)
        }
        hearth::input::InputError::Extension(e) => e.to_string(),
    })?;
    if let Input::CatalogExtension(ext) = &input {
        // An extension that parses can still clash with the catalog (a duplicate id, an
        // unknown domain): it only counts as loaded when the catalog accepts it.
        hearth::catalog::Catalog::builtin()
            .with_extension((**ext).clone())
            .map_err(|e| e.to_string())?;
    }
    Ok(summary(&input))
}

/// Every `*.json` file named or found below the named directories, sorted, so output is
/// the same whatever order the file system lists entries in.
pub fn collect_json_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|source| CliError::Read {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            let before = files.len();
            walk(path, &mut files)?;
            if files.len() == before {
                return Err(CliError::NoInputs(path.clone()));
            }
        } else {
            files.push(path.clone());
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

/// The `*.json` files below `dir` (`inspect` reads whole documents, not NDJSON).
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let mut found = Vec::new();
    crate::inputs::walk(dir, &mut found)?;
    files.extend(
        found
            .into_iter()
            .filter(|p| p.extension().is_some_and(|ext| ext == "json")),
    );
    Ok(())
}

/// A one-line, publishable summary of a document.
pub fn summary(input: &Input) -> String {
    match input {
        Input::CaseFile(case) => format!("case file {}", case_summary(case)),
        Input::Caseload(caseload) => caseload_summary(caseload),
        Input::CatalogExtension(ext) => format!(
            "catalog extension: {}, {}, {}",
            plural(ext.domains.len(), "domain"),
            plural(ext.steps.len(), "step"),
            plural(ext.instruments.len(), "instrument")
        ),
    }
}

fn case_summary(case: &CaseFile) -> String {
    let encounters: usize = case.enrollments.iter().map(|e| e.encounters.len()).sum();
    let mut enrollments: Vec<String> = case
        .enrollments
        .iter()
        .map(|e| {
            let tier = e
                .tier
                .map(|t| match t {
                    hearth::model::Tier::HighBilling => " high-billing",
                    hearth::model::Tier::LowBilling => " low-billing",
                })
                .unwrap_or("");
            let end = match (&e.exit, &e.termination) {
                (Some(exit), _) => format!(", exited {}", exit.exited_on),
                (None, Some(t)) => format!(", terminated {}", t.decided_on),
                (None, None) => String::new(),
            };
            format!("{}{tier} from {}{end}", e.program.as_str(), e.entered_on)
        })
        .collect();
    enrollments.sort();
    format!(
        "{}: {} [{}], {}, {}, {}",
        case.participant.id,
        plural(case.enrollments.len(), "enrollment"),
        enrollments.join("; "),
        plural(encounters, "encounter"),
        plural(case.assessments.len(), "assessment"),
        plural(case.consents.len(), "consent")
    )
}

fn caseload_summary(caseload: &Caseload) -> String {
    let encounters: usize = caseload
        .case_files
        .iter()
        .flat_map(|c| c.enrollments.iter())
        .map(|e| e.encounters.len())
        .sum();
    format!(
        "caseload {} ({}): {} staff, {}, {}",
        caseload.program.id,
        caseload.program.model.as_str(),
        caseload.staff.len(),
        plural(caseload.case_files.len(), "case file"),
        plural(encounters, "encounter")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_ids_and_counts_but_no_personal_values() {
        let json = r#"{"schema_version":"1.0",
          "participant":{"id":"P-7","personal":{"name":"Canary Name","address":"1 Canary Way"}},
          "enrollments":[{"id":"E","program":"icms","tier":"low-billing","entered_on":"2026-01-02",
            "encounters":[{"id":"V1","started_at":"2026-01-03T10:00:00-08:00","mode":"in-person",
              "note":"Canary note text"}]}]}"#;
        let input = hearth::parse_input(json).unwrap();
        let line = summary(&input);
        assert_eq!(
            line,
            "case file P-7: 1 enrollment [icms low-billing from 2026-01-02], 1 encounter, 0 assessments, 0 consents"
        );
        assert!(!line.contains("Canary"));
    }
}
