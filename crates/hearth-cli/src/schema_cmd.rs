//! `hearth schema`: print one schema, or write all of them to a directory.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use hearth::schema::{generate_text, SchemaName};

use crate::error::CliError;

/// Arguments of `hearth schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The schema to print: case-file, caseload or catalog-extension. Without a name and
    /// without --out-dir, lists the names.
    pub name: Option<String>,
    /// Write every schema as NAME.schema.json into this directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// With --out-dir: replace schema files that are there and differ (without it,
    /// nothing is written when one would change).
    #[arg(long)]
    pub force: bool,
}

/// Runs the command.
pub fn run(args: &SchemaArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    if let Some(dir) = &args.out_dir {
        let names: Vec<SchemaName> = match &args.name {
            Some(name) => vec![name.parse()?],
            None => SchemaName::ALL.to_vec(),
        };
        let files: Vec<(PathBuf, String)> = names
            .into_iter()
            .map(|name| (dir.join(name.file_name()), generate_text(name)))
            .collect();
        // A file already there with other contents is replaced only with --force, and
        // then nothing is written unless everything may be.
        if !args.force {
            let changed: Vec<&PathBuf> = files
                .iter()
                .filter(|(path, text)| {
                    crate::output::occupied(path)
                        && std::fs::read(path).map_or(true, |old| old != text.as_bytes())
                })
                .map(|(path, _)| path)
                .collect();
            if let Some(first) = changed.first() {
                return Err(CliError::WouldOverwrite {
                    path: (*first).clone(),
                    what: "exists with other contents (pass --force to replace the schemas)",
                });
            }
        }
        for (path, text) in &files {
            if std::fs::read(path).is_ok_and(|old| old == text.as_bytes()) {
                writeln!(out, "unchanged {}", path.display())?;
                continue;
            }
            crate::output::write_file(path, text.as_bytes())?;
            writeln!(out, "wrote {}", path.display())?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    match &args.name {
        Some(name) => {
            let name: SchemaName = name.parse()?;
            out.write_all(generate_text(name).as_bytes())?;
        }
        None => {
            writeln!(
                out,
                "schemas (print one with `hearth schema NAME`, write all with `--out-dir DIR`):"
            )?;
            for name in SchemaName::ALL {
                writeln!(out, "  {:<18} {}", name.as_str(), name.file_name())?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
