use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That a care plan has no more than `max_active_goals` goals with status `active`
    /// (default 3). Achieved, deferred and discontinued goals do not count. The check is
    /// made on the evaluation date; the finding's date is the day the last of the active
    /// goals was set (the day the limit was passed).
    ///
    /// ## Why
    /// Service planning works when it limits the areas of intervention and focuses on the
    /// most pressing needs that affect housing: no more than three goals at a time.
    ///
    /// ## Example that fails
    /// A plan with four active goals (`G1`…`G4`): one finding at
    /// `/enrollments/0/care_plan/goals`, "4 active goals; at most 3 allowed".
    ///
    /// ## Example that passes
    /// The same plan with `G4` marked `deferred` until one of the others is achieved.
    pub struct TooManyActiveGoals;
    meta {
        code: "PLAN001",
        name: "too-many-active-goals",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A care plan has more active goals than the limit (3).",
        help: "Keep the goals that matter most for housing active; mark the others `deferred` until one is achieved.",
        requirements: &[Citation {
            id: "R-PLAN-1",
            source: "004",
            section: "Service Planning: \"Limit the areas of intervention – no more than 3 goals\"",
        }],
        params: &[ParamSpec {
            name: "max_active_goals",
            doc: "The most goals that may be active at once.",
            kind: ParamKind::Integer { min: 1, max: 50 },
            default: ParamDefault::Integer(3),
        }],
    }
}

impl Rule for TooManyActiveGoals {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let max = cx.params.int("max_active_goals");
        for (path, enrollment) in cx.enrollments() {
            let Some(plan) = &enrollment.care_plan else {
                continue;
            };
            let active: Vec<_> = plan
                .goals
                .iter()
                .filter(|g| g.status == hearth_model::GoalStatus::Active && g.set_on <= cx.as_of)
                .collect();
            let count = i64::try_from(active.len()).unwrap_or(i64::MAX);
            if count > max {
                let on = active.iter().map(|g| g.set_on).max().unwrap_or(cx.as_of);
                out.findings.push(cx.finding(
                    &path.key("care_plan").key("goals"),
                    on,
                    format!("{count} active goals; at most {max} allowed"),
                ));
            }
        }
    }
}
