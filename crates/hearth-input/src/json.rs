//! The JSON and NDJSON importers: a `.json` file (or standard input) is one document; an
//! `.ndjson` or `.jsonl` file holds one document per line, read one line at a time, so
//! memory holds one record however large the file.
//!
//! Both apply the run's [`Limits`] while reading: a document over the size limit, a
//! record past the record limit, text that is not UTF-8, or nesting deeper than the depth
//! limit ([`depth_problem`]) is a located [`Problem`], and the other documents are still
//! read.

use std::io::{self, BufRead, Read};

use crate::import::{
    has_ending, Content, Documents, Importer, Locator, Problem, SourceDocument, SourceInput,
};
use crate::limits::{nesting_too_deep, Limits, PARSER_MAX_DEPTH};
use crate::locate::{locate, Span};

/// Endings of files read as one JSON document.
pub const JSON_ENDINGS: &[&str] = &["json"];
/// Endings of files read as NDJSON: one document per line.
pub const NDJSON_ENDINGS: &[&str] = &["ndjson", "jsonl"];

/// A whole JSON document per source.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonImporter;

/// One JSON document per line of the source.
#[derive(Debug, Clone, Copy, Default)]
pub struct NdjsonImporter;

impl Importer for JsonImporter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn recognises(&self, name: &str) -> bool {
        has_ending(name, JSON_ENDINGS)
    }

    fn single_document(&self) -> bool {
        true
    }

    fn documents(&self, source: SourceInput, limits: &Limits) -> Documents {
        match source {
            SourceInput::Stream { name, reader } => {
                Box::new(std::iter::once(read_whole(name, reader, limits)))
            }
            SourceInput::Files { name, .. } => Box::new(std::iter::once(Ok(SourceDocument::new(
                name,
                None,
                Err(Problem::new(
                    Some(1),
                    Some(1),
                    "",
                    "a folder or archive is not one JSON document",
                )),
            )))),
        }
    }
}

impl Importer for NdjsonImporter {
    fn name(&self) -> &'static str {
        "ndjson"
    }

    fn recognises(&self, name: &str) -> bool {
        has_ending(name, NDJSON_ENDINGS)
    }

    fn documents(&self, source: SourceInput, limits: &Limits) -> Documents {
        match source {
            SourceInput::Stream { name, reader } => Box::new(Records::new(reader, name, limits)),
            SourceInput::Files { name, .. } => Box::new(std::iter::once(Ok(SourceDocument::new(
                name,
                None,
                Err(Problem::new(
                    Some(1),
                    Some(1),
                    "",
                    "a folder or archive is not one NDJSON file",
                )),
            )))),
        }
    }
}

/// Locates pointers in a JSON document's text; for an NDJSON record, lines count from
/// the record's own line in the file.
#[derive(Debug, Clone, Copy)]
pub struct JsonLocator<'a> {
    text: &'a str,
    record: Option<u32>,
}

impl<'a> JsonLocator<'a> {
    /// The locator of `text`, a whole file (`record: None`) or the record on line
    /// `record` of an NDJSON file.
    pub fn new(text: &'a str, record: Option<u32>) -> Self {
        JsonLocator { text, record }
    }

    /// A line of the text as a line of the file.
    pub fn shift(&self, line: u32) -> u32 {
        shift(self.record, line)
    }
}

impl Locator for JsonLocator<'_> {
    fn locate(&self, pointers: &[&str]) -> Vec<Option<Span>> {
        let mut spans = locate(self.text, pointers);
        for span in spans.iter_mut().flatten() {
            span.start.line = self.shift(span.start.line);
            span.end.line = self.shift(span.end.line);
        }
        spans
    }
}

/// A record's lines are counted from its own line in the file.
fn shift(record: Option<u32>, line: u32) -> u32 {
    record.map_or(line, |r| r.saturating_add(line.saturating_sub(1)))
}

/// The problem when `text` (a whole file, or the NDJSON record on line `record`) nests
/// deeper than `limits.max_depth`: located at the bracket that crosses the limit, in the
/// file's lines. `None` when it does not.
pub fn depth_problem(text: &str, record: Option<u32>, limits: &Limits) -> Option<Problem> {
    let at = nesting_too_deep(text, limits.max_depth)?;
    Some(Problem::new(
        Some(shift(record, at.line)),
        Some(at.column),
        "",
        if limits.max_depth >= PARSER_MAX_DEPTH {
            format!(
                "objects and arrays nest deeper than {} levels here, the most hearth reads, so the document was not read",
                limits.max_depth
            )
        } else {
            format!(
                "objects and arrays nest deeper than the limit of {} levels here, so the document was not read; raise the limit with --max-depth or `[limits] max_depth` in hearth.toml",
                limits.max_depth
            )
        },
    ))
}

/// The problem for a document over the size limit, at `line`; `what` names it ("the
/// file", "the record").
pub fn too_large(limits: &Limits, line: u32, what: &str) -> Problem {
    Problem::new(
        Some(line),
        Some(1),
        "",
        format!(
            "{what} is larger than the limit of {} bytes, so it was not read; raise the limit with --max-document-bytes or `[limits] max_document_bytes` in hearth.toml",
            limits.max_document_bytes
        ),
    )
}

/// The problem for a file the caller knows (from its size) is over the limit, without
/// reading it.
pub fn file_too_large(name: impl Into<String>, limits: &Limits) -> SourceDocument {
    SourceDocument::new(name, None, Err(too_large(limits, 1, "the file")))
}

/// Reads a whole JSON document from `reader`: never more than the size limit (and one
/// byte) into memory. Too large or not UTF-8 is a located problem; a read error is an
/// error.
fn read_whole(name: String, reader: impl Read, limits: &Limits) -> io::Result<SourceDocument> {
    let limit = limits.max_document_bytes;
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Ok(SourceDocument::new(
            name,
            None,
            Err(too_large(limits, 1, "the document")),
        ));
    }
    Ok(SourceDocument::new(
        name,
        None,
        decode(&bytes).map(Content::Json),
    ))
}

/// The records of an NDJSON file, read one line at a time: memory holds one record
/// (at most the size limit), however large the file. Blank lines are skipped; a record
/// over the size limit is skipped to its line end and given as a problem; past the
/// record limit, one problem says the rest was not checked and reading stops.
pub struct Records<R> {
    reader: R,
    name: String,
    limits: Limits,
    /// The number of the next line to read.
    line: u32,
    records: u64,
    done: bool,
}

/// One line as read: its bytes, or that it was longer than the limit.
enum Line {
    Bytes(Vec<u8>),
    TooLong,
}

impl<R: BufRead> Records<R> {
    /// Records of `reader`, shown as `name`.
    pub fn new(reader: R, name: String, limits: &Limits) -> Self {
        Records {
            reader,
            name,
            limits: *limits,
            line: 1,
            records: 0,
            done: false,
        }
    }

    /// The next line, without its line end; `None` at the end of the file. Reads at
    /// most the limit into memory: the rest of a longer line is passed over.
    fn next_line(&mut self) -> io::Result<Option<Line>> {
        let limit = usize::try_from(self.limits.max_document_bytes).unwrap_or(usize::MAX);
        let mut bytes = Vec::new();
        let mut too_long = false;
        let mut any = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (part, found) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (chunk.get(..i).unwrap_or(&[]), Some(i)),
                None => (chunk, None),
            };
            if !too_long {
                if bytes.len().saturating_add(part.len()) > limit {
                    too_long = true;
                    bytes = Vec::new();
                } else {
                    bytes.extend_from_slice(part);
                }
            }
            let used = found.map_or(chunk.len(), |i| i + 1);
            self.reader.consume(used);
            if found.is_some() {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        if too_long {
            return Ok(Some(Line::TooLong));
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        Ok(Some(Line::Bytes(bytes)))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = io::Result<SourceDocument>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let line = self.line;
            let read = match self.next_line() {
                Ok(read) => read,
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            };
            self.line = self.line.saturating_add(1);
            let Some(read) = read else {
                self.done = true;
                if self.records == 0 {
                    return Some(Ok(SourceDocument::new(
                        self.name.clone(),
                        None,
                        Err(Problem::new(
                            Some(1),
                            Some(1),
                            "",
                            "an NDJSON file with no records: expected one case file per line",
                        )),
                    )));
                }
                return None;
            };
            let bytes = match read {
                Line::Bytes(bytes) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Line::Bytes(bytes) => Ok(bytes),
                Line::TooLong => Err(too_large(&self.limits, line, "the record")),
            };
            self.records += 1;
            if self.records > self.limits.max_records {
                self.done = true;
                return Some(Ok(SourceDocument::new(
                    self.name.clone(),
                    Some(line),
                    Err(Problem::new(
                        Some(line),
                        Some(1),
                        "",
                        format!(
                            "more than {} records in one NDJSON file: this record and the rest of the file were not checked; split the file, or raise the limit with --max-records or `[limits] max_records` in hearth.toml",
                            self.limits.max_records
                        ),
                    )),
                )));
            }
            let text = bytes.and_then(|bytes| {
                // A byte-order mark may start the file; a record's columns count from
                // after it.
                let bytes = if line == 1 {
                    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes)
                } else {
                    &bytes
                };
                decode(bytes).map_err(|mut problem| {
                    // decode counts from line 1: a record is one line, at its own.
                    problem.line = Some(line);
                    problem
                })
            });
            return Some(Ok(SourceDocument::new(
                self.name.clone(),
                Some(line),
                text.map(Content::Json),
            )));
        }
    }
}

/// UTF-8 text without a leading byte-order mark, or where the first invalid byte is.
pub fn decode(bytes: &[u8]) -> Result<String, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or(&[]);
            let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
            let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(valid.get(line_start..).unwrap_or(&[]))
                .chars()
                .count()
                + 1;
            Err(Problem::new(
                Some(u32::try_from(line).unwrap_or(u32::MAX)),
                Some(u32::try_from(column).unwrap_or(u32::MAX)),
                "",
                format!(
                    "not UTF-8 text (invalid byte at offset {}); export the file as UTF-8",
                    e.valid_up_to()
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content_text(doc: &SourceDocument) -> Result<&str, &Problem> {
        match &doc.content {
            Ok(Content::Json(text)) => Ok(text),
            Ok(Content::Built { .. }) => panic!("JSON importers yield text"),
            Err(problem) => Err(problem),
        }
    }

    #[test]
    fn invalid_utf8_is_located() {
        let problem = decode(b"{\n  \"a\": \"\xff\"\n}").unwrap_err();
        assert_eq!((problem.line, problem.column), (Some(2), Some(9)));
        assert_eq!(decode(b"\xEF\xBB\xBF{}").unwrap(), "{}");
    }

    fn records(text: &str, limits: &Limits) -> Vec<(Option<u32>, Result<String, String>)> {
        Records::new(text.as_bytes(), "load.ndjson".into(), limits)
            .map(|t| {
                let t = t.unwrap();
                (
                    t.record,
                    content_text(&t)
                        .map(str::to_owned)
                        .map_err(|p| p.message.clone()),
                )
            })
            .collect()
    }

    #[test]
    fn ndjson_records_keep_their_line_numbers() {
        let got = records("{\"a\":1}\r\n\n  \n{\"b\":2}", &Limits::default());
        assert_eq!(
            got,
            vec![
                (Some(1), Ok("{\"a\":1}".to_owned())),
                (Some(4), Ok("{\"b\":2}".to_owned()))
            ]
        );
        let empty = records("\n\n", &Limits::default());
        assert_eq!(empty.len(), 1);
        assert!(empty[0].1.as_ref().unwrap_err().contains("no records"));
    }

    #[test]
    fn ndjson_limits_skip_long_records_and_stop_after_the_record_limit() {
        let limits = Limits {
            max_document_bytes: 8,
            max_records: 3,
            ..Limits::default()
        };
        let long = "x".repeat(100_000);
        let text = format!("[1]\n{long}\n[2]\n[3]\n[4]\n[5]\n");
        let got = records(&text, &limits);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!(got[0], (Some(1), Ok("[1]".to_owned())));
        assert!(got[1]
            .1
            .as_ref()
            .unwrap_err()
            .contains("--max-document-bytes"));
        assert_eq!(got[1].0, Some(2));
        assert_eq!(got[2], (Some(3), Ok("[2]".to_owned())));
        assert_eq!(got[3].0, Some(4));
        assert!(got[3].1.as_ref().unwrap_err().contains("--max-records"));
    }

    #[test]
    fn a_broken_record_is_located_on_its_own_line() {
        let bytes = b"\xEF\xBB\xBF[1]\n[\"\xff\"]\n[3]\n";
        let got: Vec<_> = Records::new(&bytes[..], "x.ndjson".into(), &Limits::default())
            .map(Result::unwrap)
            .collect();
        assert_eq!(got.len(), 3);
        assert_eq!(content_text(&got[0]).ok(), Some("[1]"));
        let problem = content_text(&got[1]).unwrap_err();
        assert_eq!((problem.line, problem.column), (Some(2), Some(3)));
        assert_eq!(content_text(&got[2]).ok(), Some("[3]"));
    }

    #[test]
    fn whole_documents_over_the_limit_are_not_read() {
        let limits = Limits {
            max_document_bytes: 4,
            ..Limits::default()
        };
        let source = SourceInput::stream("big.json", io::Cursor::new("[1, 2, 3, 4, 5]"));
        let docs: Vec<_> = JsonImporter.documents(source, &limits).collect();
        assert_eq!(docs.len(), 1);
        let doc = docs[0].as_ref().unwrap();
        assert!(content_text(doc)
            .unwrap_err()
            .message
            .contains("larger than the limit of 4 bytes"));
        let source = SourceInput::stream("big.json", io::Cursor::new("[1, 2, 3, 4, 5]"));
        let doc = JsonImporter
            .documents(source, &Limits::default())
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(content_text(&doc).unwrap(), "[1, 2, 3, 4, 5]");
    }

    #[test]
    fn importers_recognise_their_endings_only() {
        assert!(JsonImporter.recognises("a/b.JSON"));
        assert!(!JsonImporter.recognises("a/b.ndjson"));
        assert!(!JsonImporter.recognises("a/.json"));
        assert!(NdjsonImporter.recognises("x.jsonl"));
        assert!(!NdjsonImporter.recognises("x.csv"));
    }

    #[test]
    fn a_record_is_located_in_the_file_and_too_deep_nesting_on_its_line() {
        let locator = JsonLocator::new("{\"a\": [1]}", Some(5));
        let span = locator.locate(&["/a/0"])[0].unwrap();
        assert_eq!((span.start.line, span.start.column), (5, 8));
        let limits = Limits {
            max_depth: 2,
            ..Limits::default()
        };
        let problem = depth_problem("\n[[[1]]]", Some(10), &limits).unwrap();
        assert_eq!((problem.line, problem.column), (Some(11), Some(3)));
        assert!(problem.message.contains("--max-depth"));
        assert_eq!(depth_problem("[[1]]", None, &limits), None);
    }
}
