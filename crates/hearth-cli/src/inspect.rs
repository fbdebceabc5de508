//! `hearth inspect`: load documents and report, per file, whether they load and what
//! they hold — ids, program models, dates and counts only.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use hearth::limits::Limits;
use hearth::model::{CaseFile, Caseload};
use hearth::Input;

use crate::config::Config;
use crate::error::CliError;
use crate::inputs::{self, Source, Text};

/// Arguments of `hearth inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Files, directories (searched recursively for *.json, *.ndjson and *.jsonl), or
    /// - for standard input (one JSON document, or NDJSON: one case file per line).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The largest document read, in bytes: one JSON file, standard input, or one line
    /// of an NDJSON file (default 16 MiB). A larger one is reported and not read.
    #[arg(long, value_name = "BYTES")]
    pub max_document_bytes: Option<u64>,
    /// The most records read from one NDJSON file (default 1,000,000).
    #[arg(long, value_name = "N")]
    pub max_records: Option<u64>,
}

/// Runs the command: exit 0 when every document loads, 1 when any does not. A file
/// that cannot be read, is over the size limit or is not UTF-8 counts as a document
/// that did not load. Files are found and read as `hearth check` finds and reads them
/// (NDJSON record by record, standard input once, the same limits).
pub fn run(args: &InspectArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let defaults = Limits::default();
    let limits = Limits {
        max_document_bytes: args
            .max_document_bytes
            .unwrap_or(defaults.max_document_bytes),
        max_records: args.max_records.unwrap_or(defaults.max_records),
        ..defaults
    };
    let sources = inputs::collect(&args.paths, &Config::default())?;
    let mut read = 0usize;
    let mut failed = 0usize;
    let mut report = |text: Text, out: &mut dyn Write| -> Result<(), CliError> {
        read += 1;
        let name = match text.record {
            Some(line) => format!("{}:{line}", text.name.escape_debug()),
            None => text.name.escape_debug().to_string(),
        };
        match text
            .text
            .map_err(|p| p.message)
            .and_then(|body| load(&body))
        {
            Ok(line) => writeln!(out, "{name}: {line}")?,
            Err(problem) => {
                failed += 1;
                writeln!(out, "{name}: error: {problem}")?;
            }
        }
        Ok(())
    };
    for source in &sources {
        match source {
            Source::Stdin => match inputs::read_stdin(&limits)? {
                inputs::StdinInput::Whole(text) => report(text, out)?,
                inputs::StdinInput::Records(records) => {
                    for text in records {
                        report(text?, out)?;
                    }
                }
            },
            Source::File(path) if source.is_ndjson() => {
                for text in inputs::Records::open(path, &limits)? {
                    report(text?, out)?;
                }
            }
            Source::File(_) => report(inputs::read_whole(source, &limits)?, out)?,
        }
    }
    writeln!(
        out,
        "{} read, {} loaded, {} could not be read",
        plural(read, "document"),
        read - failed,
        failed
    )?;
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Loads one document's text; any problem with it is reported against the document and
/// the run goes on with the next one.
fn load(text: &str) -> Result<String, String> {
    let input = hearth::parse_input(text).map_err(|e| match e {
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
