//! Resource limits on what one run reads: how large one document may be, how deeply it
//! may nest, and how many records one NDJSON file may hold.
//!
//! Real case files are far inside these limits (a case file with ten years of weekly
//! visits is under a megabyte and nests about ten levels deep); the limits are there so
//! that a corrupted or hostile export gives a clear, located error instead of exhausting
//! memory or time. The library reads no files, so it only states the limits and offers
//! the checks that need the text ([`nesting_too_deep`]); `hearth check` applies them all
//! while reading, and has a flag to raise each one.
//!
//! ```
//! use hearth_input::limits::{nesting_too_deep, Limits};
//!
//! let limits = Limits::default();
//! assert_eq!(nesting_too_deep(r#"{"a": [1, 2]}"#, limits.max_depth), None);
//! let deep = format!("{}{}", "[".repeat(70), "]".repeat(70));
//! let at = nesting_too_deep(&deep, limits.max_depth).unwrap();
//! assert_eq!((at.line, at.column), (1, 65));
//! ```

/// The default largest document, in bytes: 16 MiB. One JSON file, standard input, or
/// one record (line) of an NDJSON file; an NDJSON file as a whole has no size limit,
/// as it is read one record at a time.
pub const DEFAULT_MAX_DOCUMENT_BYTES: u64 = 16 * 1024 * 1024;

/// The default deepest nesting of objects and arrays: 64 levels.
pub const DEFAULT_MAX_DEPTH: usize = 64;

/// The deepest nesting the JSON parser itself accepts (serde_json's recursion limit):
/// a limit above it has no effect.
pub const PARSER_MAX_DEPTH: usize = 128;

/// The default most records in one NDJSON file: one million.
pub const DEFAULT_MAX_RECORDS: u64 = 1_000_000;

/// The limits of one run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest document, in bytes (see [`DEFAULT_MAX_DOCUMENT_BYTES`]).
    pub max_document_bytes: u64,
    /// The deepest nesting of objects and arrays (see [`DEFAULT_MAX_DEPTH`]).
    pub max_depth: usize,
    /// The most records in one NDJSON file (see [`DEFAULT_MAX_RECORDS`]).
    pub max_records: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_records: DEFAULT_MAX_RECORDS,
        }
    }
}

/// A place in a text: 1-based line, and 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The line.
    pub line: u32,
    /// The column, in characters.
    pub column: u32,
}

/// Where `text` first nests objects and arrays deeper than `max_depth`: the place of the
/// bracket that opens level `max_depth + 1`, or `None` when it never does. Brackets
/// inside strings do not count. One pass over the bytes, no allocation: safe to run on
/// any text before parsing it.
pub fn nesting_too_deep(text: &str, max_depth: usize) -> Option<Position> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0usize;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                // Skip the string at memchr's speed: to its closing quote, stepping over
                // escapes. Most of a case file's bytes are in strings.
                let mut j = i + 1;
                loop {
                    match bytes
                        .get(j..)
                        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                    {
                        Some(k) if bytes.get(j + k) == Some(&b'\\') => j += k + 2,
                        Some(k) => {
                            j += k;
                            break;
                        }
                        None => return None,
                    }
                }
                i = j;
            }
            b'{' | b'[' => {
                depth += 1;
                if depth > max_depth {
                    return Some(position(text, i));
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The line and column (in characters) of byte `offset`.
fn position(text: &str, offset: usize) -> Position {
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = memchr::memrchr(b'\n', before).map_or(0, |p| p + 1);
    let column = text
        .get(line_start..offset)
        .map_or(0, |s| s.chars().count())
        + 1;
    Position {
        line: u32::try_from(line).unwrap_or(u32::MAX),
        column: u32::try_from(column).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_in_strings_do_not_count() {
        let text = r#"{"a": "[[[[[[[[[[\"[[[[", "b": [[1]]}"#;
        assert_eq!(nesting_too_deep(text, 3), None);
        assert_eq!(
            nesting_too_deep(text, 2),
            Some(Position {
                line: 1,
                column: 33
            })
        );
    }

    #[test]
    fn the_place_is_counted_in_lines_and_characters() {
        let text = "{\n  \"é\": {\n   \"x\": [[]]}}";
        let at = nesting_too_deep(text, 3).unwrap();
        assert_eq!((at.line, at.column), (3, 10));
        assert_eq!(nesting_too_deep(text, 4), None);
    }

    #[test]
    fn exactly_at_the_limit_is_fine_and_unbalanced_text_does_not_panic() {
        let text = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert_eq!(nesting_too_deep(&text, 64), None);
        assert!(nesting_too_deep(&text, 63).is_some());
        assert_eq!(nesting_too_deep("]]]]}}}\"\\", 1), None);
    }
}
