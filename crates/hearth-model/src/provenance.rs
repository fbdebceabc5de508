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
    /// Raw coded values by source column (e.g. `Destination` → `"312"`), kept as the
    /// export wrote them. Codes only: never names, dates of birth or free text.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub codes: BTreeMap<String, String>,
}
