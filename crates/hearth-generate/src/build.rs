//! Building one participant's case file: a timeline of dates first (entry, plan, exit or
//! termination), then the lapses to inject, then the records, each made to pass its
//! program's built-in policy unless a lapse says otherwise.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeDelta};
use hearth_model::{
    AgeBand, Answer, Appeal, AppealOutcome, Assessment, AssessmentId, CarePlan, CaseConference,
    CaseFile, ClientRight, ConfidentialityException, Consent, ConsentId, ContactMode,
    ContactSchedule, CrisisIncident, CrisisPlan, CtiPhase, DenialReason, DocumentId, DocumentKind,
    Encounter, EncounterId, EncounterKind, EncounterObjective, EncounterStatus, Enrollment,
    EntryDecision, ExceptionKind, Exit, ExitDestination, ExitKind, FileDocument, FollowUp,
    FreeText, Funding, Goal, GoalArea, GoalAuthor, GoalId, GoalProgress, GoalStatus, HandoffKind,
    HarmReductionOption, HarmReductionPlan, HouseholdType, HousingCondition, HousingConditionKind,
    InformationShare, Intake, ItemAnswer, LeaseViolationPlan, Location, LongTermGoal,
    LongTermGoalId, NextVisit, Objective, ObjectiveId, Participant, ParticipantId, Party, PartyId,
    PartyKind, Personal, PersonalDetails, PlanId, PlanOutcome, PlanPhase, PlanReview,
    PlannedActionStep, PlannedService, Progress, RecordId, Referral, ReferralId, Refusal,
    ResourcesGiven, RightExplained, RiskId, RiskObservation, RiskObservationId, RiskResponse,
    RiskResponseKind, RiskSource, SchemaVersion, ServiceParticipation, Signature, Signer, Skill,
    StaffId, Stage, StageChange, StepDone, StepId, Support, SupportKind, Task, TaskId, TaskOwner,
    Termination, TerminationReason, TerminationReview, Transfer, WarmHandoff, WrittenNotice,
};

use crate::dice::Dice;
use crate::names;
use crate::staff;
use crate::time::{
    days_between, is_weekday, month_end, month_start, plus_days, plus_months, weekday_on_or_after,
    weekday_on_or_before, Zone,
};
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
        let history_start = plus_months(as_of, -months);
        let entered = weekday_on_or_after(plus_days(history_start, dice.range(1, 21))).min(as_of);
        let plan_on = weekday_on_or_after(plus_days(entered, dice.range(2, 4))).min(as_of);
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
            entry_documented_at: None,
            household: None,
            source: None,
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

    // ----- the timeline ---------------------------------------------------------------

    fn choose_outcome(&mut self, fixed: Option<Outcome>) {
        let roll = self.dice.below(100);
        let drawn = match self.program {
            Program::IcmsHigh | Program::IcmsLow if roll < 5 => Outcome::PositiveExit,
            Program::IcmRrh | Program::CtPsh if roll < 15 => Outcome::PositiveExit,
            Program::Rrh if roll < 20 => Outcome::PositiveExit,
            Program::StlCoc if roll < 12 => Outcome::Terminated,
            Program::StlCoc if roll < 25 => Outcome::PositiveExit,
            _ => Outcome::Open,
        };
        let outcome = fixed.unwrap_or(drawn);
        match outcome {
            Outcome::Open => {}
            Outcome::PositiveExit => {
                let exit = weekday_on_or_before(plus_days(self.as_of, -self.dice.range(5, 75)));
                if days_between(self.plan_on, exit) >= 90 {
                    let meeting = weekday_on_or_before(plus_days(exit, -self.dice.range(3, 10)));
                    self.outcome = outcome;
                    self.exit_on = Some(exit);
                    self.discharge_on = Some(meeting);
                    self.end = exit;
                }
            }
            Outcome::Terminated => {
                let decided = weekday_on_or_before(plus_days(self.as_of, -self.dice.range(50, 90)));
                if days_between(self.plan_on, decided) >= 90 {
                    let dates = self.termination_dates(decided);
                    self.outcome = outcome;
                    self.exit_on = Some(dates.exit);
                    self.end = dates.exit;
                    self.termination = Some(dates);
                }
            }
        }
    }

    fn termination_dates(&mut self, decided: NaiveDate) -> TerminationDates {
        let conference = weekday_on_or_before(plus_days(decided, -self.dice.range(3, 10)));
        let notice = plus_days(decided, self.dice.range(0, 2));
        let reviewed = plus_days(decided, self.dice.range(1, 5));
        let deadline = plus_days(notice, 14);
        let appeal_filed = self.dice.percent(40).then(|| {
            let filed = plus_days(notice, self.dice.range(2, 10));
            (filed, plus_days(filed, self.dice.range(3, 7)))
        });
        // The final notice is timed once the lapses are known (see `fix_final_notice`).
        TerminationDates {
            conference,
            decided,
            notice,
            reviewed,
            appeal_filed,
            deadline,
            final_notice: deadline,
            exit: deadline,
        }
    }

    /// Times the final notice and the exit from the decision point the rule uses.
    fn fix_final_notice(&mut self) {
        let late = self.has(Problem::FinalNoticeLate);
        let no_deadline = self.has(Problem::AppealWithoutDeadline);
        let (early, late_by) = (self.dice.range(1, 10), self.dice.range(16, 30));
        let gap = self.dice.range(1, 6);
        let Some(t) = self.termination.as_mut() else {
            return;
        };
        let point = match t.appeal_filed {
            Some((_, heard)) => heard,
            None if no_deadline => t.reviewed,
            None => t.deadline,
        };
        t.final_notice = plus_days(point, if late { late_by } else { early });
        t.exit = weekday_on_or_after(plus_days(t.final_notice.max(t.deadline), gap));
        if t.exit >= self.as_of {
            t.exit = plus_days(self.as_of, -1);
        }
        self.exit_on = Some(t.exit);
        self.end = t.exit;
    }

    fn choose_problems(&mut self) {
        if self.outcome == Outcome::Terminated {
            // Lapses may move the final notice; time it before anything else is dated.
            self.fix_final_notice();
        }
        let percent = u64::from(self.options.problem_percent.min(100));
        let troubled = self.dice.percent(percent);
        let feasible: Vec<Problem> = Problem::ALL
            .into_iter()
            .filter(|p| *p != Problem::PastHorizon && self.feasible(*p))
            .collect();
        if troubled && !feasible.is_empty() {
            let count = 1 + usize::from(self.dice.percent(35)) + usize::from(self.dice.percent(15));
            // Lapses gather where the process is hardest: a termination's due process,
            // a planned exit's checklist.
            let focus: Vec<Problem> = feasible
                .iter()
                .copied()
                .filter(|p| {
                    p.code().starts_with("TERM0") && *p != Problem::EntryDeniedForPastTermination
                        || *p == Problem::PlannedExitIncomplete
                })
                .collect();
            if !focus.is_empty() && self.dice.percent(60) {
                let first = self.dice.pick(&focus, Problem::PlannedExitIncomplete);
                self.problems.insert(first);
            }
            let mut pool: Vec<Problem> = feasible
                .into_iter()
                .filter(|p| !self.problems.contains(p))
                .collect();
            let count = count.saturating_sub(self.problems.len());
            for _ in 0..count {
                if pool.is_empty() {
                    break;
                }
                let i = self.dice.index(pool.len());
                let problem = pool.swap_remove(i.min(pool.len().saturating_sub(1)));
                self.problems.insert(problem);
            }
        }
        if self.program == Program::IcmRrh
            && self.outcome == Outcome::Open
            && plus_months(self.entered, 24) < self.as_of
        {
            self.problems.insert(Problem::PastHorizon);
        }
        if self.outcome == Outcome::Terminated {
            self.fix_final_notice();
        }
    }

    fn feasible(&self, problem: Problem) -> bool {
        if !problem.programs().contains(&self.program) {
            return false;
        }
        let plan = self.span_from_plan();
        let entry = self.span_from_entry();
        let terminated = self.outcome == Outcome::Terminated;
        match problem {
            Problem::MissedMonthlyVisits => !self.full_past_months().is_empty(),
            Problem::NoNextVisit
            | Problem::VisitWithoutObjective
            | Problem::GoalProgressNotDiscussed
            | Problem::IncompleteCaseNote => plan >= 20,
            Problem::LateDocumentation => {
                plan >= 20 && days_between(self.plan_on, self.as_of) >= 10
            }
            Problem::RiskWithoutResponse => plan >= 80,
            Problem::TooManyActiveGoals | Problem::UnannouncedHomeVisit => plan >= 40,
            Problem::ExpiredReleaseAtReferral | Problem::ShareBeforeRelease => plan >= 180,
            Problem::ContactGap => plan >= 90,
            Problem::StageSkipped => entry >= 240,
            Problem::AssessmentOverdue => {
                let months = if self.program == Program::IcmRrh {
                    7
                } else {
                    12
                };
                entry >= months * 31 + 75
            }
            Problem::HousingConditioned
            | Problem::GoalNotSmart
            | Problem::GoalWithoutLongTermGoal
            | Problem::NoHousingGoal => plan >= 0,
            Problem::IncompleteCarePlan => plan >= 35,
            Problem::PlanReviewOverdue
            | Problem::StalledGoal
            | Problem::HomeVisitDuringDomesticViolence => plan >= 120,
            Problem::FirstInterviewLate | Problem::EntryDeniedForPastTermination => entry >= 0,
            Problem::FrontDoorAssessmentLate
            | Problem::RightsNotExplained
            | Problem::MissingDocument => entry >= 35,
            Problem::NoReleaseAtIntake | Problem::RefusalNotFollowedUp => entry >= 70,
            Problem::EvictionRiskWithoutPlan => plan >= 60,
            Problem::CrisisWithoutCrisisPlan => plan >= 90,
            Problem::TerminationWithoutConference
            | Problem::TerminationNoticeWithoutReason
            | Problem::TerminationReviewNotIndependent
            | Problem::AppealWithoutDeadline
            | Problem::FinalNoticeLate
            | Problem::ResourcesNotWritten => terminated,
            Problem::PlannedExitIncomplete => self.outcome == Outcome::PositiveExit,
            Problem::PastHorizon => false,
        }
    }

    /// Calendar months wholly inside the enrollment after the plan was written and
    /// finished before the evaluation date: where a missed visit is judged.
    fn full_past_months(&self) -> Vec<NaiveDate> {
        let mut months = Vec::new();
        let mut m = month_start(plus_days(self.plan_on, 1));
        if m <= self.plan_on {
            m = plus_months(m, 1);
        }
        while month_end(m) < self.as_of && month_end(m) < self.end {
            months.push(m);
            let next = plus_months(m, 1);
            if next <= m {
                break;
            }
            m = next;
        }
        months
    }

    /// A day drawn from `lo..=hi` (a weekday when there is one near it).
    fn day_between(&mut self, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
        let span = days_between(lo, hi).max(0);
        let day = plus_days(lo, self.dice.range(0, span));
        let weekday = weekday_on_or_before(day);
        if weekday >= lo {
            weekday
        } else {
            day
        }
    }

    fn plan_events(&mut self) {
        let span = self.span_from_plan();
        if self.program == Program::StlCoc
            && (self.has(Problem::HomeVisitDuringDomesticViolence)
                || (span >= 120 && self.dice.percent(8)))
        {
            let from = self.day_between(plus_days(self.plan_on, 30), plus_days(self.end, -80));
            let until = plus_days(from, self.dice.range(30, 45));
            self.violence = Some((from, until));
        }
        let crisis_share = match self.program {
            Program::CtPsh => 25,
            Program::StlCoc | Program::IcmRrh => 8,
            _ => 0,
        };
        // A crisis call is a contact: it would close an ICM contact gap.
        let gap = self.has(Problem::ContactGap);
        if self.has(Problem::CrisisWithoutCrisisPlan)
            || (!gap && span >= 90 && self.dice.percent(crisis_share))
        {
            self.crisis_on =
                Some(self.day_between(plus_days(self.plan_on, 20), plus_days(self.end, -45)));
        }
        let legal =
            self.has(Problem::ExpiredReleaseAtReferral) || self.has(Problem::ShareBeforeRelease);
        if legal || (span >= 180 && self.dice.percent(20)) {
            self.legal_on =
                Some(self.day_between(plus_days(self.plan_on, 45), plus_days(self.end, -130)));
        }
        if self.has(Problem::StalledGoal) {
            let from = self.day_between(plus_days(self.plan_on, 10), plus_days(self.end, -100));
            self.stall = Some((from, plus_days(from, 80)));
        }
    }

    /// `index % n` as a day count.
    fn spread(&self, n: usize) -> i64 {
        i64::try_from(self.index % n.max(1)).unwrap_or(0)
    }

    fn referred_on(&self) -> NaiveDate {
        if self.has(Problem::FirstInterviewLate) {
            plus_days(self.initial_contact_on(), -3)
        } else {
            plus_days(self.entered, -(self.spread(9) + 4))
        }
    }

    fn initial_contact_on(&self) -> NaiveDate {
        if self.has(Problem::FirstInterviewLate) {
            plus_days(self.entered, -(12 + self.spread(8)))
        } else {
            plus_days(self.entered, -self.spread(4))
        }
    }

    fn shelter_entry_on(&self) -> Option<NaiveDate> {
        (self.program == Program::StlCoc).then(|| plus_days(self.entered, -(40 + self.spread(50))))
    }

    fn move_in_on(&self) -> Option<NaiveDate> {
        let offset = self.spread(60);
        let day = match self.program {
            Program::IcmsHigh | Program::IcmsLow | Program::CtPsh => {
                plus_days(self.entered, -offset / 3)
            }
            Program::IcmRrh | Program::Rrh => plus_days(self.entered, 20 + offset),
            Program::StlCoc => plus_days(self.entered, 30 + offset),
        };
        (day <= self.end).then_some(day)
    }

    fn funding(&self) -> Vec<Funding> {
        match self.program {
            Program::IcmsHigh | Program::IcmsLow | Program::CtPsh => vec![Funding::StateOrCounty],
            Program::IcmRrh => vec![Funding::Esg],
            Program::Rrh => vec![Funding::Coc],
            Program::StlCoc if self.index.is_multiple_of(3) => vec![Funding::Esg],
            Program::StlCoc => vec![Funding::Coc],
        }
    }

    // ----- parties and releases -------------------------------------------------------

    fn party(&mut self, id: &str, kind: PartyKind, name: &str) {
        self.parties.push(Party {
            id: PartyId::new(id),
            kind,
            name: Some(FreeText::new(name.to_owned())),
        });
    }

    fn add_parties(&mut self) {
        self.party(
            LANDLORD,
            PartyKind::Landlord,
            "Sampleton Property Management (invented)",
        );
        self.party(
            HOUSING_AUTHORITY,
            PartyKind::HousingAuthority,
            "Sampleton Housing Authority (invented)",
        );
        self.party(
            CLINIC,
            PartyKind::HealthProvider,
            "Example Family Clinic (invented)",
        );
        self.party(
            BENEFITS,
            PartyKind::GovernmentAgency,
            "Sampleton Benefits Office (invented)",
        );
        self.party(PANTRY, PartyKind::Other, "Example Food Pantry (invented)");
        if self.behavioral {
            self.party(
                BEHAVIORAL,
                PartyKind::BehavioralHealthProvider,
                "Example Counselling Service (invented)",
            );
        }
        if self.family {
            self.party(FAMILY, PartyKind::FamilyMember, "A. Relative (invented)");
        }
    }

    fn next_consent_id(&self) -> ConsentId {
        ConsentId::new(format!("C{}", self.consents.len() + 1))
    }

    /// A release for `party` signed on `signed`, renewed before each expiry until the
    /// enrollment ends.
    fn release_series(&mut self, party: &str, signed: NaiveDate, at_intake: bool) {
        let mut signed = signed;
        let mut at_intake = at_intake;
        loop {
            let expires = plus_days(plus_months(signed, 12), -1);
            self.consents.push(Consent {
                id: self.next_consent_id(),
                party: PartyId::new(party),
                signed_on: Some(signed),
                expires_on: Some(expires),
                revoked_on: None,
                refused_on: None,
                at_intake,
            });
            if expires >= self.end || expires >= self.as_of {
                break;
            }
            let renewed = plus_days(expires, -self.dice.range(5, 25));
            if renewed <= signed {
                break;
            }
            signed = renewed;
            at_intake = false;
        }
    }

    fn add_intake_consents(&mut self) {
        let late = self.has(Problem::NoReleaseAtIntake);
        let signed = if late {
            plus_days(self.entered, self.dice.range(35, 50))
        } else {
            self.entered
        };
        let mut parties = vec![LANDLORD, CLINIC, BENEFITS];
        if matches!(
            self.program,
            Program::IcmsHigh | Program::IcmsLow | Program::StlCoc | Program::CtPsh
        ) {
            parties.push(HOUSING_AUTHORITY);
        }
        if self.behavioral {
            parties.push(BEHAVIORAL);
        }
        for party in parties {
            self.release_series(party, signed, !late);
        }
        if self.family {
            // The participant declined to let the agency talk to their family.
            self.consents.push(Consent {
                id: self.next_consent_id(),
                party: PartyId::new(FAMILY),
                signed_on: None,
                expires_on: None,
                revoked_on: None,
                refused_on: Some(self.entered),
                at_intake: false,
            });
        }
    }

    /// The release that allows sharing with `party` on `day`, if any.
    fn release_for(&self, party: &str, day: NaiveDate) -> Option<ConsentId> {
        self.consents
            .iter()
            .find(|c| {
                c.party.as_str() == party
                    && c.refused_on.is_none()
                    && c.signed_on.is_some_and(|s| s <= day)
                    && c.expires_on.is_none_or(|e| e >= day)
                    && c.revoked_on.is_none_or(|r| r > day)
            })
            .map(|c| c.id.clone())
    }

    // ----- stages (ICM) ------------------------------------------------------------------

    fn add_stages(&mut self) {
        if self.program != Program::IcmRrh {
            return;
        }
        let skip = self.has(Problem::StageSkipped);
        let mut changes = vec![(self.entered, Stage::HousingSupports)];
        let isp = plus_days(self.entered, self.dice.range(30, 75));
        changes.push((isp, Stage::IndividualizedServicePlanning));
        let aware = plus_days(isp, self.dice.range(60, 120));
        if !skip {
            changes.push((aware, Stage::SelfAwareness));
        }
        let manage = plus_days(aware, self.dice.range(75, 150));
        changes.push((manage, Stage::SelfManagement));
        let mut last = manage;
        if !skip && self.dice.percent(20) {
            // A relapse: one step back, then forward again (allowed, R-PLAN-9).
            let back = plus_days(manage, self.dice.range(30, 60));
            let again = plus_days(back, self.dice.range(30, 60));
            changes.push((back, Stage::SelfAwareness));
            changes.push((again, Stage::SelfManagement));
            last = again;
        }
        changes.push((
            plus_days(last, self.dice.range(90, 180)),
            Stage::RebuiltReframed,
        ));
        if skip && manage > self.end {
            // Make sure the skipped step shows within the enrollment.
            if let Some(change) = changes
                .iter_mut()
                .find(|(_, s)| *s == Stage::SelfManagement)
            {
                change.0 = plus_days(isp, 30).min(self.end);
            }
        }
        self.stages = changes
            .into_iter()
            .filter(|(on, _)| *on <= self.end)
            .map(|(entered_on, stage)| StageChange { stage, entered_on })
            .collect();
    }

    fn stage_on(&self, day: NaiveDate) -> Stage {
        self.stages
            .iter()
            .filter(|c| c.entered_on <= day)
            .max_by_key(|c| c.entered_on)
            .map_or(Stage::HousingSupports, |c| c.stage)
    }

    // ----- encounters: the schedule ----------------------------------------------------

    /// The monthly pattern of contacts, most important first.
    fn pattern(&self) -> &'static [(EncounterKind, ContactMode, Option<Location>)] {
        use ContactMode::{InPerson, Phone};
        use EncounterKind::{Collateral, Visit};
        match self.program {
            Program::IcmsHigh => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, InPerson, Some(Location::Home)),
                (Visit, Phone, None),
                (Collateral, Phone, None),
            ],
            Program::IcmsLow => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, Phone, None),
                (Collateral, Phone, None),
            ],
            Program::Rrh => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, InPerson, Some(Location::Office)),
                (Visit, Phone, None),
            ],
            Program::StlCoc => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, InPerson, Some(Location::Office)),
                (Visit, Phone, None),
                (Collateral, Phone, None),
            ],
            Program::CtPsh | Program::IcmRrh => &[
                (Visit, InPerson, Some(Location::Home)),
                (Visit, InPerson, Some(Location::Home)),
                (Visit, Phone, None),
            ],
        }
    }

    /// The last day regular contacts are scheduled on (the exit day has its own visit).
    fn last_regular_day(&self) -> NaiveDate {
        match self.exit_on {
            Some(exit) => plus_days(exit, -1),
            None => self.as_of,
        }
    }

    fn add_slots(&mut self) {
        let mut slots = vec![
            Slot::new(
                self.entered,
                EncounterKind::FirstInterview,
                ContactMode::InPerson,
            )
            .at(Location::Office),
            Slot::new(self.plan_on, EncounterKind::Visit, ContactMode::InPerson)
                .at(Location::Office),
        ];
        if self.program == Program::IcmRrh {
            self.cadence_slots(&mut slots);
        } else {
            self.monthly_slots(&mut slots);
        }
        self.extra_slots(&mut slots);
        for slot in &mut slots {
            slot.minute = 9 * 60 + 15 * u32::try_from(self.dice.below(29)).unwrap_or(0);
        }
        slots.sort_by_key(|s| (s.date, s.minute));
        self.slots = slots;
        self.shape_slots();
    }

    fn monthly_slots(&mut self, slots: &mut Vec<Slot>) {
        let pattern = self.pattern();
        let first = plus_days(self.plan_on, 1);
        let last = self.last_regular_day();
        let mut month = month_start(first);
        while month <= last {
            let lo = month.max(first);
            let hi = month_end(month).min(last);
            let days_in_month = days_between(month, month_end(month)) + 1;
            let inside = days_between(lo, hi) + 1;
            if inside > 0 {
                let len = i64::try_from(pattern.len()).unwrap_or(0);
                let take = (len * inside + days_in_month - 1) / days_in_month.max(1);
                let mut entries: Vec<_> = pattern
                    .iter()
                    .take(usize::try_from(take).unwrap_or(0))
                    .copied()
                    .collect();
                if self.program == Program::Rrh && self.dice.percent(50) {
                    entries.push((EncounterKind::Collateral, ContactMode::Phone, None));
                }
                if self.program == Program::CtPsh && self.dice.percent(30) {
                    entries.push((EncounterKind::Collateral, ContactMode::Phone, None));
                }
                let days = self.weekdays(lo, hi, entries.len());
                // Pair the sorted days with the entries in a shuffled order.
                let mut order: Vec<usize> = (0..days.len()).collect();
                for i in (1..order.len()).rev() {
                    let j = self.dice.index(i + 1);
                    order.swap(i, j);
                }
                for (day, &which) in days.iter().zip(order.iter()) {
                    if let Some(&(kind, mode, location)) = entries.get(which) {
                        let mut slot = Slot::new(*day, kind, mode);
                        slot.location = location;
                        slots.push(slot);
                    }
                }
            }
            let next = plus_months(month, 1);
            if next <= month {
                break;
            }
            month = next;
        }
    }

    /// `count` distinct weekdays in `lo..=hi`, sorted, spread over the window: one in
    /// each of `count` equal parts (fewer when a part has no weekday), as a case manager
    /// spreads a month's visits.
    fn weekdays(&mut self, lo: NaiveDate, hi: NaiveDate, count: usize) -> Vec<NaiveDate> {
        let len = days_between(lo, hi) + 1;
        let parts = i64::try_from(count).unwrap_or(0);
        let mut chosen = Vec::with_capacity(count);
        if len <= 0 || parts <= 0 {
            return chosen;
        }
        for part in 0..parts {
            let from = plus_days(lo, len * part / parts);
            let to = plus_days(lo, len * (part + 1) / parts - 1);
            let mut days = Vec::new();
            let mut day = from;
            while day <= to {
                if is_weekday(day) {
                    days.push(day);
                }
                let next = plus_days(day, 1);
                if next <= day {
                    break;
                }
                day = next;
            }
            if let Some(&day) = days.get(self.dice.index(days.len())) {
                if chosen.last().is_none_or(|last| *last < day) {
                    chosen.push(day);
                }
            }
        }
        chosen
    }

    fn cadence_slots(&mut self, slots: &mut Vec<Slot>) {
        let last = self.last_regular_day();
        let gap_from = self
            .has(Problem::ContactGap)
            .then(|| self.day_between(plus_days(self.plan_on, 20), plus_days(self.end, -60)));
        let mut gap_done = false;
        let mut day = self.plan_on;
        loop {
            let early = self.stage_on(day).ordinal() <= 2;
            let max = if early { 7 } else { 28 };
            let mut gap = if early {
                self.dice.range(4, 7)
            } else {
                self.dice.range(10, 21)
            };
            let long = !gap_done && gap_from.is_some_and(|from| day >= from);
            if long {
                gap = max + self.dice.range(3, 8);
                gap_done = true;
            }
            let mut next = plus_days(day, gap);
            if !is_weekday(next) {
                let before = weekday_on_or_before(next);
                next = if before > day && !long {
                    before
                } else {
                    weekday_on_or_after(next)
                };
            }
            if next > last || next <= day {
                break;
            }
            let in_person = self.dice.percent(if early { 80 } else { 60 });
            let slot = if in_person {
                let location = self.dice.pick(
                    &[
                        Location::Home,
                        Location::Home,
                        Location::Office,
                        Location::Community,
                    ],
                    Location::Home,
                );
                Slot::new(next, EncounterKind::Visit, ContactMode::InPerson).at(location)
            } else {
                Slot::new(next, EncounterKind::Visit, ContactMode::Phone)
            };
            slots.push(slot);
            day = next;
        }
        // A collateral contact about once a month.
        let mut month = month_start(self.plan_on);
        while month <= last {
            let lo = month.max(plus_days(self.plan_on, 1));
            let hi = month_end(month).min(last);
            if lo <= hi && self.dice.percent(85) {
                let day = self.day_between(lo, hi);
                slots.push(Slot::new(
                    day,
                    EncounterKind::Collateral,
                    ContactMode::Phone,
                ));
            }
            let next = plus_months(month, 1);
            if next <= month {
                break;
            }
            month = next;
        }
    }

    /// No-shows, crisis calls, the due-process meetings and the exit-day visit.
    fn extra_slots(&mut self, slots: &mut Vec<Slot>) {
        let last = self.last_regular_day();
        let mut month = month_start(self.plan_on);
        while month <= last {
            let lo = month.max(plus_days(self.plan_on, 1));
            let hi = month_end(month).min(last);
            if lo <= hi && self.dice.percent(12) {
                let day = self.day_between(lo, hi);
                let mut slot =
                    Slot::new(day, EncounterKind::Visit, ContactMode::InPerson).at(Location::Home);
                slot.status = EncounterStatus::NoShow;
                slots.push(slot);
            }
            let next = plus_months(month, 1);
            if next <= month {
                break;
            }
            month = next;
        }
        if let Some(day) = self.crisis_on {
            slots.push(Slot::new(day, EncounterKind::Crisis, ContactMode::Phone));
        }
        if let Some(t) = &self.termination {
            if !self
                .problems
                .contains(&Problem::TerminationWithoutConference)
            {
                slots.push(
                    Slot::new(
                        t.conference,
                        EncounterKind::CaseConference,
                        ContactMode::InPerson,
                    )
                    .at(Location::Office),
                );
            }
        }
        if let Some(day) = self.discharge_on {
            slots.push(
                Slot::new(day, EncounterKind::DischargeMeeting, ContactMode::InPerson)
                    .at(Location::Office),
            );
        }
        if let Some(exit) = self.exit_on {
            let mut slot =
                Slot::new(exit, EncounterKind::Visit, ContactMode::InPerson).at(Location::Office);
            slot.last = true;
            slots.push(slot);
            let follow = plus_days(exit, 30);
            if self.outcome == Outcome::PositiveExit && follow <= self.as_of {
                slots.push(Slot::new(
                    weekday_on_or_after(follow),
                    EncounterKind::FollowUp,
                    ContactMode::Phone,
                ));
            }
        }
    }

    /// Applies the choices that depend on the whole schedule: collateral parties, home
    /// visits moved to the office while violence is reported, and missed visits.
    fn shape_slots(&mut self) {
        for i in 0..self.slots.len() {
            let Some(slot) = self.slots.get(i) else {
                continue;
            };
            if slot.kind != EncounterKind::Collateral {
                continue;
            }
            let day = slot.date;
            let party = self.collateral_party(day);
            let step = collateral_step(&party);
            if let Some(slot) = self.slots.get_mut(i) {
                slot.steps.extend(step.map(|s| StepDone {
                    step: StepId::new(s),
                    action_step: None,
                    party: Some(party.clone()),
                }));
                slot.party = Some(party);
            }
        }
        if let Some((from, until)) = self.violence {
            for slot in &mut self.slots {
                if slot.date >= from && slot.date < until && slot.location == Some(Location::Home) {
                    slot.location = Some(Location::Office);
                }
            }
        }
        if self.has(Problem::MissedMonthlyVisits) && !self.miss_visits() {
            self.problems.remove(&Problem::MissedMonthlyVisits);
        }
    }

    /// Makes a past month fall short of the ICMS minimum of in-person visits: its
    /// scheduled home visits become no-shows. False when no month can (every month's
    /// other in-person contacts, such as a discharge meeting, already meet it).
    fn miss_visits(&mut self) -> bool {
        let minimum = if self.program == Program::IcmsHigh {
            2
        } else {
            1
        };
        let mut months = self.full_past_months();
        while !months.is_empty() {
            let k = self.dice.index(months.len());
            let month = months.swap_remove(k.min(months.len().saturating_sub(1)));
            let in_month = |s: &Slot| month_start(s.date) == month;
            let others = self
                .slots
                .iter()
                .filter(|s| in_month(s) && s.is_contact() && s.mode == ContactMode::InPerson)
                .filter(|s| !s.is_in_person_visit())
                .count();
            if others >= minimum {
                continue;
            }
            let visits: Vec<usize> = self
                .slots
                .iter()
                .enumerate()
                .filter(|(_, s)| in_month(s) && s.is_in_person_visit())
                .map(|(i, _)| i)
                .collect();
            let keep = (minimum - 1).saturating_sub(others);
            if visits.len() <= keep {
                continue;
            }
            for &i in visits.iter().skip(keep) {
                if let Some(slot) = self.slots.get_mut(i) {
                    slot.status = EncounterStatus::NoShow;
                }
            }
            return true;
        }
        false
    }

    /// The party of a collateral contact on `day`: one the participant has a release for,
    /// else the food pantry (nothing personal is shared with it).
    fn collateral_party(&mut self, day: NaiveDate) -> PartyId {
        let mut candidates = vec![LANDLORD, CLINIC, BENEFITS];
        if self.behavioral {
            candidates.push(BEHAVIORAL);
        }
        if matches!(
            self.program,
            Program::IcmsHigh | Program::IcmsLow | Program::StlCoc | Program::CtPsh
        ) {
            candidates.push(HOUSING_AUTHORITY);
        }
        let party = self.dice.pick(&candidates, PANTRY);
        if self.release_for(party, day).is_some() {
            PartyId::new(party)
        } else {
            PartyId::new(PANTRY)
        }
    }

    // ----- goals -------------------------------------------------------------------------

    fn add_goals(&mut self) {
        const AREAS: [GoalArea; 8] = [
            GoalArea::Income,
            GoalArea::PhysicalHealth,
            GoalArea::MentalHealth,
            GoalArea::SocialConnection,
            GoalArea::Employment,
            GoalArea::MoneyManagement,
            GoalArea::DailyLiving,
            GoalArea::Education,
        ];
        let start = self.plan_on;
        let mut goals = vec![GoalSpec {
            id: GoalId::new("G1"),
            area: GoalArea::Housing,
            set_on: start,
            closed_on: None,
            long_term_goal: Some(LongTermGoalId::new("LTG1")),
        }];
        let mut areas: Vec<GoalArea> = AREAS.to_vec();
        let initial = if self.has(Problem::TooManyActiveGoals) || self.dice.percent(60) {
            2
        } else {
            1
        };
        for _ in 0..initial {
            let area = self.take_area(&mut areas);
            goals.push(self.goal_spec(goals.len(), area, start));
        }
        // Every few months a goal is achieved and the participant chooses a new one.
        let visit_days: Vec<NaiveDate> = self
            .slots
            .iter()
            .filter(|s| s.is_visit_contact() && !s.last)
            .map(|s| s.date)
            .collect();
        let mut next = plus_days(start, self.dice.range(150, 240));
        while next < plus_days(self.end, -30) {
            let Some(&day) = visit_days.iter().find(|d| **d >= next) else {
                break;
            };
            if let Some(old) = goals
                .iter_mut()
                .find(|g| g.area != GoalArea::Housing && g.closed_on.is_none())
            {
                old.closed_on = Some(day);
            }
            let area = self.take_area(&mut areas);
            goals.push(self.goal_spec(goals.len(), area, day));
            next = plus_days(day, self.dice.range(150, 240));
        }
        if self.has(Problem::TooManyActiveGoals) {
            let day = visit_days
                .iter()
                .rev()
                .copied()
                .find(|d| *d > plus_days(start, 14))
                .unwrap_or(start);
            let open = goals.iter().filter(|g| g.closed_on.is_none()).count();
            for _ in open..4 {
                let area = self.take_area(&mut areas);
                goals.push(self.goal_spec(goals.len(), area, day));
            }
        }
        self.goals = goals;
    }

    fn take_area(&mut self, areas: &mut Vec<GoalArea>) -> GoalArea {
        if areas.is_empty() {
            return GoalArea::Other;
        }
        let i = self.dice.index(areas.len());
        areas.swap_remove(i.min(areas.len().saturating_sub(1)))
    }

    fn goal_spec(&self, n: usize, area: GoalArea, set_on: NaiveDate) -> GoalSpec {
        GoalSpec {
            id: GoalId::new(format!("G{}", n + 1)),
            area,
            set_on,
            closed_on: None,
            long_term_goal: Some(LongTermGoalId::new(format!("LTG{}", n + 1))),
        }
    }

    // ----- risks -------------------------------------------------------------------------

    fn add_risks(&mut self) {
        let latest = plus_days(self.end, -21);
        let candidates: Vec<usize> = self
            .slots
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.is_in_person_visit() && s.date > self.plan_on && s.date <= latest && !s.last
            })
            .map(|(i, _)| i)
            .collect();
        if let Some((from, until)) = self.violence {
            if let Some(&i) = candidates
                .iter()
                .find(|&&i| self.slots.get(i).is_some_and(|s| s.date >= from))
            {
                self.observe(i, "domestic-violence", Some(until), false);
                if self.has(Problem::HomeVisitDuringDomesticViolence) {
                    let observed = self.slots.get(i).map_or(from, |s| s.date);
                    match self.slots.iter_mut().find(|s| {
                        s.is_in_person_visit() && s.date > observed && s.date < until && !s.last
                    }) {
                        Some(slot) => slot.location = Some(Location::Home),
                        None => {
                            self.problems
                                .remove(&Problem::HomeVisitDuringDomesticViolence);
                        }
                    }
                }
            } else {
                self.problems
                    .remove(&Problem::HomeVisitDuringDomesticViolence);
            }
        }
        let eviction_program = matches!(self.program, Program::StlCoc | Program::CtPsh);
        if self.has(Problem::EvictionRiskWithoutPlan) || (eviction_program && self.dice.percent(20))
        {
            if let Some(&i) = candidates.get(self.dice.index(candidates.len())) {
                self.observe(i, "rental-utility-arrears", None, true);
            }
        }
        let icms = matches!(self.program, Program::IcmsHigh | Program::IcmsLow);
        let count = if icms {
            self.dice.range(1, 3)
        } else {
            self.dice.range(0, 2)
        };
        let count = if self.has(Problem::RiskWithoutResponse) {
            count.max(1)
        } else {
            count
        };
        const RISKS: [&str; 8] = [
            "food-insecurity",
            "adls-iadls-challenges",
            "mental-health-challenges",
            "rental-utility-arrears",
            "noise-complaints",
            "unit-damage",
            "clutter-blocking-exits-pathways",
            "fire-hazards",
        ];
        for _ in 0..count {
            if candidates.is_empty() {
                break;
            }
            let i = self.dice.pick(&candidates, 0);
            let risk = self.dice.pick(&RISKS, "food-insecurity");
            self.observe(i, risk, None, false);
        }
        if self.has(Problem::RiskWithoutResponse) && !self.drop_a_response() {
            self.problems.remove(&Problem::RiskWithoutResponse);
        }
        if self.has(Problem::EvictionRiskWithoutPlan) && !self.risks.iter().any(|r| r.eviction_risk)
        {
            self.problems.remove(&Problem::EvictionRiskWithoutPlan);
        }
    }

    /// Records risk `risk` observed at slot `i` with its category's responses.
    fn observe(&mut self, i: usize, risk: &str, resolved: Option<NaiveDate>, eviction: bool) {
        let Some(day) = self.slots.get(i).map(|s| s.date) else {
            return;
        };
        let id = RiskObservationId::new(format!("R{}", self.risks.len() + 1));
        let (category, step) = risk_facts(risk);
        let respond = plus_days(day, self.dice.range(0, 3));
        let mut responses = Vec::new();
        let action = ActionStepIdGen::next(&self.action_steps);
        let plan_step = |status| PlannedActionStep {
            id: action.clone(),
            step: StepId::new(step),
            added_on: respond,
            status,
            done_on: None,
            goal: Some(GoalId::new("G1")),
            party: None,
            addresses_risk: Some(id.clone()),
        };
        match category {
            Category::Health => {
                responses.push(RiskResponse::of(RiskResponseKind::DiscussedOptions, day));
                responses.push(RiskResponse {
                    action_step: Some(action.clone()),
                    ..RiskResponse::of(RiskResponseKind::ActionStep, respond)
                });
                let mut planned = plan_step(hearth_model::ActionStepStatus::InProgress);
                if let Some(done) = resolved
                    .or(Some(plus_days(respond, 30)))
                    .filter(|d| *d <= self.end)
                {
                    planned.status = hearth_model::ActionStepStatus::Done;
                    planned.done_on = Some(done);
                }
                self.action_steps.push(planned);
            }
            Category::Lease => {
                responses.push(RiskResponse {
                    action_step: Some(action.clone()),
                    ..RiskResponse::of(RiskResponseKind::ActionStep, respond)
                });
                self.action_steps
                    .push(plan_step(hearth_model::ActionStepStatus::InProgress));
                let plan_id = PlanId::new(format!(
                    "PLN{}",
                    self.lease_plans.len() + self.harm_plans.len() + 1
                ));
                let made = plus_days(day, self.dice.range(1, 5));
                if eviction {
                    if !self.has(Problem::EvictionRiskWithoutPlan) {
                        responses.push(RiskResponse {
                            harm_reduction_plan: Some(plan_id.clone()),
                            ..RiskResponse::of(RiskResponseKind::LeaseViolationPlan, made)
                        });
                        self.harm_plans
                            .push(harm_reduction_plan(plan_id, made, &id));
                    }
                } else {
                    responses.push(RiskResponse {
                        lease_violation_plan: Some(plan_id.clone()),
                        ..RiskResponse::of(RiskResponseKind::LeaseViolationPlan, made)
                    });
                    self.lease_plans.push(LeaseViolationPlan {
                        id: plan_id,
                        created_on: made,
                        addresses_risks: vec![id.clone()],
                        discussed_on: Some(day),
                        agreed_by_participant: Some(true),
                        cure_by: Some(plus_days(made, 30)),
                        description: Some(text(
                            "Agreed steps to put the tenancy back in good standing.",
                        )),
                    });
                }
            }
            Category::Safety => {
                responses.push(RiskResponse::of(RiskResponseKind::ImmediateMitigation, day));
                responses.push(RiskResponse {
                    incident_report: Some(RecordId::new(format!("IR-{}", id.as_str()))),
                    ..RiskResponse::of(RiskResponseKind::IncidentReport, respond)
                });
                self.action_steps
                    .push(plan_step(hearth_model::ActionStepStatus::Done));
                if let Some(last) = self.action_steps.last_mut() {
                    last.done_on = Some(respond);
                }
            }
        }
        let resolved = resolved
            .or_else(|| Some(plus_days(day, self.dice.range(20, 60))))
            .filter(|d| *d <= self.as_of);
        let source = self.dice.pick(
            &[RiskSource::Observed, RiskSource::ReportedByParticipant],
            RiskSource::Observed,
        );
        self.risks.push(RiskObservation {
            id: id.clone(),
            risk: RiskId::new(risk),
            observed_on: day,
            source: Some(source),
            in_home: (risk == "domestic-violence").then_some(true),
            eviction_risk: eviction,
            encounter: None,
            responses,
            resolved_on: resolved,
            details: Some(text("Observed and discussed with the participant.")),
        });
        if let Some(slot) = self.slots.get_mut(i) {
            slot.risks.push(id);
            slot.steps.push(StepDone {
                step: StepId::new(step),
                action_step: Some(action),
                party: None,
            });
        }
    }

    /// Takes one required response away from the first risk (RISK001); false when
    /// there is no risk to take it from.
    fn drop_a_response(&mut self) -> bool {
        let Some(risk) = self
            .risks
            .iter_mut()
            .find(|r| r.risk.as_str() != "domestic-violence")
        else {
            return false;
        };
        let (category, _) = risk_facts(risk.risk.as_str());
        let id = risk.id.clone();
        match category {
            Category::Health => {
                risk.responses
                    .retain(|r| r.kind != RiskResponseKind::ActionStep);
                for step in &mut self.action_steps {
                    if step.addresses_risk.as_ref() == Some(&id) {
                        step.addresses_risk = None;
                    }
                }
            }
            Category::Lease => {
                risk.responses
                    .retain(|r| r.kind != RiskResponseKind::LeaseViolationPlan);
                self.lease_plans
                    .retain(|p| !p.addresses_risks.contains(&id));
            }
            Category::Safety => {
                risk.responses
                    .retain(|r| r.kind != RiskResponseKind::IncidentReport);
            }
        }
        true
    }

    fn add_crisis(&mut self) {
        let Some(day) = self.crisis_on else { return };
        let Some(slot) = self
            .slots
            .iter()
            .find(|s| s.kind == EncounterKind::Crisis && s.date == day)
        else {
            return;
        };
        let occurred = self.zone.at(slot.date, slot.minute.saturating_sub(90));
        let incident = hearth_model::IncidentId::new("INC1");
        self.incidents.push(CrisisIncident {
            id: incident.clone(),
            occurred_at: occurred,
            encounter: None,
            incident_report: Some(RecordId::new("IR-INC1")),
            debriefed_on: Some(plus_days(day, self.dice.range(1, 3))),
            details: Some(text("Crisis call answered; participant safe.")),
        });
        if !self.has(Problem::CrisisWithoutCrisisPlan) {
            self.crisis_plans.push(CrisisPlan {
                id: PlanId::new("CP1"),
                created_on: plus_days(day, self.dice.range(1, 14)),
                updated_on: Vec::new(),
                after_incidents: vec![incident],
            });
        }
        if self.program == Program::CtPsh && self.dice.percent(30) {
            self.exceptions.push(ConfidentialityException {
                id: hearth_model::ShareId::new("X1"),
                kind: ExceptionKind::HealthSafetyEmergency,
                occurred_on: day,
                party: None,
                supervisor: Some(self.sup.clone()),
            });
        }
    }

    // ----- referrals and information shared ----------------------------------------------

    fn next_referral(&self) -> ReferralId {
        ReferralId::new(format!("REF{}", self.referrals.len() + 1))
    }

    fn next_share(&self) -> hearth_model::ShareId {
        hearth_model::ShareId::new(format!("S{}", self.shares.len() + 1))
    }

    fn share(
        &mut self,
        party: &str,
        day: NaiveDate,
        consent: Option<ConsentId>,
        referral: Option<ReferralId>,
    ) {
        self.shares.push(InformationShare {
            id: self.next_share(),
            party: PartyId::new(party),
            shared_on: day,
            consent,
            referral,
            encounter: None,
            step: None,
        });
    }

    fn add_legal_aid(&mut self) {
        let Some(day) = self.legal_on else { return };
        self.party(
            LEGAL_AID,
            PartyKind::LegalAid,
            "Example Legal Aid (invented)",
        );
        let consent = self.next_consent_id();
        let expires = plus_days(day, 90);
        self.consents.push(Consent {
            id: consent.clone(),
            party: PartyId::new(LEGAL_AID),
            signed_on: Some(day),
            expires_on: Some(expires),
            revoked_on: None,
            refused_on: None,
            at_intake: false,
        });
        let referral = self.next_referral();
        self.referrals.push(Referral {
            id: referral.clone(),
            party: PartyId::new(LEGAL_AID),
            made_on: day,
            step: Some(StepId::new("connect-to-legal-aid")),
            shares_information: true,
            linked_on: Some(plus_days(day, self.dice.range(5, 15))).filter(|d| *d <= self.as_of),
            warm_handoff: false,
            outcome: None,
            outcome_on: None,
            source: None,
        });
        self.share(
            LEGAL_AID,
            day,
            Some(consent.clone()),
            Some(referral.clone()),
        );
        if self.has(Problem::ShareBeforeRelease) {
            let early = plus_days(day, -self.dice.range(2, 6));
            self.share(
                LEGAL_AID,
                early,
                Some(consent.clone()),
                Some(referral.clone()),
            );
        }
        if self.has(Problem::ExpiredReleaseAtReferral) {
            let late = plus_days(expires, self.dice.range(5, 25));
            self.share(LEGAL_AID, late, Some(consent), Some(referral));
        }
    }

    fn add_referrals(&mut self) {
        // A benefits referral early on, with information under the intake release.
        let day = plus_days(self.plan_on, self.dice.range(7, 40)).min(self.end);
        let consent = self.release_for(BENEFITS, day);
        let referral = self.next_referral();
        self.referrals.push(Referral {
            id: referral.clone(),
            party: PartyId::new(BENEFITS),
            made_on: day,
            step: None,
            shares_information: consent.is_some(),
            linked_on: Some(plus_days(day, 21)).filter(|d| *d <= self.end),
            warm_handoff: false,
            outcome: None,
            outcome_on: None,
            source: None,
        });
        if let Some(consent) = consent {
            self.share(BENEFITS, day, Some(consent), Some(referral));
        }
        if self.dice.percent(40) {
            let day = plus_days(self.plan_on, self.dice.range(10, 60)).min(self.end);
            self.referrals.push(Referral {
                id: self.next_referral(),
                party: PartyId::new(PANTRY),
                made_on: day,
                step: Some(StepId::new("establish-food-supply")),
                shares_information: false,
                linked_on: Some(plus_days(day, 2)).filter(|d| *d <= self.end),
                warm_handoff: false,
                outcome: None,
                outcome_on: None,
                source: None,
            });
        }
        if let Some(t) = self.termination.clone() {
            self.party(
                SHELTER,
                PartyKind::HousingProvider,
                "Example Shelter Network (invented)",
            );
            let consent = self.next_consent_id();
            self.consents.push(Consent {
                id: consent,
                party: PartyId::new(SHELTER),
                signed_on: Some(t.decided),
                expires_on: Some(plus_days(t.decided, 180)),
                revoked_on: None,
                refused_on: None,
                at_intake: false,
            });
            self.referrals.push(Referral {
                id: self.next_referral(),
                party: PartyId::new(SHELTER),
                made_on: plus_days(t.exit, -2).max(t.decided),
                step: None,
                shares_information: true,
                linked_on: Some(t.exit),
                warm_handoff: true,
                outcome: None,
                outcome_on: None,
                source: None,
            });
        }
        if let (Outcome::PositiveExit, Some(exit)) = (self.outcome, self.exit_on) {
            self.party(
                NEXT_PROVIDER,
                PartyKind::HousingProvider,
                "Example Supportive Services (invented)",
            );
            let day = plus_days(exit, -self.dice.range(10, 20));
            let consent = self.next_consent_id();
            self.consents.push(Consent {
                id: consent.clone(),
                party: PartyId::new(NEXT_PROVIDER),
                signed_on: Some(plus_days(day, -1)),
                expires_on: Some(plus_days(day, 365)),
                revoked_on: None,
                refused_on: None,
                at_intake: false,
            });
            let referral = self.next_referral();
            self.referrals.push(Referral {
                id: referral.clone(),
                party: PartyId::new(NEXT_PROVIDER),
                made_on: day,
                step: None,
                shares_information: true,
                linked_on: Some(plus_days(exit, -1)),
                warm_handoff: true,
                outcome: None,
                outcome_on: None,
                source: None,
            });
            self.share(NEXT_PROVIDER, day, Some(consent), Some(referral));
        }
    }

    // ----- encounters: the records -----------------------------------------------------

    fn fill_encounters(&mut self) -> Vec<Encounter> {
        let ids: Vec<EncounterId> = (1..=self.slots.len())
            .map(|n| EncounterId::new(format!("E{n:04}")))
            .collect();
        let starts: Vec<DateTime<FixedOffset>> = self
            .slots
            .iter()
            .map(|s| self.zone.at(s.date, s.minute))
            .collect();
        let eligible = |s: &Slot| s.is_visit_contact() && !s.last && s.date > self.plan_on;
        let pick = |dice: &mut Dice,
                    slots: &[Slot],
                    on: bool,
                    extra: &dyn Fn(&Slot) -> bool|
         -> Option<usize> {
            if !on {
                return None;
            }
            let list: Vec<usize> = slots
                .iter()
                .enumerate()
                .filter(|(_, s)| eligible(s) && extra(s))
                .map(|(i, _)| i)
                .collect();
            list.get(dice.index(list.len())).copied()
        };
        let stl = self.program == Program::StlCoc;
        let as_of = self.as_of;
        let mut dice = self.dice.clone();
        let no_next = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::NoNextVisit),
            &|_| true,
        );
        let no_objective = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::VisitWithoutObjective),
            &|_| true,
        );
        let no_progress = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::GoalProgressNotDiscussed),
            &|_| true,
        );
        let late = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::LateDocumentation),
            &|s| days_between(s.date, as_of) >= 5,
        );
        let no_minutes = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::IncompleteCaseNote),
            &|_| true,
        );
        let unannounced = pick(
            &mut dice,
            &self.slots,
            self.has(Problem::UnannouncedHomeVisit),
            &|s| s.location == Some(Location::Home) && s.mode == ContactMode::InPerson,
        );
        self.dice = dice;
        for (problem, chosen) in [
            (Problem::NoNextVisit, no_next),
            (Problem::VisitWithoutObjective, no_objective),
            (Problem::GoalProgressNotDiscussed, no_progress),
            (Problem::LateDocumentation, late),
            (Problem::IncompleteCaseNote, no_minutes),
            (Problem::UnannouncedHomeVisit, unannounced),
        ] {
            if chosen.is_none() {
                self.problems.remove(&problem);
            }
        }

        // Progress on each goal: "some" at least every 25 days, except in a stall.
        let mut last_some: BTreeMap<String, NaiveDate> = BTreeMap::new();
        let mut encounters = Vec::with_capacity(self.slots.len());
        for (i, slot) in self.slots.iter().enumerate() {
            let started_at = starts
                .get(i)
                .copied()
                .unwrap_or_else(|| self.zone.at(slot.date, slot.minute));
            let minutes = match (slot.kind, slot.mode, slot.status) {
                (_, _, EncounterStatus::NoShow) => self.dice.range(10, 20),
                (EncounterKind::CaseConference | EncounterKind::DischargeMeeting, _, _) => 60,
                (EncounterKind::FirstInterview, _, _) => 90,
                (EncounterKind::Collateral, _, _) => self.dice.range(10, 25),
                (_, ContactMode::InPerson, _) => self.dice.range(30, 90),
                _ => self.dice.range(10, 30),
            };
            let appointment = slot.is_contact()
                && matches!(slot.kind, EncounterKind::Visit | EncounterKind::FollowUp);
            let active: Vec<&GoalSpec> = self
                .goals
                .iter()
                .filter(|g| g.active_on(slot.date) || g.closed_on == Some(slot.date))
                .filter(|_| slot.date <= self.end)
                .collect();
            let mut goals_discussed = Vec::new();
            if appointment && Some(i) != no_objective && Some(i) != no_progress {
                for goal in &active {
                    let stalled = goal.area == GoalArea::Housing
                        && self
                            .stall
                            .is_some_and(|(from, until)| slot.date >= from && slot.date <= until);
                    let due = last_some
                        .get(goal.id.as_str())
                        .is_none_or(|d| days_between(*d, slot.date) >= 25);
                    let progress = if goal.closed_on == Some(slot.date) {
                        Progress::Achieved
                    } else if stalled {
                        Progress::None
                    } else if due || self.dice.percent(55) {
                        Progress::Some
                    } else {
                        Progress::None
                    };
                    if matches!(progress, Progress::Some | Progress::Achieved) {
                        last_some.insert(goal.id.as_str().to_owned(), slot.date);
                    }
                    goals_discussed.push(GoalProgress {
                        goal: goal.id.clone(),
                        progress,
                    });
                }
            }
            let objectives = if Some(i) == no_objective {
                vec![EncounterObjective {
                    goal: None,
                    action_step: None,
                    description: Some(text("Check-in")),
                }]
            } else {
                let goal = active
                    .get(self.dice.index(active.len()))
                    .map(|g| g.id.clone())
                    .filter(|_| appointment);
                let phrase = match slot.kind {
                    EncounterKind::FirstInterview => {
                        "First interview: program, rights and releases"
                    }
                    EncounterKind::Collateral => "Coordinate with the provider",
                    EncounterKind::CaseConference => "Case conference about program rules",
                    EncounterKind::DischargeMeeting => "Discharge planning",
                    EncounterKind::Crisis => "Respond to the crisis call",
                    _ => self
                        .dice
                        .pick(names::OBJECTIVES, "Review progress on the plan"),
                };
                vec![EncounterObjective {
                    goal,
                    action_step: None,
                    description: Some(text(phrase)),
                }]
            };
            let mut steps_done: Vec<StepDone> = Vec::new();
            match slot.kind {
                EncounterKind::FirstInterview => {
                    steps_done.push(step("outreach-and-engagement"));
                    steps_done.push(step("complete-hmis-assessment"));
                }
                EncounterKind::Visit if slot.is_contact() && slot.mode == ContactMode::InPerson => {
                    if matches!(self.program, Program::IcmsHigh | Program::IcmsLow) {
                        steps_done.push(step("health-and-safety-visit"));
                    }
                }
                _ => {}
            }
            steps_done.extend(slot.steps.iter().cloned());
            let schedules_next = slot.is_visit_contact() && !slot.last && Some(i) != no_next;
            let next_visit = if schedules_next {
                steps_done.push(step("schedule-next-visit"));
                let next = self
                    .slots
                    .iter()
                    .enumerate()
                    .skip(i + 1)
                    .find(|(_, s)| s.kind == EncounterKind::Visit);
                let planned = next.and_then(|(j, s)| {
                    let at = starts.get(j).copied()?;
                    (at > started_at).then_some(NextVisit {
                        scheduled_for: at,
                        mode: Some(s.mode),
                        location: s.location,
                    })
                });
                Some(planned.unwrap_or_else(|| {
                    NextVisit {
                        scheduled_for: self
                            .zone
                            .at(weekday_on_or_after(plus_days(slot.date, 7)), 600),
                        mode: Some(ContactMode::InPerson),
                        location: Some(Location::Home),
                    }
                }))
            } else {
                None
            };
            let ended = started_at
                .checked_add_signed(TimeDelta::minutes(minutes))
                .unwrap_or(started_at);
            let (documented_at, late_entry) = documented(
                &mut self.dice,
                self.zone,
                self.as_of,
                ended,
                Some(i) == late,
                stl,
            );
            let present = slot.present;
            encounters.push(Encounter {
                id: ids.get(i).cloned().unwrap_or_else(|| EncounterId::new("E")),
                started_at,
                minutes: (Some(i) != no_minutes).then(|| u32::try_from(minutes).unwrap_or(30)),
                mode: slot.mode,
                location: slot.location,
                kind: slot.kind,
                status: slot.status,
                participant_present: present,
                announced: (slot.location == Some(Location::Home))
                    .then_some(Some(i) != unannounced),
                staff: if slot.kind == EncounterKind::CaseConference {
                    vec![self.cm.clone(), self.sup.clone()]
                } else {
                    vec![self.cm.clone()]
                },
                parties: slot.party.iter().cloned().collect(),
                objectives,
                goals_discussed,
                steps_done,
                risks_observed: slot.risks.clone(),
                next_visit,
                documented_at: Some(documented_at),
                late_entry,
                date_only: false,
                source: None,
                note: Some(text(if slot.kind == EncounterKind::Collateral {
                    self.dice
                        .pick(names::COLLATERAL_NOTES, "Call with the provider.")
                } else if slot.status == EncounterStatus::NoShow {
                    "Participant not home; left a card and rescheduled."
                } else {
                    self.dice.pick(names::NOTES, "Reviewed the plan together.")
                })),
            });
        }
        // Risk observations and crisis incidents name the encounter they came from.
        for risk in &mut self.risks {
            if let Some((i, _)) = self
                .slots
                .iter()
                .enumerate()
                .find(|(_, s)| s.risks.contains(&risk.id))
            {
                risk.encounter = ids.get(i).cloned();
            }
        }
        for incident in &mut self.incidents {
            if let Some((i, _)) = self
                .slots
                .iter()
                .enumerate()
                .find(|(_, s)| s.kind == EncounterKind::Crisis)
            {
                incident.encounter = ids.get(i).cloned();
            }
        }
        encounters
    }

    // ----- the care plan -----------------------------------------------------------------

    fn care_plan(&mut self) -> CarePlan {
        let created = self.plan_on;
        let mut long_term_goals = Vec::new();
        let mut goals = Vec::new();
        let specs = self.goals.clone();
        for (n, spec) in specs.iter().enumerate() {
            let area_for_ltg = spec.area;
            long_term_goals.push(LongTermGoal {
                id: spec
                    .long_term_goal
                    .clone()
                    .unwrap_or_else(|| LongTermGoalId::new("LTG1")),
                statement: Some(text(
                    self.dice.pick(names::GOAL_PHRASES, "Keep my apartment."),
                )),
                area: Some(area_for_ltg),
            });
            let status = match spec.closed_on {
                Some(_) => GoalStatus::Achieved,
                None => GoalStatus::Active,
            };
            let target = plus_months(spec.set_on, self.dice.range(4, 9));
            let mut goal = Goal {
                id: spec.id.clone(),
                area: spec.area,
                status,
                set_on: spec.set_on,
                closed_on: spec.closed_on,
                statement: Some(text(
                    self.dice.pick(names::GOAL_PHRASES, "Keep my apartment."),
                )),
                measure: Some(text(self.dice.pick(names::MEASURES, "Rent ledger at zero"))),
                target_date: Some(if spec.area == GoalArea::Housing {
                    plus_months(spec.set_on, 12)
                } else {
                    target
                }),
                strengths: vec![
                    text(self.dice.pick(names::STRENGTHS, "Motivated")),
                    text(self.dice.pick(names::STRENGTHS, "Motivated")),
                ],
                participant_words: Some(text(
                    self.dice.pick(names::OWN_WORDS, "I want to stay here."),
                )),
                participant_priority: u8::try_from(n + 1).ok(),
                set_by: Some(if self.dice.percent(50) {
                    GoalAuthor::Jointly
                } else {
                    GoalAuthor::Participant
                }),
                long_term_goal: spec.long_term_goal.clone(),
                objectives: vec![Objective {
                    id: ObjectiveId::new(format!("{}-O1", spec.id.as_str())),
                    description: Some(text(self.dice.pick(names::TASKS, "Keep the hallway clear"))),
                    measure: Some(text("Done and checked at a visit")),
                    target_date: Some(plus_months(spec.set_on, 2)),
                    met_on: Some(plus_days(spec.set_on, self.dice.range(20, 55)))
                        .filter(|d| *d <= self.end.min(self.as_of)),
                }],
            };
            if n == 1 && self.has(Problem::GoalNotSmart) {
                if self.index.is_multiple_of(2) {
                    goal.measure = None;
                } else {
                    goal.target_date = None;
                }
            }
            if n == 1 && self.has(Problem::GoalWithoutLongTermGoal) {
                goal.long_term_goal = None;
            }
            if n == 0 && self.has(Problem::NoHousingGoal) {
                goal.area = GoalArea::MoneyManagement;
            }
            goals.push(goal);
        }
        let first_goal = GoalId::new("G1");
        let second_goal = specs
            .get(1)
            .map_or_else(|| first_goal.clone(), |g| g.id.clone());
        let tasks = vec![
            Task {
                id: TaskId::new("T1"),
                owner: TaskOwner::CaseManager,
                party: None,
                goal: Some(first_goal.clone()),
                description: Some(text(
                    self.dice.pick(names::TASKS, "Call the property manager"),
                )),
                due_on: Some(plus_days(created, 30)),
                done_on: Some(plus_days(created, self.dice.range(5, 28)))
                    .filter(|d| *d <= self.end),
            },
            Task {
                id: TaskId::new("T2"),
                owner: TaskOwner::Participant,
                party: None,
                goal: Some(second_goal.clone()),
                description: Some(text(
                    self.dice.pick(names::TASKS, "Bring the income letter"),
                )),
                due_on: Some(plus_days(created, 21)),
                done_on: Some(plus_days(created, self.dice.range(5, 20)))
                    .filter(|d| *d <= self.end),
            },
        ];
        let services = vec![
            PlannedService {
                id: RecordId::new("SV1"),
                description: Some(text("Rental subsidy")),
                provider: Some(PartyId::new(HOUSING_AUTHORITY)),
                goal: Some(first_goal.clone()),
                starts_on: Some(self.entered),
                ends_on: None,
            },
            PlannedService {
                id: RecordId::new("SV2"),
                description: Some(text(self.dice.pick(names::SERVICES, "Primary care"))),
                provider: Some(PartyId::new(CLINIC)),
                goal: Some(second_goal.clone()),
                starts_on: Some(created),
                ends_on: None,
            },
        ];
        let supports = vec![
            Support {
                id: RecordId::new("SUP1"),
                kind: SupportKind::Formal,
                party: Some(PartyId::new(CLINIC)),
                description: Some(text("Clinic nurse")),
            },
            Support {
                id: RecordId::new("SUP2"),
                kind: SupportKind::Informal,
                party: None,
                description: Some(text("A neighbour who checks in")),
            },
        ];
        let skills = vec![Skill {
            id: RecordId::new("SK1"),
            description: Some(text(
                self.dice.pick(names::SKILLS, "Keeping a monthly budget"),
            )),
            goal: Some(first_goal),
        }];
        let every_days = if self.program == Program::IcmsLow {
            30
        } else {
            14
        };
        let mut signatures = vec![
            Signature {
                signer: Signer::CaseManager,
                staff: Some(self.cm.clone()),
                party: None,
                signed_on: created,
            },
            Signature {
                signer: Signer::Participant,
                staff: None,
                party: None,
                signed_on: created,
            },
        ];
        let mut breach_terms = Some(text(
            "If a visit is missed the case manager calls and offers another time; housing never depends on taking part.",
        ));
        if self.has(Problem::IncompleteCarePlan) {
            if self.index.is_multiple_of(2) {
                breach_terms = None;
            } else {
                signatures.retain(|s| s.signer != Signer::Participant);
            }
        }
        let (phases, outcome) = self.phases();
        CarePlan {
            created_on: created,
            long_term_goals,
            goals,
            tasks,
            services,
            supports,
            skills,
            contact_schedule: Some(ContactSchedule {
                every_days,
                mode: Some(ContactMode::InPerson),
                with_parties: Vec::new(),
                agreed_on: Some(created),
            }),
            breach_terms,
            signatures,
            reviews: self.reviews(),
            action_steps: std::mem::take(&mut self.action_steps),
            phases,
            outcome,
        }
    }

    fn reviews(&mut self) -> Vec<PlanReview> {
        let long_from = self
            .has(Problem::PlanReviewOverdue)
            .then(|| self.day_between(plus_days(self.plan_on, 30), plus_days(self.end, -70)));
        let mut long_done = false;
        let mut reviews = Vec::new();
        let mut last = self.plan_on;
        loop {
            let long = !long_done && long_from.is_some_and(|from| last >= from);
            let gap = if long {
                self.dice.range(36, 50)
            } else {
                self.dice.range(24, 30)
            };
            long_done |= long;
            let candidate = plus_days(last, gap);
            let day = if long {
                weekday_on_or_after(candidate)
            } else {
                let before = weekday_on_or_before(candidate);
                if before > last {
                    before
                } else {
                    candidate
                }
            };
            if day > self.end || day <= last {
                break;
            }
            let n = reviews.len();
            let supervised = n % 4 == 3
                && !self.stall.is_some_and(|(from, until)| {
                    day >= plus_days(from, -40) && day <= plus_days(until, 40)
                });
            reviews.push(PlanReview {
                reviewed_on: day,
                reviewed_by: Some(self.cm.clone()),
                with_participant: Some(true),
                supervisor_involved: Some(supervised),
                summary: Some(text(if supervised {
                    "Reviewed with the supervisor; goals kept."
                } else {
                    "Reviewed progress; no changes."
                })),
            });
            last = day;
        }
        reviews
    }

    fn phases(&self) -> (Vec<PlanPhase>, Option<PlanOutcome>) {
        if self.program != Program::CtPsh {
            return (Vec::new(), None);
        }
        let try_out = plus_months(self.entered, 3);
        let transfer = plus_months(self.entered, 6);
        let mut phases = vec![PlanPhase {
            phase: CtiPhase::Transition,
            started_on: self.entered,
            ended_on: Some(try_out).filter(|d| *d <= self.end),
        }];
        if try_out <= self.end {
            phases.push(PlanPhase {
                phase: CtiPhase::TryOut,
                started_on: try_out,
                ended_on: Some(transfer).filter(|d| *d <= self.end),
            });
        }
        if transfer <= self.end {
            phases.push(PlanPhase {
                phase: CtiPhase::TransferOfCare,
                started_on: transfer,
                ended_on: self.exit_on,
            });
        }
        let outcome = if self.exit_on.is_some() {
            PlanOutcome::MoveOnMoreIndependence
        } else {
            PlanOutcome::Retain
        };
        (phases, Some(outcome))
    }

    // ----- assessments ---------------------------------------------------------------------

    fn assessments(&mut self) -> Vec<Assessment> {
        let mut list = Vec::new();
        let household = self.household();
        let triage_day = match self.shelter_entry_on() {
            Some(shelter) if self.has(Problem::FrontDoorAssessmentLate) => {
                plus_days(shelter, self.dice.range(10, 20))
            }
            Some(shelter) => plus_days(shelter, self.dice.range(0, 6)),
            None => plus_days(self.entered, -self.dice.range(20, 100)),
        };
        let (instrument, max_total) = match household {
            HouseholdType::Family => ("f-vi-spdat-v2", 22),
            HouseholdType::Youth => ("tay-vi-spdat", 17),
            _ => ("vi-spdat-v2", 17),
        };
        let mut triage = Assessment {
            id: AssessmentId::new("A1"),
            instrument: hearth_model::InstrumentId::new(instrument),
            started_on: triage_day,
            completed_on: Some(triage_day),
            assessed_by: Some(StaffId::new("FRONT-DOOR-01")),
            items: Vec::new(),
            total: None,
            band: None,
            annual: false,
            source: None,
        };
        if instrument == "vi-spdat-v2" {
            let parts: [(&str, i64); 5] = [
                ("history-of-housing-and-homelessness", 2),
                ("risks", 4),
                ("socialization-and-daily-functioning", 4),
                ("wellness", 6),
                ("age", 1),
            ];
            let mut total = 0;
            for (item, max) in parts {
                let score = self.dice.range(max / 2, max);
                total += score;
                triage.items.push(ItemAnswer {
                    item: item.to_owned(),
                    answer: Answer::Score(u32::try_from(score).unwrap_or(0)),
                });
            }
            triage.total = u32::try_from(total).ok();
            triage.band = Some(vi_band(total, 7).to_owned());
        } else {
            let total = self.dice.range(6, max_total);
            triage.total = u32::try_from(total).ok();
            let top = if instrument == "f-vi-spdat-v2" { 8 } else { 7 };
            triage.band = Some(vi_band(total, top).to_owned());
        }
        list.push(triage);
        list.push(Assessment {
            id: AssessmentId::new("A2"),
            instrument: hearth_model::InstrumentId::new("hmis-assessment"),
            started_on: self.entered,
            completed_on: Some(self.entered),
            assessed_by: Some(self.cm.clone()),
            items: Vec::new(),
            total: None,
            band: None,
            annual: false,
            source: None,
        });
        // The full assessment, repeated within the program's interval.
        let (first, every, allowed, annual) = match self.program {
            Program::StlCoc => (
                Some(plus_days(triage_day, self.dice.range(1, 6))),
                11,
                12,
                true,
            ),
            Program::CtPsh => (
                Some(plus_days(self.plan_on, self.dice.range(0, 20))),
                11,
                12,
                true,
            ),
            Program::IcmRrh => (
                Some(plus_days(self.plan_on, self.dice.range(0, 14))),
                6,
                7,
                false,
            ),
            _ => (None, 0, 0, false),
        };
        if let Some(mut start) = first {
            let mut level = self.dice.range(30, 48);
            let mut stretched = false;
            while start <= self.end.min(self.as_of) {
                let completed = plus_days(start, self.dice.range(0, 7));
                let n = list.len() + 1;
                list.push(self.spdat(n, start, completed, level, annual && start >= self.entered));
                level = (level - self.dice.range(0, 6)).max(8);
                let finished = if completed <= self.as_of {
                    completed
                } else {
                    start
                };
                let mut next = plus_days(plus_months(finished, every), self.dice.range(-10, 10));
                if self.has(Problem::AssessmentOverdue) && !stretched && next >= self.entered {
                    next = plus_days(plus_months(finished, allowed), self.dice.range(35, 60));
                    stretched = true;
                }
                if next <= start {
                    break;
                }
                start = next;
            }
        }
        if matches!(self.program, Program::IcmsHigh | Program::IcmsLow) {
            let mut day = plus_days(self.plan_on, 7);
            while day <= self.end.min(self.as_of) {
                for instrument in ["five-by-five", "hai"] {
                    let n = list.len() + 1;
                    list.push(Assessment {
                        id: AssessmentId::new(format!("A{n}")),
                        instrument: hearth_model::InstrumentId::new(instrument),
                        started_on: day,
                        completed_on: Some(day),
                        assessed_by: Some(self.cm.clone()),
                        items: Vec::new(),
                        total: u32::try_from(self.dice.range(5, 20)).ok(),
                        band: None,
                        annual: false,
                        source: None,
                    });
                }
                let next = plus_months(day, 6);
                if next <= day {
                    break;
                }
                day = next;
            }
        }
        list
    }

    fn spdat(
        &mut self,
        n: usize,
        start: NaiveDate,
        completed: NaiveDate,
        level: i64,
        annual: bool,
    ) -> Assessment {
        const COMPONENTS: [&str; 15] = [
            "mental-health-wellness-and-cognitive-functioning",
            "physical-health-and-wellness",
            "medication",
            "substance-use",
            "experience-of-abuse-and-trauma",
            "risk-of-harm-to-self-or-others",
            "involvement-in-higher-risk-or-exploitive-situations",
            "interaction-with-emergency-services",
            "legal",
            "managing-tenancy",
            "personal-administration-and-money-management",
            "social-relationships-and-networks",
            "self-care-and-daily-living-skills",
            "meaningful-daily-activity",
            "history-of-homelessness-and-housing",
        ];
        let mut items = Vec::with_capacity(COMPONENTS.len());
        let mut total = 0;
        let mut left = level;
        for (k, component) in COMPONENTS.iter().enumerate() {
            let remaining = i64::try_from(COMPONENTS.len() - k).unwrap_or(1);
            let mean = (left + remaining - 1) / remaining;
            let score = (mean + self.dice.range(-1, 1)).clamp(0, 4).min(left.max(0));
            left -= score;
            total += score;
            items.push(ItemAnswer {
                item: (*component).to_owned(),
                answer: Answer::Score(u32::try_from(score).unwrap_or(0)),
            });
        }
        let band = match total {
            t if t < 20 => "0-19",
            t if t < 40 => "20-39",
            _ => "40-60",
        };
        Assessment {
            id: AssessmentId::new(format!("A{n}")),
            instrument: hearth_model::InstrumentId::new("spdat"),
            started_on: start,
            completed_on: Some(completed).filter(|c| *c <= self.as_of),
            assessed_by: Some(if start < self.entered {
                StaffId::new("FRONT-DOOR-02")
            } else {
                self.cm.clone()
            }),
            items,
            total: u32::try_from(total).ok(),
            band: Some(band.to_owned()),
            source: None,
            annual,
        }
    }

    // ----- intake, documents, conditions -----------------------------------------------

    fn intake(&mut self) -> Intake {
        let mut rights_explained: Vec<RightExplained> = [
            ClientRight::NoReligiousActivities,
            ClientRight::ObjectToReligiousCharacter,
            ClientRight::AppealTermination,
            ClientRight::GrievanceProcess,
        ]
        .into_iter()
        .map(|right| RightExplained {
            right,
            explained_on: self.entered,
            explained_by: Some(self.cm.clone()),
        })
        .collect();
        if self.has(Problem::RightsNotExplained) {
            let late = plus_days(self.entered, self.dice.range(10, 20));
            if let Some(r) = rights_explained
                .iter_mut()
                .find(|r| r.right == ClientRight::GrievanceProcess)
            {
                r.explained_on = late;
            }
        }
        let mut refusals = Vec::new();
        let refuses = self.has(Problem::RefusalNotFollowedUp)
            || (self.program == Program::StlCoc
                && self.span_from_entry() >= 70
                && self.dice.percent(15));
        if refuses {
            let refused = plus_days(self.entered, self.dice.range(0, 3));
            let follow_ups = if self.has(Problem::RefusalNotFollowedUp) {
                vec![plus_days(refused, self.dice.range(35, 50))]
            } else {
                vec![
                    plus_days(refused, self.dice.range(7, 20)),
                    plus_days(refused, self.dice.range(21, 28)),
                ]
            };
            let obtained = follow_ups.last().copied().filter(|d| *d <= self.as_of);
            self.income_obtained = Some(obtained);
            refusals.push(Refusal {
                id: RecordId::new("RF1"),
                material: DocumentKind::IncomeVerification,
                refused_on: refused,
                follow_ups,
                obtained_on: obtained,
            });
        }
        Intake {
            rights_explained,
            rules_explained_on: Some(self.entered),
            refusals,
        }
    }

    fn document(
        &mut self,
        kind: DocumentKind,
        filed_on: NaiveDate,
        valid_until: Option<NaiveDate>,
    ) {
        if filed_on > self.as_of {
            return;
        }
        self.documents.push(FileDocument {
            id: DocumentId::new(format!("D{}", self.documents.len() + 1)),
            kind,
            filed_on,
            valid_until,
            description: None,
        });
    }

    fn add_documents(&mut self) {
        let income_on = match self.income_obtained {
            Some(obtained) => obtained,
            None => Some(self.entered),
        };
        if let Some(day) = income_on {
            self.document(
                DocumentKind::IncomeVerification,
                day,
                Some(plus_months(day, 12)),
            );
        }
        if !self.has(Problem::MissingDocument) {
            self.document(DocumentKind::HomelessnessVerification, self.entered, None);
        }
        self.document(DocumentKind::FrontDoorAssessment, self.entered, None);
        let id_on = plus_days(self.entered, self.dice.range(0, 10));
        self.document(DocumentKind::Identification, id_on, None);
        if let Some(day) = self.move_in_on() {
            self.document(DocumentKind::Lease, day, Some(plus_months(day, 12)));
            self.document(DocumentKind::HousingInspection, day, None);
        }
        let mut anniversary = plus_months(self.entered, 12);
        while anniversary <= self.end {
            let filed = plus_days(anniversary, self.dice.range(0, 20));
            self.document(DocumentKind::AnnualAssessment, filed, None);
            self.document(DocumentKind::ServicesReceived, filed, None);
            let next = plus_months(anniversary, 12);
            if next <= anniversary {
                break;
            }
            anniversary = next;
        }
        if let Some(t) = self.termination.clone() {
            self.document(DocumentKind::Other, t.notice, None);
            self.document(DocumentKind::Other, t.final_notice, None);
            self.document(DocumentKind::TerminationCompliance, t.exit, None);
        }
    }

    fn housing_conditions(&mut self) -> Vec<HousingCondition> {
        if matches!(self.program, Program::IcmsHigh | Program::IcmsLow) {
            return Vec::new();
        }
        let mut conditions = vec![HousingCondition {
            kind: HousingConditionKind::LeaseCompliance,
            recorded_on: self.move_in_on().unwrap_or(self.entered),
        }];
        if self.has(Problem::HousingConditioned) {
            let kind = self.dice.pick(
                &[
                    HousingConditionKind::Sobriety,
                    HousingConditionKind::ServiceParticipation,
                ],
                HousingConditionKind::Sobriety,
            );
            conditions.push(HousingCondition {
                kind,
                recorded_on: plus_days(self.entered, self.dice.range(0, 20)).min(self.end),
            });
        }
        conditions
    }

    // ----- termination and exit ----------------------------------------------------------

    fn termination_record(&mut self) -> Option<Termination> {
        let t = self.termination.clone()?;
        let reason = self.dice.pick(
            &[
                TerminationReason::NonCompliance,
                TerminationReason::RefusalToWorkOnGoals,
                TerminationReason::LeaseViolation,
            ],
            TerminationReason::NonCompliance,
        );
        let notice_doc = self
            .documents
            .iter()
            .find(|d| d.kind == DocumentKind::Other && d.filed_on == t.notice)
            .map(|d| d.id.clone());
        let final_doc = self
            .documents
            .iter()
            .rev()
            .find(|d| d.kind == DocumentKind::Other && d.filed_on == t.final_notice)
            .map(|d| d.id.clone());
        let conference = (!self.has(Problem::TerminationWithoutConference)).then(|| {
            let encounter = self
                .slots
                .iter()
                .position(|s| s.kind == EncounterKind::CaseConference)
                .map(|i| EncounterId::new(format!("E{:04}", i + 1)));
            CaseConference {
                held_on: t.conference,
                encounter,
                participant_attended: true,
                staff: vec![self.cm.clone(), self.sup.clone()],
                parties: Vec::new(),
            }
        });
        let reviewer = if self.has(Problem::TerminationReviewNotIndependent) {
            self.sup.clone()
        } else {
            self.director.clone()
        };
        let appeal = Appeal {
            offered_on: t.notice,
            deadline: (!self.has(Problem::AppealWithoutDeadline)).then_some(t.deadline),
            filed_on: t.appeal_filed.map(|(filed, _)| filed),
            heard_on: t.appeal_filed.map(|(_, heard)| heard),
            decided_by: t.appeal_filed.map(|_| self.director.clone()),
            outcome: t.appeal_filed.map(|_| AppealOutcome::Upheld),
            decided_on: t.appeal_filed.map(|(_, heard)| heard),
        };
        let shelter_referral = self
            .referrals_snapshot()
            .into_iter()
            .find(|(_, party)| party == SHELTER)
            .map(|(id, _)| id);
        Some(Termination {
            reason,
            terminated_by: self.sup.clone(),
            decided_on: t.decided,
            effective_on: Some(t.exit),
            case_conference: conference,
            written_notice: Some(WrittenNotice {
                given_on: t.notice,
                states_reason: !self.has(Problem::TerminationNoticeWithoutReason),
                document: notice_doc,
            }),
            review: Some(TerminationReview {
                reviewed_by: reviewer,
                reviewed_on: t.reviewed,
                upheld: true,
            }),
            appeal: Some(appeal),
            final_notice: Some(WrittenNotice {
                given_on: t.final_notice,
                states_reason: true,
                document: final_doc,
            }),
            resources_given: Some(ResourcesGiven {
                given_on: plus_days(t.exit, -self.dice.range(0, 2)).max(t.decided),
                written: !self.has(Problem::ResourcesNotWritten),
                referrals: shelter_referral.into_iter().collect(),
            }),
            details: Some(text(
                "Terminated after repeated breaches of the program agreement.",
            )),
        })
    }

    fn referrals_snapshot(&self) -> Vec<(ReferralId, String)> {
        // The referrals are moved into the enrollment last; until then they are here.
        self.referrals
            .iter()
            .map(|r| (r.id.clone(), r.party.as_str().to_owned()))
            .collect()
    }

    fn exit_record(&mut self) -> Option<Exit> {
        let exit = self.exit_on?;
        let snapshot = self.referrals_snapshot();
        match self.outcome {
            Outcome::Open => None,
            Outcome::Terminated => Some(Exit {
                exited_on: exit,
                documented_at: None,
                source: None,
                kind: ExitKind::AskedToLeave,
                destination: Some(ExitDestination::Temporary),
                discharge_meeting_on: None,
                linkages: snapshot
                    .iter()
                    .filter(|(_, p)| p == SHELTER)
                    .map(|(id, _)| id.clone())
                    .collect(),
                satisfaction_survey_on: None,
                follow_up: None,
                transfer: Some(Transfer {
                    to: PartyId::new(SHELTER),
                    warm_handoff: Some(WarmHandoff {
                        held_on: plus_days(exit, -1),
                        kind: HandoffKind::Introduction,
                    }),
                }),
            }),
            Outcome::PositiveExit => {
                let permitted = self.dice.percent(80);
                let incomplete = self.has(Problem::PlannedExitIncomplete);
                let survey_missing = incomplete && self.index.is_multiple_of(2);
                let meeting = self.discharge_on.unwrap_or(exit);
                Some(Exit {
                    exited_on: exit,
                    documented_at: None,
                    source: None,
                    kind: ExitKind::Positive,
                    destination: Some(self.dice.pick(
                        &[
                            ExitDestination::PermanentSubsidized,
                            ExitDestination::PermanentUnsubsidized,
                        ],
                        ExitDestination::PermanentSubsidized,
                    )),
                    discharge_meeting_on: Some(meeting),
                    linkages: snapshot
                        .iter()
                        .filter(|(_, p)| p == NEXT_PROVIDER || p == BENEFITS)
                        .map(|(id, _)| id.clone())
                        .collect(),
                    satisfaction_survey_on: (!survey_missing).then_some(exit),
                    follow_up: Some(FollowUp {
                        permitted,
                        plan_made_on: Some(meeting),
                        includes_prevention_plan: !incomplete || survey_missing,
                        planned_contacts: if permitted {
                            vec![plus_days(exit, 30), plus_days(exit, 90)]
                        } else {
                            Vec::new()
                        },
                    }),
                    transfer: Some(Transfer {
                        to: PartyId::new(NEXT_PROVIDER),
                        warm_handoff: Some(WarmHandoff {
                            held_on: plus_days(exit, -1),
                            kind: HandoffKind::Introduction,
                        }),
                    }),
                })
            }
        }
    }

    fn entry_decisions(&mut self) -> Vec<EntryDecision> {
        if self.program != Program::StlCoc {
            return Vec::new();
        }
        let mut decisions = Vec::new();
        if self.has(Problem::EntryDeniedForPastTermination) {
            decisions.push(EntryDecision {
                id: RecordId::new("ED1"),
                decided_on: plus_days(self.entered, -self.dice.range(20, 40)),
                program: self.program.model(),
                accepted: false,
                decided_by: Some(self.sup.clone()),
                denial_reason: Some(DenialReason::PastTermination),
            });
        }
        if !decisions.is_empty() || self.dice.percent(10) {
            decisions.push(EntryDecision {
                id: RecordId::new(format!("ED{}", decisions.len() + 1)),
                decided_on: plus_days(self.entered, -self.dice.range(1, 5)),
                program: self.program.model(),
                accepted: true,
                decided_by: Some(self.sup.clone()),
                denial_reason: None,
            });
        }
        decisions
    }

    // ----- the participant -----------------------------------------------------------------

    fn household(&self) -> HouseholdType {
        match (self.program, self.index % 10) {
            (Program::Rrh, 0..=6) => HouseholdType::Family,
            (_, 0) => HouseholdType::Youth,
            (_, 1) => HouseholdType::AdultCouple,
            _ => HouseholdType::SingleAdult,
        }
    }

    fn participant(&mut self) -> Participant {
        let household = self.household();
        let age_band = match household {
            HouseholdType::Youth => AgeBand::From18To24,
            _ if self.index % 7 == 3 => AgeBand::SixtyPlus,
            _ => AgeBand::From25To59,
        };
        let age = match age_band {
            AgeBand::From18To24 => self.dice.range(18, 24),
            AgeBand::SixtyPlus => self.dice.range(60, 80),
            _ => self.dice.range(25, 59),
        };
        let year = self
            .as_of
            .year()
            .saturating_sub(i32::try_from(age).unwrap_or(30));
        let birth = NaiveDate::from_ymd_opt(
            year,
            u32::try_from(self.dice.range(1, 12)).unwrap_or(1),
            u32::try_from(self.dice.range(1, 28)).unwrap_or(1),
        );
        let first = self.dice.pick(names::FIRST_NAMES, "Alex");
        let last = self.dice.pick(names::LAST_NAMES, "Example");
        let street = self.dice.pick(names::STREETS, "Example Ave");
        let number = self.dice.range(1, 999);
        let unit = self.dice.range(1, 40);
        let phone = self.dice.range(0, 99);
        Participant {
            id: ParticipantId::new(crate::participant_id(self.index)),
            household: Some(household),
            age_band: Some(age_band),
            veteran: Some(self.dice.percent(10)),
            personal: Some(PersonalDetails {
                name: Some(Personal::new(format!("{first} {last}"))),
                preferred_name: Some(Personal::new(first.to_owned())),
                birth_date: birth.map(Personal::new),
                address: Some(Personal::new(format!(
                    "{number} {street}, Unit {unit}, Sampleton"
                ))),
                phone: Some(Personal::new(format!("(555) 010-01{phone:02}"))),
                email: None,
            }),
        }
    }
}

// ----- small helpers ---------------------------------------------------------------------

/// When an encounter that ended at `ended` was documented: within hours, now and then
/// days later and marked as a late entry (St. Louis), or days later unmarked for the
/// lapse; never after the evaluation date.
fn documented(
    dice: &mut Dice,
    zone: Zone,
    as_of: NaiveDate,
    ended: DateTime<FixedOffset>,
    lapse: bool,
    marks_late: bool,
) -> (DateTime<FixedOffset>, bool) {
    let (delay, late_entry) = if lapse {
        (TimeDelta::hours(dice.range(30, 70)), false)
    } else if marks_late && dice.percent(3) {
        (TimeDelta::hours(dice.range(30, 60)), true)
    } else {
        (TimeDelta::minutes(dice.range(20, 600)), false)
    };
    let at = ended.checked_add_signed(delay).unwrap_or(ended);
    let latest = zone.at(as_of, 23 * 60 + 30);
    if at > latest && ended <= latest {
        (latest, late_entry)
    } else {
        (at, late_entry)
    }
}

fn text(s: &str) -> FreeText {
    FreeText::new(s.to_owned())
}

fn step(id: &str) -> StepDone {
    StepDone {
        step: StepId::new(id),
        action_step: None,
        party: None,
    }
}

/// The catalog step of a collateral contact with `party`, when it is one that needs a
/// release (the party always has one when this is called).
fn collateral_step(party: &PartyId) -> Option<&'static str> {
    match party.as_str() {
        LANDLORD => Some("engage-landlord-property-manager"),
        HOUSING_AUTHORITY => Some("coordinate-with-pha"),
        CLINIC => Some("collaborate-with-pcp-or-ph-nurse"),
        BEHAVIORAL => Some("collaborate-with-hssp-or-fsp"),
        _ => None,
    }
}

/// A VI-SPDAT band id for a total (`top`: the last total of the middle band).
fn vi_band(total: i64, top: i64) -> &'static str {
    if total <= 3 {
        "no-housing-intervention"
    } else if total <= top {
        "rapid-re-housing"
    } else {
        "permanent-supportive-housing"
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    Health,
    Lease,
    Safety,
}

/// The taxonomy category of a risk the generator uses, and the catalog step that
/// answers it.
fn risk_facts(risk: &str) -> (Category, &'static str) {
    match risk {
        "food-insecurity" => (Category::Health, "establish-food-supply"),
        "adls-iadls-challenges" => (Category::Health, "coach-life-skills"),
        "mental-health-challenges" => (Category::Health, "medication-adherence-support"),
        "rental-utility-arrears" => (Category::Lease, "resolve-arrears"),
        "noise-complaints" => (Category::Lease, "troubleshoot-noise-complaints"),
        "unit-damage" => (Category::Lease, "unit-damage-mitigation"),
        "clutter-blocking-exits-pathways" => (Category::Safety, "decluttering-support"),
        _ => (Category::Safety, "safety-plan"),
    }
}

struct ActionStepIdGen;

impl ActionStepIdGen {
    fn next(steps: &[PlannedActionStep]) -> hearth_model::ActionStepId {
        hearth_model::ActionStepId::new(format!("AS{:02}", steps.len() + 1))
    }
}

trait Of {
    fn of(kind: RiskResponseKind, on: NaiveDate) -> Self;
}

impl Of for RiskResponse {
    fn of(kind: RiskResponseKind, on: NaiveDate) -> Self {
        RiskResponse {
            kind,
            responded_on: on,
            action_step: None,
            lease_violation_plan: None,
            harm_reduction_plan: None,
            incident_report: None,
        }
    }
}

fn harm_reduction_plan(id: PlanId, made: NaiveDate, risk: &RiskObservationId) -> HarmReductionPlan {
    let option = |what: &str| HarmReductionOption {
        option: Some(text(what)),
        factors_for: vec![text("Keeps the tenancy")],
        factors_against: vec![text("Takes time to arrange")],
        landlord_non_negotiables: vec![text("Rent paid by the agreed date")],
        tenant_non_negotiables: vec![text("Stays in the unit")],
    };
    HarmReductionPlan {
        id,
        created_on: made,
        updated_on: None,
        addresses_risks: vec![risk.clone()],
        housing_risk: Some(text(
            "Arrears put the tenancy at risk of an eviction filing.",
        )),
        options: vec![
            option("A repayment plan with the landlord"),
            option("A one-time assistance request"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use hearth_catalog::Catalog;

    use super::*;

    /// Every catalog id the generator writes is in the built-in catalog: steps, risks
    /// (in the category the generator answers them as), instruments and their items;
    /// steps done with a party are the ones that need a release.
    #[test]
    fn every_catalog_id_written_is_in_the_builtin_catalog() {
        let catalog = Catalog::builtin();
        let options = Options {
            participants: 120,
            problem_percent: 100,
            ..Options::default()
        };
        let mut steps = BTreeSet::new();
        for index in 0..options.participants {
            let case = crate::case_file(&options, index);
            for a in &case.assessments {
                let instrument = catalog.instrument(a.instrument.as_str()).unwrap();
                for item in &a.items {
                    assert!(
                        instrument.components.iter().any(|c| c.id == item.item),
                        "{} has no item {}",
                        instrument.id,
                        item.item
                    );
                }
                if let (Some(total), Some(band)) = (a.total, &a.band) {
                    if !instrument.bands.is_empty() {
                        let found = instrument.band_for(total).map(|b| b.id.clone());
                        assert_eq!(found.as_deref(), Some(band.as_str()), "{}", a.id);
                    }
                }
            }
            for e in &case.enrollments {
                for r in &e.risk_observations {
                    let risk = catalog.risk(r.risk.as_str()).unwrap();
                    let (category, step) = risk_facts(r.risk.as_str());
                    let expected = match category {
                        Category::Health => "health-concerns",
                        Category::Lease => "lease-violations",
                        Category::Safety => "safety-hazards",
                    };
                    assert_eq!(risk.category, expected, "{}", r.risk);
                    assert!(catalog.step(step).is_ok(), "{step}");
                }
                for encounter in &e.encounters {
                    for done in &encounter.steps_done {
                        let step = catalog.step(done.step.as_str()).unwrap();
                        assert_eq!(step.needs_consent, done.party.is_some(), "{}", step.id);
                        steps.insert(done.step.as_str().to_owned());
                    }
                }
                let plan = e.care_plan.as_ref().unwrap();
                for planned in &plan.action_steps {
                    assert!(catalog.step(planned.step.as_str()).is_ok());
                }
                for referral in &e.referrals {
                    if let Some(step) = &referral.step {
                        assert!(catalog.step(step.as_str()).is_ok());
                    }
                }
            }
        }
        assert!(steps.len() >= 10, "{steps:?}");
    }
}
