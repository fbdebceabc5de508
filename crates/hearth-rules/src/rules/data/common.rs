//! What the data-integrity rules share: every record of a case file that has an id, and
//! every reference from one record to another (or to the staff roster, or to the
//! catalog), each with its JSON Pointer. One walk over the case file lists them, so the
//! rules agree on what a record and a reference are, and each rule is a sweep over a
//! list: linear in the size of the case file.

use std::fmt;

use hearth_model::{
    ActionStepId, CaseFile, ConsentId, DocumentId, EncounterId, Enrollment, GoalId, IncidentId,
    InstrumentId, PartyId, PlanId, ReferralId, RiskId, RiskObservationId, StaffId, StepId,
};

use crate::path::Pointer;

/// The kinds of record that have an id, unique among records of the same kind in the
/// case file (the model's rule), and that other records may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    Party,
    Consent,
    Assessment,
    EntryDecision,
    Enrollment,
    Refusal,
    LongTermGoal,
    Goal,
    Objective,
    Task,
    Service,
    Support,
    Skill,
    ActionStep,
    Encounter,
    RiskObservation,
    LeaseViolationPlan,
    HarmReductionPlan,
    CrisisIncident,
    CrisisPlan,
    Referral,
    InformationShare,
    ConfidentialityException,
    Document,
}

impl Kind {
    /// The kind in messages, e.g. `goal`.
    pub(crate) fn noun(self) -> &'static str {
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

/// A JSON Pointer kept as its segments, built without allocating: the walk below makes
/// one for every record and reference of a case file (hundreds), and only the few that
/// end up in a finding are turned into text ([`SegPath::pointer`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct SegPath {
    segs: [Seg; SegPath::DEPTH],
    len: u8,
}

#[derive(Debug, Clone, Copy)]
enum Seg {
    Key(&'static str),
    Index(usize),
}

impl SegPath {
    /// More segments than the deepest path the walk builds (`/enrollments/0/care_plan/
    /// goals/0/objectives/0/action_step` has 8); a test checks the deepest one.
    const DEPTH: usize = 12;

    pub(crate) fn root() -> SegPath {
        SegPath {
            segs: [Seg::Index(0); SegPath::DEPTH],
            len: 0,
        }
    }

    fn push(mut self, seg: Seg) -> SegPath {
        if let Some(slot) = self.segs.get_mut(usize::from(self.len)) {
            *slot = seg;
            self.len += 1;
        }
        self
    }

    /// This path followed by the object key `key`.
    pub(crate) fn key(&self, key: &'static str) -> SegPath {
        self.push(Seg::Key(key))
    }

    /// This path followed by the array index `index`.
    pub(crate) fn index(&self, index: usize) -> SegPath {
        self.push(Seg::Index(index))
    }

    /// The path as a JSON Pointer.
    pub(crate) fn pointer(&self) -> Pointer {
        let mut p = Pointer::root();
        for seg in self.segs.iter().take(usize::from(self.len)) {
            p = match seg {
                Seg::Key(key) => p.key(key),
                Seg::Index(i) => p.index(*i),
            };
        }
        p
    }
}

impl fmt::Display for SegPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.pointer().fmt(f)
    }
}

/// One record with an id: its kind, its id and the pointer to its `id` field.
#[derive(Debug, Clone)]
pub(crate) struct Record<'a> {
    pub kind: Kind,
    pub id: &'a str,
    pub path: SegPath,
}

/// The catalogs a reference may point into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CatalogKind {
    Step,
    Risk,
    Instrument,
}

/// What a reference points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// A record of the case file.
    Record(Kind),
    /// A member of the caseload's staff roster.
    Staff,
    /// An entry of the catalog (built-in, or extended by the agency).
    Catalog(CatalogKind),
}

/// The record a reference is written in, for messages: `encounter E004`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Referrer<'a> {
    pub noun: &'static str,
    pub id: &'a str,
}

impl fmt::Display for Referrer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.noun, self.id)
    }
}

/// One reference: what it names, the id named, where it is written and by which record.
#[derive(Debug, Clone)]
pub(crate) struct Reference<'a> {
    pub target: Target,
    pub id: &'a str,
    pub path: SegPath,
    pub by: Referrer<'a>,
}

/// Every record of `case` that has an id, in document order.
pub(crate) fn records(case: &CaseFile) -> Vec<Record<'_>> {
    let mut out = Vec::new();
    let root = SegPath::root();
    add(
        &mut out,
        Kind::Party,
        &root.key("parties"),
        &case.parties,
        |p| p.id.as_str(),
    );
    add(
        &mut out,
        Kind::Consent,
        &root.key("consents"),
        &case.consents,
        |c| c.id.as_str(),
    );
    add(
        &mut out,
        Kind::Assessment,
        &root.key("assessments"),
        &case.assessments,
        |a| a.id.as_str(),
    );
    add(
        &mut out,
        Kind::EntryDecision,
        &root.key("entry_decisions"),
        &case.entry_decisions,
        |d| d.id.as_str(),
    );
    add(
        &mut out,
        Kind::Enrollment,
        &root.key("enrollments"),
        &case.enrollments,
        |e| e.id.as_str(),
    );
    for (i, enrollment) in case.enrollments.iter().enumerate() {
        enrollment_records(&mut out, &root.key("enrollments").index(i), enrollment);
    }
    out
}

fn enrollment_records<'a>(out: &mut Vec<Record<'a>>, at: &SegPath, e: &'a Enrollment) {
    add(
        out,
        Kind::Refusal,
        &at.key("intake").key("refusals"),
        &e.intake.refusals,
        |r| r.id.as_str(),
    );
    if let Some(plan) = &e.care_plan {
        let plan_at = at.key("care_plan");
        add(
            out,
            Kind::LongTermGoal,
            &plan_at.key("long_term_goals"),
            &plan.long_term_goals,
            |g| g.id.as_str(),
        );
        add(out, Kind::Goal, &plan_at.key("goals"), &plan.goals, |g| {
            g.id.as_str()
        });
        for (g, goal) in plan.goals.iter().enumerate() {
            add(
                out,
                Kind::Objective,
                &plan_at.key("goals").index(g).key("objectives"),
                &goal.objectives,
                |o| o.id.as_str(),
            );
        }
        add(out, Kind::Task, &plan_at.key("tasks"), &plan.tasks, |t| {
            t.id.as_str()
        });
        add(
            out,
            Kind::Service,
            &plan_at.key("services"),
            &plan.services,
            |s| s.id.as_str(),
        );
        add(
            out,
            Kind::Support,
            &plan_at.key("supports"),
            &plan.supports,
            |s| s.id.as_str(),
        );
        add(
            out,
            Kind::Skill,
            &plan_at.key("skills"),
            &plan.skills,
            |s| s.id.as_str(),
        );
        add(
            out,
            Kind::ActionStep,
            &plan_at.key("action_steps"),
            &plan.action_steps,
            |s| s.id.as_str(),
        );
    }
    add(
        out,
        Kind::Encounter,
        &at.key("encounters"),
        &e.encounters,
        |n| n.id.as_str(),
    );
    add(
        out,
        Kind::RiskObservation,
        &at.key("risk_observations"),
        &e.risk_observations,
        |r| r.id.as_str(),
    );
    add(
        out,
        Kind::LeaseViolationPlan,
        &at.key("lease_violation_plans"),
        &e.lease_violation_plans,
        |p| p.id.as_str(),
    );
    add(
        out,
        Kind::HarmReductionPlan,
        &at.key("harm_reduction_plans"),
        &e.harm_reduction_plans,
        |p| p.id.as_str(),
    );
    add(
        out,
        Kind::CrisisIncident,
        &at.key("crisis_incidents"),
        &e.crisis_incidents,
        |c| c.id.as_str(),
    );
    add(
        out,
        Kind::CrisisPlan,
        &at.key("crisis_plans"),
        &e.crisis_plans,
        |p| p.id.as_str(),
    );
    add(
        out,
        Kind::Referral,
        &at.key("referrals"),
        &e.referrals,
        |r| r.id.as_str(),
    );
    add(
        out,
        Kind::InformationShare,
        &at.key("information_shares"),
        &e.information_shares,
        |s| s.id.as_str(),
    );
    add(
        out,
        Kind::ConfidentialityException,
        &at.key("confidentiality_exceptions"),
        &e.confidentiality_exceptions,
        |c| c.id.as_str(),
    );
    add(
        out,
        Kind::Document,
        &at.key("documents"),
        &e.documents,
        |d| d.id.as_str(),
    );
}

fn add<'a, T>(
    out: &mut Vec<Record<'a>>,
    kind: Kind,
    list_at: &SegPath,
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
struct Refs<'a> {
    out: Vec<Reference<'a>>,
}

impl<'a> Refs<'a> {
    fn one<I: IdStr>(
        &mut self,
        target: Target,
        id: Option<&'a I>,
        path: SegPath,
        by: Referrer<'a>,
    ) {
        if let Some(id) = id {
            self.out.push(Reference {
                target,
                id: id.id_str(),
                path,
                by,
            });
        }
    }

    fn each<I: IdStr>(
        &mut self,
        target: Target,
        ids: &'a [I],
        list_at: &SegPath,
        by: Referrer<'a>,
    ) {
        for (i, id) in ids.iter().enumerate() {
            self.one(target, Some(id), list_at.index(i), by);
        }
    }
}

const PARTY: Target = Target::Record(Kind::Party);
const GOAL: Target = Target::Record(Kind::Goal);
const ACTION_STEP: Target = Target::Record(Kind::ActionStep);
const ENCOUNTER: Target = Target::Record(Kind::Encounter);
const RISK_OBSERVATION: Target = Target::Record(Kind::RiskObservation);
const REFERRAL: Target = Target::Record(Kind::Referral);
const DOCUMENT: Target = Target::Record(Kind::Document);
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
pub(crate) fn references(case: &CaseFile) -> Vec<Reference<'_>> {
    let mut refs = Refs { out: Vec::new() };
    let root = SegPath::root();
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

fn enrollment_references<'a>(refs: &mut Refs<'a>, at: &SegPath, e: &'a Enrollment) {
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
                Target::Record(Kind::LeaseViolationPlan),
                response.lease_violation_plan.as_ref(),
                s.key("lease_violation_plan"),
                who,
            );
            refs.one(
                Target::Record(Kind::HarmReductionPlan),
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
            Target::Record(Kind::CrisisIncident),
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
            Target::Record(Kind::Consent),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Vec<CaseFile> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/cases");
        let mut cases = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            cases.push(hearth_model::parse_case_file(&text).unwrap());
        }
        cases
    }

    #[test]
    fn every_path_the_walk_builds_fits_and_reads_as_a_pointer() {
        let cases = examples();
        assert!(cases.len() >= 6);
        let mut deepest = 0;
        for case in &cases {
            let paths = records(case)
                .into_iter()
                .map(|r| r.path)
                .chain(references(case).into_iter().map(|r| r.path));
            for path in paths {
                assert!(usize::from(path.len) < SegPath::DEPTH, "{path}");
                deepest = deepest.max(path.len);
                assert!(path.pointer().as_str().starts_with('/'));
            }
        }
        assert!(deepest >= 6, "the examples reach nested references");
        let p = SegPath::root().key("a/b").index(3).key("~id");
        assert_eq!(p.pointer().as_str(), "/a~1b/3/~0id");
        assert_eq!(p.to_string(), "/a~1b/3/~0id");
    }
}
