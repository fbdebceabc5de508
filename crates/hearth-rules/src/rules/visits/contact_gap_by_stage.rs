use chrono::NaiveDate;
use hearth_model::{Enrollment, Stage};

use super::common::{self, STAGE_IDS};
use crate::calendar;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That the participant is never left longer without contact than their stage on the
    /// five steps to housing stability allows: `early_max_gap_days` (default 7) in the
    /// early stages, `later_max_gap_days` (default 28) from stage `later_stages_from`
    /// (default `self-awareness`) on.
    ///
    /// - **What counts**: contacts of any mode (status `completed`, participant present,
    ///   any kind but `collateral`), on the local date of `started_at` in its own offset,
    ///   inside the enrollment `[entered_on, end]` (end: the exit date once exited, else
    ///   the evaluation date). No-shows, cancellations, attempts and collateral contacts
    ///   are not contact.
    /// - **Stage in force** on a date: the latest `stage_history` entry dated on or before
    ///   it (two entries on the same day: the further stage). Before the first entry the
    ///   participant is taken to be in `housing-supports`, the first step.
    /// - **Gaps**: a gap is `later - earlier` in days between consecutive contacts, and
    ///   between the entry date and the first contact. A gap longer than the maximum of the
    ///   stage in force on its first day (the earlier contact, or the entry date) is a
    ///   finding at the later contact, dated that contact's day: exactly the maximum
    ///   passes, one day more fails.
    /// - **Trailing gap**: when the days from the last contact (or the entry date) to the
    ///   end exceed the maximum, a finding at the last contact (or the enrollment's
    ///   `encounters` list when there is none), dated the day the maximum ran out
    ///   (last + maximum + 1).
    /// - **No stage history**: the maximum cannot be chosen, so one `not-evaluated`
    ///   finding at `/enrollments/N/stage_history`, dated the end.
    /// - **Obligation** (open enrollments): `contact`, due on the last contact (or entry)
    ///   plus the maximum of the stage in force then.
    ///
    /// ## Why
    /// Intensive case management is built on frequent, planned meetings: participants in
    /// the early stages are seen at least weekly, and only those in the later stages may
    /// have visits spaced out to every two to four weeks. The example data follow this
    /// split: `housing-supports` and `individualized-service-planning` are weekly,
    /// `self-awareness` onward every two to four weeks, hence the default of
    /// `later_stages_from`.
    ///
    /// ## Example that fails
    /// In `housing-supports`, contacts on 2025-09-08 and 2025-09-26 with a no-show on
    /// 09-15 between them: an 18-day gap, one finding at the 09-26 encounter, "E008 on
    /// 2025-09-26: 18 days since the previous contact E007 (2025-09-08); at most 7 in
    /// stage housing-supports".
    ///
    /// ## Example that passes
    /// The same enrollment with the 09-15 visit held: gaps of 7 and 11 days, the second
    /// starting in `self-awareness` (at most 28).
    pub struct ContactGapByStage;
    meta {
        code: "VISIT002",
        name: "contact-gap-by-stage",
        area: Area::Visit,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "Too long without contact for the participant's ICM stage (7 days early, 28 days later).",
        help: "Make contact now and plan the next meetings at the stage's frequency: at least weekly in the early stages, every two to four weeks later on. Record the stage changes in stage_history.",
        requirements: &[Citation {
            id: "R-VISIT-2",
            source: "001",
            section: "Meetings are more frequent and intensive",
        }],
        params: &[
            ParamSpec {
                name: "early_max_gap_days",
                doc: "The longest gap between contacts, in days, in the stages before `later_stages_from`.",
                kind: ParamKind::Integer { min: 1, max: 366 },
                default: ParamDefault::Integer(7),
            },
            ParamSpec {
                name: "later_max_gap_days",
                doc: "The longest gap between contacts, in days, from stage `later_stages_from` on.",
                kind: ParamKind::Integer { min: 1, max: 366 },
                default: ParamDefault::Integer(28),
            },
            ParamSpec {
                name: "later_stages_from",
                doc: "The first stage (of the five steps to housing stability) that counts as a later stage.",
                kind: ParamKind::Choice(STAGE_IDS),
                default: ParamDefault::Choice("self-awareness"),
            },
        ],
    }
}

/// The recorded stages of an enrollment, sorted by date, to look up the stage in force.
struct Stages {
    /// (date entered, stage), sorted by date then ordinal.
    entries: Vec<(NaiveDate, Stage)>,
}

impl Stages {
    fn of(enrollment: &Enrollment) -> Stages {
        let mut entries: Vec<(NaiveDate, Stage)> = enrollment
            .stage_history
            .iter()
            .map(|s| (s.entered_on, s.stage))
            .collect();
        entries.sort_by_key(|(date, stage)| (*date, stage.ordinal()));
        Stages { entries }
    }

    /// The stage in force on `date`: the latest entry on or before it; before the first
    /// entry, the first step (`housing-supports`).
    fn at(&self, date: NaiveDate) -> Stage {
        let after = self.entries.partition_point(|(d, _)| *d <= date);
        after
            .checked_sub(1)
            .and_then(|i| self.entries.get(i))
            .map_or(Stage::HousingSupports, |(_, stage)| *stage)
    }
}

/// The longest allowed gap, in days, in `stage`.
struct Limits {
    early: i64,
    later: i64,
    later_from: u8,
}

impl Limits {
    fn of(&self, stage: Stage) -> i64 {
        if stage.ordinal() >= self.later_from {
            self.later
        } else {
            self.early
        }
    }
}

impl Rule for ContactGapByStage {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let limits = Limits {
            early: cx.params.int("early_max_gap_days"),
            later: cx.params.int("later_max_gap_days"),
            later_from: common::stage_ordinal(cx.params.choice("later_stages_from")).unwrap_or(3),
        };
        for (path, enrollment) in cx.enrollments() {
            let end = cx.end_of(enrollment);
            if enrollment.stage_history.is_empty() {
                out.findings.push(cx.not_evaluated(
                    &path.key("stage_history"),
                    end,
                    format!(
                        "enrollment {} has no stage_history: the allowed contact gap depends on the stage",
                        enrollment.id
                    ),
                ));
                continue;
            }
            let stages = Stages::of(enrollment);
            let contacts: Vec<_> = common::encounters_in_window(cx, enrollment)
                .into_iter()
                .filter(|d| d.is_contact())
                .collect();

            // The start of the current gap: the entry date, then each contact.
            let mut since = enrollment.entered_on;
            let mut since_label = format!("entry ({since})");
            let mut last = None;
            for contact in &contacts {
                let stage = stages.at(since);
                let max = limits.of(stage);
                let gap = calendar::days_between(since, contact.date);
                if gap > max {
                    out.findings.push(cx.finding(
                        &contact.path(&path),
                        contact.date,
                        format!(
                            "{} on {}: {} since {since_label}; at most {max} in stage {}",
                            contact.id(),
                            contact.date,
                            common::counted(gap, "day"),
                            common::stage_id(stage)
                        ),
                    ));
                }
                since = contact.date;
                since_label = format!("the previous contact {} ({since})", contact.id());
                last = Some(contact);
            }

            let stage = stages.at(since);
            let max = limits.of(stage);
            let last_path = last.map_or_else(|| path.key("encounters"), |c| c.path(&path));
            let trailing = calendar::days_between(since, end);
            if trailing > max {
                let what = last.map_or_else(
                    || format!("no contact since entry ({since})"),
                    |c| format!("no contact since {} ({since})", c.id()),
                );
                out.findings.push(cx.finding(
                    &last_path,
                    calendar::add_days(since, max.saturating_add(1)),
                    format!(
                        "{what}: {} to {end}; at most {max} in stage {}",
                        common::counted(trailing, "day"),
                        common::stage_id(stage)
                    ),
                ));
            }
            if cx.is_open(enrollment) {
                let due = calendar::add_days(since, max);
                let after = last.map_or_else(
                    || format!("entry ({since})"),
                    |c| format!("{} ({since})", c.id()),
                );
                out.obligations.push(cx.obligation(
                    enrollment,
                    "contact",
                    "R-VISIT-2",
                    format!(
                        "next contact after {after} by {due} (stage {}: at most {max} days)",
                        common::stage_id(stage)
                    ),
                    &last_path,
                    due,
                    None,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, FindingKind, Obligation, ParamValue, Params};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn enc(id: &str, day: &str, extra: &str) -> String {
        format!(r#"{{"id":"{id}","started_at":"{day}T10:00:00-06:00","mode":"phone"{extra}}}"#)
    }

    fn run(
        stages: &str,
        encounters: &[String],
        as_of: &str,
        set: &[(&str, ParamValue)],
    ) -> (Vec<Finding>, Vec<Obligation>) {
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"icm-rrh","entered_on":"2026-01-01","stage_history":[{stages}],"encounters":[{}]}}]}}"#,
            encounters.join(",")
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let mut params = Params::defaults(ContactGapByStage::META.params);
        for (k, v) in set {
            params.set(k, v.clone());
        }
        let cx = CaseContext::new(
            &case,
            d(as_of),
            crate::builtin_catalog(),
            &params,
            &ContactGapByStage::META,
        );
        let mut out = Out::default();
        ContactGapByStage.check(&cx, &mut out);
        (out.findings, out.obligations)
    }

    const EARLY: &str = r#"{"stage":"housing-supports","entered_on":"2026-01-01"}"#;

    #[test]
    fn seven_days_pass_eight_fail() {
        let encounters = [
            enc("A", "2026-01-01", ""),
            enc("B", "2026-01-08", ""),
            enc("C", "2026-01-16", ""),
        ];
        let (f, o) = run(EARLY, &encounters, "2026-01-20", &[]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].path, "/enrollments/0/encounters/2");
        assert_eq!(f[0].on, d("2026-01-16"));
        assert_eq!(
            f[0].message,
            "C on 2026-01-16: 8 days since the previous contact B (2026-01-08); at most 7 in stage housing-supports"
        );
        assert_eq!(o.len(), 1);
        assert_eq!(o[0].kind, "contact");
        assert_eq!(o[0].due_on, Some(d("2026-01-23")));
        assert_eq!(o[0].path, "/enrollments/0/encounters/2");
    }

    #[test]
    fn trailing_gap_is_dated_when_the_maximum_ran_out() {
        let encounters = [enc("A", "2026-01-01", "")];
        let (f, _) = run(EARLY, &encounters, "2026-01-08", &[]);
        assert!(f.is_empty());
        let (f, _) = run(EARLY, &encounters, "2026-01-09", &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/enrollments/0/encounters/0");
        assert_eq!(f[0].on, d("2026-01-09"));
    }

    #[test]
    fn no_contact_at_all_is_measured_from_entry() {
        let none: [String; 0] = [];
        let (f, o) = run(EARLY, &none, "2026-01-20", &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/enrollments/0/encounters");
        assert_eq!(f[0].on, d("2026-01-09"));
        assert_eq!(o[0].due_on, Some(d("2026-01-08")));
    }

    #[test]
    fn stage_in_force_at_the_earlier_contact_sets_the_limit() {
        // Later stage from 01-10; a 20-day gap starting 01-10 is fine, one starting 01-09
        // (still early) is not.
        let stages = format!(r#"{EARLY},{{"stage":"self-awareness","entered_on":"2026-01-10"}}"#);
        let ok = [
            enc("A", "2026-01-03", ""),
            enc("B", "2026-01-10", ""),
            enc("C", "2026-01-30", ""),
        ];
        let (f, _) = run(&stages, &ok, "2026-02-01", &[]);
        assert!(f.is_empty(), "{f:#?}");
        let bad = [
            enc("A", "2026-01-03", ""),
            enc("B", "2026-01-09", ""),
            enc("C", "2026-01-29", ""),
        ];
        let (f, _) = run(&stages, &bad, "2026-02-01", &[]);
        assert_eq!(f.len(), 1);
        assert!(f[0]
            .message
            .ends_with("at most 7 in stage housing-supports"));
        // With later stages from self-management, self-awareness is early: the 20 days
        // from 01-10 are too long.
        let (f, _) = run(
            &stages,
            &ok,
            "2026-02-01",
            &[(
                "later_stages_from",
                ParamValue::Text("self-management".into()),
            )],
        );
        assert_eq!(f.len(), 1);
        assert!(f[0].message.ends_with("at most 7 in stage self-awareness"));
    }

    #[test]
    fn no_shows_and_collateral_are_not_contact_and_order_does_not_matter() {
        let mut encounters = vec![
            enc("A", "2026-01-01", ""),
            enc("B", "2026-01-07", r#","status":"no-show""#),
            enc(
                "C",
                "2026-01-08",
                r#","kind":"collateral","participant_present":false"#,
            ),
            enc("D", "2026-01-10", ""),
        ];
        let (f1, _) = run(EARLY, &encounters, "2026-01-12", &[]);
        assert_eq!(f1.len(), 1);
        assert!(f1[0].message.starts_with("D on 2026-01-10: 9 days"));
        encounters.reverse();
        let (f2, _) = run(EARLY, &encounters, "2026-01-12", &[]);
        assert_eq!(f2.len(), 1);
        assert_eq!(f1[0].message, f2[0].message);
        assert_eq!(f2[0].path, "/enrollments/0/encounters/0");
    }

    #[test]
    fn without_stage_history_it_is_not_evaluated() {
        let json = r#"{"schema_version":"1.0","participant":{"id":"P"},"enrollments":[{"id":"E1","program":"icm-rrh","entered_on":"2026-01-01"}]}"#;
        let case = hearth_model::parse_case_file(json).unwrap();
        let params = Params::defaults(ContactGapByStage::META.params);
        let cx = CaseContext::new(
            &case,
            d("2026-03-01"),
            crate::builtin_catalog(),
            &params,
            &ContactGapByStage::META,
        );
        let mut out = Out::default();
        ContactGapByStage.check(&cx, &mut out);
        assert_eq!(out.findings.len(), 1);
        assert_eq!(out.findings[0].kind, FindingKind::NotEvaluated);
        assert_eq!(out.findings[0].path, "/enrollments/0/stage_history");
        assert!(out.obligations.is_empty());
    }
}
