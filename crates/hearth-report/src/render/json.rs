//! JSON output: the check report as `schemas/check-report.schema.json` describes it.
//!
//! Streamed: each document's file entry, findings and obligations are written to their
//! section's [`Spool`] as they arrive, and the report is put together at the end, when
//! the counts (which come first) are known. The bytes are those of pretty-printing the
//! whole report at once.

use std::io::{self, Write};

use crate::batch::{CheckReport, CheckSummary, DocumentResult, CHECK_REPORT_SCHEMA_VERSION};
use chrono::NaiveDate;

use super::{splice, write_pretty_element, Sink, Spool, Spools};

/// Writes the report as pretty-printed JSON, ending in a newline.
#[cfg(test)]
pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    super::feed(&mut JsonSink::default(), report, out)
}

/// One array of the report, filled as documents arrive.
#[derive(Default)]
struct Section {
    spool: Spool,
}

impl Section {
    fn push<T: serde::Serialize>(&mut self, value: &T) -> io::Result<()> {
        if !self.spool.is_empty() {
            self.spool.write_all(b",\n")?;
        }
        // The arrays' elements sit two levels deep: report object, array.
        write_pretty_element(value, 2, &mut self.spool)
    }
}

/// The JSON format as a [`Sink`].
#[derive(Default)]
pub struct JsonSink {
    files: Section,
    findings: Section,
    obligations: Section,
}

impl JsonSink {
    /// A sink whose spools (one per array of the report) come from `spools`.
    pub fn with_spools(spools: Spools) -> Self {
        let section = || Section {
            spool: spools.spool(),
        };
        JsonSink {
            files: section(),
            findings: section(),
            obligations: section(),
        }
    }
}

impl Sink for JsonSink {
    fn document(
        &mut self,
        doc: &DocumentResult,
        _text: Option<&str>,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        self.files.push(&doc.entry)?;
        for finding in &doc.findings {
            self.findings.push(finding)?;
        }
        for obligation in &doc.obligations {
            self.obligations.push(obligation)?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        as_of: NaiveDate,
        summary: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let header = CheckReport {
            schema_version: CHECK_REPORT_SCHEMA_VERSION.to_owned(),
            as_of,
            summary: summary.clone(),
            files: Vec::new(),
            findings: Vec::new(),
            obligations: Vec::new(),
        };
        let header = serde_json::to_string_pretty(&header).map_err(io::Error::other)?;
        splice(
            &header,
            &mut [
                ("files", 1, &mut self.files.spool),
                ("findings", 1, &mut self.findings.spool),
                ("obligations", 1, &mut self.obligations.spool),
            ],
            out,
        )?;
        writeln!(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;

    #[test]
    fn streamed_output_is_the_whole_report_pretty_printed() {
        let report = fixture::report();
        assert!(!report.obligations.is_empty() && report.findings.len() > 2);
        let mut streamed = Vec::new();
        write(&report, &mut streamed).unwrap();
        let whole = serde_json::to_string_pretty(&report).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);

        let empty = CheckReport::new(report.as_of, Vec::new());
        let mut streamed = Vec::new();
        write(&empty, &mut streamed).unwrap();
        let whole = serde_json::to_string_pretty(&empty).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
    }
}
