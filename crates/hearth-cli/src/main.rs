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

mod catalog_cmd;
mod check_cmd;
mod error;
mod inspect;
mod render;
mod rules_cmd;
mod schema_cmd;

/// Housing case-management standards as checkable rules.
#[derive(Debug, Parser)]
#[command(name = "hearth", version, long_about = None)]
#[command(
    after_help = "Exit codes: 0 success; 1 a document could not be read (inspect, check) or has error findings (check); 2 hearth could not run (bad flags, unreadable paths or policy)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check case files and caseloads against program policies: findings and obligations.
    Check(check_cmd::CheckArgs),
    /// List every rule: code, name, severity, requirements.
    Rules(rules_cmd::RulesArgs),
    /// List the action-step catalog, the risk taxonomy or the assessment instruments.
    Catalog(catalog_cmd::CatalogArgs),
    /// Print or write the JSON Schemas of the documents hearth reads.
    Schema(schema_cmd::SchemaArgs),
    /// Read case files and caseloads and say whether each one loads, with a summary
    /// that contains ids and counts only.
    Inspect(inspect::InspectArgs),
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
        Command::Catalog(args) => catalog_cmd::run(&args, &mut stdout),
        Command::Schema(args) => schema_cmd::run(&args, &mut stdout),
        Command::Inspect(args) => inspect::run(&args, &mut stdout),
    };
    let _ = stdout.flush();
    match result {
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
