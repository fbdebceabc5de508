//! Bad input: what stops an import (exit 2 in the CLI), and what is a located row issue
//! with the rest imported.

use hearth_hmis::{import, ExportFiles, HmisError, IssueKind, Map, SkipReason};

const EXPORT: &str =
    "ExportID,ExportStartDate,ExportEndDate,CSVVersion\n1,2025-01-01,2025-12-31,2026 v1\n";
const PROJECT: &str = "ProjectID,ProjectType,DateDeleted\n10,13,\n20,0,\n";
const CLIENT: &str = "PersonalID,FirstName,DOB,VeteranStatus,DateUpdated,DateDeleted\nC1,Ann,1980-01-01,0,03-11-21,\nC2,Bo,2010-06-01,1,13-06-19,\n";
const ENROLLMENT_HEADER: &str = "EnrollmentID,PersonalID,ProjectID,EntryDate,HouseholdID,RelationshipToHoH,MoveInDate,DateCreated,UserID,DateDeleted\n";

fn export(enrollments: &str) -> ExportFiles {
    let mut files = ExportFiles::new();
    files.insert("Export.csv", EXPORT);
    files.insert("Project.csv", PROJECT);
    files.insert("Client.csv", CLIENT);
    files.insert(
        "Enrollment.csv",
        format!("{ENROLLMENT_HEADER}{enrollments}"),
    );
    files
}

#[test]
fn a_missing_required_file_is_named() {
    for name in ["Export.csv", "Client.csv", "Enrollment.csv", "Project.csv"] {
        let mut files = ExportFiles::new();
        for (n, text) in [
            ("Export.csv", EXPORT),
            ("Project.csv", PROJECT),
            ("Client.csv", CLIENT),
            ("Enrollment.csv", ENROLLMENT_HEADER),
        ] {
            if n != name {
                files.insert(n, text);
            }
        }
        let err = import(&files, &Map::default()).unwrap_err();
        assert_eq!(err, HmisError::MissingFile(name));
        assert!(err.to_string().contains(name), "{err}");
    }
}

#[test]
fn an_unsupported_version_says_which_are_supported() {
    let mut files = export("");
    files.insert(
        "Export.csv",
        "ExportID,ExportStartDate,ExportEndDate,CSVVersion\n1,2025-01-01,2025-12-31,2022 v1.2\n",
    );
    let err = import(&files, &Map::default()).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("2022 v1.2") && text.contains("2024 v1.x") && text.contains("2026 v1.x"),
        "{text}"
    );
    for ok in ["2024 v1", "2024 v1.3", "2026 v1", "2026 v1.1"] {
        files.insert(
            "Export.csv",
            format!(
                "ExportID,ExportStartDate,ExportEndDate,CSVVersion\n1,2025-01-01,2025-12-31,{ok}\n"
            ),
        );
        assert!(import(&files, &Map::default()).is_ok(), "{ok}");
    }
}

#[test]
fn malformed_rows_are_located_and_the_rest_imports() {
    let rows = "\
E1,C1,10,2025-02-03,H1,1,,2025-02-03 10:00:00,7,
E2,C1,10,03-02-25,H2,1,,,7,
E3,C1,10,2025-03-01,H3,7,,,7,
E4,C9,10,2025-03-01,H4,1,,,7,
E5,C1,99,2025-03-01,H5,1,,,7,
E6,C1,10,2025-03-01
E7,C2,10,2025-04-01,H7,1,2025-04-10,2025-04-01 99:00,7,
E8,C2,20,2025-04-01,H8,1,,,7,
E9,C2,10,2025-04-01,H9,1,,,7,2025-05-01
";
    let imported = import(&export(rows), &Map::default()).unwrap();
    let located: Vec<(u64, Option<&str>, IssueKind)> = imported
        .issues
        .iter()
        .map(|i| (i.row, i.column.as_deref(), i.kind))
        .collect();
    assert_eq!(
        located,
        vec![
            (3, Some("EntryDate"), IssueKind::BadDate),
            (4, Some("RelationshipToHoH"), IssueKind::OutsideList),
            (5, Some("PersonalID"), IssueKind::Unresolved),
            (6, Some("ProjectID"), IssueKind::Unresolved),
            (7, None, IssueKind::ColumnCount),
            (8, Some("DateCreated"), IssueKind::BadDate),
        ]
    );
    assert!(imported.issues.iter().all(|i| i.file == "Enrollment.csv"));
    // E1, E3 (relationship dropped) and E7 (documentation time dropped) import.
    let ids: Vec<&str> = imported
        .case_files
        .iter()
        .flat_map(|c| c.enrollments.iter().map(|e| e.id.as_str()))
        .collect();
    assert_eq!(ids, vec!["E1", "E3", "E7"]);
    let f = &imported.summary.files["Enrollment.csv"];
    assert_eq!(f.rows, 9);
    assert_eq!(f.mapped, 3);
    assert_eq!(f.skipped[&SkipReason::UnmappedProjectType], 1);
    assert_eq!(f.skipped[&SkipReason::Deleted], 1);
    // Client.DateUpdated is written dd-mm-yy in every row, but it is not used: never judged.
    assert!(imported.issues.iter().all(|i| i.file != "Client.csv"));
}

#[test]
fn bom_crlf_and_quoted_fields_import() {
    let mut files = export("");
    files.insert(
        "Enrollment.csv",
        format!(
            "\u{feff}{}\"E1\",\"C1\",\"10\",2025-02-03,\"H \"\"1\"\", a\",1,,2025-02-03 10:00:00,\"7\",\r\n",
            ENROLLMENT_HEADER.replace('\n', "\r\n")
        ),
    );
    let imported = import(&files, &Map::default()).unwrap();
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    let e = &imported.case_files[0].enrollments[0];
    assert_eq!(e.household.as_ref().unwrap().id, "H \"1\", a");
    assert_eq!(e.source.as_ref().unwrap().row, 2);
}

#[test]
fn outside_the_export_period_is_skipped_and_counted() {
    let mut files = export("E1,C1,10,2026-02-03,H1,1,,,7,\nE2,C1,10,2024-01-01,H2,1,,,7,\nE3,C1,10,2024-01-01,H3,1,,,7,\n");
    files.insert(
        "Exit.csv",
        "ExitID,EnrollmentID,PersonalID,ExitDate,Destination,DateCreated,DateDeleted\nX2,E2,C1,2024-06-01,410,2024-06-01 09:00:00,\nX3,E3,C1,2025-06-01,999,,\nX9,E99,C1,2025-06-01,410,,\n",
    );
    let imported = import(&files, &Map::default()).unwrap();
    let f = &imported.summary.files["Enrollment.csv"];
    assert_eq!(f.skipped[&SkipReason::OutsideExportPeriod], 2);
    assert_eq!(imported.summary.enrollments, 1);
    let exit = imported.case_files[0].enrollments[0].exit.as_ref().unwrap();
    assert_eq!(exit.destination, None);
    let located: Vec<(u64, IssueKind)> = imported.issues.iter().map(|i| (i.row, i.kind)).collect();
    assert_eq!(
        located,
        vec![(3, IssueKind::OutsideList), (4, IssueKind::Unresolved)]
    );
    // The message names the code (a code, not personal data) and its list.
    assert!(
        imported.issues[0].message.contains("999") && imported.issues[0].message.contains("3.12")
    );
}

#[test]
fn no_personal_value_reaches_case_files_or_issues() {
    let mut files = export("E1,C1,10,2025-02-03,H1,1,,2025-02-03 10:00:00,7,\n");
    files.insert(
        "Client.csv",
        "PersonalID,FirstName,LastName,SSN,DOB,VeteranStatus,DateDeleted\nC1,CanaryFirst,CanaryLast,CanarySSN,not-a-date,0,\n",
    );
    let imported = import(&files, &Map::default()).unwrap();
    let text = format!(
        "{}{:?}",
        serde_json::to_string(&imported.case_files).unwrap(),
        imported.issues
    );
    for canary in ["CanaryFirst", "CanaryLast", "CanarySSN", "not-a-date"] {
        assert!(!text.contains(canary), "{canary} leaked: {text}");
    }
    assert_eq!(imported.issues[0].column.as_deref(), Some("DOB"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// Whatever bytes a file holds, the import returns (never panics), and every issue
    /// is located at a line the file has.
    #[test]
    fn any_bytes_import_or_fail_cleanly(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
        let mut files = export("");
        let mut bytes = ENROLLMENT_HEADER.as_bytes().to_vec();
        bytes.extend_from_slice(&body);
        let lines = bytes.iter().filter(|b| **b == b'\n').count() as u64 + 1;
        files.insert("Enrollment.csv", bytes);
        if let Ok(imported) = import(&files, &Map::default()) {
            for issue in &imported.issues {
                proptest::prop_assert!(issue.row >= 2 && issue.row <= lines, "{issue:?}");
            }
        }
    }
}
