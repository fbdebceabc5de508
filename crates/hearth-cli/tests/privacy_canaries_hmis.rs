//! Privacy canaries for HMIS imports: no value of a personal or free-text HMIS column
//! reaches any output of `hearth import hmis-csv` (the case files, the summary printed
//! and written, the located issues, error messages).
//!
//! A generated export is rewritten so that every personal HMIS column of every file
//! ([`PERSONAL`], checked against the FY2026 column list) holds a unique canary,
//! `CANARY-<n>-zq`, and rows are added whose faults sit in used columns holding canaries
//! (a date, a coded value), so that the error paths are covered too.
//! `the_checker_catches_a_leak` shows the check can fail: a HouseholdID is imported as an
//! id by design, so a canary put there is found.

use std::path::{Path, PathBuf};
use std::process::Command;

use hearth_hmis::{write_export, WriteOptions, FY2026_FILES};

/// Every column of an FY2026 export that holds personal data or free text.
const PERSONAL: &[(&str, &str)] = &[
    ("Export", "SourceContactFirst"),
    ("Export", "SourceContactLast"),
    ("Export", "SourceContactPhone"),
    ("Export", "SourceContactExtension"),
    ("Export", "SourceContactEmail"),
    ("Export", "SourceName"),
    ("Organization", "OrganizationName"),
    ("Organization", "OrganizationCommonName"),
    ("User", "UserFirstName"),
    ("User", "UserLastName"),
    ("User", "UserPhone"),
    ("User", "UserExtension"),
    ("User", "UserEmail"),
    ("Project", "ProjectName"),
    ("Project", "ProjectCommonName"),
    ("Funder", "OtherFunder"),
    ("Funder", "GrantID"),
    ("Client", "FirstName"),
    ("Client", "MiddleName"),
    ("Client", "LastName"),
    ("Client", "NameSuffix"),
    ("Client", "SSN"),
    ("Client", "DOB"),
    ("Client", "AdditionalRaceEthnicity"),
    ("Client", "YearEnteredService"),
    ("Client", "YearSeparated"),
    ("ProjectCoC", "Address1"),
    ("ProjectCoC", "Address2"),
    ("ProjectCoC", "City"),
    ("ProjectCoC", "ZIP"),
    ("Exit", "OtherDestination"),
    ("IncomeBenefits", "OtherIncomeSourceIdentify"),
    ("IncomeBenefits", "OtherBenefitsSourceIdentify"),
    ("IncomeBenefits", "OtherInsuranceIdentify"),
    ("Disabilities", "TcellCount"),
    ("Disabilities", "ViralLoad"),
    ("Services", "OtherTypeProvided"),
    ("Services", "MovingOnOtherType"),
    ("CurrentLivingSituation", "VerifiedBy"),
    ("CurrentLivingSituation", "LocationDetails"),
    ("Assessment", "AssessmentLocation"),
    ("AssessmentQuestions", "AssessmentQuestionGroup"),
    ("AssessmentQuestions", "AssessmentQuestion"),
    ("AssessmentQuestions", "AssessmentAnswer"),
    ("AssessmentResults", "AssessmentResultType"),
    ("AssessmentResults", "AssessmentResult"),
    ("Event", "LocationCrisisOrPHHousing"),
];

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("hearth-hmis-canary-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

struct Export {
    files: Vec<(String, Vec<String>, Vec<Vec<String>>)>,
    canaries: Vec<String>,
}

impl Export {
    fn generated() -> Self {
        let options = hearth_generate::Options {
            participants: 6,
            ..hearth_generate::Options::default()
        };
        let cases = hearth_generate::case_files(&options);
        let written = write_export(cases, &WriteOptions::default()).unwrap();
        let files = written
            .into_iter()
            .map(|(name, bytes)| {
                let text = String::from_utf8(bytes).unwrap();
                let mut lines = text.lines();
                let header: Vec<String> = lines
                    .next()
                    .unwrap()
                    .split(',')
                    .map(str::to_owned)
                    .collect();
                let rows = lines
                    .map(|l| l.split(',').map(str::to_owned).collect())
                    .collect();
                (name, header, rows)
            })
            .collect();
        Export {
            files,
            canaries: Vec::new(),
        }
    }

    fn canary(&mut self) -> String {
        let c = format!("CANARY-{}-zq", self.canaries.len());
        self.canaries.push(c.clone());
        c
    }

    fn file(&mut self, name: &str) -> usize {
        self.files
            .iter()
            .position(|(n, _, _)| n == &format!("{name}.csv"))
            .unwrap()
    }

    /// Sets a column in every row (and adds a row where a file has none).
    fn fill(&mut self, file: &str, column: &str) {
        let i = self.file(file);
        let col = self.files[i].1.iter().position(|c| c == column).unwrap();
        if self.files[i].2.is_empty() {
            let width = self.files[i].1.len();
            self.files[i].2.push(vec![String::new(); width]);
        }
        for r in 0..self.files[i].2.len() {
            let c = self.canary();
            self.files[i].2[r][col] = c;
        }
    }

    /// Adds a copy of a file's first row with some columns set to canaries.
    fn bad_row(&mut self, file: &str, columns: &[&str]) {
        let i = self.file(file);
        let mut row = self.files[i].2[0].clone();
        for column in columns {
            let col = self.files[i].1.iter().position(|c| c == column).unwrap();
            row[col] = self.canary();
        }
        self.files[i].2.push(row);
    }

    fn write(&self, dir: &Path) {
        std::fs::create_dir_all(dir).unwrap();
        for (name, header, rows) in &self.files {
            let mut text = header.join(",");
            text.push_str("\r\n");
            for row in rows {
                text.push_str(&row.join(","));
                text.push_str("\r\n");
            }
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
}

fn import_outputs(dir: &Path) -> String {
    let map = dir.join("map.toml");
    std::fs::write(
        &map,
        "[projects]\nicms = \"icms\"\nicm-rrh = \"icm-rrh\"\nrrh = \"rrh\"\nstl-coc = \"stl-coc\"\nct-psh = \"ct-psh\"\n",
    )
    .unwrap();
    let summary = dir.join("summary.json");
    let run = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(["import", "hmis-csv"])
        .arg(dir.join("export"))
        .arg("--map")
        .arg(&map)
        .args(["--out", "-", "--summary"])
        .arg(&summary)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    format!(
        "{}{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr),
        std::fs::read_to_string(summary).unwrap()
    )
}

fn leaked(output: &str, canaries: &[String]) -> Vec<String> {
    canaries
        .iter()
        .filter(|c| output.contains(c.as_str()))
        .cloned()
        .collect()
}

#[test]
fn every_personal_column_is_known_to_the_fy2026_format() {
    for (file, column) in PERSONAL {
        let (_, columns) = FY2026_FILES.iter().find(|(f, _)| f == file).unwrap();
        assert!(columns.contains(column), "{file}.{column}");
    }
}

#[test]
fn no_personal_hmis_value_reaches_any_output() {
    let dir = scratch("all");
    let mut export = Export::generated();
    for (file, column) in PERSONAL {
        export.fill(file, column);
    }
    // Faults in used columns, with canaries as the faulty values.
    export.bad_row(
        "Enrollment",
        &["EntryDate", "RelationshipToHoH", "DateCreated"],
    );
    export.bad_row("Exit", &["ExitDate"]);
    export.bad_row("Exit", &["Destination", "DateCreated"]);
    export.bad_row("Services", &["RecordType"]);
    export.bad_row("Services", &["DateProvided"]);
    export.bad_row("Assessment", &["AssessmentDate"]);
    export.bad_row("Client", &["VeteranStatus"]);
    export.write(&dir.join("export"));
    let output = import_outputs(&dir);
    assert!(
        output.contains("rows with issues"),
        "the faults are reported: {output}"
    );
    assert!(export.canaries.len() > 100, "{}", export.canaries.len());
    let leaks = leaked(&output, &export.canaries);
    assert!(leaks.is_empty(), "leaked: {leaks:?}\n{output}");
}

#[test]
fn the_checker_catches_a_leak() {
    let dir = scratch("leak");
    let mut export = Export::generated();
    // HouseholdID is imported as an id, by design: a canary there must be found.
    export.fill("Enrollment", "HouseholdID");
    export.write(&dir.join("export"));
    let output = import_outputs(&dir);
    assert!(!leaked(&output, &export.canaries).is_empty());
}
