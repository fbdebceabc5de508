//! Reading any document hearth accepts, telling the kinds apart by their top-level keys.

use hearth_catalog::{parse_extension, CatalogExtension};
use hearth_model::{parse_json, top_level_keys, try_case_file, CaseFile, Caseload, ParseError};

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

/// Parses JSON text as whichever document it is, by the top-level key each document
/// kind requires: `participant` marks a case file, `program` (or `case_files`) a
/// caseload, `agency` a catalog extension. A document with none of them is read as a
/// case file, so its error names the missing `participant`.
///
/// ```
/// let input = hearth_input::kind::parse_input(r#"{"schema_version":"1.0","participant":{"id":"P-9"}}"#);
/// assert!(matches!(input, Ok(hearth_input::kind::Input::CaseFile(_))));
/// let input = hearth_input::kind::parse_input(r#"{"schema_version":"1.0","program":{"id":"x","model":"rrh"}}"#);
/// assert!(matches!(input, Ok(hearth_input::kind::Input::Caseload(_))));
/// ```
pub fn parse_input(json: &str) -> Result<Input, InputError> {
    // Most inputs are case files that parse: read them once, without the key probe
    // (which reads the whole text too: a quarter of the time). A text that parses as a
    // case file has the `participant` key, so the probe would have chosen the same. Any
    // other text takes the path below, which tells the kinds apart and words the error.
    if let Some(case) = try_case_file(json) {
        return Ok(Input::CaseFile(Box::new(case)));
    }
    let keys = top_level_keys(json)?;
    let has = |name: &str| keys.iter().any(|k| k == name);
    if has("participant") {
        Ok(Input::CaseFile(Box::new(parse_json(json)?)))
    } else if has("program") || has("case_files") {
        Ok(Input::Caseload(Box::new(parse_json(json)?)))
    } else if has("agency") {
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
    Extension(#[from] hearth_catalog::ExtensionError),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reading without the case-file fast path: probe the keys, then parse.
    fn probed(json: &str) -> Result<Input, InputError> {
        let keys = top_level_keys(json)?;
        let has = |name: &str| keys.iter().any(|k| k == name);
        if has("participant") {
            Ok(Input::CaseFile(Box::new(parse_json(json)?)))
        } else if has("program") || has("case_files") {
            Ok(Input::Caseload(Box::new(parse_json(json)?)))
        } else if has("agency") {
            Ok(Input::CatalogExtension(Box::new(parse_extension(json)?)))
        } else {
            Ok(Input::CaseFile(Box::new(parse_json(json)?)))
        }
    }

    #[test]
    fn the_case_file_fast_path_reads_as_the_probe_does() {
        let case = r#"{"schema_version":"1.0","participant":{"id":"P-9"}}"#;
        for json in [
            case.to_owned(),
            format!("\u{feff}{case}"),
            format!("{case} x"),
            case.replace("P-9\"}", "P-9\",\"veteran\":\"Jordan\"}"),
            r#"{"participant":{"id":"P-9"},"participant":{"id":"P-9"},"schema_version":"1.0"}"#
                .to_owned(),
            r#"{"schema_version":"1.0","program":{"id":"x","model":"rrh"}}"#.to_owned(),
            r#"{"schema_version":"1.0","program":{"id":"x","model":"rrh"},"participant":1}"#
                .to_owned(),
            r#"{"agency":"x"}"#.to_owned(),
            r#"{"schema_version":"1.0"}"#.to_owned(),
            "[]".to_owned(),
            String::new(),
        ] {
            assert_eq!(parse_input(&json), probed(&json), "{json}");
        }
        assert!(matches!(parse_input(case), Ok(Input::CaseFile(_))));
    }
}
