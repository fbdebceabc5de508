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
}

/// Runs the command.
pub fn run(args: &SchemaArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    if let Some(dir) = &args.out_dir {
        let names: Vec<SchemaName> = match &args.name {
            Some(name) => vec![name.parse()?],
            None => SchemaName::ALL.to_vec(),
        };
        std::fs::create_dir_all(dir).map_err(|source| CliError::Write {
            path: dir.clone(),
            source,
        })?;
        for name in names {
            let path = dir.join(name.file_name());
            std::fs::write(&path, generate_text(name)).map_err(|source| CliError::Write {
                path: path.clone(),
                source,
            })?;
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
