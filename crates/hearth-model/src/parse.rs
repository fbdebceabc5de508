//! Parsing JSON text into documents, with errors located by line, column and JSON
//! Pointer, and worded so they can be published without quoting the input.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::{CaseFile, Caseload};

/// Why a document could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParseErrorKind {
    /// The text is not valid JSON.
    Syntax,
    /// The JSON is valid but does not match the document format (a missing field, a
    /// wrong type, an unknown field, an impossible date).
    Data,
    /// The text ended before the document did.
    Truncated,
}

/// A document that could not be read, located in the source text.
///
/// The message never quotes values from the input (a wrongly typed field may hold a
/// name or note text); it names the field by its JSON Pointer instead.
///
/// ```
/// let err = hearth_model::parse_case_file(r#"{"schema_version": "1.0",
///   "participant": {"id": "P-1", "veteran": "Jordan"}}"#).unwrap_err();
/// assert_eq!(err.pointer, "/participant/veteran");
/// assert_eq!(err.line, 2);
/// assert!(!err.to_string().contains("Jordan"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, serde::Serialize)]
pub struct ParseError {
    /// What went wrong, in general terms.
    pub kind: ParseErrorKind,
    /// 1-based line of the error in the source text (0 when unknown).
    pub line: usize,
    /// 1-based column of the error in the source text (0 when unknown).
    pub column: usize,
    /// JSON Pointer (RFC 6901) of the value at fault; empty for the whole document.
    pub pointer: String,
    /// A message safe to publish: it never contains input values.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(
            f,
            "line {}, column {}: {} (at {at})",
            self.line, self.column, self.message
        )
    }
}

/// Parses a case file from JSON text.
pub fn parse_case_file(json: &str) -> Result<CaseFile, ParseError> {
    parse_json(json)
}

/// Parses a caseload from JSON text.
pub fn parse_caseload(json: &str) -> Result<Caseload, ParseError> {
    parse_json(json)
}

/// Either input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Document {
    /// A single case file.
    CaseFile(Box<CaseFile>),
    /// A caseload.
    Caseload(Caseload),
}

/// Parses a case file or a caseload: a top-level `case_files` key marks a caseload.
pub fn parse_document(json: &str) -> Result<Document, ParseError> {
    if top_level_keys(json)?.iter().any(|k| k == "case_files") {
        parse_caseload(json).map(Document::Caseload)
    } else {
        parse_case_file(json).map(|c| Document::CaseFile(Box::new(c)))
    }
}

/// The keys of the document's top-level object, in the order written, without reading
/// their values: enough to tell document kinds apart. Anything but a JSON object is an
/// error.
pub fn top_level_keys(json: &str) -> Result<Vec<String>, ParseError> {
    struct Keys(Vec<String>);

    impl<'de> Deserialize<'de> for Keys {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Visit;
            impl<'de> serde::de::Visitor<'de> for Visit {
                type Value = Keys;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a JSON object (a case file, caseload or catalog extension)")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Keys, A::Error> {
                    let mut keys = Vec::new();
                    while let Some(key) = map.next_key::<String>()? {
                        map.next_value::<serde::de::IgnoredAny>()?;
                        keys.push(key);
                    }
                    Ok(Keys(keys))
                }
            }
            d.deserialize_map(Visit)
        }
    }

    parse_json::<Keys>(json).map(|k| k.0)
}

/// Parses any document type from JSON text with a located, publishable error.
pub fn parse_json<T: DeserializeOwned>(json: &str) -> Result<T, ParseError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = serde_path_to_error::deserialize(&mut de).map_err(located)?;
    de.end().map_err(|e| ParseError {
        kind: ParseErrorKind::Syntax,
        line: e.line(),
        column: e.column(),
        pointer: String::new(),
        message: "unexpected text after the end of the document".to_owned(),
    })?;
    Ok(value)
}

fn located(err: serde_path_to_error::Error<serde_json::Error>) -> ParseError {
    let pointer = pointer_of(err.path());
    let inner = err.inner();
    let kind = match inner.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
            ParseErrorKind::Syntax
        }
        serde_json::error::Category::Eof => ParseErrorKind::Truncated,
        serde_json::error::Category::Data => ParseErrorKind::Data,
    };
    let raw = inner.to_string();
    let without_location = match raw.rfind(" at line ") {
        Some(cut) => &raw[..cut],
        None => raw.as_str(),
    };
    let message = match kind {
        ParseErrorKind::Truncated => format!("the document ends too early: {without_location}"),
        _ => publishable(without_location),
    };
    ParseError {
        kind,
        line: inner.line(),
        // serde_json counts the column before the first character as 0.
        column: inner.column().max(1),
        pointer,
        message,
    }
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => {
                pointer.push('/');
                pointer.push_str(&index.to_string());
            }
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// Rewrites a serde message so it names what was wrong without repeating the input
/// value: `invalid type: string "Jordan", expected u32` becomes
/// `invalid type: a string where expected u32`.
fn publishable(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let found = rest.split([' ', '`', ',']).next().unwrap_or("value");
            let expected = rest
                .rfind(", expected ")
                .map(|at| &rest[at + ", expected ".len()..])
                .unwrap_or("another value");
            let what = match found {
                "string" => "a string",
                "integer" => "an integer",
                "floating" => "a decimal number",
                "boolean" => "true or false",
                "map" => "an object",
                "sequence" => "an array",
                "null" | "unit" => "null",
                "character" => "a character",
                _ => "a value",
            };
            let label = prefix.trim_end_matches(": ");
            return format!("{label}: {what} where expected {expected}");
        }
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let expected = rest
            .rfind(", expected ")
            .map(|at| &rest[at + ", expected ".len()..])
            .unwrap_or("a known value");
        return format!("unknown value (not repeated here); expected {expected}");
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (field, expected) = match rest.find("`, expected ") {
            Some(at) => (&rest[..at], &rest[at + "`, expected ".len()..]),
            None => (rest.trim_end_matches('`'), "no other fields"),
        };
        let safe = !field.is_empty()
            && field.len() <= 64
            && field
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        let shown = if safe { field } else { "(name not shown)" };
        return format!("unknown field `{shown}`; expected {expected}");
    }
    message.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"schema_version":"1.0","participant":{"id":"P-1"}}"#;

    #[test]
    fn minimal_case_file_parses() {
        let case = parse_case_file(MINIMAL).unwrap();
        assert_eq!(case.participant.id.as_str(), "P-1");
        assert!(case.enrollments.is_empty());
    }

    #[test]
    fn unknown_field_is_rejected_and_located() {
        let err = parse_case_file(
            "{\"schema_version\":\"1.0\",\n\"participant\":{\"id\":\"P-1\",\"nmae\":\"x\"}}",
        )
        .unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Data);
        assert_eq!(err.line, 2);
        assert!(
            err.message.contains("unknown field `nmae`"),
            "{}",
            err.message
        );
        assert!(err.message.contains("`id`"), "{}", err.message);
    }

    #[test]
    fn wrong_type_message_does_not_quote_the_value() {
        let err = parse_case_file(
            r#"{"schema_version":"1.0","participant":{"id":"P-1","age_band":"Jordan Q. Example"}}"#,
        )
        .unwrap_err();
        assert_eq!(err.pointer, "/participant/age_band");
        assert!(!err.to_string().contains("Jordan"), "{err}");
        assert!(err.message.contains("expected one of"), "{}", err.message);

        let err = parse_case_file(
            r#"{"schema_version":"1.0","participant":{"id":"P-1","veteran":"lives at 12 Elm St"}}"#,
        )
        .unwrap_err();
        assert!(!err.to_string().contains("Elm"), "{err}");
        assert_eq!(
            err.message,
            "invalid type: a string where expected a boolean"
        );
    }

    #[test]
    fn impossible_date_is_a_located_data_error() {
        let err = parse_case_file(
            r#"{"schema_version":"1.0","participant":{"id":"P-1"},
            "enrollments":[{"id":"E","program":"rrh","entered_on":"2026-02-30"}]}"#,
        )
        .unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Data);
        assert_eq!(err.pointer, "/enrollments/0/entered_on");
        assert_eq!(err.line, 2);
    }

    #[test]
    fn unsupported_schema_version_is_rejected() {
        let err =
            parse_case_file(r#"{"schema_version":"2.0","participant":{"id":"P-1"}}"#).unwrap_err();
        assert_eq!(err.pointer, "/schema_version");
        assert!(err.message.contains("`1.0`"), "{}", err.message);
    }

    #[test]
    fn syntax_and_truncation_and_trailing_text() {
        assert_eq!(
            parse_case_file("{\"schema_version\":}").unwrap_err().kind,
            ParseErrorKind::Syntax
        );
        assert_eq!(
            parse_case_file("{\"schema_version\":\"1.0\"")
                .unwrap_err()
                .kind,
            ParseErrorKind::Truncated
        );
        let err = parse_case_file(&format!("{MINIMAL} {{}}")).unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Syntax);
        assert!(err.message.contains("after the end"));
    }

    #[test]
    fn a_document_must_be_an_object() {
        for text in ["[]", "3", "\"case\"", "null"] {
            let err = parse_document(text).unwrap_err();
            assert_eq!(err.kind, ParseErrorKind::Data, "{text}");
            assert!(
                err.message.ends_with(
                    "expected a JSON object (a case file, caseload or catalog extension)"
                ),
                "{text}: {}",
                err.message
            );
        }
        assert_eq!(
            parse_document("[]").unwrap_err().message,
            "invalid type: an array where expected a JSON object (a case file, caseload or catalog extension)"
        );
        assert_eq!(
            top_level_keys(r#"{"b": [1, {"x": 2}], "a": null}"#).unwrap(),
            vec!["b".to_owned(), "a".to_owned()]
        );
    }

    #[test]
    fn document_detects_caseloads() {
        let caseload =
            r#"{"schema_version":"1.0","program":{"id":"x","model":"rrh"},"case_files":[]}"#;
        assert!(matches!(
            parse_document(caseload),
            Ok(Document::Caseload(_))
        ));
        assert!(matches!(parse_document(MINIMAL), Ok(Document::CaseFile(_))));
    }

    #[test]
    fn pointer_escapes_tilde_and_slash() {
        let err =
            parse_json::<std::collections::BTreeMap<String, u32>>(r#"{"a/b~c": "x"}"#).unwrap_err();
        assert_eq!(err.pointer, "/a~1b~0c");
    }
}
