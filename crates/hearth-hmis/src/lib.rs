//! HUD HMIS CSV exports in and out of hearth.
//!
//! Every Continuum of Care's HMIS can write the HUD HMIS CSV format (a folder or zip of
//! up to 24 CSV files, `Export.csv`, `Client.csv`, `Enrollment.csv` …). This crate maps
//! such an export — given as in-memory files, name to bytes, so the crate stays pure —
//! to hearth case files, one per `PersonalID`, holding the enrollments of the projects
//! the [`Map`] maps, with the source file and row of every record kept
//! ([`hearth_model::Provenance`]) and the raw HMIS codes beside the mapped values.
//! [`write_export`] does the reverse for invented case files, so that tests and
//! benchmarks have exports of their own.
//!
//! Names, SSNs and dates of birth are never imported: a participant carries only the
//! `PersonalID`, veteran status and an age band computed from the date of birth at
//! entry. Malformed rows become located [`RowIssue`]s and the rest is imported.
//!
//! The mapping, column by column, is documented in `docs/hmis.md`.
//!
//! ```
//! use hearth_hmis::{import, ExportFiles, Map};
//!
//! let mut files = ExportFiles::new();
//! files.insert("Export.csv", "ExportID,ExportStartDate,ExportEndDate,CSVVersion\n1,2025-01-01,2025-12-31,2026 v1\n");
//! files.insert("Project.csv", "ProjectID,ProjectType,DateDeleted\n10,13,\n");
//! files.insert("Client.csv", "PersonalID,DOB,VeteranStatus,DateDeleted\nC1,1980-01-01,0,\n");
//! files.insert("Enrollment.csv", "EnrollmentID,PersonalID,ProjectID,EntryDate,HouseholdID,RelationshipToHoH,MoveInDate,DateCreated,UserID,DateDeleted\nE1,C1,10,2025-02-03,H1,1,,2025-02-03 10:00:00,7,\n");
//! let imported = import(&files, &Map::default())?;
//! assert_eq!(imported.case_files.len(), 1);
//! assert_eq!(imported.case_files[0].enrollments[0].entered_on.to_string(), "2025-02-03");
//! # Ok::<(), hearth_hmis::HmisError>(())
//! ```

#![deny(missing_docs)]
// No panics on input: library code may not unwrap, expect or index (tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod codes;
mod columns;
mod error;
mod files;
mod import;
mod map;
mod summary;
mod table;
mod write;

pub use codes::{destination, CodeList};
pub use columns::FY2026_FILES;
pub use error::HmisError;
pub use files::ExportFiles;
pub use import::{import, Imported};
pub use map::{ContactRule, Map, MapError};
pub use summary::{FileSummary, IssueKind, RowIssue, SkipReason, Summary};
pub use write::{project_id, project_type, write_export, WriteOptions};

/// The `CSVVersion` values this crate reads: FY2024 (`2024 v1`, `2024 v1.x`) and FY2026
/// (`2026 v1`, `2026 v1.x`).
pub const SUPPORTED_VERSIONS: &str = "2024 v1.x (FY2024) and 2026 v1.x (FY2026)";
