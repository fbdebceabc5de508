//! Rules of the assessment area (`ASMT…`): the first interview, the Front Door
//! Assessment, repeated assessments, the intake release, refusals and the client file.

use crate::rule::Rule;

mod assessment_overdue;
mod common;
mod first_interview_late;
mod front_door_assessment_late;
mod no_release_at_intake;
mod refusal_not_followed_up;
mod required_documents_missing;

pub use assessment_overdue::AssessmentOverdue;
pub use first_interview_late::FirstInterviewLate;
pub use front_door_assessment_late::FrontDoorAssessmentLate;
pub use no_release_at_intake::NoReleaseAtIntake;
pub use refusal_not_followed_up::RefusalNotFollowedUp;
pub use required_documents_missing::RequiredDocumentsMissing;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &FirstInterviewLate,
    &FrontDoorAssessmentLate,
    &AssessmentOverdue,
    &NoReleaseAtIntake,
    &RefusalNotFollowedUp,
    &RequiredDocumentsMissing,
];
