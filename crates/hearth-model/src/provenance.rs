//! Where an imported record came from: the source file, its row, the source system's id
//! for the record, and the raw codes beside the values hearth mapped them to.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The origin of a record that was imported from another system (an HMIS CSV export),
/// so that a finding about it can name the file and row to fix, and the raw codes stay
/// beside the values hearth mapped them to.
///
/// Hand-written case files leave it out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The file within the export the record was read from, e.g. `Enrollment.csv`.
    pub file: String,
    /// The record's line in that file, counting the header as line 1.
    pub row: u64,
    /// The source system's id of the record (e.g. the HMIS `EnrollmentID`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// Raw coded values with their source column (e.g. `Destination` = `"312"`), kept
    /// as the export wrote them, in column order. Codes only: never names, dates of birth
    /// or free text. A list of pairs rather than an object keyed by column, so no key in
    /// a document is free text and every JSON Pointer into it is made of field names and
    /// indexes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<RawCode>,
}

/// One raw coded value of an imported record, with the source column it came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
#[serde(deny_unknown_fields)]
pub struct RawCode {
    /// The source column, e.g. `Destination`.
    pub column: String,
    /// The value as the export wrote it, e.g. `"312"`.
    pub value: String,
}

impl Provenance {
    /// The raw codes of a map from column to value, in column order.
    pub fn codes_of(codes: BTreeMap<String, String>) -> Vec<RawCode> {
        codes
            .into_iter()
            .map(|(column, value)| RawCode { column, value })
            .collect()
    }

    /// The raw value of `column`, when the record kept it.
    pub fn code(&self, column: &str) -> Option<&str> {
        self.codes
            .iter()
            .find(|c| c.column == column)
            .map(|c| c.value.as_str())
    }
}
