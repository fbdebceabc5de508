//! JSON output: the check report as `schemas/check-report.schema.json` describes it.

use std::io::{self, Write};

use hearth::batch::CheckReport;

/// Writes the report as pretty-printed JSON, ending in a newline.
pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    writeln!(out)
}
