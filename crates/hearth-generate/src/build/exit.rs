//! Termination and exit.

use hearth_model::calendar::add_days;
use hearth_model::{
    Appeal, AppealOutcome, CaseConference, DenialReason, DocumentKind, EncounterId, EncounterKind,
    EntryDecision, Exit, ExitDestination, ExitKind, FollowUp, HandoffKind, PartyId, RecordId,
    ReferralId, ResourcesGiven, Termination, TerminationReason, TerminationReview, Transfer,
    WarmHandoff, WrittenNotice,
};

use crate::{Problem, Program};

use super::helpers::text;
use super::{Builder, Outcome, BENEFITS, NEXT_PROVIDER, SHELTER};

impl Builder<'_> {
    pub(super) fn termination_record(&mut self) -> Option<Termination> {
        let t = self.termination.clone()?;
        let reason = self.dice.pick(
            &[
                TerminationReason::NonCompliance,
                TerminationReason::RefusalToWorkOnGoals,
                TerminationReason::LeaseViolation,
            ],
            TerminationReason::NonCompliance,
        );
        let notice_doc = self
            .documents
            .iter()
            .find(|d| d.kind == DocumentKind::Other && d.filed_on == t.notice)
            .map(|d| d.id.clone());
        let final_doc = self
            .documents
            .iter()
            .rev()
            .find(|d| d.kind == DocumentKind::Other && d.filed_on == t.final_notice)
            .map(|d| d.id.clone());
        let conference = (!self.has(Problem::TerminationWithoutConference)).then(|| {
            let encounter = self
                .slots
                .iter()
                .position(|s| s.kind == EncounterKind::CaseConference)
                .map(|i| EncounterId::new(format!("E{:04}", i + 1)));
            CaseConference {
                held_on: t.conference,
                encounter,
                participant_attended: true,
                staff: vec![self.cm.clone(), self.sup.clone()],
                parties: Vec::new(),
            }
        });
        let reviewer = if self.has(Problem::TerminationReviewNotIndependent) {
            self.sup.clone()
        } else {
            self.director.clone()
        };
        let appeal = Appeal {
            offered_on: t.notice,
            deadline: (!self.has(Problem::AppealWithoutDeadline)).then_some(t.deadline),
            filed_on: t.appeal_filed.map(|(filed, _)| filed),
            heard_on: t.appeal_filed.map(|(_, heard)| heard),
            decided_by: t.appeal_filed.map(|_| self.director.clone()),
            outcome: t.appeal_filed.map(|_| AppealOutcome::Upheld),
            decided_on: t.appeal_filed.map(|(_, heard)| heard),
        };
        let shelter_referral = self
            .referrals_snapshot()
            .into_iter()
            .find(|(_, party)| party == SHELTER)
            .map(|(id, _)| id);
        Some(Termination {
            reason,
            terminated_by: self.sup.clone(),
            decided_on: t.decided,
            effective_on: Some(t.exit),
            case_conference: conference,
            written_notice: Some(WrittenNotice {
                given_on: t.notice,
                states_reason: !self.has(Problem::TerminationNoticeWithoutReason),
                document: notice_doc,
            }),
            review: Some(TerminationReview {
                reviewed_by: reviewer,
                reviewed_on: t.reviewed,
                upheld: true,
            }),
            appeal: Some(appeal),
            final_notice: Some(WrittenNotice {
                given_on: t.final_notice,
                states_reason: true,
                document: final_doc,
            }),
            resources_given: Some(ResourcesGiven {
                given_on: add_days(t.exit, -self.dice.range(0, 2)).max(t.decided),
                written: !self.has(Problem::ResourcesNotWritten),
                referrals: shelter_referral.into_iter().collect(),
            }),
            details: Some(text(
                "Terminated after repeated breaches of the program agreement.",
            )),
        })
    }

    pub(super) fn referrals_snapshot(&self) -> Vec<(ReferralId, String)> {
        // The referrals are moved into the enrollment last; until then they are here.
        self.referrals
            .iter()
            .map(|r| (r.id.clone(), r.party.as_str().to_owned()))
            .collect()
    }

    pub(super) fn exit_record(&mut self) -> Option<Exit> {
        let exit = self.exit_on?;
        let snapshot = self.referrals_snapshot();
        match self.outcome {
            Outcome::Open => None,
            Outcome::Terminated => Some(Exit {
                exited_on: exit,
                kind: ExitKind::AskedToLeave,
                destination: Some(ExitDestination::Temporary),
                discharge_meeting_on: None,
                linkages: snapshot
                    .iter()
                    .filter(|(_, p)| p == SHELTER)
                    .map(|(id, _)| id.clone())
                    .collect(),
                satisfaction_survey_on: None,
                follow_up: None,
                transfer: Some(Transfer {
                    to: PartyId::new(SHELTER),
                    warm_handoff: Some(WarmHandoff {
                        held_on: add_days(exit, -1),
                        kind: HandoffKind::Introduction,
                    }),
                }),
                documented_at: None,
                source: None,
            }),
            Outcome::PositiveExit => {
                let permitted = self.dice.percent(80);
                let incomplete = self.has(Problem::PlannedExitIncomplete);
                let survey_missing = incomplete && self.index.is_multiple_of(2);
                let meeting = self.discharge_on.unwrap_or(exit);
                Some(Exit {
                    exited_on: exit,
                    kind: ExitKind::Positive,
                    destination: Some(self.dice.pick(
                        &[
                            ExitDestination::PermanentSubsidized,
                            ExitDestination::PermanentUnsubsidized,
                        ],
                        ExitDestination::PermanentSubsidized,
                    )),
                    discharge_meeting_on: Some(meeting),
                    linkages: snapshot
                        .iter()
                        .filter(|(_, p)| p == NEXT_PROVIDER || p == BENEFITS)
                        .map(|(id, _)| id.clone())
                        .collect(),
                    satisfaction_survey_on: (!survey_missing).then_some(exit),
                    follow_up: Some(FollowUp {
                        permitted,
                        plan_made_on: Some(meeting),
                        includes_prevention_plan: !incomplete || survey_missing,
                        planned_contacts: if permitted {
                            vec![add_days(exit, 30), add_days(exit, 90)]
                        } else {
                            Vec::new()
                        },
                    }),
                    transfer: Some(Transfer {
                        to: PartyId::new(NEXT_PROVIDER),
                        warm_handoff: Some(WarmHandoff {
                            held_on: add_days(exit, -1),
                            kind: HandoffKind::Introduction,
                        }),
                    }),
                    documented_at: None,
                    source: None,
                })
            }
        }
    }

    pub(super) fn entry_decisions(&mut self) -> Vec<EntryDecision> {
        if self.program != Program::StlCoc {
            return Vec::new();
        }
        let mut decisions = Vec::new();
        if self.has(Problem::EntryDeniedForPastTermination) {
            decisions.push(EntryDecision {
                id: RecordId::new("ED1"),
                decided_on: add_days(self.entered, -self.dice.range(20, 40)),
                program: self.program.model(),
                accepted: false,
                decided_by: Some(self.sup.clone()),
                denial_reason: Some(DenialReason::PastTermination),
            });
        }
        if !decisions.is_empty() || self.dice.percent(10) {
            decisions.push(EntryDecision {
                id: RecordId::new(format!("ED{}", decisions.len() + 1)),
                decided_on: add_days(self.entered, -self.dice.range(1, 5)),
                program: self.program.model(),
                accepted: true,
                decided_by: Some(self.sup.clone()),
                denial_reason: None,
            });
        }
        decisions
    }
}
