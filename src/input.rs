//! Reading any document hearth accepts, telling the kinds apart by their top-level keys.

use crate::catalog::{parse_extension, CatalogExtension};
use crate::model::{parse_json, CaseFile, Caseload, ParseError};

/// A document hearth reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// One participant's case file.
    CaseFile(Box<CaseFile>),
    /// A caseload: roster and case files (top-level key `case_files`).
    Caseload(Box<Caseload>),
    /// An agency catalog extension (top-level key `agency`).
    CatalogExtension(Box<CatalogExtension>),
}

/// Parses JSON text as whichever document it is: a top-level `case_files` key marks a
/// caseload, an `agency` key a catalog extension, anything else is read as a case file.
///
/// ```
/// let input = hearth::parse_input(r#"{"schema_version":"1.0","participant":{"id":"P-9"}}"#);
/// assert!(matches!(input, Ok(hearth::Input::CaseFile(_))));
/// ```
pub fn parse_input(json: &str) -> Result<Input, InputError> {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        case_files: Option<serde::de::IgnoredAny>,
        #[serde(default)]
        agency: Option<serde::de::IgnoredAny>,
    }
    let probe: Probe = parse_json(json)?;
    if probe.case_files.is_some() {
        Ok(Input::Caseload(Box::new(parse_json(json)?)))
    } else if probe.agency.is_some() {
        Ok(Input::CatalogExtension(Box::new(parse_extension(json)?)))
    } else {
        Ok(Input::CaseFile(Box::new(parse_json(json)?)))
    }
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    /// A case file or caseload that does not parse.
    #[error(transparent)]
    Document(#[from] ParseError),
    /// A catalog extension that does not parse.
    #[error(transparent)]
    Extension(#[from] crate::catalog::ExtensionError),
}
