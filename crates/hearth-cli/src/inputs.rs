//! Finding and reading the documents a command checks: files, directories (searched
//! recursively), `-` for standard input, and NDJSON files (one case file per line).

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use hearth::batch::Problem;
use hearth::limits::Limits;

use crate::config::Config;
use crate::error::CliError;

/// Endings of files read as one JSON document.
const JSON: &[&str] = &["json"];
/// Endings of files read as NDJSON: one document per line.
const NDJSON: &[&str] = &["ndjson", "jsonl"];

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

impl Source {
    /// The name reports show: the path with `/` separators, or `<stdin>`.
    pub fn name(&self) -> String {
        match self {
            // Windows separators become `/`; on Unix a `\` is part of a file name and is
            // kept (`sub\x.json` is not `sub/x.json`).
            Source::File(path) if std::path::MAIN_SEPARATOR == '\\' => {
                path.display().to_string().replace('\\', "/")
            }
            Source::File(path) => path.display().to_string(),
            Source::Stdin => "<stdin>".to_owned(),
        }
    }

    /// Whether it is read as NDJSON (by its ending).
    pub fn is_ndjson(&self) -> bool {
        match self {
            Source::File(path) => has_ending(path, NDJSON),
            Source::Stdin => false,
        }
    }
}

fn has_ending(path: &Path, endings: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| endings.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The sources named on the command line, or by the config's `include` when there are
/// none. A directory is searched recursively for `*.json`, `*.ndjson` and `*.jsonl`, in
/// name order, leaving out what the config excludes; a file named outright is always
/// read. Errors: a path that does not exist, a directory with nothing to read, no
/// sources at all.
pub fn collect(paths: &[PathBuf], config: &Config) -> Result<Vec<Source>, CliError> {
    let mut sources = Vec::new();
    if paths.is_empty() {
        sources.extend(config.included()?.into_iter().map(Source::File));
        if sources.is_empty() {
            return Err(CliError::NoPaths);
        }
        return Ok(sources);
    }
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let meta = std::fs::metadata(path).map_err(|source| CliError::Read {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.retain(|f| !config.excludes(f));
            if found.is_empty() {
                return Err(CliError::NoInputs(path.clone()));
            }
            found.sort();
            sources.extend(found.into_iter().map(Source::File));
        } else {
            sources.push(Source::File(path.clone()));
        }
    }
    sources.sort();
    sources.dedup();
    // The same file under two spellings (`f.json ./f.json`, `d d/../d`) is read once,
    // under its first spelling.
    let mut seen = std::collections::HashSet::new();
    sources.retain(|source| match source {
        Source::File(path) => std::fs::canonicalize(path).map_or(true, |real| seen.insert(real)),
        Source::Stdin => true,
    });
    Ok(sources)
}

/// Whether a path named outright is something other than a regular file or folder (a
/// pipe such as `<(cat f.json)`, a device): it can be read only once, so its text is
/// kept from the first read.
pub fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// Every `*.json`, `*.ndjson` and `*.jsonl` file below `dir` (hidden folders skipped).
pub fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let entries = std::fs::read_dir(dir).map_err(|source| CliError::Read {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| CliError::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        let kind = entry.file_type().map_err(|source| CliError::Read {
            path: path.clone(),
            source,
        })?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if kind.is_dir() {
            if !hidden {
                walk(&path, files)?;
            }
        } else if has_ending(&path, JSON) || has_ending(&path, NDJSON) {
            // A pipe, socket or device found in a folder is never opened (reading a pipe
            // would wait for a writer forever): it is passed over with a note. A link
            // that points nowhere, or to a folder, is kept, and reading it gives a
            // located problem while the rest is checked.
            let special = is_special_kind(&kind)
                || (kind.is_symlink()
                    && std::fs::metadata(&path).is_ok_and(|m| is_special_kind(&m.file_type())));
            if special {
                eprintln!(
                    "hearth: note: {} is not a regular file (a pipe or device) and was skipped; name it on the command line to read it",
                    Source::File(path).name().escape_debug()
                );
            } else {
                files.push(path);
            }
        }
    }
    Ok(())
}

/// Whether a file type is a pipe, socket or device.
#[cfg(unix)]
fn is_special_kind(kind: &std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    kind.is_fifo() || kind.is_socket() || kind.is_block_device() || kind.is_char_device()
}

/// Whether a file type is a pipe, socket or device (never, where the OS has none).
#[cfg(not(unix))]
fn is_special_kind(_kind: &std::fs::FileType) -> bool {
    false
}

/// One document's text, or why it could not be read.
#[derive(Debug)]
pub struct Text {
    /// The name reports show.
    pub name: String,
    /// For a record of an NDJSON file, its 1-based line.
    pub record: Option<u32>,
    /// The text, or the problem (with its place) that kept it from being read.
    pub text: Result<String, Problem>,
}

/// The problem for a file that could not be opened or read, in words (the OS's own
/// description of the cause, which names no file content).
pub fn unreadable(error: &std::io::Error) -> Problem {
    Problem {
        line: None,
        column: None,
        pointer: String::new(),
        message: format!("the file could not be read: {error}"),
    }
}

/// The problem for a document over the size limit, at `line`.
fn too_large(limits: &Limits, line: u32, what: &str) -> Problem {
    Problem {
        line: Some(line),
        column: Some(1),
        pointer: String::new(),
        message: format!(
            "{what} is larger than the limit of {} bytes, so it was not read; raise the limit with --max-document-bytes or `[limits] max_document_bytes` in hearth.toml",
            limits.max_document_bytes
        ),
    }
}

/// Reads a whole JSON document: a file, or standard input. A file that cannot be opened
/// is an error (the run cannot go on as the user asked); one that is too large or not
/// UTF-8 is a located problem, and the run goes on. Never reads more than the size limit
/// (and one byte) into memory.
pub fn read_whole(source: &Source, limits: &Limits) -> Result<Text, CliError> {
    let name = source.name();
    let limit = limits.max_document_bytes;
    let mut bytes = Vec::new();
    match source {
        Source::File(path) => {
            // A file that cannot be opened or read (a link that points nowhere, a link
            // to a folder, no permission) is a located problem: the rest is checked.
            let file = match std::fs::File::open(path).and_then(|f| {
                let meta = f.metadata()?;
                if meta.is_dir() {
                    Err(std::io::Error::other(
                        "it is a folder (or a link to one), not a file",
                    ))
                } else {
                    Ok((f, meta.len()))
                }
            }) {
                Ok(opened) => opened,
                Err(e) => {
                    return Ok(Text {
                        name,
                        record: None,
                        text: Err(unreadable(&e)),
                    })
                }
            };
            let (file, len) = file;
            if len > limit {
                return Ok(Text {
                    name,
                    record: None,
                    text: Err(too_large(limits, 1, "the file")),
                });
            }
            if let Err(e) = file.take(limit.saturating_add(1)).read_to_end(&mut bytes) {
                return Ok(Text {
                    name,
                    record: None,
                    text: Err(unreadable(&e)),
                });
            }
        }
        Source::Stdin => {
            std::io::stdin()
                .lock()
                .take(limit.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| CliError::Read {
                    path: PathBuf::from("-"),
                    source: e,
                })?;
        }
    }
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
        return Ok(Text {
            name,
            record: None,
            text: Err(too_large(limits, 1, "the document")),
        });
    }
    Ok(Text {
        name,
        record: None,
        text: decode(&bytes),
    })
}

/// Standard input as read: one JSON document, or an NDJSON stream of records.
pub enum StdinInput {
    /// One whole document (pretty-printed JSON, or a single line).
    Whole(Text),
    /// Records, one per line, read as they are consumed (`hearth generate | hearth
    /// check -`).
    Records(Records<BufReader<std::io::Chain<std::io::Cursor<Vec<u8>>, std::io::Stdin>>>),
}

/// Reads standard input, telling NDJSON from one document by its first two lines: when
/// the first line is a whole JSON value and another non-blank line follows, it is
/// NDJSON and is streamed record by record (each record under the size limit);
/// otherwise it is one document, read whole (at most the size limit).
pub fn read_stdin(limits: &Limits) -> Result<StdinInput, CliError> {
    let failed = |source| CliError::Read {
        path: PathBuf::from("-"),
        source,
    };
    let mut stdin = BufReader::new(std::io::stdin());
    let limit = limits.max_document_bytes.saturating_add(1);
    let mut head = Vec::new();
    (&mut stdin)
        .take(limit)
        .read_until(b'\n', &mut head)
        .map_err(failed)?;
    let whole_value = |line: &[u8]| {
        let trimmed = line.trim_ascii();
        !trimmed.is_empty() && serde_json::from_slice::<serde::de::IgnoredAny>(trimmed).is_ok()
    };
    let mut ndjson = false;
    if whole_value(&head) {
        // Look past blank lines for a second record.
        loop {
            let before = head.len();
            (&mut stdin)
                .take(limit)
                .read_until(b'\n', &mut head)
                .map_err(failed)?;
            let Some(line) = head.get(before..) else {
                break;
            };
            if line.is_empty() {
                break;
            }
            if !line.trim_ascii().is_empty() {
                ndjson = true;
                break;
            }
        }
    }
    if ndjson {
        // What was read so far is put back in front of the rest of the stream.
        let (buffered, inner) = (stdin.buffer().to_vec(), stdin.into_inner());
        head.extend_from_slice(&buffered);
        let reader = BufReader::with_capacity(64 * 1024, std::io::Cursor::new(head).chain(inner));
        return Ok(StdinInput::Records(Records::new(
            reader,
            Source::Stdin.name(),
            PathBuf::from("-"),
            limits,
        )));
    }
    let mut bytes = head;
    (&mut stdin)
        .take(limit.saturating_sub(u64::try_from(bytes.len()).unwrap_or(u64::MAX)))
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limits.max_document_bytes {
        return Ok(StdinInput::Whole(Text {
            name: Source::Stdin.name(),
            record: None,
            text: Err(too_large(limits, 1, "the document")),
        }));
    }
    Ok(StdinInput::Whole(Text {
        name: Source::Stdin.name(),
        record: None,
        text: decode(&bytes),
    }))
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
    path: PathBuf,
}

impl Records<BufReader<std::fs::File>> {
    /// Opens an NDJSON file.
    pub fn open(path: &Path, limits: &Limits) -> Result<Self, CliError> {
        let file = std::fs::File::open(path).map_err(|source| CliError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        Ok(Records::new(
            BufReader::with_capacity(64 * 1024, file),
            Source::File(path.to_path_buf()).name(),
            path.to_path_buf(),
            limits,
        ))
    }
}

/// One line as read: its bytes, or that it was longer than the limit.
enum Line {
    Bytes(Vec<u8>),
    TooLong,
}

impl<R: BufRead> Records<R> {
    /// Records of `reader`, shown as `name`; `path` names it in read errors.
    pub fn new(reader: R, name: String, path: PathBuf, limits: &Limits) -> Self {
        Records {
            reader,
            name,
            limits: *limits,
            line: 1,
            records: 0,
            done: false,
            path,
        }
    }

    /// The next line, without its line end; `None` at the end of the file. Reads at
    /// most the limit into memory: the rest of a longer line is passed over.
    fn next_line(&mut self) -> std::io::Result<Option<Line>> {
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
    type Item = Result<Text, CliError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            let line = self.line;
            let read = match self.next_line() {
                Ok(read) => read,
                Err(source) => {
                    self.done = true;
                    return Some(Err(CliError::Read {
                        path: self.path.clone(),
                        source,
                    }));
                }
            };
            self.line = self.line.saturating_add(1);
            let Some(read) = read else {
                self.done = true;
                if self.records == 0 {
                    return Some(Ok(Text {
                        name: self.name.clone(),
                        record: None,
                        text: Err(Problem {
                            line: Some(1),
                            column: Some(1),
                            pointer: String::new(),
                            message:
                                "an NDJSON file with no records: expected one case file per line"
                                    .to_owned(),
                        }),
                    }));
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
                return Some(Ok(Text {
                    name: self.name.clone(),
                    record: Some(line),
                    text: Err(Problem {
                        line: Some(line),
                        column: Some(1),
                        pointer: String::new(),
                        message: format!(
                            "more than {} records in one NDJSON file: this record and the rest of the file were not checked; split the file, or raise the limit with --max-records or `[limits] max_records` in hearth.toml",
                            self.limits.max_records
                        ),
                    }),
                }));
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
            return Some(Ok(Text {
                name: self.name.clone(),
                record: Some(line),
                text,
            }));
        }
    }
}

/// UTF-8 text without a leading byte-order mark, or where the first invalid byte is.
fn decode(bytes: &[u8]) -> Result<String, Problem> {
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
            Err(Problem {
                line: Some(u32::try_from(line).unwrap_or(u32::MAX)),
                column: Some(u32::try_from(column).unwrap_or(u32::MAX)),
                pointer: String::new(),
                message: format!(
                    "not UTF-8 text (invalid byte at offset {}); export the file as UTF-8",
                    e.valid_up_to()
                ),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let problem = decode(b"{\n  \"a\": \"\xff\"\n}").unwrap_err();
        assert_eq!((problem.line, problem.column), (Some(2), Some(9)));
        assert_eq!(decode(b"\xEF\xBB\xBF{}").unwrap(), "{}");
    }

    fn records(text: &str, limits: &Limits) -> Vec<(Option<u32>, Result<String, String>)> {
        Records::new(
            text.as_bytes(),
            "load.ndjson".into(),
            PathBuf::from("load.ndjson"),
            limits,
        )
        .map(|t| {
            let t = t.unwrap();
            (t.record, t.text.map_err(|p| p.message))
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
        let text = b"\xEF\xBB\xBF[1]\n[\"\xff\"]\n[3]\n";
        let got: Vec<_> = Records::new(
            &text[..],
            "x.ndjson".into(),
            PathBuf::from("x.ndjson"),
            &Limits::default(),
        )
        .map(Result::unwrap)
        .collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].text.as_deref().ok(), Some("[1]"));
        let problem = got[1].text.as_ref().unwrap_err();
        assert_eq!((problem.line, problem.column), (Some(2), Some(3)));
        assert_eq!(got[2].text.as_deref().ok(), Some("[3]"));
    }

    #[test]
    fn whole_documents_over_the_limit_are_not_read() {
        let dir = std::env::temp_dir().join(format!("hearth-inputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("big.json");
        std::fs::write(&file, "[1, 2, 3, 4, 5]").unwrap();
        let limits = Limits {
            max_document_bytes: 4,
            ..Limits::default()
        };
        let text = read_whole(&Source::File(file.clone()), &limits).unwrap();
        assert!(text
            .text
            .unwrap_err()
            .message
            .contains("larger than the limit of 4 bytes"));
        let text = read_whole(&Source::File(file), &Limits::default()).unwrap();
        assert_eq!(text.text.unwrap(), "[1, 2, 3, 4, 5]");
    }
}
