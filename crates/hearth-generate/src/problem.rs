//! The lapses the generator puts into case files, each meant to make one rule fire.

use crate::Program;

/// A lapse injected into a generated case file. Each names the rule it is meant to make
/// fire ([`Problem::code`]); a file without problems is meant to pass its program's
/// built-in policy with no violation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Problem {
    /// A past calendar month with fewer in-person visits than the ICMS tier's minimum (a
    /// scheduled home visit was a no-show and not made up).
    MissedMonthlyVisits,
    /// A visit ended without the next visit scheduled.
    NoNextVisit,
    /// An observed risk lacks one of its category's required responses.
    RiskWithoutResponse,
    /// Information went to legal aid after the release for it had expired.
    ExpiredReleaseAtReferral,
    /// Information went to legal aid days before the release for it was signed.
    ShareBeforeRelease,
    /// Too long without contact for the participant's ICM stage.
    ContactGap,
    /// A visit with no objective tied to the plan and no goal discussed (a "check-in").
    VisitWithoutObjective,
    /// The recorded ICM stage skipped a step.
    StageSkipped,
    /// The full assessment was repeated later than the program's interval allows.
    AssessmentOverdue,
    /// Housing made conditional on sobriety or service participation.
    HousingConditioned,
    /// More than three active goals.
    TooManyActiveGoals,
    /// A goal without a measure or a target date.
    GoalNotSmart,
    /// A goal tied to none of the participant's long-term goals.
    GoalWithoutLongTermGoal,
    /// The care plan has no housing goal.
    NoHousingGoal,
    /// A care-plan review came more than 30 days after the one before.
    PlanReviewOverdue,
    /// The care plan lacks breach terms or the participant's signature.
    IncompleteCarePlan,
    /// An appointment recorded no goal progress.
    GoalProgressNotDiscussed,
    /// The housing goal had no progress for over 60 days and no supervisor was involved.
    StalledGoal,
    /// A home visit not announced in advance.
    UnannouncedHomeVisit,
    /// A home visit while domestic violence in the home was reported.
    HomeVisitDuringDomesticViolence,
    /// An encounter documented days later without being marked as a late entry.
    LateDocumentation,
    /// A case note without the time spent.
    IncompleteCaseNote,
    /// The first interview more than 10 days after initial contact.
    FirstInterviewLate,
    /// The VI-SPDAT given more than 7 days after shelter entry.
    FrontDoorAssessmentLate,
    /// No release of information signed at intake (the releases came weeks later).
    NoReleaseAtIntake,
    /// A refusal to provide income verification not followed up within 30 days.
    RefusalNotFollowedUp,
    /// No homelessness verification in the file.
    MissingDocument,
    /// The grievance process explained weeks after entry.
    RightsNotExplained,
    /// An eviction risk with no harm-reduction plan.
    EvictionRiskWithoutPlan,
    /// A crisis incident with no crisis plan made or updated afterwards.
    CrisisWithoutCrisisPlan,
    /// A termination for non-compliance without a case conference.
    TerminationWithoutConference,
    /// The written notice of termination does not state the reason.
    TerminationNoticeWithoutReason,
    /// The termination reviewed by the person who terminated.
    TerminationReviewNotIndependent,
    /// The appeal offered with no deadline.
    AppealWithoutDeadline,
    /// The written notice of the final decision given late.
    FinalNoticeLate,
    /// Resources and referrals at termination not given in writing.
    ResourcesNotWritten,
    /// Entry denied because of a past termination (reversed later).
    EntryDeniedForPastTermination,
    /// A planned exit without the satisfaction survey or the prevention plan.
    PlannedExitIncomplete,
    /// An ICM enrollment still open past the 24-month horizon (comes with histories
    /// longer than 24 months; never drawn).
    PastHorizon,
}

impl Problem {
    /// Every problem, in declaration order.
    pub const ALL: [Problem; 39] = [
        Problem::MissedMonthlyVisits,
        Problem::NoNextVisit,
        Problem::RiskWithoutResponse,
        Problem::ExpiredReleaseAtReferral,
        Problem::ShareBeforeRelease,
        Problem::ContactGap,
        Problem::VisitWithoutObjective,
        Problem::StageSkipped,
        Problem::AssessmentOverdue,
        Problem::HousingConditioned,
        Problem::TooManyActiveGoals,
        Problem::GoalNotSmart,
        Problem::GoalWithoutLongTermGoal,
        Problem::NoHousingGoal,
        Problem::PlanReviewOverdue,
        Problem::IncompleteCarePlan,
        Problem::GoalProgressNotDiscussed,
        Problem::StalledGoal,
        Problem::UnannouncedHomeVisit,
        Problem::HomeVisitDuringDomesticViolence,
        Problem::LateDocumentation,
        Problem::IncompleteCaseNote,
        Problem::FirstInterviewLate,
        Problem::FrontDoorAssessmentLate,
        Problem::NoReleaseAtIntake,
        Problem::RefusalNotFollowedUp,
        Problem::MissingDocument,
        Problem::RightsNotExplained,
        Problem::EvictionRiskWithoutPlan,
        Problem::CrisisWithoutCrisisPlan,
        Problem::TerminationWithoutConference,
        Problem::TerminationNoticeWithoutReason,
        Problem::TerminationReviewNotIndependent,
        Problem::AppealWithoutDeadline,
        Problem::FinalNoticeLate,
        Problem::ResourcesNotWritten,
        Problem::EntryDeniedForPastTermination,
        Problem::PlannedExitIncomplete,
        Problem::PastHorizon,
    ];

    /// The code of the rule the problem is meant to make fire.
    pub fn code(self) -> &'static str {
        match self {
            Problem::MissedMonthlyVisits => "VISIT001",
            Problem::NoNextVisit => "VISIT004",
            Problem::RiskWithoutResponse => "RISK001",
            Problem::ExpiredReleaseAtReferral | Problem::ShareBeforeRelease => "CONS001",
            Problem::ContactGap => "VISIT002",
            Problem::VisitWithoutObjective => "VISIT003",
            Problem::StageSkipped => "PLAN010",
            Problem::AssessmentOverdue => "ASMT003",
            Problem::HousingConditioned => "PLAN009",
            Problem::TooManyActiveGoals => "PLAN001",
            Problem::GoalNotSmart => "PLAN002",
            Problem::GoalWithoutLongTermGoal => "PLAN003",
            Problem::NoHousingGoal => "PLAN004",
            Problem::PlanReviewOverdue => "PLAN005",
            Problem::IncompleteCarePlan => "PLAN006",
            Problem::GoalProgressNotDiscussed => "PLAN007",
            Problem::StalledGoal => "PLAN008",
            Problem::UnannouncedHomeVisit => "VISIT005",
            Problem::HomeVisitDuringDomesticViolence => "VISIT006",
            Problem::LateDocumentation => "VISIT007",
            Problem::IncompleteCaseNote => "VISIT008",
            Problem::FirstInterviewLate => "ASMT001",
            Problem::FrontDoorAssessmentLate => "ASMT002",
            Problem::NoReleaseAtIntake => "ASMT004",
            Problem::RefusalNotFollowedUp => "ASMT005",
            Problem::MissingDocument => "ASMT006",
            Problem::RightsNotExplained => "RIGHTS001",
            Problem::EvictionRiskWithoutPlan => "RISK002",
            Problem::CrisisWithoutCrisisPlan => "RISK003",
            Problem::TerminationWithoutConference => "TERM001",
            Problem::TerminationNoticeWithoutReason => "TERM002",
            Problem::TerminationReviewNotIndependent => "TERM003",
            Problem::AppealWithoutDeadline => "TERM004",
            Problem::FinalNoticeLate => "TERM005",
            Problem::ResourcesNotWritten => "TERM006",
            Problem::EntryDeniedForPastTermination => "TERM007",
            Problem::PlannedExitIncomplete => "EXIT001",
            Problem::PastHorizon => "VISIT010",
        }
    }

    /// The programs whose built-in policy checks the rule this problem breaks: the
    /// generator draws a problem only for those.
    pub fn programs(self) -> &'static [Program] {
        use Program::*;
        match self {
            Problem::MissedMonthlyVisits | Problem::RiskWithoutResponse => &[IcmsHigh, IcmsLow],
            Problem::NoNextVisit => &[IcmsHigh, IcmsLow, Rrh],
            Problem::ExpiredReleaseAtReferral | Problem::ShareBeforeRelease => {
                &[IcmsHigh, IcmsLow, IcmRrh, Rrh, StlCoc, CtPsh]
            }
            Problem::ContactGap
            | Problem::VisitWithoutObjective
            | Problem::StageSkipped
            | Problem::PastHorizon => &[IcmRrh],
            Problem::AssessmentOverdue => &[IcmRrh, StlCoc, CtPsh],
            Problem::HousingConditioned => &[IcmRrh, Rrh, CtPsh],
            Problem::TooManyActiveGoals
            | Problem::GoalWithoutLongTermGoal
            | Problem::CrisisWithoutCrisisPlan => &[CtPsh],
            Problem::GoalNotSmart
            | Problem::EvictionRiskWithoutPlan
            | Problem::PlannedExitIncomplete => &[StlCoc, CtPsh],
            _ => &[StlCoc],
        }
    }
}
