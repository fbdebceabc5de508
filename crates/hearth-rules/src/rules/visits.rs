//! Rules of the visits area (`VISIT…`): contact frequency, visit content, home-visit
//! safety, case-note timeliness and completeness, and the ICM horizon.
//!
//! What counts as a contact, and which encounters fall inside an enrollment, is shared
//! by every rule here (see `common`). VISIT009 is not used: its requirement (R-VISIT-9,
//! caseload size) is checked by the caseload rule LOAD001.

use crate::rule::Rule;

mod case_note_incomplete;
mod common;
mod contact_gap_by_stage;
mod enrollment_past_horizon;
mod home_visit_during_domestic_violence;
mod in_person_visits_per_month;
mod late_documentation;
mod no_next_visit_scheduled;
mod unannounced_home_visit;
mod visit_without_objective;

pub use case_note_incomplete::CaseNoteIncomplete;
pub use contact_gap_by_stage::ContactGapByStage;
pub use enrollment_past_horizon::EnrollmentPastHorizon;
pub use home_visit_during_domestic_violence::HomeVisitDuringDomesticViolence;
pub use in_person_visits_per_month::InPersonVisitsPerMonth;
pub use late_documentation::LateDocumentation;
pub use no_next_visit_scheduled::NoNextVisitScheduled;
pub use unannounced_home_visit::UnannouncedHomeVisit;
pub use visit_without_objective::VisitWithoutObjective;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &InPersonVisitsPerMonth,
    &ContactGapByStage,
    &VisitWithoutObjective,
    &NoNextVisitScheduled,
    &UnannouncedHomeVisit,
    &HomeVisitDuringDomesticViolence,
    &LateDocumentation,
    &CaseNoteIncomplete,
    &EnrollmentPastHorizon,
];
