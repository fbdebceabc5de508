//! The participant.

use chrono::{Datelike, NaiveDate};
use hearth_model::{AgeBand, HouseholdType, Participant, ParticipantId, Personal, PersonalDetails};

use crate::names;
use crate::Program;

use super::Builder;

impl Builder<'_> {
    pub(super) fn household(&self) -> HouseholdType {
        match (self.program, self.index % 10) {
            (Program::Rrh, 0..=6) => HouseholdType::Family,
            (_, 0) => HouseholdType::Youth,
            (_, 1) => HouseholdType::AdultCouple,
            _ => HouseholdType::SingleAdult,
        }
    }

    pub(super) fn participant(&mut self) -> Participant {
        let household = self.household();
        let age_band = match household {
            HouseholdType::Youth => AgeBand::From18To24,
            _ if self.index % 7 == 3 => AgeBand::SixtyPlus,
            _ => AgeBand::From25To59,
        };
        let age = match age_band {
            AgeBand::From18To24 => self.dice.range(18, 24),
            AgeBand::SixtyPlus => self.dice.range(60, 80),
            _ => self.dice.range(25, 59),
        };
        let year = self
            .as_of
            .year()
            .saturating_sub(i32::try_from(age).unwrap_or(30));
        let birth = NaiveDate::from_ymd_opt(
            year,
            u32::try_from(self.dice.range(1, 12)).unwrap_or(1),
            u32::try_from(self.dice.range(1, 28)).unwrap_or(1),
        );
        let first = self.dice.pick(names::FIRST_NAMES, "Alex");
        let last = self.dice.pick(names::LAST_NAMES, "Example");
        let street = self.dice.pick(names::STREETS, "Example Ave");
        let number = self.dice.range(1, 999);
        let unit = self.dice.range(1, 40);
        let phone = self.dice.range(0, 99);
        Participant {
            id: ParticipantId::new(crate::participant_id(self.index)),
            household: Some(household),
            age_band: Some(age_band),
            veteran: Some(self.dice.percent(10)),
            personal: Some(PersonalDetails {
                name: Some(Personal::new(format!("{first} {last}"))),
                preferred_name: Some(Personal::new(first.to_owned())),
                birth_date: birth.map(Personal::new),
                address: Some(Personal::new(format!(
                    "{number} {street}, Unit {unit}, Sampleton"
                ))),
                phone: Some(Personal::new(format!("(555) 010-01{phone:02}"))),
                email: None,
            }),
        }
    }
}
