use std::collections::BTreeMap;

use chrono::NaiveDate;
use hearth_model::DocumentKind;

use super::common::{day_after, document_kind, enum_id};
use crate::calendar::{add_days, add_months};
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That each enrollment's file (`documents`) holds the documents funders require. A
    /// kind is present when the enrollment has a document of that `kind` filed on or
    /// before the evaluation date (documents may be filed after exit: a closed file is
    /// judged as it stands on the evaluation date). Which kinds are required, and from
    /// when:
    ///
    /// - every kind in `required` (default `income-verification`,
    ///   `homelessness-verification`, `front-door-assessment`), from entry
    ///   (`entered_on`);
    /// - `housing-inspection` from entry, when `require_housing_inspection` is true
    ///   (default false: inspections apply only to some programs);
    /// - every kind in `annual` (default `annual-assessment`, `services-received`) from
    ///   the day the enrollment has lasted `annual_after_months` calendar months
    ///   (default 12), if it lasts that long (until its exit, else the evaluation date).
    ///   The standard asks for "services and assistance received, including an annual
    ///   assessment of services": a record that builds up over the year, so it is
    ///   judged at the year's end, not at entry;
    /// - `termination-compliance` from the termination's `effective_on` (else its
    ///   `decided_on`), when the enrollment has a termination decided on or before the
    ///   evaluation date.
    ///
    /// Each is given `grace_days` (default 30) to be filed: a kind is missing when the
    /// day `grace_days` after its start is before the evaluation date (a day count is
    /// `later - earlier`) and no document of the kind is present. A kind the participant
    /// refused to provide and that was not obtained (an `intake.refusals` entry with that
    /// `material` and no `obtained_on`) is left to `ASMT005`, which checks the follow-up.
    /// An id in `required` that is not a document kind cannot be checked: not evaluated.
    ///
    /// One finding per missing kind at `/enrollments/N/documents`, dated the day after
    /// its grace period ended.
    ///
    /// ## Why
    /// The St. Louis standards list what every client file must hold at a minimum for the
    /// funders: income verification, verification of homelessness or of its risk, a
    /// record of services and assistance received with an annual assessment of services,
    /// the Front Door Assessment, proof that terminations followed the required process,
    /// and housing inspections where they apply.
    ///
    /// ## Example that fails
    /// An enrollment entered on 2025-03-02 and still open on 2026-06-30 whose file holds
    /// income and homelessness verification and the front-door assessment but, after
    /// twelve months, no `services-received` record: one finding at
    /// `/enrollments/0/documents`, dated 2026-04-02.
    ///
    /// ## Example that passes
    /// The same file with a `services-received` and an `annual-assessment` document
    /// filed on 2026-03-20.
    pub struct RequiredDocumentsMissing;
    meta {
        code: "ASMT006",
        name: "required-documents-missing",
        area: Area::Assessment,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A document the participant file must hold is missing.",
        help: "Place the missing document in the participant file and record it in the enrollment's `documents`; if the participant refuses, record the refusal and follow it up.",
        requirements: &[Citation {
            id: "R-ASMT-7",
            source: "003",
            section: "Maintaining Case Records and Documentation",
        }],
        params: &[
            ParamSpec {
                name: "required",
                doc: "Document kinds every enrollment's file must hold from entry.",
                kind: ParamKind::Ids,
                default: ParamDefault::Ids(&[
                    "income-verification",
                    "homelessness-verification",
                    "front-door-assessment",
                ]),
            },
            ParamSpec {
                name: "annual",
                doc: "Document kinds required once the enrollment has lasted `annual_after_months`.",
                kind: ParamKind::Ids,
                default: ParamDefault::Ids(&["annual-assessment", "services-received"]),
            },
            ParamSpec {
                name: "annual_after_months",
                doc: "Calendar months of enrollment after which the `annual` kinds are required.",
                kind: ParamKind::Integer { min: 1, max: 120 },
                default: ParamDefault::Integer(12),
            },
            ParamSpec {
                name: "require_housing_inspection",
                doc: "Whether a `housing-inspection` document is required from entry.",
                kind: ParamKind::Flag,
                default: ParamDefault::Flag(false),
            },
            ParamSpec {
                name: "grace_days",
                doc: "Days (later - earlier) allowed to file a document after it becomes required.",
                kind: ParamKind::Integer { min: 0, max: 365 },
                default: ParamDefault::Integer(30),
            },
        ],
    }
}

impl Rule for RequiredDocumentsMissing {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let required = cx.params.ids("required");
        let annual = cx.params.ids("annual");
        let annual_months = cx.params.int("annual_after_months");
        let inspection = cx.params.flag("require_housing_inspection");
        let grace = cx.params.int("grace_days");
        for (path, enrollment) in cx.enrollments() {
            let entered = enrollment.entered_on;
            if entered > cx.as_of {
                continue;
            }
            let documents = path.key("documents");
            // Kind → (the day it became required, why).
            let mut needed: BTreeMap<DocumentKind, (NaiveDate, String)> = BTreeMap::new();
            let mut need = |kind: DocumentKind, from: NaiveDate, why: String| {
                let slot = needed.entry(kind).or_insert((from, why.clone()));
                if from < slot.0 {
                    *slot = (from, why);
                }
            };
            for id in required {
                match document_kind(id) {
                    Some(kind) => need(kind, entered, format!("from entry on {entered}")),
                    None => out.findings.push(cx.not_evaluated(
                        &documents,
                        cx.end_of(enrollment),
                        format!("`required` names {id:?}, which is not a document kind"),
                    )),
                }
            }
            if inspection {
                need(
                    DocumentKind::HousingInspection,
                    entered,
                    format!("from entry on {entered}"),
                );
            }
            let anniversary = add_months(entered, annual_months);
            if anniversary <= cx.end_of(enrollment) {
                for id in annual {
                    match document_kind(id) {
                        Some(kind) => need(
                            kind,
                            anniversary,
                            format!("after {annual_months} months enrolled, on {anniversary}"),
                        ),
                        None => out.findings.push(cx.not_evaluated(
                            &documents,
                            cx.end_of(enrollment),
                            format!("`annual` names {id:?}, which is not a document kind"),
                        )),
                    }
                }
            }
            if let Some(termination) = enrollment
                .termination
                .as_ref()
                .filter(|t| t.decided_on <= cx.as_of)
            {
                let from = termination.effective_on.unwrap_or(termination.decided_on);
                need(
                    DocumentKind::TerminationCompliance,
                    from,
                    format!("after the termination of {from}"),
                );
            }
            for (kind, (from, why)) in needed {
                let due = add_days(from, grace);
                if due >= cx.as_of {
                    continue;
                }
                let present = enrollment
                    .documents
                    .iter()
                    .any(|d| d.kind == kind && d.filed_on <= cx.as_of);
                let refused = enrollment.intake.refusals.iter().any(|r| {
                    r.material == kind
                        && r.refused_on <= cx.as_of
                        && r.obtained_on.is_none_or(|o| o > cx.as_of)
                });
                if present || refused {
                    continue;
                }
                out.findings.push(cx.finding(
                    &documents,
                    day_after(due),
                    format!(
                        "enrollment {}: no {} document in the file (required {why}; {grace} days allowed to file it, until {due})",
                        enrollment.id,
                        enum_id(&kind)
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::{ParamValue, Params};
    use hearth_catalog::Catalog;

    fn run_with(json: &str, as_of: &str, set: &[(&str, ParamValue)]) -> Out {
        let case = hearth_model::parse_case_file(json).unwrap();
        let catalog = Catalog::builtin();
        let mut params = Params::defaults(RequiredDocumentsMissing::META.params);
        for (k, v) in set {
            params.set(k, v.clone());
        }
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &RequiredDocumentsMissing::META,
        );
        let mut out = Out::default();
        RequiredDocumentsMissing.check(&cx, &mut out);
        out
    }

    fn case(extra: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},
            "enrollments":[{{"id":"E1","program":"stl-coc","entered_on":"2025-03-02",
            "documents":[{{"id":"D1","kind":"income-verification","filed_on":"2025-03-02"}},
                         {{"id":"D2","kind":"homelessness-verification","filed_on":"2025-03-02"}},
                         {{"id":"D3","kind":"front-door-assessment","filed_on":"2025-03-02"}},
                         {{"id":"D4","kind":"services-received","filed_on":"2025-03-02"}}]{extra}}}]}}"#
        )
    }

    fn messages(out: &Out) -> Vec<(String, String)> {
        out.findings
            .iter()
            .map(|f| (f.on.to_string(), f.message.clone()))
            .collect()
    }

    #[test]
    fn annual_assessment_after_twelve_months_and_grace() {
        // Anniversary 2026-03-02, grace ends 2026-04-01.
        assert!(run_with(&case(""), "2026-04-01", &[]).findings.is_empty());
        let out = run_with(&case(""), "2026-04-02", &[]);
        assert_eq!(out.findings.len(), 1, "{:?}", messages(&out));
        assert_eq!(out.findings[0].path, "/enrollments/0/documents");
        assert!(out.findings[0].message.contains("annual-assessment"));
        assert_eq!(out.findings[0].on.to_string(), "2026-04-02");
    }

    #[test]
    fn an_open_refusal_is_left_to_asmt005() {
        let json = case(
            r#","intake":{"refusals":[{"id":"RF1","material":"housing-inspection","refused_on":"2025-03-02"}]}"#,
        );
        let set = [("require_housing_inspection", ParamValue::Flag(true))];
        assert!(run_with(&json, "2025-06-30", &set).findings.is_empty());
        let out = run_with(&case(""), "2025-06-30", &set);
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0].message.contains("housing-inspection"));
    }

    #[test]
    fn unknown_kind_is_not_evaluated() {
        let set = [(
            "required",
            ParamValue::List(vec!["income-verification".into(), "tax-return".into()]),
        )];
        let out = run_with(&case(""), "2025-06-30", &set);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(
            out.findings[0].kind,
            crate::finding::FindingKind::NotEvaluated
        );
    }
}
