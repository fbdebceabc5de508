use std::fmt::Display;

use chrono::{DateTime, FixedOffset};
use hearth_model::Enrollment;

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

/// Checks pairs of one record, all pushing findings the same way.
struct Pairs<'c, 'a, 'o> {
    cx: &'c CaseContext<'a>,
    out: &'o mut Out,
}

impl Pairs<'_, '_, '_> {
    /// `end` (at `end_path`, named `end_field`) must not be before `start` (named
    /// `start_field`).
    fn check<T: PartialOrd + Display>(
        &mut self,
        record: &str,
        start_field: &str,
        start: Option<&T>,
        end_field: &str,
        end_path: Pointer,
        end: Option<&T>,
    ) {
        let (Some(start), Some(end)) = (start, end) else {
            return;
        };
        if end < start {
            self.out.findings.push(self.cx.finding(
                &end_path,
                self.cx.as_of,
                format!("{record}: {end_field} {end} is before {start_field} {start}"),
            ));
        }
    }

    /// `end` at `at/field` must not be before `start` at `at/start_field`.
    fn field<T: PartialOrd + Display>(
        &mut self,
        record: &str,
        at: &Pointer,
        start_field: &str,
        start: Option<&T>,
        end_field: &str,
        end: Option<&T>,
    ) {
        let end_path = pointer_of(at, end_field);
        self.check(record, start_field, start, end_field, end_path, end);
    }

    /// Each of `ends` (the list at `at/list_field`) must not be before `start`.
    fn each<T: PartialOrd + Display>(
        &mut self,
        record: &str,
        at: &Pointer,
        start_field: &str,
        start: &T,
        list_field: &str,
        ends: &[T],
    ) {
        for (i, end) in ends.iter().enumerate() {
            let name = format!("{list_field}/{i}");
            let path = pointer_of(at, &name);
            self.check(record, start_field, Some(start), &name, path, Some(end));
        }
    }
}

/// A date-time shown as written in case files (RFC 3339), compared as a moment.
#[derive(PartialEq, PartialOrd)]
struct Moment(DateTime<FixedOffset>);

impl Display for Moment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.to_rfc3339())
    }
}

/// `at` followed by the `/`-separated keys of `field` (field names need no escaping).
fn pointer_of(at: &Pointer, field: &str) -> Pointer {
    field
        .split('/')
        .fold(at.clone(), |p, key| match key.parse() {
            Ok(index) => p.index(index),
            Err(_) => p.key(key),
        })
}

impl Rule for EndBeforeStart {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let mut pairs = Pairs { cx, out };
        let root = Pointer::root();
        for (i, consent) in cx.case.consents.iter().enumerate() {
            let at = root.key("consents").index(i);
            let record = format!("consent {}", consent.id);
            for (end, value) in [
                ("expires_on", consent.expires_on.as_ref()),
                ("revoked_on", consent.revoked_on.as_ref()),
            ] {
                pairs.field(
                    &record,
                    &at,
                    "signed_on",
                    consent.signed_on.as_ref(),
                    end,
                    value,
                );
            }
        }
        for (i, assessment) in cx.case.assessments.iter().enumerate() {
            pairs.field(
                &format!("assessment {}", assessment.id),
                &root.key("assessments").index(i),
                "started_on",
                Some(&assessment.started_on),
                "completed_on",
                assessment.completed_on.as_ref(),
            );
        }
        for (at, enrollment) in cx.enrollments() {
            enrollment_pairs(&mut pairs, &at, enrollment);
        }
    }
}

fn enrollment_pairs(pairs: &mut Pairs<'_, '_, '_>, at: &Pointer, e: &Enrollment) {
    let me = format!("enrollment {}", e.id);
    pairs.field(
        &me,
        at,
        "entered_on",
        Some(&e.entered_on),
        "exit/exited_on",
        e.exit.as_ref().map(|x| &x.exited_on),
    );
    for (i, refusal) in e.intake.refusals.iter().enumerate() {
        let r = at.key("intake").key("refusals").index(i);
        let record = format!("refusal {}", refusal.id);
        pairs.each(
            &record,
            &r,
            "refused_on",
            &refusal.refused_on,
            "follow_ups",
            &refusal.follow_ups,
        );
        pairs.field(
            &record,
            &r,
            "refused_on",
            Some(&refusal.refused_on),
            "obtained_on",
            refusal.obtained_on.as_ref(),
        );
    }
    if let Some(plan) = &e.care_plan {
        let p = at.key("care_plan");
        let record = format!("the care plan of enrollment {}", e.id);
        for (i, review) in plan.reviews.iter().enumerate() {
            let path = p.key("reviews").index(i).key("reviewed_on");
            pairs.check(
                &record,
                "created_on",
                Some(&plan.created_on),
                &format!("reviews/{i}/reviewed_on"),
                path,
                Some(&review.reviewed_on),
            );
        }
        for (i, goal) in plan.goals.iter().enumerate() {
            pairs.field(
                &format!("goal {}", goal.id),
                &p.key("goals").index(i),
                "set_on",
                Some(&goal.set_on),
                "closed_on",
                goal.closed_on.as_ref(),
            );
        }
        for (i, service) in plan.services.iter().enumerate() {
            pairs.field(
                &format!("planned service {}", service.id),
                &p.key("services").index(i),
                "starts_on",
                service.starts_on.as_ref(),
                "ends_on",
                service.ends_on.as_ref(),
            );
        }
        for (i, step) in plan.action_steps.iter().enumerate() {
            pairs.field(
                &format!("action step {}", step.id),
                &p.key("action_steps").index(i),
                "added_on",
                Some(&step.added_on),
                "done_on",
                step.done_on.as_ref(),
            );
        }
        for (i, phase) in plan.phases.iter().enumerate() {
            pairs.field(
                &format!("a phase of the care plan of enrollment {}", e.id),
                &p.key("phases").index(i),
                "started_on",
                Some(&phase.started_on),
                "ended_on",
                phase.ended_on.as_ref(),
            );
        }
    }
    for (i, encounter) in e.encounters.iter().enumerate() {
        let n = at.key("encounters").index(i);
        let record = format!("encounter {}", encounter.id);
        let started = Moment(encounter.started_at);
        for (field, end) in [
            ("documented_at", encounter.documented_at),
            (
                "next_visit/scheduled_for",
                encounter.next_visit.as_ref().map(|v| v.scheduled_for),
            ),
        ] {
            pairs.field(
                &record,
                &n,
                "started_at",
                Some(&started),
                field,
                end.map(Moment).as_ref(),
            );
        }
    }
    for (i, risk) in e.risk_observations.iter().enumerate() {
        pairs.field(
            &format!("risk observation {}", risk.id),
            &at.key("risk_observations").index(i),
            "observed_on",
            Some(&risk.observed_on),
            "resolved_on",
            risk.resolved_on.as_ref(),
        );
    }
    for (i, plan) in e.harm_reduction_plans.iter().enumerate() {
        pairs.field(
            &format!("harm-reduction plan {}", plan.id),
            &at.key("harm_reduction_plans").index(i),
            "created_on",
            Some(&plan.created_on),
            "updated_on",
            plan.updated_on.as_ref(),
        );
    }
    for (i, plan) in e.crisis_plans.iter().enumerate() {
        pairs.each(
            &format!("crisis plan {}", plan.id),
            &at.key("crisis_plans").index(i),
            "created_on",
            &plan.created_on,
            "updated_on",
            &plan.updated_on,
        );
    }
    for (i, incident) in e.crisis_incidents.iter().enumerate() {
        let day = crate::calendar::local_date(&incident.occurred_at);
        pairs.field(
            &format!("crisis incident {}", incident.id),
            &at.key("crisis_incidents").index(i),
            "occurred_at",
            Some(&day),
            "debriefed_on",
            incident.debriefed_on.as_ref(),
        );
    }
    for (i, referral) in e.referrals.iter().enumerate() {
        pairs.field(
            &format!("referral {}", referral.id),
            &at.key("referrals").index(i),
            "made_on",
            Some(&referral.made_on),
            "linked_on",
            referral.linked_on.as_ref(),
        );
    }
    if let Some(termination) = &e.termination {
        let t = at.key("termination");
        let record = format!("the termination of enrollment {}", e.id);
        pairs.field(
            &record,
            &t,
            "decided_on",
            Some(&termination.decided_on),
            "effective_on",
            termination.effective_on.as_ref(),
        );
        if let Some(appeal) = &termination.appeal {
            let a = t.key("appeal");
            let record = format!("the appeal of enrollment {}", e.id);
            pairs.field(
                &record,
                &a,
                "filed_on",
                appeal.filed_on.as_ref(),
                "heard_on",
                appeal.heard_on.as_ref(),
            );
            pairs.field(
                &record,
                &a,
                "filed_on",
                appeal.filed_on.as_ref(),
                "decided_on",
                appeal.decided_on.as_ref(),
            );
        }
    }
}
