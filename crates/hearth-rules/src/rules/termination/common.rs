//! Helpers shared by the termination rules.

use chrono::NaiveDate;
use hearth_model::{Enrollment, Termination, TerminationReason};

use crate::context::CaseContext;
use crate::path::Pointer;

/// Every enrollment with a termination decided on or before `as_of`, with the pointer to
/// the termination (`/enrollments/N/termination`). A termination decided later has not
/// happened yet on the evaluation date.
pub(super) fn terminations<'a>(
    cx: &CaseContext<'a>,
) -> impl Iterator<Item = (Pointer, &'a Enrollment, &'a Termination)> + 'a {
    let as_of = cx.as_of;
    cx.enrollments().filter_map(move |(path, enrollment)| {
        let termination = enrollment.termination.as_ref()?;
        (termination.decided_on <= as_of)
            .then(|| (path.key("termination"), enrollment, termination))
    })
}

/// The day the termination takes effect: `effective_on`, else the enrollment's exit
/// date; `None` when neither is recorded (it has not taken effect).
pub(super) fn effective_day(
    enrollment: &Enrollment,
    termination: &Termination,
) -> Option<NaiveDate> {
    termination
        .effective_on
        .or_else(|| enrollment.exit.as_ref().map(|e| e.exited_on))
}

/// The kebab-case name of a termination reason, as written in case files (serde's
/// spelling).
pub(super) fn reason_name(reason: TerminationReason) -> &'static str {
    hearth_model::name::name_or_empty(&reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reason_names_match_the_serialised_form() {
        for reason in [
            TerminationReason::NonCompliance,
            TerminationReason::LeaseViolation,
            TerminationReason::RefusalToWorkOnGoals,
            TerminationReason::IntolerableBehavior,
            TerminationReason::Other,
        ] {
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(json, format!("\"{}\"", reason_name(reason)));
        }
    }
}

/// Test support: a case file with a termination given full due process, and a runner.
#[cfg(test)]
pub(super) mod testing {
    use hearth_model::Staff;
    use serde_json::{json, Value};

    use crate::context::{CaseContext, Out};
    use crate::param::Params;
    use crate::rule::Rule;

    /// A case whose termination (decided 2026-03-10, effective 2026-04-10) passes every
    /// termination rule at default parameters.
    pub fn base() -> Value {
        json!({
            "schema_version": "1.0",
            "participant": { "id": "P" },
            "enrollments": [{
                "id": "E1", "program": "stl-coc", "entered_on": "2025-06-01",
                "case_manager": "CM1",
                "termination": {
                    "reason": "non-compliance",
                    "terminated_by": "SUP1",
                    "decided_on": "2026-03-10",
                    "effective_on": "2026-04-10",
                    "case_conference": { "held_on": "2026-03-03", "participant_attended": true },
                    "written_notice": { "given_on": "2026-03-11", "states_reason": true },
                    "review": { "reviewed_by": "DIR1", "reviewed_on": "2026-03-13", "upheld": true },
                    "appeal": { "offered_on": "2026-03-11", "deadline": "2026-03-25" },
                    "final_notice": { "given_on": "2026-03-30", "states_reason": true },
                    "resources_given": { "given_on": "2026-03-30", "written": true, "referrals": ["REF1"] }
                }
            }]
        })
    }

    /// A roster: DIR1 over SUP1 and SUP2, SUP1 over CM1, SUP2 over CM2.
    pub fn roster() -> Vec<Staff> {
        serde_json::from_value(json!([
            { "id": "DIR1", "role": "director" },
            { "id": "SUP1", "role": "supervisor", "supervisor": "DIR1" },
            { "id": "SUP2", "role": "supervisor", "supervisor": "DIR1" },
            { "id": "CM1", "role": "case-manager", "supervisor": "SUP1" },
            { "id": "CM2", "role": "case-manager", "supervisor": "SUP2" }
        ]))
        .unwrap()
    }

    /// Runs `rule` over `case` as of `as_of` with `params` (defaults when `None`).
    pub fn run(
        rule: &dyn Rule,
        case: &Value,
        as_of: &str,
        roster: Option<&[Staff]>,
        params: Option<Params>,
    ) -> Out {
        let case = hearth_model::parse_case_file(&case.to_string()).unwrap();
        let params = params.unwrap_or_else(|| Params::defaults(rule.meta().params));
        let mut cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            rule.meta(),
        );
        cx.roster = roster;
        let mut out = Out::default();
        rule.check(&cx, &mut out);
        out
    }

    /// The termination object of `case`, to edit.
    pub fn termination(case: &mut Value) -> &mut Value {
        &mut case["enrollments"][0]["termination"]
    }
}
