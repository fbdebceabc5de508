//! What an import read, mapped and skipped, and the rows it could not use.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The import's summary: counts only (ids, codes and counts, never a personal value).
/// `hearth import hmis-csv --summary FILE` writes it as JSON
/// (`schemas/hmis-summary.schema.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The export's `CSVVersion`.
    pub csv_version: String,
    /// The export period's first day (`ExportStartDate`).
    pub export_start: String,
    /// The export period's last day (`ExportEndDate`).
    pub export_end: String,
    /// The time zone HMIS datetimes were read in.
    pub time_zone: String,
    /// Per file read: rows read, mapped, skipped by reason.
    pub files: BTreeMap<String, FileSummary>,
    /// Case files written (one per PersonalID with a mapped enrollment).
    pub participants: usize,
    /// Enrollments imported.
    pub enrollments: usize,
    /// Exits imported.
    pub exits: usize,
    /// Enrollments with a move-in date.
    pub move_ins: usize,
    /// Encounters imported (contact services and current living situations).
    pub encounters: usize,
    /// Assessments imported (coordinated-entry assessments and annual assessments).
    pub assessments: usize,
    /// Referrals imported (Event.csv).
    pub referrals: usize,
    /// Enrollments by HMIS ProjectType code and the program it mapped to (`unmapped`
    /// when none).
    pub project_types: BTreeMap<String, ProjectTypeCount>,
    /// Services of mapped enrollments that are not contacts, by RecordType code
    /// (counted, not imported).
    pub services_not_contacts: BTreeMap<String, usize>,
    /// Staff ids (UserID) referred to by imported records.
    pub staff: usize,
    /// Rows that could not be used, by kind.
    pub issues: BTreeMap<String, usize>,
}

/// Enrollments of one HMIS ProjectType.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProjectTypeCount {
    /// The hearth program it maps to, or `unmapped`.
    pub program: String,
    /// Enrollment rows of projects of this type.
    pub enrollments: usize,
}

/// What happened to the rows of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FileSummary {
    /// Data rows read (the header not counted).
    pub rows: usize,
    /// Rows that became (or contributed to) a record of an imported case file.
    pub mapped: usize,
    /// Rows skipped, by reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub skipped: BTreeMap<SkipReason, usize>,
}

/// Why a row was not imported.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum SkipReason {
    /// `DateDeleted` is set.
    Deleted,
    /// The enrollment's project is of a type (or id) the map does not map.
    UnmappedProjectType,
    /// The enrollment ended before the export period or began after it.
    OutsideExportPeriod,
    /// The row belongs to an enrollment that was skipped.
    EnrollmentSkipped,
    /// A service that is not a contact (counted in `services_not_contacts`).
    NotAContact,
    /// An Event that is not a referral (4.20.2 code 2, a problem-solving intervention).
    NotAReferral,
    /// An assessment-stage row other than the annual assessment (5.03.1 code 5).
    NotAnnual,
    /// The row has a [`RowIssue`].
    Issue,
}

/// A row the import could not use (or a value it could not read), located at its file,
/// line and column. The message holds codes and column names, never the value itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowIssue {
    /// The file, e.g. `CurrentLivingSituation.csv`.
    pub file: String,
    /// The line, counting the header as line 1.
    pub row: u64,
    /// The column at fault, when one is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// What is wrong.
    pub kind: IssueKind,
    /// The PersonalID of the row, when it has one that could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub personal_id: Option<String>,
    /// A sentence a data manager can act on.
    pub message: String,
}

/// What is wrong with a row.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum IssueKind {
    /// The row has more or fewer fields than the header.
    ColumnCount,
    /// A coded value outside its HMIS list.
    OutsideList,
    /// A date or datetime that is not `YYYY-MM-DD` (`YYYY-MM-DD HH:MM:SS`).
    BadDate,
    /// A required value is empty.
    Missing,
    /// An id that does not resolve (an EnrollmentID not in Enrollment.csv …).
    Unresolved,
    /// A value that is not valid UTF-8 text.
    NotText,
    /// The same id on two rows (the later is skipped).
    DuplicateId,
}

impl IssueKind {
    /// The kind as written in summaries.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ColumnCount => "column-count",
            Self::OutsideList => "outside-list",
            Self::BadDate => "bad-date",
            Self::Missing => "missing",
            Self::Unresolved => "unresolved",
            Self::NotText => "not-text",
            Self::DuplicateId => "duplicate-id",
        }
    }
}
