use hearth_model::EncounterKind;

use super::common;
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every visit ends with the next one scheduled: a contact (status `completed`,
    /// participant present) of kind `visit`, dated (local date of `started_at`) inside the
    /// enrollment `[entered_on, end]` (end: the exit date once exited, else the evaluation
    /// date), has a `next_visit` whose `scheduled_for` is after the visit's `started_at`
    /// (compared as moments, across offsets).
    ///
    /// - No `next_visit`: a finding at the encounter.
    /// - `next_visit.scheduled_for` on or before `started_at`: a finding at
    ///   `.../next_visit/scheduled_for`.
    /// - Skipped: a visit on the exit date of an enrollment that has exited by the
    ///   evaluation date (the move-out visit: nothing follows it); other kinds (first
    ///   interview, crisis, collateral, case conference, discharge meeting, outreach,
    ///   follow-up), which are not the scheduled visit cycle; encounters that did not take
    ///   place.
    ///
    /// Each finding is dated the visit's local date.
    ///
    /// ## Why
    /// The ICMS visit routine ends by confirming the date and time of the next visit with
    /// the participant before documenting the encounter. A visit that ends without one
    /// leaves the next contact to chance; consistency is what builds trust.
    ///
    /// ## Example that fails
    /// A home visit `E014` on 2025-09-16 with no `next_visit`: one finding at that
    /// encounter, "E014 on 2025-09-16: visit ended with no next visit scheduled".
    ///
    /// ## Example that passes
    /// The same visit with `next_visit.scheduled_for` 2025-09-30T10:00; a crisis call with
    /// none; the move-out visit on the exit date with none.
    pub struct NoNextVisitScheduled;
    meta {
        code: "VISIT004",
        name: "no-next-visit-scheduled",
        area: Area::Visit,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A visit ended without the next visit scheduled.",
        help: "Before a visit ends, agree the date and time of the next one with the participant and record it as next_visit.",
        requirements: &[Citation {
            id: "R-VISIT-4",
            source: "000",
            section: "Schedule Next Visit & Document the Encounter",
        }],
        params: &[],
    }
}

impl Rule for NoNextVisitScheduled {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment) in cx.enrollments() {
            let exit_day = (!cx.is_open(enrollment)).then(|| cx.end_of(enrollment));
            for dated in common::encounters_in_window(cx, enrollment) {
                let e = dated.encounter;
                if e.kind != EncounterKind::Visit || !dated.is_contact() {
                    continue;
                }
                if exit_day.is_some_and(|exit| dated.date >= exit) {
                    continue;
                }
                match &e.next_visit {
                    None => out.findings.push(cx.finding(
                        &dated.path(&path),
                        dated.date,
                        format!(
                            "{} on {}: visit ended with no next visit scheduled",
                            dated.id(),
                            dated.date
                        ),
                    )),
                    Some(next) if next.scheduled_for <= e.started_at => {
                        out.findings.push(cx.finding(
                            &dated.path(&path).key("next_visit").key("scheduled_for"),
                            dated.date,
                            format!(
                                "{} on {}: next visit scheduled for {}, not after the visit",
                                dated.id(),
                                dated.date,
                                next.scheduled_for.to_rfc3339()
                            ),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, Params};

    fn run(exit: &str, encounters: &[&str]) -> Vec<Finding> {
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"rrh","entered_on":"2026-01-01"{exit},"encounters":[{}]}}]}}"#,
            encounters.join(",")
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let params = Params::defaults(&[]);
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &NoNextVisitScheduled::META,
        );
        let mut out = Out::default();
        NoNextVisitScheduled.check(&cx, &mut out);
        out.findings
    }

    const EXIT: &str = r#","exit":{"exited_on":"2026-02-01","kind":"positive"}"#;

    #[test]
    fn next_visit_must_be_after_the_visit() {
        let f = run(
            "",
            &[
                // 10:00-05:00 is 15:00Z; 16:00+01:00 is also 15:00Z: not after.
                r#"{"id":"A","started_at":"2026-01-05T10:00:00-05:00","mode":"in-person","next_visit":{"scheduled_for":"2026-01-05T16:00:00+01:00"}}"#,
                // one minute later: fine
                r#"{"id":"B","started_at":"2026-01-06T10:00:00-05:00","mode":"in-person","next_visit":{"scheduled_for":"2026-01-06T10:01:00-05:00"}}"#,
                r#"{"id":"C","started_at":"2026-01-07T10:00:00-05:00","mode":"phone"}"#,
                r#"{"id":"D","started_at":"2026-01-08T10:00:00-05:00","mode":"phone","kind":"crisis"}"#,
                r#"{"id":"E","started_at":"2026-01-09T10:00:00-05:00","mode":"in-person","status":"no-show"}"#,
            ],
        );
        let got: Vec<_> = f.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(
            got,
            [
                "/enrollments/0/encounters/0/next_visit/scheduled_for",
                "/enrollments/0/encounters/2"
            ]
        );
    }

    #[test]
    fn the_move_out_visit_needs_no_next_visit() {
        let visits = [
            r#"{"id":"A","started_at":"2026-01-31T10:00:00-05:00","mode":"in-person"}"#,
            r#"{"id":"B","started_at":"2026-02-01T10:00:00-05:00","mode":"in-person"}"#,
        ];
        let f = run(EXIT, &visits);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/enrollments/0/encounters/0");
        // While the enrollment is open, the last visit needs a next visit too.
        let f = run("", &visits);
        assert_eq!(f.len(), 2);
    }
}
