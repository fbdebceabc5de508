//! The output formats of `hearth check`: text for people, JSON (the check-report
//! schema), SARIF 2.1.0 for code-scanning dashboards, JUnit XML for any CI's test view,
//! and GitHub Actions workflow commands for annotations on a pull request.
//!
//! Each format is a [`Sink`]: fed one document's result at a time, in the report's
//! order (file, then record), then finished with the run's counts. That is what lets
//! `hearth check` stream a caseload of any size: what a format must print before the
//! counts (or after every finding) waits in a [`Spool`]. A spool is kept in memory
//! unless the caller provides other storage ([`Spools`]): this crate touches no file,
//! but the `hearth` program gives its sinks spools that move to a temporary file when
//! they grow. Each module also has a `write(report, …)` for a whole
//! [`CheckReport`](crate::batch::CheckReport) held in memory.
//!
//! Every renderer is deterministic (the same report gives the same bytes: no timestamps,
//! no absolute paths) and prints only what the report holds (ids, codes, dates, counts
//! and JSON paths).

use std::io::{self, BufRead, Read, Seek, SeekFrom, Write};

use crate::batch::{CheckSummary, DocumentResult};
use chrono::NaiveDate;

pub mod github;
pub mod json;
pub mod junit;
pub mod sarif;
pub mod text;

#[cfg(test)]
mod fixture;

/// An output format fed one document at a time.
pub trait Sink {
    /// One document's result, in the report's order; `text` is the document's text when
    /// the format asked for it (see [`Sink::wants_text`]) and the document has findings.
    fn document(
        &mut self,
        doc: &DocumentResult,
        text: Option<&str>,
        out: &mut dyn Write,
    ) -> io::Result<()>;

    /// The end of the run: the evaluation date and the counts over every document.
    fn finish(
        &mut self,
        as_of: NaiveDate,
        summary: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()>;

    /// Whether [`Sink::document`] uses the document's text (the text format's excerpts).
    fn wants_text(&self) -> bool {
        false
    }
}

/// Feeds a whole report to `sink`, with no texts.
#[cfg(test)]
pub fn feed(
    sink: &mut dyn Sink,
    report: &crate::batch::CheckReport,
    out: &mut dyn Write,
) -> io::Result<()> {
    for doc in report.documents() {
        sink.document(&doc, None, out)?;
    }
    sink.finish(report.as_of, &report.summary, out)
}

/// Where a [`Spool`] keeps what is written to it: anything that can be written, then
/// read back from the start (an in-memory buffer, a temporary file, …).
pub trait SpoolStorage: Read + Write + Seek + Send {}

impl<T: Read + Write + Seek + Send> SpoolStorage for T {}

/// How a sink makes the spools it needs: the storage each new spool gets. The default
/// keeps spools in memory; a program that checks large batches can hand over storage
/// that moves to disk when it grows (the `hearth` program uses
/// `tempfile::SpooledTempFile`).
///
/// ```
/// use hearth_report::render::{Spools, SpoolStorage};
///
/// fn in_a_buffer() -> Box<dyn SpoolStorage> {
///     Box::new(std::io::Cursor::new(Vec::with_capacity(1024)))
/// }
/// let sink = hearth_report::render::json::JsonSink::with_spools(Spools::new(in_a_buffer));
/// # let _ = sink;
/// ```
#[derive(Clone, Copy)]
pub struct Spools {
    make: fn() -> Box<dyn SpoolStorage>,
}

impl Spools {
    /// Spools whose storage `make` provides, one call per spool.
    pub fn new(make: fn() -> Box<dyn SpoolStorage>) -> Self {
        Spools { make }
    }

    /// A new, empty spool.
    pub fn spool(&self) -> Spool {
        Spool::new((self.make)())
    }
}

impl Default for Spools {
    /// Spools in memory.
    fn default() -> Self {
        Spools::new(|| Box::new(io::Cursor::new(Vec::new())))
    }
}

impl std::fmt::Debug for Spools {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Spools").finish_non_exhaustive()
    }
}

/// Output kept for later, in the storage it was made with (in memory by default).
pub struct Spool {
    file: Box<dyn SpoolStorage>,
    len: u64,
}

impl Default for Spool {
    /// A spool in memory.
    fn default() -> Self {
        Spools::default().spool()
    }
}

impl Spool {
    /// A spool writing to `storage`, which must be empty.
    pub fn new(storage: Box<dyn SpoolStorage>) -> Self {
        Spool {
            file: storage,
            len: 0,
        }
    }

    /// Whether nothing was written.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Appends `bytes`.
    pub fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.file.write_all(bytes)?;
        self.len = self
            .len
            .saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
        Ok(())
    }

    /// Copies everything written to `out`.
    pub fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.file.seek(SeekFrom::Start(0))?;
        io::copy(&mut (&mut self.file).take(self.len), out)?;
        Ok(())
    }

    /// Calls `each` with every line written (without its `\n`), in order.
    pub fn each_line(&mut self, mut each: impl FnMut(&str) -> io::Result<()>) -> io::Result<()> {
        self.file.seek(SeekFrom::Start(0))?;
        let mut reader = io::BufReader::new((&mut self.file).take(self.len));
        let mut line = String::new();
        loop {
            line.clear();
            if reader.read_line(&mut line)? == 0 {
                return Ok(());
            }
            each(line.strip_suffix('\n').unwrap_or(&line))?;
        }
    }
}

/// Writes `value` pretty-printed as an element of an array `depth` levels deep (each
/// line indented by two spaces per level), as serde_json's pretty printer would.
pub fn write_pretty_element<T: serde::Serialize + ?Sized>(
    value: &T,
    depth: usize,
    spool: &mut Spool,
) -> io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    let indent = "  ".repeat(depth);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            spool.write_all(b"\n")?;
        }
        spool.write_all(indent.as_bytes())?;
        spool.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Writes `header` (pretty-printed JSON holding empty arrays) with the array under each
/// `key` filled from its spool: the elements, already indented and separated by
/// `,\n`. `keys` are in the order they appear in `header`; `depth` is the depth of the
/// arrays' keys. Gives the same bytes as pretty-printing the whole document at once.
pub fn splice(
    header: &str,
    sections: &mut [(&str, usize, &mut Spool)],
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut rest = header;
    for (key, depth, spool) in sections.iter_mut() {
        let placeholder = format!("\"{key}\": []");
        let Some(at) = rest.find(&placeholder) else {
            return Err(io::Error::other(format!("no `{key}` in the report header")));
        };
        let open = at + placeholder.len() - 1;
        out.write_all(rest.get(..open).unwrap_or_default().as_bytes())?;
        if !spool.is_empty() {
            out.write_all(b"\n")?;
            spool.copy_to(out)?;
            out.write_all(b"\n")?;
            out.write_all("  ".repeat(*depth).as_bytes())?;
        }
        rest = rest.get(open..).unwrap_or_default();
    }
    out.write_all(rest.as_bytes())
}
