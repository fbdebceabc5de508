use hearth_model::{CarePlan, Signer, SupportKind, TaskOwner};

use super::common::present;
use crate::calendar::add_days;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That a care plan holds every element of a comprehensive case plan, once it has had
    /// `grace_days` days (default 30) to be completed. The plan is judged on
    /// `created_on + grace_days`; a plan whose judging day is after the enrollment's end
    /// (its exit, or the evaluation date while open) is not judged yet. The plan is read
    /// as it stands in the record. Elements, by the name the message uses:
    ///
    /// - `long_term_goals`: at least one long-term goal;
    /// - `objectives`: short-term, measurable objectives: at least one objective under a
    ///   goal, or at least one goal that is itself measurable and time-framed (a `measure`
    ///   and a `target_date`), since the plan's goals are the short-term steps toward its
    ///   long-term goals;
    /// - `services`: at least one service or resource;
    /// - `services.provider`: at least one service names who provides it (a service
    ///   without a provider is taken to be the program's own);
    /// - `services.starts_on`: every service has a start date (an ongoing service may
    ///   leave its end date open);
    /// - `tasks (case-manager)` and `tasks (participant)`: at least one task owned by each;
    /// - `supports (formal)` and `supports (informal)`: at least one support of each kind;
    /// - `skills`: at least one skill to learn;
    /// - `target_date`: time frames: at least one goal or objective with a target date;
    /// - `contact_schedule`: the agreed schedule of contacts;
    /// - `breach_terms`: what happens if a party breaks the agreement (presence only;
    ///   the text is never read);
    /// - `signatures (participant)` and `signatures (case-manager)`: a signature of each,
    ///   dated on or before the evaluation date.
    ///
    /// One finding per plan listing every missing element, at `…/care_plan`, dated the
    /// judging day. An enrollment (begun by the evaluation date) without a care plan gets a
    /// "not evaluated" finding at `…/care_plan`, dated the enrollment's end.
    ///
    /// ## Why
    /// The St. Louis standards list what a comprehensive case plan contains: long-term
    /// goals and short-term measurable objectives, the services needed and who provides
    /// them, what the case manager and the participant each will do, formal and informal
    /// supports, skills to learn, time frames and service dates, a contact schedule, what
    /// happens if either side breaks the agreement, and the signatures of the case manager
    /// and the participant. A plan missing these cannot guide the work or be held to.
    ///
    /// ## Example that fails
    /// A plan created 2026-01-20 with goals, tasks and signatures but no informal support,
    /// no skills and no `breach_terms`: as of 2026-06-30, one finding at
    /// `/enrollments/0/care_plan` on 2026-02-19, "care plan is missing: supports
    /// (informal), skills, breach_terms".
    ///
    /// ## Example that passes
    /// The same plan with a family member as an informal support, a skill to learn and
    /// breach terms; or the incomplete plan judged on 2026-02-10, still within its grace.
    pub struct IncompleteCarePlan;
    meta {
        code: "PLAN006",
        name: "incomplete-care-plan",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A care plan lacks elements of a comprehensive case plan after its grace period (30 days).",
        help: "Complete the plan with the participant: add each missing element listed, and have both the participant and the case manager sign it.",
        requirements: &[Citation {
            id: "R-PLAN-6",
            source: "003",
            section: "Content of a Comprehensive Case Plan",
        }],
        params: &[ParamSpec {
            name: "grace_days",
            doc: "Days after the plan's creation before its contents are judged (days).",
            kind: ParamKind::Integer { min: 0, max: 365 },
            default: ParamDefault::Integer(30),
        }],
    }
}

/// The elements `plan` lacks, by the names the message uses.
fn missing_elements(plan: &CarePlan, as_of: chrono::NaiveDate) -> Vec<&'static str> {
    let mut missing = Vec::new();
    let mut need = |ok: bool, name: &'static str| {
        if !ok {
            missing.push(name);
        }
    };
    need(!plan.long_term_goals.is_empty(), "long_term_goals");
    need(
        plan.goals.iter().any(|g| {
            !g.objectives.is_empty() || (present(g.measure.as_ref()) && g.target_date.is_some())
        }),
        "objectives",
    );
    need(!plan.services.is_empty(), "services");
    need(
        plan.services.iter().any(|s| s.provider.is_some()),
        "services.provider",
    );
    need(
        plan.services.iter().all(|s| s.starts_on.is_some()),
        "services.starts_on",
    );
    need(
        plan.tasks.iter().any(|t| t.owner == TaskOwner::CaseManager),
        "tasks (case-manager)",
    );
    need(
        plan.tasks.iter().any(|t| t.owner == TaskOwner::Participant),
        "tasks (participant)",
    );
    need(
        plan.supports.iter().any(|s| s.kind == SupportKind::Formal),
        "supports (formal)",
    );
    need(
        plan.supports
            .iter()
            .any(|s| s.kind == SupportKind::Informal),
        "supports (informal)",
    );
    need(!plan.skills.is_empty(), "skills");
    need(
        plan.goals.iter().any(|g| {
            g.target_date.is_some() || g.objectives.iter().any(|o| o.target_date.is_some())
        }),
        "target_date",
    );
    need(plan.contact_schedule.is_some(), "contact_schedule");
    need(present(plan.breach_terms.as_ref()), "breach_terms");
    let signed = |who: Signer| {
        plan.signatures
            .iter()
            .any(|s| s.signer == who && s.signed_on <= as_of)
    };
    need(signed(Signer::Participant), "signatures (participant)");
    need(signed(Signer::CaseManager), "signatures (case-manager)");
    missing
}

impl Rule for IncompleteCarePlan {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let grace = cx.params.int("grace_days");
        for (path, enrollment) in cx.enrollments() {
            if enrollment.entered_on > cx.as_of {
                continue;
            }
            let end = cx.end_of(enrollment);
            let Some(plan) = &enrollment.care_plan else {
                out.findings.push(cx.not_evaluated(
                    &path.key("care_plan"),
                    end,
                    format!(
                        "enrollment {} has no care plan whose contents could be checked",
                        enrollment.id
                    ),
                ));
                continue;
            };
            let judged_on = add_days(plan.created_on, grace);
            if judged_on > end {
                continue;
            }
            let missing = missing_elements(plan, cx.as_of);
            if !missing.is_empty() {
                out.findings.push(cx.finding(
                    &path.key("care_plan"),
                    judged_on,
                    format!("care plan is missing: {}", missing.join(", ")),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::Params;
    use hearth_catalog::Catalog;

    const FULL: &str = r#"{"created_on":"2026-01-20",
        "long_term_goals":[{"id":"LTG1"}],
        "goals":[{"id":"G1","area":"housing","status":"active","set_on":"2026-01-20","measure":"m","target_date":"2026-06-30"}],
        "tasks":[{"id":"T1","owner":"case-manager"},{"id":"T2","owner":"participant"}],
        "services":[{"id":"SV1","starts_on":"2026-02-01"},{"id":"SV2","provider":"PTY-1","starts_on":"2026-02-01","ends_on":"2026-03-01"}],
        "supports":[{"id":"S1","kind":"formal"},{"id":"S2","kind":"informal"}],
        "skills":[{"id":"SK1"}],
        "contact_schedule":{"every_days":14},
        "breach_terms":"b",
        "signatures":[{"signer":"participant","signed_on":"2026-01-20"},{"signer":"case-manager","signed_on":"2026-01-20"}]}"#;

    fn run(plan: &str, as_of: &str) -> Vec<(String, String, String)> {
        let text = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-05","care_plan":{plan}}}]}}"#
        );
        let case = hearth_model::parse_case_file(&text).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::defaults(IncompleteCarePlan::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &IncompleteCarePlan::META,
        );
        let mut out = Out::default();
        IncompleteCarePlan.check(&cx, &mut out);
        out.findings
            .into_iter()
            .map(|f| (f.path, f.on.to_string(), f.message))
            .collect()
    }

    #[test]
    fn a_full_plan_passes() {
        assert!(run(FULL, "2026-06-30").is_empty());
    }

    #[test]
    fn grace_period_boundary() {
        let plan = r#"{"created_on":"2026-01-20"}"#;
        assert!(run(plan, "2026-02-18").is_empty());
        let got = run(plan, "2026-02-19");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, "/enrollments/0/care_plan");
        assert_eq!(got[0].1, "2026-02-19");
        assert_eq!(
            got[0].2,
            "care plan is missing: long_term_goals, objectives, services, services.provider, tasks (case-manager), tasks (participant), supports (formal), supports (informal), skills, target_date, contact_schedule, breach_terms, signatures (participant), signatures (case-manager)"
        );
    }

    #[test]
    fn single_elements() {
        let no_start = FULL.replace(
            r#"{"id":"SV1","starts_on":"2026-02-01"}"#,
            r#"{"id":"SV1"}"#,
        );
        assert_eq!(
            run(&no_start, "2026-06-30")[0].2,
            "care plan is missing: services.starts_on"
        );
        let unsigned = FULL.replace(
            r#""signer":"participant","signed_on":"2026-01-20""#,
            r#""signer":"participant","signed_on":"2026-07-01""#,
        );
        assert_eq!(
            run(&unsigned, "2026-06-30")[0].2,
            "care plan is missing: signatures (participant)"
        );
        let no_measure = FULL.replace(r#""measure":"m","#, "");
        assert_eq!(
            run(&no_measure, "2026-06-30")[0].2,
            "care plan is missing: objectives"
        );
        let objective = no_measure.replace(
            r#""target_date":"2026-06-30"}"#,
            r#""objectives":[{"id":"O1","target_date":"2026-03-01"}]}"#,
        );
        assert!(run(&objective, "2026-06-30").is_empty());
    }
}
