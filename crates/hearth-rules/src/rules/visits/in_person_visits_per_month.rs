use chrono::NaiveDate;
use hearth_model::Tier;

use super::common::{self, Dated};
use crate::calendar;
use crate::context::{CaseContext, Out};
use crate::param::{ParamDefault, ParamKind, ParamSpec};
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every calendar month of an enrollment has at least the tier's number of
    /// in-person visits: `high_billing_min` (default 2) for `high-billing`,
    /// `low_billing_min` (default 1) for `low-billing`. The tier is the enrollment's
    /// `tier`, or `default_tier` (default `high-billing`) when the enrollment has none.
    ///
    /// - **What counts**: contacts (status `completed`, participant present, any kind but
    ///   `collateral`) with mode `in-person`, dated (local date of `started_at` in its own
    ///   offset) inside the enrollment, `[entered_on, end]`, where the end is the exit date
    ///   once the participant has exited, else the evaluation date. Phone, video and text
    ///   contacts, no-shows, cancellations and attempts do not count.
    /// - **Months**: calendar months, 1st to last day. A month only partly inside the
    ///   enrollment (entered after the 1st, or exited before the last day) is judged by
    ///   `partial_months`: `skip` (default) does not judge it; `full` asks the whole
    ///   minimum; `prorate` asks `ceil(minimum × days inside ÷ days in the month)`, days
    ///   counted inclusively (entered on the 21st of a 31-day month: 11 days inside, so a
    ///   minimum of 2 becomes 1).
    /// - **The month in progress** (the month holding the evaluation date, while the
    ///   enrollment is open; the evaluation day itself is not over, so this includes an
    ///   evaluation on the month's last day) is never a finding under `in_progress_month =
    ///   "obligation"` (default): it gives an `in-person-visits` obligation instead, with
    ///   `window_start` the later of the 1st and the entry date, `due_on` the month's last
    ///   day (or the recorded exit date when it falls earlier in the month), `remaining`
    ///   the visits still needed and `done_on` the date of the visit that met the minimum.
    ///   Under `"judge-to-date"` the month also gives a finding when it has fewer than
    ///   `floor(needed × days elapsed ÷ days in the window)` visits (needed: the month's
    ///   requirement after `partial_months`), days elapsed counted
    ///   from the window's first day to the evaluation date inclusive (rounded down, so the
    ///   first days of a month never need a visit already).
    /// - **The finding**: one per short month, at the month's first encounter of any kind
    ///   and status (by `started_at`, then id) inside the enrollment, or at the
    ///   enrollment's `encounters` list when the month has none. Its date (`on`) is the
    ///   month's last day inside the enrollment (the month's last day, or the exit date);
    ///   for a month judged to date, the evaluation date.
    ///
    /// An entry date before 1900-01-01 (`calendar::EARLIEST_WALKED`: a typing error, not
    /// history) gives a not-evaluated finding at its `entered_on`, and months are
    /// counted from January 1900. Likewise an evaluation date (or exit date) after
    /// 2200-12-31 (`calendar::LATEST_WALKED`) gives a not-evaluated finding at the
    /// enrollment (or its `exit/exited_on`), and months are counted to December 2200.
    ///
    /// Every enrollment of a case file is judged: the policy decides which programs the
    /// rule runs for (the ICMS policies).
    ///
    /// ## Why
    /// ICMS asks case managers to prioritise face-to-face engagement: a participant on the
    /// high billing tier is seen in person at least twice every calendar month, one on
    /// the low billing tier at least once. Calls and video keep contact between visits
    /// but do not replace them, and contacts with landlords or providers about the
    /// participant are not visits at all.
    ///
    /// ## Example that fails
    /// A high-billing enrollment whose December has an in-person home visit on 12-09 and
    /// a phone call on 12-23: one finding at the 12-09 encounter, dated 2025-12-31,
    /// "2025-12: 1 in-person visit; at least 2 needed (high-billing)".
    ///
    /// ## Example that passes
    /// The same December with the 12-23 contact made in person; the month the enrollment
    /// began on the 21st is skipped (partial), and the month in progress shows as an
    /// `in-person-visits` obligation rather than a finding.
    pub struct InPersonVisitsPerMonth;
    meta {
        code: "VISIT001",
        name: "in-person-visits-per-month",
        area: Area::Visit,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A calendar month has fewer in-person visits than the billing tier's minimum (2 high, 1 low).",
        help: "Schedule the missing in-person visits (home visits where feasible); record phone and video contacts too, but they do not count toward the monthly minimum.",
        requirements: &[Citation {
            id: "R-VISIT-1",
            source: "000",
            section: "Engagement & Care Planning: \"Prioritize in-person engagement when feasible\" (high billing 2, low billing 1 in-person visits/month minimum)",
        }],
        params: &[
            ParamSpec {
                name: "high_billing_min",
                doc: "In-person visits needed per calendar month on the high billing tier (count).",
                kind: ParamKind::Integer { min: 1, max: 31 },
                default: ParamDefault::Integer(2),
            },
            ParamSpec {
                name: "low_billing_min",
                doc: "In-person visits needed per calendar month on the low billing tier (count).",
                kind: ParamKind::Integer { min: 1, max: 31 },
                default: ParamDefault::Integer(1),
            },
            ParamSpec {
                name: "default_tier",
                doc: "The tier assumed for an enrollment that records none.",
                kind: ParamKind::Choice(&["high-billing", "low-billing"]),
                default: ParamDefault::Choice("high-billing"),
            },
            ParamSpec {
                name: "partial_months",
                doc: "How a month only partly inside the enrollment is judged: \"skip\" (not judged), \"prorate\" (ceil of minimum × days inside ÷ days in month), \"full\" (whole minimum).",
                kind: ParamKind::Choice(&["skip", "prorate", "full"]),
                default: ParamDefault::Choice("skip"),
            },
            ParamSpec {
                name: "in_progress_month",
                doc: "How the month holding the evaluation date is judged: \"obligation\" (only an obligation) or \"judge-to-date\" (also a finding when short of the minimum prorated, rounded down, by days elapsed).",
                kind: ParamKind::Choice(&["obligation", "judge-to-date"]),
                default: ParamDefault::Choice("obligation"),
            },
        ],
    }
}

/// How a month only partly inside the enrollment is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Partial {
    Skip,
    Prorate,
    Full,
}

/// `ceil(a × b ÷ c)` for non-negative `a`, `b` and positive `c`; `a` when `c` is not
/// positive.
fn ceil_share(a: i64, b: i64, c: i64) -> i64 {
    if c <= 0 {
        return a;
    }
    let product = a.saturating_mul(b);
    product.saturating_add(c - 1) / c
}

/// `floor(a × b ÷ c)` for non-negative `a`, `b` and positive `c`; `a` when `c` is not
/// positive.
fn floor_share(a: i64, b: i64, c: i64) -> i64 {
    if c <= 0 {
        return a;
    }
    a.saturating_mul(b) / c
}

/// The days from `from` to `to`, both included.
fn days_inclusive(from: NaiveDate, to: NaiveDate) -> i64 {
    calendar::days_between(from, to).saturating_add(1)
}

/// The visits a month needs: `None` when a partial month is skipped.
fn needed(minimum: i64, partial: Partial, days_inside: i64, days_in_month: i64) -> Option<i64> {
    if days_inside >= days_in_month {
        return Some(minimum);
    }
    match partial {
        Partial::Skip => None,
        Partial::Full => Some(minimum),
        Partial::Prorate => Some(ceil_share(minimum, days_inside, days_in_month)),
    }
}

impl Rule for InPersonVisitsPerMonth {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let high = cx.params.int("high_billing_min");
        let low = cx.params.int("low_billing_min");
        let default_low = cx.params.choice("default_tier") == "low-billing";
        let partial = match cx.params.choice("partial_months") {
            "prorate" => Partial::Prorate,
            "full" => Partial::Full,
            _ => Partial::Skip,
        };
        let judge_to_date = cx.params.choice("in_progress_month") == "judge-to-date";

        for (path, enrollment) in cx.enrollments() {
            let low_tier = match enrollment.tier {
                Some(Tier::LowBilling) => true,
                Some(Tier::HighBilling) => false,
                None => default_low,
            };
            let (tier, minimum) = if low_tier {
                ("low-billing", low)
            } else {
                ("high-billing", high)
            };
            let end = cx.end_of(enrollment);
            let open = cx.is_open(enrollment);
            let planned_exit = enrollment.exit.as_ref().map(|x| x.exited_on);
            let encounters = common::encounters_in_window(cx, enrollment);
            let list_path = path.key("encounters");

            let mut first_month = enrollment.entered_on;
            if first_month < calendar::EARLIEST_WALKED {
                out.findings.push(cx.not_evaluated(
                    &path.key("entered_on"),
                    calendar::EARLIEST_WALKED,
                    format!(
                        "entry date before {}: months before it are not counted; check the entry date",
                        calendar::EARLIEST_WALKED
                    ),
                ));
                first_month = calendar::EARLIEST_WALKED;
            }
            let mut end = end;
            if end > calendar::LATEST_WALKED {
                let (at, date) = if open {
                    (path.clone(), "evaluation date")
                } else {
                    (path.key("exit").key("exited_on"), "exit date")
                };
                out.findings.push(cx.not_evaluated(
                    &at,
                    calendar::LATEST_WALKED,
                    format!(
                        "{date} after {}: months after it are not counted; check the {date}",
                        calendar::LATEST_WALKED
                    ),
                ));
                end = calendar::LATEST_WALKED;
            }
            for month in calendar::months_between(first_month, end) {
                let month_end = calendar::month_end(month);
                let in_progress = open && month <= cx.as_of && cx.as_of <= month_end;
                let window_start = month.max(enrollment.entered_on);
                let window_end = if in_progress {
                    planned_exit.map_or(month_end, |exit| exit.min(month_end))
                } else {
                    end.min(month_end)
                };
                let days_in_month = days_inclusive(month, month_end);
                let days_inside = days_inclusive(window_start, window_end);
                let Some(need) = needed(minimum, partial, days_inside, days_in_month) else {
                    continue;
                };
                let counted_to = window_end.min(cx.as_of);
                // The encounters are sorted by date: the month's are one slice of them.
                let from = encounters.partition_point(|d| d.date < window_start);
                let to = encounters.partition_point(|d| d.date <= counted_to);
                let in_month: &[Dated<'_>] = encounters.get(from..to).unwrap_or(&[]);
                let visits: Vec<&Dated<'_>> = in_month
                    .iter()
                    .filter(|d| common::is_in_person_contact(d.encounter))
                    .collect();
                let done = i64::try_from(visits.len()).unwrap_or(i64::MAX);
                let first = in_month.iter().min_by(|a, b| {
                    a.encounter
                        .started_at
                        .cmp(&b.encounter.started_at)
                        .then_with(|| a.encounter.id.cmp(&b.encounter.id))
                        .then_with(|| a.index.cmp(&b.index))
                });
                let finding_path = first.map_or_else(|| list_path.clone(), |d| d.path(&path));
                let label = month.format("%Y-%m");
                let prorated = if days_inside < days_in_month && partial == Partial::Prorate {
                    format!(", prorated for {days_inside} of {days_in_month} days")
                } else {
                    String::new()
                };

                if in_progress {
                    let done_on = usize::try_from(need.saturating_sub(1))
                        .ok()
                        .and_then(|i| visits.get(i))
                        .map(|d| d.date)
                        .or_else(|| (need <= 0).then_some(window_start));
                    let remaining = u32::try_from(need.saturating_sub(done).max(0)).unwrap_or(0);
                    out.obligations.push(
                        cx.obligation(
                            enrollment,
                            "in-person-visits",
                            "R-VISIT-1",
                            format!(
                                "{label}: at least {} ({tier}{prorated}); {done} done",
                                common::counted(need, "in-person visit")
                            ),
                            &list_path,
                            window_end,
                            done_on,
                        )
                        .with_window_start(window_start)
                        .with_remaining(remaining),
                    );
                    if judge_to_date {
                        let elapsed = days_inclusive(window_start, cx.as_of);
                        let need_now = floor_share(need, elapsed, days_inside);
                        if done < need_now {
                            out.findings.push(cx.finding(
                                &finding_path,
                                cx.as_of,
                                format!(
                                    "{label} to {}: {}; at least {need_now} needed by now ({tier}{prorated}, {need} for the month)",
                                    cx.as_of,
                                    common::counted(done, "in-person visit")
                                ),
                            ));
                        }
                    }
                } else if done < need {
                    out.findings.push(cx.finding(
                        &finding_path,
                        window_end,
                        format!(
                            "{label}: {}; at least {need} needed ({tier}{prorated})",
                            common::counted(done, "in-person visit")
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, Obligation, ParamValue, Params};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn enc(id: &str, at: &str, mode: &str, extra: &str) -> String {
        format!(r#"{{"id":"{id}","started_at":"{at}","mode":"{mode}"{extra}}}"#)
    }

    fn run_with(
        enrollment_extra: &str,
        encounters: &[String],
        as_of: &str,
        set: &[(&str, &str)],
    ) -> (Vec<Finding>, Vec<Obligation>) {
        let json = format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},"enrollments":[{{"id":"E1","program":"icms","entered_on":"2026-01-01"{enrollment_extra},"encounters":[{}]}}]}}"#,
            encounters.join(",")
        );
        let case = hearth_model::parse_case_file(&json).unwrap();
        let mut params = Params::defaults(InPersonVisitsPerMonth::META.params);
        for (k, v) in set {
            params.set(k, ParamValue::Text((*v).to_owned()));
        }
        let cx = CaseContext::new(
            &case,
            d(as_of),
            crate::builtin_catalog(),
            &params,
            &InPersonVisitsPerMonth::META,
        );
        let mut out = Out::default();
        InPersonVisitsPerMonth.check(&cx, &mut out);
        (out.findings, out.obligations)
    }

    #[test]
    fn shares_round_as_documented() {
        assert_eq!(ceil_share(2, 11, 31), 1);
        assert_eq!(ceil_share(2, 16, 31), 2);
        assert_eq!(ceil_share(1, 1, 31), 1);
        assert_eq!(floor_share(2, 20, 28), 1);
        assert_eq!(floor_share(2, 28, 28), 2);
        assert_eq!(floor_share(1, 1, 0), 1);
        assert_eq!(needed(2, Partial::Skip, 11, 31), None);
        assert_eq!(needed(2, Partial::Full, 11, 31), Some(2));
        assert_eq!(needed(2, Partial::Skip, 31, 31), Some(2));
    }

    #[test]
    fn exactly_the_minimum_passes_one_less_fails() {
        let two = [
            enc("A", "2026-01-05T10:00:00-08:00", "in-person", ""),
            enc("B", "2026-01-31T23:30:00-08:00", "in-person", ""),
        ];
        let (f, _) = run_with(r#","tier":"high-billing""#, &two, "2026-02-10", &[]);
        assert!(f.is_empty(), "{f:#?}");
        // The second visit is on Feb 1 in UTC but Jan 31 locally: it still counts for
        // January. Made by phone instead, January is short.
        let one = [
            enc("A", "2026-01-05T10:00:00-08:00", "in-person", ""),
            enc("B", "2026-01-31T23:30:00-08:00", "phone", ""),
        ];
        let (f, _) = run_with(r#","tier":"high-billing""#, &one, "2026-02-10", &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/enrollments/0/encounters/0");
        assert_eq!(f[0].on, d("2026-01-31"));
        assert_eq!(
            f[0].message,
            "2026-01: 1 in-person visit; at least 2 needed (high-billing)"
        );
    }

    #[test]
    fn collateral_and_no_shows_do_not_count() {
        let encounters = [
            enc("A", "2026-01-05T10:00:00-08:00", "in-person", ""),
            enc(
                "B",
                "2026-01-06T10:00:00-08:00",
                "in-person",
                r#","kind":"collateral","participant_present":false"#,
            ),
            enc(
                "C",
                "2026-01-07T10:00:00-08:00",
                "in-person",
                r#","status":"no-show""#,
            ),
        ];
        let (f, _) = run_with("", &encounters, "2026-02-10", &[]);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.starts_with("2026-01: 1 in-person visit;"));
    }

    #[test]
    fn default_tier_applies_only_without_a_tier() {
        let one = [enc("A", "2026-01-05T10:00:00-08:00", "in-person", "")];
        let (f, _) = run_with("", &one, "2026-02-10", &[("default_tier", "low-billing")]);
        assert!(f.is_empty());
        let (f, _) = run_with(
            r#","tier":"high-billing""#,
            &one,
            "2026-02-10",
            &[("default_tier", "low-billing")],
        );
        assert_eq!(f.len(), 1);
    }

    #[test]
    fn an_entry_before_1900_is_walked_from_1900_and_reported_not_evaluated() {
        let json = r#"{"schema_version":"1.0","participant":{"id":"P"},"enrollments":[{"id":"E1","program":"icms","tier":"low-billing","entered_on":"2026-01-01"}]}"#;
        let mut case = hearth_model::parse_case_file(json).unwrap();
        case.enrollments[0].entered_on = d("0002-03-04");
        let params = Params::defaults(InPersonVisitsPerMonth::META.params);
        let cx = CaseContext::new(
            &case,
            d("1900-03-10"),
            crate::builtin_catalog(),
            &params,
            &InPersonVisitsPerMonth::META,
        );
        let mut out = Out::default();
        InPersonVisitsPerMonth.check(&cx, &mut out);
        let not_evaluated: Vec<_> = out
            .findings
            .iter()
            .filter(|f| f.kind == crate::FindingKind::NotEvaluated)
            .collect();
        assert_eq!(not_evaluated.len(), 1, "{:#?}", out.findings);
        assert_eq!(not_evaluated[0].path, "/enrollments/0/entered_on");
        // January and February 1900 are short; March is in progress.
        assert_eq!(out.findings.len(), 3, "{:#?}", out.findings);
        assert_eq!(out.obligations.len(), 1);
    }

    #[test]
    fn an_evaluation_after_2200_is_walked_to_2200_and_reported_not_evaluated() {
        // Found by fuzzing: as of chrono's last day, one open enrollment gave a finding
        // for each of three million months.
        let json = r#"{"schema_version":"1.0","participant":{"id":"P"},"enrollments":[{"id":"E1","program":"icms","tier":"low-billing","entered_on":"2200-10-01"}]}"#;
        let case = hearth_model::parse_case_file(json).unwrap();
        let params = Params::defaults(InPersonVisitsPerMonth::META.params);
        let cx = CaseContext::new(
            &case,
            NaiveDate::MAX,
            crate::builtin_catalog(),
            &params,
            &InPersonVisitsPerMonth::META,
        );
        let mut out = Out::default();
        InPersonVisitsPerMonth.check(&cx, &mut out);
        let not_evaluated: Vec<_> = out
            .findings
            .iter()
            .filter(|f| f.kind == crate::FindingKind::NotEvaluated)
            .collect();
        assert_eq!(not_evaluated.len(), 1, "{:#?}", out.findings);
        assert_eq!(not_evaluated[0].path, "/enrollments/0");
        assert_eq!(not_evaluated[0].on, calendar::LATEST_WALKED);
        // October, November and December 2200 are short; nothing is in progress.
        assert_eq!(out.findings.len(), 4, "{:#?}", out.findings);
        assert!(out.obligations.is_empty());
    }

    #[test]
    fn empty_month_points_at_the_list() {
        let (f, _) = run_with(r#","tier":"low-billing""#, &[], "2026-02-10", &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].path, "/enrollments/0/encounters");
        assert_eq!(
            f[0].message,
            "2026-01: 0 in-person visits; at least 1 needed (low-billing)"
        );
    }

    #[test]
    fn partial_months_by_parameter() {
        // Exited 2026-01-11: January has 11 of 31 days inside.
        let exit = r#","tier":"high-billing","exit":{"exited_on":"2026-01-11","kind":"positive"}"#;
        let none: [String; 0] = [];
        let (f, o) = run_with(exit, &none, "2026-02-10", &[]);
        assert!(f.is_empty() && o.is_empty());
        let (f, _) = run_with(exit, &none, "2026-02-10", &[("partial_months", "prorate")]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].on, d("2026-01-11"));
        assert_eq!(
            f[0].message,
            "2026-01: 0 in-person visits; at least 1 needed (high-billing, prorated for 11 of 31 days)"
        );
        let (f, _) = run_with(exit, &none, "2026-02-10", &[("partial_months", "full")]);
        assert!(f[0].message.contains("at least 2 needed"));
    }

    #[test]
    fn month_in_progress_is_an_obligation() {
        let encounters = [
            enc("A", "2026-02-03T10:00:00-08:00", "in-person", ""),
            enc("B", "2026-01-05T10:00:00-08:00", "in-person", ""),
            enc("C", "2026-01-20T10:00:00-08:00", "in-person", ""),
        ];
        let (f, o) = run_with(r#","tier":"high-billing""#, &encounters, "2026-02-28", &[]);
        assert!(f.is_empty(), "{f:#?}");
        assert_eq!(o.len(), 1);
        let ob = &o[0];
        assert_eq!(ob.kind, "in-person-visits");
        assert_eq!(ob.window_start, Some(d("2026-02-01")));
        assert_eq!(ob.due_on, Some(d("2026-02-28")));
        assert_eq!(ob.remaining, Some(1));
        assert_eq!(ob.done_on, None);
        assert_eq!(ob.status.as_str(), "due-soon");

        // Judged to date on the 20th: floor(2 × 20 / 28) = 1 needed, 1 done.
        let (f, _) = run_with(
            r#","tier":"high-billing""#,
            &encounters,
            "2026-02-20",
            &[("in_progress_month", "judge-to-date")],
        );
        assert!(f.is_empty());
        // With no February visit yet, it is short.
        let (f, _) = run_with(
            r#","tier":"high-billing""#,
            &encounters[1..],
            "2026-02-20",
            &[("in_progress_month", "judge-to-date")],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].on, d("2026-02-20"));
        assert_eq!(f[0].path, "/enrollments/0/encounters");
    }

    #[test]
    fn obligation_done_on_is_the_visit_that_met_the_minimum() {
        let encounters = [
            enc("Z", "2026-02-17T10:00:00-08:00", "in-person", ""),
            enc("Y", "2026-02-03T10:00:00-08:00", "in-person", ""),
            enc("X", "2026-01-05T10:00:00-08:00", "in-person", ""),
            enc("W", "2026-01-20T10:00:00-08:00", "in-person", ""),
        ];
        let (_, o) = run_with(r#","tier":"high-billing""#, &encounters, "2026-02-20", &[]);
        assert_eq!(o[0].done_on, Some(d("2026-02-17")));
        assert_eq!(o[0].remaining, Some(0));
        assert_eq!(o[0].status.as_str(), "done");
    }

    #[test]
    fn input_order_does_not_change_findings() {
        let mut encounters = vec![
            enc("A", "2026-01-05T10:00:00-08:00", "phone", ""),
            enc("B", "2026-01-05T10:00:00-08:00", "in-person", ""),
            enc("C", "2026-02-09T10:00:00-08:00", "in-person", ""),
        ];
        let (f1, _) = run_with("", &encounters, "2026-03-10", &[]);
        encounters.reverse();
        let (f2, _) = run_with("", &encounters, "2026-03-10", &[]);
        let key = |f: &Vec<Finding>| {
            f.iter()
                .map(|x| (x.message.clone(), x.on))
                .collect::<Vec<_>>()
        };
        assert_eq!(key(&f1), key(&f2));
        // Same started_at: the first by id is A, at index 0 then at index 2.
        assert_eq!(f1[0].path, "/enrollments/0/encounters/0");
        assert_eq!(f2[0].path, "/enrollments/0/encounters/2");
    }
}
