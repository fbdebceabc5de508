//! FHIR R4 `Bundle` → case files.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, NaiveDate};
use hearth_model::{
    ActionStepId, ActionStepStatus, Answer, Assessment, AssessmentId, CarePlan, CaseFile, Consent,
    ConsentId, ContactMode, Encounter, EncounterId, EncounterKind, EncounterStatus, Enrollment,
    EnrollmentId, Goal, GoalArea, GoalId, GoalProgress, GoalStatus, InstrumentId, ItemAnswer,
    LongTermGoal, LongTermGoalId, Objective, ObjectiveId, Participant, ParticipantId, Party,
    PartyId, PartyKind, PlanReview, PlannedActionStep, ProgramModel, Referral, ReferralId, RiskId,
    RiskObservation, RiskObservationId, SchemaVersion, Signature, Signer, StaffId, StepId,
};
use serde_json::Value;

use crate::codes::{self, extension, id_system, parse_code, system};
use crate::export::PLACEHOLDER;

/// Why a document could not be read as a FHIR R4 Bundle. Messages never repeat values
/// from the input; they name the place by line and column or by JSON Pointer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The text is not JSON.
    #[error("line {line}, column {column}: the text is not valid JSON ({what}); check that the file is a FHIR JSON Bundle")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What kind of syntax error, in general terms.
        what: &'static str,
    },
    /// The JSON is not a FHIR Bundle.
    #[error("at {pointer}: not a FHIR Bundle ({reason}); hearth imports Bundles such as `hearth export fhir` writes")]
    NotABundle {
        /// JSON Pointer of the value at fault ("" for the whole document).
        pointer: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// The Bundle is not FHIR R4 (4.0.1).
    #[error("at {pointer}: not FHIR R4 ({reason}); hearth reads FHIR R4 (4.0.1) only")]
    NotR4 {
        /// JSON Pointer of the value at fault.
        pointer: String,
        /// What is wrong.
        reason: &'static str,
    },
}

/// A resource hearth maps but could not read into a record, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Skipped {
    /// JSON Pointer of the entry's resource.
    pub pointer: String,
    /// Its resource type.
    pub resource_type: String,
    /// Why it was skipped.
    pub reason: &'static str,
}

/// What an import read, in counts: nothing is dropped without being counted here.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    /// Entries in the Bundle.
    pub entries: usize,
    /// Entries read into case files, by resource type (Practitioner and CodeSystem
    /// entries count as read: they carry staff ids and code meanings).
    pub mapped: BTreeMap<String, usize>,
    /// Entries tagged `placeholder` (records named but not held by the exporter).
    pub placeholders: usize,
    /// Entries hearth does not map (another system's resources), by resource type.
    pub not_mapped: BTreeMap<String, usize>,
    /// Entries hearth maps but could not read, each with its place and reason.
    pub skipped: Vec<Skipped>,
}

/// The case files read from a Bundle, one per `Patient`, and what was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The case files, in the order of their `Patient` entries.
    pub case_files: Vec<CaseFile>,
    /// The counts.
    pub summary: ImportSummary,
}

/// Parses JSON text and imports the Bundle in it (see [`from_bundle`]).
pub fn parse_bundle(text: &str) -> Result<Import, ImportError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Syntax {
        line: e.line(),
        column: e.column(),
        what: match e.classify() {
            serde_json::error::Category::Eof => "the text ends too early",
            serde_json::error::Category::Syntax => "a syntax error",
            serde_json::error::Category::Io => "a read error",
            serde_json::error::Category::Data => "a data error",
        },
    })?;
    from_bundle(&value)
}

/// Reads a FHIR R4 Bundle back into case files, one per `Patient`.
///
/// Resources are recognised by hearth's identifier systems (see `docs/fhir.md`); any
/// other resource is counted in [`ImportSummary::not_mapped`], never dropped silently.
/// A document that is not a Bundle, or that shows it is not R4 (a version-specific
/// profile of another version, an element or resource type R4 does not have), is
/// rejected with the JSON Pointer of the evidence.
pub fn from_bundle(bundle: &Value) -> Result<Import, ImportError> {
    let entries = check_bundle(bundle)?;
    let mut reader = Reader::new(&entries);
    reader.read();
    Ok(reader.finish())
}

/// One entry: its pointer, full URL and resource.
struct Entry<'a> {
    pointer: String,
    resource: &'a Value,
    resource_type: &'a str,
}

fn check_bundle(bundle: &Value) -> Result<Vec<(Entry<'_>, Option<&str>)>, ImportError> {
    let object = bundle.as_object().ok_or(ImportError::NotABundle {
        pointer: String::new(),
        reason: "the document is not a JSON object",
    })?;
    match object.get("resourceType").and_then(Value::as_str) {
        Some("Bundle") => {}
        Some(_) => {
            return Err(ImportError::NotABundle {
                pointer: "/resourceType".to_owned(),
                reason: "resourceType is not Bundle",
            })
        }
        None => {
            return Err(ImportError::NotABundle {
                pointer: "/resourceType".to_owned(),
                reason: "resourceType is missing",
            })
        }
    }
    check_version(bundle, "")?;
    // Elements of Bundle that R5 added and R4 does not have.
    if object.contains_key("issues") {
        return Err(ImportError::NotR4 {
            pointer: "/issues".to_owned(),
            reason: "Bundle.issues exists from R5 on",
        });
    }
    let list = match object.get("entry") {
        None => return Ok(Vec::new()),
        Some(Value::Array(list)) => list,
        Some(_) => {
            return Err(ImportError::NotABundle {
                pointer: "/entry".to_owned(),
                reason: "entry is not a list",
            })
        }
    };
    let mut entries = Vec::with_capacity(list.len());
    for (index, entry) in list.iter().enumerate() {
        let pointer = format!("/entry/{index}/resource");
        let Some(resource) = entry.get("resource") else {
            return Err(ImportError::NotABundle {
                pointer: format!("/entry/{index}"),
                reason: "an entry has no resource",
            });
        };
        let Some(resource_type) = resource.get("resourceType").and_then(Value::as_str) else {
            return Err(ImportError::NotABundle {
                pointer: format!("{pointer}/resourceType"),
                reason: "a resource has no resourceType",
            });
        };
        if !codes::R4_RESOURCE_TYPES.contains(&resource_type) {
            return Err(ImportError::NotR4 {
                pointer: format!("{pointer}/resourceType"),
                reason: "the resource type does not exist in R4",
            });
        }
        check_version(resource, &pointer)?;
        let full_url = entry.get("fullUrl").and_then(Value::as_str);
        entries.push((
            Entry {
                pointer,
                resource,
                resource_type,
            },
            full_url,
        ));
    }
    Ok(entries)
}

/// Rejects a resource whose `meta.profile` names a version-specific core profile of
/// another FHIR version (`http://hl7.org/fhir/<version>/StructureDefinition/…`).
fn check_version(resource: &Value, pointer: &str) -> Result<(), ImportError> {
    let Some(profiles) = resource.pointer("/meta/profile").and_then(Value::as_array) else {
        return Ok(());
    };
    for (index, profile) in profiles.iter().enumerate() {
        let Some(url) = profile.as_str() else {
            continue;
        };
        if let Some(rest) = url.strip_prefix("http://hl7.org/fhir/") {
            if let Some((version, tail)) = rest.split_once('/') {
                let numeric = version.chars().all(|c| c.is_ascii_digit() || c == '.');
                if numeric
                    && !version.is_empty()
                    && tail.starts_with("StructureDefinition/")
                    && version != "4.0"
                    && version != "4.0.1"
                {
                    return Err(ImportError::NotR4 {
                        pointer: format!("{pointer}/meta/profile/{index}"),
                        reason: "the profile belongs to another FHIR version",
                    });
                }
            }
        }
    }
    Ok(())
}

static NULL: Value = Value::Null;

/// Where an enrollment is: case file index and enrollment index.
type EnrollmentAt = (usize, usize);

struct Reader<'a> {
    entries: Vec<Entry<'a>>,
    by_url: HashMap<String, usize>,
    used: Vec<bool>,
    cases: Vec<CaseFile>,
    patient_case: HashMap<usize, usize>,
    episode_at: HashMap<usize, EnrollmentAt>,
    plan_at: HashMap<usize, EnrollmentAt>,
    summary: ImportSummary,
}

fn str_at<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    value.get(key).and_then(Value::as_str)
}

fn list<'v>(value: &'v Value, key: &str) -> &'v [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn parse_date(value: Option<&Value>) -> Option<NaiveDate> {
    let text = value?.as_str()?;
    let day = text.get(..10).unwrap_or(text);
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

fn parse_time(value: Option<&Value>) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(value?.as_str()?).ok()
}

/// The hearth identifier of `kind` on a resource: its value, or "" when the identifier
/// has no value.
fn ident(resource: &Value, kind: &str) -> Option<String> {
    let wanted = id_system(kind);
    list(resource, "identifier")
        .iter()
        .find(|i| str_at(i, "system") == Some(wanted.as_str()))
        .map(|i| str_at(i, "value").unwrap_or("").to_owned())
}

/// The code (or, failing that, the display) of the first Coding of `system` in a
/// CodeableConcept.
fn concept_code(concept: Option<&Value>, wanted: &str) -> Option<String> {
    list(concept?, "coding")
        .iter()
        .find(|c| str_at(c, "system") == Some(wanted))
        .map(|c| {
            str_at(c, "code")
                .or_else(|| str_at(c, "display"))
                .unwrap_or("")
                .to_owned()
        })
}

/// The code of `system` in any of a list of CodeableConcepts.
fn concepts_code(concepts: &[Value], wanted: &str) -> Option<String> {
    concepts.iter().find_map(|c| concept_code(Some(c), wanted))
}

fn exts<'v>(resource: &'v Value, name: &str) -> impl Iterator<Item = &'v Value> + 'v {
    let url = extension(name);
    list(resource, "extension")
        .iter()
        .filter(move |e| str_at(e, "url") == Some(url.as_str()))
}

fn ext_value<'v>(resource: &'v Value, name: &str, key: &str) -> Option<&'v Value> {
    exts(resource, name).find_map(|e| e.get(key))
}

fn ext_bool(resource: &Value, name: &str) -> Option<bool> {
    ext_value(resource, name, "valueBoolean").and_then(Value::as_bool)
}

fn is_placeholder(resource: &Value) -> bool {
    let tag = system("tag");
    resource
        .pointer("/meta/tag")
        .and_then(Value::as_array)
        .is_some_and(|tags| {
            tags.iter().any(|t| {
                str_at(t, "system") == Some(tag.as_str()) && str_at(t, "code") == Some(PLACEHOLDER)
            })
        })
}

impl<'a> Reader<'a> {
    fn new(raw: &[(Entry<'a>, Option<&'a str>)]) -> Self {
        let mut by_url = HashMap::new();
        let mut entries = Vec::with_capacity(raw.len());
        for (index, (entry, full_url)) in raw.iter().enumerate() {
            if let Some(url) = full_url {
                by_url.entry((*url).to_owned()).or_insert(index);
            }
            if let Some(id) = str_at(entry.resource, "id") {
                by_url
                    .entry(format!("{}/{id}", entry.resource_type))
                    .or_insert(index);
            }
            entries.push(Entry {
                pointer: entry.pointer.clone(),
                resource: entry.resource,
                resource_type: entry.resource_type,
            });
        }
        let count = entries.len();
        Reader {
            entries,
            by_url,
            used: vec![false; count],
            cases: Vec::new(),
            patient_case: HashMap::new(),
            episode_at: HashMap::new(),
            plan_at: HashMap::new(),
            summary: ImportSummary {
                entries: count,
                ..ImportSummary::default()
            },
        }
    }

    /// The resource of an entry (JSON null for an index out of range).
    fn res(&self, index: usize) -> &'a Value {
        self.entries.get(index).map(|e| e.resource).unwrap_or(&NULL)
    }

    /// The entry a Reference points to.
    fn target(&self, reference: Option<&Value>) -> Option<usize> {
        let text = str_at(reference?, "reference")?;
        self.by_url.get(text).copied()
    }

    fn resource(&self, index: usize) -> Option<&'a Value> {
        self.entries.get(index).map(|e| e.resource)
    }

    /// The hearth id of `kind` of the resource a Reference points to.
    fn ref_id(&self, reference: Option<&Value>, kind: &str) -> Option<String> {
        let target = self.target(reference)?;
        ident(self.resource(target)?, kind)
    }

    fn mark(&mut self, index: usize) {
        if let Some(flag) = self.used.get_mut(index) {
            *flag = true;
        }
    }

    fn skip(&mut self, index: usize, reason: &'static str) {
        self.mark(index);
        if let Some(entry) = self.entries.get(index) {
            self.summary.skipped.push(Skipped {
                pointer: entry.pointer.clone(),
                resource_type: entry.resource_type.to_owned(),
                reason,
            });
        }
    }

    fn case_of(&self, reference: Option<&Value>) -> Option<usize> {
        self.target(reference)
            .and_then(|t| self.patient_case.get(&t).copied())
    }

    fn enrollment_mut(&mut self, at: EnrollmentAt) -> Option<&mut Enrollment> {
        self.cases.get_mut(at.0)?.enrollments.get_mut(at.1)
    }

    fn episode_of(&self, reference: Option<&Value>) -> Option<EnrollmentAt> {
        self.target(reference)
            .and_then(|t| self.episode_at.get(&t).copied())
    }

    fn of_type(&self, resource_type: &str) -> Vec<usize> {
        (0..self.entries.len())
            .filter(|&i| {
                self.entries.get(i).is_some_and(|e| {
                    e.resource_type == resource_type && !is_placeholder(e.resource)
                })
            })
            .collect()
    }

    fn read(&mut self) {
        self.patients();
        self.parties();
        self.consents();
        self.assessments();
        self.episodes();
        self.care_plans();
        self.encounters();
        self.conditions();
        self.service_requests();
        self.provenance();
        for index in self.of_type("Practitioner") {
            if ident(self.res(index), "staff").is_some() {
                self.mark(index);
            }
        }
        for index in self.of_type("CodeSystem") {
            let url = str_at(self.res(index), "url").unwrap_or("");
            if url.starts_with(codes::BASE) {
                self.mark(index);
            }
        }
    }

    fn finish(mut self) -> Import {
        for (index, entry) in self.entries.iter().enumerate() {
            let used = self.used.get(index).copied().unwrap_or(false);
            let name = entry.resource_type.to_owned();
            if is_placeholder(entry.resource) {
                self.summary.placeholders += 1;
            } else if used {
                if !self
                    .summary
                    .skipped
                    .iter()
                    .any(|s| s.pointer == entry.pointer)
                {
                    *self.summary.mapped.entry(name).or_insert(0) += 1;
                }
            } else {
                *self.summary.not_mapped.entry(name).or_insert(0) += 1;
            }
        }
        Import {
            case_files: self.cases,
            summary: self.summary,
        }
    }

    fn patients(&mut self) {
        for index in self.of_type("Patient") {
            let resource = self.res(index);
            let Some(id) = ident(resource, "participant") else {
                continue;
            };
            let participant = Participant {
                id: ParticipantId::new(id),
                household: ext_value(resource, "household", "valueCode")
                    .and_then(Value::as_str)
                    .and_then(parse_code),
                age_band: ext_value(resource, "age-band", "valueCode")
                    .and_then(Value::as_str)
                    .and_then(parse_code),
                veteran: ext_bool(resource, "veteran"),
                personal: None,
            };
            self.patient_case.insert(index, self.cases.len());
            self.cases.push(CaseFile {
                schema_version: SchemaVersion::CURRENT,
                participant,
                parties: Vec::new(),
                consents: Vec::new(),
                assessments: Vec::new(),
                enrollments: Vec::new(),
                entry_decisions: Vec::new(),
            });
            self.mark(index);
        }
    }

    fn parties(&mut self) {
        let kind_system = system("party-kind");
        for resource_type in ["Organization", "RelatedPerson"] {
            for index in self.of_type(resource_type) {
                let resource = self.res(index);
                let Some(id) = ident(resource, "party") else {
                    continue;
                };
                let concepts = if resource_type == "Organization" {
                    list(resource, "type")
                } else {
                    list(resource, "relationship")
                };
                let kind = concepts_code(concepts, &kind_system)
                    .and_then(|c| parse_code(&c))
                    .unwrap_or(PartyKind::Other);
                let party = Party {
                    id: PartyId::new(id),
                    kind,
                    name: None,
                };
                let owners: Vec<usize> = if resource_type == "RelatedPerson" {
                    self.case_of(resource.get("patient")).into_iter().collect()
                } else {
                    (0..self.cases.len()).collect()
                };
                if owners.is_empty() {
                    self.skip(index, "the related person's patient is not in the Bundle");
                    continue;
                }
                for owner in owners {
                    if let Some(case) = self.cases.get_mut(owner) {
                        case.parties.push(party.clone());
                    }
                }
                self.mark(index);
            }
        }
        // Parties are listed in Bundle order whatever their resource type.
        let order: HashMap<String, usize> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| ident(e.resource, "party").map(|id| (id, i)))
            .fold(HashMap::new(), |mut map, (id, i)| {
                map.entry(id).or_insert(i);
                map
            });
        for case in &mut self.cases {
            case.parties
                .sort_by_key(|p| order.get(p.id.as_str()).copied());
        }
    }

    fn consents(&mut self) {
        for index in self.of_type("Consent") {
            let resource = self.res(index);
            let Some(id) = ident(resource, "consent") else {
                continue;
            };
            let Some(case) = self.case_of(resource.get("patient")) else {
                self.skip(index, "the consent's patient is not in the Bundle");
                continue;
            };
            let actor = resource
                .pointer("/provision/actor/0/reference")
                .and_then(|r| self.ref_id(Some(r), "party"));
            let Some(party) = actor else {
                self.skip(index, "the consent names no recipient party");
                continue;
            };
            let consent = Consent {
                id: ConsentId::new(id),
                party: PartyId::new(party),
                signed_on: parse_date(resource.get("dateTime")),
                expires_on: parse_date(resource.pointer("/provision/period/end")),
                revoked_on: parse_date(ext_value(resource, "revoked-on", "valueDate")),
                refused_on: parse_date(ext_value(resource, "refused-on", "valueDate")),
                at_intake: ext_bool(resource, "at-intake").unwrap_or(false),
            };
            if let Some(case) = self.cases.get_mut(case) {
                case.consents.push(consent);
            }
            self.mark(index);
        }
    }

    fn assessments(&mut self) {
        let item_system = system("instrument-item");
        for index in self.of_type("Observation") {
            let resource = self.res(index);
            let Some(id) = ident(resource, "assessment") else {
                continue;
            };
            let Some(case) = self.case_of(resource.get("subject")) else {
                self.skip(index, "the assessment's subject is not in the Bundle");
                continue;
            };
            let instrument = concept_code(resource.get("code"), &system("instrument"));
            let started = parse_date(resource.get("effectiveDateTime"));
            let (Some(instrument), Some(started_on)) = (instrument, started) else {
                self.skip(index, "the assessment has no instrument code or start date");
                continue;
            };
            let mut items = Vec::new();
            for component in list(resource, "component") {
                let item = concept_code(component.get("code"), &item_system).unwrap_or_default();
                let answer = if component.get("dataAbsentReason").is_some() {
                    Answer::Refused
                } else {
                    let score = component
                        .get("valueInteger")
                        .or_else(|| component.pointer("/valueQuantity/value"))
                        .and_then(Value::as_u64)
                        .and_then(|n| u32::try_from(n).ok());
                    match score {
                        Some(score) => Answer::Score(score),
                        None => continue,
                    }
                };
                items.push(ItemAnswer { item, answer });
            }
            let assessment = Assessment {
                id: AssessmentId::new(id),
                instrument: InstrumentId::new(instrument),
                started_on,
                completed_on: parse_date(ext_value(resource, "completed-on", "valueDate")),
                assessed_by: list(resource, "performer")
                    .first()
                    .and_then(|p| self.ref_id(Some(p), "staff"))
                    .map(StaffId::new),
                items,
                total: resource
                    .pointer("/valueQuantity/value")
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok()),
                band: list(resource, "interpretation")
                    .first()
                    .and_then(|c| concept_code(Some(c), &system("instrument-band"))),
                annual: ext_bool(resource, "annual").unwrap_or(false),
            };
            if let Some(case) = self.cases.get_mut(case) {
                case.assessments.push(assessment);
            }
            self.mark(index);
        }
    }

    fn episodes(&mut self) {
        for index in self.of_type("EpisodeOfCare") {
            let resource = self.res(index);
            let Some(id) = ident(resource, "enrollment") else {
                continue;
            };
            let Some(case) = self.case_of(resource.get("patient")) else {
                self.skip(index, "the episode's patient is not in the Bundle");
                continue;
            };
            let types = list(resource, "type");
            let program: Option<ProgramModel> =
                concepts_code(types, &system("program")).and_then(|c| parse_code(&c));
            let entered = parse_date(resource.pointer("/period/start"));
            let (Some(program), Some(entered_on)) = (program, entered) else {
                self.skip(
                    index,
                    "the episode has no hearth program code or start date",
                );
                continue;
            };
            let funding_system = system("funding");
            let enrollment = Enrollment {
                id: EnrollmentId::new(id),
                program,
                tier: concepts_code(types, &system("tier")).and_then(|c| parse_code(&c)),
                funding: types
                    .iter()
                    .filter_map(|t| concept_code(Some(t), &funding_system))
                    .filter_map(|c| parse_code(&c))
                    .collect(),
                case_manager: self
                    .ref_id(resource.get("careManager"), "staff")
                    .map(StaffId::new),
                referred_on: None,
                initial_contact_on: None,
                shelter_entry_on: None,
                first_interview_on: None,
                entered_on,
                move_in_on: None,
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
            };
            if let Some(file) = self.cases.get_mut(case) {
                self.episode_at
                    .insert(index, (case, file.enrollments.len()));
                file.enrollments.push(enrollment);
            }
            self.mark(index);
        }
    }

    fn goal_area(&self, resource: &Value) -> Option<GoalArea> {
        concept_code(resource.get("description"), &system("goal-area")).and_then(|c| parse_code(&c))
    }

    fn objective(&mut self, index: usize) -> Option<Objective> {
        let resource = self.resource(index)?;
        if is_placeholder(resource) {
            return None;
        }
        let id = ident(resource, "objective")?;
        self.mark(index);
        Some(Objective {
            id: ObjectiveId::new(id),
            description: None,
            measure: None,
            target_date: parse_date(resource.pointer("/target/0/dueDate")),
            met_on: parse_date(resource.get("statusDate")),
        })
    }

    fn goal(&mut self, index: usize) -> Option<Goal> {
        let resource = self.resource(index)?;
        let id = ident(resource, "goal")?;
        let status = match str_at(resource, "lifecycleStatus") {
            Some("active") => GoalStatus::Active,
            Some("completed") => GoalStatus::Achieved,
            Some("on-hold") => GoalStatus::Deferred,
            Some("cancelled") => GoalStatus::Discontinued,
            _ => {
                self.skip(
                    index,
                    "the goal's lifecycle status has no hearth equivalent",
                );
                return None;
            }
        };
        let (Some(area), Some(set_on)) = (
            self.goal_area(resource),
            parse_date(resource.get("startDate")),
        ) else {
            self.skip(index, "the goal has no hearth goal area or start date");
            return None;
        };
        let relationship = exts_url(resource, codes::EXT_GOAL_RELATIONSHIP);
        let mut objectives = Vec::new();
        for rel in relationship {
            let target = list(rel, "extension")
                .iter()
                .find(|e| str_at(e, "url") == Some("target"))
                .and_then(|e| self.target(e.get("valueReference")));
            if let Some(objective) = target.and_then(|t| self.objective(t)) {
                objectives.push(objective);
            }
        }
        self.mark(index);
        Some(Goal {
            id: GoalId::new(id),
            area,
            status,
            set_on,
            closed_on: parse_date(resource.get("statusDate")),
            statement: None,
            measure: None,
            target_date: parse_date(resource.pointer("/target/0/dueDate")),
            strengths: Vec::new(),
            participant_words: None,
            participant_priority: ext_value(resource, "participant-priority", "valueUnsignedInt")
                .and_then(Value::as_u64)
                .and_then(|n| u8::try_from(n).ok()),
            set_by: ext_value(resource, "goal-author", "valueCode")
                .and_then(Value::as_str)
                .and_then(parse_code),
            long_term_goal: self
                .ref_id(
                    ext_value(resource, "serves-long-term-goal", "valueReference"),
                    "long-term-goal",
                )
                .map(LongTermGoalId::new),
            objectives,
        })
    }

    fn care_plans(&mut self) {
        for index in self.of_type("CarePlan") {
            let resource = self.res(index);
            let Some(at) = list(resource, "supportingInfo")
                .iter()
                .find_map(|r| self.episode_of(Some(r)))
            else {
                self.skip(index, "the care plan names no hearth episode of care");
                continue;
            };
            let Some(created_on) = parse_date(resource.get("created")) else {
                self.skip(index, "the care plan has no creation date");
                continue;
            };
            let mut plan = CarePlan {
                created_on,
                long_term_goals: Vec::new(),
                goals: Vec::new(),
                tasks: Vec::new(),
                services: Vec::new(),
                supports: Vec::new(),
                skills: Vec::new(),
                contact_schedule: None,
                breach_terms: None,
                signatures: Vec::new(),
                reviews: Vec::new(),
                action_steps: Vec::new(),
                phases: Vec::new(),
                outcome: None,
            };
            for reference in list(resource, "goal") {
                let Some(target) = self.target(Some(reference)) else {
                    continue;
                };
                let Some(goal) = self.resource(target) else {
                    continue;
                };
                if is_placeholder(goal) {
                    continue;
                }
                if let Some(id) = ident(goal, "long-term-goal") {
                    plan.long_term_goals.push(LongTermGoal {
                        id: LongTermGoalId::new(id),
                        statement: None,
                        area: self.goal_area(goal),
                    });
                    self.mark(target);
                } else if let Some(goal) = self.goal(target) {
                    plan.goals.push(goal);
                }
            }
            for activity in list(resource, "activity") {
                if let Some(step) = self.activity(activity) {
                    plan.action_steps.push(step);
                }
            }
            if let Some(enrollment) = self.enrollment_mut(at) {
                enrollment.care_plan = Some(plan);
                self.plan_at.insert(index, at);
                self.mark(index);
            }
        }
    }

    fn activity(&self, activity: &Value) -> Option<PlannedActionStep> {
        let id = ext_value(activity, "action-step-id", "valueIdentifier")
            .map(|i| str_at(i, "value").unwrap_or("").to_owned())?;
        let detail = activity.get("detail")?;
        let step = concept_code(detail.get("code"), &system("action-step"))?;
        let status = match str_at(detail, "status")? {
            "not-started" => ActionStepStatus::Planned,
            "in-progress" => ActionStepStatus::InProgress,
            "completed" => ActionStepStatus::Done,
            "cancelled" => ActionStepStatus::Cancelled,
            _ => return None,
        };
        Some(PlannedActionStep {
            id: ActionStepId::new(id),
            step: StepId::new(step),
            added_on: parse_date(detail.pointer("/scheduledPeriod/start"))?,
            status,
            done_on: parse_date(ext_value(activity, "done-on", "valueDate")),
            goal: list(detail, "goal")
                .first()
                .and_then(|r| self.ref_id(Some(r), "goal"))
                .map(GoalId::new),
            party: list(detail, "performer")
                .first()
                .and_then(|r| self.ref_id(Some(r), "party"))
                .map(PartyId::new),
            addresses_risk: list(detail, "reasonReference")
                .first()
                .and_then(|r| self.ref_id(Some(r), "risk-observation"))
                .map(RiskObservationId::new),
        })
    }

    fn encounters(&mut self) {
        for index in self.of_type("Encounter") {
            let resource = self.res(index);
            let Some(id) = ident(resource, "encounter") else {
                continue;
            };
            let Some(at) = list(resource, "episodeOfCare")
                .iter()
                .find_map(|r| self.episode_of(Some(r)))
            else {
                self.skip(index, "the encounter names no hearth episode of care");
                continue;
            };
            let types = list(resource, "type");
            let started = parse_time(resource.pointer("/period/start"));
            let mode: Option<ContactMode> =
                concepts_code(types, &system("contact-mode")).and_then(|c| parse_code(&c));
            let (Some(started_at), Some(mode)) = (started, mode) else {
                self.skip(
                    index,
                    "the encounter has no start date-time or contact mode",
                );
                continue;
            };
            let mut goals_discussed = Vec::new();
            for progress in exts(resource, "goal-progress") {
                let parts = list(progress, "extension");
                let goal = parts
                    .iter()
                    .find(|p| str_at(p, "url") == Some("goal"))
                    .and_then(|p| self.ref_id(p.get("valueReference"), "goal"));
                let value = parts
                    .iter()
                    .find(|p| str_at(p, "url") == Some("progress"))
                    .and_then(|p| str_at(p, "valueCode"))
                    .and_then(parse_code);
                if let (Some(goal), Some(progress)) = (goal, value) {
                    goals_discussed.push(GoalProgress {
                        goal: GoalId::new(goal),
                        progress,
                    });
                }
            }
            let encounter = Encounter {
                id: EncounterId::new(id),
                started_at,
                minutes: resource
                    .pointer("/length/value")
                    .and_then(Value::as_u64)
                    .and_then(|n| u32::try_from(n).ok()),
                mode,
                location: concepts_code(types, &system("location")).and_then(|c| parse_code(&c)),
                kind: concepts_code(types, &system("encounter-kind"))
                    .and_then(|c| parse_code(&c))
                    .unwrap_or(EncounterKind::Visit),
                status: concepts_code(types, &system("encounter-status"))
                    .and_then(|c| parse_code(&c))
                    .unwrap_or(if str_at(resource, "status") == Some("finished") {
                        EncounterStatus::Completed
                    } else {
                        EncounterStatus::CancelledByStaff
                    }),
                participant_present: ext_bool(resource, "participant-present").unwrap_or(true),
                announced: ext_bool(resource, "announced"),
                staff: list(resource, "participant")
                    .iter()
                    .filter_map(|p| self.ref_id(p.get("individual"), "staff"))
                    .map(StaffId::new)
                    .collect(),
                parties: exts(resource, "encounter-party")
                    .filter_map(|e| self.ref_id(e.get("valueReference"), "party"))
                    .map(PartyId::new)
                    .collect(),
                objectives: Vec::new(),
                goals_discussed,
                steps_done: Vec::new(),
                risks_observed: Vec::new(),
                next_visit: None,
                documented_at: None,
                late_entry: false,
                note: None,
            };
            if let Some(enrollment) = self.enrollment_mut(at) {
                enrollment.encounters.push(encounter);
                self.mark(index);
            }
        }
    }

    fn episode_ext(&self, resource: &Value) -> Option<EnrollmentAt> {
        list(resource, "extension")
            .iter()
            .filter(|e| str_at(e, "url") == Some(codes::EXT_EPISODE))
            .find_map(|e| self.episode_of(e.get("valueReference")))
    }

    fn conditions(&mut self) {
        for index in self.of_type("Condition") {
            let resource = self.res(index);
            let Some(id) = ident(resource, "risk-observation") else {
                continue;
            };
            let Some(at) = self.episode_ext(resource) else {
                self.skip(index, "the condition names no hearth episode of care");
                continue;
            };
            let risk = concept_code(resource.get("code"), &system("risk"));
            let observed = parse_date(resource.get("recordedDate"));
            let (Some(risk), Some(observed_on)) = (risk, observed) else {
                self.skip(
                    index,
                    "the condition has no hearth risk code or recorded date",
                );
                continue;
            };
            let observation = RiskObservation {
                id: RiskObservationId::new(id),
                risk: RiskId::new(risk),
                observed_on,
                source: ext_value(resource, "risk-source", "valueCode")
                    .and_then(Value::as_str)
                    .and_then(parse_code),
                in_home: ext_bool(resource, "in-home"),
                eviction_risk: ext_bool(resource, "eviction-risk").unwrap_or(false),
                encounter: self
                    .ref_id(resource.get("encounter"), "encounter")
                    .map(EncounterId::new),
                responses: Vec::new(),
                resolved_on: parse_date(resource.get("abatementDateTime")),
                details: None,
            };
            if let Some(enrollment) = self.enrollment_mut(at) {
                enrollment.risk_observations.push(observation);
                self.mark(index);
            }
        }
    }

    fn service_requests(&mut self) {
        for index in self.of_type("ServiceRequest") {
            let resource = self.res(index);
            let Some(id) = ident(resource, "referral") else {
                continue;
            };
            let Some(at) = self.episode_ext(resource) else {
                self.skip(index, "the service request names no hearth episode of care");
                continue;
            };
            let party = list(resource, "performer")
                .first()
                .and_then(|r| self.ref_id(Some(r), "party"));
            let made = parse_date(resource.get("authoredOn"));
            let (Some(party), Some(made_on)) = (party, made) else {
                self.skip(index, "the service request has no party or authored date");
                continue;
            };
            let referral = Referral {
                id: ReferralId::new(id),
                party: PartyId::new(party),
                made_on,
                step: concept_code(resource.get("code"), &system("action-step")).map(StepId::new),
                shares_information: ext_bool(resource, "shares-information").unwrap_or(true),
                linked_on: parse_date(ext_value(resource, "linked-on", "valueDate")),
                warm_handoff: ext_bool(resource, "warm-handoff").unwrap_or(false),
            };
            if let Some(enrollment) = self.enrollment_mut(at) {
                enrollment.referrals.push(referral);
                self.mark(index);
            }
        }
    }

    fn provenance(&mut self) {
        let sign_system = system("provenance-activity");
        let signer_system = system("signer");
        for index in self.of_type("Provenance") {
            let resource = self.res(index);
            let Some(at) = list(resource, "target")
                .iter()
                .find_map(|r| self.target(Some(r)))
                .and_then(|t| self.plan_at.get(&t).copied())
            else {
                continue;
            };
            let Some(day) = parse_date(resource.get("occurredDateTime")) else {
                self.skip(index, "the provenance has no occurrence date");
                continue;
            };
            let agents = list(resource, "agent");
            let activity = resource.get("activity");
            if concept_code(activity, codes::V3_DATA_OPERATION).as_deref() == Some("UPDATE") {
                let review = PlanReview {
                    reviewed_on: day,
                    reviewed_by: agents
                        .iter()
                        .find_map(|a| self.ref_id(a.get("who"), "staff"))
                        .map(StaffId::new),
                    with_participant: ext_bool(resource, "with-participant"),
                    supervisor_involved: ext_bool(resource, "supervisor-involved"),
                    summary: None,
                };
                if let Some(plan) = self.enrollment_mut(at).and_then(|e| e.care_plan.as_mut()) {
                    plan.reviews.push(review);
                }
                self.mark(index);
            } else if concept_code(activity, &sign_system).is_some() {
                let signer: Option<Signer> = agents
                    .iter()
                    .find_map(|a| concepts_code(list(a, "role"), &signer_system))
                    .and_then(|c| parse_code(&c));
                let Some(signer) = signer else {
                    self.skip(index, "the signature has no hearth signer role");
                    continue;
                };
                let signature = Signature {
                    signer,
                    staff: agents
                        .iter()
                        .find_map(|a| self.ref_id(a.get("who"), "staff"))
                        .map(StaffId::new),
                    party: agents
                        .iter()
                        .find_map(|a| self.ref_id(a.get("who"), "party"))
                        .map(PartyId::new),
                    signed_on: day,
                };
                if let Some(plan) = self.enrollment_mut(at).and_then(|e| e.care_plan.as_mut()) {
                    plan.signatures.push(signature);
                }
                self.mark(index);
            }
        }
    }
}

fn exts_url<'v>(resource: &'v Value, url: &'v str) -> impl Iterator<Item = &'v Value> + 'v {
    list(resource, "extension")
        .iter()
        .filter(move |e| str_at(e, "url") == Some(url))
}
