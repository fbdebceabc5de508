use super::common::{
    assessment_path, assessments_sorted, day_after, finished_on, keep_earliest, listed,
    FindingsByPath,
};
use crate::calendar::{add_days, days_between};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// The two steps of the Front Door Assessment, for every enrollment that records a
    /// shelter entry (`shelter_entry_on`, on or before the evaluation date); enrollments
    /// without one are skipped (the requirement starts at shelter entry).
    ///
    /// 1. **Triage.** The triage assessment is the first assessment of an instrument in
    ///    `triage_instruments` (default `vi-spdat-v2`, `f-vi-spdat-v2`, `tay-vi-spdat`)
    ///    begun on or after the shelter entry; earlier ones belong to an earlier episode
    ///    and are ignored. It must be begun within `triage_days` (default 7) of the
    ///    shelter entry: a triage survey is given in one sitting, so its `started_on` is
    ///    the day it was given. Late: finding at `/assessments/N/started_on`. None at
    ///    all while the deadline is over on the enrollment's last judged day (exit, else
    ///    the evaluation date): finding at `/enrollments/N/shelter_entry_on`.
    /// 2. **Full assessment.** The first assessment of an instrument in
    ///    `full_instruments` (default `spdat`) begun on or after the triage was begun
    ///    must be begun within `full_days` (default 7) of the triage's completion
    ///    (`completed_on`, else its start). Late: finding at `/assessments/N/started_on`
    ///    of the full assessment. None while the deadline is over: finding at the
    ///    triage's `completed_on` (or `started_on`), the date the clock ran from. Without
    ///    a triage there is no full-assessment deadline.
    ///
    /// Day counts are `later - earlier` in days, so 7 days after is in time and 8 is
    /// late. Every finding is dated the day after the deadline it missed. Assessments are
    /// taken in date order (ties by id), whatever the order of the list, and an
    /// assessment shared by two enrollments is reported once. For enrollments open on the
    /// evaluation date the rule lists the obligations `triage-assessment` (due on shelter
    /// entry + `triage_days`) and, once a triage exists, `full-assessment`.
    ///
    /// ## Why
    /// In St. Louis every household entering a shelter gets the same Front Door
    /// Assessment: a VI-SPDAT within a week of entering, and the full SPDAT begun within
    /// a week of the VI-SPDAT. The score decides which program the household is referred
    /// to, so delays keep people in shelter longer.
    ///
    /// ## Example that fails
    /// Shelter entry 2026-05-04, VI-SPDAT `A1` on 2026-05-15 (11 days; 7 allowed): one
    /// finding at `/assessments/0/started_on`, dated 2026-05-12. The SPDAT begun
    /// 2026-05-20 (5 days after the VI-SPDAT) is in time.
    ///
    /// ## Example that passes
    /// The same household with the VI-SPDAT on 2026-05-11 and the SPDAT begun on
    /// 2026-05-18.
    pub struct FrontDoorAssessmentLate;
    meta {
        code: "ASMT002",
        name: "front-door-assessment-late",
        area: Area::Assessment,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "The Front Door VI-SPDAT was not given within 7 days of shelter entry, or the full SPDAT not begun within 7 days of it.",
        help: "Give the triage assessment (VI-SPDAT) within a week of shelter entry and begin the full SPDAT within a week of completing it; record both in `assessments`.",
        requirements: &[Citation {
            id: "R-ASMT-2",
            source: "003",
            section: "Front Door Assessment",
        }],
        params: &[
            ParamSpec {
                name: "triage_days",
                doc: "The most days (later - earlier) from shelter entry to the triage assessment.",
                kind: ParamKind::Integer { min: 0, max: 365 },
                default: ParamDefault::Integer(7),
            },
            ParamSpec {
                name: "full_days",
                doc: "The most days (later - earlier) from completing the triage assessment to beginning the full assessment.",
                kind: ParamKind::Integer { min: 0, max: 365 },
                default: ParamDefault::Integer(7),
            },
            ParamSpec {
                name: "triage_instruments",
                doc: "Catalog instrument ids that count as the triage assessment.",
                kind: ParamKind::Ids,
                default: ParamDefault::Ids(&["vi-spdat-v2", "f-vi-spdat-v2", "tay-vi-spdat"]),
            },
            ParamSpec {
                name: "full_instruments",
                doc: "Catalog instrument ids that count as the full assessment.",
                kind: ParamKind::Ids,
                default: ParamDefault::Ids(&["spdat"]),
            },
        ],
    }
}

impl Rule for FrontDoorAssessmentLate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let triage_days = cx.params.int("triage_days");
        let full_days = cx.params.int("full_days");
        let triage_ids = cx.params.ids("triage_instruments");
        let full_ids = cx.params.ids("full_instruments");
        let triages = assessments_sorted(cx.case, cx.as_of, |a| {
            listed(triage_ids, a.instrument.as_str())
        });
        let fulls = assessments_sorted(cx.case, cx.as_of, |a| {
            listed(full_ids, a.instrument.as_str())
        });
        let mut reported = FindingsByPath::new();
        for (path, enrollment) in cx.enrollments() {
            let Some(entry) = enrollment.shelter_entry_on.filter(|d| *d <= cx.as_of) else {
                continue;
            };
            let judged_until = cx.end_of(enrollment);
            let open = cx.is_open(enrollment);
            let triage_due = add_days(entry, triage_days);
            let triage = triages.iter().find(|(_, a)| a.started_on >= entry);
            if open {
                out.obligations.push(cx.obligation(
                    enrollment,
                    "triage-assessment",
                    "R-ASMT-2",
                    format!("give the triage assessment after shelter entry on {entry}"),
                    &path.key("shelter_entry_on"),
                    triage_due,
                    triage.map(|(_, a)| a.started_on),
                ));
            }
            let Some((t_index, t)) = triage else {
                let field = path.key("shelter_entry_on");
                if triage_due < judged_until {
                    keep_earliest(
                        &mut reported,
                        field,
                        day_after(triage_due),
                        format!(
                            "enrollment {}: no triage assessment ({}) given on or after shelter entry on {entry}; due by {triage_due}",
                            enrollment.id,
                            triage_ids.join(", ")
                        ),
                    );
                }
                continue;
            };
            let t_path = assessment_path(*t_index);
            if t.started_on > triage_due {
                keep_earliest(
                    &mut reported,
                    t_path.key("started_on"),
                    day_after(triage_due),
                    format!(
                        "triage assessment {} ({}) given on {}, {} days after shelter entry on {entry} ({triage_days} allowed)",
                        t.id,
                        t.instrument,
                        t.started_on,
                        days_between(entry, t.started_on)
                    ),
                );
            }
            let completed = finished_on(t, cx.as_of);
            let full_due = add_days(completed, full_days);
            let full = fulls.iter().find(|(_, a)| a.started_on >= t.started_on);
            if open {
                out.obligations.push(cx.obligation(
                    enrollment,
                    "full-assessment",
                    "R-ASMT-2",
                    format!(
                        "begin the full assessment after triage assessment {} completed on {completed}",
                        t.id
                    ),
                    &t_path,
                    full_due,
                    full.map(|(_, a)| a.started_on),
                ));
            }
            match full {
                Some((f_index, f)) => {
                    let f_path = assessment_path(*f_index).key("started_on");
                    if f.started_on > full_due {
                        keep_earliest(
                            &mut reported,
                            f_path,
                            day_after(full_due),
                            format!(
                                "full assessment {} ({}) begun on {}, {} days after triage assessment {} completed on {completed} ({full_days} allowed)",
                                f.id,
                                f.instrument,
                                f.started_on,
                                days_between(completed, f.started_on),
                                t.id
                            ),
                        );
                    }
                }
                None => {
                    let anchor = if t.completed_on == Some(completed) {
                        t_path.key("completed_on")
                    } else {
                        t_path.key("started_on")
                    };
                    if full_due < judged_until {
                        keep_earliest(
                            &mut reported,
                            anchor,
                            day_after(full_due),
                            format!(
                                "no full assessment ({}) begun after triage assessment {} completed on {completed}; due by {full_due}",
                                full_ids.join(", "),
                                t.id
                            ),
                        );
                    }
                }
            }
        }
        for (path, (on, message)) in reported {
            out.findings.push(cx.finding(&path, on, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::Params;
    use chrono::NaiveDate;
    use hearth_catalog::Catalog;

    fn run(json: &str, as_of: &str) -> Out {
        let case = hearth_model::parse_case_file(json).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::defaults(FrontDoorAssessmentLate::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &FrontDoorAssessmentLate::META,
        );
        let mut out = Out::default();
        FrontDoorAssessmentLate.check(&cx, &mut out);
        out
    }

    fn case(assessments: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"assessments":[{assessments}],
            "enrollments":[{{"id":"E1","program":"stl-coc","shelter_entry_on":"2026-05-04","entered_on":"2026-06-01"}}]}}"#
        )
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn seven_days_pass_eight_fail() {
        let ok = case(
            r#"{"id":"A2","instrument":"spdat","started_on":"2026-05-18"},
               {"id":"A1","instrument":"vi-spdat-v2","started_on":"2026-05-11","completed_on":"2026-05-11"}"#,
        );
        let out = run(&ok, "2026-06-30");
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        let late = case(
            r#"{"id":"A2","instrument":"spdat","started_on":"2026-05-20"},
               {"id":"A1","instrument":"vi-spdat-v2","started_on":"2026-05-12","completed_on":"2026-05-12"}"#,
        );
        let out = run(&late, "2026-06-30");
        let mut paths: Vec<_> = out
            .findings
            .iter()
            .map(|f| (f.path.as_str(), f.on))
            .collect();
        paths.sort();
        assert_eq!(
            paths,
            vec![
                ("/assessments/0/started_on", d("2026-05-20")),
                ("/assessments/1/started_on", d("2026-05-12")),
            ]
        );
    }

    #[test]
    fn triage_before_shelter_entry_does_not_count() {
        let json = case(r#"{"id":"A0","instrument":"vi-spdat-v2","started_on":"2026-04-01"}"#);
        let out = run(&json, "2026-05-11");
        assert!(out.findings.is_empty());
        let out = run(&json, "2026-05-12");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/enrollments/0/shelter_entry_on");
        assert_eq!(out.findings[0].on, d("2026-05-12"));
    }

    #[test]
    fn missing_full_assessment_points_at_the_triage_completion() {
        let json = case(
            r#"{"id":"A1","instrument":"vi-spdat-v2","started_on":"2026-05-05","completed_on":"2026-05-06"}"#,
        );
        assert!(run(&json, "2026-05-13").findings.is_empty());
        let out = run(&json, "2026-05-14");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/assessments/0/completed_on");
        assert_eq!(out.findings[0].on, d("2026-05-14"));
    }
}
