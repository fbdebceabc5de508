//! What the visits rules share: which encounters fall inside an enrollment, which of them
//! are contacts, their local dates, and one stable order for them.
//!
//! - An encounter's date is the local date of `started_at` in its own recorded offset.
//! - An encounter counts for an enrollment when that date lies in
//!   `[entered_on, cx.end_of(enrollment)]`, both ends included.
//! - A **contact** is an encounter that took place (`status` `completed`) with the
//!   participant present and of any kind but `collateral`.
//! - Lists may come in any order: encounters are sorted by (local date, `started_at`, id)
//!   and the list index only breaks ties between records that share an id.

use hearth_model::{ContactMode, Encounter, EncounterKind, Enrollment, Stage};

use crate::context::CaseContext;
use crate::path::Pointer;

pub(super) use crate::index::Dated;

impl<'a> Dated<'a> {
    /// JSON Pointer of the encounter, below `enrollment` (the enrollment's pointer).
    pub fn path(&self, enrollment: &Pointer) -> Pointer {
        enrollment.key("encounters").index(self.index)
    }

    /// The encounter's id.
    pub fn id(&self) -> &'a str {
        self.encounter.id.as_str()
    }

    /// Whether the encounter is a contact (see the module docs).
    pub fn is_contact(&self) -> bool {
        is_contact(self.encounter)
    }
}

/// Whether an encounter is a contact: it took place, the participant was there, and it
/// was not a collateral contact about them.
pub(super) fn is_contact(encounter: &Encounter) -> bool {
    encounter.status.took_place()
        && encounter.participant_present
        && encounter.kind != EncounterKind::Collateral
}

/// Whether an encounter is an in-person contact.
pub(super) fn is_in_person_contact(encounter: &Encounter) -> bool {
    is_contact(encounter) && encounter.mode == ContactMode::InPerson
}

/// The encounters of `enrollment` dated inside `[entered_on, cx.end_of(enrollment)]`,
/// sorted by (local date, `started_at`, id, index): the same order whatever the input
/// order. Read from the case index (sorted once per case file) when the engine built one.
pub(super) fn encounters_in_window<'a>(
    cx: &CaseContext<'a>,
    enrollment: &'a Enrollment,
) -> Vec<Dated<'a>> {
    match cx.index.and_then(|index| index.encounters_of(enrollment)) {
        Some(dated) => dated.to_vec(),
        None => crate::index::encounters_in_window(enrollment, cx.end_of(enrollment)),
    }
}

/// "1 in-person visit", "2 in-person visits": `count` and `noun`, plural unless 1.
pub(super) fn counted(count: i64, noun: &str) -> String {
    if count == 1 {
        format!("{count} {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

/// The kebab-case id of a stage, as written in case files and policies (serde's
/// spelling).
pub(super) fn stage_id(stage: Stage) -> &'static str {
    hearth_model::name::name_or_empty(&stage)
}

/// The stage ids in order, for a choice parameter.
pub(super) const STAGE_IDS: &[&str] = &[
    "housing-supports",
    "individualized-service-planning",
    "self-awareness",
    "self-management",
    "rebuilt-reframed",
];

/// The ordinal (1 to 5) of a stage id; `None` for an unknown id.
pub(super) fn stage_ordinal(id: &str) -> Option<u8> {
    STAGE_IDS
        .iter()
        .position(|s| *s == id)
        .and_then(|p| u8::try_from(p + 1).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_ids_match_the_model() {
        for stage in [
            Stage::HousingSupports,
            Stage::IndividualizedServicePlanning,
            Stage::SelfAwareness,
            Stage::SelfManagement,
            Stage::RebuiltReframed,
        ] {
            let json = serde_json::to_value(stage).unwrap();
            assert_eq!(json.as_str(), Some(stage_id(stage)));
            assert_eq!(stage_ordinal(stage_id(stage)), Some(stage.ordinal()));
        }
        assert_eq!(stage_ordinal("nope"), None);
        assert_eq!(counted(1, "day"), "1 day");
        assert_eq!(counted(0, "day"), "0 days");
    }
}
