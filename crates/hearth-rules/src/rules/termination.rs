//! Rules of the termination area (`TERM…`): due process when a participant is
//! terminated, and re-entry after a termination.

use crate::rule::Rule;

mod appeal_not_offered;
mod common;
mod entry_denied_for_past_termination;
mod final_notice_late;
mod termination_notice_missing;
mod termination_resources_not_written;
mod termination_review_not_independent;
mod termination_without_case_conference;

pub use appeal_not_offered::AppealNotOffered;
pub use entry_denied_for_past_termination::EntryDeniedForPastTermination;
pub use final_notice_late::FinalNoticeLate;
pub use termination_notice_missing::TerminationNoticeMissing;
pub use termination_resources_not_written::TerminationResourcesNotWritten;
pub use termination_review_not_independent::TerminationReviewNotIndependent;
pub use termination_without_case_conference::TerminationWithoutCaseConference;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &TerminationWithoutCaseConference,
    &TerminationNoticeMissing,
    &TerminationReviewNotIndependent,
    &AppealNotOffered,
    &FinalNoticeLate,
    &TerminationResourcesNotWritten,
    &EntryDeniedForPastTermination,
];
