use super::common::day_after;
use crate::calendar::add_days;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::path::Pointer;
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That a signed consent to release information was obtained at intake. The intake
    /// judged is that of the participant's earliest enrollment (by entry date, then id)
    /// that began on or before the evaluation date; a case file with no such enrollment
    /// is skipped.
    ///
    /// A consent counts when it has a `signed_on` date no later than `intake_days`
    /// (default 30) after that enrollment's `entered_on` (a day count is `later -
    /// earlier`, so exactly 30 days after is in time; a release signed before entry, at
    /// the front door, counts) and it was obtained as part of intake: it is marked
    /// `at_intake`, or (for agencies that do not export the flag) it was signed on or
    /// before the enrollment's `first_interview_on`. A refused consent has no signature
    /// and never counts; a later revocation does not undo that it was obtained.
    ///
    /// When none counts and the deadline (`entered_on` + `intake_days`) is before the
    /// enrollment's last judged day (its exit, else the evaluation date): one finding at
    /// `/consents`, dated the day after the deadline. For an enrollment open on the
    /// evaluation date the rule lists the obligation `intake-release`, due on the
    /// deadline, done on the earliest counting signature.
    ///
    /// ## Why
    /// St. Louis asks the case manager to obtain a signed consent to release information
    /// during the initial interview, so that the coordination the plan depends on can
    /// start lawfully and the participant knows from the first day what may be shared
    /// and with whom.
    ///
    /// ## Example that fails
    /// An enrollment entered on 2026-03-02 whose only release was signed on 2026-05-20
    /// and is not marked `at_intake`: one finding at `/consents`, dated 2026-04-02.
    ///
    /// ## Example that passes
    /// The same enrollment with release `C1` signed on 2026-03-02 and marked
    /// `at_intake: true`.
    pub struct NoReleaseAtIntake;
    meta {
        code: "ASMT004",
        name: "no-release-at-intake",
        area: Area::Assessment,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "No signed consent to release information was obtained at intake.",
        help: "Ask the participant to sign a consent to release information at intake and record it in `consents` with `at_intake: true`.",
        requirements: &[Citation {
            id: "R-ASMT-5",
            source: "003",
            section: "Conducting the Initial Interview",
        }],
        params: &[ParamSpec {
            name: "intake_days",
            doc: "The most days (later - earlier) after entry by which the intake release must be signed.",
            kind: ParamKind::Integer { min: 0, max: 365 },
            default: ParamDefault::Integer(30),
        }],
    }
}

impl Rule for NoReleaseAtIntake {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let days = cx.params.int("intake_days");
        let Some((_, enrollment)) = cx
            .enrollments()
            .filter(|(_, e)| e.entered_on <= cx.as_of)
            .min_by(|(_, a), (_, b)| (a.entered_on, &a.id).cmp(&(b.entered_on, &b.id)))
        else {
            return;
        };
        let due = add_days(enrollment.entered_on, days);
        let interview = enrollment.first_interview_on;
        let consents = Pointer::root().key("consents");
        let signed = cx
            .case
            .consents
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                let on = c.signed_on.filter(|s| *s <= cx.as_of && *s <= due)?;
                let at_intake = c.at_intake || interview.is_some_and(|fi| on <= fi);
                (c.refused_on.is_none() && at_intake).then_some((on, &c.id, i))
            })
            .min();
        if signed.is_none() && due < cx.end_of(enrollment) {
            out.findings.push(cx.finding(
                &consents,
                day_after(due),
                format!(
                    "enrollment {} entered on {}: no signed consent to release information obtained at intake (due by {due}, {days} days after entry)",
                    enrollment.id, enrollment.entered_on
                ),
            ));
        }
        if cx.is_open(enrollment) {
            let path = signed.map_or_else(|| consents.clone(), |(_, _, i)| consents.index(i));
            out.obligations.push(cx.obligation(
                enrollment,
                "intake-release",
                "R-ASMT-5",
                format!(
                    "obtain a signed consent to release information at intake of enrollment {}",
                    enrollment.id
                ),
                &path,
                due,
                signed.map(|(on, _, _)| on),
            ));
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
        let params = Params::defaults(NoReleaseAtIntake::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &NoReleaseAtIntake::META,
        );
        let mut out = Out::default();
        NoReleaseAtIntake.check(&cx, &mut out);
        out
    }

    fn case(consents: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"consents":[{consents}],
            "enrollments":[{{"id":"E2","program":"stl-coc","entered_on":"2026-05-01"}},
                           {{"id":"E1","program":"stl-coc","entered_on":"2026-03-02","first_interview_on":"2026-03-05"}}]}}"#
        )
    }

    #[test]
    fn thirty_days_pass_thirty_one_fail() {
        let ok = case(r#"{"id":"C1","party":"X","signed_on":"2026-04-01","at_intake":true}"#);
        assert!(run(&ok, "2026-06-30").findings.is_empty());
        let late = case(r#"{"id":"C1","party":"X","signed_on":"2026-04-02","at_intake":true}"#);
        let out = run(&late, "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/consents");
        assert_eq!(
            out.findings[0].on,
            "2026-04-02".parse::<NaiveDate>().unwrap()
        );
        assert!(out.findings[0].message.contains("E1"));
    }

    #[test]
    fn signed_by_the_first_interview_counts_without_the_flag() {
        let ok = case(r#"{"id":"C1","party":"X","signed_on":"2026-03-05"}"#);
        assert!(run(&ok, "2026-06-30").findings.is_empty());
        let not_intake = case(r#"{"id":"C1","party":"X","signed_on":"2026-03-06"}"#);
        assert_eq!(run(&not_intake, "2026-06-30").findings.len(), 1);
        let refused = case(r#"{"id":"C1","party":"X","refused_on":"2026-03-02","at_intake":true}"#);
        assert_eq!(run(&refused, "2026-06-30").findings.len(), 1);
    }

    #[test]
    fn not_judged_before_the_deadline() {
        let none = case("");
        assert!(run(&none, "2026-04-01").findings.is_empty());
        assert_eq!(run(&none, "2026-04-02").findings.len(), 1);
    }
}
