//! Reading any document hearth accepts, telling the kinds apart by their top-level keys.

use hearth_catalog::{parse_extension, CatalogExtension};
use hearth_model::{
    parse_json, top_level_keys, try_case_file, CaseFile, Caseload, ParseError, ProgramModel, Tier,
};

/// A document hearth reads.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
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
    parse_as(sniff(json)?, json)
}

/// The kinds of JSON document hearth reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Kind {
    /// One participant's case file.
    CaseFile,
    /// A caseload.
    Caseload,
    /// An agency catalog extension.
    CatalogExtension,
}

/// Which kind of document `json` is, by its top-level keys alone (the one place the rule
/// is written; see [`parse_input`]). Reads the keys without building the document.
///
/// ```
/// use hearth_input::kind::{sniff, Kind};
/// assert_eq!(sniff(r#"{"agency": {"id": "x"}, "steps": []}"#), Ok(Kind::CatalogExtension));
/// // A case file may well mention an agency inside; its top-level keys decide.
/// assert_eq!(sniff(r#"{"participant": {"agency": 1}}"#), Ok(Kind::CaseFile));
/// ```
pub fn sniff(json: &str) -> Result<Kind, ParseError> {
    let keys = top_level_keys(json)?;
    let has = |name: &str| keys.iter().any(|k| k == name);
    Ok(if has("participant") {
        Kind::CaseFile
    } else if has("program") || has("case_files") {
        Kind::Caseload
    } else if has("agency") {
        Kind::CatalogExtension
    } else {
        Kind::CaseFile
    })
}

/// Parses `json` as a document of `kind` (as [`sniff`] told it).
pub fn parse_as(kind: Kind, json: &str) -> Result<Input, InputError> {
    Ok(match kind {
        Kind::CaseFile => Input::CaseFile(Box::new(parse_json(json)?)),
        Kind::Caseload => Input::Caseload(Box::new(parse_json(json)?)),
        Kind::CatalogExtension => Input::CatalogExtension(Box::new(parse_extension(json)?)),
    })
}

impl Input {
    /// The name of the built-in policy of the document's program model (for a case file,
    /// its latest enrollment's; ICMS by tier, high billing when none is recorded), or
    /// `None` for a catalog extension or a case file with no enrollment.
    pub fn builtin_policy(&self) -> Option<&'static str> {
        match self {
            Input::CaseFile(case) => case_policy(case),
            Input::Caseload(caseload) => Some(builtin_policy(caseload.program.model, None)),
            Input::CatalogExtension(_) => None,
        }
    }
}

fn case_policy(case: &CaseFile) -> Option<&'static str> {
    let enrollment = case
        .enrollments
        .iter()
        .max_by_key(|e| (e.entered_on, e.id.as_str()))?;
    Some(builtin_policy(enrollment.program, enrollment.tier))
}

/// The built-in policy of a program model (and, for ICMS, its billing tier): the one
/// place the mapping is written.
pub fn builtin_policy(model: ProgramModel, tier: Option<Tier>) -> &'static str {
    match (model, tier) {
        (ProgramModel::Icms, Some(Tier::LowBilling)) => "icms-low",
        (ProgramModel::Icms, _) => "icms-high",
        (ProgramModel::IcmRrh, _) => "icm-rrh",
        (ProgramModel::Rrh, _) => "rrh",
        (ProgramModel::StlCoc, _) => "stl-coc",
        (ProgramModel::CtPsh, _) => "ct-psh",
    }
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
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

    #[test]
    fn each_program_model_has_its_builtin_policy_and_icms_goes_by_tier() {
        assert_eq!(builtin_policy(ProgramModel::Icms, None), "icms-high");
        assert_eq!(
            builtin_policy(ProgramModel::Icms, Some(Tier::HighBilling)),
            "icms-high"
        );
        assert_eq!(
            builtin_policy(ProgramModel::Icms, Some(Tier::LowBilling)),
            "icms-low"
        );
        assert_eq!(builtin_policy(ProgramModel::IcmRrh, None), "icm-rrh");
        assert_eq!(builtin_policy(ProgramModel::Rrh, None), "rrh");
        assert_eq!(builtin_policy(ProgramModel::StlCoc, None), "stl-coc");
        assert_eq!(builtin_policy(ProgramModel::CtPsh, None), "ct-psh");
    }

    #[test]
    fn a_case_file_goes_by_its_latest_enrollment_and_one_without_has_none() {
        let case = |enrollments: &str| {
            parse_input(&format!(
                r#"{{"schema_version":"1.0","participant":{{"id":"P-1"}},"enrollments":[{enrollments}]}}"#
            ))
            .unwrap()
        };
        let two = case(
            r#"{"id":"E-1","program":"rrh","entered_on":"2025-01-02"},{"id":"E-2","program":"ct-psh","entered_on":"2026-01-02"}"#,
        );
        assert_eq!(two.builtin_policy(), Some("ct-psh"));
        assert_eq!(case("").builtin_policy(), None);
        assert!(sniff("[]").is_err(), "an array is no document");
    }

    /// The reading without the case-file fast path: sniff the kind, then parse.
    fn probed(json: &str) -> Result<Input, InputError> {
        parse_as(sniff(json)?, json)
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
