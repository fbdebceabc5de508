//! Finding and reading the documents a command checks: files, directories (searched
//! recursively), `-` for standard input, and NDJSON files (one case file per line).

use std::io::Read;
use std::path::{Path, PathBuf};

use hearth::batch::Problem;

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
            Source::File(path) => path.display().to_string().replace('\\', "/"),
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
    Ok(sources)
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
            files.push(path);
        }
    }
    Ok(())
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

/// Reads a source: one text for a JSON file or standard input, one per non-blank line
/// for NDJSON. A file that cannot be opened is an error (the run cannot go on as the
/// user asked); one that is not UTF-8 is a located problem, and the run goes on.
pub fn read(source: &Source) -> Result<Vec<Text>, CliError> {
    let name = source.name();
    let bytes = match source {
        Source::File(path) => std::fs::read(path).map_err(|e| CliError::Read {
            path: path.clone(),
            source: e,
        })?,
        Source::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| CliError::Read {
                    path: PathBuf::from("-"),
                    source: e,
                })?;
            bytes
        }
    };
    let text = match decode(&bytes) {
        Ok(text) => text,
        Err(problem) => {
            return Ok(vec![Text {
                name,
                record: None,
                text: Err(problem),
            }])
        }
    };
    if !source.is_ndjson() {
        return Ok(vec![Text {
            name,
            record: None,
            text: Ok(text),
        }]);
    }
    let mut records = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        records.push(Text {
            name: name.clone(),
            record: Some(u32::try_from(i + 1).unwrap_or(u32::MAX)),
            text: Ok(line.to_owned()),
        });
    }
    if records.is_empty() {
        records.push(Text {
            name,
            record: None,
            text: Err(Problem {
                line: Some(1),
                column: Some(1),
                pointer: String::new(),
                message: "an NDJSON file with no records: expected one case file per line"
                    .to_owned(),
            }),
        });
    }
    Ok(records)
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

    #[test]
    fn ndjson_records_keep_their_line_numbers() {
        let dir = std::env::temp_dir().join(format!("hearth-inputs-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("load.ndjson");
        std::fs::write(&file, "{\"a\":1}\n\n{\"b\":2}\n").unwrap();
        let texts = read(&Source::File(file.clone())).unwrap();
        let lines: Vec<_> = texts.iter().map(|t| t.record).collect();
        assert_eq!(lines, vec![Some(1), Some(3)]);
        std::fs::write(&file, "\n\n").unwrap();
        let empty = read(&Source::File(file)).unwrap();
        assert!(empty[0].text.is_err());
    }
}
