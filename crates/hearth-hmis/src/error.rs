//! Errors that stop an import: the export as a whole cannot be read.

/// Why an export cannot be imported at all. Problems with single rows are not errors but
/// [`crate::RowIssue`]s, and the rest of the export is imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HmisError {
    /// A file every export must have is not there.
    #[error("the export has no {0}: an HMIS CSV export needs Export.csv, Client.csv, Enrollment.csv and Project.csv")]
    MissingFile(&'static str),
    /// A file the import reads has no header row.
    #[error("{file} is empty: it needs at least its header row")]
    Empty {
        /// The file.
        file: &'static str,
    },
    /// A column the import reads is missing from a file's header.
    #[error("{file} has no column {column}")]
    MissingColumn {
        /// The file.
        file: &'static str,
        /// The column.
        column: &'static str,
    },
    /// `Export.csv` holds no row.
    #[error("Export.csv holds no export row")]
    NoExportRow,
    /// The export's `CSVVersion` is not one this build reads.
    #[error("unsupported CSVVersion{}: hearth reads {}", .0.as_deref().map(|v| format!(" {v:?}")).unwrap_or_default(), crate::SUPPORTED_VERSIONS)]
    UnsupportedVersion(Option<String>),
    /// The export period in `Export.csv` cannot be read.
    #[error("Export.csv row 2: {column} is not a date (YYYY-MM-DD)")]
    BadExportPeriod {
        /// The column.
        column: &'static str,
    },
    /// The file could not be read as CSV at all.
    #[error("{file}: {message}")]
    Csv {
        /// The file.
        file: &'static str,
        /// What the CSV reader reported (a position, never a value).
        message: String,
    },
    /// The map's time zone is not an IANA zone name.
    #[error("unknown time zone {0:?}: name an IANA zone such as America/Chicago, or UTC")]
    TimeZone(String),
}
