//! Parties and releases of information.

use chrono::NaiveDate;
use hearth_model::calendar::{add_days, add_months};
use hearth_model::{Consent, ConsentId, FreeText, Party, PartyId, PartyKind};

use crate::{Problem, Program};

use super::{Builder, BEHAVIORAL, BENEFITS, CLINIC, FAMILY, HOUSING_AUTHORITY, LANDLORD, PANTRY};

impl Builder<'_> {
    pub(super) fn party(&mut self, id: &str, kind: PartyKind, name: &str) {
        self.parties.push(Party {
            id: PartyId::new(id),
            kind,
            name: Some(FreeText::new(name.to_owned())),
        });
    }

    pub(super) fn add_parties(&mut self) {
        self.party(
            LANDLORD,
            PartyKind::Landlord,
            "Sampleton Property Management (invented)",
        );
        self.party(
            HOUSING_AUTHORITY,
            PartyKind::HousingAuthority,
            "Sampleton Housing Authority (invented)",
        );
        self.party(
            CLINIC,
            PartyKind::HealthProvider,
            "Example Family Clinic (invented)",
        );
        self.party(
            BENEFITS,
            PartyKind::GovernmentAgency,
            "Sampleton Benefits Office (invented)",
        );
        self.party(PANTRY, PartyKind::Other, "Example Food Pantry (invented)");
        if self.behavioral {
            self.party(
                BEHAVIORAL,
                PartyKind::BehavioralHealthProvider,
                "Example Counselling Service (invented)",
            );
        }
        if self.family {
            self.party(FAMILY, PartyKind::FamilyMember, "A. Relative (invented)");
        }
    }

    pub(super) fn next_consent_id(&self) -> ConsentId {
        ConsentId::new(format!("C{}", self.consents.len() + 1))
    }

    /// A release for `party` signed on `signed`, renewed before each expiry until the
    /// enrollment ends.
    pub(super) fn release_series(&mut self, party: &str, signed: NaiveDate, at_intake: bool) {
        let mut signed = signed;
        let mut at_intake = at_intake;
        loop {
            let expires = add_days(add_months(signed, 12), -1);
            self.consents.push(Consent {
                id: self.next_consent_id(),
                party: PartyId::new(party),
                signed_on: Some(signed),
                expires_on: Some(expires),
                revoked_on: None,
                refused_on: None,
                at_intake,
            });
            if expires >= self.end || expires >= self.as_of {
                break;
            }
            let renewed = add_days(expires, -self.dice.range(5, 25));
            if renewed <= signed {
                break;
            }
            signed = renewed;
            at_intake = false;
        }
    }

    pub(super) fn add_intake_consents(&mut self) {
        let late = self.has(Problem::NoReleaseAtIntake);
        let signed = if late {
            add_days(self.entered, self.dice.range(35, 50))
        } else {
            self.entered
        };
        let mut parties = vec![LANDLORD, CLINIC, BENEFITS];
        if matches!(
            self.program,
            Program::IcmsHigh | Program::IcmsLow | Program::StlCoc | Program::CtPsh
        ) {
            parties.push(HOUSING_AUTHORITY);
        }
        if self.behavioral {
            parties.push(BEHAVIORAL);
        }
        for party in parties {
            self.release_series(party, signed, !late);
        }
        if self.family {
            // The participant declined to let the agency talk to their family.
            self.consents.push(Consent {
                id: self.next_consent_id(),
                party: PartyId::new(FAMILY),
                signed_on: None,
                expires_on: None,
                revoked_on: None,
                refused_on: Some(self.entered),
                at_intake: false,
            });
        }
    }

    /// The release that allows sharing with `party` on `day`, if any.
    pub(super) fn release_for(&self, party: &str, day: NaiveDate) -> Option<ConsentId> {
        self.consents
            .iter()
            .find(|c| {
                c.party.as_str() == party
                    && c.refused_on.is_none()
                    && c.signed_on.is_some_and(|s| s <= day)
                    && c.expires_on.is_none_or(|e| e >= day)
                    && c.revoked_on.is_none_or(|r| r > day)
            })
            .map(|c| c.id.clone())
    }
}
