use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use hearth_model::{HarmReductionOption, HarmReductionPlan};

use super::common::{window, Window};
use crate::calendar::{add_days, days_between};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every risk observation marked `eviction_risk` has a harm-reduction plan to
    /// prevent eviction, made within `plan_days` days (default 14), and that the plan is
    /// complete.
    ///
    /// A plan is linked to an observation when its `addresses_risks` names the
    /// observation or a response of the observation names it in `harm_reduction_plan`
    /// (either side counts). A linked plan counts from its `created_on`: the records do
    /// not say when a link was added, so a plan made earlier for another risk and
    /// extended to this one is on time. The due date is `observed_on + plan_days`; a
    /// plan made on or before it is on time (a day count of at most `plan_days`).
    ///
    /// - No linked plan: a finding at the observation
    ///   (`/enrollments/N/risk_observations/K`), dated the day after the due date. A
    ///   response naming a plan id that is not in `harm_reduction_plans` is said in the
    ///   message.
    /// - Only plans made after the due date: a finding at the observation, "late", dated
    ///   the day after the due date.
    /// - A linked plan that is incomplete: a finding at the plan
    ///   (`/enrollments/N/harm_reduction_plans/P`) when it has no `housing_risk` (absent or
    ///   blank) or no option, and one at each incomplete option (`…/options/O`) that lacks
    ///   factors in favour, factors against, or non-negotiables: both the landlord's and
    ///   the tenant's when `require_both_non_negotiables` is true (default), either when it
    ///   is false. A plan linked to several eviction risks is checked once, dated the
    ///   later of its `created_on` and the day after the earliest closed due date.
    ///
    /// An observation is judged only once its window has closed before the end of the
    /// judged period (`as_of`, or the exit date of an enrollment that has ended); until
    /// then nothing is reported. Observations dated after the judged period, and those
    /// whose window an exit cut short, are skipped.
    ///
    /// ## Why
    /// Connecticut's PSH training shows a harm-reduction plan to prevent eviction: name
    /// the housing risk, lay out the options, and for each option weigh the factors in
    /// favour and against and write down what the landlord and the tenant will not give
    /// up. When a tenancy is at risk, such a plan turns a complaint into choices the
    /// tenant can make with the team before the landlord acts.
    ///
    /// ## Example that fails
    /// `R1`, noise complaints marked `eviction_risk`, observed 2026-02-02 with no plan
    /// naming it: a finding at `/enrollments/0/risk_observations/0` dated 2026-02-17. A
    /// plan `HRP1` for it whose only option has no tenant non-negotiables gives a finding
    /// at `/enrollments/0/harm_reduction_plans/0/options/0`.
    ///
    /// ## Example that passes
    /// `HRP1` created 2026-02-16 (14 days later) with `addresses_risks: ["R1"]`, a housing
    /// risk and one option with factors for and against and both sides' non-negotiables.
    pub struct EvictionRiskWithoutHarmReductionPlan;
    meta {
        code: "RISK002",
        name: "eviction-risk-without-harm-reduction-plan",
        area: Area::Risk,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "An eviction risk has no complete harm-reduction plan made in time.",
        help: "Make (or complete) a harm-reduction plan with the tenant: the housing risk, the options, factors in favour and against each option, and the landlord's and tenant's non-negotiables; link it to the risk.",
        requirements: &[Citation {
            id: "R-RISK-5",
            source: "004",
            section: "Harm Reduction Plan to Prevent Eviction – Example",
        }],
        params: &[
            ParamSpec {
                name: "plan_days",
                doc: "Days after an eviction risk is observed by which a harm-reduction plan is due.",
                kind: ParamKind::Integer { min: 0, max: 365 },
                default: ParamDefault::Integer(14),
            },
            ParamSpec {
                name: "require_both_non_negotiables",
                doc: "Whether every option must name both the landlord's and the tenant's non-negotiables (false: either is enough).",
                kind: ParamKind::Flag,
                default: ParamDefault::Flag(true),
            },
        ],
    }
}

/// What an option lacks, in words.
fn option_gaps(option: &HarmReductionOption, both: bool) -> Vec<&'static str> {
    let mut gaps = Vec::new();
    if option.factors_for.is_empty() {
        gaps.push("factors in favour");
    }
    if option.factors_against.is_empty() {
        gaps.push("factors against");
    }
    let landlord = !option.landlord_non_negotiables.is_empty();
    let tenant = !option.tenant_non_negotiables.is_empty();
    if both {
        if !landlord {
            gaps.push("landlord's non-negotiables");
        }
        if !tenant {
            gaps.push("tenant's non-negotiables");
        }
    } else if !landlord && !tenant {
        gaps.push("non-negotiables");
    }
    gaps
}

/// What the plan itself lacks, in words.
fn plan_gaps(plan: &HarmReductionPlan) -> Vec<&'static str> {
    let mut gaps = Vec::new();
    if plan.housing_risk.as_ref().is_none_or(|t| t.is_blank()) {
        gaps.push("no housing risk");
    }
    if plan.options.is_empty() {
        gaps.push("no option");
    }
    gaps
}

impl Rule for EvictionRiskWithoutHarmReductionPlan {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let days = cx.params.int("plan_days");
        let both = cx.params.flag("require_both_non_negotiables");
        for (path, enrollment) in cx.enrollments() {
            let plans = &enrollment.harm_reduction_plans;
            let by_id: HashMap<&str, usize> = plans
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), i))
                .collect();
            let mut by_risk: HashMap<&str, BTreeSet<usize>> = HashMap::new();
            for (i, plan) in plans.iter().enumerate() {
                for risk in &plan.addresses_risks {
                    by_risk.entry(risk.as_str()).or_default().insert(i);
                }
            }
            // Plans to check for completeness, with the first day they are judged.
            let mut judged_from: HashMap<usize, NaiveDate> = HashMap::new();
            for (k, obs) in enrollment.risk_observations.iter().enumerate() {
                if !obs.eviction_risk || obs.observed_on > cx.end_of(enrollment) {
                    continue;
                }
                let due = add_days(obs.observed_on, days);
                if window(cx, enrollment, due) != Window::Closed {
                    continue;
                }
                let mut linked: BTreeSet<usize> =
                    by_risk.get(obs.id.as_str()).cloned().unwrap_or_default();
                let mut unknown: BTreeSet<&str> = BTreeSet::new();
                for response in &obs.responses {
                    if let Some(id) = &response.harm_reduction_plan {
                        match by_id.get(id.as_str()) {
                            Some(&i) => {
                                linked.insert(i);
                            }
                            None => {
                                unknown.insert(id.as_str());
                            }
                        }
                    }
                }
                let obs_path = path.key("risk_observations").index(k);
                let overdue_from = add_days(due, 1);
                let earliest = linked
                    .iter()
                    .filter_map(|&i| plans.get(i))
                    .map(|p| p.created_on)
                    .min();
                match earliest {
                    None => {
                        let mut message = format!(
                            "{} ({}) is an eviction risk observed {} with no harm-reduction plan by {due}",
                            obs.id, obs.risk, obs.observed_on
                        );
                        if !unknown.is_empty() {
                            let names: Vec<&str> = unknown.into_iter().collect();
                            message.push_str(&format!(
                                "; a response names {}, not among the harm-reduction plans",
                                names.join(", ")
                            ));
                        }
                        out.findings
                            .push(cx.finding(&obs_path, overdue_from, message));
                    }
                    Some(made) if made > due => {
                        out.findings.push(cx.finding(
                            &obs_path,
                            overdue_from,
                            format!(
                                "{} ({}) is an eviction risk observed {}: harm-reduction plan made late ({made}, {} days after; due by {due})",
                                obs.id,
                                obs.risk,
                                obs.observed_on,
                                days_between(obs.observed_on, made)
                            ),
                        ));
                    }
                    Some(_) => {}
                }
                for i in linked {
                    judged_from
                        .entry(i)
                        .and_modify(|d| *d = (*d).min(overdue_from))
                        .or_insert(overdue_from);
                }
            }
            let mut judged: Vec<(usize, NaiveDate)> = judged_from.into_iter().collect();
            judged.sort();
            for (i, from) in judged {
                let Some(plan) = plans.get(i) else {
                    continue;
                };
                let on = from.max(plan.created_on);
                let plan_path = path.key("harm_reduction_plans").index(i);
                let gaps = plan_gaps(plan);
                if !gaps.is_empty() {
                    out.findings.push(cx.finding(
                        &plan_path,
                        on,
                        format!(
                            "harm-reduction plan {} is incomplete: {}",
                            plan.id,
                            gaps.join(", ")
                        ),
                    ));
                }
                for (o, option) in plan.options.iter().enumerate() {
                    let gaps = option_gaps(option, both);
                    if !gaps.is_empty() {
                        out.findings.push(cx.finding(
                            &plan_path.key("options").index(o),
                            on,
                            format!(
                                "harm-reduction plan {}: an option has no {}",
                                plan.id,
                                gaps.join(", no ")
                            ),
                        ));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::{ParamValue, Params};

    fn run(json: &str, as_of: &str, both: bool) -> Out {
        let case = hearth_model::parse_case_file(json).unwrap();
        let mut params = Params::defaults(EvictionRiskWithoutHarmReductionPlan::META.params);
        params.set("require_both_non_negotiables", ParamValue::Flag(both));
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &EvictionRiskWithoutHarmReductionPlan::META,
        );
        let mut out = Out::default();
        EvictionRiskWithoutHarmReductionPlan.check(&cx, &mut out);
        out
    }

    fn case(plans: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{
              "id":"E1","program":"ct-psh","entered_on":"2026-01-01",
              "risk_observations":[{{"id":"R1","risk":"noise-complaints","observed_on":"2026-02-02","eviction_risk":true}}],
              "harm_reduction_plans":[{plans}]
            }}]}}"#
        )
    }

    const OPTION: &str = r#"{"factors_for":["a"],"factors_against":["b"],"landlord_non_negotiables":["c"],"tenant_non_negotiables":["d"]}"#;

    fn plan(created: &str, option: &str) -> String {
        format!(
            r#"{{"id":"HRP1","created_on":"{created}","addresses_risks":["R1"],"housing_risk":"x","options":[{option}]}}"#
        )
    }

    #[test]
    fn exactly_at_the_limit_passes_one_day_over_is_late() {
        let ok = case(&plan("2026-02-16", OPTION));
        assert!(run(&ok, "2026-06-30", true).findings.is_empty());
        let late = case(&plan("2026-02-17", OPTION));
        let out = run(&late, "2026-06-30", true);
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0].message.contains("late"));
        assert_eq!(out.findings[0].path, "/enrollments/0/risk_observations/0");
        assert_eq!(out.findings[0].on, "2026-02-17".parse().unwrap());
    }

    #[test]
    fn missing_plan_is_judged_only_after_the_due_date() {
        let none = case("");
        assert!(run(&none, "2026-02-16", true).findings.is_empty());
        let out = run(&none, "2026-02-17", true);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/enrollments/0/risk_observations/0");
    }

    #[test]
    fn one_side_of_non_negotiables_is_enough_when_the_flag_is_off() {
        let option =
            r#"{"factors_for":["a"],"factors_against":["b"],"landlord_non_negotiables":["c"]}"#;
        let json = case(&plan("2026-02-10", option));
        let out = run(&json, "2026-06-30", true);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/harm_reduction_plans/0/options/0"
        );
        assert!(run(&json, "2026-06-30", false).findings.is_empty());
    }

    #[test]
    fn plan_without_housing_risk_or_options_is_incomplete() {
        let json = case(
            r#"{"id":"HRP1","created_on":"2026-02-10","addresses_risks":["R1"],"housing_risk":"  "}"#,
        );
        let out = run(&json, "2026-06-30", true);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/harm_reduction_plans/0"
        );
        assert!(out.findings[0]
            .message
            .contains("no housing risk, no option"));
    }
}
