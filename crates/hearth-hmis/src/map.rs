//! The map: which HMIS projects become which hearth programs, the time zone of the
//! export's datetimes, and which services count as contacts.

use std::collections::BTreeMap;

use hearth_model::{EncounterKind, ProgramModel};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::codes::{PROJECT_TYPE, RECORD_TYPE};

/// How an HMIS export maps to hearth (`[hmis]` in `hearth.toml`, or a file given with
/// `--map`).
///
/// ```toml
/// time_zone = "America/Chicago"
///
/// [project_types]
/// 3 = "ct-psh"
/// 13 = "rrh"
///
/// [projects]
/// "1397" = "stl-coc"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Map {
    /// HMIS ProjectType code (2.02.6) → hearth program. Enrollments in projects of a type
    /// not listed are skipped and counted, never guessed. Without this table, 13 (PH -
    /// Rapid Re-Housing) maps to `rrh` and nothing else maps: 3 (PSH) needs a choice,
    /// such as `ct-psh` or `stl-coc`.
    #[serde(default = "default_project_types")]
    pub project_types: BTreeMap<String, ProgramModel>,
    /// HMIS ProjectID → hearth program, overriding the project's type.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub projects: BTreeMap<String, ProgramModel>,
    /// The IANA time zone of the export's datetimes (which carry no offset), e.g.
    /// `America/Chicago`. `UTC` when not given; `--time-zone` overrides it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// Which Services.csv records are contacts (encounters). Others (bed nights,
    /// financial assistance …) are counted, not encounters. Default: SSVF services (144)
    /// outreach (1) and case management (2); PATH services (141) re-engagement (1) and
    /// case management (6).
    #[serde(default = "default_contacts")]
    pub contacts: Vec<ContactRule>,
    /// Whether CurrentLivingSituation.csv records count as (outreach) contacts. Default
    /// true: a current living situation is recorded at a contact (4.12).
    #[serde(default = "default_true")]
    pub living_situation_contacts: bool,
}

/// Services of one RecordType and TypeProvided that count as contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactRule {
    /// The HMIS RecordType (1.4), e.g. 144 for SSVF services.
    pub record_type: i32,
    /// The TypeProvided codes of that record type that are contacts.
    pub type_provided: Vec<i32>,
    /// The kind of encounter they become (`visit` or `outreach`).
    #[serde(default = "default_kind")]
    pub kind: EncounterKind,
}

fn default_kind() -> EncounterKind {
    EncounterKind::Visit
}

fn default_true() -> bool {
    true
}

fn default_project_types() -> BTreeMap<String, ProgramModel> {
    BTreeMap::from([("13".to_owned(), ProgramModel::Rrh)])
}

fn default_contacts() -> Vec<ContactRule> {
    vec![
        ContactRule {
            record_type: 144,
            type_provided: vec![1],
            kind: EncounterKind::Outreach,
        },
        ContactRule {
            record_type: 144,
            type_provided: vec![2],
            kind: EncounterKind::Visit,
        },
        ContactRule {
            record_type: 141,
            type_provided: vec![1],
            kind: EncounterKind::Outreach,
        },
        ContactRule {
            record_type: 141,
            type_provided: vec![6],
            kind: EncounterKind::Visit,
        },
    ]
}

impl Default for Map {
    fn default() -> Self {
        Self {
            project_types: default_project_types(),
            projects: BTreeMap::new(),
            time_zone: None,
            contacts: default_contacts(),
            living_situation_contacts: true,
        }
    }
}

/// A map that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    /// The TOML could not be read (the message is toml's, which names the line).
    #[error("{0}")]
    Toml(String),
    /// A `[project_types]` key that is not an HMIS ProjectType code.
    #[error("[project_types] key {0:?} is not an HMIS ProjectType code (2.02.6: 0-4, 6-14)")]
    ProjectType(String),
    /// A contact rule naming a RecordType outside 1.4.
    #[error("contacts: record_type {0} is not an HMIS RecordType (1.4)")]
    RecordType(i32),
    /// A contact rule with a kind other than visit or outreach.
    #[error("contacts: kind must be `visit` or `outreach`")]
    ContactKind,
}

impl Map {
    /// Reads a map from TOML and checks its codes.
    pub fn from_toml(text: &str) -> Result<Self, MapError> {
        let map: Map = toml::from_str(text).map_err(|e| MapError::Toml(e.message().to_owned()))?;
        map.validate()?;
        Ok(map)
    }

    /// Checks the codes the map names.
    pub fn validate(&self) -> Result<(), MapError> {
        for key in self.project_types.keys() {
            let ok = key.parse::<i32>().is_ok_and(|c| PROJECT_TYPE.contains(c));
            if !ok {
                return Err(MapError::ProjectType(key.clone()));
            }
        }
        for rule in &self.contacts {
            if !RECORD_TYPE.contains(rule.record_type) {
                return Err(MapError::RecordType(rule.record_type));
            }
            if !matches!(rule.kind, EncounterKind::Visit | EncounterKind::Outreach) {
                return Err(MapError::ContactKind);
            }
        }
        Ok(())
    }

    /// The program a project maps to: its ProjectID override, else its type's, else none.
    pub fn program(&self, project_id: &str, project_type: Option<i32>) -> Option<ProgramModel> {
        if let Some(p) = self.projects.get(project_id) {
            return Some(*p);
        }
        let ty = project_type?;
        self.project_types.get(&ty.to_string()).copied()
    }

    /// The encounter kind of a service, when it is a contact.
    pub fn contact_kind(&self, record_type: i32, type_provided: i32) -> Option<EncounterKind> {
        self.contacts
            .iter()
            .find(|r| r.record_type == record_type && r.type_provided.contains(&type_provided))
            .map(|r| r.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_reads_project_types_and_overrides() {
        let map = Map::from_toml(
            "time_zone = \"America/Chicago\"\n[project_types]\n3 = \"ct-psh\"\n13 = \"rrh\"\n[projects]\n\"1397\" = \"stl-coc\"\n",
        )
        .unwrap();
        assert_eq!(map.program("1", Some(3)), Some(ProgramModel::CtPsh));
        assert_eq!(map.program("1397", Some(3)), Some(ProgramModel::StlCoc));
        assert_eq!(map.program("1", Some(0)), None);
        assert_eq!(map.contact_kind(144, 2), Some(EncounterKind::Visit));
        assert_eq!(map.contact_kind(200, 200), None);
    }

    #[test]
    fn the_default_maps_rrh_only() {
        let map = Map::default();
        assert_eq!(map.program("1", Some(13)), Some(ProgramModel::Rrh));
        assert_eq!(map.program("1", Some(3)), None);
        assert_eq!(Map::from_toml("").unwrap(), map);
    }

    #[test]
    fn bad_codes_are_refused() {
        assert_eq!(
            Map::from_toml("[project_types]\n5 = \"rrh\"\n"),
            Err(MapError::ProjectType("5".into()))
        );
        assert!(matches!(
            Map::from_toml("[[contacts]]\nrecord_type = 1\ntype_provided = [1]\n"),
            Err(MapError::RecordType(1))
        ));
        assert!(matches!(Map::from_toml("nope = 1"), Err(MapError::Toml(_))));
    }
}
