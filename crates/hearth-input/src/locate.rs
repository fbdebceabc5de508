//! Where a JSON Pointer's value stands in the original text: line and column.
//!
//! Findings name the offending value by JSON Pointer (`/enrollments/0/care_plan/goals/1`).
//! Editors, code-scanning dashboards and CI annotations want a line and a column in the
//! file as it was written. [`locate`] finds them in one pass over the text, without
//! building a tree, for any number of pointers at once.
//!
//! - Lines and columns are 1-based; columns count Unicode scalar values (characters),
//!   not bytes, so a line with accented text still puts the caret under the value.
//! - A pointer to a value that is absent from the text (a rule that reports a missing
//!   field points at the field's parent object, but a caller may ask for the field) is
//!   located at its nearest ancestor that is present, and the [`Span`] says so
//!   (`exact: false`).
//! - Text that is not valid JSON is scanned as far as it goes; pointers past that point
//!   are not located.
//!
//! ```
//! let text = "{\n  \"participant\": { \"id\": \"P-1\" },\n  \"enrollments\": [\n    { \"id\": \"E-1\" }\n  ]\n}";
//! let spans = hearth_input::locate::locate(text, &["/enrollments/0", "/enrollments/0/exit"]);
//! let e = spans[0].expect("present");
//! assert_eq!((e.start.line, e.start.column), (4, 5));
//! assert_eq!((e.end.line, e.end.column), (4, 20));
//! assert!(e.exact);
//! let missing = spans[1].expect("located at its parent");
//! assert_eq!(missing.start, e.start);
//! assert!(!missing.exact);
//! ```

use std::collections::HashMap;

/// The deepest nesting the scanner follows. The parsers reject deeper documents long
/// before this (serde_json stops at 128), so this only bounds the scanner's own stack.
pub const MAX_DEPTH: usize = 256;

/// A place in text: 1-based line, 1-based column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1, counted in Unicode scalar values.
    pub column: u32,
}

/// Where a value stands: from its first character to just after its last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// The value's first character.
    pub start: Position,
    /// Just after the value's last character (exclusive).
    pub end: Position,
    /// `true` when the pointer itself was found; `false` when it is absent and the span
    /// is that of its nearest ancestor present in the text.
    pub exact: bool,
}

/// Locates each pointer in `text`: `None` where neither it nor any ancestor could be
/// found (the text is not JSON up to there). The result has one entry per pointer, in
/// the same order.
pub fn locate(text: &str, pointers: &[&str]) -> Vec<Option<Span>> {
    // Every pointer and every ancestor of it: the scanner records their byte ranges and
    // skips any value below which nothing is wanted.
    let mut wanted: HashMap<String, Option<(usize, usize)>> = HashMap::new();
    for pointer in pointers {
        let mut prefix = *pointer;
        loop {
            if wanted.contains_key(prefix) {
                break;
            }
            wanted.insert(prefix.to_owned(), None);
            match prefix.rfind('/') {
                Some(cut) => prefix = prefix.get(..cut).unwrap_or(""),
                None => break,
            }
        }
    }
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        pos: 0,
        path: String::new(),
        wanted: &mut wanted,
    };
    scanner.skip_ws();
    // A byte-order mark before the document does not move the values.
    if scanner.bytes.get(scanner.pos..scanner.pos + 3) == Some(&[0xEF, 0xBB, 0xBF]) {
        scanner.pos += 3;
    }
    let _ = scanner.value(0);

    let lines = LineIndex::new(text);
    pointers
        .iter()
        .map(|pointer| {
            let mut prefix = *pointer;
            let mut exact = true;
            loop {
                if let Some(Some((start, end))) = wanted.get(prefix) {
                    return Some(Span {
                        start: lines.position(text, *start),
                        end: lines.position(text, *end),
                        exact,
                    });
                }
                exact = false;
                match prefix.rfind('/') {
                    Some(cut) => prefix = prefix.get(..cut).unwrap_or(""),
                    None => return None,
                }
            }
        })
        .collect()
}

/// Byte offsets of line starts, to turn an offset into a line and column.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    fn position(&self, text: &str, offset: usize) -> Position {
        let line = self.starts.partition_point(|s| *s <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        // Most lines are ASCII, where characters are bytes: no count along a long line
        // (an NDJSON record, a minified file) for every finding on it.
        let column = text.get(start..offset).map_or(0, |s| {
            if s.is_ascii() {
                s.len()
            } else {
                s.chars().filter(|c| *c != '\u{feff}').count()
            }
        });
        Position {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: u32::try_from(column + 1).unwrap_or(u32::MAX),
        }
    }
}

/// The text is not JSON at the scanner's position: stop.
struct Malformed;

struct Scanner<'a, 'w> {
    bytes: &'a [u8],
    pos: usize,
    /// The JSON Pointer of the value being scanned.
    path: String,
    wanted: &'w mut HashMap<String, Option<(usize, usize)>>,
}

impl Scanner<'_, '_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), Malformed> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(Malformed)
        }
    }

    /// Scans one value at the current position and records its range if it is wanted.
    fn value(&mut self, depth: usize) -> Result<(), Malformed> {
        if depth > MAX_DEPTH {
            return Err(Malformed);
        }
        let start = self.pos;
        let descend = self.wanted.contains_key(self.path.as_str());
        match self.peek() {
            Some(b'{') if descend => self.object(depth)?,
            Some(b'[') if descend => self.array(depth)?,
            Some(b'{' | b'[') => self.skip_container()?,
            Some(b'"') => {
                self.string(None)?;
            }
            Some(_) => self.scalar()?,
            None => return Err(Malformed),
        }
        if descend {
            if let Some(slot) = self.wanted.get_mut(self.path.as_str()) {
                *slot = Some((start, self.pos));
            }
        }
        Ok(())
    }

    fn object(&mut self, depth: usize) -> Result<(), Malformed> {
        self.expect(b'{')?;
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(());
        }
        let base = self.path.len();
        loop {
            self.skip_ws();
            let mut key = String::new();
            self.string(Some(&mut key))?;
            self.skip_ws();
            self.expect(b':')?;
            self.skip_ws();
            self.path.push('/');
            push_escaped(&mut self.path, &key);
            let scanned = self.value(depth + 1);
            self.path.truncate(base);
            scanned?;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(Malformed),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<(), Malformed> {
        self.expect(b'[')?;
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        let base = self.path.len();
        let mut index = 0usize;
        loop {
            self.skip_ws();
            self.path.push('/');
            self.path.push_str(&index.to_string());
            let scanned = self.value(depth + 1);
            self.path.truncate(base);
            scanned?;
            index += 1;
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(Malformed),
            }
        }
    }

    /// Skips an object or array nothing is wanted below, counting brackets outside
    /// strings (no recursion, so any depth is cheap).
    fn skip_container(&mut self) -> Result<(), Malformed> {
        let mut open = 0usize;
        loop {
            match self.peek() {
                Some(b'{' | b'[') => {
                    open += 1;
                    self.pos += 1;
                }
                Some(b'}' | b']') => {
                    open = open.saturating_sub(1);
                    self.pos += 1;
                    if open == 0 {
                        return Ok(());
                    }
                }
                Some(b'"') => self.string(None)?,
                Some(_) => self.pos += 1,
                None => return Err(Malformed),
            }
        }
    }

    /// Scans a string; decodes it into `into` when given (object keys).
    fn string(&mut self, mut into: Option<&mut String>) -> Result<(), Malformed> {
        self.expect(b'"')?;
        let mut run = self.pos;
        loop {
            match self.peek() {
                Some(b'"') => {
                    if let Some(out) = into.as_deref_mut() {
                        out.push_str(&String::from_utf8_lossy(
                            self.bytes.get(run..self.pos).unwrap_or(&[]),
                        ));
                    }
                    self.pos += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    if let Some(out) = into.as_deref_mut() {
                        out.push_str(&String::from_utf8_lossy(
                            self.bytes.get(run..self.pos).unwrap_or(&[]),
                        ));
                    }
                    self.pos += 1;
                    let escaped = self.peek().ok_or(Malformed)?;
                    self.pos += 1;
                    if let Some(out) = into.as_deref_mut() {
                        match escaped {
                            b'n' => out.push('\n'),
                            b't' => out.push('\t'),
                            b'r' => out.push('\r'),
                            b'b' => out.push('\u{8}'),
                            b'f' => out.push('\u{c}'),
                            b'u' => out.push(self.unicode_escape()?),
                            other => out.push(char::from(other)),
                        }
                    } else if escaped == b'u' {
                        self.pos += 4;
                    }
                    run = self.pos;
                }
                Some(_) => self.pos += 1,
                None => return Err(Malformed),
            }
        }
    }

    /// The character of a `\uXXXX` escape (with its low surrogate, if it is a pair),
    /// the `\u` already consumed.
    fn unicode_escape(&mut self) -> Result<char, Malformed> {
        let high = self.hex4()?;
        if (0xD800..0xDC00).contains(&high)
            && self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u")
        {
            self.pos += 2;
            let low = self.hex4()?;
            let code = 0x10000 + ((high - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3FF);
            return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
        }
        Ok(char::from_u32(high).unwrap_or('\u{fffd}'))
    }

    fn hex4(&mut self) -> Result<u32, Malformed> {
        let digits = self.bytes.get(self.pos..self.pos + 4).ok_or(Malformed)?;
        let text = std::str::from_utf8(digits).map_err(|_| Malformed)?;
        let value = u32::from_str_radix(text, 16).map_err(|_| Malformed)?;
        self.pos += 4;
        Ok(value)
    }

    /// A number, `true`, `false` or `null`: everything up to the next delimiter.
    fn scalar(&mut self) -> Result<(), Malformed> {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            self.pos += 1;
        }
        if self.pos == start {
            Err(Malformed)
        } else {
            Ok(())
        }
    }
}

/// Appends `key` as one JSON Pointer segment (RFC 6901: `~` as `~0`, `/` as `~1`).
fn push_escaped(path: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> Option<(u32, u32, u32, u32, bool)> {
        locate(text, &[pointer])[0].map(|s| {
            (
                s.start.line,
                s.start.column,
                s.end.line,
                s.end.column,
                s.exact,
            )
        })
    }

    #[test]
    fn finds_values_keys_and_indices() {
        let text = "{\"a\": [1, {\"b\": \"x\"}, [true]],\n \"c\":null}";
        assert_eq!(at(text, ""), Some((1, 1, 2, 11, true)));
        assert_eq!(at(text, "/a"), Some((1, 7, 1, 30, true)));
        assert_eq!(at(text, "/a/0"), Some((1, 8, 1, 9, true)));
        assert_eq!(at(text, "/a/1/b"), Some((1, 17, 1, 20, true)));
        assert_eq!(at(text, "/a/2/0"), Some((1, 24, 1, 28, true)));
        assert_eq!(at(text, "/c"), Some((2, 6, 2, 10, true)));
    }

    #[test]
    fn absent_values_fall_back_to_the_nearest_ancestor() {
        let text = r#"{"a": {"b": 1}}"#;
        assert_eq!(at(text, "/a/zz/0"), Some((1, 7, 1, 15, false)));
        assert_eq!(at(text, "/a/b/c"), Some((1, 13, 1, 14, false)));
    }

    #[test]
    fn escaped_keys_match_escaped_pointer_segments() {
        let text = r#"{"a/b": {"m~n": 1, "\u00e9\"": 2}}"#;
        assert_eq!(at(text, "/a~1b/m~0n"), Some((1, 17, 1, 18, true)));
        assert_eq!(at(text, "/a~1b/é\""), Some((1, 32, 1, 33, true)));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"n\": \"héllo\", \"k\": 2}";
        assert_eq!(at(text, "/k"), Some((1, 21, 1, 22, true)));
    }

    #[test]
    fn malformed_text_locates_what_comes_before_the_fault() {
        let text = "{\"a\": 1, \"b\": [2, }";
        assert_eq!(at(text, "/a"), Some((1, 7, 1, 8, true)));
        assert_eq!(at(text, "/b/1"), None);
        assert_eq!(locate("", &["/x"]), vec![None]);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        // Nothing wanted below the root: skipped without recursion.
        assert_eq!(at(&deep, "").map(|s| s.4), Some(true));
        // Wanted far below: the scanner stops at its depth bound instead of overflowing.
        let far = "/0".repeat(1000);
        assert_eq!(at(&deep, &far), None);
    }
}
