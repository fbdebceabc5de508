use hearth_model::{GoalAuthor, HousingConditionKind, ServiceParticipation};

use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That housing is not conditioned on treatment, sobriety or taking part in services,
    /// and that services are voluntary (Housing First). Findings:
    ///
    /// - each `housing_conditions[N]` whose `kind` is not in `allowed_conditions`
    ///   (default `["lease-compliance"]`; kinds are `treatment`, `sobriety`, `medication`,
    ///   `service-participation`, `lease-compliance`, `other`), at
    ///   `…/housing_conditions/N`, dated its `recorded_on`;
    /// - `service_participation` recorded as `required`, at `…/service_participation`,
    ///   dated the enrollment's `entered_on`;
    /// - when `flag_case_manager_goals` is on (default off), each goal `set_by` the
    ///   `case-manager` alone, at `…/care_plan/goals/N/set_by`, dated its `set_on`.
    ///
    /// Records dated after the enrollment's end (its exit, or the evaluation date while
    /// open) and enrollments begun after the evaluation date are not judged. An enrollment
    /// that does not record `service_participation` at all gets a "not evaluated" finding
    /// at `…/service_participation`, dated the enrollment's end (the conditions and goals
    /// are still checked).
    ///
    /// ## Why
    /// Housing First, as the ICM-with-RRH guidance, the NAEH rapid re-housing principles
    /// and the Connecticut PSH training all put it, has no housing-readiness requirements:
    /// participation in services is voluntary, the participant decides the type and
    /// intensity of support, and housing is never made to depend on treatment, sobriety or
    /// attending case management. What tenants must meet are the ordinary obligations of
    /// a lease. Planning is driven by the participant, not decided for them.
    ///
    /// ## Example that fails
    /// A rental-assistance agreement recorded 2025-11-25 makes monthly case-management
    /// meetings a condition of the rent help (`service-participation`): one finding at
    /// `/enrollments/0/housing_conditions/0` on 2025-11-25.
    ///
    /// ## Example that passes
    /// The same enrollment whose only housing condition is `lease-compliance`, with
    /// `service_participation` `voluntary`.
    pub struct HousingConditionedOnServices;
    meta {
        code: "PLAN009",
        name: "housing-conditioned-on-services",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "Housing is conditioned on services, treatment or sobriety, or services are not voluntary.",
        help: "Remove the condition from the housing or assistance agreement: only the obligations of the lease may be required. Offer services as the participant's choice.",
        requirements: &[
            Citation {
                id: "R-PLAN-8",
                source: "001",
                section: "You are applying the five core principles of Housing First",
            },
            Citation {
                id: "R-PLAN-8",
                source: "002",
                section: "Principles of case management: 1. driven by the needs of program participants (voluntary case management)",
            },
            Citation {
                id: "R-PLAN-8",
                source: "004",
                section: "Organizing Principles: Housing First",
            },
        ],
        params: &[
            ParamSpec {
                name: "allowed_conditions",
                doc: "Housing condition kinds that are allowed (kebab-case kinds of `housing_conditions[].kind`).",
                kind: ParamKind::Ids,
                default: ParamDefault::Ids(&["lease-compliance"]),
            },
            ParamSpec {
                name: "flag_case_manager_goals",
                doc: "Whether a goal set by the case manager alone (`set_by: case-manager`) is a finding (true or false).",
                kind: ParamKind::Flag,
                default: ParamDefault::Flag(false),
            },
        ],
    }
}

/// The kebab-case id of a housing condition kind, as written in case files (serde's
/// spelling).
fn condition_id(kind: HousingConditionKind) -> &'static str {
    hearth_model::name::name_or_empty(&kind)
}

impl Rule for HousingConditionedOnServices {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let allowed = cx.params.ids("allowed_conditions");
        let flag_goals = cx.params.flag("flag_case_manager_goals");
        for (path, enrollment) in cx.enrollments() {
            if enrollment.entered_on > cx.as_of {
                continue;
            }
            let end = cx.end_of(enrollment);
            for (i, condition) in enrollment.housing_conditions.iter().enumerate() {
                let kind = condition_id(condition.kind);
                if condition.recorded_on > end || allowed.iter().any(|a| a == kind) {
                    continue;
                }
                out.findings.push(cx.finding(
                    &path.key("housing_conditions").index(i),
                    condition.recorded_on,
                    format!("housing is conditioned on {kind}"),
                ));
            }
            match enrollment.service_participation {
                Some(ServiceParticipation::Required) => out.findings.push(cx.finding(
                    &path.key("service_participation"),
                    enrollment.entered_on,
                    format!(
                        "enrollment {} requires service participation",
                        enrollment.id
                    ),
                )),
                Some(ServiceParticipation::Voluntary) => {}
                None => out.findings.push(cx.not_evaluated(
                    &path.key("service_participation"),
                    end,
                    format!(
                        "enrollment {} does not record whether service participation is voluntary",
                        enrollment.id
                    ),
                )),
            }
            if !flag_goals {
                continue;
            }
            let Some(plan) = &enrollment.care_plan else {
                continue;
            };
            for (i, goal) in plan.goals.iter().enumerate() {
                if goal.set_by == Some(GoalAuthor::CaseManager) && goal.set_on <= end {
                    out.findings.push(cx.finding(
                        &path.key("care_plan").key("goals").index(i).key("set_by"),
                        goal.set_on,
                        format!("goal {} was set by the case manager alone", goal.id),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::FindingKind;
    use crate::param::{ParamValue, Params};
    use hearth_catalog::Catalog;

    fn run(tail: &str, params: &Params) -> Vec<(FindingKind, String, String)> {
        let text = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"rrh","entered_on":"2026-01-05"{tail}}}]}}"#
        );
        let case = hearth_model::parse_case_file(&text).unwrap();
        let catalog = Catalog::builtin();
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            &catalog,
            params,
            &HousingConditionedOnServices::META,
        );
        let mut out = Out::default();
        HousingConditionedOnServices.check(&cx, &mut out);
        out.findings
            .into_iter()
            .map(|f| (f.kind, f.path, f.on.to_string()))
            .collect()
    }

    #[test]
    fn conditions_participation_and_goals() {
        let mut params = Params::defaults(HousingConditionedOnServices::META.params);
        let tail = r#","service_participation":"required",
            "housing_conditions":[{"kind":"lease-compliance","recorded_on":"2026-01-05"},{"kind":"sobriety","recorded_on":"2026-02-01"},{"kind":"treatment","recorded_on":"2026-07-01"}],
            "care_plan":{"created_on":"2026-01-10","goals":[{"id":"G1","area":"housing","status":"active","set_on":"2026-01-10","set_by":"case-manager"}]}"#;
        let v = FindingKind::Violation;
        assert_eq!(
            run(tail, &params),
            vec![
                (
                    v,
                    "/enrollments/0/housing_conditions/1".to_owned(),
                    "2026-02-01".to_owned()
                ),
                (
                    v,
                    "/enrollments/0/service_participation".to_owned(),
                    "2026-01-05".to_owned()
                ),
            ]
        );
        params.set("flag_case_manager_goals", ParamValue::Flag(true));
        params.set(
            "allowed_conditions",
            ParamValue::List(vec!["lease-compliance".into(), "sobriety".into()]),
        );
        assert_eq!(
            run(tail, &params),
            vec![
                (
                    v,
                    "/enrollments/0/service_participation".to_owned(),
                    "2026-01-05".to_owned()
                ),
                (
                    v,
                    "/enrollments/0/care_plan/goals/0/set_by".to_owned(),
                    "2026-01-10".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn unrecorded_participation_is_not_evaluated() {
        let params = Params::defaults(HousingConditionedOnServices::META.params);
        assert_eq!(
            run("", &params),
            vec![(
                FindingKind::NotEvaluated,
                "/enrollments/0/service_participation".to_owned(),
                "2026-06-30".to_owned()
            )]
        );
    }
}
