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

/// The case file in `json` when it is one that reads without error; `None` for any
/// other text, without the work of locating the error ([`parse_case_file`] says where
/// and why). For readers that tell document kinds apart by their keys: a text that
/// parses as a case file has the required `participant` key, so it needs no key probe.
pub fn try_case_file(json: &str) -> Option<CaseFile> {
    serde_json::from_str(json.strip_prefix('\u{feff}').unwrap_or(json)).ok()
}

/// Parses a caseload from JSON text.
pub fn parse_caseload(json: &str) -> Result<Caseload, ParseError> {
    parse_json(json)
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

    parse_json::<Keys>(json).map(|k| k.0).map_err(|mut err| {
        // The probe skips values without reading them, so a path here could run
        // through keys that are not field names; only the location is kept.
        err.pointer.clear();
        err
    })
}

/// Parses any document type from JSON text with a located, publishable error.
///
/// A leading byte-order mark (U+FEFF, which some Windows tools write) is skipped, as
/// JSON readers may do (RFC 8259, section 8.1).
pub fn parse_json<T: DeserializeOwned>(json: &str) -> Result<T, ParseError> {
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // Most documents parse: they take serde_json's own path. Only one that fails is read
    // again with its path tracked, to say where (tracking costs a tenth of the time).
    if let Ok(value) = serde_json::from_str(json) {
        return Ok(value);
    }
    if let Some(err) = blank(json) {
        return Err(err);
    }
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

/// The error for a text with no JSON value at all: empty, or only white space (JSON's
/// four white-space characters). serde_json would call both "EOF while parsing a value"
/// at the end of the text; an empty export deserves a plainer word.
fn blank(json: &str) -> Option<ParseError> {
    if !json.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r')) {
        return None;
    }
    let message = if json.is_empty() {
        "the document is empty: a case file or caseload is one JSON object"
    } else {
        "the document holds only white space: a case file or caseload is one JSON object"
    };
    Some(ParseError {
        kind: ParseErrorKind::Truncated,
        line: 1,
        column: 1,
        pointer: String::new(),
        message: message.to_owned(),
    })
}

fn located(err: serde_path_to_error::Error<serde_json::Error>) -> ParseError {
    let mut segments = segments_of(err.path());
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
        Some(cut) => raw.get(..cut).unwrap_or(&raw),
        None => raw.as_str(),
    };
    let message = match kind {
        ParseErrorKind::Truncated => {
            let inside = match without_location.strip_prefix("EOF while parsing ") {
                Some("a value") => "where a value should be".to_owned(),
                Some(what) => format!("inside {what}"),
                None => format!("({without_location})"),
            };
            format!(
                "the document ends too early, {inside}: was the file cut short in the export or copy?"
            )
        }
        _ => publishable_message(without_location),
    };
    if without_location.starts_with("unknown field `") {
        // The last segment is the unknown key itself: input text, so not repeated.
        segments.pop();
    }
    ParseError {
        kind,
        line: inner.line(),
        // serde_json counts the column before the first character as 0.
        column: inner.column().max(1),
        pointer: segments.concat(),
        message,
    }
}

/// The path as JSON Pointer reference tokens, each with its leading `/`. A key that
/// does not look like a field name (lower-case letters, digits, `_`) is input text, not
/// structure, and is shown as `*`.
fn segments_of(path: &serde_path_to_error::Path) -> Vec<String> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } if is_field_name(key) => Some(format!("/{key}")),
            Segment::Map { .. } => Some("/*".to_owned()),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

fn is_field_name(key: &str) -> bool {
    let mut chars = key.chars();
    key.len() <= 64
        && chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Rewrites a serde error message (from `serde_json`, `toml` or any other format) so it
/// names what was wrong without repeating the input: a value of the wrong type, an
/// unknown enumerated value or an unknown field name is described, never quoted, and a
/// misspelt field gets the closest known field name. Other messages are kept as they are.
///
/// Every located error of this crate is worded this way; callers reading other formats
/// (a TOML settings file, say) use it to keep their messages publishable too.
///
/// ```
/// use hearth_model::publishable_message;
///
/// assert_eq!(
///     publishable_message("invalid type: string \"Jordan\", expected u32"),
///     "invalid type: a string where expected a whole number from 0 to 4294967295"
/// );
/// assert_eq!(
///     publishable_message("unknown variant `Jordan`, expected `error` or `warning`"),
///     "unknown value (not repeated here); expected `error` or `warning`"
/// );
/// let unknown = publishable_message("unknown field `Jordan`, expected `name` or `extends`");
/// assert!(!unknown.contains("Jordan"), "{unknown}");
/// ```
pub fn publishable_message(message: &str) -> String {
    publishable(message, false)
}

/// [`publishable_message`] for settings files written by staff (policy files,
/// `hearth.toml`): the same, except that an unknown key shaped like a field name
/// (lower-case letters, digits and `_`: `polcy`) is named, since a misspelt key is the
/// commonest mistake in such a file. A key of any other shape, and every value, is still
/// never repeated.
///
/// ```
/// use hearth_model::publishable_settings_message;
///
/// let typo = publishable_settings_message("unknown field `polcy`, expected `policy` or `as_of`");
/// assert_eq!(typo, "unknown field `polcy`; expected `policy` or `as_of`; did you mean `policy`?");
/// let text = publishable_settings_message("unknown field `Jordan Example`, expected `policy`");
/// assert!(!text.contains("Jordan"), "{text}");
/// ```
pub fn publishable_settings_message(message: &str) -> String {
    publishable(message, true)
}

fn publishable(message: &str, name_field_shaped_keys: bool) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let found = rest.split([' ', '`', ',']).next().unwrap_or("value");
            let expected = rest
                .rfind(", expected ")
                .and_then(|at| rest.get(at + ", expected ".len()..))
                .unwrap_or("another value");
            let expected = plain_type(expected);
            let label = prefix.trim_end_matches(": ");
            if label == "invalid value" && found == "integer" {
                return format!(
                    "invalid value: a whole number out of range where expected {expected}"
                );
            }
            if found == "floating" && is_huge(rest) {
                return format!(
                    "invalid type: a number too large for any field where expected {expected}"
                );
            }
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
            return format!("{label}: {what} where expected {expected}");
        }
    }
    // serde reads an object from an array too, and then counts its elements: the
    // mistake is the array.
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let expected = rest
            .find(", expected ")
            .and_then(|at| rest.get(at + ", expected ".len()..))
            .unwrap_or("another value");
        if expected.starts_with("struct ") {
            return "invalid type: an array where expected an object ({…})".to_owned();
        }
        let expected = expected.split(" with ").next().unwrap_or(expected);
        return format!("invalid length: expected {}", plain_type(expected));
    }
    // chrono's words for a date or date-time it cannot read.
    if message == "input is out of range" {
        return "not a real date or time (out of range, like February 30 or 25:00)".to_owned();
    }
    if [
        "input contains invalid characters",
        "premature end of input",
        "trailing input",
        "input is not enough for unique date and time",
    ]
    .contains(&message)
    {
        return format!(
            "{message}: expected a date as YYYY-MM-DD, or a date-time as RFC 3339 with its offset (2026-03-01T10:00:00-05:00)"
        );
    }
    if message == "number out of range" {
        // serde_json's word for a number beyond even a 64-bit float (1e400).
        return "a number too large to read (out of range)".to_owned();
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let expected = rest
            .rfind(", expected ")
            .and_then(|at| rest.get(at + ", expected ".len()..))
            .unwrap_or("a known value");
        return format!("unknown value (not repeated here); expected {expected}");
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // The key is input and may itself hold "`, expected ": the list of known
        // fields is what follows the last one (and there is none after "there are no
        // fields").
        let (field, expected) = match rest.strip_suffix("`, there are no fields") {
            Some(field) => (field, "no other fields"),
            None => match rest.rfind("`, expected ") {
                Some(at) => (
                    rest.get(..at).unwrap_or_default(),
                    rest.get(at + "`, expected ".len()..).unwrap_or_default(),
                ),
                None => (rest.trim_end_matches('`'), "no other fields"),
            },
        };
        let mut text = if name_field_shaped_keys && is_field_name(field) {
            format!("unknown field `{field}`; expected {expected}")
        } else {
            format!("unknown field (its name is not repeated here); expected {expected}")
        };
        if let Some(suggestion) = closest_field(field, expected) {
            text.push_str(&format!("; did you mean `{suggestion}`?"));
        }
        return text;
    }
    message.to_owned()
}

/// serde's name of a Rust number type, in words a program manager can act on (`u32`
/// becomes "a whole number from 0 to 4294967295"); anything else unchanged.
fn plain_type(expected: &str) -> String {
    let range =
        |min: &str, max: &dyn std::fmt::Display| format!("a whole number from {min} to {max}");
    match expected {
        "u8" => range("0", &u8::MAX),
        "u16" => range("0", &u16::MAX),
        "u32" => range("0", &u32::MAX),
        "u64" => range("0", &u64::MAX),
        "i32" => range(&i32::MIN.to_string(), &i32::MAX),
        "i64" => range(&i64::MIN.to_string(), &i64::MAX),
        "usize" | "u128" => range("0", &u64::MAX),
        "isize" | "i128" => range(&i64::MIN.to_string(), &i64::MAX),
        "f32" | "f64" => "a number".to_owned(),
        // serde's and chrono's names for Rust types: say what to write instead.
        "a sequence" | "sequence" | "a tuple" => "an array ([…])".to_owned(),
        "a map" | "map" => "an object ({…})".to_owned(),
        "a formatted date string" | "a date string" => "a date as YYYY-MM-DD".to_owned(),
        "a formatted date and time string or a unix timestamp"
        | "a formatted date and time string" => {
            "a date-time as RFC 3339 with its offset (2026-03-01T10:00:00-05:00)".to_owned()
        }
        other if other.starts_with("struct ") || other.starts_with("tuple struct ") => {
            "an object ({…})".to_owned()
        }
        other if other.starts_with("enum ") || other.starts_with("variant ") => {
            "one of the allowed values".to_owned()
        }
        other => other.to_owned(),
    }
}

/// Whether serde's `floating point `X`, expected …` names a number too large to be a
/// whole number of any field: JSON integers beyond 64 bits are read as decimals, and
/// "a decimal number" would mislead. The number is only inspected, never repeated.
fn is_huge(rest: &str) -> bool {
    rest.strip_prefix("floating point `")
        .and_then(|r| r.split('`').next())
        .and_then(|n| n.parse::<f64>().ok())
        .is_some_and(|n| n.abs() >= 18_446_744_073_709_551_616.0)
}

/// The expected field name closest to a misspelt one, if any is close enough. Only a
/// known field name is ever returned, never the input.
fn closest_field(unknown: &str, expected: &str) -> Option<String> {
    expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|name| (strsim::jaro_winkler(&unknown.to_lowercase(), name), name))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name.to_owned())
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
            "{\"schema_version\":\"1.0\",\n\"participant\":{\"id\":\"P-1\",\"veteren\":true}}",
        )
        .unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Data);
        assert_eq!(err.line, 2);
        assert_eq!(err.pointer, "/participant");
        assert!(!err.message.contains("veteren"), "{}", err.message);
        assert!(
            err.message.contains("did you mean `veteran`?"),
            "{}",
            err.message
        );
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
        assert!(err.message.contains("like February 30"), "{}", err.message);
        for (field, value) in [
            ("move_in_on", "\"2026/03/01\""),
            ("move_in_on", "\"2026-03\""),
            ("move_in_on", "\"2026-03-01 and more\""),
            (
                "encounters",
                "[{\"id\":\"V\",\"mode\":\"phone\",\"started_at\":\"2026-03-01T10:00:00\"}]",
            ),
        ] {
            let err = enrollment_with(field, value).unwrap_err();
            assert!(
                err.message.contains("expected a date as YYYY-MM-DD"),
                "{value}: {}",
                err.message
            );
            assert!(!err.message.contains("more"), "{}", err.message);
        }
    }

    #[test]
    fn numbers_out_of_range_say_which_numbers_fit() {
        for (value, message) in [
            ("-1", "invalid value: a whole number out of range where expected a whole number from 0 to 4294967295"),
            ("4294967296", "invalid value: a whole number out of range where expected a whole number from 0 to 4294967295"),
            ("1180591620717411303424", "invalid type: a number too large for any field where expected a whole number from 0 to 4294967295"),
            ("2.5", "invalid type: a decimal number where expected a whole number from 0 to 4294967295"),
            ("1e400", "a number too large to read (out of range)"),
            ("\"sixty\"", "invalid type: a string where expected a whole number from 0 to 4294967295"),
        ] {
            let err = enrollment_with(
                "encounters",
                &format!("[{{\"id\":\"V\",\"mode\":\"phone\",\"started_at\":\"2026-03-01T10:00:00Z\",\"minutes\":{value}}}]"),
            )
            .unwrap_err();
            assert_eq!(err.message, message, "{value}");
            assert_eq!(err.pointer, "/enrollments/0/encounters/0/minutes", "{value}");
            assert_eq!(err.line, 3, "{value}");
        }
    }

    /// A case file whose one enrollment has `field` set to the JSON value `value`.
    fn enrollment_with(field: &str, value: &str) -> Result<CaseFile, ParseError> {
        parse_case_file(&format!(
            "{{\"schema_version\":\"1.0\",\"participant\":{{\"id\":\"P-1\"}},\n\"enrollments\":[{{\"id\":\"E\",\"program\":\"rrh\",\"entered_on\":\"2026-01-05\",\n\"{field}\":{value}}}]}}"
        ))
    }

    #[test]
    fn dates_outside_1900_to_2200_are_located_data_errors() {
        for (field, value, pointer, word) in [
            ("move_in_on", "\"1899-12-31\"", "/enrollments/0/move_in_on", "before 1900-01-01"),
            ("move_in_on", "\"2201-01-01\"", "/enrollments/0/move_in_on", "after 2200-12-31"),
            ("move_in_on", "\"+12345-01-01\"", "/enrollments/0/move_in_on", "after 2200-12-31"),
            ("move_in_on", "\"-0001-01-01\"", "/enrollments/0/move_in_on", "before 1900-01-01"),
            ("encounters", "[{\"id\":\"V\",\"mode\":\"phone\",\"started_at\":\"1850-03-01T10:00:00Z\"}]",
                "/enrollments/0/encounters/0/started_at", "before 1900-01-01"),
            ("encounters", "[{\"id\":\"V\",\"mode\":\"phone\",\"started_at\":\"2026-03-01T10:00:00Z\",\"documented_at\":\"2999-03-01T10:00:00Z\"}]",
                "/enrollments/0/encounters/0/documented_at", "after 2200-12-31"),
            ("intake", "{\"refusals\":[{\"id\":\"R\",\"material\":\"lease\",\"refused_on\":\"2026-01-05\",\"follow_ups\":[\"2026-01-09\",\"0026-01-19\"]}]}",
                "/enrollments/0/intake/refusals/0/follow_ups/1", "before 1900-01-01"),
        ] {
            let err = enrollment_with(field, value).unwrap_err();
            assert_eq!(err.kind, ParseErrorKind::Data, "{value}");
            assert_eq!(err.pointer, pointer, "{value}");
            assert_eq!(err.line, 3, "{value}");
            assert!(err.message.starts_with(&format!("date {word}")), "{}", err.message);
            assert!(err.message.contains("1900-01-01 to 2200-12-31"), "{}", err.message);
            for year in ["1899", "2201", "12345", "0001", "1850", "2999", "0026"] {
                assert!(!err.message.contains(year), "{}", err.message);
            }
        }
        let birth = parse_case_file(
            r#"{"schema_version":"1.0","participant":{"id":"P-1","personal":{"birth_date":"1066-10-14"}}}"#,
        )
        .unwrap_err();
        assert_eq!(birth.pointer, "/participant/personal/birth_date");
        assert!(!birth.to_string().contains("1066"), "{birth}");
    }

    #[test]
    fn the_first_and_last_days_are_read() {
        let case = enrollment_with("move_in_on", "\"2200-12-31\"").unwrap();
        assert_eq!(case.enrollments[0].move_in_on, Some(crate::LATEST_DATE));
        let case = enrollment_with("move_in_on", "\"1900-01-01\"").unwrap();
        assert_eq!(case.enrollments[0].move_in_on, Some(crate::EARLIEST_DATE));
        assert!(
            enrollment_with("move_in_on", "null").unwrap().enrollments[0]
                .move_in_on
                .is_none()
        );
        // A date-time is judged by the date written in it, whatever its offset.
        let case = enrollment_with(
            "encounters",
            "[{\"id\":\"V\",\"mode\":\"phone\",\"started_at\":\"1900-01-01T00:30:00+14:00\"}]",
        )
        .unwrap();
        assert_eq!(case.enrollments[0].encounters.len(), 1);
    }

    #[test]
    fn empty_and_blank_documents_say_so() {
        let err = parse_case_file("").unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Truncated);
        assert_eq!((err.line, err.column), (1, 1));
        assert!(
            err.message.starts_with("the document is empty"),
            "{}",
            err.message
        );
        let err = parse_case_file(" \n\t\r\n").unwrap_err();
        assert!(
            err.message
                .starts_with("the document holds only white space"),
            "{}",
            err.message
        );
        let err = top_level_keys("\n\n").unwrap_err();
        assert!(
            err.message
                .starts_with("the document holds only white space"),
            "{}",
            err.message
        );
        // Other white space is not JSON's, so it is a syntax error, not a blank document.
        assert_eq!(
            parse_case_file("\u{a0}").unwrap_err().kind,
            ParseErrorKind::Syntax
        );
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let case = parse_case_file(&format!("\u{feff}{MINIMAL}")).unwrap();
        assert_eq!(case.participant.id.as_str(), "P-1");
        assert_eq!(
            top_level_keys(&format!("\u{feff}{MINIMAL}")).unwrap().len(),
            2
        );
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
        let err = parse_case_file("{\"schema_version\":\"1.0\"").unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Truncated);
        assert_eq!(
            err.message,
            "the document ends too early, inside an object: was the file cut short in the export or copy?"
        );
        let err = parse_case_file(&format!("{MINIMAL} {{}}")).unwrap_err();
        assert_eq!(err.kind, ParseErrorKind::Syntax);
        assert!(err.message.contains("after the end"));
    }

    #[test]
    fn a_document_must_be_an_object() {
        for text in ["[]", "3", "\"case\"", "null"] {
            let err = top_level_keys(text).unwrap_err();
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
            top_level_keys("[]").unwrap_err().message,
            "invalid type: an array where expected a JSON object (a case file, caseload or catalog extension)"
        );
        assert_eq!(
            top_level_keys(r#"{"b": [1, {"x": 2}], "a": null}"#).unwrap(),
            vec!["b".to_owned(), "a".to_owned()]
        );
    }

    #[test]
    fn the_key_probe_keeps_no_path() {
        let err = top_level_keys(r#"{"Jordan Example": [1, }"#).unwrap_err();
        assert_eq!(err.pointer, "");
        assert!(!err.to_string().contains("Jordan"), "{err}");
    }

    #[test]
    fn keys_that_are_not_field_names_are_not_repeated_in_the_pointer() {
        let err = parse_json::<std::collections::BTreeMap<String, u32>>(
            r#"{"Jordan Example, 12 Elm St": "x"}"#,
        )
        .unwrap_err();
        assert_eq!(err.pointer, "/*");
        let err = parse_json::<std::collections::BTreeMap<String, u32>>(r#"{"minutes": "x"}"#)
            .unwrap_err();
        assert_eq!(err.pointer, "/minutes");
    }

    #[test]
    fn an_unknown_field_is_located_but_never_named() {
        let text = "{\"schema_version\":\"1.0\",\"participant\":{\"id\":\"P-1\",\n\"personal\":{\"Jordan Example lives at 12 Elm St\":1}}}";
        let err = parse_case_file(text).unwrap_err();
        assert_eq!(err.pointer, "/participant/personal");
        assert_eq!(err.line, 2);
        assert!(!err.to_string().contains("Jordan"), "{err}");
        assert!(!err.to_string().contains("Elm"), "{err}");
        let err = parse_case_file(
            r#"{"schema_version":"1.0","participant":{"id":"P-1","personal":{"smith":1}}}"#,
        )
        .unwrap_err();
        assert!(!err.to_string().contains("smith"), "{err}");
        assert!(!err.message.contains("did you mean"), "{}", err.message);
    }

    #[test]
    fn an_unknown_field_holding_serdes_own_words_is_not_named_either() {
        // Found by fuzzing: a key holding "`, expected " split the message inside the
        // key, and the rest of the key was shown as the list of expected fields.
        let text = r#"{"schema_version":"1.0","participant":{"id":"P-1","personal":{"x`, expected `name` or Jordan Example":1}}}"#;
        let err = parse_case_file(text).unwrap_err();
        assert!(!err.message.contains("Jordan"), "{}", err.message);
        assert!(
            err.message.contains("expected one of `name`"),
            "{}",
            err.message
        );
        let bare =
            publishable_message("unknown field `a`, expected Jordan Example`, there are no fields");
        assert_eq!(
            bare,
            "unknown field (its name is not repeated here); expected no other fields"
        );
    }
}
