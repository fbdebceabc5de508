//! The timeline: the outcome, the problems to inject and the dates everything else hangs on.

use chrono::NaiveDate;
use hearth_model::calendar::{
    add_days, add_months, days_between, month_end, month_start, weekday_on_or_after,
    weekday_on_or_before,
};
use hearth_model::Funding;

use crate::{Problem, Program};

use super::{Builder, Outcome, TerminationDates};

impl Builder<'_> {
    pub(super) fn choose_outcome(&mut self, fixed: Option<Outcome>) {
        let roll = self.dice.below(100);
        let drawn = match self.program {
            Program::IcmsHigh | Program::IcmsLow if roll < 5 => Outcome::PositiveExit,
            Program::IcmRrh | Program::CtPsh if roll < 15 => Outcome::PositiveExit,
            Program::Rrh if roll < 20 => Outcome::PositiveExit,
            Program::StlCoc if roll < 12 => Outcome::Terminated,
            Program::StlCoc if roll < 25 => Outcome::PositiveExit,
            _ => Outcome::Open,
        };
        let outcome = fixed.unwrap_or(drawn);
        match outcome {
            Outcome::Open => {}
            Outcome::PositiveExit => {
                let exit = weekday_on_or_before(add_days(self.as_of, -self.dice.range(5, 75)));
                if days_between(self.plan_on, exit) >= 90 {
                    let meeting = weekday_on_or_before(add_days(exit, -self.dice.range(3, 10)));
                    self.outcome = outcome;
                    self.exit_on = Some(exit);
                    self.discharge_on = Some(meeting);
                    self.end = exit;
                }
            }
            Outcome::Terminated => {
                let decided = weekday_on_or_before(add_days(self.as_of, -self.dice.range(50, 90)));
                if days_between(self.plan_on, decided) >= 90 {
                    let dates = self.termination_dates(decided);
                    self.outcome = outcome;
                    self.exit_on = Some(dates.exit);
                    self.end = dates.exit;
                    self.termination = Some(dates);
                }
            }
        }
    }

    pub(super) fn termination_dates(&mut self, decided: NaiveDate) -> TerminationDates {
        let conference = weekday_on_or_before(add_days(decided, -self.dice.range(3, 10)));
        let notice = add_days(decided, self.dice.range(0, 2));
        let reviewed = add_days(decided, self.dice.range(1, 5));
        let deadline = add_days(notice, 14);
        let appeal_filed = self.dice.percent(40).then(|| {
            let filed = add_days(notice, self.dice.range(2, 10));
            (filed, add_days(filed, self.dice.range(3, 7)))
        });
        // The final notice is timed once the lapses are known (see `fix_final_notice`).
        TerminationDates {
            conference,
            decided,
            notice,
            reviewed,
            appeal_filed,
            deadline,
            final_notice: deadline,
            exit: deadline,
        }
    }

    /// Times the final notice and the exit from the decision point the rule uses.
    pub(super) fn fix_final_notice(&mut self) {
        let late = self.has(Problem::FinalNoticeLate);
        let no_deadline = self.has(Problem::AppealWithoutDeadline);
        let (early, late_by) = (self.dice.range(1, 10), self.dice.range(16, 30));
        let gap = self.dice.range(1, 6);
        let Some(t) = self.termination.as_mut() else {
            return;
        };
        let point = match t.appeal_filed {
            Some((_, heard)) => heard,
            None if no_deadline => t.reviewed,
            None => t.deadline,
        };
        t.final_notice = add_days(point, if late { late_by } else { early });
        t.exit = weekday_on_or_after(add_days(t.final_notice.max(t.deadline), gap));
        if t.exit >= self.as_of {
            t.exit = add_days(self.as_of, -1);
        }
        self.exit_on = Some(t.exit);
        self.end = t.exit;
    }

    pub(super) fn choose_problems(&mut self) {
        if self.outcome == Outcome::Terminated {
            // Lapses may move the final notice; time it before anything else is dated.
            self.fix_final_notice();
        }
        let percent = u64::from(self.options.problem_percent.min(100));
        let troubled = self.dice.percent(percent);
        let feasible: Vec<Problem> = Problem::ALL
            .into_iter()
            .filter(|p| *p != Problem::PastHorizon && self.feasible(*p))
            .collect();
        if troubled && !feasible.is_empty() {
            let count = 1 + usize::from(self.dice.percent(35)) + usize::from(self.dice.percent(15));
            // Lapses gather where the process is hardest: a termination's due process,
            // a planned exit's checklist.
            let focus: Vec<Problem> = feasible
                .iter()
                .copied()
                .filter(|p| {
                    p.code().starts_with("TERM0") && *p != Problem::EntryDeniedForPastTermination
                        || *p == Problem::PlannedExitIncomplete
                })
                .collect();
            if !focus.is_empty() && self.dice.percent(60) {
                let first = self.dice.pick(&focus, Problem::PlannedExitIncomplete);
                self.problems.insert(first);
            }
            let mut pool: Vec<Problem> = feasible
                .into_iter()
                .filter(|p| !self.problems.contains(p))
                .collect();
            let count = count.saturating_sub(self.problems.len());
            for _ in 0..count {
                if pool.is_empty() {
                    break;
                }
                let i = self.dice.index(pool.len());
                let problem = pool.swap_remove(i.min(pool.len().saturating_sub(1)));
                self.problems.insert(problem);
            }
        }
        if self.program == Program::IcmRrh
            && self.outcome == Outcome::Open
            && add_months(self.entered, 24) < self.as_of
        {
            self.problems.insert(Problem::PastHorizon);
        }
        if self.outcome == Outcome::Terminated {
            self.fix_final_notice();
        }
    }

    pub(super) fn feasible(&self, problem: Problem) -> bool {
        if !problem.programs().contains(&self.program) {
            return false;
        }
        let plan = self.span_from_plan();
        let entry = self.span_from_entry();
        let terminated = self.outcome == Outcome::Terminated;
        match problem {
            Problem::MissedMonthlyVisits => !self.full_past_months().is_empty(),
            Problem::NoNextVisit
            | Problem::VisitWithoutObjective
            | Problem::GoalProgressNotDiscussed
            | Problem::IncompleteCaseNote => plan >= 20,
            Problem::LateDocumentation => {
                plan >= 20 && days_between(self.plan_on, self.as_of) >= 10
            }
            Problem::RiskWithoutResponse => plan >= 80,
            Problem::TooManyActiveGoals | Problem::UnannouncedHomeVisit => plan >= 40,
            Problem::ExpiredReleaseAtReferral | Problem::ShareBeforeRelease => plan >= 180,
            Problem::ContactGap => plan >= 90,
            Problem::StageSkipped => entry >= 240,
            Problem::AssessmentOverdue => {
                let months = if self.program == Program::IcmRrh {
                    7
                } else {
                    12
                };
                entry >= months * 31 + 75
            }
            Problem::HousingConditioned
            | Problem::GoalNotSmart
            | Problem::GoalWithoutLongTermGoal
            | Problem::NoHousingGoal => plan >= 0,
            Problem::IncompleteCarePlan => plan >= 35,
            Problem::PlanReviewOverdue
            | Problem::StalledGoal
            | Problem::HomeVisitDuringDomesticViolence => plan >= 120,
            Problem::FirstInterviewLate | Problem::EntryDeniedForPastTermination => entry >= 0,
            Problem::FrontDoorAssessmentLate
            | Problem::RightsNotExplained
            | Problem::MissingDocument => entry >= 35,
            Problem::NoReleaseAtIntake | Problem::RefusalNotFollowedUp => entry >= 70,
            Problem::EvictionRiskWithoutPlan => plan >= 60,
            Problem::CrisisWithoutCrisisPlan => plan >= 90,
            Problem::TerminationWithoutConference
            | Problem::TerminationNoticeWithoutReason
            | Problem::TerminationReviewNotIndependent
            | Problem::AppealWithoutDeadline
            | Problem::FinalNoticeLate
            | Problem::ResourcesNotWritten => terminated,
            Problem::PlannedExitIncomplete => self.outcome == Outcome::PositiveExit,
            Problem::PastHorizon => false,
        }
    }

    /// Calendar months wholly inside the enrollment after the plan was written and
    /// finished before the evaluation date: where a missed visit is judged.
    pub(super) fn full_past_months(&self) -> Vec<NaiveDate> {
        let mut months = Vec::new();
        let mut m = month_start(add_days(self.plan_on, 1));
        if m <= self.plan_on {
            m = add_months(m, 1);
        }
        while month_end(m) < self.as_of && month_end(m) < self.end {
            months.push(m);
            let next = add_months(m, 1);
            if next <= m {
                break;
            }
            m = next;
        }
        months
    }

    /// A day drawn from `lo..=hi` (a weekday when there is one near it).
    pub(super) fn day_between(&mut self, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
        let span = days_between(lo, hi).max(0);
        let day = add_days(lo, self.dice.range(0, span));
        let weekday = weekday_on_or_before(day);
        if weekday >= lo {
            weekday
        } else {
            day
        }
    }

    pub(super) fn plan_events(&mut self) {
        let span = self.span_from_plan();
        if self.program == Program::StlCoc
            && (self.has(Problem::HomeVisitDuringDomesticViolence)
                || (span >= 120 && self.dice.percent(8)))
        {
            let from = self.day_between(add_days(self.plan_on, 30), add_days(self.end, -80));
            let until = add_days(from, self.dice.range(30, 45));
            self.violence = Some((from, until));
        }
        let crisis_share = match self.program {
            Program::CtPsh => 25,
            Program::StlCoc | Program::IcmRrh => 8,
            _ => 0,
        };
        // A crisis call is a contact: it would close an ICM contact gap.
        let gap = self.has(Problem::ContactGap);
        if self.has(Problem::CrisisWithoutCrisisPlan)
            || (!gap && span >= 90 && self.dice.percent(crisis_share))
        {
            self.crisis_on =
                Some(self.day_between(add_days(self.plan_on, 20), add_days(self.end, -45)));
        }
        let legal =
            self.has(Problem::ExpiredReleaseAtReferral) || self.has(Problem::ShareBeforeRelease);
        if legal || (span >= 180 && self.dice.percent(20)) {
            self.legal_on =
                Some(self.day_between(add_days(self.plan_on, 45), add_days(self.end, -130)));
        }
        if self.has(Problem::StalledGoal) {
            let from = self.day_between(add_days(self.plan_on, 10), add_days(self.end, -100));
            self.stall = Some((from, add_days(from, 80)));
        }
    }

    /// `index % n` as a day count.
    pub(super) fn spread(&self, n: usize) -> i64 {
        i64::try_from(self.index % n.max(1)).unwrap_or(0)
    }

    pub(super) fn referred_on(&self) -> NaiveDate {
        if self.has(Problem::FirstInterviewLate) {
            add_days(self.initial_contact_on(), -3)
        } else {
            add_days(self.entered, -(self.spread(9) + 4))
        }
    }

    pub(super) fn initial_contact_on(&self) -> NaiveDate {
        if self.has(Problem::FirstInterviewLate) {
            add_days(self.entered, -(12 + self.spread(8)))
        } else {
            add_days(self.entered, -self.spread(4))
        }
    }

    pub(super) fn shelter_entry_on(&self) -> Option<NaiveDate> {
        (self.program == Program::StlCoc).then(|| add_days(self.entered, -(40 + self.spread(50))))
    }

    pub(super) fn move_in_on(&self) -> Option<NaiveDate> {
        let offset = self.spread(60);
        let day = match self.program {
            Program::IcmsHigh | Program::IcmsLow | Program::CtPsh => {
                add_days(self.entered, -offset / 3)
            }
            Program::IcmRrh | Program::Rrh => add_days(self.entered, 20 + offset),
            Program::StlCoc => add_days(self.entered, 30 + offset),
        };
        (day <= self.end).then_some(day)
    }

    pub(super) fn funding(&self) -> Vec<Funding> {
        match self.program {
            Program::IcmsHigh | Program::IcmsLow | Program::CtPsh => vec![Funding::StateOrCounty],
            Program::IcmRrh => vec![Funding::Esg],
            Program::Rrh => vec![Funding::Coc],
            Program::StlCoc if self.index.is_multiple_of(3) => vec![Funding::Esg],
            Program::StlCoc => vec![Funding::Coc],
        }
    }
}
