//! Helpers shared by the risk rules: response-kind names and how a response window
//! stands on the evaluation date.

use chrono::NaiveDate;
use hearth_model::{Enrollment, RiskResponseKind};

use crate::context::CaseContext;

/// The kebab-case name of a response kind, as written in case files (serde's spelling).
pub(super) fn kind_name(kind: RiskResponseKind) -> &'static str {
    hearth_model::name::name_or_empty(&kind)
}

/// Where a window that closes on `due` (its last on-time day) stands for an enrollment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Window {
    /// The window closed before the end of the judged period: judge it.
    Closed,
    /// The enrollment is open and the window has not closed by `as_of` (due on or
    /// after it): an obligation, not yet a finding.
    Open,
    /// The enrollment ended (exit on or before `as_of`) before the window closed:
    /// nothing can be judged.
    CutShort,
}

/// How the window ending on `due` stands for `enrollment` under `cx`.
pub(super) fn window(cx: &CaseContext<'_>, enrollment: &Enrollment, due: NaiveDate) -> Window {
    if due < cx.end_of(enrollment) {
        Window::Closed
    } else if cx.is_open(enrollment) {
        Window::Open
    } else {
        Window::CutShort
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_match_the_serialised_form() {
        for kind in [
            RiskResponseKind::DiscussedOptions,
            RiskResponseKind::ActionStep,
            RiskResponseKind::LeaseViolationPlan,
            RiskResponseKind::ImmediateMitigation,
            RiskResponseKind::IncidentReport,
        ] {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind_name(kind)));
        }
    }
}
