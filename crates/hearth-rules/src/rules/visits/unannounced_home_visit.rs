use hearth_model::{EncounterKind, EncounterStatus, Location};

use super::common;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That home visits are scheduled with the participant in advance. Every encounter at
    /// location `home` that took place (`completed`) or was attempted
    /// (`attempted-contact`: the door was knocked on), dated (local date of `started_at`)
    /// inside the enrollment `[entered_on, end]` (end: the exit date once exited, else the
    /// evaluation date), is looked at:
    ///
    /// - `announced` false: a finding at `.../announced`.
    /// - `announced` absent: a finding at the encounter only when
    ///   `require_announced_recorded` is true (default false: not recorded is not
    ///   counted against the file).
    /// - Skipped: encounters of kind `crisis` (a crisis response cannot be booked ahead),
    ///   no-shows and cancellations (they were scheduled, or did not happen), and
    ///   encounters elsewhere than the home.
    ///
    /// Each finding is dated the encounter's local date.
    ///
    /// ## Why
    /// A home visit is arranged beforehand, at a time convenient for the participant, so
    /// they are home and can prepare for it; the standards suggest scheduling the month's
    /// home visits at its start. Dropping in unannounced is both less effective and less
    /// respectful of the participant's home.
    ///
    /// ## Example that fails
    /// A home visit `E010` on 2026-03-03 with `announced` false: one finding at
    /// `/enrollments/0/encounters/0/announced`, "E010 on 2026-03-03: home visit not
    /// announced in advance".
    ///
    /// ## Example that passes
    /// The same visit with `announced` true; a crisis response at home; an office visit.
    pub struct UnannouncedHomeVisit;
    meta {
        code: "VISIT005",
        name: "unannounced-home-visit",
        area: Area::Visit,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A home visit was not scheduled with the participant in advance.",
        help: "Schedule home visits with the participant ahead of time (for example the month's visits at its start) and record announced = true.",
        requirements: &[Citation {
            id: "R-VISIT-5",
            source: "003",
            section: "Home Visits and Home Visit Safety",
        }],
        params: &[ParamSpec {
            name: "require_announced_recorded",
            doc: "Whether a home visit that does not record `announced` at all is also a finding (true or false).",
            kind: ParamKind::Flag,
            default: ParamDefault::Flag(false),
        }],
    }
}

impl Rule for UnannouncedHomeVisit {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let require_recorded = cx.params.flag("require_announced_recorded");
        for (path, enrollment) in cx.enrollments() {
            for dated in common::encounters_in_window(cx, enrollment) {
                let e = dated.encounter;
                let judged = e.location == Some(Location::Home)
                    && matches!(
                        e.status,
                        EncounterStatus::Completed | EncounterStatus::AttemptedContact
                    )
                    && e.kind != EncounterKind::Crisis;
                if !judged {
                    continue;
                }
                match e.announced {
                    Some(false) => out.findings.push(cx.finding(
                        &dated.path(&path).key("announced"),
                        dated.date,
                        format!(
                            "{} on {}: home visit not announced in advance",
                            dated.id(),
                            dated.date
                        ),
                    )),
                    None if require_recorded => out.findings.push(cx.finding(
                        &dated.path(&path),
                        dated.date,
                        format!(
                            "{} on {}: home visit does not record whether it was announced",
                            dated.id(),
                            dated.date
                        ),
                    )),
                    _ => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, ParamValue, Params};

    fn run(require: bool) -> Vec<Finding> {
        let encounters = [
            r#"{"id":"A","started_at":"2026-01-05T10:00:00-06:00","mode":"in-person","location":"home","announced":false}"#,
            r#"{"id":"B","started_at":"2026-01-06T10:00:00-06:00","mode":"in-person","location":"home"}"#,
            r#"{"id":"C","started_at":"2026-01-07T10:00:00-06:00","mode":"in-person","location":"home","announced":false,"status":"attempted-contact"}"#,
            r#"{"id":"D","started_at":"2026-01-08T10:00:00-06:00","mode":"in-person","location":"home","announced":false,"kind":"crisis"}"#,
            r#"{"id":"E","started_at":"2026-01-09T10:00:00-06:00","mode":"in-person","location":"office","announced":false}"#,
            r#"{"id":"F","started_at":"2026-01-10T10:00:00-06:00","mode":"in-person","location":"home","announced":true}"#,
            r#"{"id":"G","started_at":"2026-01-11T10:00:00-06:00","mode":"in-person","location":"home","announced":false,"status":"cancelled-by-participant"}"#,
        ];
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-01","encounters":[{}]}}]}}"#,
            encounters.join(",")
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let mut params = Params::defaults(UnannouncedHomeVisit::META.params);
        params.set("require_announced_recorded", ParamValue::Flag(require));
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &UnannouncedHomeVisit::META,
        );
        let mut out = Out::default();
        UnannouncedHomeVisit.check(&cx, &mut out);
        out.findings
    }

    #[test]
    fn unannounced_home_visits_and_attempts() {
        let paths: Vec<_> = run(false).into_iter().map(|f| f.path).collect();
        assert_eq!(
            paths,
            [
                "/enrollments/0/encounters/0/announced",
                "/enrollments/0/encounters/2/announced"
            ]
        );
        let paths: Vec<_> = run(true).into_iter().map(|f| f.path).collect();
        assert_eq!(
            paths,
            [
                "/enrollments/0/encounters/0/announced",
                "/enrollments/0/encounters/1",
                "/enrollments/0/encounters/2/announced"
            ]
        );
    }
}
