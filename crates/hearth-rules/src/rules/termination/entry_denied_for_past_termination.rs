use hearth_model::DenialReason;

use crate::context::{CaseContext, Out};
use crate::path::Pointer;
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That no entry decision (`entry_decisions`, decided on or before `as_of`) refused
    /// entry because of a past termination: `accepted` false with `denial_reason`
    /// `past-termination` is a finding at the decision (`/entry_decisions/N`), dated
    /// `decided_on`. A later decision that accepts the person does not undo the finding:
    /// the denial happened. Denials for other reasons, and acceptances, are not judged.
    ///
    /// ## Why
    /// The St. Louis standards close their due-process list by saying that clients can
    /// re-enter the program after they have been terminated. A termination answers past
    /// conduct; it must not become a lasting bar to help.
    ///
    /// ## Example that fails
    /// `ED1`, decided 2025-06-02, `accepted: false`, `denial_reason: past-termination`,
    /// even though `ED2` accepted the person on 2025-06-16: a finding at
    /// `/entry_decisions/0`, dated 2025-06-02.
    ///
    /// ## Example that passes
    /// The request accepted on first decision, or denied for `no-capacity`.
    pub struct EntryDeniedForPastTermination;
    meta {
        code: "TERM007",
        name: "entry-denied-for-past-termination",
        area: Area::Termination,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "Entry was denied because of a past termination.",
        help: "Do not refuse entry because the person was terminated before: review the request on its own merits and record the new decision.",
        requirements: &[Citation {
            id: "R-TERM-7",
            source: "003",
            section: "Non-compliance and Exiting the Program",
        }],
        params: &[],
    }
}

impl Rule for EntryDeniedForPastTermination {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let root = Pointer::root().key("entry_decisions");
        for (i, decision) in cx.case.entry_decisions.iter().enumerate() {
            if decision.accepted
                || decision.denial_reason != Some(DenialReason::PastTermination)
                || decision.decided_on > cx.as_of
            {
                continue;
            }
            out.findings.push(cx.finding(
                &root.index(i),
                decision.decided_on,
                format!(
                    "entry decision {} of {} denied entry because of a past termination",
                    decision.id, decision.decided_on
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::Params;

    fn run(decisions: &str, as_of: &str) -> Out {
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"entry_decisions":[{decisions}]}}"#
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let params = Params::default();
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &EntryDeniedForPastTermination::META,
        );
        let mut out = Out::default();
        EntryDeniedForPastTermination.check(&cx, &mut out);
        out
    }

    #[test]
    fn denial_for_past_termination_fails_even_if_reversed() {
        let out = run(
            r#"{"id":"ED2","decided_on":"2025-06-16","program":"stl-coc","accepted":true},
               {"id":"ED1","decided_on":"2025-06-02","program":"stl-coc","accepted":false,"denial_reason":"past-termination"}"#,
            "2026-06-30",
        );
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/entry_decisions/1");
        assert_eq!(out.findings[0].on, "2025-06-02".parse().unwrap());
    }

    #[test]
    fn other_denials_and_future_decisions_pass() {
        let out = run(
            r#"{"id":"ED1","decided_on":"2025-06-02","program":"stl-coc","accepted":false,"denial_reason":"no-capacity"},
               {"id":"ED2","decided_on":"2026-07-02","program":"stl-coc","accepted":false,"denial_reason":"past-termination"}"#,
            "2026-06-30",
        );
        assert!(out.findings.is_empty());
    }
}
