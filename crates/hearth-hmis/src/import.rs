//! The mapping from an HMIS CSV export to hearth case files (documented in `docs/hmis.md`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use csv::ByteRecord;
use hearth_model::{
    AgeBand, Assessment, AssessmentId, CaseFile, ContactMode, Encounter, EncounterId,
    EncounterKind, EncounterStatus, Enrollment, EnrollmentId, Exit, ExitKind, Funding, Household,
    HouseholdRelationship, InstrumentId, Participant, ParticipantId, Party, PartyId, PartyKind,
    Provenance, Referral, ReferralId, ReferralOutcome, SchemaVersion, StaffId,
};

use crate::codes::{self, CodeList};
use crate::summary::{ProjectTypeCount, RowIssue, SkipReason, Summary};
use crate::table::{field, Table};
use crate::{ExportFiles, HmisError, IssueKind, Map};

/// The result of an import: the case files, the summary and the located row issues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// One case file per PersonalID with at least one mapped enrollment, ordered by
    /// PersonalID.
    pub case_files: Vec<CaseFile>,
    /// Staff ids (HMIS UserID) referred to by imported records, sorted.
    pub staff: Vec<StaffId>,
    /// Counts: rows read, mapped and skipped by reason.
    pub summary: Summary,
    /// Rows (or values) that could not be used, in file and line order.
    pub issues: Vec<RowIssue>,
    /// The export period's last day (`ExportEndDate`).
    pub export_end: NaiveDate,
    /// The export period's first day (`ExportStartDate`).
    pub export_start: NaiveDate,
}

/// Instrument id of imported coordinated-entry assessments (Assessment.csv).
pub const CE_ASSESSMENT: &str = "hmis-ce-assessment";
/// Instrument id of imported annual assessments (DataCollectionStage 5).
pub const ANNUAL_ASSESSMENT: &str = "hmis-annual-assessment";

/// A project's funders: funding stream, start and end.
type Funders = HashMap<String, Vec<(Funding, Option<NaiveDate>, Option<NaiveDate>)>>;

struct Project {
    project_type: Option<i32>,
}

struct Client {
    dob: Option<NaiveDate>,
    veteran: Option<bool>,
}

struct Pending {
    personal_id: String,
    enrollment: Enrollment,
    exit_on: Option<NaiveDate>,
}

enum EnrollmentState {
    Kept(usize),
    Skipped,
}

struct Importer<'m> {
    map: &'m Map,
    tz: Tz,
    issues: Vec<RowIssue>,
    summary: Summary,
    staff: BTreeSet<String>,
}

/// Imports an export with a map.
///
/// Returns an error only when the export as a whole cannot be read: a missing required
/// file (Export, Client, Enrollment, Project), a missing column the import needs, an
/// unsupported `CSVVersion` or an unknown time zone. Every other problem is a located
/// [`RowIssue`] and the rest is imported.
pub fn import(files: &ExportFiles, map: &Map) -> Result<Imported, HmisError> {
    for required in ["Export.csv", "Client.csv", "Enrollment.csv", "Project.csv"] {
        if !files.contains(required) {
            return Err(HmisError::MissingFile(required));
        }
    }
    let zone = map.time_zone.clone().unwrap_or_else(|| "UTC".to_owned());
    let tz: Tz = zone
        .parse()
        .map_err(|_| HmisError::TimeZone(zone.clone()))?;
    let mut im = Importer {
        map,
        tz,
        issues: Vec::new(),
        summary: Summary {
            time_zone: zone,
            ..Summary::default()
        },
        staff: BTreeSet::new(),
    };
    let (start, end) = im.export(required(files, "Export.csv")?)?;
    let projects = im.projects(required(files, "Project.csv")?)?;
    let funders = match files.get("Funder.csv") {
        Some(bytes) => im.funders(bytes)?,
        None => HashMap::new(),
    };
    let clients = im.clients(required(files, "Client.csv")?)?;
    let mut pending = Vec::new();
    let mut states: HashMap<String, EnrollmentState> = HashMap::new();
    im.enrollments(
        required(files, "Enrollment.csv")?,
        &projects,
        &funders,
        &clients,
        &mut pending,
        &mut states,
    )?;
    if let Some(bytes) = files.get("Exit.csv") {
        im.exits(bytes, &mut pending, &states)?;
    }
    // The export period: an enrollment that ended before it or began after it is skipped.
    for (i, p) in pending.iter().enumerate() {
        let outside = p.enrollment.entered_on > end || p.exit_on.is_some_and(|exit| exit < start);
        if outside {
            states.insert(p.enrollment.id.to_string(), EnrollmentState::Skipped);
            im.skip("Enrollment.csv", SkipReason::OutsideExportPeriod);
            im.unmap("Enrollment.csv");
            if p.enrollment.exit.is_some() {
                im.skip("Exit.csv", SkipReason::EnrollmentSkipped);
                im.unmap("Exit.csv");
            }
        } else {
            states.insert(p.enrollment.id.to_string(), EnrollmentState::Kept(i));
        }
    }
    let mut assessments: BTreeMap<String, Vec<Assessment>> = BTreeMap::new();
    let mut parties: BTreeMap<String, BTreeSet<i32>> = BTreeMap::new();
    if let Some(bytes) = files.get("Services.csv") {
        im.services(bytes, &mut pending, &states)?;
    }
    if let Some(bytes) = files.get("CurrentLivingSituation.csv") {
        if map.living_situation_contacts {
            im.living_situations(bytes, &mut pending, &states)?;
        }
    }
    if let Some(bytes) = files.get("Assessment.csv") {
        im.assessments(bytes, &pending, &states, &mut assessments)?;
    }
    if let Some(bytes) = files.get("IncomeBenefits.csv") {
        im.annual(bytes, &pending, &states, &mut assessments)?;
    }
    if let Some(bytes) = files.get("Event.csv") {
        im.events(bytes, &mut pending, &states, &mut parties)?;
    }
    if let Some(bytes) = files.get("User.csv") {
        im.count_rows("User.csv", bytes)?;
    }

    // Assemble: one case file per PersonalID, enrollments by entry date.
    let mut by_person: BTreeMap<String, Vec<Enrollment>> = BTreeMap::new();
    for (i, p) in pending.into_iter().enumerate() {
        if matches!(states.get(p.enrollment.id.as_str()), Some(EnrollmentState::Kept(k)) if *k == i)
        {
            by_person
                .entry(p.personal_id)
                .or_default()
                .push(p.enrollment);
        }
    }
    let mut case_files = Vec::with_capacity(by_person.len());
    for (personal_id, mut enrollments) in by_person {
        enrollments.sort_by(|a, b| (a.entered_on, &a.id).cmp(&(b.entered_on, &b.id)));
        let client = clients.get(&personal_id);
        let first_entry = enrollments.first().map(|e| e.entered_on);
        let age_band = match (client.and_then(|c| c.dob), first_entry) {
            (Some(dob), Some(entry)) => age_band(dob, entry),
            _ => None,
        };
        im.summary.enrollments += enrollments.len();
        for e in &enrollments {
            im.summary.exits += usize::from(e.exit.is_some());
            im.summary.move_ins += usize::from(e.move_in_on.is_some());
            im.summary.encounters += e.encounters.len();
            im.summary.referrals += e.referrals.len();
        }
        let assessments = assessments.remove(&personal_id).unwrap_or_default();
        im.summary.assessments += assessments.len();
        let parties = parties
            .remove(&personal_id)
            .unwrap_or_default()
            .into_iter()
            .map(|code| Party {
                id: event_party(code),
                kind: event_party_kind(code),
                name: None,
            })
            .collect();
        case_files.push(CaseFile {
            schema_version: SchemaVersion::CURRENT,
            participant: Participant {
                id: ParticipantId::new(personal_id.clone()),
                household: None,
                age_band,
                veteran: client.and_then(|c| c.veteran),
                personal: None,
            },
            parties,
            consents: Vec::new(),
            assessments,
            enrollments,
            entry_decisions: Vec::new(),
        });
    }
    im.summary.participants = case_files.len();
    im.summary.staff = im.staff.len();
    im.issues
        .sort_by(|a, b| (&a.file, a.row).cmp(&(&b.file, b.row)));
    for issue in &im.issues {
        *im.summary
            .issues
            .entry(issue.kind.as_str().to_owned())
            .or_default() += 1;
    }
    Ok(Imported {
        case_files,
        staff: im.staff.into_iter().map(StaffId::new).collect(),
        summary: im.summary,
        issues: im.issues,
        export_start: start,
        export_end: end,
    })
}

fn required<'a>(files: &'a ExportFiles, name: &'static str) -> Result<&'a [u8], HmisError> {
    files.get(name).ok_or(HmisError::MissingFile(name))
}

/// The age band on `on` of someone born on `dob`.
fn age_band(dob: NaiveDate, on: NaiveDate) -> Option<AgeBand> {
    let mut years = on.year() - dob.year();
    if (on.month(), on.day()) < (dob.month(), dob.day()) {
        years -= 1;
    }
    Some(match years {
        i32::MIN..=-1 => return None,
        0..=17 => AgeBand::Under18,
        18..=24 => AgeBand::From18To24,
        25..=59 => AgeBand::From25To59,
        _ => AgeBand::SixtyPlus,
    })
}

/// The party a referral event refers to: one per Event code, e.g. `hmis-event-13`.
pub(crate) fn event_party(code: i32) -> PartyId {
    PartyId::new(format!("hmis-event-{code}"))
}

fn event_party_kind(code: i32) -> PartyKind {
    match code {
        1 | 7 | 10..=15 | 17 | 18 => PartyKind::HousingProvider,
        _ => PartyKind::Other,
    }
}

fn relationship(code: i32) -> Option<HouseholdRelationship> {
    Some(match code {
        1 => HouseholdRelationship::Head,
        2 => HouseholdRelationship::Child,
        3 => HouseholdRelationship::SpouseOrPartner,
        4 => HouseholdRelationship::OtherRelative,
        5 => HouseholdRelationship::Unrelated,
        99 => HouseholdRelationship::NotCollected,
        _ => return None,
    })
}

fn parse_date(text: &str) -> Option<NaiveDate> {
    // Exactly YYYY-MM-DD (HMIS CSV "D" columns); `dd-mm-yy` and the like are refused.
    if text.len() != 10 || text.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|d| hearth_model::date_in_range(*d))
}

fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    // HMIS CSV "T" columns: YYYY-MM-DD HH:MM:SS (a `T` separator is accepted too).
    let date = parse_date(text.get(..10)?)?;
    let rest = text.get(10..)?;
    let time = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('T'))?;
    let time = chrono::NaiveTime::parse_from_str(time, "%H:%M:%S")
        .or_else(|_| chrono::NaiveTime::parse_from_str(time, "%H:%M"))
        .ok()?;
    Some(date.and_time(time))
}

/// Whether a version string is FY2024 or FY2026 (`2026 v1`, `2024 v1.3`).
fn supported(version: &str) -> bool {
    ["2024 v1", "2026 v1"].iter().any(|prefix| {
        version
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
    })
}

/// A code that is safe to keep: digits only (at most 9).
fn safe_code(text: &str) -> Option<String> {
    (!text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.to_owned())
}

impl Importer<'_> {
    fn file(&mut self, file: &str) -> &mut crate::FileSummary {
        self.summary.files.entry(file.to_owned()).or_default()
    }

    fn read(&mut self, file: &str) {
        self.file(file).rows += 1;
    }

    fn mapped(&mut self, file: &str) {
        self.file(file).mapped += 1;
    }

    fn unmap(&mut self, file: &str) {
        let f = self.file(file);
        f.mapped = f.mapped.saturating_sub(1);
    }

    fn skip(&mut self, file: &str, reason: SkipReason) {
        *self.file(file).skipped.entry(reason).or_default() += 1;
    }

    fn issue(
        &mut self,
        file: &'static str,
        row: u64,
        column: Option<&str>,
        kind: IssueKind,
        personal_id: Option<&str>,
        message: String,
    ) {
        self.issues.push(RowIssue {
            file: file.to_owned(),
            row,
            column: column.map(str::to_owned),
            kind,
            personal_id: personal_id.filter(|p| !p.is_empty()).map(str::to_owned),
            message,
        });
    }

    fn to_time(&self, local: NaiveDateTime) -> DateTime<FixedOffset> {
        match self.tz.from_local_datetime(&local) {
            chrono::LocalResult::Single(t) => t.fixed_offset(),
            chrono::LocalResult::Ambiguous(earliest, _) => earliest.fixed_offset(),
            // A time in the spring-forward gap: read it an hour later.
            chrono::LocalResult::None => {
                let later = local + chrono::Duration::hours(1);
                match self.tz.from_local_datetime(&later) {
                    chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
                        t.fixed_offset()
                    }
                    chrono::LocalResult::None => {
                        chrono::Utc.from_utc_datetime(&local).fixed_offset()
                    }
                }
            }
        }
    }

    /// Opens an optional file; `None` when it is empty.
    fn open<'a>(
        &mut self,
        file: &'static str,
        bytes: &'a [u8],
    ) -> Result<Option<Table<'a>>, HmisError> {
        let table = Table::open(file, bytes)?;
        if table.is_some() {
            self.file(file);
        }
        Ok(table)
    }

    /// Reads a field; a field that is not text is an issue and reads as `None`.
    fn text<'r>(
        &mut self,
        t: &Table<'_>,
        rec: &'r ByteRecord,
        line: u64,
        column: (&'static str, Option<usize>),
    ) -> Option<&'r str> {
        match field(rec, column.1) {
            Ok(text) => Some(text),
            Err(()) => {
                self.issue(
                    t.file,
                    line,
                    Some(column.0),
                    IssueKind::NotText,
                    None,
                    format!("{} is not UTF-8 text", column.0),
                );
                None
            }
        }
    }

    /// Checks the row's width; an issue and `false` when it does not match the header.
    fn width(&mut self, t: &Table<'_>, rec: &ByteRecord, line: u64) -> bool {
        if rec.len() == t.width {
            return true;
        }
        self.issue(
            t.file,
            line,
            None,
            IssueKind::ColumnCount,
            None,
            format!(
                "the row has {} fields where the header has {}; the row is skipped",
                rec.len(),
                t.width
            ),
        );
        self.skip(t.file, SkipReason::Issue);
        false
    }

    /// A required date; an issue when missing or malformed.
    #[allow(clippy::too_many_arguments)]
    fn date(
        &mut self,
        t: &Table<'_>,
        rec: &ByteRecord,
        line: u64,
        column: (&'static str, Option<usize>),
        pid: &str,
        required: bool,
    ) -> Result<Option<NaiveDate>, ()> {
        let text = self.text(t, rec, line, column).ok_or(())?;
        if text.is_empty() {
            if required {
                self.issue(
                    t.file,
                    line,
                    Some(column.0),
                    IssueKind::Missing,
                    Some(pid),
                    format!("{} is empty", column.0),
                );
                return Err(());
            }
            return Ok(None);
        }
        match parse_date(text) {
            Some(d) => Ok(Some(d)),
            None => {
                self.issue(
                    t.file,
                    line,
                    Some(column.0),
                    IssueKind::BadDate,
                    Some(pid),
                    format!("{} is not a date written YYYY-MM-DD", column.0),
                );
                Err(())
            }
        }
    }

    /// An optional datetime, read in the map's time zone; a malformed one is an issue
    /// and reads as `None` (the row is still imported).
    fn datetime(
        &mut self,
        t: &Table<'_>,
        rec: &ByteRecord,
        line: u64,
        column: (&'static str, Option<usize>),
        pid: &str,
    ) -> Option<DateTime<FixedOffset>> {
        let text = self.text(t, rec, line, column)?;
        if text.is_empty() {
            return None;
        }
        match parse_datetime(text) {
            Some(local) => Some(self.to_time(local)),
            None => {
                self.issue(
                    t.file,
                    line,
                    Some(column.0),
                    IssueKind::BadDate,
                    Some(pid),
                    format!("{} is not a datetime written YYYY-MM-DD HH:MM:SS", column.0),
                );
                None
            }
        }
    }

    /// A coded value checked against its list: `Ok(None)` when empty, `Err` (with an
    /// issue) when outside the list.
    #[allow(clippy::too_many_arguments)]
    fn code(
        &mut self,
        t: &Table<'_>,
        rec: &ByteRecord,
        line: u64,
        column: (&'static str, Option<usize>),
        list: Option<&CodeList>,
        pid: &str,
    ) -> Result<Option<i32>, ()> {
        let text = self.text(t, rec, line, column).ok_or(())?;
        if text.is_empty() {
            return Ok(None);
        }
        let code = text.parse::<i32>().ok();
        match (code, list) {
            (Some(c), Some(l)) if l.contains(c) => Ok(Some(c)),
            (Some(c), None) => Ok(Some(c)),
            _ => {
                let shown = safe_code(text)
                    .map(|c| format!("value {c}"))
                    .unwrap_or_else(|| "the value".to_owned());
                let message = match list {
                    Some(l) => format!(
                        "{} {shown} is outside its list ({} {})",
                        column.0, l.element, l.name
                    ),
                    None => format!("{} {shown} is not a code", column.0),
                };
                self.issue(
                    t.file,
                    line,
                    Some(column.0),
                    IssueKind::OutsideList,
                    Some(pid),
                    message,
                );
                Err(())
            }
        }
    }

    fn export(&mut self, bytes: &[u8]) -> Result<(NaiveDate, NaiveDate), HmisError> {
        let mut t =
            Table::open("Export.csv", bytes)?.ok_or(HmisError::Empty { file: "Export.csv" })?;
        let version = t.col("CSVVersion")?;
        let start = t.col("ExportStartDate")?;
        let end = t.col("ExportEndDate")?;
        let mut rec = ByteRecord::new();
        if t.next_row(&mut rec)?.is_none() {
            return Err(HmisError::NoExportRow);
        }
        self.read("Export.csv");
        self.mapped("Export.csv");
        let v = field(&rec, Some(version)).unwrap_or("");
        if !supported(v) {
            let shown = (v.len() <= 20
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || " .".contains(c)))
            .then(|| v.to_owned())
            .filter(|v| !v.is_empty());
            return Err(HmisError::UnsupportedVersion(shown));
        }
        self.summary.csv_version = v.to_owned();
        let start = field(&rec, Some(start)).ok().and_then(parse_date).ok_or(
            HmisError::BadExportPeriod {
                column: "ExportStartDate",
            },
        )?;
        let end =
            field(&rec, Some(end))
                .ok()
                .and_then(parse_date)
                .ok_or(HmisError::BadExportPeriod {
                    column: "ExportEndDate",
                })?;
        self.summary.export_start = start.to_string();
        self.summary.export_end = end.to_string();
        Ok((start, end))
    }

    fn projects(&mut self, bytes: &[u8]) -> Result<HashMap<String, Project>, HmisError> {
        let mut out = HashMap::new();
        let Some(mut t) = Table::open("Project.csv", bytes)? else {
            return Err(HmisError::Empty {
                file: "Project.csv",
            });
        };
        self.file("Project.csv");
        let id = ("ProjectID", Some(t.col("ProjectID")?));
        let ty = ("ProjectType", Some(t.col("ProjectType")?));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let Some(pid) = self.text(&t, &rec, line, id).map(str::to_owned) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let project_type = self
                .code(&t, &rec, line, ty, Some(&codes::PROJECT_TYPE), "")
                .ok()
                .flatten();
            out.insert(pid, Project { project_type });
            self.mapped(t.file);
        }
        Ok(out)
    }

    fn funders(&mut self, bytes: &[u8]) -> Result<Funders, HmisError> {
        let mut out: HashMap<String, Vec<_>> = HashMap::new();
        let Some(mut t) = self.open("Funder.csv", bytes)? else {
            return Ok(out);
        };
        let project = ("ProjectID", Some(t.col("ProjectID")?));
        let funder = ("Funder", Some(t.col("Funder")?));
        let start = ("StartDate", t.opt_col("StartDate"));
        let end = ("EndDate", t.opt_col("EndDate"));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let Some(p) = self.text(&t, &rec, line, project).map(str::to_owned) else {
                continue;
            };
            let Ok(Some(code)) =
                self.code(&t, &rec, line, funder, Some(&codes::FUNDING_SOURCE), "")
            else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let s = self.date(&t, &rec, line, start, "", false).ok().flatten();
            let e = self.date(&t, &rec, line, end, "", false).ok().flatten();
            out.entry(p).or_default().push((codes::funding(code), s, e));
            self.mapped(t.file);
        }
        Ok(out)
    }

    fn clients(&mut self, bytes: &[u8]) -> Result<HashMap<String, Client>, HmisError> {
        let mut out = HashMap::new();
        let Some(mut t) = Table::open("Client.csv", bytes)? else {
            return Err(HmisError::Empty { file: "Client.csv" });
        };
        self.file("Client.csv");
        let id = ("PersonalID", Some(t.col("PersonalID")?));
        let dob = ("DOB", t.opt_col("DOB"));
        let veteran = ("VeteranStatus", t.opt_col("VeteranStatus"));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let Some(pid) = self.text(&t, &rec, line, id).map(str::to_owned) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            if pid.is_empty() {
                self.issue(
                    t.file,
                    line,
                    Some(id.0),
                    IssueKind::Missing,
                    None,
                    "PersonalID is empty".into(),
                );
                self.skip(t.file, SkipReason::Issue);
                continue;
            }
            let dob = self.date(&t, &rec, line, dob, &pid, false).ok().flatten();
            let veteran =
                match self.code(&t, &rec, line, veteran, Some(&codes::NO_YES_MISSING), &pid) {
                    Ok(Some(1)) => Some(true),
                    Ok(Some(0)) => Some(false),
                    _ => None,
                };
            if out.contains_key(&pid) {
                self.issue(
                    t.file,
                    line,
                    Some(id.0),
                    IssueKind::DuplicateId,
                    Some(&pid),
                    "PersonalID appears on an earlier row; this row is skipped".into(),
                );
                self.skip(t.file, SkipReason::Issue);
                continue;
            }
            out.insert(pid, Client { dob, veteran });
            self.mapped(t.file);
        }
        Ok(out)
    }

    fn note_staff(&mut self, user: &str) -> Vec<StaffId> {
        if user.is_empty() {
            return Vec::new();
        }
        self.staff.insert(user.to_owned());
        vec![StaffId::new(user)]
    }

    fn enrollments(
        &mut self,
        bytes: &[u8],
        projects: &HashMap<String, Project>,
        funders: &Funders,
        clients: &HashMap<String, Client>,
        pending: &mut Vec<Pending>,
        states: &mut HashMap<String, EnrollmentState>,
    ) -> Result<(), HmisError> {
        let Some(mut t) = Table::open("Enrollment.csv", bytes)? else {
            return Err(HmisError::Empty {
                file: "Enrollment.csv",
            });
        };
        self.file("Enrollment.csv");
        let id = ("EnrollmentID", Some(t.col("EnrollmentID")?));
        let person = ("PersonalID", Some(t.col("PersonalID")?));
        let project = ("ProjectID", Some(t.col("ProjectID")?));
        let entry = ("EntryDate", Some(t.col("EntryDate")?));
        let household = ("HouseholdID", t.opt_col("HouseholdID"));
        let rel = ("RelationshipToHoH", t.opt_col("RelationshipToHoH"));
        let move_in = ("MoveInDate", t.opt_col("MoveInDate"));
        let created = ("DateCreated", t.opt_col("DateCreated"));
        let user = ("UserID", t.opt_col("UserID"));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            let (Some(eid), Some(pid), Some(proj)) = (
                self.text(&t, &rec, line, id).map(str::to_owned),
                self.text(&t, &rec, line, person).map(str::to_owned),
                self.text(&t, &rec, line, project).map(str::to_owned),
            ) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            if eid.is_empty() {
                self.issue(
                    t.file,
                    line,
                    Some(id.0),
                    IssueKind::Missing,
                    Some(&pid),
                    "EnrollmentID is empty".into(),
                );
                self.skip(t.file, SkipReason::Issue);
                continue;
            }
            if states.contains_key(&eid) {
                self.issue(
                    t.file,
                    line,
                    Some(id.0),
                    IssueKind::DuplicateId,
                    Some(&pid),
                    format!("EnrollmentID {eid} appears on an earlier row; this row is skipped"),
                );
                self.skip(t.file, SkipReason::Issue);
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                states.insert(eid, EnrollmentState::Skipped);
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let Some(p) = projects.get(&proj) else {
                self.issue(
                    t.file,
                    line,
                    Some(project.0),
                    IssueKind::Unresolved,
                    Some(&pid),
                    format!("ProjectID {proj} is not in Project.csv"),
                );
                states.insert(eid, EnrollmentState::Skipped);
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let program = self.map.program(&proj, p.project_type);
            let key = p
                .project_type
                .map_or_else(|| "none".to_owned(), |c| c.to_string());
            let count = self
                .summary
                .project_types
                .entry(key)
                .or_insert_with(|| ProjectTypeCount {
                    program: String::new(),
                    enrollments: 0,
                });
            count.enrollments += 1;
            let Some(program) = program else {
                count.program = "unmapped".to_owned();
                states.insert(eid, EnrollmentState::Skipped);
                self.skip(t.file, SkipReason::UnmappedProjectType);
                continue;
            };
            if count.program.is_empty() || count.program == "unmapped" {
                count.program = program.as_str().to_owned();
            } else if !count.program.split(", ").any(|p| p == program.as_str()) {
                count.program = format!("{}, {}", count.program, program.as_str());
            }
            if !clients.contains_key(&pid) {
                self.issue(
                    t.file,
                    line,
                    Some(person.0),
                    IssueKind::Unresolved,
                    Some(&pid),
                    format!("PersonalID {pid} is not in Client.csv"),
                );
                states.insert(eid, EnrollmentState::Skipped);
                self.skip(t.file, SkipReason::Issue);
                continue;
            }
            let Ok(Some(entered_on)) = self.date(&t, &rec, line, entry, &pid, true) else {
                states.insert(eid, EnrollmentState::Skipped);
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let move_in_on = self
                .date(&t, &rec, line, move_in, &pid, false)
                .ok()
                .flatten();
            let documented = self.datetime(&t, &rec, line, created, &pid);
            let relationship_code = self
                .code(&t, &rec, line, rel, Some(&codes::RELATIONSHIP_TO_HOH), &pid)
                .ok()
                .flatten();
            let household = self
                .text(&t, &rec, line, household)
                .filter(|h| !h.is_empty())
                .map(|h| Household {
                    id: h.to_owned(),
                    relationship: relationship_code.and_then(relationship),
                });
            let user = self.text(&t, &rec, line, user).unwrap_or("").to_owned();
            let staff = self.note_staff(&user);
            let mut codes = BTreeMap::new();
            codes.insert("ProjectID".to_owned(), proj.clone());
            if let Some(c) = p.project_type {
                codes.insert("ProjectType".to_owned(), c.to_string());
            }
            if let Some(c) = relationship_code {
                codes.insert("RelationshipToHoH".to_owned(), c.to_string());
            }
            let funding: Vec<Funding> = funders
                .get(&proj)
                .map(|list| {
                    let mut f: Vec<Funding> = list
                        .iter()
                        .filter(|(_, s, e)| {
                            s.is_none_or(|s| s <= entered_on) && e.is_none_or(|e| e >= entered_on)
                        })
                        .map(|(f, _, _)| *f)
                        .collect();
                    f.sort();
                    f.dedup();
                    f
                })
                .unwrap_or_default();
            let enrollment = Enrollment {
                id: EnrollmentId::new(eid.clone()),
                program,
                tier: None,
                funding,
                case_manager: staff.into_iter().next().filter(|_| false),
                referred_on: None,
                initial_contact_on: None,
                shelter_entry_on: None,
                first_interview_on: None,
                entered_on,
                entry_documented_at: documented,
                household,
                move_in_on,
                service_participation: None,
                housing_conditions: Vec::new(),
                intake: Default::default(),
                care_plan: None,
                encounters: Vec::new(),
                risk_observations: Vec::new(),
                lease_violation_plans: Vec::new(),
                harm_reduction_plans: Vec::new(),
                crisis_incidents: Vec::new(),
                crisis_plans: Vec::new(),
                stage_history: Vec::new(),
                referrals: Vec::new(),
                information_shares: Vec::new(),
                confidentiality_exceptions: Vec::new(),
                documents: Vec::new(),
                termination: None,
                exit: None,
                source: Some(Provenance {
                    file: "Enrollment.csv".to_owned(),
                    row: line,
                    record_id: Some(eid.clone()),
                    codes: Provenance::codes_of(codes),
                }),
            };
            states.insert(eid, EnrollmentState::Kept(pending.len()));
            pending.push(Pending {
                personal_id: pid,
                enrollment,
                exit_on: None,
            });
            self.mapped(t.file);
        }
        Ok(())
    }

    /// Resolves a child row's EnrollmentID to a kept enrollment, counting the skip
    /// otherwise.
    fn parent(
        &mut self,
        t: &Table<'_>,
        line: u64,
        eid: &str,
        pid: &str,
        states: &HashMap<String, EnrollmentState>,
    ) -> Option<usize> {
        match states.get(eid) {
            Some(EnrollmentState::Kept(i)) => Some(*i),
            Some(EnrollmentState::Skipped) => {
                self.skip(t.file, SkipReason::EnrollmentSkipped);
                None
            }
            None => {
                self.issue(
                    t.file,
                    line,
                    Some("EnrollmentID"),
                    IssueKind::Unresolved,
                    Some(pid),
                    format!("EnrollmentID {eid} is not in Enrollment.csv"),
                );
                self.skip(t.file, SkipReason::Issue);
                None
            }
        }
    }

    fn exits(
        &mut self,
        bytes: &[u8],
        pending: &mut [Pending],
        states: &HashMap<String, EnrollmentState>,
    ) -> Result<(), HmisError> {
        let Some(mut t) = self.open("Exit.csv", bytes)? else {
            return Ok(());
        };
        let id = ("ExitID", t.opt_col("ExitID"));
        let enrollment = ("EnrollmentID", Some(t.col("EnrollmentID")?));
        let person = ("PersonalID", t.opt_col("PersonalID"));
        let exit = ("ExitDate", Some(t.col("ExitDate")?));
        let dest = ("Destination", t.opt_col("Destination"));
        let created = ("DateCreated", t.opt_col("DateCreated"));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let eid = self
                .text(&t, &rec, line, enrollment)
                .unwrap_or("")
                .to_owned();
            let pid = self.text(&t, &rec, line, person).unwrap_or("").to_owned();
            let Ok(Some(exited_on)) = self.date(&t, &rec, line, exit, &pid, true) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let code = self
                .code(&t, &rec, line, dest, Some(&codes::DESTINATION), &pid)
                .ok()
                .flatten();
            let documented_at = self.datetime(&t, &rec, line, created, &pid);
            let exit_id = self.text(&t, &rec, line, id).unwrap_or("").to_owned();
            let Some(i) = self.parent(&t, line, &eid, &pid, states) else {
                continue;
            };
            let Some(p) = pending.get_mut(i) else {
                continue;
            };
            if p.enrollment.exit.is_some() {
                self.issue(t.file, line, Some(enrollment.0), IssueKind::DuplicateId, Some(&pid), format!("EnrollmentID {eid} already has an exit on an earlier row; this row is skipped"));
                self.skip(t.file, SkipReason::Issue);
                continue;
            }
            let mut codes = BTreeMap::new();
            if let Some(c) = code {
                codes.insert("Destination".to_owned(), c.to_string());
            }
            p.exit_on = Some(exited_on);
            p.enrollment.exit = Some(Exit {
                exited_on,
                kind: ExitKind::NotRecorded,
                destination: code.and_then(codes::destination),
                discharge_meeting_on: None,
                linkages: Vec::new(),
                satisfaction_survey_on: None,
                follow_up: None,
                transfer: None,
                documented_at,
                source: Some(Provenance {
                    file: "Exit.csv".to_owned(),
                    row: line,
                    record_id: Some(exit_id).filter(|s| !s.is_empty()),
                    codes: Provenance::codes_of(codes),
                }),
            });
            self.mapped(t.file);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn encounter(
        &mut self,
        id: String,
        on: NaiveDate,
        kind: EncounterKind,
        documented_at: Option<DateTime<FixedOffset>>,
        user: &str,
        source: Provenance,
    ) -> Encounter {
        let started_at = self.to_time(on.and_time(chrono::NaiveTime::MIN));
        Encounter {
            id: EncounterId::new(id),
            started_at,
            date_only: true,
            minutes: None,
            mode: ContactMode::Unknown,
            location: None,
            kind,
            status: EncounterStatus::Completed,
            participant_present: true,
            announced: None,
            staff: self.note_staff(user),
            parties: Vec::new(),
            objectives: Vec::new(),
            goals_discussed: Vec::new(),
            steps_done: Vec::new(),
            risks_observed: Vec::new(),
            next_visit: None,
            documented_at,
            late_entry: false,
            note: None,
            source: Some(source),
        }
    }

    fn services(
        &mut self,
        bytes: &[u8],
        pending: &mut [Pending],
        states: &HashMap<String, EnrollmentState>,
    ) -> Result<(), HmisError> {
        let Some(mut t) = self.open("Services.csv", bytes)? else {
            return Ok(());
        };
        let id = ("ServicesID", Some(t.col("ServicesID")?));
        let enrollment = ("EnrollmentID", Some(t.col("EnrollmentID")?));
        let person = ("PersonalID", t.opt_col("PersonalID"));
        let date = ("DateProvided", Some(t.col("DateProvided")?));
        let record_type = ("RecordType", Some(t.col("RecordType")?));
        let type_provided = ("TypeProvided", Some(t.col("TypeProvided")?));
        let created = ("DateCreated", t.opt_col("DateCreated"));
        let user = ("UserID", t.opt_col("UserID"));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let eid = self
                .text(&t, &rec, line, enrollment)
                .unwrap_or("")
                .to_owned();
            let pid = self.text(&t, &rec, line, person).unwrap_or("").to_owned();
            let Ok(Some(rt)) =
                self.code(&t, &rec, line, record_type, Some(&codes::RECORD_TYPE), &pid)
            else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let tp = self
                .code(&t, &rec, line, type_provided, None, &pid)
                .ok()
                .flatten();
            let Some(i) = self.parent(&t, line, &eid, &pid, states) else {
                continue;
            };
            let Some(kind) = tp.and_then(|tp| self.map.contact_kind(rt, tp)) else {
                *self
                    .summary
                    .services_not_contacts
                    .entry(rt.to_string())
                    .or_default() += 1;
                self.skip(t.file, SkipReason::NotAContact);
                continue;
            };
            let Ok(Some(on)) = self.date(&t, &rec, line, date, &pid, true) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let documented_at = self.datetime(&t, &rec, line, created, &pid);
            let sid = self.text(&t, &rec, line, id).unwrap_or("").to_owned();
            let u = self.text(&t, &rec, line, user).unwrap_or("").to_owned();
            let mut codes = BTreeMap::new();
            codes.insert("RecordType".to_owned(), rt.to_string());
            if let Some(tp) = tp {
                codes.insert("TypeProvided".to_owned(), tp.to_string());
            }
            let source = Provenance {
                file: "Services.csv".to_owned(),
                row: line,
                record_id: Some(sid.clone()),
                codes: Provenance::codes_of(codes),
            };
            let e = self.encounter(format!("S-{sid}"), on, kind, documented_at, &u, source);
            if let Some(p) = pending.get_mut(i) {
                p.enrollment.encounters.push(e);
                self.mapped(t.file);
            }
        }
        Ok(())
    }

    fn living_situations(
        &mut self,
        bytes: &[u8],
        pending: &mut [Pending],
        states: &HashMap<String, EnrollmentState>,
    ) -> Result<(), HmisError> {
        let Some(mut t) = self.open("CurrentLivingSituation.csv", bytes)? else {
            return Ok(());
        };
        let id = ("CurrentLivingSitID", Some(t.col("CurrentLivingSitID")?));
        let enrollment = ("EnrollmentID", Some(t.col("EnrollmentID")?));
        let person = ("PersonalID", t.opt_col("PersonalID"));
        let date = ("InformationDate", Some(t.col("InformationDate")?));
        let situation = (
            "CurrentLivingSituation",
            Some(t.col("CurrentLivingSituation")?),
        );
        let created = ("DateCreated", t.opt_col("DateCreated"));
        let user = ("UserID", t.opt_col("UserID"));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let eid = self
                .text(&t, &rec, line, enrollment)
                .unwrap_or("")
                .to_owned();
            let pid = self.text(&t, &rec, line, person).unwrap_or("").to_owned();
            let Ok(Some(on)) = self.date(&t, &rec, line, date, &pid, true) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            // A situation outside 4.12 is reported; the contact itself still happened.
            let code = self
                .code(
                    &t,
                    &rec,
                    line,
                    situation,
                    Some(&codes::CURRENT_LIVING_SITUATION),
                    &pid,
                )
                .ok()
                .flatten();
            let Some(i) = self.parent(&t, line, &eid, &pid, states) else {
                continue;
            };
            let documented_at = self.datetime(&t, &rec, line, created, &pid);
            let cid = self.text(&t, &rec, line, id).unwrap_or("").to_owned();
            let u = self.text(&t, &rec, line, user).unwrap_or("").to_owned();
            let mut codes = BTreeMap::new();
            if let Some(c) = code {
                codes.insert("CurrentLivingSituation".to_owned(), c.to_string());
            }
            let source = Provenance {
                file: "CurrentLivingSituation.csv".to_owned(),
                row: line,
                record_id: Some(cid.clone()),
                codes: Provenance::codes_of(codes),
            };
            let e = self.encounter(
                format!("CLS-{cid}"),
                on,
                EncounterKind::Outreach,
                documented_at,
                &u,
                source,
            );
            if let Some(p) = pending.get_mut(i) {
                p.enrollment.encounters.push(e);
                self.mapped(t.file);
            }
        }
        Ok(())
    }

    fn assessments(
        &mut self,
        bytes: &[u8],
        pending: &[Pending],
        states: &HashMap<String, EnrollmentState>,
        out: &mut BTreeMap<String, Vec<Assessment>>,
    ) -> Result<(), HmisError> {
        let Some(mut t) = self.open("Assessment.csv", bytes)? else {
            return Ok(());
        };
        let id = ("AssessmentID", Some(t.col("AssessmentID")?));
        let enrollment = ("EnrollmentID", Some(t.col("EnrollmentID")?));
        let person = ("PersonalID", t.opt_col("PersonalID"));
        let date = ("AssessmentDate", Some(t.col("AssessmentDate")?));
        let coded = ["AssessmentType", "AssessmentLevel", "PrioritizationStatus"];
        let coded: Vec<(&'static str, Option<usize>)> =
            coded.iter().map(|c| (*c, t.opt_col(c))).collect();
        let user = ("UserID", t.opt_col("UserID"));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let eid = self
                .text(&t, &rec, line, enrollment)
                .unwrap_or("")
                .to_owned();
            let pid = self.text(&t, &rec, line, person).unwrap_or("").to_owned();
            let Ok(Some(on)) = self.date(&t, &rec, line, date, &pid, true) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let Some(i) = self.parent(&t, line, &eid, &pid, states) else {
                continue;
            };
            let aid = self.text(&t, &rec, line, id).unwrap_or("").to_owned();
            let u = self.text(&t, &rec, line, user).unwrap_or("").to_owned();
            let mut codes = BTreeMap::new();
            for column in &coded {
                if let Some(c) = field(&rec, column.1).ok().and_then(safe_code) {
                    codes.insert(column.0.to_owned(), c);
                }
            }
            let Some(p) = pending.get(i) else { continue };
            let assessed_by = self.note_staff(&u).into_iter().next();
            out.entry(p.personal_id.clone())
                .or_default()
                .push(Assessment {
                    id: AssessmentId::new(format!("CE-{aid}")),
                    instrument: InstrumentId::new(CE_ASSESSMENT),
                    started_on: on,
                    completed_on: Some(on),
                    assessed_by,
                    items: Vec::new(),
                    total: None,
                    band: None,
                    annual: false,
                    source: Some(Provenance {
                        file: "Assessment.csv".to_owned(),
                        row: line,
                        record_id: Some(aid),
                        codes: Provenance::codes_of(codes),
                    }),
                });
            self.mapped(t.file);
        }
        Ok(())
    }

    fn annual(
        &mut self,
        bytes: &[u8],
        pending: &[Pending],
        states: &HashMap<String, EnrollmentState>,
        out: &mut BTreeMap<String, Vec<Assessment>>,
    ) -> Result<(), HmisError> {
        let Some(mut t) = self.open("IncomeBenefits.csv", bytes)? else {
            return Ok(());
        };
        let id = ("IncomeBenefitsID", Some(t.col("IncomeBenefitsID")?));
        let enrollment = ("EnrollmentID", Some(t.col("EnrollmentID")?));
        let person = ("PersonalID", t.opt_col("PersonalID"));
        let date = ("InformationDate", Some(t.col("InformationDate")?));
        let stage = ("DataCollectionStage", Some(t.col("DataCollectionStage")?));
        let user = ("UserID", t.opt_col("UserID"));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let pid = self.text(&t, &rec, line, person).unwrap_or("").to_owned();
            let Ok(stage_code) = self.code(
                &t,
                &rec,
                line,
                stage,
                Some(&codes::DATA_COLLECTION_STAGE),
                &pid,
            ) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            if stage_code != Some(5) {
                self.skip(t.file, SkipReason::NotAnnual);
                continue;
            }
            let eid = self
                .text(&t, &rec, line, enrollment)
                .unwrap_or("")
                .to_owned();
            let Ok(Some(on)) = self.date(&t, &rec, line, date, &pid, true) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let Some(i) = self.parent(&t, line, &eid, &pid, states) else {
                continue;
            };
            let rid = self.text(&t, &rec, line, id).unwrap_or("").to_owned();
            let u = self.text(&t, &rec, line, user).unwrap_or("").to_owned();
            let Some(p) = pending.get(i) else { continue };
            let assessed_by = self.note_staff(&u).into_iter().next();
            out.entry(p.personal_id.clone())
                .or_default()
                .push(Assessment {
                    id: AssessmentId::new(format!("AN-{rid}")),
                    instrument: InstrumentId::new(ANNUAL_ASSESSMENT),
                    started_on: on,
                    completed_on: Some(on),
                    assessed_by,
                    items: Vec::new(),
                    total: None,
                    band: None,
                    annual: true,
                    source: Some(Provenance {
                        file: "IncomeBenefits.csv".to_owned(),
                        row: line,
                        record_id: Some(rid),
                        codes: Provenance::codes_of(BTreeMap::from([(
                            "DataCollectionStage".to_owned(),
                            "5".to_owned(),
                        )])),
                    }),
                });
            self.mapped(t.file);
        }
        Ok(())
    }

    fn events(
        &mut self,
        bytes: &[u8],
        pending: &mut [Pending],
        states: &HashMap<String, EnrollmentState>,
        parties: &mut BTreeMap<String, BTreeSet<i32>>,
    ) -> Result<(), HmisError> {
        let Some(mut t) = self.open("Event.csv", bytes)? else {
            return Ok(());
        };
        let id = ("EventID", Some(t.col("EventID")?));
        let enrollment = ("EnrollmentID", Some(t.col("EnrollmentID")?));
        let person = ("PersonalID", t.opt_col("PersonalID"));
        let date = ("EventDate", Some(t.col("EventDate")?));
        let event = ("Event", Some(t.col("Event")?));
        let result = ("ReferralResult", t.opt_col("ReferralResult"));
        let result_date = ("ResultDate", t.opt_col("ResultDate"));
        let deleted = ("DateDeleted", t.opt_col("DateDeleted"));
        let mut rec = ByteRecord::new();
        while let Some(line) = t.next_row(&mut rec)? {
            self.read(t.file);
            if !self.width(&t, &rec, line) {
                continue;
            }
            if !field(&rec, deleted.1).unwrap_or("").is_empty() {
                self.skip(t.file, SkipReason::Deleted);
                continue;
            }
            let eid = self
                .text(&t, &rec, line, enrollment)
                .unwrap_or("")
                .to_owned();
            let pid = self.text(&t, &rec, line, person).unwrap_or("").to_owned();
            let Ok(Some(code)) = self.code(&t, &rec, line, event, Some(&codes::EVENT_TYPE), &pid)
            else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            if code == 2 {
                self.skip(t.file, SkipReason::NotAReferral);
                continue;
            }
            let Ok(Some(on)) = self.date(&t, &rec, line, date, &pid, true) else {
                self.skip(t.file, SkipReason::Issue);
                continue;
            };
            let Some(i) = self.parent(&t, line, &eid, &pid, states) else {
                continue;
            };
            let outcome_code = self
                .code(&t, &rec, line, result, Some(&codes::REFERRAL_RESULT), &pid)
                .ok()
                .flatten();
            let outcome_on = self
                .date(&t, &rec, line, result_date, &pid, false)
                .ok()
                .flatten();
            let vid = self.text(&t, &rec, line, id).unwrap_or("").to_owned();
            let mut codes = BTreeMap::from([("Event".to_owned(), code.to_string())]);
            if let Some(c) = outcome_code {
                codes.insert("ReferralResult".to_owned(), c.to_string());
            }
            let Some(p) = pending.get_mut(i) else {
                continue;
            };
            parties
                .entry(p.personal_id.clone())
                .or_default()
                .insert(code);
            p.enrollment.referrals.push(Referral {
                id: ReferralId::new(format!("EV-{vid}")),
                party: event_party(code),
                made_on: on,
                step: None,
                // HMIS does not record whether information went with a referral.
                shares_information: false,
                linked_on: None,
                warm_handoff: false,
                outcome: outcome_code.and_then(|c| match c {
                    1 => Some(ReferralOutcome::Accepted),
                    2 => Some(ReferralOutcome::RejectedByParticipant),
                    3 => Some(ReferralOutcome::RejectedByProvider),
                    _ => None,
                }),
                outcome_on,
                source: Some(Provenance {
                    file: "Event.csv".to_owned(),
                    row: line,
                    record_id: Some(vid),
                    codes: Provenance::codes_of(codes),
                }),
            });
            self.mapped(t.file);
        }
        Ok(())
    }

    fn count_rows(&mut self, file: &'static str, bytes: &[u8]) -> Result<(), HmisError> {
        let Some(mut t) = self.open(file, bytes)? else {
            return Ok(());
        };
        let mut rec = ByteRecord::new();
        while t.next_row(&mut rec)?.is_some() {
            self.read(file);
        }
        Ok(())
    }
}
