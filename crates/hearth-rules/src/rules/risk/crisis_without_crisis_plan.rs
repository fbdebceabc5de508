use std::collections::HashMap;

use chrono::NaiveDate;

use super::common::{window, Window};
use crate::calendar::{add_days, days_between, local_date};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every crisis incident (`crisis_incidents`) is followed by a crisis plan made
    /// or updated within `plan_days` days (default 30). The incident's day is the local
    /// date of `occurred_at` (in its recorded offset); the window runs from that day to
    /// `day + plan_days`, both included (a day count of at most `plan_days`).
    ///
    /// A plan's dates are its `created_on` and every `updated_on`. The incident is
    /// answered on the earliest of:
    /// - any plan date inside the window (a plan made or updated after the incident
    ///   counts even when it does not list it);
    /// - any date on or after the incident's day of a plan that lists the incident in
    ///   `after_incidents` (after the window: late). A plan that lists the incident but
    ///   whose dates all precede it (a record that cannot be right: an update date is
    ///   missing) counts as made on the incident's day, because the link is explicit.
    ///
    /// No answer, or only a late one, is a finding at the incident
    /// (`/enrollments/N/crisis_incidents/K`), dated the day after the window closes.
    /// An incident is judged only once its window has closed before the end of the
    /// judged period (`as_of`, or the exit date of an enrollment that has ended). While
    /// the window is still open it is an obligation `crisis-plan` (due the window's last
    /// day, done when answered). Incidents after the judged period, and those whose window
    /// an exit cut short, are skipped.
    ///
    /// ## Why
    /// Connecticut's PSH training ends its crisis guidance with a debrief: once things
    /// are calm, talk the incident through with colleagues and with the person, plan for
    /// what to do if it flares again, and develop a crisis plan based on the experience.
    /// A crisis that leaves no plan behind teaches the team nothing for the next one.
    ///
    /// ## Example that fails
    /// Incident `INC1` at 2026-03-01T23:30-05:00 and no crisis plan made or updated until
    /// 2026-04-15: a finding at `/enrollments/0/crisis_incidents/0`, dated 2026-04-01,
    /// "crisis plan late".
    ///
    /// ## Example that passes
    /// Crisis plan `CP1` created 2026-03-31 (30 days after the incident) with
    /// `after_incidents: ["INC1"]`, or an existing plan updated on 2026-03-10.
    pub struct CrisisWithoutCrisisPlan;
    meta {
        code: "RISK003",
        name: "crisis-without-crisis-plan",
        area: Area::Risk,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A crisis incident was not followed by a crisis plan made or updated in time.",
        help: "Debrief the incident with the team and the participant, then make or update the crisis plan and list the incident in its `after_incidents`.",
        requirements: &[Citation {
            id: "R-RISK-6",
            source: "004",
            section: "Debrief – After all is calm, talk it through (\"Develop a crisis plan based on this experience\")",
        }],
        params: &[ParamSpec {
            name: "plan_days",
            doc: "Days after a crisis incident by which a crisis plan must be made or updated.",
            kind: ParamKind::Integer { min: 0, max: 365 },
            default: ParamDefault::Integer(30),
        }],
    }
}

impl Rule for CrisisWithoutCrisisPlan {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let days = cx.params.int("plan_days");
        for (path, enrollment) in cx.enrollments() {
            // Every plan date, sorted once, for "any plan in the window".
            let mut all_dates: Vec<NaiveDate> = enrollment
                .crisis_plans
                .iter()
                .flat_map(|p| std::iter::once(p.created_on).chain(p.updated_on.iter().copied()))
                .collect();
            all_dates.sort();
            // Dates of the plans that list each incident.
            let mut listing: HashMap<&str, Vec<NaiveDate>> = HashMap::new();
            for plan in &enrollment.crisis_plans {
                for incident in &plan.after_incidents {
                    listing.entry(incident.as_str()).or_default().extend(
                        std::iter::once(plan.created_on).chain(plan.updated_on.iter().copied()),
                    );
                }
            }
            for (k, incident) in enrollment.crisis_incidents.iter().enumerate() {
                let day = local_date(&incident.occurred_at);
                if day > cx.end_of(enrollment) {
                    continue;
                }
                let due = add_days(day, days);
                let first_in_window = all_dates
                    .get(all_dates.partition_point(|d| *d < day))
                    .copied()
                    .filter(|d| *d <= due);
                let by_listing = listing.get(incident.id.as_str()).map(|dates| {
                    dates
                        .iter()
                        .copied()
                        .filter(|d| *d >= day)
                        .min()
                        .unwrap_or(day)
                });
                let answered = first_in_window.into_iter().chain(by_listing).min();
                let inc_path = path.key("crisis_incidents").index(k);
                match window(cx, enrollment, due) {
                    Window::Closed => {
                        let problem = match answered {
                            None => format!("no crisis plan made or updated by {due}"),
                            Some(d) if d > due => format!(
                                "crisis plan late ({d}, {} days after; due by {due})",
                                days_between(day, d)
                            ),
                            Some(_) => continue,
                        };
                        out.findings.push(cx.finding(
                            &inc_path,
                            add_days(due, 1),
                            format!("crisis incident {} on {day}: {problem}", incident.id),
                        ));
                    }
                    Window::Open => {
                        out.obligations.push(cx.obligation(
                            enrollment,
                            "crisis-plan",
                            "R-RISK-6",
                            format!(
                                "make or update the crisis plan after incident {} on {day}",
                                incident.id
                            ),
                            &inc_path,
                            due,
                            answered,
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
        let params = Params::defaults(CrisisWithoutCrisisPlan::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &CrisisWithoutCrisisPlan::META,
        );
        let mut out = Out::default();
        CrisisWithoutCrisisPlan.check(&cx, &mut out);
        out
    }

    fn case(plans: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{
              "id":"E1","program":"ct-psh","entered_on":"2026-01-01",
              "crisis_incidents":[{{"id":"INC1","occurred_at":"2026-03-01T23:30:00-05:00"}}],
              "crisis_plans":[{plans}]
            }}]}}"#
        )
    }

    #[test]
    fn exactly_at_the_limit_passes_one_day_over_is_late() {
        let ok = case(r#"{"id":"CP1","created_on":"2026-03-31","after_incidents":["INC1"]}"#);
        assert!(run(&ok, "2026-06-30").findings.is_empty());
        let late = case(r#"{"id":"CP1","created_on":"2026-04-01","after_incidents":["INC1"]}"#);
        let out = run(&late, "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0].message.contains("late"));
        assert_eq!(out.findings[0].on, "2026-04-01".parse().unwrap());
    }

    #[test]
    fn an_unlisted_update_counts_only_inside_the_window() {
        let inside = case(
            r#"{"id":"CP1","created_on":"2025-06-01","updated_on":["2026-02-01","2026-03-10"]}"#,
        );
        assert!(run(&inside, "2026-06-30").findings.is_empty());
        let outside = case(r#"{"id":"CP1","created_on":"2025-06-01","updated_on":["2026-04-10"]}"#);
        let out = run(&outside, "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0].message.contains("no crisis plan"));
    }

    #[test]
    fn local_date_decides_the_day() {
        // 23:30 at -05:00 is 04:30 UTC on March 2nd; the local day is March 1st.
        let late = case(r#"{"id":"CP1","created_on":"2026-04-01","after_incidents":["INC1"]}"#);
        assert_eq!(run(&late, "2026-06-30").findings.len(), 1);
    }

    #[test]
    fn open_window_is_an_obligation() {
        let out = run(&case(""), "2026-03-31");
        assert!(out.findings.is_empty());
        assert_eq!(out.obligations.len(), 1);
        assert_eq!(out.obligations[0].kind, "crisis-plan");
        assert_eq!(
            out.obligations[0].due_on,
            Some("2026-03-31".parse().unwrap())
        );
    }
}
