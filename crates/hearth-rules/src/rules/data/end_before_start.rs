use hearth_model::walk::{date_pairs, date_pairs_at, Unlocated};

use crate::context::{CaseContext, Out};
use crate::path::Pointer;
use crate::rule::{Area, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That no record ends before it starts. For each pair below, when both dates are
    /// recorded, the second may be the same day as the first or later, never earlier:
    ///
    /// | record | starts | ends (or follows) |
    /// | --- | --- | --- |
    /// | enrollment | `entered_on` | `exit/exited_on` |
    /// | care plan | `created_on` | each `reviews/N/reviewed_on` |
    /// | goal | `set_on` | `closed_on` |
    /// | planned service | `starts_on` | `ends_on` |
    /// | action step | `added_on` | `done_on` |
    /// | plan phase | `started_on` | `ended_on` |
    /// | encounter | `started_at` | `documented_at`, `next_visit/scheduled_for` (as moments) |
    /// | consent | `signed_on` | `expires_on`, `revoked_on` |
    /// | refusal | `refused_on` | each of `follow_ups`, `obtained_on` |
    /// | risk observation | `observed_on` | `resolved_on` |
    /// | harm-reduction plan | `created_on` | `updated_on` |
    /// | crisis plan | `created_on` | each of `updated_on` |
    /// | crisis incident | `occurred_at` (its local date) | `debriefed_on` |
    /// | referral | `made_on` | `linked_on` |
    /// | assessment | `started_on` | `completed_on` |
    /// | termination | `decided_on` | `effective_on` |
    /// | appeal | `filed_on` | `heard_on`, `decided_on` |
    ///
    /// One finding per pair out of order, at the later field (the one that is too
    /// early), naming both fields and both dates. Findings are dated the evaluation
    /// date: the records are wrong as they stand, whatever day they are about.
    ///
    /// ## Why
    /// Every other rule measures time between these dates: days from entry to the first
    /// plan, months of an enrollment, days from an encounter to its note. An end before
    /// its start is a typing error (a swapped day and month, a wrong year), and the
    /// intervals computed from it are negative or nonsense, so the findings built on them
    /// cannot be trusted until the dates are fixed. This rule enforces no requirement of
    /// the standards; it guards the others, and is on in every built-in policy.
    ///
    /// ## Example that fails
    /// Enrollment `ENR-1` entered on 2026-03-01 with `exit.exited_on` 2026-01-05: a
    /// finding at `/enrollments/0/exit/exited_on`, "enrollment ENR-1: exit/exited_on
    /// 2026-01-05 is before entered_on 2026-03-01".
    ///
    /// ## Example that passes
    /// The same enrollment exited on 2026-05-01 (or on 2026-03-01, the day it began).
    pub struct EndBeforeStart;
    meta {
        code: "DATA001",
        name: "end-before-start",
        area: Area::Data,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "A record ends (or is followed up) before it starts.",
        help: "Correct the earlier or the later date in the source system (a swapped day and month or a wrong year is the usual cause), then export again.",
        requirements: &[],
        params: &[],
    }
}

impl Rule for EndBeforeStart {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        // The pairs are listed once, beside the model (`hearth_model::walk::date_pairs`),
        // whose tests fail when a date field of the model is in no pair and not listed
        // as standing alone. The walk runs without paths; a pair out of order is found
        // again, with its path, by the same walk in the same order.
        let mut wrong = Vec::new();
        let mut n = 0usize;
        date_pairs_at(cx.case, Unlocated, &mut |pair| {
            if pair.is_out_of_order() {
                wrong.push(n);
            }
            n += 1;
        });
        if wrong.is_empty() {
            return;
        }
        let mut n = 0usize;
        date_pairs(cx.case, &mut |pair| {
            if wrong.contains(&n) {
                out.findings.push(cx.finding(
                    &Pointer::from_field_path(&pair.end_path()),
                    cx.as_of,
                    format!(
                        "{}: {} {} is before {} {}",
                        pair.record, pair.end_field, pair.end, pair.start_field, pair.start
                    ),
                ));
            }
            n += 1;
        });
    }
}
