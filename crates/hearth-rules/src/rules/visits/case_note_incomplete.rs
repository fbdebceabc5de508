use hearth_model::{ContactMode, Encounter};

use super::common;
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That the note of every encounter that took place records its date, location and
    /// time spent. Every encounter with status `completed`, of any kind (collateral
    /// contacts are case-management activity too), dated (local date of `started_at`)
    /// inside the enrollment `[entered_on, end]` (end: the exit date once exited, else the
    /// evaluation date), needs:
    ///
    /// - `minutes` (time spent), always;
    /// - `location`, when the mode is `in-person`. For phone, video and text contact the
    ///   data model lets `location` be left out (the participant's whereabouts are not
    ///   known), so it is not asked.
    ///
    /// The date is always there: `started_at` is required by the format. Encounters that
    /// did not take place (no-shows, cancellations, attempts) are skipped: there was no
    /// time spent with anyone to record. One finding per incomplete encounter, at the
    /// encounter, naming the missing fields, dated the encounter's local date.
    ///
    /// ## Why
    /// The participant file holds the dates, locations and time spent on every case
    /// management activity, and every entry shows how long it took. Without them a note
    /// cannot show where the participant was seen or support the time reported.
    ///
    /// ## Example that fails
    /// An in-person visit `E004` on 2026-02-03 with neither `location` nor `minutes`: one
    /// finding at `/enrollments/0/encounters/0`, "E004 on 2026-02-03: case note lacks
    /// location, minutes".
    ///
    /// ## Example that passes
    /// The same visit with `location` `office` and `minutes` 45; a phone call with
    /// `minutes` and no location.
    pub struct CaseNoteIncomplete;
    meta {
        code: "VISIT008",
        name: "case-note-incomplete",
        area: Area::Visit,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A case note lacks the location or the time spent.",
        help: "Record where the encounter took place (for in-person contact) and how many minutes it took.",
        requirements: &[Citation {
            id: "R-VISIT-8",
            source: "003",
            section: "Case Notes",
        }],
        params: &[],
    }
}

/// The fields a completed encounter lacks, in a fixed order.
fn missing(encounter: &Encounter) -> Vec<&'static str> {
    let mut fields = Vec::new();
    if encounter.mode == ContactMode::InPerson && encounter.location.is_none() {
        fields.push("location");
    }
    if encounter.minutes.is_none() {
        fields.push("minutes");
    }
    fields
}

impl Rule for CaseNoteIncomplete {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment) in cx.enrollments() {
            for dated in common::encounters_in_window(cx, enrollment) {
                if !dated.encounter.status.took_place() {
                    continue;
                }
                let fields = missing(dated.encounter);
                if fields.is_empty() {
                    continue;
                }
                out.findings.push(cx.finding(
                    &dated.path(&path),
                    dated.date,
                    format!(
                        "{} on {}: case note lacks {}",
                        dated.id(),
                        dated.date,
                        fields.join(", ")
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

    fn run(encounters: &[&str]) -> Vec<Finding> {
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2026-01-01","encounters":[{}]}}]}}"#,
            encounters.join(",")
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let params = Params::defaults(&[]);
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &CaseNoteIncomplete::META,
        );
        let mut out = Out::default();
        CaseNoteIncomplete.check(&cx, &mut out);
        out.findings
    }

    #[test]
    fn location_is_asked_of_in_person_contact_only() {
        let f = run(&[
            r#"{"id":"A","started_at":"2026-01-05T10:00:00-06:00","mode":"in-person"}"#,
            r#"{"id":"B","started_at":"2026-01-06T10:00:00-06:00","mode":"phone","minutes":10}"#,
            r#"{"id":"C","started_at":"2026-01-07T10:00:00-06:00","mode":"phone"}"#,
            r#"{"id":"D","started_at":"2026-01-08T10:00:00-06:00","mode":"in-person","minutes":30}"#,
            r#"{"id":"E","started_at":"2026-01-09T10:00:00-06:00","mode":"in-person","status":"no-show"}"#,
            r#"{"id":"F","started_at":"2026-01-10T10:00:00-06:00","mode":"in-person","location":"office","minutes":0}"#,
        ]);
        let got: Vec<_> = f.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            got,
            [
                "A on 2026-01-05: case note lacks location, minutes",
                "C on 2026-01-07: case note lacks minutes",
                "D on 2026-01-08: case note lacks location"
            ]
        );
    }
}
