use crate::calendar::{add_days, days_between};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That a care plan is reviewed or updated at least every `review_interval_days` days
    /// (default 30). The plan's creation (`created_on`) and its reviews (`reviews[]`,
    /// by `reviewed_on`, in date order whatever the list order) form a chain; the day
    /// count between two links is `later - earlier` in days, and a gap of exactly
    /// `review_interval_days` is on time.
    ///
    /// - A review that comes more than `review_interval_days` after the previous review
    ///   (or the plan's creation) gives a finding at that review (`…/care_plan/reviews/N`),
    ///   dated its `reviewed_on`.
    /// - When the enrollment's end (its exit, or the evaluation date while open) is more
    ///   than `review_interval_days` after the last review (or the creation), the review
    ///   that was due is missing: a finding at `…/care_plan/reviews`, dated the day after
    ///   the due date (last review + `review_interval_days` + 1).
    ///
    /// Reviews dated before the plan's creation or after the enrollment's end are ignored;
    /// a plan created after the enrollment's end is not judged. Two reviews on one day
    /// count as one link. An enrollment (begun by the evaluation date) without a care
    /// plan gets a "not evaluated" finding at `…/care_plan`, dated the enrollment's end.
    ///
    /// Obligation `plan-review` (open enrollments only): the next review, due
    /// `review_interval_days` after the last review (or the creation), at
    /// `…/care_plan/reviews`.
    ///
    /// ## Why
    /// The St. Louis standards treat the case plan as a living document: at a minimum it
    /// is updated every 30 days, and more often in programs with short stays, where a
    /// program sets a shorter interval. A plan left unreviewed stops reflecting what the
    /// participant is working on.
    ///
    /// ## Example that fails
    /// A plan created 2025-06-17 and reviewed 2025-07-15, 2025-08-12, 2025-09-09 and then
    /// 2025-10-28: 49 days after the previous review, one finding at
    /// `/enrollments/0/care_plan/reviews/3` on 2025-10-28.
    ///
    /// ## Example that passes
    /// The same plan reviewed 2025-10-07 as well (28 days, then 21 days).
    pub struct PlanReviewOverdue;
    meta {
        code: "PLAN005",
        name: "plan-review-overdue",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A care plan went longer than the review interval (30 days) without a review.",
        help: "Review and update the care plan with the participant, record the review with its date, and schedule the next one within the interval.",
        requirements: &[Citation {
            id: "R-PLAN-5",
            source: "003",
            section: "Comprehensive Case Plan: \"At a minimum case plans should be updated every 30 days\"",
        }],
        params: &[ParamSpec {
            name: "review_interval_days",
            doc: "The most days allowed between the plan's creation and its first review, and between reviews (days).",
            kind: ParamKind::Integer { min: 1, max: 366 },
            default: ParamDefault::Integer(30),
        }],
    }
}

impl Rule for PlanReviewOverdue {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let interval = cx.params.int("review_interval_days");
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
                        "enrollment {} has no care plan whose reviews could be checked",
                        enrollment.id
                    ),
                ));
                continue;
            };
            if plan.created_on > end {
                continue;
            }
            let reviews_path = path.key("care_plan").key("reviews");
            let mut reviews: Vec<_> = plan
                .reviews
                .iter()
                .enumerate()
                .filter(|(_, r)| r.reviewed_on >= plan.created_on && r.reviewed_on <= end)
                .map(|(i, r)| (r.reviewed_on, i))
                .collect();
            reviews.sort_unstable();

            let mut last = plan.created_on;
            let mut last_is_review = false;
            for (on, i) in reviews {
                let gap = days_between(last, on);
                if gap > interval {
                    let previous = if last_is_review {
                        "review"
                    } else {
                        "plan creation"
                    };
                    out.findings.push(cx.finding(
                        &reviews_path.index(i),
                        on,
                        format!(
                            "plan reviewed {on}, {gap} days after the {previous} on {last}; at most {interval} allowed"
                        ),
                    ));
                }
                last = on;
                last_is_review = true;
            }

            let due = add_days(last, interval);
            let previous = if last_is_review {
                "review"
            } else {
                "plan creation"
            };
            if days_between(last, end) > interval {
                out.findings.push(cx.finding(
                    &reviews_path,
                    add_days(due, 1),
                    format!(
                        "no plan review since the {previous} on {last}: a review was due by {due} ({interval} days)"
                    ),
                ));
            }
            if cx.is_open(enrollment) {
                out.obligations.push(cx.obligation(
                    enrollment,
                    "plan-review",
                    "R-PLAN-5",
                    format!("review the care plan by {due} ({interval} days after the {previous} on {last})"),
                    &reviews_path,
                    due,
                    None,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::obligation::ObligationStatus;
    use crate::param::{ParamValue, Params};
    use hearth_catalog::Catalog;

    fn run(tail: &str, reviews: &[&str], as_of: &str, interval: i64) -> Out {
        let reviews: Vec<String> = reviews
            .iter()
            .map(|r| format!(r#"{{"reviewed_on":"{r}"}}"#))
            .collect();
        let text = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-05","care_plan":{{"created_on":"2026-01-10","reviews":[{}]}}{tail}}}]}}"#,
            reviews.join(",")
        );
        let case = hearth_model::parse_case_file(&text).unwrap();
        let catalog = Catalog::builtin();
        let mut params = Params::defaults(PlanReviewOverdue::META.params);
        params.set("review_interval_days", ParamValue::Integer(interval));
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &PlanReviewOverdue::META,
        );
        let mut out = Out::default();
        PlanReviewOverdue.check(&cx, &mut out);
        out
    }

    fn found(out: &Out) -> Vec<(String, String)> {
        out.findings
            .iter()
            .map(|f| (f.path.clone(), f.on.to_string()))
            .collect()
    }

    #[test]
    fn exactly_the_interval_is_on_time_one_more_is_late() {
        // 2026-01-10 + 30 = 2026-02-09; + 31 = 2026-02-10.
        let out = run("", &["2026-02-09"], "2026-02-20", 30);
        assert!(out.findings.is_empty());
        let out = run("", &["2026-02-10"], "2026-02-20", 30);
        assert_eq!(
            found(&out),
            vec![(
                "/enrollments/0/care_plan/reviews/0".to_owned(),
                "2026-02-10".to_owned()
            )]
        );
        assert_eq!(
            out.findings[0].message,
            "plan reviewed 2026-02-10, 31 days after the plan creation on 2026-01-10; at most 30 allowed"
        );
    }

    #[test]
    fn trailing_gap_and_obligation() {
        // Last review 2026-02-01; due 2026-03-03. As of 2026-03-03: due soon, no finding.
        let out = run("", &["2026-02-01", "2026-01-20"], "2026-03-03", 30);
        assert!(out.findings.is_empty());
        assert_eq!(out.obligations.len(), 1);
        assert_eq!(
            out.obligations[0].due_on,
            Some("2026-03-03".parse().unwrap())
        );
        assert_eq!(out.obligations[0].status, ObligationStatus::DueSoon);
        // One day later: overdue, finding dated the day after the due date.
        let out = run("", &["2026-02-01", "2026-01-20"], "2026-03-04", 30);
        assert_eq!(
            found(&out),
            vec![(
                "/enrollments/0/care_plan/reviews".to_owned(),
                "2026-03-04".to_owned()
            )]
        );
        assert_eq!(out.obligations[0].status, ObligationStatus::Overdue);
    }

    #[test]
    fn exit_ends_the_judgement_and_the_obligation() {
        let exit = r#","exit":{"exited_on":"2026-02-15","kind":"positive"}"#;
        // Review after the exit is ignored; the 36-day trailing gap to the exit is late.
        let out = run(exit, &["2026-03-01"], "2026-06-30", 30);
        assert_eq!(
            found(&out),
            vec![(
                "/enrollments/0/care_plan/reviews".to_owned(),
                "2026-02-10".to_owned()
            )]
        );
        assert!(out.obligations.is_empty());
        let out = run(exit, &["2026-02-01"], "2026-06-30", 30);
        assert!(out.findings.is_empty());
    }

    #[test]
    fn shorter_interval_and_reviews_before_creation() {
        let out = run(
            "",
            &["2026-01-01", "2026-01-24", "2026-02-10"],
            "2026-02-12",
            14,
        );
        assert_eq!(
            found(&out),
            vec![(
                "/enrollments/0/care_plan/reviews/2".to_owned(),
                "2026-02-10".to_owned()
            )]
        );
    }
}
