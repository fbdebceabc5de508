//! Writing an FY2026 HMIS CSV export from case files (for `hearth generate --format
//! hmis-csv`, tests and benchmarks): all 24 files with their headers, one Export row.
//!
//! What is written: Export, Organization, User (ids only), Project (one per program),
//! Funder, Client (PersonalID, veteran status and a date of birth that only stands for
//! the age band, marked approximate; never names or SSNs), Enrollment (entry, move-in,
//! household), Exit (date, destination), Services (contacts that took place: visits as
//! SSVF case management, outreach as SSVF outreach), Assessment (assessments not
//! marked annual), IncomeBenefits (an entry row per enrollment and one annual row, stage
//! 5, per annual assessment). The other files hold their header only. Referrals and
//! everything HMIS has no place for (care plans, consents, terminations …) are not
//! written.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use hearth_model::{AgeBand, CaseFile, EncounterKind, Funding, ProgramModel};

use crate::codes::destination_code;
use crate::columns::FY2026_FILES;
use crate::{HmisError, Map};

/// How to write an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    /// The export period's first day.
    pub start: NaiveDate,
    /// The export period's last day (and the export date).
    pub end: NaiveDate,
    /// The IANA time zone datetimes are written in.
    pub time_zone: String,
    /// The share of enrollments, in percent, written with an HMIS data-quality lapse
    /// (entry or exit entered late, move-in before entry, no head of household).
    pub lapse_percent: u8,
    /// Chooses which enrollments get lapses.
    pub seed: u64,
}

impl Default for WriteOptions {
    fn default() -> Self {
        Self {
            start: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
            end: NaiveDate::from_ymd_opt(2025, 12, 31).unwrap_or_default(),
            time_zone: "America/Chicago".to_owned(),
            lapse_percent: 0,
            seed: 0,
        }
    }
}

/// The ProjectID the writer gives a program's project (its name, e.g. `ct-psh`).
pub fn project_id(program: ProgramModel) -> &'static str {
    program.as_str()
}

/// The HMIS ProjectType the writer gives a program: 13 (RRH) for `rrh` and `icm-rrh`,
/// 3 (PSH) for `ct-psh` and `stl-coc`, 6 (services only) for `icms`.
pub fn project_type(program: ProgramModel) -> i32 {
    match program {
        ProgramModel::Rrh | ProgramModel::IcmRrh => 13,
        ProgramModel::CtPsh | ProgramModel::StlCoc => 3,
        ProgramModel::Icms => 6,
    }
}

impl Map {
    /// The map that reads back what [`write_export`] writes: every program's project by
    /// its ProjectID.
    pub fn for_written_exports(time_zone: &str) -> Map {
        Map {
            projects: ProgramModel::ALL
                .iter()
                .map(|p| (project_id(*p).to_owned(), *p))
                .collect(),
            time_zone: Some(time_zone.to_owned()),
            ..Map::default()
        }
    }
}

/// Which lapse an enrollment gets, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lapse {
    LateEntry,
    LateExit,
    MoveInBeforeEntry,
    NoHead,
}

fn lapse(seed: u64, n: u64, percent: u8) -> Option<Lapse> {
    // SplitMix64: a fixed, portable hash, so the same seed gives the same lapses.
    let mut z = seed
        .wrapping_add(n.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    if z % 100 >= u64::from(percent) {
        return None;
    }
    Some(match (z >> 8) % 4 {
        0 => Lapse::LateEntry,
        1 => Lapse::LateExit,
        2 => Lapse::MoveInBeforeEntry,
        _ => Lapse::NoHead,
    })
}

struct Out {
    files: BTreeMap<&'static str, csv::Writer<Vec<u8>>>,
}

impl Out {
    fn row(&mut self, file: &'static str, fields: &[(&str, String)]) -> Result<(), HmisError> {
        let Some((_, columns)) = FY2026_FILES.iter().find(|(f, _)| *f == file) else {
            return Ok(());
        };
        let Some(w) = self.files.get_mut(file) else {
            return Ok(());
        };
        let record = columns.iter().map(|c| {
            fields
                .iter()
                .find(|(name, _)| name == c)
                .map_or("", |(_, v)| v.as_str())
        });
        w.write_record(record).map_err(|e| HmisError::Csv {
            file: "the written export",
            message: e.to_string(),
        })
    }
}

fn local(tz: Tz, t: DateTime<FixedOffset>) -> String {
    t.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string()
}

fn at(date: NaiveDate, hour: u32) -> String {
    NaiveDateTime::new(
        date,
        NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default(),
    )
    .format("%Y-%m-%d %H:%M:%S")
    .to_string()
}

/// A date of birth that stands for an age band on `on` (never a real one): mid-band.
fn dob_for(band: AgeBand, on: NaiveDate) -> Option<NaiveDate> {
    let years = match band {
        AgeBand::Under18 => 10,
        AgeBand::From18To24 => 21,
        AgeBand::From25To59 => 40,
        AgeBand::SixtyPlus => 65,
    };
    NaiveDate::from_ymd_opt(on.year() - years, 1, 1)
}

fn funder_code(funding: Funding, program: ProgramModel) -> i32 {
    match (funding, project_type(program)) {
        (Funding::Coc, 13) => 3,
        (Funding::Coc, 3) => 2,
        (Funding::Coc, _) => 4,
        (Funding::Esg, _) => 10,
        (Funding::StateOrCounty | Funding::Other, _) => 46,
    }
}

/// Writes an FY2026 export of the case files: every one of the 24 files, by name
/// (`Export.csv` …), with its header and the rows described in the module docs.
///
/// Case files are taken one at a time (owned or borrowed), so a generator's stream is
/// written without holding every case file at once.
pub fn write_export<C: std::borrow::Borrow<CaseFile>>(
    case_files: impl IntoIterator<Item = C>,
    options: &WriteOptions,
) -> Result<Vec<(String, Vec<u8>)>, HmisError> {
    let tz: Tz = options
        .time_zone
        .parse()
        .map_err(|_| HmisError::TimeZone(options.time_zone.clone()))?;
    let mut out = Out {
        files: BTreeMap::new(),
    };
    for (file, columns) in FY2026_FILES {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        w.write_record(columns.iter()).map_err(|e| HmisError::Csv {
            file: "the written export",
            message: e.to_string(),
        })?;
        out.files.insert(file, w);
    }
    let export_id = "1".to_owned();
    let created = |date: NaiveDate| at(date, 12);
    let mut staff: BTreeSet<String> = BTreeSet::new();
    let mut projects: BTreeMap<ProgramModel, BTreeSet<i32>> = BTreeMap::new();
    let mut n: u64 = 0;
    for case in case_files {
        let case: &CaseFile = case.borrow();
        let pid = case.participant.id.as_str();
        let first_entry = case.enrollments.iter().map(|e| e.entered_on).min();
        let dob = case
            .participant
            .age_band
            .zip(first_entry)
            .and_then(|(band, on)| dob_for(band, on));
        let veteran = match case.participant.veteran {
            Some(true) => "1",
            Some(false) => "0",
            None => "99",
        };
        out.row(
            "Client",
            &[
                ("PersonalID", pid.to_owned()),
                ("NameDataQuality", "99".into()),
                ("SSNDataQuality", "99".into()),
                ("DOB", dob.map(|d| d.to_string()).unwrap_or_default()),
                (
                    "DOBDataQuality",
                    if dob.is_some() { "2" } else { "99" }.into(),
                ),
                ("RaceNone", "99".into()),
                ("VeteranStatus", veteran.into()),
                ("Sex", "99".into()),
                ("DateCreated", first_entry.map(created).unwrap_or_default()),
                ("DateUpdated", first_entry.map(created).unwrap_or_default()),
                ("UserID", "1".into()),
                ("ExportID", export_id.clone()),
            ],
        )?;
        staff.insert("1".to_owned());
        for e in &case.enrollments {
            n += 1;
            let lapse = lapse(options.seed, n, options.lapse_percent);
            let eid = format!("{pid}-{}", e.id);
            let user = e
                .case_manager
                .as_ref()
                .map_or_else(|| "1".to_owned(), |s| s.to_string());
            staff.insert(user.clone());
            projects
                .entry(e.program)
                .or_default()
                .extend(e.funding.iter().map(|f| funder_code(*f, e.program)));
            let entry_created = match (lapse, e.entry_documented_at) {
                (Some(Lapse::LateEntry), _) => at(e.entered_on + chrono::Days::new(10), 9),
                (_, Some(t)) => local(tz, t),
                (_, None) => created(e.entered_on),
            };
            let move_in = match (lapse, e.move_in_on) {
                (Some(Lapse::MoveInBeforeEntry), Some(_)) => {
                    Some(e.entered_on - chrono::Days::new(5))
                }
                (_, m) => m,
            };
            let relationship = if lapse == Some(Lapse::NoHead) {
                "99"
            } else {
                "1"
            };
            out.row(
                "Enrollment",
                &[
                    ("EnrollmentID", eid.clone()),
                    ("PersonalID", pid.to_owned()),
                    ("ProjectID", project_id(e.program).to_owned()),
                    ("EntryDate", e.entered_on.to_string()),
                    ("HouseholdID", format!("H-{eid}")),
                    ("RelationshipToHoH", relationship.into()),
                    ("EnrollmentCoC", "XX-500".into()),
                    ("LivingSituation", "116".into()),
                    ("DisablingCondition", "99".into()),
                    (
                        "MoveInDate",
                        move_in.map(|d| d.to_string()).unwrap_or_default(),
                    ),
                    ("DateCreated", entry_created.clone()),
                    ("DateUpdated", entry_created),
                    ("UserID", user.clone()),
                    ("ExportID", export_id.clone()),
                ],
            )?;
            out.row(
                "IncomeBenefits",
                &[
                    ("IncomeBenefitsID", format!("IB-{eid}")),
                    ("EnrollmentID", eid.clone()),
                    ("PersonalID", pid.to_owned()),
                    ("InformationDate", e.entered_on.to_string()),
                    ("IncomeFromAnySource", "99".into()),
                    ("DataCollectionStage", "1".into()),
                    ("DateCreated", created(e.entered_on)),
                    ("DateUpdated", created(e.entered_on)),
                    ("UserID", user.clone()),
                    ("ExportID", export_id.clone()),
                ],
            )?;
            if let Some(x) = &e.exit {
                let exit_created = match (lapse, x.documented_at) {
                    (Some(Lapse::LateExit), _) => at(x.exited_on + chrono::Days::new(12), 9),
                    (_, Some(t)) => local(tz, t),
                    (_, None) => created(x.exited_on),
                };
                let destination = x.destination.map_or(99, destination_code);
                out.row(
                    "Exit",
                    &[
                        ("ExitID", format!("X-{eid}")),
                        ("EnrollmentID", eid.clone()),
                        ("PersonalID", pid.to_owned()),
                        ("ExitDate", x.exited_on.to_string()),
                        ("Destination", destination.to_string()),
                        ("DateCreated", exit_created.clone()),
                        ("DateUpdated", exit_created),
                        ("UserID", user.clone()),
                        ("ExportID", export_id.clone()),
                    ],
                )?;
            }
            for v in &e.encounters {
                if !v.status.took_place() || !v.participant_present {
                    continue;
                }
                let type_provided = match v.kind {
                    EncounterKind::Outreach => 1,
                    EncounterKind::Collateral => continue,
                    _ => 2,
                };
                let on = v.started_at.with_timezone(&tz).date_naive();
                let documented = v
                    .documented_at
                    .map_or_else(|| created(on), |t| local(tz, t));
                let by = v
                    .staff
                    .first()
                    .map_or_else(|| user.clone(), |s| s.to_string());
                staff.insert(by.clone());
                out.row(
                    "Services",
                    &[
                        ("ServicesID", format!("{eid}-{}", v.id)),
                        ("EnrollmentID", eid.clone()),
                        ("PersonalID", pid.to_owned()),
                        ("DateProvided", on.to_string()),
                        ("RecordType", "144".into()),
                        ("TypeProvided", type_provided.to_string()),
                        ("DateCreated", documented.clone()),
                        ("DateUpdated", documented),
                        ("UserID", by),
                        ("ExportID", export_id.clone()),
                    ],
                )?;
            }
        }
        // Assessments go with the enrollment they fall in (else the first).
        for a in &case.assessments {
            let Some(e) = case
                .enrollments
                .iter()
                .find(|e| {
                    e.entered_on <= a.started_on
                        && e.exit.as_ref().is_none_or(|x| a.started_on <= x.exited_on)
                })
                .or_else(|| case.enrollments.first())
            else {
                continue;
            };
            let eid = format!("{pid}-{}", e.id);
            let by = a
                .assessed_by
                .as_ref()
                .map_or_else(|| "1".to_owned(), |s| s.to_string());
            staff.insert(by.clone());
            if a.annual {
                out.row(
                    "IncomeBenefits",
                    &[
                        ("IncomeBenefitsID", format!("IB-{eid}-{}", a.id)),
                        ("EnrollmentID", eid),
                        ("PersonalID", pid.to_owned()),
                        ("InformationDate", a.started_on.to_string()),
                        ("IncomeFromAnySource", "99".into()),
                        ("DataCollectionStage", "5".into()),
                        ("DateCreated", created(a.started_on)),
                        ("DateUpdated", created(a.started_on)),
                        ("UserID", by),
                        ("ExportID", export_id.clone()),
                    ],
                )?;
            } else {
                out.row(
                    "Assessment",
                    &[
                        ("AssessmentID", format!("{pid}-{}", a.id)),
                        ("EnrollmentID", eid),
                        ("PersonalID", pid.to_owned()),
                        ("AssessmentDate", a.started_on.to_string()),
                        ("AssessmentLocation", "hearth".into()),
                        ("AssessmentType", "3".into()),
                        ("AssessmentLevel", "2".into()),
                        ("PrioritizationStatus", "1".into()),
                        ("DateCreated", created(a.started_on)),
                        ("DateUpdated", created(a.started_on)),
                        ("UserID", by),
                        ("ExportID", export_id.clone()),
                    ],
                )?;
            }
        }
    }
    let day0 = created(options.start);
    for user in &staff {
        out.row(
            "User",
            &[
                ("UserID", user.clone()),
                ("DateCreated", day0.clone()),
                ("DateUpdated", day0.clone()),
                ("ExportID", export_id.clone()),
            ],
        )?;
    }
    out.row(
        "Organization",
        &[
            ("OrganizationID", "1".into()),
            ("OrganizationName", "hearth generated organization".into()),
            ("VictimServiceProvider", "0".into()),
            ("DateCreated", day0.clone()),
            ("DateUpdated", day0.clone()),
            ("UserID", "1".into()),
            ("ExportID", export_id.clone()),
        ],
    )?;
    for (program, funders) in &projects {
        let id = project_id(*program);
        out.row(
            "Project",
            &[
                ("ProjectID", id.to_owned()),
                ("OrganizationID", "1".into()),
                ("ProjectName", format!("hearth {id}")),
                ("OperatingStartDate", "2000-01-01".into()),
                ("ContinuumProject", "1".into()),
                ("ProjectType", project_type(*program).to_string()),
                ("HousingType", "3".into()),
                ("TargetPopulation", "4".into()),
                ("HOPWAMedAssistedLivingFac", "2".into()),
                ("DateCreated", day0.clone()),
                ("DateUpdated", day0.clone()),
                ("UserID", "1".into()),
                ("ExportID", export_id.clone()),
            ],
        )?;
        for (k, code) in funders.iter().enumerate() {
            out.row(
                "Funder",
                &[
                    ("FunderID", format!("{id}-{k}")),
                    ("ProjectID", id.to_owned()),
                    ("Funder", code.to_string()),
                    ("GrantID", format!("G-{id}-{k}")),
                    ("StartDate", "2000-01-01".into()),
                    ("DateCreated", day0.clone()),
                    ("DateUpdated", day0.clone()),
                    ("UserID", "1".into()),
                    ("ExportID", export_id.clone()),
                ],
            )?;
        }
    }
    out.row(
        "Export",
        &[
            ("ExportID", export_id.clone()),
            ("SourceType", "3".into()),
            ("SourceID", "hearth".into()),
            ("SourceName", "hearth generate".into()),
            ("ExportDate", at(options.end, 23)),
            ("ExportStartDate", options.start.to_string()),
            ("ExportEndDate", options.end.to_string()),
            ("SoftwareName", "hearth".into()),
            ("SoftwareVersion", env!("CARGO_PKG_VERSION").into()),
            ("CSVVersion", "2026 v1".into()),
            ("ExportPeriodType", "3".into()),
            ("ExportDirective", "2".into()),
            ("HashStatus", "1".into()),
            ("ImplementationID", "hearth".into()),
        ],
    )?;
    let mut written = Vec::with_capacity(out.files.len());
    for (file, w) in out.files {
        let bytes = w.into_inner().map_err(|e| HmisError::Csv {
            file: "the written export",
            message: e.to_string(),
        })?;
        written.push((format!("{file}.csv"), bytes));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lapses_follow_the_percentage() {
        let none = (0..1000).filter(|n| lapse(7, *n, 0).is_some()).count();
        let all = (0..1000).filter(|n| lapse(7, *n, 100).is_some()).count();
        let some = (0..1000).filter(|n| lapse(7, *n, 25).is_some()).count();
        assert_eq!((none, all), (0, 1000));
        assert!((150..350).contains(&some), "{some}");
    }

    #[test]
    fn an_empty_export_has_all_24_files_and_one_export_row() {
        let files = write_export(Vec::<CaseFile>::new(), &WriteOptions::default()).unwrap();
        assert_eq!(files.len(), 24);
        let export = &files.iter().find(|(n, _)| n == "Export.csv").unwrap().1;
        let text = String::from_utf8(export.clone()).unwrap();
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.contains("2026 v1"));
    }
}
