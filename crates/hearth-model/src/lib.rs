//! # hearth-model
//!
//! The data hearth reads: a **case file** (one participant and everything recorded about
//! them) and a **caseload** (a program's staff roster and many case files). These types
//! are data only: serde for reading and writing JSON, schemars for the generated JSON
//! Schemas under `schemas/`. Rules live in other crates; this crate has no opinions
//! about what is right, only about what can be recorded.
//!
//! The model can express every requirement of the project's `DOMAIN.md` (requirement ids
//! `R-…` are cited on the fields that carry them), so a rule can check what the standards
//! ask.
//!
//! ## Conventions
//! - Field names are `snake_case`; enumerated values are `kebab-case`
//!   (`"mode": "in-person"`), like the catalog and policy ids.
//! - Dates are ISO 8601 calendar dates (`chrono::NaiveDate`); moments where time of day
//!   matters (encounters, documentation) are RFC 3339 date-times with the UTC offset in
//!   force (`chrono::DateTime<FixedOffset>`), so "within 24 hours" is exact.
//! - Every date, and the local date of every date-time, is from [`EARLIEST_DATE`]
//!   (1900-01-01) to [`LATEST_DATE`] (2200-12-31); a date outside is rejected as a data
//!   error at its field, like an impossible date (`2026-02-30`).
//! - Unknown fields are rejected: a misspelt field is an error, never silently ignored.
//! - Lists may come in any order; optional lists and values may be left out.
//! - Personal values and free text are wrapped in [`Personal`]: redacted in `Debug`,
//!   marked `"x-personal": true` in the schemas, and never printed by hearth.
//!
//! ## Calendar
//! [`calendar`] holds the calendar arithmetic every crate shares (day counts, month
//! arithmetic, weekdays), saturating at chrono's range instead of failing: the rules
//! re-export it as `hearth_rules::calendar`, and the generator dates its records with it.
//!
//! ## Parsing
//! [`parse_case_file`] and [`parse_caseload`] turn JSON text into documents or a
//! [`ParseError`] located by line, column and JSON Pointer, whose message never repeats
//! input values (not even the name of an unknown field). [`top_level_keys`] reads only the
//! keys, to tell document kinds apart.

#![deny(missing_docs)]
// No panics on input: library code may not unwrap, expect or index (tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

#[cfg(feature = "arbitrary")]
mod arb;
mod assessment;
pub mod calendar;
mod consent;
mod dates;
mod document;
mod encounter;
mod enrollment;
mod ids;
mod intake;
pub mod name;
mod parse;
mod participant;
mod personal;
mod plan;
mod program;
mod provenance;
mod risk;
mod staff;
mod termination;
pub mod walk;

pub use assessment::{Answer, Assessment, ItemAnswer};
pub use consent::{
    ConfidentialityException, Consent, ExceptionKind, InformationShare, Party, PartyKind, Referral,
    ReferralOutcome,
};
pub use dates::{date_in_range, EARLIEST_DATE, LATEST_DATE};
pub use document::{CaseFile, Caseload, DenialReason, EntryDecision, ProgramInfo, SchemaVersion};
pub use encounter::{
    ContactMode, Encounter, EncounterKind, EncounterObjective, EncounterStatus, GoalProgress,
    Location, NextVisit, Progress, StepDone,
};
pub use enrollment::{
    Enrollment, Household, HouseholdRelationship, HousingCondition, HousingConditionKind,
    ServiceParticipation, Stage, StageChange,
};
pub use ids::{
    ActionStepId, AssessmentId, ConsentId, DocumentId, EncounterId, EnrollmentId, GoalId,
    IncidentId, InstrumentId, LongTermGoalId, ObjectiveId, ParticipantId, PartyId, PlanId,
    RecordId, ReferralId, RiskId, RiskObservationId, ShareId, StaffId, StepId, TaskId,
};
pub use intake::{ClientRight, DocumentKind, FileDocument, Intake, Refusal, RightExplained};
pub use parse::{
    parse_case_file, parse_caseload, parse_json, publishable_message, publishable_settings_message,
    top_level_keys, try_case_file, ParseError, ParseErrorKind,
};
pub use participant::{AgeBand, HouseholdType, Participant, PersonalDetails};
pub use personal::{FreeText, Personal};
pub use plan::{
    ActionStepStatus, CarePlan, ContactSchedule, CtiPhase, Goal, GoalArea, GoalAuthor, GoalStatus,
    LongTermGoal, Objective, PlanOutcome, PlanPhase, PlanReview, PlannedActionStep, PlannedService,
    Signature, Signer, Skill, Support, SupportKind, Task, TaskOwner,
};
pub use program::{Funding, ProgramModel, Tier};
pub use provenance::{Provenance, RawCode};
pub use risk::{
    CrisisIncident, CrisisPlan, HarmReductionOption, HarmReductionPlan, LeaseViolationPlan,
    RiskObservation, RiskResponse, RiskResponseKind, RiskSource,
};
pub use staff::{Staff, StaffRole};
pub use termination::{
    Appeal, AppealOutcome, CaseConference, Exit, ExitDestination, ExitKind, FollowUp, HandoffKind,
    ResourcesGiven, Termination, TerminationReason, TerminationReview, Transfer, WarmHandoff,
    WrittenNotice,
};

/// Serde default for flags that are true unless a document says otherwise.
pub(crate) fn default_true() -> bool {
    true
}
