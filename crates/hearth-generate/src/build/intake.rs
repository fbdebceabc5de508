//! Intake, documents, housing conditions.

use chrono::NaiveDate;
use hearth_model::calendar::{add_days, add_months};
use hearth_model::{
    ClientRight, DocumentId, DocumentKind, FileDocument, HousingCondition, HousingConditionKind,
    Intake, RecordId, Refusal, RightExplained,
};

use crate::{Problem, Program};

use super::Builder;

impl Builder<'_> {
    pub(super) fn intake(&mut self) -> Intake {
        let mut rights_explained: Vec<RightExplained> = [
            ClientRight::NoReligiousActivities,
            ClientRight::ObjectToReligiousCharacter,
            ClientRight::AppealTermination,
            ClientRight::GrievanceProcess,
        ]
        .into_iter()
        .map(|right| RightExplained {
            right,
            explained_on: self.entered,
            explained_by: Some(self.cm.clone()),
        })
        .collect();
        if self.has(Problem::RightsNotExplained) {
            let late = add_days(self.entered, self.dice.range(10, 20));
            if let Some(r) = rights_explained
                .iter_mut()
                .find(|r| r.right == ClientRight::GrievanceProcess)
            {
                r.explained_on = late;
            }
        }
        let mut refusals = Vec::new();
        let refuses = self.has(Problem::RefusalNotFollowedUp)
            || (self.program == Program::StlCoc
                && self.span_from_entry() >= 70
                && self.dice.percent(15));
        if refuses {
            let refused = add_days(self.entered, self.dice.range(0, 3));
            let follow_ups = if self.has(Problem::RefusalNotFollowedUp) {
                vec![add_days(refused, self.dice.range(35, 50))]
            } else {
                vec![
                    add_days(refused, self.dice.range(7, 20)),
                    add_days(refused, self.dice.range(21, 28)),
                ]
            };
            let obtained = follow_ups.last().copied().filter(|d| *d <= self.as_of);
            self.income_obtained = Some(obtained);
            refusals.push(Refusal {
                id: RecordId::new("RF1"),
                material: DocumentKind::IncomeVerification,
                refused_on: refused,
                follow_ups,
                obtained_on: obtained,
            });
        }
        Intake {
            rights_explained,
            rules_explained_on: Some(self.entered),
            refusals,
        }
    }

    pub(super) fn document(
        &mut self,
        kind: DocumentKind,
        filed_on: NaiveDate,
        valid_until: Option<NaiveDate>,
    ) {
        if filed_on > self.as_of {
            return;
        }
        self.documents.push(FileDocument {
            id: DocumentId::new(format!("D{}", self.documents.len() + 1)),
            kind,
            filed_on,
            valid_until,
            description: None,
        });
    }

    pub(super) fn add_documents(&mut self) {
        let income_on = match self.income_obtained {
            Some(obtained) => obtained,
            None => Some(self.entered),
        };
        if let Some(day) = income_on {
            self.document(
                DocumentKind::IncomeVerification,
                day,
                Some(add_months(day, 12)),
            );
        }
        if !self.has(Problem::MissingDocument) {
            self.document(DocumentKind::HomelessnessVerification, self.entered, None);
        }
        self.document(DocumentKind::FrontDoorAssessment, self.entered, None);
        let id_on = add_days(self.entered, self.dice.range(0, 10));
        self.document(DocumentKind::Identification, id_on, None);
        if let Some(day) = self.move_in_on() {
            self.document(DocumentKind::Lease, day, Some(add_months(day, 12)));
            self.document(DocumentKind::HousingInspection, day, None);
        }
        let mut anniversary = add_months(self.entered, 12);
        while anniversary <= self.end {
            let filed = add_days(anniversary, self.dice.range(0, 20));
            self.document(DocumentKind::AnnualAssessment, filed, None);
            self.document(DocumentKind::ServicesReceived, filed, None);
            let next = add_months(anniversary, 12);
            if next <= anniversary {
                break;
            }
            anniversary = next;
        }
        if let Some(t) = self.termination.clone() {
            self.document(DocumentKind::Other, t.notice, None);
            self.document(DocumentKind::Other, t.final_notice, None);
            self.document(DocumentKind::TerminationCompliance, t.exit, None);
        }
    }

    pub(super) fn housing_conditions(&mut self) -> Vec<HousingCondition> {
        if matches!(self.program, Program::IcmsHigh | Program::IcmsLow) {
            return Vec::new();
        }
        let mut conditions = vec![HousingCondition {
            kind: HousingConditionKind::LeaseCompliance,
            recorded_on: self.move_in_on().unwrap_or(self.entered),
        }];
        if self.has(Problem::HousingConditioned) {
            let kind = self.dice.pick(
                &[
                    HousingConditionKind::Sobriety,
                    HousingConditionKind::ServiceParticipation,
                ],
                HousingConditionKind::Sobriety,
            );
            conditions.push(HousingCondition {
                kind,
                recorded_on: add_days(self.entered, self.dice.range(0, 20)).min(self.end),
            });
        }
        conditions
    }
}
