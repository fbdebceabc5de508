//! The committed JSON Schemas under `schemas/` are exactly what the types generate.

use std::path::PathBuf;

use hearth::schema::{generate_text, SchemaName};

fn schemas_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schemas")
}

#[test]
fn committed_schemas_are_fresh() {
    let mut stale = Vec::new();
    for name in SchemaName::ALL {
        let path = schemas_dir().join(name.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != generate_text(name) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "these schemas differ from what the Rust types generate: {}\n\
         refresh them with `cargo run -p hearth-cli -- schema --out-dir schemas --force` and commit the result",
        stale.join(", ")
    );
}

#[test]
fn no_stray_schema_files() {
    let mut expected: Vec<String> = SchemaName::ALL.iter().map(|n| n.file_name()).collect();
    expected.sort();
    let mut found: Vec<String> = std::fs::read_dir(schemas_dir())
        .expect("schemas/ exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    found.sort();
    assert_eq!(
        found, expected,
        "schemas/ should hold exactly the generated schemas"
    );
}

#[test]
fn every_schema_is_a_valid_draft_2020_12_schema() {
    for name in SchemaName::ALL {
        let schema = hearth::schema::generate(name);
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{name}"
        );
        jsonschema::draft202012::meta::validate(&schema)
            .unwrap_or_else(|e| panic!("{name} is not a valid 2020-12 schema: {e}"));
    }
}
