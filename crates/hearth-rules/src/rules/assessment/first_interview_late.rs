use chrono::NaiveDate;

use super::common::day_after;
use crate::calendar::{add_days, days_between};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That each enrollment's first interview (`first_interview_on`) took place within
    /// `days_from_contact` days of the initial contact (`initial_contact_on`, default 10)
    /// and within `days_from_referral` days of the referral (`referred_on`, default 15).
    /// A day count is `later - earlier` in days, so an interview 10 days after the contact
    /// is in time and 11 days is late; an interview on or before the anchor date is in
    /// time. Each limit applies only when its anchor date is recorded (and not after the
    /// evaluation date); the deadline is the anchor plus the limit.
    ///
    /// - Interview recorded (on or before the evaluation date) and past one or both
    ///   limits: one finding at `/enrollments/N/first_interview_on` naming every limit
    ///   passed, dated the day after the earliest deadline passed.
    /// - No interview recorded and a deadline already over on the enrollment's last
    ///   judged day (its exit, else the evaluation date): one finding at
    ///   `/enrollments/N`, "no first interview recorded", dated the day after the
    ///   earliest deadline. A deadline that is not over yet is not a finding.
    /// - Neither `initial_contact_on` nor `referred_on` recorded: not evaluated (no
    ///   deadline can be set).
    ///
    /// For enrollments open on the evaluation date the rule also lists the obligation
    /// `first-interview`, due on the earliest deadline, done on `first_interview_on`.
    ///
    /// ## Why
    /// The St. Louis standards ask the case manager to hold the first interview soon
    /// after the participant comes to the program: within ten days of the first contact,
    /// and within fifteen days of the referral. The first interview is where needs are
    /// assessed and the housing plan begins, so a late one delays everything after it.
    ///
    /// ## Example that fails
    /// Referred 2026-05-26, first contact 2026-05-28, first interview 2026-06-12: 15
    /// days after the contact (10 allowed) and 17 after the referral (15 allowed). One
    /// finding at `/enrollments/0/first_interview_on`, dated 2026-06-08.
    ///
    /// ## Example that passes
    /// The same enrollment with the first interview on 2026-06-07: 10 days after the
    /// contact and 12 after the referral.
    pub struct FirstInterviewLate;
    meta {
        code: "ASMT001",
        name: "first-interview-late",
        area: Area::Assessment,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "The first interview was held later than 10 days after initial contact or 15 days after referral.",
        help: "Hold the first interview as soon as possible and record its date in `first_interview_on`; if it was held in time, correct the recorded dates.",
        requirements: &[Citation {
            id: "R-ASMT-1",
            source: "003",
            section: "Conducting the Initial Interview",
        }],
        params: &[
            ParamSpec {
                name: "days_from_contact",
                doc: "The most days (later - earlier) from initial contact to the first interview.",
                kind: ParamKind::Integer { min: 0, max: 365 },
                default: ParamDefault::Integer(10),
            },
            ParamSpec {
                name: "days_from_referral",
                doc: "The most days (later - earlier) from referral to the first interview.",
                kind: ParamKind::Integer { min: 0, max: 365 },
                default: ParamDefault::Integer(15),
            },
        ],
    }
}

/// One limit on the first interview: what it counts from, the anchor date, the days
/// allowed and the resulting deadline.
struct Limit {
    from: &'static str,
    anchor: NaiveDate,
    days: i64,
    due: NaiveDate,
}

impl Rule for FirstInterviewLate {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let from_contact = cx.params.int("days_from_contact");
        let from_referral = cx.params.int("days_from_referral");
        for (path, enrollment) in cx.enrollments() {
            let judged_until = cx.end_of(enrollment);
            if enrollment.initial_contact_on.is_none() && enrollment.referred_on.is_none() {
                out.findings.push(cx.not_evaluated(
                    &path,
                    judged_until,
                    format!(
                        "enrollment {}: neither initial_contact_on nor referred_on is recorded, so no first-interview deadline can be set",
                        enrollment.id
                    ),
                ));
                continue;
            }
            let limits: Vec<Limit> = [
                (
                    "initial contact",
                    enrollment.initial_contact_on,
                    from_contact,
                ),
                ("referral", enrollment.referred_on, from_referral),
            ]
            .into_iter()
            .filter_map(|(from, anchor, days)| {
                anchor.filter(|a| *a <= cx.as_of).map(|anchor| Limit {
                    from,
                    anchor,
                    days,
                    due: add_days(anchor, days),
                })
            })
            .collect();
            let Some(earliest_due) = limits.iter().map(|l| l.due).min() else {
                continue;
            };
            let interview = enrollment.first_interview_on.filter(|d| *d <= cx.as_of);
            let field = path.key("first_interview_on");
            match interview {
                Some(held) => {
                    let passed: Vec<&Limit> = limits
                        .iter()
                        .filter(|l| days_between(l.anchor, held) > l.days)
                        .collect();
                    if let Some(due) = passed.iter().map(|l| l.due).min() {
                        let parts: Vec<String> = passed
                            .iter()
                            .map(|l| {
                                format!(
                                    "{} days after {} on {} ({} allowed)",
                                    days_between(l.anchor, held),
                                    l.from,
                                    l.anchor,
                                    l.days
                                )
                            })
                            .collect();
                        out.findings.push(cx.finding(
                            &field,
                            day_after(due),
                            format!(
                                "enrollment {}: first interview on {held}: {}",
                                enrollment.id,
                                parts.join("; ")
                            ),
                        ));
                    }
                }
                None => {
                    let over: Vec<&Limit> =
                        limits.iter().filter(|l| l.due < judged_until).collect();
                    if let Some(due) = over.iter().map(|l| l.due).min() {
                        let parts: Vec<String> = over
                            .iter()
                            .map(|l| {
                                format!(
                                    "due by {} ({} days after {} on {})",
                                    l.due, l.days, l.from, l.anchor
                                )
                            })
                            .collect();
                        out.findings.push(cx.finding(
                            &path,
                            day_after(due),
                            format!(
                                "enrollment {}: no first interview recorded; {}",
                                enrollment.id,
                                parts.join("; ")
                            ),
                        ));
                    }
                }
            }
            if cx.is_open(enrollment) {
                out.obligations.push(cx.obligation(
                    enrollment,
                    "first-interview",
                    "R-ASMT-1",
                    format!("hold the first interview of enrollment {}", enrollment.id),
                    &field,
                    earliest_due,
                    interview,
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

    fn run(json: &str, as_of: &str) -> Out {
        let case = hearth_model::parse_case_file(json).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::defaults(FirstInterviewLate::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &FirstInterviewLate::META,
        );
        let mut out = Out::default();
        FirstInterviewLate.check(&cx, &mut out);
        out
    }

    fn case(fields: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-03-01"{fields}}}]}}"#
        )
    }

    #[test]
    fn exactly_at_the_limits_passes_one_day_over_fails() {
        let at = case(
            r#","referred_on":"2026-02-10","initial_contact_on":"2026-02-15","first_interview_on":"2026-02-25""#,
        );
        assert!(run(&at, "2026-06-30").findings.is_empty());
        let over = case(
            r#","referred_on":"2026-02-10","initial_contact_on":"2026-02-15","first_interview_on":"2026-02-26""#,
        );
        let out = run(&over, "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        let f = &out.findings[0];
        assert_eq!(f.path, "/enrollments/0/first_interview_on");
        assert_eq!(f.on, "2026-02-26".parse::<NaiveDate>().unwrap());
        assert!(f.message.contains("11 days after initial contact"));
        assert!(f.message.contains("16 days after referral"));
    }

    #[test]
    fn missing_interview_is_judged_only_after_the_deadline() {
        let json = case(r#","initial_contact_on":"2026-06-20""#);
        let out = run(&json, "2026-06-30");
        assert!(out.findings.is_empty());
        assert_eq!(out.obligations.len(), 1);
        let out = run(&json, "2026-07-01");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/enrollments/0");
        assert_eq!(
            out.findings[0].on,
            "2026-07-01".parse::<NaiveDate>().unwrap()
        );
    }

    #[test]
    fn no_anchor_is_not_evaluated() {
        let out = run(&case(r#","first_interview_on":"2026-03-01""#), "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].kind,
            crate::finding::FindingKind::NotEvaluated
        );
    }
}
