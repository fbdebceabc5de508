use crate::calendar;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That an ICM enrollment still open on the evaluation date has not run past the
    /// horizon for housing stability. The horizon ends `horizon_months` (default 24)
    /// calendar months after `entered_on` (a month later on the same day, clamped to the
    /// month's last day: entered 2024-08-31, 6 months on is 2025-02-28).
    ///
    /// - An open enrollment (no exit on or before the evaluation date) whose horizon ended
    ///   before the evaluation date is a finding (a warning by default) at
    ///   `/enrollments/N/entered_on`, dated the day after the horizon ended. On the
    ///   horizon's last day itself it is not yet past.
    /// - Enrollments that have exited are not judged: they ended, whenever that was.
    /// - Every open enrollment gets a `stability-review` obligation at `/enrollments/N`,
    ///   due `review_months` (default 18) months after entry, so the team reviews progress
    ///   before the horizon. The data model has no record of that review, so the
    ///   obligation never shows as done: it reads upcoming, due soon, then overdue.
    ///
    /// ## Why
    /// Intensive case management with rapid re-housing resources plays a long game, but a
    /// bounded one: planning starts with a year and a half in mind, which may stretch to
    /// two years, to reach housing stability. An enrollment still open past that horizon
    /// needs a look at what is holding stability back; it is a prompt for review, not by
    /// itself a failure of the standard.
    ///
    /// ## Example that fails
    /// An open enrollment entered 2024-03-04, evaluated 2026-06-30: the 24-month horizon
    /// ended 2026-03-04, so one warning at `/enrollments/0/entered_on` dated 2026-03-05,
    /// "enrollment E1 entered 2024-03-04 is still open past the 24-month horizon
    /// (2026-03-04)".
    ///
    /// ## Example that passes
    /// An enrollment entered 2025-03-04 (within the horizon; the 18-month review is due
    /// 2026-09-04), or the 2024 enrollment with an exit recorded.
    pub struct EnrollmentPastHorizon;
    meta {
        code: "VISIT010",
        name: "enrollment-past-horizon",
        area: Area::Visit,
        scope: Scope::CaseFile,
        severity: Severity::Warning,
        summary: "An ICM enrollment is still open past the 18-24 month horizon for housing stability.",
        help: "Review with the participant and a supervisor what is holding back housing stability, and plan the transition (less support, another program, or exit).",
        requirements: &[Citation {
            id: "R-VISIT-10",
            source: "001",
            section: "You are aiming for housing stability within 18-24 months",
        }],
        params: &[
            ParamSpec {
                name: "horizon_months",
                doc: "Calendar months after entry after which an open enrollment is flagged (months).",
                kind: ParamKind::Integer { min: 1, max: 240 },
                default: ParamDefault::Integer(24),
            },
            ParamSpec {
                name: "review_months",
                doc: "Calendar months after entry by which a stability review is due (months).",
                kind: ParamKind::Integer { min: 1, max: 240 },
                default: ParamDefault::Integer(18),
            },
        ],
    }
}

impl Rule for EnrollmentPastHorizon {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let horizon_months = cx.params.int("horizon_months");
        let review_months = cx.params.int("review_months");
        for (path, enrollment) in cx.enrollments() {
            if !cx.is_open(enrollment) || enrollment.entered_on > cx.as_of {
                continue;
            }
            let horizon = calendar::add_months(enrollment.entered_on, horizon_months);
            if horizon < cx.as_of {
                out.findings.push(cx.finding(
                    &path.key("entered_on"),
                    calendar::add_days(horizon, 1),
                    format!(
                        "enrollment {} entered {} is still open past the {horizon_months}-month horizon ({horizon})",
                        enrollment.id, enrollment.entered_on
                    ),
                ));
            }
            let review = calendar::add_months(enrollment.entered_on, review_months);
            out.obligations.push(cx.obligation(
                enrollment,
                "stability-review",
                "R-VISIT-10",
                format!(
                    "review progress toward housing stability {review_months} months after entry ({}) by {review}",
                    enrollment.entered_on
                ),
                &path,
                review,
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, Obligation, Params};
    use chrono::NaiveDate;

    fn run(enrollment: &str, as_of: &str) -> (Vec<Finding>, Vec<Obligation>) {
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"icm-rrh"{enrollment}}}]}}"#
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let params = Params::defaults(EnrollmentPastHorizon::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &EnrollmentPastHorizon::META,
        );
        let mut out = Out::default();
        EnrollmentPastHorizon.check(&cx, &mut out);
        (out.findings, out.obligations)
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn past_the_horizon_by_one_day() {
        let entered = r#","entered_on":"2024-03-04""#;
        let (f, o) = run(entered, "2026-03-04");
        assert!(f.is_empty());
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].kind, "stability-review");
        assert_eq!(o[0].due_on, Some(d("2025-09-04")));
        assert_eq!(o[0].status.as_str(), "overdue");
        let (f, _) = run(entered, "2026-03-05");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/enrollments/0/entered_on");
        assert_eq!(f[0].on, d("2026-03-05"));
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn exited_enrollments_are_not_judged() {
        let (f, o) = run(
            r#","entered_on":"2022-03-04","exit":{"exited_on":"2025-01-01","kind":"positive"}"#,
            "2026-06-30",
        );
        assert!(f.is_empty() && o.is_empty());
    }

    #[test]
    fn month_ends_clamp() {
        let (f, o) = run(r#","entered_on":"2024-08-31""#, "2026-08-31");
        assert_eq!(o[0].due_on, Some(d("2026-02-28")));
        assert!(f.is_empty());
        let (f, _) = run(r#","entered_on":"2024-08-31""#, "2026-09-01");
        assert_eq!(f[0].on, d("2026-09-01"));
    }
}
