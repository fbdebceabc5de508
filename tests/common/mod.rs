//! Helpers shared by the cross-crate tests: reading the generated schemas, and telling
//! personal and free-text fields apart by the schema (the privacy tests of this crate
//! and of `hearth-cli`, which includes this file with `#[path]`).

// Each test file uses only some of these.
#![allow(dead_code)]

use hearth::schema::{generate, SchemaName};
use serde_json::Value;

/// A validator for one generated schema, with `format` checks (dates, date-times) on.
pub fn validator(name: SchemaName) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(&generate(name))
        .expect("generated schema compiles")
}

/// A schema node and every schema it may stand for, following `$ref`, `anyOf` and
/// `oneOf` (an `Option<T>` is `anyOf: [T, null]`). The node itself comes first, so a
/// keyword written beside a `$ref` is seen too.
pub fn alternatives<'a>(root: &'a Value, node: &'a Value) -> Vec<&'a Value> {
    let mut out = vec![node];
    if let Some(reference) = node.get("$ref").and_then(Value::as_str) {
        let name = reference.trim_start_matches("#/$defs/");
        out.extend(alternatives(root, &root["$defs"][name]));
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(list) = node.get(key).and_then(Value::as_array) {
            out.extend(list.iter().flat_map(|n| alternatives(root, n)));
        }
    }
    out
}

/// Whether a schema is marked personal (`x-personal`), or is a list of personal values.
pub fn is_personal(root: &Value, schema: &Value) -> bool {
    alternatives(root, schema).iter().any(|s| {
        s.get("x-personal") == Some(&Value::Bool(true))
            || s.get("items").is_some_and(|items| is_personal(root, items))
    })
}

/// Whether a schema is plain text (or a list of it): a string that is not an id (a
/// `$ref` to a type named `…Id`), an enumerated value, a constant, or a formatted value
/// (a date, a date-time).
pub fn is_plain_text(root: &Value, schema: &Value) -> bool {
    let all = alternatives(root, schema);
    if all.iter().any(|s| {
        s.get("format").is_some()
            || s.get("const").is_some()
            || s.get("enum").is_some()
            || s.get("$ref")
                .and_then(Value::as_str)
                .is_some_and(|r| r.ends_with("Id"))
    }) {
        return false;
    }
    all.iter().any(|s| match s.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "string"),
        _ => false,
    }) || all.iter().any(|s| {
        s.get("items")
            .is_some_and(|items| is_plain_text(root, items))
    })
}

/// Canary values written into documents: unique, recognisable strings for text, and
/// unique dates in 1901 (a year no sample or report uses) for personal dates.
#[derive(Debug, Default)]
pub struct Canaries {
    /// Every canary written, with the JSON Pointer it was written at.
    pub written: Vec<(String, String)>,
}

impl Canaries {
    /// The marker every text canary starts with.
    pub const TEXT: &'static str = "CANARY-";
    /// The prefix of every date canary.
    pub const DATE: &'static str = "1901-";

    /// A new text canary, `CANARY-<n>-zq`, recorded as written at `at`.
    pub fn text(&mut self, at: &str) -> String {
        let canary = format!("{}{}-zq", Self::TEXT, self.written.len() + 1);
        self.written.push((canary.clone(), at.to_owned()));
        canary
    }

    /// A new date canary (a day in 1901), recorded as written at `at`.
    pub fn date(&mut self, at: &str) -> String {
        let n = self.written.len();
        let canary = format!("{}{:02}-{:02}", Self::DATE, n / 28 % 12 + 1, n % 28 + 1);
        self.written.push((canary.clone(), at.to_owned()));
        canary
    }

    /// Where the canaries of `self` occur in `output`, as `"<canary> (written at
    /// <pointer>)"`, and any stray marker (a cut-off canary, any "canary" at all): empty
    /// when nothing leaked. One pass over the output per marker, so large reports are
    /// checked quickly.
    pub fn leaks(&self, output: &str) -> Vec<String> {
        let written: std::collections::HashMap<&str, &str> = self
            .written
            .iter()
            .map(|(canary, at)| (canary.as_str(), at.as_str()))
            .collect();
        let mut found = std::collections::BTreeSet::new();
        for (marker, len) in [(Self::TEXT, 0), (Self::DATE, 10)] {
            for (start, _) in output.match_indices(marker) {
                let rest = &output[start..];
                let end = if len > 0 {
                    len.min(rest.len())
                } else {
                    // `CANARY-`, the digits, then `-zq`.
                    let digits = rest[marker.len()..]
                        .find(|c: char| !c.is_ascii_digit())
                        .unwrap_or(rest.len() - marker.len());
                    (marker.len() + digits + 3).min(rest.len())
                };
                let candidate = rest.get(..end).unwrap_or(rest);
                found.insert(match written.get(candidate) {
                    Some(at) => format!("{candidate} (written at {at})"),
                    None => format!("a part of a canary: {candidate:?}"),
                });
            }
        }
        if found.is_empty() && output.to_ascii_lowercase().contains("canary") {
            found.insert("the word canary".to_owned());
        }
        found.into_iter().collect()
    }
}

/// Replaces every personal value and every plain-text value below `value` (a document
/// of the schema `root`, at `schema`) with a canary: personal dates get date canaries,
/// every other string a text canary. Ids, enumerated values, dates and times that are
/// not personal are kept, so the document still loads and the rules still run. A field
/// named `id` is an id whatever its schema (a program's id is a plain string).
pub fn fill_canaries(
    root: &Value,
    schema: &Value,
    value: &mut Value,
    at: &str,
    canaries: &mut Canaries,
) {
    fill_canaries_except(root, schema, value, at, canaries, &|_| false);
}

/// [`fill_canaries`], keeping the strings at the pointers `is_id` accepts: for documents
/// whose schema types some ids as plain strings (a catalog extension's `domain`).
pub fn fill_canaries_except(
    root: &Value,
    schema: &Value,
    value: &mut Value,
    at: &str,
    canaries: &mut Canaries,
    is_id: &dyn Fn(&str) -> bool,
) {
    let personal = is_personal(root, schema);
    match value {
        Value::String(s) if (personal || is_plain_text(root, schema)) && !is_id(at) => {
            let is_date = alternatives(root, schema)
                .iter()
                .any(|s| s.get("format").is_some_and(|f| f == "date"));
            *s = if is_date {
                canaries.date(at)
            } else {
                canaries.text(at)
            };
        }
        Value::Object(map) => {
            let candidates = alternatives(root, schema);
            for (key, child) in map.iter_mut().filter(|(key, _)| *key != "id") {
                if let Some(property) = candidates
                    .iter()
                    .find_map(|c| c.get("properties").and_then(|p| p.get(key)))
                {
                    let at = format!("{at}/{key}");
                    fill_canaries_except(root, property, child, &at, canaries, is_id);
                }
            }
        }
        Value::Array(items) => {
            let candidates = alternatives(root, schema);
            if let Some(item_schema) = candidates.iter().find_map(|c| c.get("items")) {
                for (i, item) in items.iter_mut().enumerate() {
                    let at = format!("{at}/{i}");
                    fill_canaries_except(root, item_schema, item, &at, canaries, is_id);
                }
            }
        }
        _ => {}
    }
}
