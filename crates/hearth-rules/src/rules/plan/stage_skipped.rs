use hearth_model::Stage;

use super::common::stage_id;
use crate::context::{CaseContext, Out};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That the recorded stage on the five sequential steps to housing stability
    /// (1 `housing-supports`, 2 `individualized-service-planning`, 3 `self-awareness`,
    /// 4 `self-management`, 5 `rebuilt-reframed`) moves forward one step at a time.
    ///
    /// The enrollment's `stage_history` is read in date order (`entered_on`, then stage
    /// order for changes on the same day), whatever the list order; changes dated after
    /// the enrollment's end (its exit, or the evaluation date while open) are not judged.
    ///
    /// - The first recorded stage must be `housing-supports`.
    /// - Each later change may go forward exactly one step, stay on the same stage, or go
    ///   back any number of steps (a step back after a relapse is allowed); going forward
    ///   by two or more steps skips a stage.
    ///
    /// One finding per offending change, at `…/stage_history/N`, dated its `entered_on`.
    /// An enrollment (begun by the evaluation date) without any stage history cannot be
    /// checked: a "not evaluated" finding at `…/stage_history`, dated the enrollment's end.
    ///
    /// ## Why
    /// OrgCode's intensive case management with rapid re-housing follows five essential
    /// and sequential steps: housing supports first, then individualized service planning,
    /// self awareness, self management, and finally a rebuilt, reframed life. Each step
    /// builds on the one before, so a participant's recorded stage should not jump ahead;
    /// moving back a step when life gets harder is part of the work.
    ///
    /// ## Example that fails
    /// `housing-supports` on 2025-07-28, then `self-awareness` on 2025-11-07: one finding
    /// at `/enrollments/0/stage_history/1` on 2025-11-07, skipping
    /// `individualized-service-planning`.
    ///
    /// ## Example that passes
    /// `housing-supports`, `individualized-service-planning`, `self-awareness`,
    /// `self-management`, back to `self-awareness`, then `self-management` again.
    pub struct StageSkipped;
    meta {
        code: "PLAN010",
        name: "stage-skipped",
        area: Area::Plan,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "The recorded stage skipped a step of the five sequential steps to housing stability.",
        help: "Check the stage history: record the stage that was skipped with the date it was worked on, or correct the stage entered.",
        requirements: &[Citation {
            id: "R-PLAN-9",
            source: "001",
            section: "You follow the five essential and sequential steps to housing stability",
        }],
        params: &[],
    }
}

impl Rule for StageSkipped {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        for (path, enrollment) in cx.enrollments() {
            if enrollment.entered_on > cx.as_of {
                continue;
            }
            let end = cx.end_of(enrollment);
            let history = path.key("stage_history");
            if enrollment.stage_history.is_empty() {
                out.findings.push(cx.not_evaluated(
                    &history,
                    end,
                    format!("enrollment {} records no stage history", enrollment.id),
                ));
                continue;
            }
            let mut changes: Vec<_> = enrollment
                .stage_history
                .iter()
                .enumerate()
                .filter(|(_, c)| c.entered_on <= end)
                .map(|(i, c)| (c.entered_on, c.stage.ordinal(), i, c.stage))
                .collect();
            changes.sort_unstable();
            let mut previous: Option<Stage> = None;
            for (on, ordinal, i, stage) in changes {
                let message = match previous {
                    None if stage != Stage::HousingSupports => Some(format!(
                        "first recorded stage is {} (stage {ordinal}); it must be housing-supports",
                        stage_id(stage)
                    )),
                    Some(before) if ordinal > before.ordinal().saturating_add(1) => Some(format!(
                        "stage moved from {} (stage {}) to {} (stage {ordinal}), skipping {} stage(s)",
                        stage_id(before),
                        before.ordinal(),
                        stage_id(stage),
                        ordinal - before.ordinal() - 1
                    )),
                    _ => None,
                };
                if let Some(message) = message {
                    out.findings
                        .push(cx.finding(&history.index(i), on, message));
                }
                previous = Some(stage);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::FindingKind;
    use crate::param::Params;
    use hearth_catalog::Catalog;

    fn run(stages: &[(&str, &str)]) -> Vec<(FindingKind, String, String, String)> {
        let list: Vec<String> = stages
            .iter()
            .map(|(s, d)| format!(r#"{{"stage":"{s}","entered_on":"{d}"}}"#))
            .collect();
        let text = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"icm-rrh","entered_on":"2025-07-01","stage_history":[{}]}}]}}"#,
            list.join(",")
        );
        let case = hearth_model::parse_case_file(&text).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::default();
        let cx = CaseContext::new(
            &case,
            "2026-06-30".parse().unwrap(),
            &catalog,
            &params,
            &StageSkipped::META,
        );
        let mut out = Out::default();
        StageSkipped.check(&cx, &mut out);
        out.findings
            .into_iter()
            .map(|f| (f.kind, f.path, f.on.to_string(), f.message))
            .collect()
    }

    #[test]
    fn forward_one_back_any_and_skips() {
        assert!(run(&[
            ("self-awareness", "2026-01-01"),
            ("housing-supports", "2025-07-01"),
            ("self-management", "2026-03-01"),
            ("individualized-service-planning", "2025-10-01"),
            ("housing-supports", "2026-04-01"),
            ("housing-supports", "2026-04-02"),
            ("individualized-service-planning", "2026-05-01"),
            ("rebuilt-reframed", "2026-07-01"),
        ])
        .is_empty());
        let got = run(&[
            ("individualized-service-planning", "2025-07-01"),
            ("self-management", "2025-09-01"),
            ("self-awareness", "2025-10-01"),
            ("rebuilt-reframed", "2025-12-01"),
        ]);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].1, "/enrollments/0/stage_history/0");
        assert_eq!(got[1].1, "/enrollments/0/stage_history/1");
        assert_eq!(
            got[1].3,
            "stage moved from individualized-service-planning (stage 2) to self-management (stage 4), skipping 1 stage(s)"
        );
        assert_eq!(got[2].1, "/enrollments/0/stage_history/3");
        assert_eq!(got[2].2, "2025-12-01");
    }

    #[test]
    fn same_day_changes_sort_by_stage_and_empty_history_is_not_evaluated() {
        assert!(run(&[
            ("self-awareness", "2025-07-01"),
            ("individualized-service-planning", "2025-07-01"),
            ("housing-supports", "2025-07-01"),
        ])
        .is_empty());
        let got = run(&[]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, FindingKind::NotEvaluated);
        assert_eq!(got[0].1, "/enrollments/0/stage_history");
    }
}
