//! Helpers shared by the cross-crate tests: reading the generated schemas.

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
