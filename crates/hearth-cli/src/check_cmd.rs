//! `hearth check`: check case files and caseloads against program policies, the way a
//! linter checks source, and write the findings in the format a CI reads.

use std::collections::{BTreeMap, HashMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{mpsc, Mutex};

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use hearth::batch::{CheckSummary, Checked, Document, DocumentResult, Problem, INVALID_DOCUMENT};
use hearth::catalog::Catalog;
use hearth::limits::Limits;
use hearth::model::{CaseFile, ProgramModel, Tier};
use hearth::rules::registry;
use hearth::{Input, Policy, Severity};

use crate::config::{Config, FailOn, FileSettings};
use crate::error::CliError;
use crate::inputs::{self, Source, Text};
use crate::output;
use crate::policy_arg::load_policy;
use crate::rules_cmd::{select_rules, selects};
use hearth::render::text::TextSink;
use hearth::render::{self, Sink, SpoolStorage, Spools};

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
    #[arg(long, value_name = "DATE", value_parser = crate::args::as_of_date)]
    pub as_of: Option<NaiveDate>,
    /// The settings file to use instead of the nearest hearth.toml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,
    /// Ignore every hearth.toml.
    #[arg(long)]
    pub isolated: bool,
    /// Worker threads that parse and check documents (default: one per core; at most
    /// 256). The output is the same, byte for byte, whatever the number.
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub threads: Option<u16>,
    /// The largest document read, in bytes: one JSON file, standard input, or one line
    /// of an NDJSON file (default 16 MiB, or hearth.toml's `[limits]`). A larger one is
    /// a finding (INPUT001), and the others are still checked.
    #[arg(long, value_name = "BYTES")]
    pub max_document_bytes: Option<u64>,
    /// The deepest nesting of objects and arrays in a document (default 64, at most
    /// 128). A deeper one is a finding (INPUT001) at the place it crosses the limit.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=128))]
    pub max_depth: Option<u16>,
    /// The most records checked in one NDJSON file (default 1,000,000). Past it, one
    /// finding (INPUT001) says the rest of the file was not checked.
    #[arg(long, value_name = "N")]
    pub max_records: Option<u64>,
}

impl InputArgs {
    /// The run's limits: the flags, then hearth.toml's `[limits]`, then the defaults.
    pub fn limits(&self, config: &Config) -> Limits {
        let base = config.limits;
        Limits {
            max_document_bytes: self.max_document_bytes.unwrap_or(base.max_document_bytes),
            max_depth: self.max_depth.map_or(base.max_depth, usize::from),
            max_records: self.max_records.unwrap_or(base.max_records),
        }
    }

    /// The number of worker threads: `--threads`, else one per core.
    pub fn threads(&self) -> usize {
        self.threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            usize::from,
        )
    }
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
    /// Write the output to FILE instead of standard output (`-` is standard output).
    /// The file is replaced only when the run completes, and never when it is one of
    /// the inputs.
    #[arg(long, short, value_name = "FILE", visible_alias = "out")]
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
    let mut config = Config::find(args.input.config.as_deref(), args.input.isolated)?;
    let select = if args.select.is_empty() {
        config.select.clone()
    } else {
        args.select.clone()
    };
    let mut ignore = config.ignore.clone();
    ignore.extend(args.ignore.iter().cloned());
    let filter = Filter::new(select, ignore)?;

    // Inputs are resolved before the output is touched: an output that is one of them
    // is refused, and a file output is written aside and renamed over the old one only
    // when the run completes (a run that stops leaves the previous report as it was).
    let to_file = args
        .output
        .as_deref()
        .filter(|p| !output::is_stdout(Some(p)));
    let mut staged = match to_file {
        Some(path) => {
            output::check_not_a_format_name(path)?;
            // A file named outright is never overwritten; the output found while
            // walking a folder (the last run's report) is never read.
            output::check_not_an_input(path, &args.input.paths)?;
            config.never_read(path);
            Some(output::Staged::create(path)?)
        }
        None => None,
    };
    let out: &mut dyn Write = match staged.as_mut() {
        Some(file) => file,
        None => stdout,
    };
    let mut out = std::io::BufWriter::new(out);
    let spools = Spools::new(temp_spool);
    let mut sink: Box<dyn Sink> = match args.format {
        CheckFormat::Text => Box::new(TextSink::with_spools(
            render::text::Options {
                color: match args.color {
                    ColorChoice::Always => true,
                    ColorChoice::Never => false,
                    ColorChoice::Auto => to_file.is_none() && color_wanted(),
                },
                no_obligations: args.no_obligations,
            },
            spools,
        )),
        CheckFormat::Json => Box::new(render::json::JsonSink::with_spools(spools)),
        CheckFormat::Sarif => Box::new(render::sarif::SarifSink::with_spools(spools)),
        CheckFormat::Junit => Box::new(render::junit::JunitSink::default()),
        CheckFormat::Github => Box::new(render::github::GithubSink),
    };
    let level = match args.fail_on.or(config.fail_on).unwrap_or(FailOn::Error) {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    let mut summary = CheckSummary::default();
    let mut failing = 0usize;
    let keep_texts = sink.wants_text();
    let as_of = run_batch(
        &args.input,
        &config,
        &filter,
        keep_texts,
        &mut |doc, text| {
            summary.add(&doc.summary);
            if let Some(level) = level {
                failing += doc.failing(level);
            }
            sink.document(&doc, text.as_deref(), &mut out)?;
            Ok(())
        },
    )?;
    sink.finish(as_of, &summary, &mut out)?;
    out.flush()?;
    drop(out);
    if let Some(file) = staged {
        file.commit()?;
    }
    Ok(if failing > 0 && !args.exit_zero {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// How much a sink's spool holds in memory before it moves to a temporary file.
const SPOOL_IN_MEMORY: usize = 4 * 1024 * 1024;

/// Storage for the sinks' spools: in memory up to [`SPOOL_IN_MEMORY`] bytes, then in an
/// anonymous temporary file (removed by the system when the run ends), so a caseload of
/// any size is rendered in bounded memory.
fn temp_spool() -> Box<dyn SpoolStorage> {
    Box::new(tempfile::SpooledTempFile::new(SPOOL_IN_MEMORY))
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

/// One document on its way to a worker: its place in the run, its source (an index
/// into the run's sources) and its text.
struct Unit {
    seq: u64,
    source: usize,
    text: Text,
    /// A catalog extension already applied to the run.
    extension: bool,
}

/// What a worker hands back: the document's result, and its text when the output
/// format excerpts it.
type Outcome = (DocumentResult, Option<String>);

/// What every worker reads.
struct Ctx<'a> {
    args: &'a InputArgs,
    filter: &'a Filter,
    settings: &'a [FileSettings],
    catalog: &'a Catalog,
    limits: Limits,
    run_as_of: NaiveDate,
    keep_texts: bool,
}

/// Reads, parses and checks every document, and hands each result to `emit` in the
/// report's order (file, then record), whatever the number of threads. Returns the
/// run's evaluation date.
///
/// Catalog extensions apply to the whole run, so JSON files that hold one are read
/// first. Everything else is streamed: a reader thread reads files, and NDJSON files
/// one record at a time; `--threads` workers parse and check; the calling thread puts
/// the results back in order and emits them. At most a fixed window of documents is in
/// flight, so memory does not grow with the number of documents.
pub fn run_batch(
    args: &InputArgs,
    config: &Config,
    filter: &Filter,
    keep_texts: bool,
    emit: &mut dyn FnMut(DocumentResult, Option<String>) -> Result<(), CliError>,
) -> Result<NaiveDate, CliError> {
    let limits = args.limits(config);
    let sources = inputs::collect(&args.paths, config)?;
    let settings: Vec<FileSettings> = sources
        .iter()
        .map(|source| match source {
            Source::File(path) => config.for_file(path),
            Source::Stdin => config.for_file(Path::new("")),
        })
        .collect();

    // Catalog extensions first: they apply to every document. Standard input can be
    // read only once, so it is kept.
    let mut catalog = Catalog::builtin();
    let mut extensions = vec![false; sources.len()];
    // Standard input and pipes named outright (`<(cat f.json)`) can be read only once:
    // what is read here is kept for the check.
    let mut kept: BTreeMap<usize, Kept> = BTreeMap::new();
    for (i, source) in sources.iter().enumerate() {
        let text = match source {
            Source::Stdin => match inputs::read_stdin(&limits)? {
                inputs::StdinInput::Whole(text) => text,
                inputs::StdinInput::Records(records) => {
                    kept.insert(i, Kept::Records(records));
                    continue;
                }
            },
            Source::File(_) if source.is_ndjson() => continue,
            Source::File(path) => {
                let text = inputs::read_whole(source, &limits)?;
                if inputs::is_special(path) {
                    mark_extension(&text, source, i, &mut catalog, &mut extensions)?;
                    kept.insert(i, Kept::Whole(text));
                    continue;
                }
                text
            }
        };
        mark_extension(&text, source, i, &mut catalog, &mut extensions)?;
        if *source == Source::Stdin {
            kept.insert(i, Kept::Whole(text));
        }
    }

    let today = chrono::Local::now().date_naive();
    let run_as_of = args.as_of.or(config.as_of).unwrap_or(today);
    let ctx = Ctx {
        args,
        filter,
        settings: &settings,
        catalog: &catalog,
        limits,
        run_as_of,
        keep_texts,
    };
    let units = units(&sources, &extensions, kept, &limits);
    let progress = Progress::new(&sources);
    let threads = args.threads();
    let result = if threads <= 1 {
        let mut policies = HashMap::new();
        units.into_iter().try_for_each(|unit| {
            let (doc, text) = check_unit(&ctx, &mut policies, unit?)?;
            progress.tick();
            emit(doc, text)
        })
    } else {
        in_parallel(&ctx, threads, units, &progress, emit)
    };
    progress.finish();
    result.map(|()| run_as_of)
}

/// A document read before the check because its source can be read only once.
enum Kept {
    /// One whole document.
    Whole(Text),
    /// An NDJSON stream on standard input.
    Records(
        inputs::Records<
            std::io::BufReader<std::io::Chain<std::io::Cursor<Vec<u8>>, std::io::Stdin>>,
        >,
    ),
}

/// Applies `text` to the run's catalog when it is a catalog extension, and marks it.
fn mark_extension(
    text: &Text,
    source: &Source,
    i: usize,
    catalog: &mut Catalog,
    extensions: &mut [bool],
) -> Result<(), CliError> {
    let Ok(body) = &text.text else { return Ok(()) };
    // Only a document whose top-level keys make it an extension is parsed here (the
    // keys are read without building the document; a case file, which may well mention
    // an agency, is parsed once, by a worker).
    if is_extension(body) {
        if let Ok(Input::CatalogExtension(ext)) = hearth::parse_input(body) {
            let extended = std::mem::replace(catalog, Catalog::builtin())
                .with_extension(*ext)
                .map_err(|e| CliError::Extension {
                    path: PathBuf::from(source.name()),
                    message: e.to_string(),
                })?;
            *catalog = extended;
            if let Some(flag) = extensions.get_mut(i) {
                *flag = true;
            }
        }
    }
    Ok(())
}

/// Whether `body` is read as a catalog extension: its top-level keys name `agency` and
/// none of the keys that mark a case file or caseload (as [`hearth::parse_input`] tells
/// them apart).
fn is_extension(body: &str) -> bool {
    if !body.contains("agency") && !body.contains("\\u") {
        return false;
    }
    hearth::model::top_level_keys(body).is_ok_and(|keys| {
        let has = |name: &str| keys.iter().any(|k| k == name);
        has("agency") && !has("participant") && !has("program") && !has("case_files")
    })
}

/// Every document of the run, in order: each JSON file or standard input whole, each
/// NDJSON file record by record (read only as far as it is consumed).
fn units<'a>(
    sources: &'a [Source],
    extensions: &'a [bool],
    mut kept: BTreeMap<usize, Kept>,
    limits: &'a Limits,
) -> impl Iterator<Item = Result<Unit, CliError>> + Send + 'a {
    sources
        .iter()
        .enumerate()
        .flat_map(move |(i, source)| -> Box<dyn Iterator<Item = Result<(usize, Text, bool), CliError>> + Send> {
            let extension = extensions.get(i).copied().unwrap_or(false);
            match source {
                _ if kept.contains_key(&i) => match kept.remove(&i) {
                    Some(Kept::Whole(text)) => Box::new(std::iter::once(Ok((i, text, extension)))),
                    Some(Kept::Records(records)) => {
                        Box::new(records.map(move |r| r.map(|text| (i, text, false))))
                    }
                    None => Box::new(std::iter::empty()),
                },
                Source::Stdin => Box::new(std::iter::empty()),
                Source::File(path) if source.is_ndjson() => match inputs::Records::open(path, limits) {
                    Ok(records) => Box::new(records.map(move |r| r.map(|text| (i, text, false)))),
                    Err(e) => Box::new(std::iter::once(Err(e))),
                },
                Source::File(_) if extension => Box::new(std::iter::once(Ok((
                    i,
                    Text {
                        name: source.name(),
                        record: None,
                        text: Ok(String::new()),
                    },
                    true,
                )))),
                Source::File(_) => Box::new(std::iter::once(
                    inputs::read_whole(source, limits).map(|text| (i, text, false)),
                )),
            }
        })
        .zip(0u64..)
        .map(|(unit, seq)| {
            unit.map(|(source, text, extension)| Unit {
                seq,
                source,
                text,
                extension,
            })
        })
}

/// Checks the units on `threads` workers and emits the results in order.
///
/// A reader thread feeds the workers; each unit needs a credit, and a credit comes back
/// only when its result has been emitted, so at most `window` units are read and not
/// yet emitted. The first error stops the run: dropping the channels ends every
/// thread.
fn in_parallel(
    ctx: &Ctx<'_>,
    threads: usize,
    units: impl Iterator<Item = Result<Unit, CliError>> + Send,
    progress: &Progress,
    emit: &mut dyn FnMut(DocumentResult, Option<String>) -> Result<(), CliError>,
) -> Result<(), CliError> {
    let window = threads.saturating_mul(8).max(2);
    let (work_tx, work_rx) = mpsc::sync_channel::<Unit>(window);
    let work_rx = Mutex::new(work_rx);
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = mpsc::sync_channel::<(u64, Result<Outcome, CliError>)>(window);
        let (credit_tx, credit_rx) = mpsc::sync_channel::<()>(window);
        for _ in 0..window {
            // The channel holds `window` credits: these sends never block.
            let _ = credit_tx.send(());
        }
        let reader_done = done_tx.clone();
        scope.spawn(move || {
            for (seq, unit) in (0u64..).zip(units) {
                if credit_rx.recv().is_err() {
                    return;
                }
                let sent = match unit {
                    Ok(unit) => work_tx.send(unit).is_ok(),
                    Err(e) => {
                        let _ = reader_done.send((seq, Err(e)));
                        false
                    }
                };
                if !sent {
                    return;
                }
            }
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            scope.spawn(move || {
                let mut policies = HashMap::new();
                loop {
                    let unit = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok(unit) = unit else { return };
                    let seq = unit.seq;
                    let outcome = check_unit(ctx, &mut policies, unit);
                    if done_tx.send((seq, outcome)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending = BTreeMap::new();
        let mut next = 0u64;
        for (seq, outcome) in done_rx.iter() {
            pending.insert(seq, outcome);
            while let Some(outcome) = pending.remove(&next) {
                let (doc, text) = outcome?;
                progress.tick();
                emit(doc, text)?;
                next += 1;
                // The reader may have finished and gone: a credit nobody takes is fine.
                let _ = credit_tx.send(());
            }
        }
        Ok(())
    })
}

/// Parses and checks one document.
fn check_unit(
    ctx: &Ctx<'_>,
    policies: &mut HashMap<String, Policy>,
    unit: Unit,
) -> Result<Outcome, CliError> {
    let Text { name, record, text } = unit.text;
    let finish = |checked: Checked, body: Option<String>| {
        let text = body.filter(|_| ctx.keep_texts && checked.has_findings());
        (checked.into_result(ctx.run_as_of), text)
    };
    let body = match text {
        Ok(body) => body,
        Err(problem) => {
            let doc = Document {
                file: &name,
                text: "",
                record,
            };
            return Ok(finish(doc.unreadable(problem), None));
        }
    };
    let doc = Document {
        file: &name,
        text: &body,
        record,
    };
    if unit.extension {
        return Ok(finish(doc.extension(), None));
    }
    if let Some(at) = hearth::limits::nesting_too_deep(&body, ctx.limits.max_depth) {
        let problem = Problem {
            line: Some(record.map_or(at.line, |r| r.saturating_add(at.line.saturating_sub(1)))),
            column: Some(at.column),
            pointer: String::new(),
            message: if ctx.limits.max_depth >= hearth::limits::PARSER_MAX_DEPTH {
                format!(
                    "objects and arrays nest deeper than {} levels here, the most hearth reads, so the document was not read",
                    ctx.limits.max_depth
                )
            } else {
                format!(
                    "objects and arrays nest deeper than the limit of {} levels here, so the document was not read; raise the limit with --max-depth or `[limits] max_depth` in hearth.toml",
                    ctx.limits.max_depth
                )
            },
        };
        let checked = doc.unreadable(problem);
        return Ok(finish(checked, Some(body)));
    }
    let input = match hearth::parse_input(&body) {
        Ok(input) => input,
        Err(error) => {
            let checked = doc.invalid(&error);
            return Ok(finish(checked, Some(body)));
        }
    };
    if matches!(input, Input::CatalogExtension(_)) {
        // Extensions in JSON files were applied before the run; one in an NDJSON file
        // cannot be, as the run streams those.
        let problem = Problem {
            line: Some(record.unwrap_or(1)),
            column: Some(1),
            pointer: String::new(),
            message: "a catalog extension in an NDJSON file is not applied: give it a .json file of its own".to_owned(),
        };
        return Ok(finish(doc.unreadable(problem), None));
    }
    let settings = ctx.settings.get(unit.source).cloned().unwrap_or_default();
    let as_of = ctx.args.as_of.or(settings.as_of).unwrap_or(ctx.run_as_of);
    let spec = ctx
        .args
        .policy
        .clone()
        .or(settings.policy)
        .or_else(|| default_policy(&input).map(str::to_owned));
    let mut checked = match spec {
        Some(spec) => {
            if !policies.contains_key(&spec) {
                let policy = load_policy(&spec)?;
                policies.insert(spec.clone(), policy);
            }
            match policies.get(&spec) {
                Some(policy) => {
                    let validator = hearth::Validator::new(policy).with_catalog(ctx.catalog);
                    doc.check_parsed(&input, &validator, as_of)
                }
                None => return Err(CliError::Policy {
                    name: spec,
                    message: "could not be kept for the run".to_owned(),
                }),
            }
        }
        // A case file with no enrollment names no program: check it against no rule
        // rather than guess, and say so.
        None => doc.unreadable(Problem {
            line: Some(record.unwrap_or(1)),
            column: Some(1),
            pointer: "/enrollments".to_owned(),
            message: "no policy: the document has no enrollment to tell its program model; pass --policy or set one in hearth.toml".to_owned(),
        }),
    };
    if !ctx.filter.keeps_everything() {
        checked.retain_findings(|f| ctx.filter.keeps(&f.code));
    }
    Ok(finish(checked, Some(body)))
}

/// A progress bar on standard error for large batches, only when standard error is a
/// terminal and not in CI (`CI` set), so logs never fill with bars. NDJSON files are
/// streamed, so a run that reads one counts documents without a total.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Batches smaller than this finish before a bar would help.
    const THRESHOLD: usize = 200;

    fn new(sources: &[Source]) -> Self {
        let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let streamed = sources.iter().any(Source::is_ndjson);
        if !interactive || (!streamed && sources.len() < Self::THRESHOLD) {
            return Progress(None);
        }
        if streamed {
            let bar = indicatif::ProgressBar::new_spinner();
            if let Ok(style) =
                indicatif::ProgressStyle::with_template("{spinner} checked {pos} documents")
            {
                bar.set_style(style);
            }
            return Progress(Some(bar));
        }
        let bar = indicatif::ProgressBar::new(u64::try_from(sources.len()).unwrap_or(u64::MAX));
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
