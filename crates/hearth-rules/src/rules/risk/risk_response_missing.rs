use std::collections::HashMap;

use chrono::NaiveDate;
use hearth_model::{Enrollment, RiskObservation, RiskResponseKind};

use super::common::{kind_name, window, Window};
use crate::calendar::add_days;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every observed risk (`risk_observations`) gets the responses its category
    /// requires within `response_days` days (default 7). The risk is looked up in the
    /// catalog, then its category; the category's `responses` are the required kinds
    /// (built-in: health concerns an `action-step`; lease violations an `action-step`
    /// and a `lease-violation-plan`; safety hazards `immediate-mitigation` and an
    /// `incident-report`).
    ///
    /// A required kind is met on the earliest of:
    /// - a response of that kind (`responded_on`);
    /// - for `action-step`, also a care-plan action step whose `addresses_risk` names the
    ///   observation (`added_on`);
    /// - for `lease-violation-plan`, also a `lease_violation_plans` entry whose
    ///   `addresses_risks` names it (`created_on`), a `harm_reduction_plans` entry whose
    ///   `addresses_risks` names it (`created_on`), or a response of any kind naming a
    ///   `harm_reduction_plan` (`responded_on`).
    ///
    /// A link recorded on either side counts. Evidence dated before the observation
    /// counts as done on the observation day (the link says it answers this risk). The
    /// due date is `observed_on + response_days`: a kind met on or before it is on time
    /// (a day count of at most `response_days`), one met after it is late, one not met at
    /// all is missing.
    ///
    /// One finding per observation that has a missing or late kind, listing them, dated
    /// the due date. Its path is the observation (`/enrollments/N/risk_observations/K`)
    /// when it has no `responses` at all, else its `responses` list.
    ///
    /// An observation is judged only once its window has closed before the end of the
    /// judged period (`as_of`, or the exit date of an enrollment that has ended). While
    /// the window is still open (due on or after `as_of`) it is an obligation
    /// `risk-response` (due the due date, done when the last required kind was met), not
    /// a finding. Observations dated after the judged period, and those whose window an
    /// exit cut short, are skipped. A risk or category the catalog does not know cannot
    /// be evaluated: that is reported at the observation's `risk`.
    ///
    /// ## Why
    /// The ICMS visit guide asks the case manager, at every visit, whether any specific
    /// risk was observed or identified, and gives each of its three categories a
    /// response: for a health concern, discuss options for support and take steps to
    /// reduce the risk; for a lease violation, discuss it with the participant and make a
    /// plan to address it; for a safety hazard, act at once to mitigate it and submit an
    /// incident report. A risk noted with no response recorded is a risk left to grow.
    ///
    /// ## Example that fails
    /// `R2`, `not-taking-medication` (a health concern), observed 2026-03-17 with no
    /// response and no action step naming it: as of 2026-04-17 a finding at
    /// `/enrollments/0/risk_observations/2`, dated 2026-03-24, "no action-step". A
    /// clutter hazard with immediate mitigation but no incident report gives a finding at
    /// its `responses`.
    ///
    /// ## Example that passes
    /// The same observation with an action step `AS07` added on 2026-03-20 whose
    /// `addresses_risk` is `R2` (or a response of kind `action-step` dated up to
    /// 2026-03-24).
    pub struct RiskResponseMissing;
    meta {
        code: "RISK001",
        name: "risk-response-missing",
        area: Area::Risk,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "An observed risk lacks a response its category requires, or got it late.",
        help: "Record the missing response for the risk: link the action step taken, the plan agreed for a lease violation, or the incident report and mitigation for a safety hazard, with the date it was done.",
        requirements: &[Citation {
            id: "R-RISK-4",
            source: "000",
            section: "Any Specific Risk(s) Observed or Identified?",
        }],
        params: &[ParamSpec {
            name: "response_days",
            doc: "Days after a risk is observed by which each required response is due (0: the same day).",
            kind: ParamKind::Integer { min: 0, max: 365 },
            default: ParamDefault::Integer(7),
        }],
    }
}

/// Dates of evidence recorded on the other side of the link, by observation id.
#[derive(Default)]
struct Links<'a> {
    action_steps: HashMap<&'a str, NaiveDate>,
    plans: HashMap<&'a str, NaiveDate>,
}

fn keep_earliest<'a>(map: &mut HashMap<&'a str, NaiveDate>, key: &'a str, date: NaiveDate) {
    map.entry(key)
        .and_modify(|d| *d = (*d).min(date))
        .or_insert(date);
}

impl<'a> Links<'a> {
    fn of(enrollment: &'a Enrollment) -> Self {
        let mut links = Links::default();
        if let Some(plan) = &enrollment.care_plan {
            for step in &plan.action_steps {
                if let Some(risk) = &step.addresses_risk {
                    keep_earliest(&mut links.action_steps, risk.as_str(), step.added_on);
                }
            }
        }
        for plan in &enrollment.lease_violation_plans {
            for risk in &plan.addresses_risks {
                keep_earliest(&mut links.plans, risk.as_str(), plan.created_on);
            }
        }
        for plan in &enrollment.harm_reduction_plans {
            for risk in &plan.addresses_risks {
                keep_earliest(&mut links.plans, risk.as_str(), plan.created_on);
            }
        }
        links
    }

    /// The earliest date `kind` was met for `obs`, if it was.
    fn met_on(&self, obs: &RiskObservation, kind: RiskResponseKind) -> Option<NaiveDate> {
        let direct = obs
            .responses
            .iter()
            .filter(|r| {
                r.kind == kind
                    || (kind == RiskResponseKind::LeaseViolationPlan
                        && r.harm_reduction_plan.is_some())
            })
            .map(|r| r.responded_on);
        let other_side = match kind {
            RiskResponseKind::ActionStep => self.action_steps.get(obs.id.as_str()).copied(),
            RiskResponseKind::LeaseViolationPlan => self.plans.get(obs.id.as_str()).copied(),
            _ => None,
        };
        direct
            .chain(other_side)
            .min()
            .map(|d| d.max(obs.observed_on))
    }
}

/// The response kinds the catalog requires for the observation's risk.
fn required_kinds(
    cx: &CaseContext<'_>,
    obs: &RiskObservation,
) -> Result<Vec<RiskResponseKind>, String> {
    let risk = cx
        .catalog
        .risk(obs.risk.as_str())
        .map_err(|e| e.to_string())?;
    let category = cx
        .catalog
        .risk_category(&risk.category)
        .map_err(|e| e.to_string())?;
    let mut kinds = category.responses.clone();
    kinds.sort();
    kinds.dedup();
    Ok(kinds)
}

impl Rule for RiskResponseMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let days = cx.params.int("response_days");
        for (path, enrollment) in cx.enrollments() {
            let links = Links::of(enrollment);
            for (i, obs) in enrollment.risk_observations.iter().enumerate() {
                if obs.observed_on > cx.end_of(enrollment) {
                    continue;
                }
                let obs_path = path.key("risk_observations").index(i);
                let kinds = match required_kinds(cx, obs) {
                    Ok(kinds) => kinds,
                    Err(why) => {
                        out.findings.push(cx.not_evaluated(
                            &obs_path.key("risk"),
                            obs.observed_on,
                            format!("{}: the required responses are not known ({why})", obs.id),
                        ));
                        continue;
                    }
                };
                if kinds.is_empty() {
                    continue;
                }
                let due = add_days(obs.observed_on, days);
                let met: Vec<(RiskResponseKind, Option<NaiveDate>)> =
                    kinds.iter().map(|&k| (k, links.met_on(obs, k))).collect();
                match window(cx, enrollment, due) {
                    Window::Closed => {
                        let problems: Vec<String> = met
                            .iter()
                            .filter_map(|&(kind, on)| match on {
                                None => Some(format!("no {}", kind_name(kind))),
                                Some(d) if d > due => Some(format!(
                                    "{} late ({d}, {} days after the observation)",
                                    kind_name(kind),
                                    crate::calendar::days_between(obs.observed_on, d)
                                )),
                                Some(_) => None,
                            })
                            .collect();
                        if problems.is_empty() {
                            continue;
                        }
                        let at = if obs.responses.is_empty() {
                            obs_path
                        } else {
                            obs_path.key("responses")
                        };
                        out.findings.push(cx.finding(
                            &at,
                            due,
                            format!(
                                "{} ({}) observed {}, responses due by {due}: {}",
                                obs.id,
                                obs.risk,
                                obs.observed_on,
                                problems.join("; ")
                            ),
                        ));
                    }
                    Window::Open => {
                        let done = met
                            .iter()
                            .map(|&(_, on)| on)
                            .collect::<Option<Vec<_>>>()
                            .and_then(|dates| dates.into_iter().max());
                        let wanted: Vec<&str> = kinds.iter().map(|&k| kind_name(k)).collect();
                        out.obligations.push(cx.obligation(
                            enrollment,
                            "risk-response",
                            "R-RISK-4",
                            format!(
                                "respond to {} ({}) observed {}: {}",
                                obs.id,
                                obs.risk,
                                obs.observed_on,
                                wanted.join(", ")
                            ),
                            &obs_path,
                            due,
                            done,
                        ));
                    }
                    Window::CutShort => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::Params;

    fn run(json: &str, as_of: &str) -> Out {
        let case = hearth_model::parse_case_file(json).unwrap();
        let params = Params::defaults(RiskResponseMissing::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &RiskResponseMissing::META,
        );
        let mut out = Out::default();
        RiskResponseMissing.check(&cx, &mut out);
        out
    }

    fn case(responses: &str, extra: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{
              "id":"E1","program":"icms","entered_on":"2026-01-01",{extra}
              "risk_observations":[{{"id":"R1","risk":"food-insecurity","observed_on":"2026-03-01"{responses}}}]
            }}]}}"#
        )
    }

    #[test]
    fn exactly_at_the_limit_passes_one_day_over_is_late() {
        let on_time = case(
            r#","responses":[{"kind":"action-step","responded_on":"2026-03-08"}]"#,
            "",
        );
        assert!(run(&on_time, "2026-06-30").findings.is_empty());
        let late = case(
            r#","responses":[{"kind":"action-step","responded_on":"2026-03-09"}]"#,
            "",
        );
        let out = run(&late, "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/risk_observations/0/responses"
        );
        assert!(out.findings[0].message.contains("late"));
        assert_eq!(out.findings[0].on, "2026-03-08".parse().unwrap());
    }

    #[test]
    fn a_link_from_the_action_step_counts() {
        let linked = case(
            "",
            r#""care_plan":{"created_on":"2026-01-05","action_steps":[
                {"id":"AS1","step":"establish-food-supply","added_on":"2026-03-02","status":"planned","addresses_risk":"R1"}]},"#,
        );
        assert!(run(&linked, "2026-06-30").findings.is_empty());
    }

    #[test]
    fn nothing_at_all_points_at_the_observation() {
        let out = run(&case("", ""), "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/enrollments/0/risk_observations/0");
    }

    #[test]
    fn open_window_is_an_obligation_only() {
        let out = run(&case("", ""), "2026-03-08");
        assert!(out.findings.is_empty());
        assert_eq!(out.obligations.len(), 1);
        assert_eq!(out.obligations[0].kind, "risk-response");
        let out = run(&case("", ""), "2026-03-09");
        assert_eq!(out.findings.len(), 1);
        assert!(out.obligations.is_empty());
    }

    #[test]
    fn unknown_risk_is_not_evaluated() {
        let json = case("", "").replace("food-insecurity", "food-insecurty");
        let out = run(&json, "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].kind, crate::FindingKind::NotEvaluated);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/risk_observations/0/risk"
        );
    }

    #[test]
    fn exit_before_the_window_closes_skips() {
        let json = case(
            "",
            r#""exit":{"exited_on":"2026-03-05","kind":"left-voluntarily"},"#,
        );
        let out = run(&json, "2026-06-30");
        assert!(out.findings.is_empty());
        assert!(out.obligations.is_empty());
    }
}
