//! `hearth check`: validate case files and caseloads against program policies and print
//! the findings and obligations. (Minimal text and JSON output; exact locations and CI
//! formats come with the full CI command.)

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use hearth::catalog::Catalog;
use hearth::model::{CaseFile, ProgramModel, Tier};
use hearth::{Input, ObligationStatus, Policy, Report};
use serde::{Deserialize, Serialize};

use crate::error::CliError;
use crate::inspect::collect_json_files;
use crate::Format;

/// Arguments of `hearth check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories (searched recursively for *.json). Catalog extensions among
    /// them extend the catalog for the whole run.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A built-in policy name (icms-high, icms-low, icm-rrh, rrh, stl-coc, ct-psh) or a
    /// policy file (TOML). Default: from the config, else chosen by each document's
    /// program model.
    #[arg(long, value_name = "NAME|FILE")]
    pub policy: Option<String>,
    /// The evaluation date (YYYY-MM-DD). Default: from the config, else today. Printed in
    /// every report so a run can be reproduced.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// A config file naming the policy and evaluation date, for all files or per file.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// A `hearth.toml` config: defaults and per-file settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Config {
    policy: Option<String>,
    as_of: Option<NaiveDate>,
    #[serde(default)]
    files: Vec<FileConfig>,
    #[serde(skip)]
    dir: PathBuf,
}

/// Settings for one file, by its path relative to the config file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    path: PathBuf,
    policy: Option<String>,
    as_of: Option<NaiveDate>,
}

impl Config {
    fn load(path: &Path) -> Result<Config, CliError> {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mut config: Config = toml::from_str(&text).map_err(|e| CliError::Config {
            path: path.to_path_buf(),
            message: e.message().trim().to_owned(),
        })?;
        config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(config)
    }

    fn for_file(&self, file: &Path) -> Option<&FileConfig> {
        let wanted = std::fs::canonicalize(file).ok()?;
        self.files
            .iter()
            .find(|f| std::fs::canonicalize(self.dir.join(&f.path)).is_ok_and(|p| p == wanted))
    }
}

/// The result for one file.
#[derive(Debug, Serialize)]
struct FileResult {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Runs the command: exit 0 when no file has an unwaived error, 1 when one does or a
/// document could not be read, 2 when hearth could not run.
pub fn run(args: &CheckArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let config = match &args.config {
        Some(path) => Config::load(path)?,
        None => Config::default(),
    };
    let files = collect_json_files(&args.paths)?;
    let mut policies: BTreeMap<String, Policy> = BTreeMap::new();
    if let Some(spec) = &args.policy {
        policies.insert(spec.clone(), load_policy(spec)?);
    }

    // Read everything first: catalog extensions apply to the whole run.
    let mut documents = Vec::new();
    let mut catalog = Catalog::builtin();
    for file in &files {
        match read_input(file) {
            Ok(Input::CatalogExtension(ext)) => {
                catalog = catalog
                    .with_extension(*ext)
                    .map_err(|e| CliError::Extension {
                        path: file.clone(),
                        message: e.to_string(),
                    })?;
            }
            Ok(input) => documents.push((file.clone(), Ok(input))),
            Err(problem) => documents.push((file.clone(), Err(problem))),
        }
    }

    let today = chrono::Local::now().date_naive();
    let mut results = Vec::new();
    for (file, input) in documents {
        let name = file.display().to_string();
        let input = match input {
            Ok(input) => input,
            Err(problem) => {
                results.push(FileResult {
                    file: name,
                    report: None,
                    error: Some(problem),
                });
                continue;
            }
        };
        let per_file = config.for_file(&file);
        let as_of = args
            .as_of
            .or(per_file.and_then(|f| f.as_of))
            .or(config.as_of)
            .unwrap_or(today);
        let spec = args
            .policy
            .clone()
            .or_else(|| per_file.and_then(|f| f.policy.clone()))
            .or_else(|| config.policy.clone())
            .or_else(|| default_policy(&input).map(str::to_owned));
        let Some(spec) = spec else {
            results.push(FileResult {
                file: name,
                report: None,
                error: Some(
                    "no policy: the document names no program model; pass --policy".to_owned(),
                ),
            });
            continue;
        };
        if !policies.contains_key(&spec) {
            let policy = load_policy(&spec)?;
            policies.insert(spec.clone(), policy);
        }
        let Some(policy) = policies.get(&spec) else {
            continue;
        };
        let validator = hearth::Validator::new(policy).with_catalog(&catalog);
        let report = match &input {
            Input::CaseFile(case) => validator.validate(case, as_of),
            Input::Caseload(caseload) => validator.validate_caseload(caseload, as_of),
            Input::CatalogExtension(_) => continue,
        };
        results.push(FileResult {
            file: name,
            report: Some(report),
            error: None,
        });
    }

    match args.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&serde_json::json!({ "files": results }))
                .unwrap_or_default();
            writeln!(out, "{text}")?;
        }
        Format::Text => write_text(&results, out)?,
    }
    let failed = results.iter().any(|r| {
        r.error.is_some()
            || r.report
                .as_ref()
                .is_some_and(|rep| rep.count_at_or_above(hearth::Severity::Error) > 0)
    });
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn read_input(file: &Path) -> Result<Input, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); export the file as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    hearth::parse_input(&text).map_err(|e| match e {
        hearth::input::InputError::Document(e) => {
            let at = if e.pointer.is_empty() {
                "/"
            } else {
                &e.pointer
            };
            format!("{}:{}: {} (at {at})", e.line, e.column, e.message)
        }
        hearth::input::InputError::Extension(e) => e.to_string(),
    })
}

/// A built-in policy name, or a path to a policy file.
fn load_policy(spec: &str) -> Result<Policy, CliError> {
    let path = Path::new(spec);
    if path.extension().is_some_and(|e| e == "toml") || path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        return Policy::from_toml(&text).map_err(|e| CliError::Policy {
            name: spec.to_owned(),
            message: e.to_string(),
        });
    }
    Policy::builtin(spec).map_err(|e| CliError::Policy {
        name: spec.to_owned(),
        message: e.to_string(),
    })
}

/// The built-in policy for a document's program model (ICMS by the first enrollment's
/// tier, high billing when none is recorded).
fn default_policy(input: &Input) -> Option<&'static str> {
    match input {
        Input::CaseFile(case) => case_policy(case),
        Input::Caseload(caseload) => Some(model_policy(caseload.program.model, None)),
        Input::CatalogExtension(_) => None,
    }
}

fn case_policy(case: &CaseFile) -> Option<&'static str> {
    let enrollment = case
        .enrollments
        .iter()
        .max_by_key(|e| (e.entered_on, e.id.as_str()))?;
    Some(model_policy(enrollment.program, enrollment.tier))
}

fn model_policy(model: ProgramModel, tier: Option<Tier>) -> &'static str {
    match (model, tier) {
        (ProgramModel::Icms, Some(Tier::LowBilling)) => "icms-low",
        (ProgramModel::Icms, _) => "icms-high",
        (ProgramModel::IcmRrh, _) => "icm-rrh",
        (ProgramModel::Rrh, _) => "rrh",
        (ProgramModel::StlCoc, _) => "stl-coc",
        (ProgramModel::CtPsh, _) => "ct-psh",
    }
}

fn write_text(results: &[FileResult], out: &mut impl Write) -> std::io::Result<()> {
    let mut total = hearth::rules::Summary::default();
    let mut unreadable = 0usize;
    for result in results {
        let Some(report) = &result.report else {
            unreadable += 1;
            writeln!(
                out,
                "{}: error: {}",
                result.file,
                result.error.as_deref().unwrap_or("could not be checked")
            )?;
            continue;
        };
        writeln!(
            out,
            "{}: policy {}, as of {}",
            result.file, report.policy, report.as_of
        )?;
        for f in &report.findings {
            let who = f.participant_id.as_ref().map_or("-", |p| p.as_str());
            let status = match (&f.waiver, f.kind) {
                (Some(w), _) => format!("waived ({w})"),
                (None, hearth::FindingKind::NotEvaluated) => "not evaluated".to_owned(),
                (None, hearth::FindingKind::Violation) => f.severity.to_string(),
            };
            writeln!(
                out,
                "  {status}[{}] {} {} {}: {}",
                f.code, f.rule, who, f.path, f.message
            )?;
        }
        for o in report.obligations.iter().filter(|o| {
            !matches!(
                o.status,
                ObligationStatus::Done | ObligationStatus::NotApplicable
            )
        }) {
            let due = o.due_on.map_or_else(|| "-".to_owned(), |d| d.to_string());
            writeln!(
                out,
                "  due {due} {} {} {} ({}, {}): {}",
                o.status, o.kind, o.participant_id, o.code, o.requirement, o.description
            )?;
        }
        let s = &report.summary;
        total.participants += s.participants;
        total.errors += s.errors;
        total.warnings += s.warnings;
        total.infos += s.infos;
        total.waived += s.waived;
        total.not_evaluated += s.not_evaluated;
        total.overdue += s.overdue;
        total.due_soon += s.due_soon;
    }
    writeln!(
        out,
        "{} files, {} participants: {} errors, {} warnings, {} info, {} waived, {} not evaluated; obligations: {} overdue, {} due soon; {} files could not be checked",
        results.len(),
        total.participants,
        total.errors,
        total.warnings,
        total.infos,
        total.waived,
        total.not_evaluated,
        total.overdue,
        total.due_soon,
        unreadable
    )
}
