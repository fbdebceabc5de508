//! `hearth`: the command-line program over the hearth libraries.
//!
//! It is the only part of hearth that reads files or writes them; everything it prints
//! about participants is ids, codes, dates, counts and JSON paths — never names, birth
//! dates, addresses or note text.

// No panics on input: the program may not unwrap, expect or index (tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod args;
mod catalog_cmd;
mod check_cmd;
mod config;
mod due_cmd;
mod error;
mod explain_cmd;
mod fhir_cmd;
mod generate_cmd;
mod init_cmd;
mod inputs;
mod inspect;
mod output;
mod policy_arg;
mod rules_cmd;
mod schema_cmd;

/// The exit codes, as `--help` prints them (the README has the same table).
pub const EXIT_CODES: &str = "\
Exit codes:
  0  nothing at or above the fail level (--fail-on, default error); or --exit-zero
  1  findings at or above the fail level, or a document that could not be read
  2  hearth could not run: bad flags, an unreadable policy or config, no inputs";

/// Housing case-management standards as checkable rules.
#[derive(Debug, Parser)]
#[command(name = "hearth", version, long_about = None)]
#[command(after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check case files and caseloads against program policies: findings and obligations.
    Check(check_cmd::CheckArgs),
    /// List every rule: code, name, severity, requirements, parameters (as a policy sets
    /// them with --policy).
    Rules(rules_cmd::RulesArgs),
    /// The obligations agenda: what is due, by when, for whom (a worklist by due date).
    Due(due_cmd::DueArgs),
    /// Explain one rule: what it checks, why, its requirements, parameters and examples.
    Explain(explain_cmd::ExplainArgs),
    /// Write a starter hearth.toml and a sample case file to begin from.
    Init(init_cmd::InitArgs),
    /// List the action-step catalog, the risk taxonomy or the assessment instruments.
    Catalog(catalog_cmd::CatalogArgs),
    /// Print or write the JSON Schemas of the documents hearth reads.
    Schema(schema_cmd::SchemaArgs),
    /// Read case files and caseloads and say whether each one loads, with a summary
    /// that contains ids and counts only.
    Inspect(inspect::InspectArgs),
    /// Write a deterministic, wholly invented caseload (a folder of case files or one
    /// NDJSON stream) with a realistic share of lapses, for benchmarks and load tests.
    Generate(generate_cmd::GenerateArgs),
    /// Export case files to another format (fhir: FHIR R4 Bundles).
    #[command(subcommand)]
    Export(fhir_cmd::ExportCommand),
    /// Import case files from another format (fhir: FHIR R4 Bundles).
    #[command(subcommand)]
    Import(fhir_cmd::ImportCommand),
}

/// Output format for listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// JSON, for programs.
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        Command::Check(args) => check_cmd::run(&args, &mut stdout),
        Command::Rules(args) => rules_cmd::run(&args, &mut stdout),
        Command::Due(args) => due_cmd::run(&args, &mut stdout),
        Command::Explain(args) => explain_cmd::run(&args, &mut stdout),
        Command::Init(args) => init_cmd::run(&args, &mut stdout),
        Command::Catalog(args) => catalog_cmd::run(&args, &mut stdout),
        Command::Schema(args) => schema_cmd::run(&args, &mut stdout),
        Command::Inspect(args) => inspect::run(&args, &mut stdout),
        Command::Generate(args) => generate_cmd::run(&args, &mut stdout),
        Command::Export(fhir_cmd::ExportCommand::Fhir(args)) => {
            fhir_cmd::export(&args, &mut stdout)
        }
        Command::Import(fhir_cmd::ImportCommand::Fhir(args)) => {
            fhir_cmd::import(&args, &mut stdout)
        }
    };
    let flushed = stdout.flush();
    match result {
        // The reader closed the pipe (`hearth check | head`): end quietly.
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Ok(_)
            if flushed
                .as_ref()
                .is_err_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Ok(code) => code,
        Err(err) => {
            eprintln!("hearth: error: {err}");
            if let Some(help) = err.help() {
                eprintln!("  help: {help}");
            }
            ExitCode::from(2)
        }
    }
}
