use chrono::NaiveDate;
use hearth_model::ClientRight;

use crate::calendar::add_days;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That at intake each right in `rights` (default `no-religious-activities`,
    /// `object-to-religious-character`, `appeal-termination`, `grievance-process`) was
    /// explained to the participant (`intake.rights_explained`) no later than
    /// `within_days` (default 7) after the enrollment's `entered_on`. A day count is
    /// `later - earlier`, so 7 days after entry is in time and 8 is late; a right
    /// explained before entry (at the first interview) is in time. When a right was
    /// explained more than once the earliest date counts; dates after the evaluation
    /// date are ignored; the list may come in any order.
    ///
    /// A right not explained at all is judged only once the deadline (`entered_on` +
    /// `within_days`) is before the enrollment's last judged day (exit, else the
    /// evaluation date); a right explained late is a lapse as soon as it is recorded.
    /// Enrollments that begin after the evaluation date are skipped, and an id in
    /// `rights` that is not a client right cannot be checked (not evaluated).
    ///
    /// One finding per enrollment at `/enrollments/N/intake/rights_explained` naming
    /// every right missing or late, dated the day after the deadline.
    ///
    /// ## Why
    /// St. Louis sets minimum client rights every agency must have: not to take part in
    /// religious activities, to object to an organisation's religious character and be
    /// referred elsewhere in reasonable time, and to appeal a termination; the grievance
    /// process is to be reviewed with the participant at intake. Rights a participant
    /// has not been told about cannot be used.
    ///
    /// ## Example that fails
    /// Entered 2026-03-02; three rights explained that day, `grievance-process` only on
    /// 2026-03-20 and `appeal-termination` never: one finding at
    /// `/enrollments/0/intake/rights_explained` dated 2026-03-10.
    ///
    /// ## Example that passes
    /// All four rights explained on 2026-03-02, the day of entry.
    pub struct RightsNotExplained;
    meta {
        code: "RIGHTS001",
        name: "rights-not-explained",
        area: Area::Rights,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "Client rights and the grievance process were not all explained at intake (within 7 days of entry).",
        help: "Explain each client right and the grievance process to the participant at intake and record each in `intake.rights_explained` with its date.",
        requirements: &[
            Citation {
                id: "R-RIGHTS-1",
                source: "003",
                section: "Client Rights",
            },
            Citation {
                id: "R-RIGHTS-1",
                source: "003",
                section: "Client Grievance Process",
            },
        ],
        params: &[
            ParamSpec {
                name: "rights",
                doc: "The client rights (ids as in `intake.rights_explained[].right`) that must be explained at intake.",
                kind: ParamKind::Ids,
                default: ParamDefault::Ids(&[
                    "no-religious-activities",
                    "object-to-religious-character",
                    "appeal-termination",
                    "grievance-process",
                ]),
            },
            ParamSpec {
                name: "within_days",
                doc: "The most days (later - earlier) after entry by which each right must be explained.",
                kind: ParamKind::Integer { min: 0, max: 365 },
                default: ParamDefault::Integer(7),
            },
        ],
    }
}

/// The client right written as `id`, if there is one.
fn client_right(id: &str) -> Option<ClientRight> {
    serde_json::from_value(serde_json::Value::String(id.to_owned())).ok()
}

impl Rule for RightsNotExplained {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let days = cx.params.int("within_days");
        let wanted: Vec<(&str, Option<ClientRight>)> = cx
            .params
            .ids("rights")
            .iter()
            .map(|id| (id.as_str(), client_right(id)))
            .collect();
        for (path, enrollment) in cx.enrollments() {
            let entered = enrollment.entered_on;
            if entered > cx.as_of {
                continue;
            }
            let field = path.key("intake").key("rights_explained");
            let due = add_days(entered, days);
            let judged_until = cx.end_of(enrollment);
            let mut problems = Vec::new();
            for (id, right) in &wanted {
                let Some(right) = right else {
                    out.findings.push(cx.not_evaluated(
                        &field,
                        judged_until,
                        format!("`rights` names {id:?}, which is not a client right"),
                    ));
                    continue;
                };
                let first: Option<NaiveDate> = enrollment
                    .intake
                    .rights_explained
                    .iter()
                    .filter(|r| r.right == *right && r.explained_on <= cx.as_of)
                    .map(|r| r.explained_on)
                    .min();
                match first {
                    Some(on) if on > due => problems.push(format!("{id} (explained {on})")),
                    Some(_) => {}
                    None if due < judged_until => problems.push(format!("{id} (not explained)")),
                    None => {}
                }
            }
            if !problems.is_empty() {
                out.findings.push(cx.finding(
                    &field,
                    add_days(due, 1),
                    format!(
                        "enrollment {} entered on {entered}: rights not explained by {due} ({days} days after entry): {}",
                        enrollment.id,
                        problems.join(", ")
                    ),
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
        let params = Params::defaults(RightsNotExplained::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &RightsNotExplained::META,
        );
        let mut out = Out::default();
        RightsNotExplained.check(&cx, &mut out);
        out
    }

    fn case(grievance_on: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},
            "enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-03-02",
            "intake":{{"rights_explained":[
              {{"right":"grievance-process","explained_on":"{grievance_on}"}},
              {{"right":"no-religious-activities","explained_on":"2026-02-27"}},
              {{"right":"object-to-religious-character","explained_on":"2026-03-02"}},
              {{"right":"appeal-termination","explained_on":"2026-03-02"}}]}}}}]}}"#
        )
    }

    #[test]
    fn seven_days_pass_eight_fail() {
        assert!(run(&case("2026-03-09"), "2026-06-30").findings.is_empty());
        let out = run(&case("2026-03-10"), "2026-06-30");
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].path,
            "/enrollments/0/intake/rights_explained"
        );
        assert_eq!(out.findings[0].on.to_string(), "2026-03-10");
        assert!(out.findings[0]
            .message
            .contains("grievance-process (explained 2026-03-10)"));
    }

    #[test]
    fn missing_right_waits_for_the_deadline() {
        // Explained after the evaluation date: not yet recorded.
        assert!(run(&case("2026-07-01"), "2026-03-09").findings.is_empty());
        let out = run(&case("2026-07-01"), "2026-03-10");
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0]
            .message
            .contains("grievance-process (not explained)"));
    }
}
