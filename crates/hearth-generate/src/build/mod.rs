//! Building one participant's case file: a timeline of dates first (entry, plan, exit or
//! termination), then the lapses to inject, then the records, each made to pass its
//! program's built-in policy unless a lapse says otherwise.
//!
//! This module holds the [`Builder`] (the options, the dice, the dates chosen and the
//! records made so far) and [`Builder::run`], which calls the areas in order; each area
//! is a module adding its methods to the builder, as the sections of one file did before:
//! [`timeline`] (outcome, problems, key dates), [`parties`] (parties and releases),
//! [`stages`] (ICM), [`schedule`] (when encounters happen), [`goals`], [`risks`],
//! [`referrals`] (and information shared), [`encounters`] (the records), [`care_plan`],
//! [`assessments`], [`intake`] (documents, housing conditions), [`exit`] (termination
//! and exit) and [`participant`]; [`helpers`] holds the small free functions they share.

mod assessments;
mod care_plan;
mod encounters;
mod exit;
mod goals;
mod helpers;
mod intake;
mod participant;
mod parties;
mod referrals;
mod risks;
mod schedule;
mod stages;
mod timeline;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use hearth_model::calendar::{add_days, add_months, days_between, weekday_on_or_after};
use hearth_model::{
    CaseFile, ConfidentialityException, Consent, ContactMode, CrisisIncident, CrisisPlan,
    EncounterKind, EncounterStatus, Enrollment, FileDocument, GoalArea, GoalId, HarmReductionPlan,
    InformationShare, LeaseViolationPlan, Location, LongTermGoalId, Party, PartyId,
    PlannedActionStep, Referral, RiskObservation, RiskObservationId, SchemaVersion,
    ServiceParticipation, StaffId, StageChange, StepDone,
};

use crate::dice::Dice;
use crate::staff;
use crate::time::Zone;
use crate::{Generated, Options, Problem, Program};

/// How an enrollment ends by the evaluation date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Still enrolled.
    Open,
    /// A planned, positive exit.
    PositiveExit,
    /// Terminated for non-compliance (St. Louis profile only).
    Terminated,
}

/// Choices a caller may fix instead of drawing them (for the typical file).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Overrides {
    pub(crate) outcome: Option<Outcome>,
}

/// Builds participant `index` of `program`.
pub(crate) fn build(
    options: &Options,
    index: usize,
    program: Program,
    overrides: Overrides,
) -> Generated {
    Builder::new(options, index, program, overrides).run()
}

// Parties every file may name.
const LANDLORD: &str = "PTY-LL";
const HOUSING_AUTHORITY: &str = "PTY-PHA";
const CLINIC: &str = "PTY-CLINIC";
const BENEFITS: &str = "PTY-BEN";
const BEHAVIORAL: &str = "PTY-BH";
const FAMILY: &str = "PTY-FAM";
const LEGAL_AID: &str = "PTY-LEGAL";
const SHELTER: &str = "PTY-SHELTER";
const NEXT_PROVIDER: &str = "PTY-NEXT";
const PANTRY: &str = "PTY-PANTRY";

/// What a planned encounter will be, before its details are filled in.
#[derive(Debug, Clone)]
struct Slot {
    date: NaiveDate,
    minute: u32,
    kind: EncounterKind,
    mode: ContactMode,
    location: Option<Location>,
    status: EncounterStatus,
    present: bool,
    /// The collateral party, when the slot is a contact with another party.
    party: Option<PartyId>,
    /// Risk observations made at this encounter.
    risks: Vec<RiskObservationId>,
    /// Steps carried out besides the routine ones.
    steps: Vec<StepDone>,
    /// The visit on the exit day (no next visit is scheduled).
    last: bool,
}

impl Slot {
    fn new(date: NaiveDate, kind: EncounterKind, mode: ContactMode) -> Slot {
        Slot {
            date,
            minute: 600,
            kind,
            mode,
            location: None,
            status: EncounterStatus::Completed,
            present: kind != EncounterKind::Collateral,
            party: None,
            risks: Vec::new(),
            steps: Vec::new(),
            last: false,
        }
    }

    fn at(mut self, location: Location) -> Slot {
        self.location = Some(location);
        self
    }

    fn is_contact(&self) -> bool {
        self.status == EncounterStatus::Completed
            && self.present
            && self.kind != EncounterKind::Collateral
    }

    fn is_visit_contact(&self) -> bool {
        self.kind == EncounterKind::Visit && self.is_contact()
    }

    fn is_in_person_visit(&self) -> bool {
        self.is_visit_contact() && self.mode == ContactMode::InPerson
    }
}

/// A goal on the plan's timeline.
#[derive(Debug, Clone)]
struct GoalSpec {
    id: GoalId,
    area: GoalArea,
    set_on: NaiveDate,
    closed_on: Option<NaiveDate>,
    long_term_goal: Option<LongTermGoalId>,
}

impl GoalSpec {
    fn active_on(&self, day: NaiveDate) -> bool {
        self.set_on <= day && self.closed_on.is_none_or(|c| day < c)
    }
}

/// The dates of a termination's due process.
#[derive(Debug, Clone)]
struct TerminationDates {
    conference: NaiveDate,
    decided: NaiveDate,
    notice: NaiveDate,
    reviewed: NaiveDate,
    appeal_filed: Option<(NaiveDate, NaiveDate)>,
    deadline: NaiveDate,
    final_notice: NaiveDate,
    exit: NaiveDate,
}

struct Builder<'a> {
    options: &'a Options,
    dice: Dice,
    program: Program,
    zone: Zone,
    as_of: NaiveDate,
    index: usize,
    problems: BTreeSet<Problem>,
    outcome: Outcome,
    /// Entry date (also the first interview).
    entered: NaiveDate,
    /// The date the care plan was written (the first visit after the interview).
    plan_on: NaiveDate,
    /// The last day judged: the exit date, or the evaluation date.
    end: NaiveDate,
    /// The exit date, when the participant has left.
    exit_on: Option<NaiveDate>,
    /// The discharge meeting before a planned exit.
    discharge_on: Option<NaiveDate>,
    termination: Option<TerminationDates>,
    cm: StaffId,
    sup: StaffId,
    director: StaffId,
    family: bool,
    behavioral: bool,
    parties: Vec<Party>,
    consents: Vec<Consent>,
    referrals: Vec<Referral>,
    shares: Vec<InformationShare>,
    documents: Vec<FileDocument>,
    action_steps: Vec<PlannedActionStep>,
    risks: Vec<RiskObservation>,
    lease_plans: Vec<LeaseViolationPlan>,
    harm_plans: Vec<HarmReductionPlan>,
    incidents: Vec<CrisisIncident>,
    crisis_plans: Vec<CrisisPlan>,
    exceptions: Vec<ConfidentialityException>,
    slots: Vec<Slot>,
    goals: Vec<GoalSpec>,
    stages: Vec<StageChange>,
    /// Domestic violence reported in the home, from and until (St. Louis profile).
    violence: Option<(NaiveDate, NaiveDate)>,
    /// The day of a crisis incident.
    crisis_on: Option<NaiveDate>,
    /// The day the legal-aid release is signed.
    legal_on: Option<NaiveDate>,
    /// The window in which the housing goal stalls (PLAN008).
    stall: Option<(NaiveDate, NaiveDate)>,
    /// When income verification was refused at intake: the day it was obtained, if it was.
    income_obtained: Option<Option<NaiveDate>>,
}

impl<'a> Builder<'a> {
    fn new(options: &'a Options, index: usize, program: Program, overrides: Overrides) -> Self {
        let mut dice = Dice::new(options.seed, u64::try_from(index).unwrap_or(u64::MAX));
        let as_of = options.as_of;
        let months = i64::from(options.months.clamp(1, crate::MAX_MONTHS));
        let history_start = add_months(as_of, -months);
        let entered = weekday_on_or_after(add_days(history_start, dice.range(1, 21))).min(as_of);
        let plan_on = weekday_on_or_after(add_days(entered, dice.range(2, 4))).min(as_of);
        let cm_number = staff::case_manager_number(index);
        let mut builder = Builder {
            options,
            program,
            zone: program.zone(),
            as_of,
            index,
            problems: BTreeSet::new(),
            outcome: Outcome::Open,
            entered,
            plan_on,
            end: as_of,
            exit_on: None,
            discharge_on: None,
            termination: None,
            cm: staff::case_manager(program, cm_number),
            sup: staff::supervisor(program, cm_number),
            director: staff::director(program),
            family: dice.percent(30),
            behavioral: dice.percent(40),
            dice,
            parties: Vec::new(),
            consents: Vec::new(),
            referrals: Vec::new(),
            shares: Vec::new(),
            documents: Vec::new(),
            action_steps: Vec::new(),
            risks: Vec::new(),
            lease_plans: Vec::new(),
            harm_plans: Vec::new(),
            incidents: Vec::new(),
            crisis_plans: Vec::new(),
            exceptions: Vec::new(),
            slots: Vec::new(),
            goals: Vec::new(),
            stages: Vec::new(),
            violence: None,
            crisis_on: None,
            legal_on: None,
            stall: None,
            income_obtained: None,
        };
        builder.choose_outcome(overrides.outcome);
        builder
    }

    fn span_from_plan(&self) -> i64 {
        days_between(self.plan_on, self.end)
    }

    fn span_from_entry(&self) -> i64 {
        days_between(self.entered, self.end)
    }

    fn has(&self, problem: Problem) -> bool {
        self.problems.contains(&problem)
    }

    fn run(mut self) -> Generated {
        self.choose_problems();
        self.add_parties();
        self.add_intake_consents();
        self.plan_events();
        self.add_stages();
        self.add_slots();
        self.add_goals();
        self.add_risks();
        self.add_crisis();
        self.add_legal_aid();
        self.add_referrals();
        let encounters = self.fill_encounters();
        let care_plan = self.care_plan();
        let assessments = self.assessments();
        let intake = self.intake();
        self.add_documents();
        let termination = self.termination_record();
        let exit = self.exit_record();
        let entry_decisions = self.entry_decisions();
        let participant = self.participant();
        let enrollment = Enrollment {
            id: hearth_model::EnrollmentId::new("ENR-1"),
            program: self.program.model(),
            tier: self.program.tier(),
            funding: self.funding(),
            case_manager: Some(self.cm.clone()),
            referred_on: Some(self.referred_on()),
            initial_contact_on: Some(self.initial_contact_on()),
            shelter_entry_on: self.shelter_entry_on(),
            first_interview_on: Some(self.entered),
            entered_on: self.entered,
            move_in_on: self.move_in_on(),
            service_participation: Some(ServiceParticipation::Voluntary),
            housing_conditions: self.housing_conditions(),
            intake,
            care_plan: Some(care_plan),
            encounters,
            risk_observations: std::mem::take(&mut self.risks),
            lease_violation_plans: std::mem::take(&mut self.lease_plans),
            harm_reduction_plans: std::mem::take(&mut self.harm_plans),
            crisis_incidents: std::mem::take(&mut self.incidents),
            crisis_plans: std::mem::take(&mut self.crisis_plans),
            stage_history: std::mem::take(&mut self.stages),
            referrals: std::mem::take(&mut self.referrals),
            information_shares: std::mem::take(&mut self.shares),
            confidentiality_exceptions: std::mem::take(&mut self.exceptions),
            documents: std::mem::take(&mut self.documents),
            termination,
            exit,
            entry_documented_at: None,
            household: None,
            source: None,
        };
        let case = CaseFile {
            schema_version: SchemaVersion::CURRENT,
            participant,
            parties: std::mem::take(&mut self.parties),
            consents: std::mem::take(&mut self.consents),
            assessments,
            enrollments: vec![enrollment],
            entry_decisions,
        };
        Generated {
            case,
            program: self.program,
            problems: self.problems.into_iter().collect(),
        }
    }
}
