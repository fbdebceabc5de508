//! Case file → FHIR R4 `Bundle` (type `collection`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, Utc};
use hearth_catalog::Catalog;
use hearth_model::{
    Assessment, CarePlan, CaseFile, Consent, ContactMode, Encounter, EncounterStatus, Enrollment,
    Goal, GoalArea, GoalStatus, Location, Party, PartyKind, PlannedActionStep, Referral,
    RiskObservation, Signer,
};
use serde_json::{json, Map, Value};
use uuid::Uuid;

use crate::codes::{self, code_of, coding, concept, extension, fixed, identifier, system, BASE};

/// The kinds of record that become resources; each has its own id namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    Bundle,
    Patient,
    Enrollment,
    CarePlan,
    Goal,
    LongTermGoal,
    Objective,
    Encounter,
    Consent,
    Referral,
    Risk,
    Assessment,
    Staff,
    Party,
    Review,
    Signature,
    CodeSystem,
}

impl Kind {
    /// The identifier-system name (and the UUID name prefix).
    pub(crate) fn name(self) -> &'static str {
        match self {
            Kind::Bundle => "bundle",
            Kind::Patient => "participant",
            Kind::Enrollment => "enrollment",
            Kind::CarePlan => "care-plan",
            Kind::Goal => "goal",
            Kind::LongTermGoal => "long-term-goal",
            Kind::Objective => "objective",
            Kind::Encounter => "encounter",
            Kind::Consent => "consent",
            Kind::Referral => "referral",
            Kind::Risk => "risk-observation",
            Kind::Assessment => "assessment",
            Kind::Staff => "staff",
            Kind::Party => "party",
            Kind::Review => "plan-review",
            Kind::Signature => "plan-signature",
            Kind::CodeSystem => "code-system",
        }
    }
}

/// The tag marking a resource that only exists so that a reference resolves: the case
/// file names the record but does not hold it.
pub(crate) const PLACEHOLDER: &str = "placeholder";

/// The SDOH Clinical Care category of a goal area, where one fits.
fn goal_sdoh(area: GoalArea) -> Option<(&'static str, &'static str)> {
    match area {
        GoalArea::Housing => Some(("housing-instability", "Housing Instability")),
        GoalArea::Income | GoalArea::MoneyManagement => {
            Some(("financial-insecurity", "Financial Insecurity"))
        }
        GoalArea::Employment => Some(("employment-status", "Employment Status")),
        GoalArea::Education => Some(("educational-attainment", "Educational Attainment")),
        GoalArea::SocialConnection => Some(("social-connection", "Social Connection")),
        _ => None,
    }
}

/// The SDOH Clinical Care category of a catalog risk, where one fits.
fn risk_sdoh(risk: &str, category: Option<&str>) -> Option<(&'static str, &'static str)> {
    match (risk, category) {
        ("food-insecurity", _) => Some(("food-insecurity", "Food Insecurity")),
        ("domestic-violence", _) => {
            Some(("intimate-partner-violence", "Intimate Partner Violence"))
        }
        ("clutter-blocking-exits-pathways" | "fire-hazards", _) => {
            Some(("inadequate-housing", "Inadequate Housing"))
        }
        (_, Some("lease-violations")) => Some(("housing-instability", "Housing Instability")),
        _ => None,
    }
}

/// The display of a program model.
fn program_display(code: &str) -> &'static str {
    match code {
        "icms" => "Intensive Case Management Services (LA County)",
        "icm-rrh" => "Intensive Case Management with Rapid Re-Housing",
        "rrh" => "Rapid Re-Housing case management",
        "stl-coc" => "City of St. Louis CoC/ESG case management",
        "ct-psh" => "Connecticut Permanent Supportive Housing",
        _ => "Program",
    }
}

struct Exporter<'a> {
    pid: &'a str,
    namespace: Uuid,
    catalog: &'a Catalog,
    entries: Vec<Value>,
    /// Occurrences defined so far, per record.
    defined: HashMap<(Kind, String), u32>,
    /// Records referred to (the placeholders are those never defined).
    referred: BTreeSet<(Kind, String)>,
    /// hearth codes used, per exported code system.
    used: BTreeMap<&'static str, BTreeSet<String>>,
}

impl<'a> Exporter<'a> {
    fn uuid(&self, kind: Kind, id: &str, occurrence: u32) -> String {
        let mut name = format!(
            "{}:{}:{}:{}:{}",
            kind.name(),
            self.pid.len(),
            self.pid,
            id.len(),
            id
        );
        if occurrence > 0 {
            name.push_str(&format!(":{occurrence}"));
        }
        Uuid::new_v5(&self.namespace, name.as_bytes())
            .hyphenated()
            .to_string()
    }

    /// The reference to a record (its first occurrence).
    fn reference(&mut self, kind: Kind, id: &str) -> Value {
        self.referred.insert((kind, id.to_owned()));
        json!({ "reference": format!("urn:uuid:{}", self.uuid(kind, id, 0)) })
    }

    fn patient(&mut self) -> Value {
        let pid = self.pid.to_owned();
        self.reference(Kind::Patient, &pid)
    }

    /// Adds a resource for a record, returning its reference. A record defined twice (a
    /// duplicated id) gets a resource of its own; references point to the first.
    fn add(&mut self, kind: Kind, id: &str, mut resource: Value) -> Value {
        let count = self.defined.entry((kind, id.to_owned())).or_insert(0);
        let occurrence = *count;
        *count = count.saturating_add(1);
        let uuid = self.uuid(kind, id, occurrence);
        if let Some(object) = resource.as_object_mut() {
            object.insert("id".to_owned(), Value::String(uuid.clone()));
        }
        let full_url = format!("urn:uuid:{uuid}");
        // Built by hand: `json!` would serialise the resource into a copy.
        let mut entry = Map::new();
        entry.insert("fullUrl".to_owned(), Value::String(full_url.clone()));
        entry.insert("resource".to_owned(), resource);
        self.entries.push(Value::Object(entry));
        json!({ "reference": full_url })
    }

    fn use_code(&mut self, which: &'static str, code: &str) {
        if codes::is_fhir_code(code) {
            self.used.entry(which).or_default().insert(code.to_owned());
        }
    }

    fn episode_ext(&mut self, enrollment: &str) -> Value {
        let reference = self.reference(Kind::Enrollment, enrollment);
        json!({ "url": codes::EXT_EPISODE, "valueReference": reference })
    }

    fn party_ref(&mut self, id: &str) -> Value {
        self.reference(Kind::Party, id)
    }

    fn staff_ref(&mut self, id: &str) -> Value {
        self.reference(Kind::Staff, id)
    }
}

fn date(d: NaiveDate) -> Value {
    Value::String(d.format("%Y-%m-%d").to_string())
}

/// A date-time as FHIR writes it; an offset FHIR cannot express (beyond ±14:00, or with
/// seconds) is written in UTC.
pub(crate) fn date_time(t: &DateTime<FixedOffset>) -> String {
    let offset = t.offset().local_minus_utc();
    if offset % 60 == 0 && offset.abs() <= 14 * 3600 {
        t.to_rfc3339_opts(SecondsFormat::AutoSi, false)
    } else {
        t.with_timezone(&Utc)
            .to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }
}

fn ext(name: &str, key: &str, value: Value) -> Value {
    let mut object = Map::new();
    object.insert("url".to_owned(), Value::String(extension(name)));
    object.insert(key.to_owned(), value);
    Value::Object(object)
}

fn insert(object: &mut Value, key: &str, value: Value) {
    if let Some(map) = object.as_object_mut() {
        map.insert(key.to_owned(), value);
    }
}

fn push_nonempty(object: &mut Value, key: &str, values: Vec<Value>) {
    if !values.is_empty() {
        insert(object, key, Value::Array(values));
    }
}

/// Exports one case file as a FHIR R4 `Bundle` of type `collection`.
///
/// The Bundle is deterministic: resource ids are name-based UUIDs (v5) of the
/// participant id, the kind of record and the record id, so the same case file always
/// gives the same Bundle, byte for byte once serialised. Every reference resolves to an
/// entry of the Bundle: a record the case file names but does not hold (a staff member,
/// a party missing from the party list, a goal id that is not in the plan) becomes a
/// minimal resource carrying only its identifier, tagged `placeholder`.
///
/// No name, birth date, address, telephone, e-mail or free text is exported: see
/// `docs/fhir.md` for the mapping and what does not survive.
///
/// ```
/// let case = hearth_model::parse_case_file(r#"{"schema_version": "1.0",
///   "participant": {"id": "P-0001"},
///   "enrollments": [{"id": "E-1", "program": "rrh", "entered_on": "2026-01-05"}]}"#)?;
/// let bundle = hearth_fhir::to_bundle(&case, &hearth_catalog::Catalog::builtin());
/// assert_eq!(bundle["resourceType"], "Bundle");
/// assert_eq!(bundle["type"], "collection");
/// let back = hearth_fhir::from_bundle(&bundle)?;
/// assert_eq!(back.case_files, vec![hearth_fhir::retained(&case)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_bundle(case: &CaseFile, catalog: &Catalog) -> Value {
    let pid = case.participant.id.as_str();
    let mut x = Exporter {
        pid,
        namespace: Uuid::new_v5(&Uuid::NAMESPACE_URL, BASE.as_bytes()),
        catalog,
        entries: Vec::new(),
        defined: HashMap::new(),
        referred: BTreeSet::new(),
        used: BTreeMap::new(),
    };

    patient(&mut x, case);
    for party in &case.parties {
        party_resource(&mut x, party);
    }
    for consent in &case.consents {
        consent_resource(&mut x, consent);
    }
    for assessment in &case.assessments {
        assessment_resource(&mut x, assessment);
    }
    for enrollment in &case.enrollments {
        enrollment_resources(&mut x, case, enrollment);
    }
    placeholders(&mut x);
    code_systems(&mut x);

    let bundle_id = x.uuid(Kind::Bundle, pid, 0);
    let mut bundle = Map::new();
    bundle.insert("resourceType".to_owned(), json!("Bundle"));
    bundle.insert("id".to_owned(), Value::String(bundle_id));
    bundle.insert("type".to_owned(), json!("collection"));
    bundle.insert("entry".to_owned(), Value::Array(x.entries));
    Value::Object(bundle)
}

fn patient(x: &mut Exporter<'_>, case: &CaseFile) {
    let p = &case.participant;
    let mut resource = json!({
        "resourceType": "Patient",
        "identifier": [identifier(Kind::Patient.name(), p.id.as_str())],
    });
    let mut exts = Vec::new();
    if let Some(household) = &p.household {
        exts.push(ext("household", "valueCode", json!(code_of(household))));
    }
    if let Some(band) = &p.age_band {
        exts.push(ext("age-band", "valueCode", json!(code_of(band))));
    }
    if let Some(veteran) = p.veteran {
        exts.push(ext("veteran", "valueBoolean", json!(veteran)));
    }
    push_nonempty(&mut resource, "extension", exts);
    let pid = x.pid.to_owned();
    x.add(Kind::Patient, &pid, resource);
}

fn party_resource(x: &mut Exporter<'_>, party: &Party) {
    let kind = concept(&system("party-kind"), &code_of(&party.kind));
    let resource = match party.kind {
        PartyKind::FamilyMember | PartyKind::Caregiver => {
            let mut relationship = vec![kind];
            if party.kind == PartyKind::FamilyMember {
                relationship.push(fixed(codes::V3_ROLE_CODE, "FAMMEMB", "family member"));
            }
            json!({
                "resourceType": "RelatedPerson",
                "identifier": [identifier(Kind::Party.name(), party.id.as_str())],
                "patient": x.patient(),
                "relationship": relationship,
            })
        }
        _ => json!({
            "resourceType": "Organization",
            "identifier": [identifier(Kind::Party.name(), party.id.as_str())],
            "type": [kind],
        }),
    };
    x.add(Kind::Party, party.id.as_str(), resource);
}

fn consent_resource(x: &mut Exporter<'_>, c: &Consent) {
    let status = if c.revoked_on.is_some() {
        "inactive"
    } else if c.refused_on.is_some() {
        "rejected"
    } else if c.signed_on.is_some() {
        "active"
    } else {
        "proposed"
    };
    let mut provision = json!({
        "type": "permit",
        "actor": [{
            "role": fixed(codes::V3_PARTICIPATION, "IRCP", "information recipient"),
            "reference": x.party_ref(c.party.as_str()),
        }],
    });
    if let Some(expires) = c.expires_on {
        insert(&mut provision, "period", json!({ "end": date(expires) }));
    }
    let mut resource = json!({
        "resourceType": "Consent",
        "identifier": [identifier(Kind::Consent.name(), c.id.as_str())],
        "status": status,
        "scope": fixed(codes::CONSENT_SCOPE, "patient-privacy", "Privacy Consent"),
        "category": [fixed(codes::LOINC, "59284-0", "Patient Consent")],
        "patient": x.patient(),
        "policyRule": fixed(codes::V3_ACT_CODE, "OPTIN", "opt-in"),
        "provision": provision,
    });
    if let Some(signed) = c.signed_on {
        insert(&mut resource, "dateTime", date(signed));
    }
    let mut exts = Vec::new();
    if let Some(revoked) = c.revoked_on {
        exts.push(ext("revoked-on", "valueDate", date(revoked)));
    }
    if let Some(refused) = c.refused_on {
        exts.push(ext("refused-on", "valueDate", date(refused)));
    }
    if c.at_intake {
        exts.push(ext("at-intake", "valueBoolean", json!(true)));
    }
    push_nonempty(&mut resource, "extension", exts);
    x.add(Kind::Consent, c.id.as_str(), resource);
}

fn assessment_resource(x: &mut Exporter<'_>, a: &Assessment) {
    x.use_code("instrument", a.instrument.as_str());
    let mut resource = json!({
        "resourceType": "Observation",
        "identifier": [identifier(Kind::Assessment.name(), a.id.as_str())],
        "status": if a.completed_on.is_some() { "final" } else { "preliminary" },
        "category": [fixed(codes::OBSERVATION_CATEGORY, "survey", "Survey")],
        "code": concept(&system("instrument"), a.instrument.as_str()),
        "subject": x.patient(),
        "effectiveDateTime": date(a.started_on),
    });
    if let Some(by) = &a.assessed_by {
        let staff = x.staff_ref(by.as_str());
        insert(&mut resource, "performer", json!([staff]));
    }
    if let Some(total) = a.total {
        insert(&mut resource, "valueQuantity", json!({ "value": total }));
    }
    if let Some(band) = &a.band {
        insert(
            &mut resource,
            "interpretation",
            json!([concept(&system("instrument-band"), band)]),
        );
    }
    let components: Vec<Value> = a
        .items
        .iter()
        .map(|item| {
            let mut component = json!({ "code": concept(&system("instrument-item"), &item.item) });
            match item.answer {
                hearth_model::Answer::Score(score) => match i32::try_from(score) {
                    Ok(small) => insert(&mut component, "valueInteger", json!(small)),
                    Err(_) => insert(&mut component, "valueQuantity", json!({ "value": score })),
                },
                hearth_model::Answer::Refused => insert(
                    &mut component,
                    "dataAbsentReason",
                    fixed(
                        codes::DATA_ABSENT_REASON,
                        "asked-declined",
                        "Asked But Declined",
                    ),
                ),
            }
            component
        })
        .collect();
    push_nonempty(&mut resource, "component", components);
    let mut exts = Vec::new();
    if let Some(completed) = a.completed_on {
        exts.push(ext("completed-on", "valueDate", date(completed)));
    }
    if a.annual {
        exts.push(ext("annual", "valueBoolean", json!(true)));
    }
    push_nonempty(&mut resource, "extension", exts);
    x.add(Kind::Assessment, a.id.as_str(), resource);
}

fn enrollment_resources(x: &mut Exporter<'_>, case: &CaseFile, e: &Enrollment) {
    let _ = case;
    let eid = e.id.as_str();
    let program = code_of(&e.program);
    x.use_code("program", &program);
    let mut types = vec![concept(&system("program"), &program)];
    if let Some(tier) = &e.tier {
        types.push(concept(&system("tier"), &code_of(tier)));
    }
    for funding in &e.funding {
        types.push(concept(&system("funding"), &code_of(funding)));
    }
    let mut period = json!({ "start": date(e.entered_on) });
    if let Some(exit) = &e.exit {
        if exit.exited_on >= e.entered_on {
            insert(&mut period, "end", date(exit.exited_on));
        }
    }
    let mut episode = json!({
        "resourceType": "EpisodeOfCare",
        "identifier": [identifier(Kind::Enrollment.name(), eid)],
        "status": if e.exit.is_some() { "finished" } else { "active" },
        "type": types,
        "patient": x.patient(),
        "period": period,
    });
    if let Some(cm) = &e.case_manager {
        let staff = x.staff_ref(cm.as_str());
        insert(&mut episode, "careManager", staff);
    }
    // The episode's occurrence decides the care plan's key, so that a duplicated
    // enrollment id still gives each care plan its own resource.
    let occurrence = x
        .defined
        .get(&(Kind::Enrollment, eid.to_owned()))
        .copied()
        .unwrap_or(0);
    let episode_ref = x.add(Kind::Enrollment, eid, episode);
    let plan_key = if occurrence == 0 {
        eid.to_owned()
    } else {
        format!("{eid}#{occurrence}")
    };

    if let Some(plan) = &e.care_plan {
        care_plan(x, e, plan, &plan_key, episode_ref.clone());
    }
    for encounter in &e.encounters {
        encounter_resource(x, eid, encounter, episode_ref.clone());
    }
    for risk in &e.risk_observations {
        condition_resource(x, eid, risk);
    }
    for referral in &e.referrals {
        service_request(x, eid, referral, case);
    }
}

fn goal_base(x: &mut Exporter<'_>, kind: Kind, id: &str, enrollment: &str) -> Value {
    let episode = x.episode_ext(enrollment);
    json!({
        "resourceType": "Goal",
        "identifier": [identifier(kind.name(), id)],
        "category": [concept(&system("goal-kind"), kind.name())],
        "subject": x.patient(),
        "extension": [episode],
    })
}

fn target(due: Option<NaiveDate>) -> Option<Value> {
    due.map(|due| {
        json!([{
            "measure": fixed(&system("goal-measure"), "goal-met", "Goal met"),
            "detailBoolean": true,
            "dueDate": date(due),
        }])
    })
}

fn push_ext(resource: &mut Value, value: Value) {
    if let Some(map) = resource.as_object_mut() {
        match map.get_mut("extension").and_then(Value::as_array_mut) {
            Some(list) => list.push(value),
            None => {
                map.insert("extension".to_owned(), json!([value]));
            }
        }
    }
}

fn goal_resource(x: &mut Exporter<'_>, enrollment: &str, g: &Goal) -> Value {
    let mut resource = goal_base(x, Kind::Goal, g.id.as_str(), enrollment);
    let (lifecycle, achievement) = match g.status {
        GoalStatus::Active => ("active", Some(("in-progress", "In Progress"))),
        GoalStatus::Achieved => ("completed", Some(("achieved", "Achieved"))),
        GoalStatus::Deferred => ("on-hold", None),
        GoalStatus::Discontinued => ("cancelled", Some(("not-achieved", "Not Achieved"))),
    };
    insert(&mut resource, "lifecycleStatus", json!(lifecycle));
    if let Some((code, display)) = achievement {
        insert(
            &mut resource,
            "achievementStatus",
            fixed(codes::GOAL_ACHIEVEMENT, code, display),
        );
    }
    let area = code_of(&g.area);
    if let Some((code, display)) = goal_sdoh(g.area) {
        if let Some(list) = resource.get_mut("category").and_then(Value::as_array_mut) {
            list.push(fixed(codes::SDOHCC_CATEGORY, code, display));
        }
    }
    insert(
        &mut resource,
        "description",
        json!({ "coding": [coding(&system("goal-area"), &area)], "text": format!("{area} goal") }),
    );
    insert(&mut resource, "startDate", date(g.set_on));
    if let Some(closed) = g.closed_on {
        insert(&mut resource, "statusDate", date(closed));
    }
    if let Some(t) = target(g.target_date) {
        insert(&mut resource, "target", t);
    }
    if let Some(author) = &g.set_by {
        if *author == hearth_model::GoalAuthor::Participant {
            let patient = x.patient();
            insert(&mut resource, "expressedBy", patient);
        }
        push_ext(
            &mut resource,
            ext("goal-author", "valueCode", json!(code_of(author))),
        );
    }
    if let Some(priority) = g.participant_priority {
        push_ext(
            &mut resource,
            ext("participant-priority", "valueUnsignedInt", json!(priority)),
        );
    }
    if let Some(ltg) = &g.long_term_goal {
        let reference = x.reference(Kind::LongTermGoal, ltg.as_str());
        push_ext(
            &mut resource,
            ext("serves-long-term-goal", "valueReference", reference),
        );
    }
    // Objectives first, so the goal can name them as milestones.
    let mut objective_refs = Vec::new();
    for o in &g.objectives {
        let mut objective = goal_base(x, Kind::Objective, o.id.as_str(), enrollment);
        let met = o.met_on.is_some();
        insert(
            &mut objective,
            "lifecycleStatus",
            json!(if met { "completed" } else { "active" }),
        );
        insert(
            &mut objective,
            "achievementStatus",
            if met {
                fixed(codes::GOAL_ACHIEVEMENT, "achieved", "Achieved")
            } else {
                fixed(codes::GOAL_ACHIEVEMENT, "in-progress", "In Progress")
            },
        );
        insert(
            &mut objective,
            "description",
            json!({ "text": "objective toward a care-plan goal" }),
        );
        if let Some(met_on) = o.met_on {
            insert(&mut objective, "statusDate", date(met_on));
        }
        if let Some(t) = target(o.target_date) {
            insert(&mut objective, "target", t);
        }
        objective_refs.push(x.add(Kind::Objective, o.id.as_str(), objective));
    }
    for reference in &objective_refs {
        push_ext(
            &mut resource,
            json!({
                "url": codes::EXT_GOAL_RELATIONSHIP,
                "extension": [
                    { "url": "type", "valueCodeableConcept":
                        fixed(codes::GOAL_RELATIONSHIP_TYPE, "milestone", "Milestone") },
                    { "url": "target", "valueReference": reference },
                ],
            }),
        );
    }
    x.add(Kind::Goal, g.id.as_str(), resource)
}

fn care_plan(x: &mut Exporter<'_>, e: &Enrollment, plan: &CarePlan, key: &str, episode_ref: Value) {
    let eid = e.id.as_str();
    let mut goal_refs = Vec::new();
    for ltg in &plan.long_term_goals {
        let mut resource = goal_base(x, Kind::LongTermGoal, ltg.id.as_str(), eid);
        insert(&mut resource, "lifecycleStatus", json!("active"));
        let description = match &ltg.area {
            Some(area) => {
                let area = code_of(area);
                json!({ "coding": [coding(&system("goal-area"), &area)], "text": "long-term goal" })
            }
            None => json!({ "text": "long-term goal" }),
        };
        insert(&mut resource, "description", description);
        goal_refs.push(x.add(Kind::LongTermGoal, ltg.id.as_str(), resource));
    }
    for goal in &plan.goals {
        goal_refs.push(goal_resource(x, eid, goal));
    }
    let activities: Vec<Value> = plan
        .action_steps
        .iter()
        .map(|step| activity(x, step))
        .collect();
    let status = if e.exit.is_some() {
        "completed"
    } else if e.termination.is_some() {
        "revoked"
    } else {
        "active"
    };
    let program = code_of(&e.program);
    let mut resource = json!({
        "resourceType": "CarePlan",
        "identifier": [identifier(Kind::Enrollment.name(), eid)],
        "status": status,
        "intent": "plan",
        "category": [concept(&system("program"), &program)],
        "subject": x.patient(),
        "period": { "start": date(plan.created_on) },
        "created": date(plan.created_on),
        "supportingInfo": [episode_ref],
    });
    push_nonempty(&mut resource, "goal", goal_refs);
    push_nonempty(&mut resource, "activity", activities);
    let plan_ref = x.add(Kind::CarePlan, key, resource);

    for (index, review) in plan.reviews.iter().enumerate() {
        let mut agent = json!({
            "type": fixed(codes::PROVENANCE_AGENT_TYPE, "verifier", "Verifier"),
        });
        match &review.reviewed_by {
            Some(staff) => insert(&mut agent, "who", x.staff_ref(staff.as_str())),
            None => insert(
                &mut agent,
                "who",
                json!({ "display": "reviewer not recorded" }),
            ),
        }
        let mut resource = json!({
            "resourceType": "Provenance",
            "target": [plan_ref.clone()],
            "occurredDateTime": date(review.reviewed_on),
            "recorded": format!("{}T00:00:00Z", review.reviewed_on.format("%Y-%m-%d")),
            "activity": fixed(codes::V3_DATA_OPERATION, "UPDATE", "revise"),
            "agent": [agent],
        });
        let mut exts = Vec::new();
        if let Some(with) = review.with_participant {
            exts.push(ext("with-participant", "valueBoolean", json!(with)));
        }
        if let Some(sup) = review.supervisor_involved {
            exts.push(ext("supervisor-involved", "valueBoolean", json!(sup)));
        }
        push_nonempty(&mut resource, "extension", exts);
        x.add(Kind::Review, &format!("{key}#{index}"), resource);
    }
    for (index, signature) in plan.signatures.iter().enumerate() {
        let role = concept(&system("signer"), &code_of(&signature.signer));
        let mut agents = Vec::new();
        if let Some(staff) = &signature.staff {
            agents.push(json!({ "role": [role.clone()], "who": x.staff_ref(staff.as_str()) }));
        }
        if let Some(party) = &signature.party {
            agents.push(json!({ "role": [role.clone()], "who": x.party_ref(party.as_str()) }));
        }
        if agents.is_empty() {
            let who = if signature.signer == Signer::Participant {
                x.patient()
            } else {
                json!({ "display": "signer not identified" })
            };
            agents.push(json!({ "role": [role], "who": who }));
        }
        let when = format!("{}T00:00:00Z", signature.signed_on.format("%Y-%m-%d"));
        let who = agents
            .first()
            .and_then(|a| a.get("who"))
            .cloned()
            .unwrap_or(Value::Null);
        let resource = json!({
            "resourceType": "Provenance",
            "target": [plan_ref.clone()],
            "occurredDateTime": date(signature.signed_on),
            "recorded": when,
            "activity": fixed(&system("provenance-activity"), "sign", "signed the care plan"),
            "agent": agents,
            "signature": [{
                "type": [{ "system": codes::SIGNATURE_TYPE, "code": "1.2.840.10065.1.12.1.5",
                           "display": "Approval Signature" }],
                "when": when,
                "who": who,
            }],
        });
        x.add(Kind::Signature, &format!("{key}#{index}"), resource);
    }
}

fn activity(x: &mut Exporter<'_>, step: &PlannedActionStep) -> Value {
    x.use_code("action-step", step.step.as_str());
    let status = match step.status {
        hearth_model::ActionStepStatus::Planned => "not-started",
        hearth_model::ActionStepStatus::InProgress => "in-progress",
        hearth_model::ActionStepStatus::Done => "completed",
        hearth_model::ActionStepStatus::Cancelled => "cancelled",
    };
    let mut detail = json!({
        "code": concept(&system("action-step"), step.step.as_str()),
        "status": status,
        "scheduledPeriod": { "start": date(step.added_on) },
    });
    if let Some(goal) = &step.goal {
        let reference = x.reference(Kind::Goal, goal.as_str());
        insert(&mut detail, "goal", json!([reference]));
    }
    if let Some(risk) = &step.addresses_risk {
        let reference = x.reference(Kind::Risk, risk.as_str());
        insert(&mut detail, "reasonReference", json!([reference]));
    }
    if let Some(party) = &step.party {
        let reference = x.party_ref(party.as_str());
        insert(&mut detail, "performer", json!([reference]));
    }
    let mut exts = vec![ext(
        "action-step-id",
        "valueIdentifier",
        identifier("action-step", step.id.as_str()),
    )];
    if let Some(done) = step.done_on {
        exts.push(ext("done-on", "valueDate", date(done)));
    }
    json!({ "extension": exts, "detail": detail })
}

/// HL7 v3 NullFlavor, for a required coded value the record does not hold.
const V3_NULL_FLAVOR: &str = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";

fn encounter_resource(x: &mut Exporter<'_>, eid: &str, en: &Encounter, episode_ref: Value) {
    // Encounter.class is required in R4 and its binding is extensible: a contact whose
    // mode the record does not know (a date-only HMIS service) is class "unknown" from
    // the v3 NullFlavor system rather than a guessed ActCode.
    let class = match (en.mode, en.location) {
        (ContactMode::Phone | ContactMode::Video | ContactMode::Text, _) => {
            (codes::V3_ACT_CODE, "VR", "virtual")
        }
        (ContactMode::InPerson, Some(Location::Home)) => (codes::V3_ACT_CODE, "HH", "home health"),
        (ContactMode::InPerson, Some(Location::Office) | None) => {
            (codes::V3_ACT_CODE, "AMB", "ambulatory")
        }
        (ContactMode::InPerson, Some(_)) => (codes::V3_ACT_CODE, "FLD", "field"),
        (ContactMode::Unknown, _) => (V3_NULL_FLAVOR, "UNK", "unknown"),
    };
    let status = match en.status {
        EncounterStatus::Completed => "finished",
        _ => "cancelled",
    };
    let mut types = vec![
        concept(&system("encounter-kind"), &code_of(&en.kind)),
        concept(&system("contact-mode"), &code_of(&en.mode)),
        concept(&system("encounter-status"), &code_of(&en.status)),
    ];
    if let Some(location) = &en.location {
        types.push(concept(&system("location"), &code_of(location)));
    }
    let mut resource = json!({
        "resourceType": "Encounter",
        "identifier": [identifier(Kind::Encounter.name(), en.id.as_str())],
        "status": status,
        "class": { "system": class.0, "code": class.1, "display": class.2 },
        "type": types,
        "subject": x.patient(),
        "episodeOfCare": [episode_ref],
        "period": { "start": date_time(&en.started_at) },
    });
    if let Some(minutes) = en.minutes {
        insert(
            &mut resource,
            "length",
            json!({ "value": minutes, "unit": "min", "system": codes::UCUM, "code": "min" }),
        );
    }
    let participants: Vec<Value> = en
        .staff
        .iter()
        .map(|s| json!({ "individual": x.staff_ref(s.as_str()) }))
        .collect();
    push_nonempty(&mut resource, "participant", participants);
    let mut exts = Vec::new();
    for party in &en.parties {
        exts.push(ext(
            "encounter-party",
            "valueReference",
            x.party_ref(party.as_str()),
        ));
    }
    for progress in &en.goals_discussed {
        let goal = x.reference(Kind::Goal, progress.goal.as_str());
        exts.push(json!({
            "url": extension("goal-progress"),
            "extension": [
                { "url": "goal", "valueReference": goal },
                { "url": "progress", "valueCode": code_of(&progress.progress) },
            ],
        }));
    }
    if !en.participant_present {
        exts.push(ext("participant-present", "valueBoolean", json!(false)));
    }
    if let Some(announced) = en.announced {
        exts.push(ext("announced", "valueBoolean", json!(announced)));
    }
    push_nonempty(&mut resource, "extension", exts);
    let _ = eid;
    x.add(Kind::Encounter, en.id.as_str(), resource);
}

fn condition_resource(x: &mut Exporter<'_>, eid: &str, r: &RiskObservation) {
    x.use_code("risk", r.risk.as_str());
    let category = x
        .catalog
        .risk(r.risk.as_str())
        .ok()
        .map(|risk| risk.category.clone());
    let mut categories = vec![fixed(
        codes::US_CORE_CONDITION_CATEGORY,
        "health-concern",
        "Health Concern",
    )];
    if let Some((code, display)) = risk_sdoh(r.risk.as_str(), category.as_deref()) {
        categories.push(fixed(codes::SDOHCC_CATEGORY, code, display));
    }
    if let Some(category) = &category {
        categories.push(concept(&system("risk-category"), category));
    }
    let (clinical, display) = if r.resolved_on.is_some() {
        ("resolved", "Resolved")
    } else {
        ("active", "Active")
    };
    let episode = x.episode_ext(eid);
    let mut resource = json!({
        "resourceType": "Condition",
        "identifier": [identifier(Kind::Risk.name(), r.id.as_str())],
        "clinicalStatus": fixed(codes::CONDITION_CLINICAL, clinical, display),
        "category": categories,
        "code": concept(&system("risk"), r.risk.as_str()),
        "subject": x.patient(),
        "onsetDateTime": date(r.observed_on),
        "recordedDate": date(r.observed_on),
        "extension": [episode],
    });
    if let Some(resolved) = r.resolved_on {
        insert(&mut resource, "abatementDateTime", date(resolved));
    }
    if let Some(encounter) = &r.encounter {
        let reference = x.reference(Kind::Encounter, encounter.as_str());
        insert(&mut resource, "encounter", reference);
    }
    if let Some(source) = &r.source {
        push_ext(
            &mut resource,
            ext("risk-source", "valueCode", json!(code_of(source))),
        );
    }
    if let Some(in_home) = r.in_home {
        push_ext(
            &mut resource,
            ext("in-home", "valueBoolean", json!(in_home)),
        );
    }
    if r.eviction_risk {
        push_ext(
            &mut resource,
            ext("eviction-risk", "valueBoolean", json!(true)),
        );
    }
    x.add(Kind::Risk, r.id.as_str(), resource);
}

fn service_request(x: &mut Exporter<'_>, eid: &str, r: &Referral, case: &CaseFile) {
    let code = match &r.step {
        Some(step) => {
            x.use_code("action-step", step.as_str());
            concept(&system("action-step"), step.as_str())
        }
        None => fixed(&system("referral"), "referral", "Referral"),
    };
    let releases: Vec<Value> = case
        .consents
        .iter()
        .filter(|c| c.party == r.party)
        .map(|c| x.reference(Kind::Consent, c.id.as_str()))
        .collect();
    let episode = x.episode_ext(eid);
    let mut resource = json!({
        "resourceType": "ServiceRequest",
        "identifier": [identifier(Kind::Referral.name(), r.id.as_str())],
        "status": if r.linked_on.is_some() { "completed" } else { "active" },
        "intent": "order",
        "category": [fixed(codes::SDOHCC_CATEGORY, "sdoh-category-unspecified", "SDOH Category Unspecified")],
        "code": code,
        "subject": x.patient(),
        "authoredOn": date(r.made_on),
        "performer": [x.party_ref(r.party.as_str())],
        "extension": [episode],
    });
    push_nonempty(&mut resource, "supportingInfo", releases);
    if let Some(linked) = r.linked_on {
        push_ext(&mut resource, ext("linked-on", "valueDate", date(linked)));
    }
    if r.warm_handoff {
        push_ext(
            &mut resource,
            ext("warm-handoff", "valueBoolean", json!(true)),
        );
    }
    if !r.shares_information {
        push_ext(
            &mut resource,
            ext("shares-information", "valueBoolean", json!(false)),
        );
    }
    x.add(Kind::Referral, r.id.as_str(), resource);
}

/// Practitioners for every staff id named, and placeholders for every other record
/// named but not held.
fn placeholders(x: &mut Exporter<'_>) {
    let referred: Vec<(Kind, String)> = x.referred.iter().cloned().collect();
    for (kind, id) in referred {
        if x.defined.contains_key(&(kind, id.clone())) {
            continue;
        }
        let tag = json!({ "tag": [{ "system": system("tag"), "code": PLACEHOLDER }] });
        let resource = match kind {
            Kind::Staff => json!({
                "resourceType": "Practitioner",
                "identifier": [identifier(kind.name(), &id)],
            }),
            Kind::Party => json!({
                "resourceType": "Organization",
                "meta": tag,
                "identifier": [identifier(kind.name(), &id)],
            }),
            Kind::Goal | Kind::LongTermGoal | Kind::Objective => json!({
                "resourceType": "Goal",
                "meta": tag,
                "identifier": [identifier(kind.name(), &id)],
                "lifecycleStatus": "proposed",
                "description": { "text": "named in the case file but not held in it" },
                "subject": x.patient(),
            }),
            Kind::Encounter => json!({
                "resourceType": "Encounter",
                "meta": tag,
                "identifier": [identifier(kind.name(), &id)],
                "status": "unknown",
                "class": { "system": codes::V3_NULL_FLAVOR, "code": "UNK", "display": "unknown" },
                "subject": x.patient(),
            }),
            Kind::Risk => json!({
                "resourceType": "Condition",
                "meta": tag,
                "identifier": [identifier(kind.name(), &id)],
                "subject": x.patient(),
            }),
            Kind::Consent => json!({
                "resourceType": "Consent",
                "meta": tag,
                "identifier": [identifier(kind.name(), &id)],
                "status": "proposed",
                "scope": fixed(codes::CONSENT_SCOPE, "patient-privacy", "Privacy Consent"),
                "category": [fixed(codes::LOINC, "59284-0", "Patient Consent")],
                "patient": x.patient(),
                "policyRule": fixed(codes::V3_ACT_CODE, "OPTIN", "opt-in"),
            }),
            Kind::Enrollment => json!({
                "resourceType": "EpisodeOfCare",
                "meta": tag,
                "identifier": [identifier(kind.name(), &id)],
                "status": "active",
                "patient": x.patient(),
            }),
            // Never referred to without being defined.
            Kind::Bundle
            | Kind::Patient
            | Kind::CarePlan
            | Kind::Referral
            | Kind::Assessment
            | Kind::Review
            | Kind::Signature
            | Kind::CodeSystem => continue,
        };
        x.add(kind, &id, resource);
    }
}

/// The hearth code systems used in the Bundle, as `CodeSystem` resources holding the
/// codes used (content `fragment`), with the catalog's display names.
fn code_systems(x: &mut Exporter<'_>) {
    let used = std::mem::take(&mut x.used);
    for (which, codes_used) in used {
        let (name, title) = match which {
            "program" => ("HearthProgram", "hearth program models"),
            "action-step" => ("HearthActionStep", "hearth action-step catalog"),
            "risk" => ("HearthRisk", "hearth risk taxonomy"),
            _ => ("HearthInstrument", "hearth assessment instruments"),
        };
        let concepts: Vec<Value> = codes_used
            .iter()
            .map(|code| {
                let display = match which {
                    "program" => Some(program_display(code).to_owned()),
                    "action-step" => x.catalog.step(code).ok().map(|s| s.name.clone()),
                    "risk" => x.catalog.risk(code).ok().map(|r| r.name.clone()),
                    _ => x.catalog.instrument(code).ok().map(|i| i.name.clone()),
                };
                match display {
                    Some(display) if codes::is_fhir_string(&display) => {
                        json!({ "code": code, "display": display })
                    }
                    _ => json!({ "code": code }),
                }
            })
            .collect();
        let resource = json!({
            "resourceType": "CodeSystem",
            "url": system(which),
            "name": name,
            "title": title,
            "status": "active",
            "content": "fragment",
            "concept": concepts,
        });
        x.add(Kind::CodeSystem, which, resource);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn date_times_keep_their_offset_unless_fhir_cannot_write_it() {
        assert_eq!(
            date_time(&at("2026-01-06T10:00:00-05:00")),
            "2026-01-06T10:00:00-05:00"
        );
        assert_eq!(
            date_time(&at("2026-01-06T10:00:00Z")),
            "2026-01-06T10:00:00+00:00"
        );
        assert_eq!(
            date_time(&at("2026-01-06T10:00:00+15:30")),
            "2026-01-05T18:30:00Z"
        );
    }

    #[test]
    fn a_duplicated_id_gets_its_own_resource_and_references_go_to_the_first() {
        let case = hearth_model::parse_case_file(
            r#"{"schema_version": "1.0", "participant": {"id": "P-1"},
              "parties": [{"id": "X", "kind": "landlord"}, {"id": "X", "kind": "employer"}],
              "consents": [{"id": "C", "party": "X"}]}"#,
        )
        .unwrap();
        let bundle = to_bundle(&case, &Catalog::builtin());
        let entries = bundle["entry"].as_array().unwrap();
        let urls: Vec<&str> = entries
            .iter()
            .map(|e| e["fullUrl"].as_str().unwrap())
            .collect();
        assert_eq!(urls.len(), 4);
        let unique: BTreeSet<&str> = urls.iter().copied().collect();
        assert_eq!(unique.len(), 4);
        let consent = entries
            .iter()
            .find(|e| e["resource"]["resourceType"] == "Consent")
            .unwrap();
        assert_eq!(
            consent["resource"]["provision"]["actor"][0]["reference"]["reference"],
            urls[1]
        );
    }
}
