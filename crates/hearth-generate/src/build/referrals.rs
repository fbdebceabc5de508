//! Referrals and information shared.

use chrono::NaiveDate;
use hearth_model::calendar::add_days;
use hearth_model::{
    Consent, ConsentId, InformationShare, PartyId, PartyKind, Referral, ReferralId, StepId,
};

use crate::Problem;

use super::{Builder, Outcome, BENEFITS, LEGAL_AID, NEXT_PROVIDER, PANTRY, SHELTER};

impl Builder<'_> {
    pub(super) fn next_referral(&self) -> ReferralId {
        ReferralId::new(format!("REF{}", self.referrals.len() + 1))
    }

    pub(super) fn next_share(&self) -> hearth_model::ShareId {
        hearth_model::ShareId::new(format!("S{}", self.shares.len() + 1))
    }

    pub(super) fn share(
        &mut self,
        party: &str,
        day: NaiveDate,
        consent: Option<ConsentId>,
        referral: Option<ReferralId>,
    ) {
        self.shares.push(InformationShare {
            id: self.next_share(),
            party: PartyId::new(party),
            shared_on: day,
            consent,
            referral,
            encounter: None,
            step: None,
        });
    }

    pub(super) fn add_legal_aid(&mut self) {
        let Some(day) = self.legal_on else { return };
        self.party(
            LEGAL_AID,
            PartyKind::LegalAid,
            "Example Legal Aid (invented)",
        );
        let consent = self.next_consent_id();
        let expires = add_days(day, 90);
        self.consents.push(Consent {
            id: consent.clone(),
            party: PartyId::new(LEGAL_AID),
            signed_on: Some(day),
            expires_on: Some(expires),
            revoked_on: None,
            refused_on: None,
            at_intake: false,
        });
        let referral = self.next_referral();
        self.referrals.push(Referral {
            id: referral.clone(),
            party: PartyId::new(LEGAL_AID),
            made_on: day,
            step: Some(StepId::new("connect-to-legal-aid")),
            shares_information: true,
            linked_on: Some(add_days(day, self.dice.range(5, 15))).filter(|d| *d <= self.as_of),
            warm_handoff: false,
            outcome: None,
            outcome_on: None,
            source: None,
        });
        self.share(
            LEGAL_AID,
            day,
            Some(consent.clone()),
            Some(referral.clone()),
        );
        if self.has(Problem::ShareBeforeRelease) {
            let early = add_days(day, -self.dice.range(2, 6));
            self.share(
                LEGAL_AID,
                early,
                Some(consent.clone()),
                Some(referral.clone()),
            );
        }
        if self.has(Problem::ExpiredReleaseAtReferral) {
            let late = add_days(expires, self.dice.range(5, 25));
            self.share(LEGAL_AID, late, Some(consent), Some(referral));
        }
    }

    pub(super) fn add_referrals(&mut self) {
        // A benefits referral early on, with information under the intake release.
        let day = add_days(self.plan_on, self.dice.range(7, 40)).min(self.end);
        let consent = self.release_for(BENEFITS, day);
        let referral = self.next_referral();
        self.referrals.push(Referral {
            id: referral.clone(),
            party: PartyId::new(BENEFITS),
            made_on: day,
            step: None,
            shares_information: consent.is_some(),
            linked_on: Some(add_days(day, 21)).filter(|d| *d <= self.end),
            warm_handoff: false,
            outcome: None,
            outcome_on: None,
            source: None,
        });
        if let Some(consent) = consent {
            self.share(BENEFITS, day, Some(consent), Some(referral));
        }
        if self.dice.percent(40) {
            let day = add_days(self.plan_on, self.dice.range(10, 60)).min(self.end);
            self.referrals.push(Referral {
                id: self.next_referral(),
                party: PartyId::new(PANTRY),
                made_on: day,
                step: Some(StepId::new("establish-food-supply")),
                shares_information: false,
                linked_on: Some(add_days(day, 2)).filter(|d| *d <= self.end),
                warm_handoff: false,
                outcome: None,
                outcome_on: None,
                source: None,
            });
        }
        if let Some(t) = self.termination.clone() {
            self.party(
                SHELTER,
                PartyKind::HousingProvider,
                "Example Shelter Network (invented)",
            );
            let consent = self.next_consent_id();
            self.consents.push(Consent {
                id: consent,
                party: PartyId::new(SHELTER),
                signed_on: Some(t.decided),
                expires_on: Some(add_days(t.decided, 180)),
                revoked_on: None,
                refused_on: None,
                at_intake: false,
            });
            self.referrals.push(Referral {
                id: self.next_referral(),
                party: PartyId::new(SHELTER),
                made_on: add_days(t.exit, -2).max(t.decided),
                step: None,
                shares_information: true,
                linked_on: Some(t.exit),
                warm_handoff: true,
                outcome: None,
                outcome_on: None,
                source: None,
            });
        }
        if let (Outcome::PositiveExit, Some(exit)) = (self.outcome, self.exit_on) {
            self.party(
                NEXT_PROVIDER,
                PartyKind::HousingProvider,
                "Example Supportive Services (invented)",
            );
            let day = add_days(exit, -self.dice.range(10, 20));
            let consent = self.next_consent_id();
            self.consents.push(Consent {
                id: consent.clone(),
                party: PartyId::new(NEXT_PROVIDER),
                signed_on: Some(add_days(day, -1)),
                expires_on: Some(add_days(day, 365)),
                revoked_on: None,
                refused_on: None,
                at_intake: false,
            });
            let referral = self.next_referral();
            self.referrals.push(Referral {
                id: referral.clone(),
                party: PartyId::new(NEXT_PROVIDER),
                made_on: day,
                step: None,
                shares_information: true,
                linked_on: Some(add_days(exit, -1)),
                warm_handoff: true,
                outcome: None,
                outcome_on: None,
                source: None,
            });
            self.share(NEXT_PROVIDER, day, Some(consent), Some(referral));
        }
    }
}
