//! `hearth rules`: list every rule with its code, name, severity and the requirements it
//! enforces.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use hearth::rules::registry;
use serde::Serialize;

use crate::error::CliError;
use crate::Format;

/// Arguments of `hearth rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct RuleRow {
    code: &'static str,
    name: &'static str,
    severity: &'static str,
    requirements: Vec<&'static str>,
    source: Vec<String>,
    summary: &'static str,
}

/// Prints the rule list.
pub fn run(args: &RulesArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let rows: Vec<RuleRow> = registry::all()
        .iter()
        .map(|r| {
            let m = r.meta();
            RuleRow {
                code: m.code,
                name: m.name,
                severity: m.severity.as_str(),
                requirements: m.requirement_ids().collect(),
                source: m
                    .requirements
                    .iter()
                    .map(|c| format!("{} {}", c.source, c.section))
                    .collect(),
                summary: m.summary,
            }
        })
        .collect();
    match args.format {
        Format::Json => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&rows).unwrap_or_default()
            )?;
        }
        Format::Text => {
            for row in &rows {
                let reqs = if row.requirements.is_empty() {
                    "-".to_owned()
                } else {
                    row.requirements.join(", ")
                };
                writeln!(
                    out,
                    "{:<10} {:<46} {:<8} {:<24} {}",
                    row.code, row.name, row.severity, reqs, row.summary
                )?;
            }
            writeln!(out, "{} rules", rows.len())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
