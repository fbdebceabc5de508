use std::collections::{BTreeSet, HashMap};

use hearth_model::{Enrollment, Staff, StaffRole};

use crate::context::{CaseloadContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::path::Pointer;
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// On a caseload, how many participants each worker carries on the evaluation date.
    /// A worker carries a caseload when their roster entry says `carries_caseload: true`,
    /// or says nothing and their role is `case-manager`. A worker's count is the number of
    /// case files with at least one enrollment open on `as_of` (entered on or before it,
    /// no exit on or before it) that names them as `case_manager`; a case file counts
    /// once however many such enrollments it has.
    ///
    /// - More than `max_per_worker` (default 20): a finding at the worker's roster entry
    ///   (`/staff/N`) with severity `error`, whatever the rule's severity.
    /// - More than `target_per_worker` (default 15) and at most the maximum: a finding at
    ///   the same place with the rule's severity (default `warning`).
    ///
    /// Exactly the target passes. Findings are dated `as_of`. An empty roster cannot be
    /// evaluated (reported at `/staff`). An open enrollment naming a case manager who is
    /// not in the roster is reported as not evaluated at its `case_manager`. Staff who do
    /// not carry a caseload (supervisors, or `carries_caseload: false`) are not counted
    /// even when named on an enrollment. On a single case file the rule does nothing.
    ///
    /// ## Why
    /// OrgCode's guide to intensive case management with rapid re-housing says the
    /// caseload is smaller: depending on the worker's experience and the intensity of
    /// needs, about one worker to fifteen participants or fewer, sometimes slightly
    /// higher. Intensive support is not possible when a worker carries far more.
    ///
    /// ## Example that fails
    /// A roster where `CM-2` is case manager on 21 open case files: a finding at
    /// `/staff/2`, severity error, "CM-2 carries 21 open case files; at most 20". With
    /// 16 it would be a warning.
    ///
    /// ## Example that passes
    /// Each case manager carries 15 or fewer open case files (closed enrollments and
    /// enrollments starting after `as_of` do not count).
    pub struct CaseloadRatio;
    meta {
        code: "LOAD001",
        name: "caseload-ratio",
        area: Area::Caseload,
        scope: Scope::Caseload,
        severity: Severity::Warning,
        summary: "A worker carries more open case files than the target (15) or the maximum (20).",
        help: "Rebalance the caseload: assign new participants to workers below the target, and stagger intake as participants progress toward stability.",
        requirements: &[Citation {
            id: "R-VISIT-9",
            source: "001",
            section: "Your caseload is smaller",
        }],
        params: &[
            ParamSpec {
                name: "target_per_worker",
                doc: "Open case files per worker above which the caseload is flagged (warning band), in participants.",
                kind: ParamKind::Integer { min: 1, max: 500 },
                default: ParamDefault::Integer(15),
            },
            ParamSpec {
                name: "max_per_worker",
                doc: "Open case files per worker above which the caseload is an error, in participants.",
                kind: ParamKind::Integer { min: 1, max: 500 },
                default: ParamDefault::Integer(20),
            },
        ],
    }
}

fn carries_caseload(staff: &Staff) -> bool {
    staff
        .carries_caseload
        .unwrap_or(staff.role == StaffRole::CaseManager)
}

fn open_on(enrollment: &Enrollment, as_of: chrono::NaiveDate) -> bool {
    enrollment.entered_on <= as_of
        && !matches!(&enrollment.exit, Some(exit) if exit.exited_on <= as_of)
}

impl Rule for CaseloadRatio {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check_caseload(&self, cx: &CaseloadContext<'_>, out: &mut Out) {
        let target = cx.params.int("target_per_worker");
        let max = cx.params.int("max_per_worker");
        let staff = &cx.caseload.staff;
        if staff.is_empty() {
            out.findings.push(cx.not_evaluated(
                &Pointer::root().key("staff"),
                cx.as_of,
                "the staff roster is empty: caseloads per worker cannot be counted",
            ));
            return;
        }
        let roster: HashMap<&str, &Staff> = staff.iter().map(|s| (s.id.as_str(), s)).collect();
        let mut files: HashMap<&str, BTreeSet<usize>> = HashMap::new();
        for (c, case) in cx.caseload.case_files.iter().enumerate() {
            for (e, enrollment) in case.enrollments.iter().enumerate() {
                if !open_on(enrollment, cx.as_of) {
                    continue;
                }
                let Some(manager) = &enrollment.case_manager else {
                    continue;
                };
                if roster.contains_key(manager.as_str()) {
                    files.entry(manager.as_str()).or_default().insert(c);
                } else {
                    let path = Pointer::root()
                        .key("case_files")
                        .index(c)
                        .key("enrollments")
                        .index(e)
                        .key("case_manager");
                    out.findings.push(cx.not_evaluated(
                        &path,
                        cx.as_of,
                        format!(
                            "case manager {manager} is not in the staff roster: this case file is not counted"
                        ),
                    ));
                }
            }
        }
        for (n, member) in staff.iter().enumerate() {
            if !carries_caseload(member) {
                continue;
            }
            let count = files
                .get(member.id.as_str())
                .map_or(0, |f| i64::try_from(f.len()).unwrap_or(i64::MAX));
            let path = Pointer::root().key("staff").index(n);
            if count > max {
                out.findings.push(
                    cx.finding(
                        &path,
                        cx.as_of,
                        format!(
                            "{} carries {count} open case files; at most {max} (target {target})",
                            member.id
                        ),
                    )
                    .with_severity(Severity::Error),
                );
            } else if count > target {
                out.findings.push(cx.finding(
                    &path,
                    cx.as_of,
                    format!(
                        "{} carries {count} open case files, above the target of {target} (at most {max})",
                        member.id
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
    use serde_json::json;

    fn caseload(counts: &[(&str, usize)]) -> hearth_model::Caseload {
        let mut files = Vec::new();
        for (cm, n) in counts {
            for i in 0..*n {
                files.push(json!({
                    "schema_version": "1.0",
                    "participant": { "id": format!("{cm}-{i}") },
                    "enrollments": [{ "id": "E1", "program": "icm-rrh", "entered_on": "2026-01-05", "case_manager": cm }]
                }));
            }
        }
        serde_json::from_value(json!({
            "schema_version": "1.0",
            "program": { "id": "p", "model": "icm-rrh" },
            "staff": [
                { "id": "SUP", "role": "supervisor" },
                { "id": "CM1", "role": "case-manager", "supervisor": "SUP" },
                { "id": "PEER", "role": "peer-specialist", "carries_caseload": true }
            ],
            "case_files": files
        }))
        .unwrap()
    }

    fn run(load: &hearth_model::Caseload) -> Out {
        let params = Params::defaults(CaseloadRatio::META.params);
        let cx = CaseloadContext::new(
            load,
            "2026-06-30".parse().unwrap(),
            crate::builtin_catalog(),
            &params,
            &CaseloadRatio::META,
        );
        let mut out = Out::default();
        CaseloadRatio.check_caseload(&cx, &mut out);
        out
    }

    #[test]
    fn bands_at_their_boundaries() {
        assert!(run(&caseload(&[("CM1", 15)])).findings.is_empty());
        let out = run(&caseload(&[("CM1", 16)]));
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].severity, Severity::Warning);
        assert_eq!(out.findings[0].path, "/staff/1");
        let out = run(&caseload(&[("CM1", 20)]));
        assert_eq!(out.findings[0].severity, Severity::Warning);
        let out = run(&caseload(&[("CM1", 21), ("PEER", 16)]));
        assert_eq!(out.findings.len(), 2);
        assert_eq!(out.findings[0].severity, Severity::Error);
        assert_eq!(out.findings[1].path, "/staff/2");
    }

    #[test]
    fn supervisors_are_not_counted_unknown_managers_are_reported() {
        let out = run(&caseload(&[("SUP", 30), ("CM9", 1)]));
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].kind, crate::FindingKind::NotEvaluated);
        assert_eq!(
            out.findings[0].path,
            "/case_files/30/enrollments/0/case_manager"
        );
    }

    #[test]
    fn empty_roster_is_not_evaluated() {
        let mut load = caseload(&[("CM1", 1)]);
        load.staff.clear();
        let out = run(&load);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].path, "/staff");
    }
}
