use hearth_model::{Encounter, Location, RiskObservation};

use super::common;
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

/// The taxonomy id of the risk this rule watches.
const DOMESTIC_VIOLENCE: &str = "domestic-violence";

crate::declare_rule! {
    /// ## What it checks
    /// That no home visit takes place while domestic violence is reported in the home.
    ///
    /// - **Reports**: the enrollment's risk observations with risk `domestic-violence`
    ///   and `in_home` not false (true, or not recorded: when in doubt, the home is not
    ///   safe). Each covers the days from `observed_on` (included) to `resolved_on`
    ///   (excluded: `resolved_on` is the first day the risk no longer applies), or to the
    ///   enrollment's end when it has no `resolved_on`.
    /// - **Home visits**: encounters at location `home` that took place (`completed`), of
    ///   any kind, dated (local date of `started_at`) inside the enrollment `[entered_on,
    ///   end]` (end: the exit date once exited, else the evaluation date).
    /// - A home visit on a day a report covers is a finding at the encounter, dated its
    ///   local date, naming the earliest such report (by `observed_on`, then id). The
    ///   encounter at which a report was made (the observation's `encounter`, or the
    ///   encounter listing it in `risks_observed`) is not judged against that report:
    ///   staff could not know before they were there.
    ///
    /// ## Why
    /// Staff safety comes first: when domestic violence is reported in a participant's
    /// home, case managers do not visit the home but hold the meeting at the office
    /// instead, until the risk no longer applies.
    ///
    /// ## Example that fails
    /// Domestic violence in the home reported 2026-08-18 (`R1`), resolved 2026-10-01; a
    /// home visit `E010` on 2026-09-01: one finding at that encounter, "E010 on
    /// 2026-09-01: home visit while domestic violence in the home was reported (R1, from
    /// 2026-08-18 to 2026-10-01)".
    ///
    /// ## Example that passes
    /// The 2026-09-01 meeting held at the office; home visits before 2026-08-18 and from
    /// 2026-10-01 on.
    pub struct HomeVisitDuringDomesticViolence;
    meta {
        code: "VISIT006",
        name: "home-visit-during-domestic-violence",
        area: Area::Visit,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A home visit took place while domestic violence in the home was reported.",
        help: "While domestic violence in the home is reported, meet the participant at the office (or another safe place); record resolved_on on the risk observation when it no longer applies.",
        requirements: &[Citation {
            id: "R-VISIT-6",
            source: "003",
            section: "Workplace Safety",
        }],
        params: &[],
    }
}

/// Whether `encounter` is where `risk` was reported.
fn reported_at(risk: &RiskObservation, encounter: &Encounter) -> bool {
    risk.encounter.as_ref() == Some(&encounter.id) || encounter.risks_observed.contains(&risk.id)
}

impl Rule for HomeVisitDuringDomesticViolence {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment) in cx.enrollments() {
            let mut reports: Vec<&RiskObservation> = enrollment
                .risk_observations
                .iter()
                .filter(|r| r.risk.as_str() == DOMESTIC_VIOLENCE && r.in_home != Some(false))
                .collect();
            if reports.is_empty() {
                continue;
            }
            reports.sort_by(|a, b| {
                a.observed_on
                    .cmp(&b.observed_on)
                    .then_with(|| a.id.cmp(&b.id))
            });
            for dated in common::encounters_in_window(cx, enrollment) {
                let e = dated.encounter;
                if e.location != Some(Location::Home) || !e.status.took_place() {
                    continue;
                }
                let covering = reports.iter().find(|r| {
                    r.observed_on <= dated.date
                        && r.resolved_on.is_none_or(|resolved| dated.date < resolved)
                        && !reported_at(r, e)
                });
                let Some(report) = covering else {
                    continue;
                };
                let until = report
                    .resolved_on
                    .map_or_else(|| "unresolved".to_owned(), |r| format!("to {r}"));
                out.findings.push(cx.finding(
                    &dated.path(&path),
                    dated.date,
                    format!(
                        "{} on {}: home visit while domestic violence in the home was reported ({}, from {} {until})",
                        dated.id(),
                        dated.date,
                        report.id,
                        report.observed_on
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, Params};

    fn run(risks: &str, encounters: &[&str]) -> Vec<Finding> {
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-01","risk_observations":[{risks}],"encounters":[{}]}}]}}"#,
            encounters.join(",")
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let params = Params::defaults(&[]);
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &HomeVisitDuringDomesticViolence::META,
        );
        let mut out = Out::default();
        HomeVisitDuringDomesticViolence.check(&cx, &mut out);
        out.findings
    }

    fn home(id: &str, day: &str, extra: &str) -> String {
        format!(
            r#"{{"id":"{id}","started_at":"{day}T10:00:00-05:00","mode":"in-person","location":"home"{extra}}}"#
        )
    }

    #[test]
    fn window_includes_observed_on_and_excludes_resolved_on() {
        let risks = r#"{"id":"R1","risk":"domestic-violence","observed_on":"2026-02-01","in_home":true,"resolved_on":"2026-03-01"}"#;
        let encounters = [
            home("A", "2026-01-31", ""),
            home("B", "2026-02-01", ""),
            home("C", "2026-02-28", ""),
            home("D", "2026-03-01", ""),
            home("E", "2026-02-10", r#","status":"no-show""#),
            r#"{"id":"F","started_at":"2026-02-11T10:00:00-05:00","mode":"in-person","location":"office"}"#.to_owned(),
        ];
        let refs: Vec<&str> = encounters.iter().map(String::as_str).collect();
        let f = run(risks, &refs);
        let paths: Vec<_> = f.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            paths,
            ["/enrollments/0/encounters/1", "/enrollments/0/encounters/2"]
        );
        assert_eq!(
            f[0].message,
            "B on 2026-02-01: home visit while domestic violence in the home was reported (R1, from 2026-02-01 to 2026-03-01)"
        );
    }

    #[test]
    fn unresolved_not_in_home_and_reporting_visit() {
        let risks = r#"{"id":"R1","risk":"domestic-violence","observed_on":"2026-02-01","encounter":"A"},{"id":"R2","risk":"domestic-violence","observed_on":"2026-01-01","in_home":false},{"id":"R3","risk":"noise-complaints","observed_on":"2026-01-01"}"#;
        let encounters = [
            home("A", "2026-02-01", ""),
            home("B", "2026-05-01", ""),
            home("C", "2026-01-15", ""),
        ];
        let refs: Vec<&str> = encounters.iter().map(String::as_str).collect();
        let f = run(risks, &refs);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/enrollments/0/encounters/1");
        assert!(f[0].message.ends_with("(R1, from 2026-02-01 unresolved)"));
    }
}
