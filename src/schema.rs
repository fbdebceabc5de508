//! JSON Schemas of the documents hearth reads, generated from the Rust types.
//!
//! The generated files are committed under `schemas/` in the repository, and a test
//! fails when they differ from what the types generate. Refresh them with
//! `cargo run -p hearth-cli -- schema --out-dir schemas --force`.
//!
//! ```
//! let schema = hearth::schema::generate(hearth::schema::SchemaName::CaseFile);
//! assert_eq!(schema["title"], "CaseFile");
//! assert_eq!(schema["$id"], "urn:hearth:schema:case-file:1.0");
//! ```

use std::fmt;
use std::str::FromStr;

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

use crate::catalog::CatalogExtension;
use crate::model::{CaseFile, Caseload, SchemaVersion};
use crate::rules::{PolicyFile, Report};

/// A document hearth has a schema for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SchemaName {
    /// One participant's case file.
    CaseFile,
    /// A program's caseload: roster and case files.
    Caseload,
    /// An agency extension of the action-step catalog.
    CatalogExtension,
    /// A policy file (TOML, described as JSON): rules on or off, parameters, severities,
    /// effective date, waivers.
    Policy,
    /// The report hearth writes: findings, obligations and counts.
    Report,
    /// What `hearth check --format json` writes: a batch of files, every finding with
    /// its file, JSON Pointer, line and column.
    CheckReport,
}

impl SchemaName {
    /// Every schema, in a fixed order.
    pub const ALL: [SchemaName; 6] = [
        Self::CaseFile,
        Self::Caseload,
        Self::CatalogExtension,
        Self::Policy,
        Self::Report,
        Self::CheckReport,
    ];

    /// The kebab-case name, e.g. `case-file`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CaseFile => "case-file",
            Self::Caseload => "caseload",
            Self::CatalogExtension => "catalog-extension",
            Self::Policy => "policy",
            Self::Report => "report",
            Self::CheckReport => "check-report",
        }
    }

    /// The file name under `schemas/`, e.g. `case-file.schema.json`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.as_str())
    }
}

impl fmt::Display for SchemaName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A schema name that is not one of [`SchemaName::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSchema(pub String);

impl fmt::Display for UnknownSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = SchemaName::ALL.iter().map(|s| s.as_str()).collect();
        write!(
            f,
            "no schema named {:?}; the schemas are {}",
            self.0,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownSchema {}

impl FromStr for SchemaName {
    type Err = UnknownSchema;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SchemaName::ALL
            .into_iter()
            .find(|name| name.as_str() == s)
            .ok_or_else(|| UnknownSchema(s.to_owned()))
    }
}

/// Generates one schema (JSON Schema draft 2020-12) with a versioned `$id`.
pub fn generate(name: SchemaName) -> Value {
    match name {
        SchemaName::CaseFile => root::<CaseFile>(name),
        SchemaName::Caseload => root::<Caseload>(name),
        SchemaName::CatalogExtension => root::<CatalogExtension>(name),
        SchemaName::Policy => {
            let mut value = root::<PolicyFile>(name);
            crate::rules::refine_policy_schema(&mut value);
            value
        }
        SchemaName::Report => root::<Report>(name),
        SchemaName::CheckReport => root::<crate::batch::CheckReport>(name),
    }
}

/// The schema as the pretty-printed text committed under `schemas/` (ends in a newline).
pub fn generate_text(name: SchemaName) -> String {
    let mut text = serde_json::to_string_pretty(&generate(name)).unwrap_or_default();
    text.push('\n');
    text
}

fn root<T: JsonSchema>(name: SchemaName) -> Value {
    let schema = SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Value::Object(map) = &mut value {
        let id = format!(
            "urn:hearth:schema:{}:{}",
            name.as_str(),
            SchemaVersion::CURRENT.as_str()
        );
        map.insert("$id".to_owned(), Value::String(id));
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_unknown_names_are_listed() {
        for name in SchemaName::ALL {
            assert_eq!(name.as_str().parse::<SchemaName>(), Ok(name));
        }
        let err = "case".parse::<SchemaName>().unwrap_err().to_string();
        assert!(
            err.contains("case-file, caseload, catalog-extension"),
            "{err}"
        );
    }

    #[test]
    fn case_file_schema_rejects_unknown_fields_and_marks_personal_data() {
        let schema = generate(SchemaName::CaseFile);
        assert_eq!(schema["additionalProperties"], Value::Bool(false));
        let details = &schema["$defs"]["PersonalDetails"]["properties"]["name"];
        assert!(
            details.to_string().contains("\"x-personal\":true"),
            "{details}"
        );
    }
}
