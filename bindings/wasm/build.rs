//! Minifies the committed JSON Schemas (`schemas/`) into OUT_DIR for `schema()` to embed:
//! the pretty-printed text is a third larger, and the module has a 2 MB budget.

use std::env;
use std::fs;
use std::path::Path;

const NAMES: [&str; 6] = [
    "case-file",
    "caseload",
    "catalog-extension",
    "policy",
    "report",
    "check-report",
];

/// JSON text without the whitespace between tokens (strings are kept as they are).
fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../schemas");
    let out = env::var("OUT_DIR")?;
    for name in NAMES {
        let path = schemas.join(format!("{name}.schema.json"));
        println!("cargo:rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path)?;
        fs::write(Path::new(&out).join(format!("{name}.json")), minify(&text))?;
    }
    Ok(())
}
