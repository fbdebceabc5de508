//! Finding and opening the documents a command checks: files, directories (searched
//! recursively), `-` for standard input. What a file holds is the importers' business
//! (`hearth::input`): the command picks one by the file's ending (JSON: one document;
//! NDJSON: one case file per line), opens the file and hands over the bytes.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use hearth::input::{
    decode, importer_for, too_large, Content, Documents, Importer, JsonImporter, Limits,
    NdjsonImporter, Problem, SourceDocument, SourceInput,
};

use crate::config::Config;
use crate::error::CliError;

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

    /// Whether it is read as a stream of records (NDJSON, by its ending) rather than one
    /// document.
    pub fn is_ndjson(&self) -> bool {
        match self {
            Source::File(path) => importer_of(path).is_some_and(|i| !i.single_document()),
            Source::Stdin => false,
        }
    }
}

/// The importer that reads `path`, by its file name's ending, if any.
fn importer_of(path: &Path) -> Option<&'static dyn Importer> {
    path.file_name()
        .and_then(|n| n.to_str())
        .and_then(importer_for)
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
        } else if importer_of(&path).is_some() {
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
    Problem::new(
        None,
        None,
        "",
        format!("the file could not be read: {error}"),
    )
}

/// Reads a whole JSON document: a file, or standard input. A file that cannot be opened
/// is an error (the run cannot go on as the user asked); one that is too large or not
/// UTF-8 is a located problem, and the run goes on. Never reads more than the size limit
/// (and one byte) into memory.
pub fn read_whole(source: &Source, limits: &Limits) -> Result<Text, CliError> {
    let name = source.name();
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
            if len > limits.max_document_bytes {
                return Ok(Text::from(hearth::input::file_too_large(name, limits)));
            }
            match whole(JsonImporter.documents(
                SourceInput::stream(name.clone(), BufReader::new(file)),
                limits,
            )) {
                Ok(text) => Ok(text.unwrap_or_else(|| empty(name))),
                Err(e) => Ok(Text {
                    name,
                    record: None,
                    text: Err(unreadable(&e)),
                }),
            }
        }
        Source::Stdin => {
            let docs = JsonImporter.documents(
                SourceInput::stream(name.clone(), BufReader::new(std::io::stdin())),
                limits,
            );
            whole(docs)
                .map(|text| text.unwrap_or_else(|| empty(name)))
                .map_err(|e| CliError::Read {
                    path: PathBuf::from("-"),
                    source: e,
                })
        }
    }
}

/// The one document the JSON importer yields.
fn whole(mut docs: Documents) -> std::io::Result<Option<Text>> {
    docs.next().transpose().map(|doc| doc.map(Text::from))
}

/// What stands for a document the importer did not yield (it always yields one).
fn empty(name: String) -> Text {
    Text {
        name,
        record: None,
        text: Ok(String::new()),
    }
}

/// Standard input as read: one JSON document, or an NDJSON stream of records.
pub enum StdinInput {
    /// One whole document (pretty-printed JSON, or a single line).
    Whole(Text),
    /// Records, one per line, read as they are consumed (`hearth generate | hearth
    /// check -`).
    Records(Records),
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

/// The records of an NDJSON stream, as the NDJSON importer reads them (one line at a
/// time: memory holds one record, however large the file); `path` names the stream in
/// read errors.
pub struct Records {
    docs: Documents,
    path: PathBuf,
}

impl Records {
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

    /// Records of `reader`, shown as `name`; `path` names it in read errors.
    pub fn new(
        reader: impl BufRead + Send + 'static,
        name: String,
        path: PathBuf,
        limits: &Limits,
    ) -> Self {
        Records {
            docs: NdjsonImporter.documents(SourceInput::stream(name, reader), limits),
            path,
        }
    }
}

impl Iterator for Records {
    type Item = Result<Text, CliError>;

    fn next(&mut self) -> Option<Self::Item> {
        let doc = self.docs.next()?;
        Some(doc.map(Text::from).map_err(|source| CliError::Read {
            path: self.path.clone(),
            source,
        }))
    }
}

impl From<SourceDocument> for Text {
    fn from(doc: SourceDocument) -> Self {
        let text = match doc.content {
            Ok(Content::Json(text)) => Ok(text),
            // The JSON importers yield text; a document built from another format is
            // not read by this version of the command.
            Ok(_) => Err(Problem::new(
                Some(doc.record.unwrap_or(1)),
                Some(1),
                "",
                "a document of a kind hearth check cannot read yet",
            )),
            Err(problem) => Err(problem),
        };
        Text {
            name: doc.name,
            record: doc.record,
            text,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Records, decoding and the record limits are the NDJSON importer's, tested in
    // hearth-input (json.rs); what is left here is opening files.

    #[test]
    fn whole_documents_over_the_limit_are_not_read() {
        let dir = std::env::temp_dir().join(format!("hearth-inputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("big.json");
        std::fs::write(&file, "[1, 2, 3, 4, 5]").unwrap();
        let limits = Limits::default().with_max_document_bytes(4);
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
