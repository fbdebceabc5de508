//! `hearth check`: check case files and caseloads against program policies, the way a
//! linter checks source, and write the findings in the format a CI reads.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use hearth::batch::{CheckReport, Checked, Document, INVALID_DOCUMENT};
use hearth::catalog::Catalog;
use hearth::model::{CaseFile, ProgramModel, Tier};
use hearth::rules::registry;
use hearth::{Input, Policy, Severity};

use crate::config::{Config, FailOn};
use crate::error::CliError;
use crate::inputs::{self, Source, Text};
use crate::policy_arg::load_policy;
use crate::render;
use crate::render::text::Sources;
use crate::rules_cmd::{select_rules, selects};

/// What to check and how: shared by `hearth check` and `hearth due`.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files, directories (searched recursively for *.json, *.ndjson and *.jsonl), or -
    /// for standard input. An NDJSON file holds one case file per line. Default: the
    /// files hearth.toml's `include` names. Catalog extensions among them extend the
    /// catalog for the whole run.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// A built-in policy (icms-high, icms-low, icm-rrh, rrh, stl-coc, ct-psh) or a policy
    /// file (TOML) for every document. Default: hearth.toml's, else the built-in policy
    /// of each document's program model.
    #[arg(long, value_name = "NAME|FILE")]
    pub policy: Option<String>,
    /// The evaluation date (YYYY-MM-DD): records are judged as they stood at the end of
    /// that day. Default: hearth.toml's, else today. Printed in every report so a run
    /// can be reproduced.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// The settings file to use instead of the nearest hearth.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every hearth.toml.
    #[arg(long)]
    pub isolated: bool,
}

/// Output formats of `hearth check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum CheckFormat {
    /// For people: rustc-like, with the line and a caret (colour on a terminal).
    #[default]
    Text,
    /// The check report (schemas/check-report.schema.json).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// JUnit XML, for any CI's test report.
    Junit,
    /// GitHub Actions workflow commands: inline annotations.
    Github,
}

/// Arguments of `hearth check`.
#[derive(Debug, Args)]
#[command(after_long_help = crate::EXIT_CODES)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Only these rule codes, code prefixes (PLAN, VISIT00) or rule names; repeatable
    /// and comma-separated. Replaces hearth.toml's `select`.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Never these codes, prefixes or names; added to hearth.toml's `ignore`.
    #[arg(long, value_name = "CODE", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// The lowest severity that fails the run (exit 1). A check that could not be made
    /// counts as a warning; waived findings never fail. Default: hearth.toml's, else error.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailOn>,
    /// Exit 0 even when findings are at or above the fail level (2 still means hearth
    /// could not run).
    #[arg(long)]
    pub exit_zero: bool,
    /// Write the output to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Text format: leave out the obligations (`hearth due` lists them).
    #[arg(long)]
    pub no_obligations: bool,
    /// Text format colours: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// When the text format uses colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set to anything non-empty (and never with
    /// `--output`).
    #[default]
    Auto,
    /// Always, even when piped (the flag wins over `NO_COLOR`).
    Always,
    /// Never.
    Never,
}

/// Runs `hearth check`.
pub fn run(args: &CheckArgs, stdout: &mut dyn Write) -> Result<ExitCode, CliError> {
    let config = Config::find(args.input.config.as_deref(), args.input.isolated)?;
    let select = if args.select.is_empty() {
        config.select.clone()
    } else {
        args.select.clone()
    };
    let mut ignore = config.ignore.clone();
    ignore.extend(args.ignore.iter().cloned());
    let filter = Filter::new(select, ignore)?;
    let (report, sources) = build(&args.input, &config, &filter)?;

    let mut file;
    let out: &mut dyn Write = match &args.output {
        Some(path) => {
            file = std::fs::File::create(path).map_err(|source| CliError::Write {
                path: path.clone(),
                source,
            })?;
            &mut file
        }
        None => stdout,
    };
    match args.format {
        CheckFormat::Text => {
            let options = render::text::Options {
                color: match args.color {
                    ColorChoice::Always => true,
                    ColorChoice::Never => false,
                    ColorChoice::Auto => args.output.is_none() && color_wanted(),
                },
                no_obligations: args.no_obligations,
            };
            render::text::write(&report, &sources, options, out)?;
        }
        CheckFormat::Json => render::json::write(&report, out)?,
        CheckFormat::Sarif => render::sarif::write(&report, out)?,
        CheckFormat::Junit => render::junit::write(&report, out)?,
        CheckFormat::Github => render::github::write(&report, out)?,
    }
    out.flush()?;

    let level = args.fail_on.or(config.fail_on).unwrap_or(FailOn::Error);
    Ok(exit_code(&report, level, args.exit_zero))
}

/// 0 when nothing is at or above the fail level (or `--exit-zero`), else 1.
pub fn exit_code(report: &CheckReport, level: FailOn, exit_zero: bool) -> ExitCode {
    let level = match level {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let failed = level.is_some_and(|l| report.failing(l) > 0);
    if failed && !exit_zero {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Colour on a terminal only, and never when `NO_COLOR` is set to anything non-empty.
fn color_wanted() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && std::io::stdout().is_terminal()
}

/// Which findings to keep: `--select` and `--ignore` by code, code prefix or rule name
/// (matched as `hearth rules --select` matches them). Unreadable documents (`INPUT001`)
/// are always kept: a file hearth could not read is never silently passed over.
#[derive(Debug, Default)]
pub struct Filter {
    select: Vec<String>,
    ignore: Vec<String>,
}

impl Filter {
    /// Checks every entry names at least one rule; one that names none is an error with
    /// the nearest code or name.
    pub fn new(select: Vec<String>, ignore: Vec<String>) -> Result<Filter, CliError> {
        let entries: Vec<String> = select.iter().chain(&ignore).cloned().collect();
        select_rules(&entries)?;
        Ok(Filter { select, ignore })
    }

    /// Whether nothing is selected or ignored (so there is nothing to filter).
    pub fn keeps_everything(&self) -> bool {
        self.select.is_empty() && self.ignore.is_empty()
    }

    /// Whether a finding of rule `code` is kept.
    pub fn keeps(&self, code: &str) -> bool {
        if code == INVALID_DOCUMENT {
            return true;
        }
        let Some(rule) = registry::find(code) else {
            return true;
        };
        let selected = self.select.is_empty() || self.select.iter().any(|s| selects(s, rule));
        selected && !self.ignore.iter().any(|s| selects(s, rule))
    }
}

/// Reads, parses and checks every document, in a stable order, and builds the report;
/// also keeps the texts for the text format's excerpts.
pub fn build(
    args: &InputArgs,
    config: &Config,
    filter: &Filter,
) -> Result<(CheckReport, Sources), CliError> {
    let sources = inputs::collect(&args.paths, config)?;
    let mut texts: Vec<(Source, Text)> = Vec::new();
    for source in &sources {
        for text in inputs::read(source)? {
            texts.push((source.clone(), text));
        }
    }

    // Parse everything first: catalog extensions apply to the whole run.
    let mut catalog = Catalog::builtin();
    let mut parsed = Vec::with_capacity(texts.len());
    for (source, text) in &texts {
        let input = match &text.text {
            Ok(body) => Some(hearth::parse_input(body)),
            Err(_) => None,
        };
        if let Some(Ok(Input::CatalogExtension(ext))) = &input {
            catalog = catalog
                .with_extension((**ext).clone())
                .map_err(|e| CliError::Extension {
                    path: PathBuf::from(source.name()),
                    message: e.to_string(),
                })?;
        }
        parsed.push(input);
    }

    let today = chrono::Local::now().date_naive();
    let run_as_of = args.as_of.or(config.as_of).unwrap_or(today);
    let mut policies: BTreeMap<String, Policy> = BTreeMap::new();
    let progress = Progress::new(texts.len());
    let mut checked: Vec<Checked> = Vec::with_capacity(texts.len());
    let mut kept = Sources::default();
    for ((source, text), input) in texts.into_iter().zip(parsed) {
        progress.tick();
        let body = match text.text {
            Ok(body) => body,
            Err(problem) => {
                let doc = Document {
                    file: &text.name,
                    text: "",
                    record: text.record,
                };
                checked.push(doc.unreadable(problem));
                continue;
            }
        };
        let doc = Document {
            file: &text.name,
            text: &body,
            record: text.record,
        };
        let input = match input {
            Some(Ok(input)) => input,
            Some(Err(error)) => {
                checked.push(doc.invalid(&error));
                kept.insert(text.name.clone(), text.record, body);
                continue;
            }
            None => continue,
        };
        if matches!(input, Input::CatalogExtension(_)) {
            checked.push(doc.extension());
            continue;
        }
        let settings = match &source {
            Source::File(path) => config.for_file(path),
            Source::Stdin => config.for_file(Path::new("")),
        };
        let as_of = args.as_of.or(settings.as_of).unwrap_or(run_as_of);
        let spec = args
            .policy
            .clone()
            .or(settings.policy)
            .or_else(|| default_policy(&input).map(str::to_owned));
        let mut outcome = match spec {
            Some(spec) => {
                if !policies.contains_key(&spec) {
                    let policy = load_policy(&spec)?;
                    policies.insert(spec.clone(), policy);
                }
                match policies.get(&spec) {
                    Some(policy) => {
                        let validator = hearth::Validator::new(policy).with_catalog(&catalog);
                        doc.check_parsed(&input, &validator, as_of)
                    }
                    None => continue,
                }
            }
            // A case file with no enrollment names no program: check it against no rule
            // rather than guess, and say so.
            None => doc.unreadable(hearth::batch::Problem {
                line: Some(text.record.unwrap_or(1)),
                column: Some(1),
                pointer: "/enrollments".to_owned(),
                message: "no policy: the document has no enrollment to tell its program model; pass --policy or set one in hearth.toml".to_owned(),
            }),
        };
        if !filter.keeps_everything() {
            outcome.retain_findings(|f| filter.keeps(&f.code));
        }
        if outcome.has_findings() {
            kept.insert(text.name.clone(), text.record, body);
        }
        checked.push(outcome);
    }
    progress.finish();
    Ok((CheckReport::new(run_as_of, checked), kept))
}

/// A progress bar on standard error for large batches, only when standard error is a
/// terminal and not in CI (`CI` set), so logs never fill with bars.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Batches smaller than this finish before a bar would help.
    const THRESHOLD: usize = 200;

    fn new(len: usize) -> Self {
        let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        if !interactive || len < Self::THRESHOLD {
            return Progress(None);
        }
        let bar = indicatif::ProgressBar::new(u64::try_from(len).unwrap_or(u64::MAX));
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{spinner} checking {pos}/{len} documents [{bar:30}] {eta}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress(Some(bar))
    }

    fn tick(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// The built-in policy for a document's program model (ICMS by the latest enrollment's
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_selects_by_code_prefix_and_name_and_never_drops_input_errors() {
        let filter = Filter::new(
            vec!["PLAN".into(), "late-documentation".into()],
            vec!["PLAN001".into()],
        )
        .unwrap();
        assert!(filter.keeps("PLAN005"));
        assert!(!filter.keeps("PLAN001"));
        assert!(filter.keeps("VISIT007"));
        assert!(!filter.keeps("VISIT001"));
        assert!(filter.keeps(INVALID_DOCUMENT));
        let err = Filter::new(vec!["PLM005".into()], vec![])
            .unwrap_err()
            .to_string();
        assert!(err.contains("did you mean"), "{err}");
    }
}
