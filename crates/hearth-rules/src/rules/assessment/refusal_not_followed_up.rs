use super::common::{day_after, enum_id};
use crate::calendar::add_days;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every refusal to provide required material recorded at intake
    /// (`intake.refusals`) was followed up within `follow_up_days` (default 30): a
    /// follow-up attempt (`follow_ups`) or the material obtained (`obtained_on`) after
    /// the refusal day and no later than `refused_on` + `follow_up_days` (a day count is
    /// `later - earlier`, so exactly 30 days after is in time). An attempt on the day of
    /// the refusal is the same conversation, not a later attempt; material obtained on
    /// that day means there was nothing to follow up. Dates after the evaluation date
    /// are ignored, and the follow-up dates may come in any order.
    ///
    /// A refusal with neither, once its deadline is before the enrollment's last judged
    /// day (exit, else the evaluation date): one finding at
    /// `/enrollments/N/intake/refusals/M`, dated the day after the deadline. An attempt
    /// made later than the deadline does not clear the finding (the lapse happened), but
    /// shows in the obligation. For enrollments open on the evaluation date the rule
    /// lists one obligation `refusal-follow-up` per refusal, due on the deadline, done on
    /// the first attempt or the day the material was obtained.
    ///
    /// ## Why
    /// St. Louis asks that a refusal to provide required documents be written down and
    /// then followed by another attempt to obtain them later: the file records that the
    /// participant said no, and the team keeps trying without making the documents a
    /// condition of help.
    ///
    /// ## Example that fails
    /// Income verification refused on 2026-03-02 with no follow-up recorded: one finding
    /// at `/enrollments/0/intake/refusals/0`, dated 2026-04-02.
    ///
    /// ## Example that passes
    /// The same refusal with a follow-up attempt on 2026-04-01 (30 days later).
    pub struct RefusalNotFollowedUp;
    meta {
        code: "ASMT005",
        name: "refusal-not-followed-up",
        area: Area::Assessment,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A refusal to provide required material was not followed up with another attempt (30 days).",
        help: "Make another attempt to obtain the refused material and record its date in the refusal's `follow_ups` (or `obtained_on` once provided).",
        requirements: &[Citation {
            id: "R-ASMT-6",
            source: "003",
            section: "Conducting the Initial Interview",
        }],
        params: &[ParamSpec {
            name: "follow_up_days",
            doc: "The most days (later - earlier) from a refusal to the next attempt to obtain the material.",
            kind: ParamKind::Integer { min: 1, max: 365 },
            default: ParamDefault::Integer(30),
        }],
    }
}

impl Rule for RefusalNotFollowedUp {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let days = cx.params.int("follow_up_days");
        for (path, enrollment) in cx.enrollments() {
            let judged_until = cx.end_of(enrollment);
            let refusals = path.key("intake").key("refusals");
            for (m, refusal) in enrollment.intake.refusals.iter().enumerate() {
                let refused = refusal.refused_on;
                if refused > cx.as_of {
                    continue;
                }
                let due = add_days(refused, days);
                let obtained = refusal
                    .obtained_on
                    .filter(|d| *d >= refused && *d <= cx.as_of);
                let first_attempt = refusal
                    .follow_ups
                    .iter()
                    .copied()
                    .filter(|d| *d > refused && *d <= cx.as_of)
                    .chain(obtained)
                    .min();
                let in_time = first_attempt.is_some_and(|d| d <= due);
                let record = refusals.index(m);
                if !in_time && due < judged_until {
                    out.findings.push(cx.finding(
                        &record,
                        day_after(due),
                        format!(
                            "refusal {} ({}) on {refused} not followed up within {days} days (due by {due})",
                            refusal.id,
                            enum_id(&refusal.material)
                        ),
                    ));
                }
                if cx.is_open(enrollment) {
                    out.obligations.push(cx.obligation(
                        enrollment,
                        "refusal-follow-up",
                        "R-ASMT-6",
                        format!(
                            "try again to obtain {} refused on {refused} (refusal {})",
                            enum_id(&refusal.material),
                            refusal.id
                        ),
                        &record,
                        due,
                        first_attempt,
                    ));
                }
            }
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
        let params = Params::defaults(RefusalNotFollowedUp::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &RefusalNotFollowedUp::META,
        );
        let mut out = Out::default();
        RefusalNotFollowedUp.check(&cx, &mut out);
        out
    }

    fn case(refusal: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},
            "enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-03-02",
            "intake":{{"refusals":[{{"id":"RF1","material":"income-verification","refused_on":"2026-03-02"{refusal}}}]}}}}]}}"#
        )
    }

    #[test]
    fn thirty_days_pass_thirty_one_fail() {
        let ok = case(r#","follow_ups":["2026-06-01","2026-04-01"]"#);
        let out = run(&ok, "2026-06-30");
        assert!(out.findings.is_empty());
        assert_eq!(
            out.obligations[0].done_on,
            Some("2026-04-01".parse().unwrap())
        );
        let late = case(r#","follow_ups":["2026-04-02"]"#);
        let out = run(&late, "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/enrollments/0/intake/refusals/0");
        assert_eq!(
            out.findings[0].on,
            "2026-04-02".parse::<NaiveDate>().unwrap()
        );
    }

    #[test]
    fn same_day_attempt_does_not_count_but_obtaining_does() {
        let same_day = case(r#","follow_ups":["2026-03-02"]"#);
        assert_eq!(run(&same_day, "2026-06-30").findings.len(), 1);
        let obtained = case(r#","obtained_on":"2026-03-20""#);
        assert!(run(&obtained, "2026-06-30").findings.is_empty());
    }

    #[test]
    fn not_judged_before_the_deadline() {
        assert!(run(&case(""), "2026-04-01").findings.is_empty());
        assert_eq!(run(&case(""), "2026-04-02").findings.len(), 1);
    }
}
