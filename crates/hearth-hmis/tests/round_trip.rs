//! Case files written as an HMIS export and imported again keep what HMIS can hold.

use std::collections::BTreeMap;

use hearth_generate::Options;
use hearth_hmis::{import, write_export, ExportFiles, Map, WriteOptions};
use hearth_model::{CaseFile, EncounterKind};

fn generated(n: usize) -> Vec<CaseFile> {
    hearth_generate::case_files(&Options {
        participants: n,
        ..Options::default()
    })
    .collect()
}

fn export(cases: &[CaseFile], lapses: u8) -> ExportFiles {
    let options = WriteOptions {
        start: hearth_generate::DEFAULT_AS_OF - chrono::Months::new(24),
        end: hearth_generate::DEFAULT_AS_OF,
        lapse_percent: lapses,
        ..WriteOptions::default()
    };
    let mut files = ExportFiles::new();
    for (name, bytes) in write_export(cases, &options).unwrap() {
        files.insert(&name, bytes);
    }
    files
}

/// What HMIS holds of an enrollment: dates, destination, contact dates by kind.
type Facts = (
    String,
    chrono::NaiveDate,
    Option<chrono::NaiveDate>,
    Option<(chrono::NaiveDate, Option<hearth_model::ExitDestination>)>,
    BTreeMap<chrono::NaiveDate, usize>,
);

fn facts(case: &CaseFile) -> Vec<Facts> {
    case.enrollments
        .iter()
        .map(|e| {
            let mut contacts = BTreeMap::new();
            for v in &e.encounters {
                let written = v.status.took_place()
                    && v.participant_present
                    && v.kind != EncounterKind::Collateral;
                if written {
                    let day = v
                        .started_at
                        .with_timezone(&chrono_tz::America::Chicago)
                        .date_naive();
                    *contacts.entry(day).or_default() += 1;
                }
            }
            (
                e.program.as_str().to_owned(),
                e.entered_on,
                e.move_in_on,
                e.exit.as_ref().map(|x| (x.exited_on, x.destination)),
                contacts,
            )
        })
        .collect()
}

#[test]
fn a_written_export_imports_back_to_the_same_facts() {
    let cases = generated(60);
    let files = export(&cases, 0);
    let imported = import(&files, &Map::for_written_exports("America/Chicago")).unwrap();
    assert!(imported.issues.is_empty(), "{:?}", imported.issues);
    assert_eq!(imported.case_files.len(), cases.len());
    let mut exits = 0;
    for (before, after) in cases.iter().zip(&imported.case_files) {
        assert_eq!(before.participant.id, after.participant.id);
        assert_eq!(before.participant.veteran, after.participant.veteran);
        assert_eq!(before.participant.age_band, after.participant.age_band);
        assert_eq!(facts(before), facts(after), "{}", before.participant.id);
        let annual = |c: &CaseFile| c.assessments.iter().filter(|a| a.annual).count();
        assert_eq!(annual(before), annual(after));
        let other = |c: &CaseFile| c.assessments.iter().filter(|a| !a.annual).count();
        assert_eq!(other(before), other(after));
        for e in &after.enrollments {
            let source = e.source.as_ref().unwrap();
            assert_eq!(source.file, "Enrollment.csv");
            assert!(source.row >= 2, "{source:?}");
            exits += usize::from(e.exit.is_some());
            assert!(e
                .encounters
                .iter()
                .all(|v| v.date_only && v.source.is_some()));
        }
    }
    assert!(exits > 0, "the sample should hold exits");
    assert_eq!(imported.summary.participants, 60);
}

#[test]
fn lapses_show_in_the_written_export() {
    let cases = generated(80);
    let imported = import(
        &export(&cases, 100),
        &Map::for_written_exports("America/Chicago"),
    )
    .unwrap();
    let enrollments: Vec<_> = imported
        .case_files
        .iter()
        .flat_map(|c| &c.enrollments)
        .collect();
    let move_in_before_entry = enrollments
        .iter()
        .filter(|e| e.move_in_on.is_some_and(|m| m < e.entered_on))
        .count();
    let late_entry = enrollments
        .iter()
        .filter(|e| {
            e.entry_documented_at
                .is_some_and(|t| (t.date_naive() - e.entered_on).num_days() >= 10)
        })
        .count();
    let no_head = enrollments
        .iter()
        .filter(|e| {
            e.household
                .as_ref()
                .is_some_and(|h| h.relationship != Some(hearth_model::HouseholdRelationship::Head))
        })
        .count();
    assert!(move_in_before_entry > 0 && late_entry > 0 && no_head > 0);
    let clean = import(
        &export(&cases, 0),
        &Map::for_written_exports("America/Chicago"),
    )
    .unwrap();
    let clean_before_entry = clean
        .case_files
        .iter()
        .flat_map(|c| &c.enrollments)
        .filter(|e| e.move_in_on.is_some_and(|m| m < e.entered_on))
        .count();
    assert!(move_in_before_entry > clean_before_entry);
}

#[test]
fn every_written_file_has_the_fy2026_header() {
    let files = write_export(generated(3), &WriteOptions::default()).unwrap();
    assert_eq!(files.len(), 24);
    for ((name, bytes), (file, columns)) in files.iter().zip(
        hearth_hmis::FY2026_FILES
            .iter()
            .copied()
            .collect::<BTreeMap<_, _>>(),
    ) {
        assert_eq!(name, &format!("{file}.csv"));
        let header = String::from_utf8(bytes.clone()).unwrap();
        let header = header.lines().next().unwrap();
        assert_eq!(header, columns.join(","), "{name}");
    }
}
