//! Assessments.

use chrono::NaiveDate;
use hearth_model::calendar::{add_days, add_months};
use hearth_model::{Answer, Assessment, AssessmentId, HouseholdType, ItemAnswer, StaffId};

use crate::{Problem, Program};

use super::helpers::vi_band;
use super::Builder;

impl Builder<'_> {
    pub(super) fn assessments(&mut self) -> Vec<Assessment> {
        let mut list = Vec::new();
        let household = self.household();
        let triage_day = match self.shelter_entry_on() {
            Some(shelter) if self.has(Problem::FrontDoorAssessmentLate) => {
                add_days(shelter, self.dice.range(10, 20))
            }
            Some(shelter) => add_days(shelter, self.dice.range(0, 6)),
            None => add_days(self.entered, -self.dice.range(20, 100)),
        };
        let (instrument, max_total) = match household {
            HouseholdType::Family => ("f-vi-spdat-v2", 22),
            HouseholdType::Youth => ("tay-vi-spdat", 17),
            _ => ("vi-spdat-v2", 17),
        };
        let mut triage = Assessment {
            id: AssessmentId::new("A1"),
            instrument: hearth_model::InstrumentId::new(instrument),
            started_on: triage_day,
            completed_on: Some(triage_day),
            assessed_by: Some(StaffId::new("FRONT-DOOR-01")),
            items: Vec::new(),
            total: None,
            band: None,
            annual: false,
            source: None,
        };
        if instrument == "vi-spdat-v2" {
            let parts: [(&str, i64); 5] = [
                ("history-of-housing-and-homelessness", 2),
                ("risks", 4),
                ("socialization-and-daily-functioning", 4),
                ("wellness", 6),
                ("age", 1),
            ];
            let mut total = 0;
            for (item, max) in parts {
                let score = self.dice.range(max / 2, max);
                total += score;
                triage.items.push(ItemAnswer {
                    item: item.to_owned(),
                    answer: Answer::Score(u32::try_from(score).unwrap_or(0)),
                });
            }
            triage.total = u32::try_from(total).ok();
            triage.band = Some(vi_band(total, 7).to_owned());
        } else {
            let total = self.dice.range(6, max_total);
            triage.total = u32::try_from(total).ok();
            let top = if instrument == "f-vi-spdat-v2" { 8 } else { 7 };
            triage.band = Some(vi_band(total, top).to_owned());
        }
        list.push(triage);
        list.push(Assessment {
            id: AssessmentId::new("A2"),
            instrument: hearth_model::InstrumentId::new("hmis-assessment"),
            started_on: self.entered,
            completed_on: Some(self.entered),
            assessed_by: Some(self.cm.clone()),
            items: Vec::new(),
            total: None,
            band: None,
            annual: false,
            source: None,
        });
        // The full assessment, repeated within the program's interval.
        let (first, every, allowed, annual) = match self.program {
            Program::StlCoc => (
                Some(add_days(triage_day, self.dice.range(1, 6))),
                11,
                12,
                true,
            ),
            Program::CtPsh => (
                Some(add_days(self.plan_on, self.dice.range(0, 20))),
                11,
                12,
                true,
            ),
            Program::IcmRrh => (
                Some(add_days(self.plan_on, self.dice.range(0, 14))),
                6,
                7,
                false,
            ),
            _ => (None, 0, 0, false),
        };
        if let Some(mut start) = first {
            let mut level = self.dice.range(30, 48);
            let mut stretched = false;
            while start <= self.end.min(self.as_of) {
                let completed = add_days(start, self.dice.range(0, 7));
                let n = list.len() + 1;
                list.push(self.spdat(n, start, completed, level, annual && start >= self.entered));
                level = (level - self.dice.range(0, 6)).max(8);
                let finished = if completed <= self.as_of {
                    completed
                } else {
                    start
                };
                let mut next = add_days(add_months(finished, every), self.dice.range(-10, 10));
                if self.has(Problem::AssessmentOverdue) && !stretched && next >= self.entered {
                    next = add_days(add_months(finished, allowed), self.dice.range(35, 60));
                    stretched = true;
                }
                if next <= start {
                    break;
                }
                start = next;
            }
        }
        if matches!(self.program, Program::IcmsHigh | Program::IcmsLow) {
            let mut day = add_days(self.plan_on, 7);
            while day <= self.end.min(self.as_of) {
                for instrument in ["five-by-five", "hai"] {
                    let n = list.len() + 1;
                    list.push(Assessment {
                        id: AssessmentId::new(format!("A{n}")),
                        instrument: hearth_model::InstrumentId::new(instrument),
                        started_on: day,
                        completed_on: Some(day),
                        assessed_by: Some(self.cm.clone()),
                        items: Vec::new(),
                        total: u32::try_from(self.dice.range(5, 20)).ok(),
                        band: None,
                        annual: false,
                        source: None,
                    });
                }
                let next = add_months(day, 6);
                if next <= day {
                    break;
                }
                day = next;
            }
        }
        list
    }

    pub(super) fn spdat(
        &mut self,
        n: usize,
        start: NaiveDate,
        completed: NaiveDate,
        level: i64,
        annual: bool,
    ) -> Assessment {
        const COMPONENTS: [&str; 15] = [
            "mental-health-wellness-and-cognitive-functioning",
            "physical-health-and-wellness",
            "medication",
            "substance-use",
            "experience-of-abuse-and-trauma",
            "risk-of-harm-to-self-or-others",
            "involvement-in-higher-risk-or-exploitive-situations",
            "interaction-with-emergency-services",
            "legal",
            "managing-tenancy",
            "personal-administration-and-money-management",
            "social-relationships-and-networks",
            "self-care-and-daily-living-skills",
            "meaningful-daily-activity",
            "history-of-homelessness-and-housing",
        ];
        let mut items = Vec::with_capacity(COMPONENTS.len());
        let mut total = 0;
        let mut left = level;
        for (k, component) in COMPONENTS.iter().enumerate() {
            let remaining = i64::try_from(COMPONENTS.len() - k).unwrap_or(1);
            let mean = (left + remaining - 1) / remaining;
            let score = (mean + self.dice.range(-1, 1)).clamp(0, 4).min(left.max(0));
            left -= score;
            total += score;
            items.push(ItemAnswer {
                item: (*component).to_owned(),
                answer: Answer::Score(u32::try_from(score).unwrap_or(0)),
            });
        }
        let band = match total {
            t if t < 20 => "0-19",
            t if t < 40 => "20-39",
            _ => "40-60",
        };
        Assessment {
            id: AssessmentId::new(format!("A{n}")),
            instrument: hearth_model::InstrumentId::new("spdat"),
            started_on: start,
            completed_on: Some(completed).filter(|c| *c <= self.as_of),
            assessed_by: Some(if start < self.entered {
                StaffId::new("FRONT-DOOR-02")
            } else {
                self.cm.clone()
            }),
            items,
            total: u32::try_from(total).ok(),
            band: Some(band.to_owned()),
            annual,
            source: None,
        }
    }
}
