//! Walks over a case file that list, once and beside the model types, what other crates
//! check about it: every record that has an id ([`records`]), every reference from one
//! record to another, to the staff roster or to the catalog ([`references`]), and every
//! pair of dates of one record that must come in order ([`date_pairs`]), each with its
//! JSON Pointer as a [`FieldPath`].
//!
//! The tests of this module derive, from the generated JSON Schema of a case file, every
//! field that holds an id reference and every date field, and fail when the walks leave
//! one out (a date field that is in no pair must be listed as standing alone): a field
//! added to the model is never silently left unchecked.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::{
    ActionStepId, CaseFile, ConsentId, DocumentId, EncounterId, Enrollment, GoalId, IncidentId,
    InstrumentId, PartyId, PlanId, ReferralId, RiskId, RiskObservationId, StaffId, StepId,
};

/// The kinds of record that have an id, unique among records of the same kind in the
/// case file (the model's rule), and that other records may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RecordKind {
    /// A party.
    Party,
    /// A consent.
    Consent,
    /// An assessment.
    Assessment,
    /// An entry decision.
    EntryDecision,
    /// An enrollment.
    Enrollment,
    /// A refusal.
    Refusal,
    /// A long-term goal.
    LongTermGoal,
    /// A goal.
    Goal,
    /// An objective.
    Objective,
    /// A task.
    Task,
    /// A planned service.
    Service,
    /// A support.
    Support,
    /// A skill.
    Skill,
    /// An action step.
    ActionStep,
    /// An encounter.
    Encounter,
    /// A risk observation.
    RiskObservation,
    /// A lease-violation plan.
    LeaseViolationPlan,
    /// A harm-reduction plan.
    HarmReductionPlan,
    /// A crisis incident.
    CrisisIncident,
    /// A crisis plan.
    CrisisPlan,
    /// A referral.
    Referral,
    /// An information share.
    InformationShare,
    /// A confidentiality exception.
    ConfidentialityException,
    /// A document.
    Document,
}

impl RecordKind {
    /// The kind in messages, e.g. `goal`.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Party => "party",
            Self::Consent => "consent",
            Self::Assessment => "assessment",
            Self::EntryDecision => "entry decision",
            Self::Enrollment => "enrollment",
            Self::Refusal => "refusal",
            Self::LongTermGoal => "long-term goal",
            Self::Goal => "goal",
            Self::Objective => "objective",
            Self::Task => "task",
            Self::Service => "planned service",
            Self::Support => "support",
            Self::Skill => "skill",
            Self::ActionStep => "action step",
            Self::Encounter => "encounter",
            Self::RiskObservation => "risk observation",
            Self::LeaseViolationPlan => "lease-violation plan",
            Self::HarmReductionPlan => "harm-reduction plan",
            Self::CrisisIncident => "crisis incident",
            Self::CrisisPlan => "crisis plan",
            Self::Referral => "referral",
            Self::InformationShare => "information share",
            Self::ConfidentialityException => "confidentiality exception",
            Self::Document => "document",
        }
    }
}

/// A JSON Pointer kept as its segments, built without allocating: the walks below make
/// one for every record, reference and date pair of a case file (hundreds), and only the
/// few that end up in a finding are turned into text (its [`fmt::Display`] is the
/// RFC 6901 pointer, `/enrollments/0/encounters/3/staff/0`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldPath {
    segs: [Segment; FieldPath::DEPTH],
    len: u8,
}

/// One step of a [`FieldPath`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment {
    /// An object key (a field name of the model).
    Key(&'static str),
    /// An index into a list.
    Index(usize),
}

impl FieldPath {
    /// More segments than the deepest path the walks build (`/enrollments/0/care_plan/
    /// goals/0/objectives/0/action_step` has 8); a test checks the deepest one.
    pub const DEPTH: usize = 12;

    /// The path of the whole document (`""`).
    pub fn root() -> FieldPath {
        FieldPath {
            segs: [Segment::Index(0); FieldPath::DEPTH],
            len: 0,
        }
    }

    fn push(mut self, seg: Segment) -> FieldPath {
        if let Some(slot) = self.segs.get_mut(usize::from(self.len)) {
            *slot = seg;
            self.len += 1;
        }
        self
    }

    /// This path followed by the object key `key`.
    pub fn key(&self, key: &'static str) -> FieldPath {
        self.push(Segment::Key(key))
    }

    /// This path followed by the array index `index`.
    pub fn index(&self, index: usize) -> FieldPath {
        self.push(Segment::Index(index))
    }

    /// This path followed by every segment of `relative`.
    pub fn join(&self, relative: &FieldPath) -> FieldPath {
        relative.segments().fold(*self, |p, s| p.push(s))
    }

    /// The segments, from the root.
    pub fn segments(&self) -> impl Iterator<Item = Segment> + '_ {
        self.segs.iter().take(usize::from(self.len)).copied()
    }

    /// The number of segments.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Whether this is the root path.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The path without its leading `/`, as a field name relative to a record
    /// (`reviews/0/reviewed_on`).
    pub fn relative(&self) -> Relative<'_> {
        Relative(self)
    }
}

fn write_segment(f: &mut fmt::Formatter<'_>, seg: Segment) -> fmt::Result {
    match seg {
        Segment::Key(key) => {
            for c in key.chars() {
                match c {
                    '~' => f.write_str("~0")?,
                    '/' => f.write_str("~1")?,
                    c => fmt::Write::write_char(f, c)?,
                }
            }
            Ok(())
        }
        Segment::Index(i) => write!(f, "{i}"),
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for seg in self.segments() {
            f.write_str("/")?;
            write_segment(f, seg)?;
        }
        Ok(())
    }
}

/// A [`FieldPath`] shown without its leading `/` ([`FieldPath::relative`]).
#[derive(Debug, Clone, Copy)]
pub struct Relative<'p>(&'p FieldPath);

impl fmt::Display for Relative<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.segments().enumerate() {
            if i > 0 {
                f.write_str("/")?;
            }
            write_segment(f, seg)?;
        }
        Ok(())
    }
}

/// How a walk builds the path of what it lists: a [`FieldPath`], or nothing at all
/// ([`Unlocated`]), for callers that only need the ids and look a path up again (with
/// the same walk, in the same order) for the few that end up in a finding.
pub trait PathLike: Copy {
    /// This path followed by the object key `key`.
    fn key(&self, key: &'static str) -> Self;
    /// This path followed by the array index `index`.
    fn index(&self, index: usize) -> Self;
}

impl PathLike for FieldPath {
    fn key(&self, key: &'static str) -> Self {
        FieldPath::key(self, key)
    }

    fn index(&self, index: usize) -> Self {
        FieldPath::index(self, index)
    }
}

/// No path: the walks list the same items in the same order, without building paths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Unlocated;

impl PathLike for Unlocated {
    fn key(&self, _key: &'static str) -> Self {
        Unlocated
    }

    fn index(&self, _index: usize) -> Self {
        Unlocated
    }
}

/// One record with an id: its kind, its id and the pointer to its `id` field.
#[derive(Debug, Clone)]
pub struct Record<'a, P = FieldPath> {
    /// The kind of record.
    pub kind: RecordKind,
    /// Its id.
    pub id: &'a str,
    /// The path of its `id` field.
    pub path: P,
}

/// The catalogs a reference may point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogKind {
    /// A step of the action-step catalog.
    Step,
    /// A risk of the risk taxonomy.
    Risk,
    /// An assessment instrument.
    Instrument,
}

/// What a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A record of the case file.
    Record(RecordKind),
    /// A member of the caseload's staff roster.
    Staff,
    /// An entry of the catalog (built-in, or extended by the agency).
    Catalog(CatalogKind),
}

/// The record a reference is written in, for messages: `encounter E004`.
#[derive(Debug, Clone, Copy)]
pub struct Referrer<'a> {
    /// What the record is, e.g. `encounter` or `the care plan of enrollment`.
    pub noun: &'static str,
    /// The id (of the record, or of the enrollment that holds it).
    pub id: &'a str,
}

impl fmt::Display for Referrer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.noun, self.id)
    }
}

/// One reference: what it names, the id named, where it is written and by which record.
#[derive(Debug, Clone)]
pub struct Reference<'a, P = FieldPath> {
    /// What it names.
    pub target: Target,
    /// The id named.
    pub id: &'a str,
    /// Where the id is written.
    pub path: P,
    /// The record it is written in.
    pub by: Referrer<'a>,
}

/// Every record of `case` that has an id, in document order.
pub fn records(case: &CaseFile) -> Vec<Record<'_>> {
    records_at(case, FieldPath::root())
}

/// [`records`], with paths built by `root` (or none: [`Unlocated`]).
pub fn records_at<P: PathLike>(case: &CaseFile, root: P) -> Vec<Record<'_, P>> {
    let mut out = Vec::new();
    add(
        &mut out,
        RecordKind::Party,
        &root.key("parties"),
        &case.parties,
        |p| p.id.as_str(),
    );
    add(
        &mut out,
        RecordKind::Consent,
        &root.key("consents"),
        &case.consents,
        |c| c.id.as_str(),
    );
    add(
        &mut out,
        RecordKind::Assessment,
        &root.key("assessments"),
        &case.assessments,
        |a| a.id.as_str(),
    );
    add(
        &mut out,
        RecordKind::EntryDecision,
        &root.key("entry_decisions"),
        &case.entry_decisions,
        |d| d.id.as_str(),
    );
    add(
        &mut out,
        RecordKind::Enrollment,
        &root.key("enrollments"),
        &case.enrollments,
        |e| e.id.as_str(),
    );
    for (i, enrollment) in case.enrollments.iter().enumerate() {
        enrollment_records(&mut out, &root.key("enrollments").index(i), enrollment);
    }
    out
}

fn enrollment_records<'a, P: PathLike>(out: &mut Vec<Record<'a, P>>, at: &P, e: &'a Enrollment) {
    add(
        out,
        RecordKind::Refusal,
        &at.key("intake").key("refusals"),
        &e.intake.refusals,
        |r| r.id.as_str(),
    );
    if let Some(plan) = &e.care_plan {
        let plan_at = at.key("care_plan");
        add(
            out,
            RecordKind::LongTermGoal,
            &plan_at.key("long_term_goals"),
            &plan.long_term_goals,
            |g| g.id.as_str(),
        );
        add(
            out,
            RecordKind::Goal,
            &plan_at.key("goals"),
            &plan.goals,
            |g| g.id.as_str(),
        );
        for (g, goal) in plan.goals.iter().enumerate() {
            add(
                out,
                RecordKind::Objective,
                &plan_at.key("goals").index(g).key("objectives"),
                &goal.objectives,
                |o| o.id.as_str(),
            );
        }
        add(
            out,
            RecordKind::Task,
            &plan_at.key("tasks"),
            &plan.tasks,
            |t| t.id.as_str(),
        );
        add(
            out,
            RecordKind::Service,
            &plan_at.key("services"),
            &plan.services,
            |s| s.id.as_str(),
        );
        add(
            out,
            RecordKind::Support,
            &plan_at.key("supports"),
            &plan.supports,
            |s| s.id.as_str(),
        );
        add(
            out,
            RecordKind::Skill,
            &plan_at.key("skills"),
            &plan.skills,
            |s| s.id.as_str(),
        );
        add(
            out,
            RecordKind::ActionStep,
            &plan_at.key("action_steps"),
            &plan.action_steps,
            |s| s.id.as_str(),
        );
    }
    add(
        out,
        RecordKind::Encounter,
        &at.key("encounters"),
        &e.encounters,
        |n| n.id.as_str(),
    );
    add(
        out,
        RecordKind::RiskObservation,
        &at.key("risk_observations"),
        &e.risk_observations,
        |r| r.id.as_str(),
    );
    add(
        out,
        RecordKind::LeaseViolationPlan,
        &at.key("lease_violation_plans"),
        &e.lease_violation_plans,
        |p| p.id.as_str(),
    );
    add(
        out,
        RecordKind::HarmReductionPlan,
        &at.key("harm_reduction_plans"),
        &e.harm_reduction_plans,
        |p| p.id.as_str(),
    );
    add(
        out,
        RecordKind::CrisisIncident,
        &at.key("crisis_incidents"),
        &e.crisis_incidents,
        |c| c.id.as_str(),
    );
    add(
        out,
        RecordKind::CrisisPlan,
        &at.key("crisis_plans"),
        &e.crisis_plans,
        |p| p.id.as_str(),
    );
    add(
        out,
        RecordKind::Referral,
        &at.key("referrals"),
        &e.referrals,
        |r| r.id.as_str(),
    );
    add(
        out,
        RecordKind::InformationShare,
        &at.key("information_shares"),
        &e.information_shares,
        |s| s.id.as_str(),
    );
    add(
        out,
        RecordKind::ConfidentialityException,
        &at.key("confidentiality_exceptions"),
        &e.confidentiality_exceptions,
        |c| c.id.as_str(),
    );
    add(
        out,
        RecordKind::Document,
        &at.key("documents"),
        &e.documents,
        |d| d.id.as_str(),
    );
}

fn add<'a, T, P: PathLike>(
    out: &mut Vec<Record<'a, P>>,
    kind: RecordKind,
    list_at: &P,
    list: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) {
    out.extend(list.iter().enumerate().map(|(i, item)| Record {
        kind,
        id: id(item),
        path: list_at.index(i).key("id"),
    }));
}

/// An id type of the model, read as text (the id types are the model's, so the
/// standard `AsRef` cannot be implemented for them here).
trait IdStr {
    fn id_str(&self) -> &str;
}

macro_rules! id_str {
    ($($id:ty),*) => {$(
        impl IdStr for $id {
            fn id_str(&self) -> &str {
                self.as_str()
            }
        }
    )*};
}

id_str!(
    ActionStepId,
    ConsentId,
    DocumentId,
    EncounterId,
    GoalId,
    IncidentId,
    InstrumentId,
    PartyId,
    PlanId,
    ReferralId,
    RiskId,
    RiskObservationId,
    StaffId,
    StepId
);

/// Collects references, with the pointer of each.
struct Refs<'a, P> {
    out: Vec<Reference<'a, P>>,
}

impl<'a, P: PathLike> Refs<'a, P> {
    fn one<I: IdStr>(&mut self, target: Target, id: Option<&'a I>, path: P, by: Referrer<'a>) {
        if let Some(id) = id {
            self.out.push(Reference {
                target,
                id: id.id_str(),
                path,
                by,
            });
        }
    }

    fn each<I: IdStr>(&mut self, target: Target, ids: &'a [I], list_at: &P, by: Referrer<'a>) {
        for (i, id) in ids.iter().enumerate() {
            self.one(target, Some(id), list_at.index(i), by);
        }
    }
}

const PARTY: Target = Target::Record(RecordKind::Party);
const GOAL: Target = Target::Record(RecordKind::Goal);
const ACTION_STEP: Target = Target::Record(RecordKind::ActionStep);
const ENCOUNTER: Target = Target::Record(RecordKind::Encounter);
const RISK_OBSERVATION: Target = Target::Record(RecordKind::RiskObservation);
const REFERRAL: Target = Target::Record(RecordKind::Referral);
const DOCUMENT: Target = Target::Record(RecordKind::Document);
const STEP: Target = Target::Catalog(CatalogKind::Step);

fn by<'a>(noun: &'static str, id: &'a str) -> Referrer<'a> {
    Referrer { noun, id }
}

/// Every reference in `case`, in document order: to its records, to staff and to the
/// catalog.
///
/// Two kinds of id are left out on purpose. `assessed_by` names whoever administered an
/// assessment, often another agency's assessor at the front door, who is not on this
/// program's roster. `incident_report` names a report kept outside the case file. And a
/// goal's `long_term_goal` is PLAN003's to check (where the program asks for long-term
/// goals), so it is not reported twice.
pub fn references(case: &CaseFile) -> Vec<Reference<'_>> {
    references_at(case, FieldPath::root())
}

/// [`references`], with paths built by `root` (or none: [`Unlocated`]).
pub fn references_at<P: PathLike>(case: &CaseFile, root: P) -> Vec<Reference<'_, P>> {
    let mut refs = Refs { out: Vec::new() };
    for (i, consent) in case.consents.iter().enumerate() {
        let at = root.key("consents").index(i);
        refs.one(
            PARTY,
            Some(&consent.party),
            at.key("party"),
            by("consent", consent.id.as_str()),
        );
    }
    for (i, assessment) in case.assessments.iter().enumerate() {
        let at = root.key("assessments").index(i);
        refs.one(
            Target::Catalog(CatalogKind::Instrument),
            Some(&assessment.instrument),
            at.key("instrument"),
            by("assessment", assessment.id.as_str()),
        );
    }
    for (i, decision) in case.entry_decisions.iter().enumerate() {
        let at = root.key("entry_decisions").index(i);
        refs.one(
            Target::Staff,
            decision.decided_by.as_ref(),
            at.key("decided_by"),
            by("entry decision", decision.id.as_str()),
        );
    }
    for (i, enrollment) in case.enrollments.iter().enumerate() {
        enrollment_references(&mut refs, &root.key("enrollments").index(i), enrollment);
    }
    refs.out
}

fn enrollment_references<'a, P: PathLike>(refs: &mut Refs<'a, P>, at: &P, e: &'a Enrollment) {
    let me = by("enrollment", e.id.as_str());
    refs.one(
        Target::Staff,
        e.case_manager.as_ref(),
        at.key("case_manager"),
        me,
    );
    for (i, right) in e.intake.rights_explained.iter().enumerate() {
        refs.one(
            Target::Staff,
            right.explained_by.as_ref(),
            at.key("intake")
                .key("rights_explained")
                .index(i)
                .key("explained_by"),
            me,
        );
    }
    if let Some(plan) = &e.care_plan {
        let plan_at = at.key("care_plan");
        for (i, task) in plan.tasks.iter().enumerate() {
            let t = plan_at.key("tasks").index(i);
            let who = by("task", task.id.as_str());
            refs.one(PARTY, task.party.as_ref(), t.key("party"), who);
            refs.one(GOAL, task.goal.as_ref(), t.key("goal"), who);
        }
        for (i, service) in plan.services.iter().enumerate() {
            let s = plan_at.key("services").index(i);
            let who = by("planned service", service.id.as_str());
            refs.one(PARTY, service.provider.as_ref(), s.key("provider"), who);
            refs.one(GOAL, service.goal.as_ref(), s.key("goal"), who);
        }
        for (i, support) in plan.supports.iter().enumerate() {
            let s = plan_at.key("supports").index(i);
            refs.one(
                PARTY,
                support.party.as_ref(),
                s.key("party"),
                by("support", support.id.as_str()),
            );
        }
        for (i, skill) in plan.skills.iter().enumerate() {
            let s = plan_at.key("skills").index(i);
            refs.one(
                GOAL,
                skill.goal.as_ref(),
                s.key("goal"),
                by("skill", skill.id.as_str()),
            );
        }
        let plan_of = by("the care plan of enrollment", e.id.as_str());
        if let Some(schedule) = &plan.contact_schedule {
            refs.each(
                PARTY,
                &schedule.with_parties,
                &plan_at.key("contact_schedule").key("with_parties"),
                plan_of,
            );
        }
        for (i, signature) in plan.signatures.iter().enumerate() {
            let s = plan_at.key("signatures").index(i);
            refs.one(
                Target::Staff,
                signature.staff.as_ref(),
                s.key("staff"),
                plan_of,
            );
            refs.one(PARTY, signature.party.as_ref(), s.key("party"), plan_of);
        }
        for (i, review) in plan.reviews.iter().enumerate() {
            let r = plan_at.key("reviews").index(i);
            refs.one(
                Target::Staff,
                review.reviewed_by.as_ref(),
                r.key("reviewed_by"),
                plan_of,
            );
        }
        for (i, step) in plan.action_steps.iter().enumerate() {
            let s = plan_at.key("action_steps").index(i);
            let who = by("action step", step.id.as_str());
            refs.one(STEP, Some(&step.step), s.key("step"), who);
            refs.one(GOAL, step.goal.as_ref(), s.key("goal"), who);
            refs.one(PARTY, step.party.as_ref(), s.key("party"), who);
            refs.one(
                RISK_OBSERVATION,
                step.addresses_risk.as_ref(),
                s.key("addresses_risk"),
                who,
            );
        }
    }
    for (i, encounter) in e.encounters.iter().enumerate() {
        let n = at.key("encounters").index(i);
        let who = by("encounter", encounter.id.as_str());
        refs.each(Target::Staff, &encounter.staff, &n.key("staff"), who);
        refs.each(PARTY, &encounter.parties, &n.key("parties"), who);
        for (j, objective) in encounter.objectives.iter().enumerate() {
            let o = n.key("objectives").index(j);
            refs.one(GOAL, objective.goal.as_ref(), o.key("goal"), who);
            refs.one(
                ACTION_STEP,
                objective.action_step.as_ref(),
                o.key("action_step"),
                who,
            );
        }
        for (j, progress) in encounter.goals_discussed.iter().enumerate() {
            refs.one(
                GOAL,
                Some(&progress.goal),
                n.key("goals_discussed").index(j).key("goal"),
                who,
            );
        }
        for (j, done) in encounter.steps_done.iter().enumerate() {
            let s = n.key("steps_done").index(j);
            refs.one(STEP, Some(&done.step), s.key("step"), who);
            refs.one(
                ACTION_STEP,
                done.action_step.as_ref(),
                s.key("action_step"),
                who,
            );
            refs.one(PARTY, done.party.as_ref(), s.key("party"), who);
        }
        refs.each(
            RISK_OBSERVATION,
            &encounter.risks_observed,
            &n.key("risks_observed"),
            who,
        );
    }
    for (i, risk) in e.risk_observations.iter().enumerate() {
        let r = at.key("risk_observations").index(i);
        let who = by("risk observation", risk.id.as_str());
        refs.one(
            Target::Catalog(CatalogKind::Risk),
            Some(&risk.risk),
            r.key("risk"),
            who,
        );
        refs.one(ENCOUNTER, risk.encounter.as_ref(), r.key("encounter"), who);
        for (j, response) in risk.responses.iter().enumerate() {
            let s = r.key("responses").index(j);
            refs.one(
                ACTION_STEP,
                response.action_step.as_ref(),
                s.key("action_step"),
                who,
            );
            refs.one(
                Target::Record(RecordKind::LeaseViolationPlan),
                response.lease_violation_plan.as_ref(),
                s.key("lease_violation_plan"),
                who,
            );
            refs.one(
                Target::Record(RecordKind::HarmReductionPlan),
                response.harm_reduction_plan.as_ref(),
                s.key("harm_reduction_plan"),
                who,
            );
        }
    }
    for (i, plan) in e.lease_violation_plans.iter().enumerate() {
        let p = at.key("lease_violation_plans").index(i);
        let who = by("lease-violation plan", plan.id.as_str());
        refs.each(
            RISK_OBSERVATION,
            &plan.addresses_risks,
            &p.key("addresses_risks"),
            who,
        );
    }
    for (i, plan) in e.harm_reduction_plans.iter().enumerate() {
        let p = at.key("harm_reduction_plans").index(i);
        let who = by("harm-reduction plan", plan.id.as_str());
        refs.each(
            RISK_OBSERVATION,
            &plan.addresses_risks,
            &p.key("addresses_risks"),
            who,
        );
    }
    for (i, incident) in e.crisis_incidents.iter().enumerate() {
        let c = at.key("crisis_incidents").index(i);
        let who = by("crisis incident", incident.id.as_str());
        refs.one(
            ENCOUNTER,
            incident.encounter.as_ref(),
            c.key("encounter"),
            who,
        );
    }
    for (i, plan) in e.crisis_plans.iter().enumerate() {
        let p = at.key("crisis_plans").index(i);
        let who = by("crisis plan", plan.id.as_str());
        refs.each(
            Target::Record(RecordKind::CrisisIncident),
            &plan.after_incidents,
            &p.key("after_incidents"),
            who,
        );
    }
    for (i, referral) in e.referrals.iter().enumerate() {
        let r = at.key("referrals").index(i);
        let who = by("referral", referral.id.as_str());
        refs.one(PARTY, Some(&referral.party), r.key("party"), who);
        refs.one(STEP, referral.step.as_ref(), r.key("step"), who);
    }
    for (i, share) in e.information_shares.iter().enumerate() {
        let s = at.key("information_shares").index(i);
        let who = by("information share", share.id.as_str());
        refs.one(PARTY, Some(&share.party), s.key("party"), who);
        refs.one(
            Target::Record(RecordKind::Consent),
            share.consent.as_ref(),
            s.key("consent"),
            who,
        );
        refs.one(REFERRAL, share.referral.as_ref(), s.key("referral"), who);
        refs.one(ENCOUNTER, share.encounter.as_ref(), s.key("encounter"), who);
        refs.one(STEP, share.step.as_ref(), s.key("step"), who);
    }
    for (i, exception) in e.confidentiality_exceptions.iter().enumerate() {
        let c = at.key("confidentiality_exceptions").index(i);
        let who = by("confidentiality exception", exception.id.as_str());
        refs.one(PARTY, exception.party.as_ref(), c.key("party"), who);
        refs.one(
            Target::Staff,
            exception.supervisor.as_ref(),
            c.key("supervisor"),
            who,
        );
    }
    if let Some(termination) = &e.termination {
        let t = at.key("termination");
        let who = by("the termination of enrollment", e.id.as_str());
        refs.one(
            Target::Staff,
            Some(&termination.terminated_by),
            t.key("terminated_by"),
            who,
        );
        if let Some(conference) = &termination.case_conference {
            let c = t.key("case_conference");
            refs.one(
                ENCOUNTER,
                conference.encounter.as_ref(),
                c.key("encounter"),
                who,
            );
            refs.each(Target::Staff, &conference.staff, &c.key("staff"), who);
            refs.each(PARTY, &conference.parties, &c.key("parties"), who);
        }
        for (key, notice) in [
            ("written_notice", &termination.written_notice),
            ("final_notice", &termination.final_notice),
        ] {
            if let Some(notice) = notice {
                refs.one(
                    DOCUMENT,
                    notice.document.as_ref(),
                    t.key(key).key("document"),
                    who,
                );
            }
        }
        if let Some(review) = &termination.review {
            refs.one(
                Target::Staff,
                Some(&review.reviewed_by),
                t.key("review").key("reviewed_by"),
                who,
            );
        }
        if let Some(appeal) = &termination.appeal {
            refs.one(
                Target::Staff,
                appeal.decided_by.as_ref(),
                t.key("appeal").key("decided_by"),
                who,
            );
        }
        if let Some(resources) = &termination.resources_given {
            refs.each(
                REFERRAL,
                &resources.referrals,
                &t.key("resources_given").key("referrals"),
                who,
            );
        }
    }
    if let Some(exit) = &e.exit {
        let x = at.key("exit");
        let who = by("the exit of enrollment", e.id.as_str());
        refs.each(REFERRAL, &exit.linkages, &x.key("linkages"), who);
        if let Some(transfer) = &exit.transfer {
            refs.one(PARTY, Some(&transfer.to), x.key("transfer").key("to"), who);
        }
    }
}

/// A day or a moment, as one end of a [`DatePair`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// A calendar day.
    Date(NaiveDate),
    /// A moment with its UTC offset (compared as instants).
    Moment(DateTime<FixedOffset>),
}

impl When {
    /// Whether this is strictly before `other`. A day and a moment are never compared
    /// (no pair mixes them): `false`.
    pub fn is_before(&self, other: &When) -> bool {
        match (self, other) {
            (When::Date(a), When::Date(b)) => a < b,
            (When::Moment(a), When::Moment(b)) => a < b,
            _ => false,
        }
    }
}

impl fmt::Display for When {
    /// As written in case files: `2026-03-01`, or RFC 3339 for a moment.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Date(d) => d.fmt(f),
            When::Moment(m) => f.write_str(&m.to_rfc3339()),
        }
    }
}

/// Two dates of one record that must come in order: `end` may be the same as `start`
/// or later, never earlier. Only pairs with both dates recorded are walked.
#[derive(Debug, Clone, Copy)]
pub struct DatePair<'a, P = FieldPath> {
    /// The record, for messages: `encounter E004`.
    pub record: Referrer<'a>,
    /// The record's path.
    pub at: P,
    /// The starting field, relative to the record (`entered_on`).
    pub start_field: &'static str,
    /// The starting date.
    pub start: When,
    /// The ending field, relative to the record (`exit/exited_on`, `follow_ups/2`).
    pub end_field: EndField,
    /// The ending date.
    pub end: When,
}

impl<P> DatePair<'_, P> {
    /// Whether the end is before the start.
    pub fn is_out_of_order(&self) -> bool {
        self.end.is_before(&self.start)
    }
}

impl<P: PathLike> DatePair<'_, P> {
    /// The path of the ending field.
    pub fn end_path(&self) -> P {
        self.end_field.below(&self.at)
    }
}

/// The ending field of a [`DatePair`], relative to its record: a key, then an index
/// into it and a key below that where the field is in a list (`reviews/0/reviewed_on`,
/// `follow_ups/2`, `exit/exited_on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EndField {
    /// The key in the record.
    pub key: &'static str,
    /// The index in the list at `key`, if it is a list.
    pub index: Option<usize>,
    /// The key below (the item, or the object at `key`).
    pub then: Option<&'static str>,
}

impl EndField {
    const fn key(key: &'static str) -> EndField {
        EndField {
            key,
            index: None,
            then: None,
        }
    }

    /// The field's path below the record's path `at`.
    pub fn below<P: PathLike>(&self, at: &P) -> P {
        let mut p = at.key(self.key);
        if let Some(i) = self.index {
            p = p.index(i);
        }
        if let Some(then) = self.then {
            p = p.key(then);
        }
        p
    }
}

impl fmt::Display for EndField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key)?;
        if let Some(i) = self.index {
            write!(f, "/{i}")?;
        }
        if let Some(then) = self.then {
            write!(f, "/{then}")?;
        }
        Ok(())
    }
}

/// Calls `visit` with every [`DatePair`] of `case` whose two dates are both recorded, in
/// document order.
///
/// | record | starts | ends (or follows) |
/// | --- | --- | --- |
/// | consent | `signed_on` | `expires_on`, `revoked_on` |
/// | assessment | `started_on` | `completed_on` |
/// | enrollment | `entered_on` | `exit/exited_on` |
/// | refusal | `refused_on` | each of `follow_ups`, `obtained_on` |
/// | care plan | `created_on` | each `reviews/N/reviewed_on` |
/// | goal | `set_on` | `closed_on` |
/// | planned service | `starts_on` | `ends_on` |
/// | action step | `added_on` | `done_on` |
/// | plan phase | `started_on` | `ended_on` |
/// | encounter | `started_at` | `documented_at`, `next_visit/scheduled_for` (as moments) |
/// | risk observation | `observed_on` | `resolved_on` |
/// | harm-reduction plan | `created_on` | `updated_on` |
/// | crisis plan | `created_on` | each of `updated_on` |
/// | crisis incident | `occurred_at` (its local date) | `debriefed_on` |
/// | referral | `made_on` | `linked_on` |
/// | termination | `decided_on` | `effective_on` |
/// | appeal | `filed_on` | `heard_on`, `decided_on` |
pub fn date_pairs<'a>(case: &'a CaseFile, visit: &mut dyn FnMut(&DatePair<'a>)) {
    date_pairs_at(case, FieldPath::root(), visit);
}

/// [`date_pairs`], with paths built by `root` (or none: [`Unlocated`]).
pub fn date_pairs_at<'a, P: PathLike>(
    case: &'a CaseFile,
    root: P,
    visit: &mut dyn FnMut(&DatePair<'a, P>),
) {
    let mut pairs = Pairs { visit };
    for (i, consent) in case.consents.iter().enumerate() {
        let at = root.key("consents").index(i);
        let me = by("consent", consent.id.as_str());
        let start = consent.signed_on.map(When::Date);
        pairs.one(me, at, "signed_on", start, "expires_on", consent.expires_on);
        pairs.one(me, at, "signed_on", start, "revoked_on", consent.revoked_on);
    }
    for (i, assessment) in case.assessments.iter().enumerate() {
        pairs.one(
            by("assessment", assessment.id.as_str()),
            root.key("assessments").index(i),
            "started_on",
            Some(When::Date(assessment.started_on)),
            "completed_on",
            assessment.completed_on,
        );
    }
    for (i, enrollment) in case.enrollments.iter().enumerate() {
        enrollment_pairs(&mut pairs, &root.key("enrollments").index(i), enrollment);
    }
}

/// Hands pairs with both ends recorded to the visitor.
struct Pairs<'v, 'a, P> {
    visit: &'v mut dyn FnMut(&DatePair<'a, P>),
}

impl<'a, P: PathLike> Pairs<'_, 'a, P> {
    fn pair(
        &mut self,
        record: Referrer<'a>,
        at: P,
        start_field: &'static str,
        start: Option<When>,
        end_field: EndField,
        end: Option<When>,
    ) {
        if let (Some(start), Some(end)) = (start, end) {
            (self.visit)(&DatePair {
                record,
                at,
                start_field,
                start,
                end_field,
                end,
            });
        }
    }

    /// A pair of calendar days, the end at `at/end_field`.
    fn one(
        &mut self,
        record: Referrer<'a>,
        at: P,
        start_field: &'static str,
        start: Option<When>,
        end_field: &'static str,
        end: Option<NaiveDate>,
    ) {
        let end_field = EndField::key(end_field);
        self.pair(
            record,
            at,
            start_field,
            start,
            end_field,
            end.map(When::Date),
        );
    }

    /// Each day of the list at `at/list_field` after `start`.
    fn each(
        &mut self,
        record: Referrer<'a>,
        at: P,
        start_field: &'static str,
        start: NaiveDate,
        list_field: &'static str,
        ends: &[NaiveDate],
    ) {
        for (i, end) in ends.iter().enumerate() {
            let end_field = EndField {
                key: list_field,
                index: Some(i),
                then: None,
            };
            self.pair(
                record,
                at,
                start_field,
                Some(When::Date(start)),
                end_field,
                Some(When::Date(*end)),
            );
        }
    }
}

fn enrollment_pairs<'a, P: PathLike>(pairs: &mut Pairs<'_, 'a, P>, at: &P, e: &'a Enrollment) {
    let enrollment = e.id.as_str();
    pairs.pair(
        by("enrollment", enrollment),
        *at,
        "entered_on",
        Some(When::Date(e.entered_on)),
        EndField {
            key: "exit",
            index: None,
            then: Some("exited_on"),
        },
        e.exit.as_ref().map(|x| When::Date(x.exited_on)),
    );
    for (i, refusal) in e.intake.refusals.iter().enumerate() {
        let r = at.key("intake").key("refusals").index(i);
        let me = by("refusal", refusal.id.as_str());
        pairs.each(
            me,
            r,
            "refused_on",
            refusal.refused_on,
            "follow_ups",
            &refusal.follow_ups,
        );
        let start = Some(When::Date(refusal.refused_on));
        pairs.one(
            me,
            r,
            "refused_on",
            start,
            "obtained_on",
            refusal.obtained_on,
        );
    }
    if let Some(plan) = &e.care_plan {
        let p = at.key("care_plan");
        for (i, review) in plan.reviews.iter().enumerate() {
            pairs.pair(
                by("the care plan of enrollment", enrollment),
                p,
                "created_on",
                Some(When::Date(plan.created_on)),
                EndField {
                    key: "reviews",
                    index: Some(i),
                    then: Some("reviewed_on"),
                },
                Some(When::Date(review.reviewed_on)),
            );
        }
        for (i, goal) in plan.goals.iter().enumerate() {
            pairs.one(
                by("goal", goal.id.as_str()),
                p.key("goals").index(i),
                "set_on",
                Some(When::Date(goal.set_on)),
                "closed_on",
                goal.closed_on,
            );
        }
        for (i, service) in plan.services.iter().enumerate() {
            pairs.one(
                by("planned service", service.id.as_str()),
                p.key("services").index(i),
                "starts_on",
                service.starts_on.map(When::Date),
                "ends_on",
                service.ends_on,
            );
        }
        for (i, step) in plan.action_steps.iter().enumerate() {
            pairs.one(
                by("action step", step.id.as_str()),
                p.key("action_steps").index(i),
                "added_on",
                Some(When::Date(step.added_on)),
                "done_on",
                step.done_on,
            );
        }
        for (i, phase) in plan.phases.iter().enumerate() {
            pairs.one(
                by("a phase of the care plan of enrollment", enrollment),
                p.key("phases").index(i),
                "started_on",
                Some(When::Date(phase.started_on)),
                "ended_on",
                phase.ended_on,
            );
        }
    }
    for (i, encounter) in e.encounters.iter().enumerate() {
        let n = at.key("encounters").index(i);
        let me = by("encounter", encounter.id.as_str());
        let started = Some(When::Moment(encounter.started_at));
        pairs.pair(
            me,
            n,
            "started_at",
            started,
            EndField::key("documented_at"),
            encounter.documented_at.map(When::Moment),
        );
        pairs.pair(
            me,
            n,
            "started_at",
            started,
            EndField {
                key: "next_visit",
                index: None,
                then: Some("scheduled_for"),
            },
            encounter
                .next_visit
                .as_ref()
                .map(|v| When::Moment(v.scheduled_for)),
        );
    }
    for (i, risk) in e.risk_observations.iter().enumerate() {
        pairs.one(
            by("risk observation", risk.id.as_str()),
            at.key("risk_observations").index(i),
            "observed_on",
            Some(When::Date(risk.observed_on)),
            "resolved_on",
            risk.resolved_on,
        );
    }
    for (i, plan) in e.harm_reduction_plans.iter().enumerate() {
        pairs.one(
            by("harm-reduction plan", plan.id.as_str()),
            at.key("harm_reduction_plans").index(i),
            "created_on",
            Some(When::Date(plan.created_on)),
            "updated_on",
            plan.updated_on,
        );
    }
    for (i, plan) in e.crisis_plans.iter().enumerate() {
        pairs.each(
            by("crisis plan", plan.id.as_str()),
            at.key("crisis_plans").index(i),
            "created_on",
            plan.created_on,
            "updated_on",
            &plan.updated_on,
        );
    }
    for (i, incident) in e.crisis_incidents.iter().enumerate() {
        // The incident's own day: the local date of the moment, in its recorded offset.
        let day = incident.occurred_at.date_naive();
        pairs.one(
            by("crisis incident", incident.id.as_str()),
            at.key("crisis_incidents").index(i),
            "occurred_at",
            Some(When::Date(day)),
            "debriefed_on",
            incident.debriefed_on,
        );
    }
    for (i, referral) in e.referrals.iter().enumerate() {
        pairs.one(
            by("referral", referral.id.as_str()),
            at.key("referrals").index(i),
            "made_on",
            Some(When::Date(referral.made_on)),
            "linked_on",
            referral.linked_on,
        );
    }
    if let Some(termination) = &e.termination {
        let t = at.key("termination");
        pairs.one(
            by("the termination of enrollment", enrollment),
            t,
            "decided_on",
            Some(When::Date(termination.decided_on)),
            "effective_on",
            termination.effective_on,
        );
        if let Some(appeal) = &termination.appeal {
            let a = t.key("appeal");
            let me = by("the appeal of enrollment", enrollment);
            let filed = appeal.filed_on.map(When::Date);
            pairs.one(me, a, "filed_on", filed, "heard_on", appeal.heard_on);
            pairs.one(me, a, "filed_on", filed, "decided_on", appeal.decided_on);
        }
    }
}

#[cfg(test)]
mod tests {
    //! The walks against the model's JSON Schema: every field the schema says holds an id
    //! reference, a record's id or a date is walked (or listed here as left out, with the
    //! reason), so a field added to the model fails these tests until it is walked.

    use std::collections::BTreeSet;

    use serde_json::{json, Map, Value};

    use super::*;

    /// Reference fields the reference walk leaves out on purpose (see [`references`]).
    const UNWALKED_REFERENCES: &[&str] = &[
        // Whoever administered an assessment, often another agency's assessor.
        "/assessments/*/assessed_by",
        // Reports kept outside the case file.
        "/enrollments/*/crisis_incidents/*/incident_report",
        "/enrollments/*/risk_observations/*/responses/*/incident_report",
        // PLAN003's to check, where the program asks for long-term goals.
        "/enrollments/*/care_plan/goals/*/long_term_goal",
    ];

    /// `id` fields that are not records other records may name.
    const NOT_RECORDS: &[&str] = &["/participant/id"];

    /// Date fields in no pair of [`date_pairs`]: single events of their record (a day
    /// something was done, a due date or a deadline whose order other rules judge in
    /// their own terms, a personal date). A new date field fails the test until it is
    /// put in a pair or listed here.
    const SINGLE_DATES: &[&str] = &[
        // Imported documentation times (an HMIS record's DateCreated) and a referral's
        // outcome date: their timeliness is judged against the event by the rules that
        // read them, not by DATA001's order of start and end.
        "/enrollments/*/entry_documented_at",
        "/enrollments/*/exit/documented_at",
        "/enrollments/*/referrals/*/outcome_on",
        "/consents/*/refused_on",
        "/enrollments/*/care_plan/contact_schedule/agreed_on",
        "/enrollments/*/care_plan/goals/*/objectives/*/met_on",
        "/enrollments/*/care_plan/goals/*/objectives/*/target_date",
        "/enrollments/*/care_plan/goals/*/target_date",
        "/enrollments/*/care_plan/signatures/*/signed_on",
        "/enrollments/*/care_plan/tasks/*/done_on",
        "/enrollments/*/care_plan/tasks/*/due_on",
        "/enrollments/*/confidentiality_exceptions/*/occurred_on",
        "/enrollments/*/documents/*/filed_on",
        "/enrollments/*/documents/*/valid_until",
        "/enrollments/*/exit/discharge_meeting_on",
        "/enrollments/*/exit/follow_up/plan_made_on",
        "/enrollments/*/exit/follow_up/planned_contacts/*",
        "/enrollments/*/exit/satisfaction_survey_on",
        "/enrollments/*/exit/transfer/warm_handoff/held_on",
        "/enrollments/*/first_interview_on",
        "/enrollments/*/housing_conditions/*/recorded_on",
        "/enrollments/*/information_shares/*/shared_on",
        "/enrollments/*/initial_contact_on",
        "/enrollments/*/intake/rights_explained/*/explained_on",
        "/enrollments/*/intake/rules_explained_on",
        "/enrollments/*/lease_violation_plans/*/created_on",
        "/enrollments/*/lease_violation_plans/*/cure_by",
        "/enrollments/*/lease_violation_plans/*/discussed_on",
        "/enrollments/*/move_in_on",
        "/enrollments/*/referred_on",
        "/enrollments/*/risk_observations/*/responses/*/responded_on",
        "/enrollments/*/shelter_entry_on",
        "/enrollments/*/stage_history/*/entered_on",
        "/enrollments/*/termination/appeal/deadline",
        "/enrollments/*/termination/appeal/offered_on",
        "/enrollments/*/termination/case_conference/held_on",
        "/enrollments/*/termination/final_notice/given_on",
        "/enrollments/*/termination/resources_given/given_on",
        "/enrollments/*/termination/review/reviewed_on",
        "/enrollments/*/termination/written_notice/given_on",
        "/entry_decisions/*/decided_on",
        "/participant/personal/birth_date",
    ];

    /// The definition a `$ref` names.
    fn resolve<'s>(defs: &'s Map<String, Value>, schema: &'s Value) -> &'s Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => defs
                .get(r.trim_start_matches("#/$defs/"))
                .map(|d| resolve(defs, d))
                .unwrap_or(schema),
            None => schema,
        }
    }

    /// The non-null alternative of an `anyOf`/`oneOf` (an `Option`), or the first one.
    fn first_alternative(schema: &Value) -> Option<&Value> {
        ["anyOf", "oneOf"].iter().find_map(|k| {
            let alts = schema.get(*k)?.as_array()?;
            alts.iter()
                .find(|a| a.get("type") != Some(&json!("null")))
                .or(alts.first())
        })
    }

    /// A value for `schema` with every optional field present and one item in every
    /// list: the fullest document the schema allows.
    fn fill(defs: &Map<String, Value>, schema: &Value) -> Value {
        let schema = resolve(defs, schema);
        if let Some(c) = schema.get("const") {
            return c.clone();
        }
        if let Some(e) = schema.get("enum").and_then(Value::as_array) {
            return e.first().cloned().unwrap_or(Value::Null);
        }
        if let Some(alt) = first_alternative(schema) {
            return fill(defs, alt);
        }
        let ty = match schema.get("type") {
            Some(Value::Array(types)) => types
                .iter()
                .find(|t| *t != "null")
                .and_then(Value::as_str)
                .unwrap_or("null"),
            Some(Value::String(t)) => t.as_str(),
            _ => "object",
        };
        match ty {
            "object" => {
                let mut map = Map::new();
                if let Some(props) = schema.get("properties").and_then(Value::as_object) {
                    for (name, prop) in props {
                        map.insert(name.clone(), fill(defs, prop));
                    }
                }
                Value::Object(map)
            }
            "array" => json!([fill(defs, schema.get("items").unwrap_or(&Value::Null))]),
            "string" => match schema.get("format").and_then(Value::as_str) {
                Some("date") => json!("2026-01-15"),
                Some("date-time") => json!("2026-01-15T10:00:00-05:00"),
                _ => json!("X-1"),
            },
            "integer" => schema.get("minimum").cloned().unwrap_or(json!(1)),
            "number" => json!(1.0),
            "boolean" => json!(true),
            _ => Value::Null,
        }
    }

    /// What the schema says about each field reached from the case file's root, by path
    /// pattern (`*` for a list index).
    #[derive(Default)]
    struct Fields {
        references: BTreeSet<String>,
        ids: BTreeSet<String>,
        dates: BTreeSet<String>,
    }

    /// The name of the `*Id` definition a field holds (directly, optionally or as list
    /// items), with whether it is a list.
    fn id_def(schema: &Value) -> Option<(String, bool)> {
        let schema = first_alternative(schema).unwrap_or(schema);
        if let Some(items) = schema.get("items") {
            return id_def(items).map(|(d, _)| (d, true));
        }
        let name = schema.get("$ref")?.as_str()?.trim_start_matches("#/$defs/");
        name.ends_with("Id").then(|| (name.to_owned(), false))
    }

    fn is_date(defs: &Map<String, Value>, schema: &Value) -> Option<bool> {
        let schema = resolve(defs, first_alternative(schema).unwrap_or(schema));
        if let Some(items) = schema.get("items") {
            return is_date(defs, items).map(|_| true);
        }
        matches!(
            schema.get("format").and_then(Value::as_str),
            Some("date" | "date-time")
        )
        .then_some(false)
    }

    fn collect(
        defs: &Map<String, Value>,
        schema: &Value,
        at: &str,
        out: &mut Fields,
        depth: usize,
    ) {
        assert!(depth < 16, "the schema nests deeper than expected at {at}");
        let schema = resolve(defs, first_alternative(schema).unwrap_or(schema));
        if let Some(items) = schema.get("items") {
            collect(defs, items, &format!("{at}/*"), out, depth + 1);
            return;
        }
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            return;
        };
        for (name, prop) in props {
            let path = format!("{at}/{name}");
            if let Some((_, list)) = id_def(prop) {
                let pattern = if list { format!("{path}/*") } else { path };
                if name == "id" {
                    out.ids.insert(pattern);
                } else {
                    out.references.insert(pattern);
                }
                continue;
            }
            if let Some(list) = is_date(defs, prop) {
                out.dates
                    .insert(if list { format!("{path}/*") } else { path });
                continue;
            }
            collect(defs, prop, &path, out, depth + 1);
        }
    }

    /// `path` with every index replaced by `*`.
    fn pattern(path: &FieldPath) -> String {
        path.segments()
            .map(|s| match s {
                Segment::Key(k) => format!("/{k}"),
                Segment::Index(_) => "/*".to_owned(),
            })
            .collect()
    }

    fn schema_and_fullest_case() -> (Fields, CaseFile) {
        let schema = schemars::schema_for!(CaseFile).to_value();
        let defs = schema
            .get("$defs")
            .and_then(Value::as_object)
            .cloned()
            .unwrap();
        let mut fields = Fields::default();
        collect(&defs, &schema, "", &mut fields, 0);
        let value = fill(&defs, &schema);
        let case: CaseFile = serde_json::from_value(value).unwrap();
        (fields, case)
    }

    fn without(set: &BTreeSet<String>, left_out: &[&str]) -> BTreeSet<String> {
        for field in left_out {
            assert!(
                set.contains(*field),
                "{field} is listed as left out but is not in the schema"
            );
        }
        set.iter()
            .filter(|f| !left_out.contains(&f.as_str()))
            .cloned()
            .collect()
    }

    #[test]
    fn the_reference_walk_covers_every_id_reference_of_the_schema() {
        let (fields, case) = schema_and_fullest_case();
        let walked: BTreeSet<String> = references(&case).iter().map(|r| pattern(&r.path)).collect();
        let expected = without(&fields.references, UNWALKED_REFERENCES);
        assert!(expected.len() > 40, "{expected:?}");
        assert_eq!(walked, expected, "walked (left) vs schema (right)");
    }

    #[test]
    fn the_record_walk_covers_every_id_of_the_schema() {
        let (fields, case) = schema_and_fullest_case();
        let walked: BTreeSet<String> = records(&case).iter().map(|r| pattern(&r.path)).collect();
        assert_eq!(
            walked,
            without(&fields.ids, NOT_RECORDS),
            "walked (left) vs schema (right)"
        );
    }

    #[test]
    fn the_date_pair_walk_covers_every_date_of_the_schema() {
        let (fields, case) = schema_and_fullest_case();
        let mut walked = BTreeSet::new();
        date_pairs(&case, &mut |pair| {
            walked.insert(pattern(&pair.at.key(pair.start_field)));
            walked.insert(pattern(&pair.end_path()));
        });
        assert_eq!(
            walked,
            without(&fields.dates, SINGLE_DATES),
            "walked (left) vs schema (right)"
        );
    }

    #[test]
    fn every_path_fits_and_reads_as_a_json_pointer() {
        let (_, case) = schema_and_fullest_case();
        let mut deepest = 0;
        let mut paths: Vec<FieldPath> = records(&case).iter().map(|r| r.path).collect();
        paths.extend(references(&case).iter().map(|r| r.path));
        date_pairs(&case, &mut |pair| paths.push(pair.end_path()));
        for path in &paths {
            assert!(path.len() < FieldPath::DEPTH, "{path}");
            deepest = deepest.max(path.len());
            assert!(path.to_string().starts_with('/'));
        }
        assert!(deepest >= 6);
        let p = FieldPath::root().key("a/b").index(3).key("~id");
        assert_eq!(p.to_string(), "/a~1b/3/~0id");
        assert_eq!(p.relative().to_string(), "a~1b/3/~0id");
        assert_eq!(FieldPath::root().to_string(), "");
        let joined = FieldPath::root()
            .key("x")
            .join(&FieldPath::root().key("y").index(0));
        assert_eq!(joined.to_string(), "/x/y/0");
    }

    #[test]
    fn when_compares_days_with_days_and_moments_as_instants() {
        let day = |s: &str| When::Date(s.parse().unwrap());
        let moment = |s: &str| When::Moment(s.parse().unwrap());
        assert!(day("2026-01-01").is_before(&day("2026-01-02")));
        assert!(!day("2026-01-02").is_before(&day("2026-01-02")));
        // 10:00 at -05:00 is 15:00 UTC, after 14:00 UTC.
        assert!(moment("2026-01-01T14:00:00+00:00").is_before(&moment("2026-01-01T10:00:00-05:00")));
        assert!(!day("2026-01-01").is_before(&moment("2026-01-02T00:00:00+00:00")));
        assert_eq!(
            moment("2026-01-01T10:00:00-05:00").to_string(),
            "2026-01-01T10:00:00-05:00"
        );
    }
}
