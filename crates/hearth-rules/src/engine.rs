//! Evaluation: runs a policy's rules over a case file or a caseload and builds the report.

use std::sync::OnceLock;

use chrono::NaiveDate;
use hearth_catalog::Catalog;
use hearth_model::{CaseFile, Caseload, Staff};

use crate::context::{CaseContext, CaseloadContext, Out};
use crate::finding::Finding;
use crate::index::CaseIndex;
use crate::obligation::Obligation;
use crate::path::Pointer;
use crate::policy::Policy;
use crate::report::Report;
use crate::rule::Scope;
use crate::rules::waiver::UnusedWaiver;
use crate::severity::Severity;
use crate::waiver;

/// The built-in catalog, built once.
pub fn builtin_catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin)
}

/// Checks case files and caseloads against a policy.
///
/// ```
/// use hearth_rules::{Policy, Validator};
///
/// let case = hearth_model::parse_case_file(r#"{
///   "schema_version": "1.0",
///   "participant": { "id": "P-1" },
///   "enrollments": [{ "id": "E-1", "program": "ct-psh", "entered_on": "2026-01-05",
///     "care_plan": { "created_on": "2026-01-20", "goals": [
///       { "id": "G1", "area": "housing", "status": "active", "set_on": "2026-01-20" },
///       { "id": "G2", "area": "income", "status": "active", "set_on": "2026-01-20" },
///       { "id": "G3", "area": "legal", "status": "active", "set_on": "2026-01-20" },
///       { "id": "G4", "area": "education", "status": "active", "set_on": "2026-02-02" }
///     ] } }]
/// }"#).unwrap();
/// let policy = Policy::empty("example").with_rule("PLAN001")?;
/// let report = Validator::new(&policy).validate(&case, "2026-03-01".parse().unwrap());
/// assert_eq!(report.findings[0].code, "PLAN001");
/// assert_eq!(report.findings[0].path, "/enrollments/0/care_plan/goals");
/// # Ok::<(), hearth_rules::PolicyError>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Validator<'a> {
    policy: &'a Policy,
    catalog: &'a Catalog,
}

impl<'a> Validator<'a> {
    /// A validator for `policy` with the built-in catalog.
    pub fn new(policy: &'a Policy) -> Self {
        Validator {
            policy,
            catalog: builtin_catalog(),
        }
    }

    /// Uses `catalog` (for example the built-in one extended with an agency's steps).
    pub fn with_catalog(mut self, catalog: &'a Catalog) -> Self {
        self.catalog = catalog;
        self
    }

    /// Checks one case file as of `as_of`. Rules that need the caseload's staff roster
    /// report what they could not evaluate.
    pub fn validate(&self, case: &CaseFile, as_of: NaiveDate) -> Report {
        let (findings, obligations) = self.check_case(case, None, as_of);
        Report::new(as_of, self.policy.name(), 1, findings, obligations)
    }

    /// Checks a caseload: every case file (with the roster) and the caseload rules.
    /// Paths start at the caseload document (`/case_files/N/...`).
    pub fn validate_caseload(&self, caseload: &Caseload, as_of: NaiveDate) -> Report {
        let mut findings = Vec::new();
        let mut obligations = Vec::new();
        for (i, case) in caseload.case_files.iter().enumerate() {
            let prefix = Pointer::root().key("case_files").index(i);
            let (f, o) = self.check_case(case, Some(&caseload.staff), as_of);
            findings.extend(f.into_iter().map(|mut f| {
                f.path = format!("{}{}", prefix, f.path);
                f
            }));
            obligations.extend(o.into_iter().map(|mut o| {
                o.path = format!("{}{}", prefix, o.path);
                o
            }));
        }
        findings.extend(self.check_caseload_rules(caseload, as_of));
        findings.extend(self.waivers_for_absent_participants(caseload, as_of));
        Report::new(
            as_of,
            self.policy.name(),
            caseload.case_files.len(),
            findings,
            obligations,
        )
    }

    /// Findings and obligations for one case file, waivers applied, paths relative to the
    /// case file.
    pub fn check_case(
        &self,
        case: &CaseFile,
        roster: Option<&[Staff]>,
        as_of: NaiveDate,
    ) -> (Vec<Finding>, Vec<Obligation>) {
        let mut findings = Vec::new();
        let mut obligations = Vec::new();
        let versions = self.policy.versions();
        let in_force = index_in_force(self.policy, as_of);
        let index = CaseIndex::new(case, as_of);
        for (i, version) in versions.iter().enumerate() {
            let from = version.effective_from;
            let until = versions.get(i + 1).and_then(|next| next.effective_from);
            for setting in version.rules() {
                if setting.rule.meta().scope != Scope::CaseFile {
                    continue;
                }
                let cx = CaseContext {
                    case,
                    as_of,
                    catalog: self.catalog,
                    roster,
                    params: &setting.params,
                    due_soon_days: version.due_soon_days,
                    meta: setting.rule.meta(),
                    severity: setting.severity,
                    index: Some(&index),
                };
                let mut out = Out::default();
                setting.rule.check(&cx, &mut out);
                findings.extend(
                    out.findings
                        .into_iter()
                        .filter(|f| in_period(f.on, from, until)),
                );
                if i == in_force {
                    obligations.extend(out.obligations);
                }
            }
        }
        let severity_of = |code: &'static str| self.waiver_rule_severity(code, as_of);
        let extra = waiver::apply(
            &case.participant.id,
            self.policy.waivers(),
            &mut findings,
            &mut obligations,
            as_of,
            &severity_of,
        );
        findings.extend(extra);
        (findings, obligations)
    }

    fn check_caseload_rules(&self, caseload: &Caseload, as_of: NaiveDate) -> Vec<Finding> {
        let mut findings = Vec::new();
        let versions = self.policy.versions();
        for (i, version) in versions.iter().enumerate() {
            let from = version.effective_from;
            let until = versions.get(i + 1).and_then(|next| next.effective_from);
            for setting in version.rules() {
                if setting.rule.meta().scope != Scope::Caseload {
                    continue;
                }
                let cx = CaseloadContext {
                    caseload,
                    as_of,
                    catalog: self.catalog,
                    params: &setting.params,
                    meta: setting.rule.meta(),
                    severity: setting.severity,
                };
                let mut out = Out::default();
                setting.rule.check_caseload(&cx, &mut out);
                findings.extend(
                    out.findings
                        .into_iter()
                        .filter(|f| in_period(f.on, from, until)),
                );
            }
        }
        findings
    }

    /// Waivers naming a participant the caseload does not hold cover nothing.
    fn waivers_for_absent_participants(
        &self,
        caseload: &Caseload,
        as_of: NaiveDate,
    ) -> Vec<Finding> {
        let Some(severity) = self.waiver_rule_severity(UnusedWaiver::META.code, as_of) else {
            return Vec::new();
        };
        let meta = &UnusedWaiver::META;
        self.policy
            .waivers()
            .iter()
            .filter(|w| as_of <= w.expires_on)
            .filter(|w| {
                !caseload
                    .case_files
                    .iter()
                    .any(|c| c.participant.id == w.participant)
            })
            .map(|w| Finding {
                code: meta.code.to_owned(),
                rule: meta.name.to_owned(),
                severity,
                kind: crate::FindingKind::Violation,
                message: format!(
                    "waiver {} names participant {}, who is not in this caseload",
                    w.id, w.participant
                ),
                participant_id: Some(w.participant.clone()),
                path: String::new(),
                on: as_of,
                requirements: Vec::new(),
                help: meta.help.to_owned(),
                waiver: None,
            })
            .collect()
    }

    /// The severity of a waiver rule under the policy: as set, or its default; `None` when
    /// the policy turns it off explicitly.
    fn waiver_rule_severity(&self, code: &'static str, as_of: NaiveDate) -> Option<Severity> {
        let version = self.policy.version_at(as_of);
        match version.rule(code) {
            Some(setting) => Some(setting.severity),
            None if self.policy.disables(code) => None,
            None => crate::registry::find(code).map(|r| r.meta().severity),
        }
    }
}

fn in_period(on: NaiveDate, from: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
    from.is_none_or(|f| on >= f) && until.is_none_or(|u| on < u)
}

fn index_in_force(policy: &Policy, as_of: NaiveDate) -> usize {
    let mut index = 0;
    for (i, version) in policy.versions().iter().enumerate() {
        if version.effective_from.is_none_or(|from| from <= as_of) {
            index = i;
        }
    }
    index
}

/// Checks one case file against `policy` as of `as_of`, with the built-in catalog.
///
/// ```
/// let case = hearth_model::parse_case_file(
///     r#"{"schema_version":"1.0","participant":{"id":"P-1"}}"#).unwrap();
/// let policy = hearth_rules::Policy::builtin("rrh")?;
/// let report = hearth_rules::validate(&case, &policy, "2026-06-30".parse().unwrap());
/// assert_eq!(report.summary.participants, 1);
/// # Ok::<(), hearth_rules::PolicyError>(())
/// ```
pub fn validate(case: &CaseFile, policy: &Policy, as_of: NaiveDate) -> Report {
    Validator::new(policy).validate(case, as_of)
}

/// Checks a caseload against `policy` as of `as_of`, with the built-in catalog.
pub fn validate_caseload(caseload: &Caseload, policy: &Policy, as_of: NaiveDate) -> Report {
    Validator::new(policy).validate_caseload(caseload, as_of)
}
