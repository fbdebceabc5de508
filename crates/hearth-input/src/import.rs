//! The importer interface: how a source of documents plugs into hearth.
//!
//! An [`Importer`] recognises the sources it reads ([`Importer::recognises`]), turns one
//! source into documents ([`Importer::documents`]), and says where each finding's value
//! stands in the source's own coordinates ([`Locator`]). JSON and NDJSON are importers
//! ([`crate::json`]); an HMIS CSV export (a folder or zip of CSV files that yields many
//! case files, each record carrying its file and row) or a FHIR bundle plugs in the same
//! way.
//!
//! The library never opens a file: the caller opens the source and hands over its bytes
//! ([`SourceInput::Stream`]) or, for a source made of many files (a folder, a zip
//! archive), a [`FileSet`] it reads them through ([`SourceInput::Files`]).
//!
//! ```
//! use hearth_input::import::{Content, Importer, SourceInput};
//! use hearth_input::json::NdjsonImporter;
//! use hearth_input::limits::Limits;
//!
//! let ndjson = "{\"schema_version\":\"1.0\",\"participant\":{\"id\":\"P-1\"}}\n\n[1\n";
//! let importer = NdjsonImporter;
//! assert!(importer.recognises("exports/load.ndjson"));
//! let source = SourceInput::stream("load.ndjson", std::io::Cursor::new(ndjson));
//! let docs: Vec<_> = importer
//!     .documents(source, &Limits::default())
//!     .collect::<Result<_, _>>()?;
//! // One document per non-blank line, each with its line in the file.
//! assert_eq!(docs.len(), 2);
//! assert_eq!((docs[0].record, docs[1].record), (Some(1), Some(3)));
//! assert!(matches!(&docs[0].content, Ok(Content::Json(_))));
//! # Ok::<(), std::io::Error>(())
//! ```

use std::io::{self, BufRead};

use crate::kind::Input;
use crate::limits::Limits;
use crate::locate::Span;

/// Why a document could not be read, and where (in the source's coordinates: for text,
/// the line in the file — an NDJSON record's own line — and the column).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// The line (or row) of the fault.
    pub line: Option<u32>,
    /// The column of the fault.
    pub column: Option<u32>,
    /// The JSON Pointer of the value at fault (`""` for the whole document).
    pub pointer: String,
    /// What is wrong, never quoting the input.
    pub message: String,
}

impl Problem {
    /// A problem at `line` and `column` (either unknown), about the value at `pointer`.
    pub fn new(
        line: Option<u32>,
        column: Option<u32>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            line,
            column,
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

/// Maps the JSON Pointers of one document's findings back to the source: for JSON text,
/// line and column in the file; for a CSV importer, row and column of the record's file.
pub trait Locator {
    /// The place of each pointer, in order; `None` where it cannot be placed.
    fn locate(&self, pointers: &[&str]) -> Vec<Option<Span>>;
}

/// What an importer made of one document.
#[non_exhaustive]
pub enum Content {
    /// JSON text of one document (the JSON and NDJSON importers): parsed with
    /// [`crate::kind::parse_input`] and located in the text with [`crate::json::JsonLocator`].
    Json(String),
    /// A document the importer built itself (from CSV rows, a FHIR bundle), with the map
    /// from its JSON Pointers back to the source.
    Built {
        /// The document.
        input: Box<Input>,
        /// Where its values came from.
        locator: Box<dyn Locator + Send>,
    },
}

impl std::fmt::Debug for Content {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Content::Json(text) => f.debug_tuple("Json").field(&text.len()).finish(),
            Content::Built { .. } => f.debug_struct("Built").finish_non_exhaustive(),
        }
    }
}

/// One document of a source.
#[derive(Debug)]
#[non_exhaustive]
pub struct SourceDocument {
    /// The name reports show (the file's path, `<stdin>`, or for a document built from
    /// many files the name of the file it mainly came from).
    pub name: String,
    /// For one record of a multi-record file: its 1-based line (NDJSON) or row (CSV).
    pub record: Option<u32>,
    /// The document, or the problem (with its place) that kept it from being read.
    pub content: Result<Content, Problem>,
}

impl SourceDocument {
    /// A document named `name`, at `record` when it is one record of a file.
    pub fn new(
        name: impl Into<String>,
        record: Option<u32>,
        content: Result<Content, Problem>,
    ) -> Self {
        SourceDocument {
            name: name.into(),
            record,
            content,
        }
    }
}

/// The files of a source made of many (a folder, a zip archive), read through the caller.
pub trait FileSet: Send {
    /// The files' names, relative to the source, in the order they are read.
    fn names(&self) -> Vec<String>;
    /// Opens one file by its name.
    fn open(&mut self, name: &str) -> io::Result<Box<dyn BufRead + Send>>;
}

/// One source as the caller hands it to an importer.
#[non_exhaustive]
pub enum SourceInput {
    /// One stream of bytes: a file, or standard input.
    Stream {
        /// The name reports show.
        name: String,
        /// The bytes.
        reader: Box<dyn BufRead + Send>,
    },
    /// A source made of many files.
    Files {
        /// The name reports show for the source as a whole.
        name: String,
        /// Its files.
        files: Box<dyn FileSet>,
    },
}

impl SourceInput {
    /// A stream source.
    pub fn stream(name: impl Into<String>, reader: impl BufRead + Send + 'static) -> Self {
        SourceInput::Stream {
            name: name.into(),
            reader: Box::new(reader),
        }
    }

    /// The name reports show.
    pub fn name(&self) -> &str {
        match self {
            SourceInput::Stream { name, .. } | SourceInput::Files { name, .. } => name,
        }
    }
}

/// The documents of one source, in order. An `Err` is a source that could not be read
/// any further (the run cannot go on as asked); a document that could not be read is an
/// `Ok` whose content is a [`Problem`], and the others are still read.
pub type Documents = Box<dyn Iterator<Item = io::Result<SourceDocument>> + Send>;

/// A reader of one input format.
pub trait Importer: Send + Sync {
    /// The format's short name (`json`, `ndjson`).
    fn name(&self) -> &'static str;

    /// Whether this importer reads the source named `name` (a path, by its ending).
    fn recognises(&self, name: &str) -> bool;

    /// Whether a source yields one document (and may then hold a catalog extension that
    /// applies to the whole run) rather than a stream of records.
    fn single_document(&self) -> bool {
        false
    }

    /// The documents of `source`, read within `limits`.
    fn documents(&self, source: SourceInput, limits: &Limits) -> Documents;
}

/// Whether `name` ends in one of `endings` (without the dot, any case).
pub fn has_ending(name: &str, endings: &[&str]) -> bool {
    name.rsplit_once('.').is_some_and(|(stem, ending)| {
        !stem.is_empty()
            && !stem.ends_with('/')
            && endings.iter().any(|e| ending.eq_ignore_ascii_case(e))
    })
}
