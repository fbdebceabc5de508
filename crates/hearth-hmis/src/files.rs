//! An export as in-memory files.

use std::collections::BTreeMap;

/// The files of one HMIS CSV export, by file name (`Client.csv` …), as bytes. The
/// command-line program fills it from a folder or a zip; the library never reads files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFiles {
    files: BTreeMap<String, Vec<u8>>,
}

impl ExportFiles {
    /// An empty export.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds (or replaces) one file. Only the last path segment of `name` counts, and
    /// it is matched without regard to case (`client.CSV` is `Client.csv`).
    pub fn insert(&mut self, name: &str, bytes: impl Into<Vec<u8>>) {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        self.files.insert(base.to_ascii_lowercase(), bytes.into());
    }

    /// The bytes of a file, by its HMIS name (`Client.csv`).
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.files
            .get(&name.to_ascii_lowercase())
            .map(Vec::as_slice)
    }

    /// Whether the export holds the file.
    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// How many files it holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether it holds no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}
