//! Assessment instruments as data: score range, components, bands, status (R-ASMT-4).
//!
//! An instrument is never a code branch: a total score is turned into a band by looking
//! it up in the instrument's [`Band`] table with [`Instrument::band_for`], and a program
//! adds its own instrument (for example a local tool that replaced the VI-SPDAT) with a
//! catalog extension, without code.
//!
//! # Built-in instruments and their sources
//!
//! Facts from public practice, as recorded in the project's DOMAIN.md §8:
//!
//! | id | instrument | scale |
//! | --- | --- | --- |
//! | `vi-spdat-v2` | VI-SPDAT v2, single adults | 4 domains + age item, 0–17; bands 0–3, 4–7, 8+ |
//! | `f-vi-spdat-v2` | F-VI-SPDAT v2, families | 0–22; bands 0–3, 4–8, 9+ |
//! | `tay-vi-spdat` | TAY-VI-SPDAT, youth 18–24 | 0–17; bands 0–3, 4–7, 8+ |
//! | `spdat` | full SPDAT | 15 components 0–4, 0–60; one published band set 0–19, 20–39, 40–60 |
//! | `hai` | Housing Acuity Index (seed 000) | local scale: no range, no bands |
//! | `five-by-five` | 5x5 (seed 000) | local scale: no range, no bands |
//! | `hmis-assessment` | HMIS Assessment (seed 000) | not scored |
//!
//! The VI-SPDAT family was retired by OrgCode in 2021; those instruments stay in the
//! catalog, marked [`InstrumentStatus::Retired`], so that historical scores can still be
//! read and banded. The SPDAT bands are one published set: score bands differ by
//! community, so a program's policy may override them. HAI and 5x5 have scales that are
//! local to LA County ICMS; hearth stores their dated score and an optional band as
//! recorded, without inventing a range.

use std::collections::HashSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::ids::is_kebab_id;

/// The lowest and highest total score an instrument can give, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreRange {
    /// Lowest possible total score.
    pub min: u32,
    /// Highest possible total score.
    pub max: u32,
}

/// One scored part of an instrument (a domain, item or component).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Component {
    /// Kebab-case id, unique within the instrument, e.g. `wellness`.
    pub id: String,
    /// The component's name as the instrument writes it.
    pub name: String,
    /// Lowest score of the component.
    pub min: u32,
    /// Highest score of the component.
    pub max: u32,
}

/// A band of total scores with a meaning, e.g. 4–7 "assessment for rapid re-housing".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Kebab-case id, unique within the instrument, e.g. `rapid-re-housing`.
    pub id: String,
    /// Lowest total score in the band, inclusive.
    pub min: u32,
    /// Highest total score in the band, inclusive; absent for an open-ended top band
    /// ("8+"), which then runs to the top of the score range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u32>,
    /// What the band means, e.g. "assessment for rapid re-housing".
    pub label: String,
}

/// Whether an instrument is still in use.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum InstrumentStatus {
    /// In current use.
    #[default]
    Active,
    /// No longer maintained by its publisher; kept so that past scores can be read.
    Retired {
        /// Year the instrument was retired.
        year: u16,
        /// Who retired it and what replaced it.
        note: String,
    },
}

/// An assessment instrument: what it scores, how totals map to bands, whether it is
/// still in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable kebab-case id, e.g. `vi-spdat-v2`. Never changes or gets reused.
    pub id: String,
    /// The instrument's name.
    pub name: String,
    /// The instrument's version, where it has one, e.g. "2.0".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Who the instrument is for, e.g. "single adults".
    pub population: String,
    /// Whether the instrument gives a score. An unscored instrument (e.g. the HMIS
    /// assessment) has no range, components or bands.
    #[serde(default = "default_true")]
    pub scored: bool,
    /// The range of the total score, when the scale is known. Absent for a local scale
    /// whose range hearth does not know.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<ScoreRange>,
    /// The scored parts whose scores add up to the total, when known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<Component>,
    /// Bands of total scores, in ascending order and not overlapping.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<Band>,
    /// Whether the instrument is still in use (default: active).
    #[serde(default)]
    pub status: InstrumentStatus,
    /// Notes on the instrument: source, caveats, local practice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

fn default_true() -> bool {
    true
}

/// An instrument's definition is inconsistent. Every message names the instrument.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InstrumentError {
    /// The instrument id is not kebab-case.
    #[error(
        "instrument id {id:?} is not kebab-case: use lowercase letters, digits and single hyphens, e.g. \"local-acuity-tool\""
    )]
    InvalidId {
        /// The offending id.
        id: String,
    },
    /// A required text field is empty.
    #[error("instrument {instrument:?}: {field} is empty")]
    EmptyField {
        /// The instrument id.
        instrument: String,
        /// The empty field, e.g. "name".
        field: &'static str,
    },
    /// A component or band id is not kebab-case.
    #[error(
        "instrument {instrument:?}: {part} id {id:?} is not kebab-case: use lowercase letters, digits and single hyphens"
    )]
    InvalidPartId {
        /// The instrument id.
        instrument: String,
        /// "component" or "band".
        part: &'static str,
        /// The offending id.
        id: String,
    },
    /// Two components, or two bands, share an id.
    #[error("instrument {instrument:?}: {part} id {id:?} is used more than once")]
    DuplicatePartId {
        /// The instrument id.
        instrument: String,
        /// "component" or "band".
        part: &'static str,
        /// The repeated id.
        id: String,
    },
    /// An unscored instrument lists a score range, components or bands.
    #[error(
        "instrument {instrument:?} is marked unscored (\"scored\": false) but has a score range, components or bands: remove them or set \"scored\" to true"
    )]
    UnscoredWithScale {
        /// The instrument id.
        instrument: String,
    },
    /// The score range's minimum is above its maximum.
    #[error(
        "instrument {instrument:?}: score range {min}–{max} has its minimum above its maximum"
    )]
    InvalidRange {
        /// The instrument id.
        instrument: String,
        /// The range's minimum.
        min: u32,
        /// The range's maximum.
        max: u32,
    },
    /// A component's minimum is above its maximum.
    #[error(
        "instrument {instrument:?}: component {component:?} runs from {min} to {max}: its minimum is above its maximum"
    )]
    InvalidComponent {
        /// The instrument id.
        instrument: String,
        /// The component id.
        component: String,
        /// The component's minimum.
        min: u32,
        /// The component's maximum.
        max: u32,
    },
    /// The components' maxima do not add up to the top of the score range.
    #[error(
        "instrument {instrument:?}: the components' maxima add up to {sum}, but the score range ends at {max}; fix a component maximum or the range"
    )]
    ComponentSumMismatch {
        /// The instrument id.
        instrument: String,
        /// Sum of the components' maxima.
        sum: u64,
        /// The score range's maximum.
        max: u32,
    },
    /// A band's minimum is above its maximum.
    #[error(
        "instrument {instrument:?}: band {band:?} runs from {min} to {max}: its minimum is above its maximum"
    )]
    InvalidBand {
        /// The instrument id.
        instrument: String,
        /// The band id.
        band: String,
        /// The band's minimum.
        min: u32,
        /// The band's maximum.
        max: u32,
    },
    /// An open-ended band is followed by another band.
    #[error(
        "instrument {instrument:?}: band {band:?} has no maximum but is not the last band; only the highest band may be open-ended"
    )]
    OpenBandNotLast {
        /// The instrument id.
        instrument: String,
        /// The open-ended band.
        band: String,
    },
    /// A band starts at or below the end of the band before it.
    #[error(
        "instrument {instrument:?}: band {band:?} starts at {min}, but band {previous:?} runs to {previous_max}; bands must be listed in ascending order without overlapping"
    )]
    BandOverlap {
        /// The instrument id.
        instrument: String,
        /// The band out of order.
        band: String,
        /// Its minimum.
        min: u32,
        /// The band before it.
        previous: String,
        /// The maximum of the band before it.
        previous_max: u32,
    },
    /// A band reaches outside the instrument's score range.
    #[error(
        "instrument {instrument:?}: band {band:?} ({span}) reaches outside the score range {range_min}–{range_max}"
    )]
    BandOutsideRange {
        /// The instrument id.
        instrument: String,
        /// The band id.
        band: String,
        /// The band's scores, e.g. "8–20" or "8+".
        span: String,
        /// The range's minimum.
        range_min: u32,
        /// The range's maximum.
        range_max: u32,
    },
}

impl Band {
    fn span(&self) -> String {
        match self.max {
            Some(max) => format!("{}–{}", self.min, max),
            None => format!("{}+", self.min),
        }
    }

    /// Whether `total` falls in this band (an open-ended band has no upper limit here;
    /// [`Instrument::band_for`] applies the instrument's range).
    pub fn contains(&self, total: u32) -> bool {
        total >= self.min && self.max.is_none_or(|max| total <= max)
    }
}

impl Instrument {
    /// The band a total score falls in, or `None` when the total is outside the score
    /// range, falls between bands, or the instrument has no bands.
    ///
    /// ```
    /// let catalog = hearth_catalog::Catalog::builtin();
    /// let vi = catalog.instrument("vi-spdat-v2").unwrap();
    /// assert_eq!(vi.band_for(5).map(|b| b.id.as_str()), Some("rapid-re-housing"));
    /// assert_eq!(vi.band_for(18), None); // above the 0–17 range
    /// ```
    pub fn band_for(&self, total: u32) -> Option<&Band> {
        if let Some(range) = self.score {
            if total < range.min || total > range.max {
                return None;
            }
        }
        self.bands.iter().find(|band| band.contains(total))
    }

    /// Checks that the definition is consistent: kebab-case ids, non-empty name and
    /// population, a range with min ≤ max, components' maxima adding up to the range's
    /// maximum (when both are given), bands ascending, not overlapping, only the last one
    /// open-ended, and inside the range (when one is given); an unscored instrument has
    /// no range, components or bands.
    pub fn validate(&self) -> Result<(), InstrumentError> {
        let instrument = || self.id.clone();
        if !is_kebab_id(&self.id) {
            return Err(InstrumentError::InvalidId {
                id: self.id.clone(),
            });
        }
        for (field, value) in [("name", &self.name), ("population", &self.population)] {
            if value.trim().is_empty() {
                return Err(InstrumentError::EmptyField {
                    instrument: instrument(),
                    field,
                });
            }
        }
        if !self.scored
            && (self.score.is_some() || !self.components.is_empty() || !self.bands.is_empty())
        {
            return Err(InstrumentError::UnscoredWithScale {
                instrument: instrument(),
            });
        }
        if let Some(range) = self.score {
            if range.min > range.max {
                return Err(InstrumentError::InvalidRange {
                    instrument: instrument(),
                    min: range.min,
                    max: range.max,
                });
            }
        }
        self.validate_components()?;
        self.validate_bands()
    }

    fn validate_components(&self) -> Result<(), InstrumentError> {
        let mut seen = HashSet::new();
        let mut sum: u64 = 0;
        for c in &self.components {
            check_part_id(&self.id, "component", &c.id, &mut seen)?;
            if c.name.trim().is_empty() {
                return Err(InstrumentError::EmptyField {
                    instrument: self.id.clone(),
                    field: "component name",
                });
            }
            if c.min > c.max {
                return Err(InstrumentError::InvalidComponent {
                    instrument: self.id.clone(),
                    component: c.id.clone(),
                    min: c.min,
                    max: c.max,
                });
            }
            sum = sum.saturating_add(u64::from(c.max));
        }
        if let Some(range) = self.score {
            if !self.components.is_empty() && sum != u64::from(range.max) {
                return Err(InstrumentError::ComponentSumMismatch {
                    instrument: self.id.clone(),
                    sum,
                    max: range.max,
                });
            }
        }
        Ok(())
    }

    fn validate_bands(&self) -> Result<(), InstrumentError> {
        let mut seen = HashSet::new();
        let mut previous: Option<&Band> = None;
        for band in &self.bands {
            check_part_id(&self.id, "band", &band.id, &mut seen)?;
            if band.label.trim().is_empty() {
                return Err(InstrumentError::EmptyField {
                    instrument: self.id.clone(),
                    field: "band label",
                });
            }
            if let Some(max) = band.max {
                if band.min > max {
                    return Err(InstrumentError::InvalidBand {
                        instrument: self.id.clone(),
                        band: band.id.clone(),
                        min: band.min,
                        max,
                    });
                }
            }
            if let Some(prev) = previous {
                let Some(prev_max) = prev.max else {
                    return Err(InstrumentError::OpenBandNotLast {
                        instrument: self.id.clone(),
                        band: prev.id.clone(),
                    });
                };
                if band.min <= prev_max {
                    return Err(InstrumentError::BandOverlap {
                        instrument: self.id.clone(),
                        band: band.id.clone(),
                        min: band.min,
                        previous: prev.id.clone(),
                        previous_max: prev_max,
                    });
                }
            }
            if let Some(range) = self.score {
                let above = band.max.is_some_and(|max| max > range.max) || band.min > range.max;
                if band.min < range.min || above {
                    return Err(InstrumentError::BandOutsideRange {
                        instrument: self.id.clone(),
                        band: band.id.clone(),
                        span: band.span(),
                        range_min: range.min,
                        range_max: range.max,
                    });
                }
            }
            previous = Some(band);
        }
        Ok(())
    }
}

fn check_part_id<'a>(
    instrument: &str,
    part: &'static str,
    id: &'a str,
    seen: &mut HashSet<&'a str>,
) -> Result<(), InstrumentError> {
    if !is_kebab_id(id) {
        return Err(InstrumentError::InvalidPartId {
            instrument: instrument.to_string(),
            part,
            id: id.to_string(),
        });
    }
    if !seen.insert(id) {
        return Err(InstrumentError::DuplicatePartId {
            instrument: instrument.to_string(),
            part,
            id: id.to_string(),
        });
    }
    Ok(())
}

/// `(id, name, min, max)` rows, as in the tables below.
type Row = (&'static str, &'static str, u32, u32);
/// `(id, min, max, label)` rows; `None` max is open-ended.
type BandRow = (&'static str, u32, Option<u32>, &'static str);

const VI_SPDAT_RETIRED: &str = "OrgCode retired the VI-SPDAT in 2021; communities moved to local \
assessment tools (e.g. LA's housing assessment tool). Kept so that past scores can be read.";

/// VI-SPDAT v2 (single adults): four domains plus the age item.
const VI_SPDAT_V2_COMPONENTS: &[Row] = &[
    (
        "history-of-housing-and-homelessness",
        "History of Housing & Homelessness",
        0,
        2,
    ),
    ("risks", "Risks", 0, 4),
    (
        "socialization-and-daily-functioning",
        "Socialization & Daily Functioning",
        0,
        4,
    ),
    ("wellness", "Wellness", 0, 6),
    ("age", "Age", 0, 1),
];

const VI_SPDAT_BANDS: &[BandRow] = &[
    (
        "no-housing-intervention",
        0,
        Some(3),
        "no housing intervention",
    ),
    (
        "rapid-re-housing",
        4,
        Some(7),
        "assessment for rapid re-housing",
    ),
    (
        "permanent-supportive-housing",
        8,
        None,
        "assessment for permanent supportive housing / Housing First",
    ),
];

const F_VI_SPDAT_BANDS: &[BandRow] = &[
    (
        "no-housing-intervention",
        0,
        Some(3),
        "no housing intervention",
    ),
    (
        "rapid-re-housing",
        4,
        Some(8),
        "assessment for rapid re-housing",
    ),
    (
        "permanent-supportive-housing",
        9,
        None,
        "assessment for permanent supportive housing / Housing First",
    ),
];

/// Full SPDAT: 15 components, each scored 0–4.
const SPDAT_COMPONENTS: &[Row] = &[
    (
        "mental-health-wellness-and-cognitive-functioning",
        "Mental Health & Wellness and Cognitive Functioning",
        0,
        4,
    ),
    (
        "physical-health-and-wellness",
        "Physical Health & Wellness",
        0,
        4,
    ),
    ("medication", "Medication", 0, 4),
    ("substance-use", "Substance Use", 0, 4),
    (
        "experience-of-abuse-and-trauma",
        "Experience of Abuse & Trauma",
        0,
        4,
    ),
    (
        "risk-of-harm-to-self-or-others",
        "Risk of Harm to Self or Others",
        0,
        4,
    ),
    (
        "involvement-in-higher-risk-or-exploitive-situations",
        "Involvement in Higher Risk and/or Exploitive Situations",
        0,
        4,
    ),
    (
        "interaction-with-emergency-services",
        "Interaction with Emergency Services",
        0,
        4,
    ),
    ("legal", "Legal", 0, 4),
    ("managing-tenancy", "Managing Tenancy", 0, 4),
    (
        "personal-administration-and-money-management",
        "Personal Administration & Money Management",
        0,
        4,
    ),
    (
        "social-relationships-and-networks",
        "Social Relationships & Networks",
        0,
        4,
    ),
    (
        "self-care-and-daily-living-skills",
        "Self-Care & Daily Living Skills",
        0,
        4,
    ),
    (
        "meaningful-daily-activity",
        "Meaningful Daily Activity",
        0,
        4,
    ),
    (
        "history-of-homelessness-and-housing",
        "History of Homelessness & Housing",
        0,
        4,
    ),
];

const SPDAT_BANDS: &[BandRow] = &[
    ("0-19", 0, Some(19), "lowest third"),
    ("20-39", 20, Some(39), "middle third"),
    ("40-60", 40, Some(60), "highest third"),
];

const LOCAL_SCALE_NOTE: &str = "Named in seeds/000 (\"5x5 and HAI scores help inform the purpose \
of your home visits and the direction of the Care Plan\"). The scale is local to LA County ICMS: \
hearth stores the dated score and an optional band as recorded, without inventing a range.";

fn components(rows: &[Row]) -> Vec<Component> {
    rows.iter()
        .map(|&(id, name, min, max)| Component {
            id: id.to_string(),
            name: name.to_string(),
            min,
            max,
        })
        .collect()
}

fn bands(rows: &[BandRow]) -> Vec<Band> {
    rows.iter()
        .map(|&(id, min, max, label)| Band {
            id: id.to_string(),
            min,
            max,
            label: label.to_string(),
        })
        .collect()
}

fn retired_2021() -> InstrumentStatus {
    InstrumentStatus::Retired {
        year: 2021,
        note: VI_SPDAT_RETIRED.to_string(),
    }
}

/// The built-in instruments.
pub(crate) fn builtin_instruments() -> Vec<Instrument> {
    vec![
        Instrument {
            id: "vi-spdat-v2".into(),
            name: "Vulnerability Index – Service Prioritization Decision Assistance Tool (VI-SPDAT)".into(),
            version: Some("2.0".into()),
            population: "single adults".into(),
            scored: true,
            score: Some(ScoreRange { min: 0, max: 17 }),
            components: components(VI_SPDAT_V2_COMPONENTS),
            bands: bands(VI_SPDAT_BANDS),
            status: retired_2021(),
            notes: Some("Four domains plus an age item; each item holds a value or \"refused\", never both.".into()),
        },
        Instrument {
            id: "f-vi-spdat-v2".into(),
            name: "Family VI-SPDAT (F-VI-SPDAT)".into(),
            version: Some("2.0".into()),
            population: "families".into(),
            scored: true,
            score: Some(ScoreRange { min: 0, max: 22 }),
            components: Vec::new(),
            bands: bands(F_VI_SPDAT_BANDS),
            status: retired_2021(),
            notes: Some("Adds a family-unit section to the single-adult VI-SPDAT.".into()),
        },
        Instrument {
            id: "tay-vi-spdat".into(),
            name: "Transition Age Youth VI-SPDAT (TAY-VI-SPDAT)".into(),
            version: None,
            population: "youth aged 18–24".into(),
            scored: true,
            score: Some(ScoreRange { min: 0, max: 17 }),
            components: Vec::new(),
            bands: bands(VI_SPDAT_BANDS),
            status: retired_2021(),
            notes: Some("Youth wording of the VI-SPDAT questions.".into()),
        },
        Instrument {
            id: "spdat".into(),
            name: "Service Prioritization Decision Assistance Tool (SPDAT)".into(),
            version: None,
            population: "single adults".into(),
            scored: true,
            score: Some(ScoreRange { min: 0, max: 60 }),
            components: components(SPDAT_COMPONENTS),
            bands: bands(SPDAT_BANDS),
            status: InstrumentStatus::Active,
            notes: Some("The bands are one published set; communities differ, and a program's policy overrides them.".into()),
        },
        Instrument {
            id: "hai".into(),
            name: "Housing Acuity Index".into(),
            version: None,
            population: "ICMS participants (LA County)".into(),
            scored: true,
            score: None,
            components: Vec::new(),
            bands: Vec::new(),
            status: InstrumentStatus::Active,
            notes: Some(LOCAL_SCALE_NOTE.into()),
        },
        Instrument {
            id: "five-by-five".into(),
            name: "5x5".into(),
            version: None,
            population: "ICMS participants (LA County)".into(),
            scored: true,
            score: None,
            components: Vec::new(),
            bands: Vec::new(),
            status: InstrumentStatus::Active,
            notes: Some(LOCAL_SCALE_NOTE.into()),
        },
        Instrument {
            id: "hmis-assessment".into(),
            name: "HMIS Assessment".into(),
            version: None,
            population: "all participants".into(),
            scored: false,
            score: None,
            components: Vec::new(),
            bands: Vec::new(),
            status: InstrumentStatus::Active,
            notes: Some("Named in seeds/000 (Engagement & Care Planning). The HMIS data-collection assessment: dated, not scored.".into()),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(id: &str) -> Instrument {
        builtin_instruments()
            .into_iter()
            .find(|i| i.id == id)
            .unwrap()
    }

    fn band_id(i: &Instrument, total: u32) -> Option<&str> {
        i.band_for(total).map(|b| b.id.as_str())
    }

    #[test]
    fn builtins_are_valid() {
        let all = builtin_instruments();
        assert_eq!(all.len(), 7);
        for i in &all {
            assert_eq!(i.validate(), Ok(()), "{}", i.id);
        }
    }

    #[test]
    fn vi_spdat_edges() {
        let vi = find("vi-spdat-v2");
        assert_eq!(band_id(&vi, 0), Some("no-housing-intervention"));
        assert_eq!(band_id(&vi, 3), Some("no-housing-intervention"));
        assert_eq!(band_id(&vi, 4), Some("rapid-re-housing"));
        assert_eq!(band_id(&vi, 7), Some("rapid-re-housing"));
        assert_eq!(band_id(&vi, 8), Some("permanent-supportive-housing"));
        assert_eq!(band_id(&vi, 17), Some("permanent-supportive-housing"));
        assert_eq!(band_id(&vi, 18), None);
        assert_eq!(band_id(&vi, u32::MAX), None);
        assert_eq!(vi.components.iter().map(|c| c.max).sum::<u32>(), 17);
    }

    #[test]
    fn family_and_youth_edges() {
        let f = find("f-vi-spdat-v2");
        assert_eq!(band_id(&f, 8), Some("rapid-re-housing"));
        assert_eq!(band_id(&f, 9), Some("permanent-supportive-housing"));
        assert_eq!(band_id(&f, 22), Some("permanent-supportive-housing"));
        assert_eq!(band_id(&f, 23), None);
        let t = find("tay-vi-spdat");
        assert_eq!(band_id(&t, 3), Some("no-housing-intervention"));
        assert_eq!(band_id(&t, 8), Some("permanent-supportive-housing"));
    }

    #[test]
    fn spdat_has_fifteen_components_of_four() {
        let s = find("spdat");
        assert_eq!(s.components.len(), 15);
        assert!(s.components.iter().all(|c| c.min == 0 && c.max == 4));
        assert_eq!(band_id(&s, 19), Some("0-19"));
        assert_eq!(band_id(&s, 20), Some("20-39"));
        assert_eq!(band_id(&s, 40), Some("40-60"));
        assert_eq!(band_id(&s, 60), Some("40-60"));
        assert_eq!(band_id(&s, 61), None);
    }

    #[test]
    fn local_scales_have_no_bands() {
        for id in ["hai", "five-by-five"] {
            let i = find(id);
            assert!(i.scored && i.score.is_none() && i.bands.is_empty(), "{id}");
            assert_eq!(i.band_for(3), None);
        }
        assert!(!find("hmis-assessment").scored);
    }

    fn with_bands(rows: &[BandRow]) -> Instrument {
        Instrument {
            bands: bands(rows),
            ..find("tay-vi-spdat")
        }
    }

    #[test]
    fn band_errors() {
        let overlap = with_bands(&[("a", 0, Some(4), "a"), ("b", 4, None, "b")]);
        assert!(matches!(
            overlap.validate(),
            Err(InstrumentError::BandOverlap { ref band, .. }) if band == "b"
        ));
        let descending = with_bands(&[("a", 5, Some(9), "a"), ("b", 0, Some(4), "b")]);
        assert!(matches!(
            descending.validate(),
            Err(InstrumentError::BandOverlap { .. })
        ));
        let open_first = with_bands(&[("a", 0, None, "a"), ("b", 5, Some(9), "b")]);
        assert!(matches!(
            open_first.validate(),
            Err(InstrumentError::OpenBandNotLast { ref band, .. }) if band == "a"
        ));
        let outside = with_bands(&[("a", 0, Some(40), "a")]);
        let err = outside.validate().unwrap_err();
        assert!(matches!(err, InstrumentError::BandOutsideRange { .. }));
        assert!(err.to_string().contains("tay-vi-spdat"), "{err}");
        let inverted = with_bands(&[("a", 5, Some(1), "a")]);
        assert!(matches!(
            inverted.validate(),
            Err(InstrumentError::InvalidBand { .. })
        ));
        let bad_id = with_bands(&[("A", 0, Some(1), "a")]);
        assert!(matches!(
            bad_id.validate(),
            Err(InstrumentError::InvalidPartId { part: "band", .. })
        ));
        let dup = with_bands(&[("a", 0, Some(1), "a"), ("a", 2, Some(3), "a")]);
        assert!(matches!(
            dup.validate(),
            Err(InstrumentError::DuplicatePartId { part: "band", .. })
        ));
    }

    #[test]
    fn component_sum_must_match_range() {
        let mut vi = find("vi-spdat-v2");
        vi.score = Some(ScoreRange { min: 0, max: 20 });
        let err = vi.validate().unwrap_err();
        assert!(matches!(
            err,
            InstrumentError::ComponentSumMismatch {
                sum: 17,
                max: 20,
                ..
            }
        ));
    }

    #[test]
    fn unscored_instrument_cannot_have_bands() {
        let mut hmis = find("hmis-assessment");
        hmis.bands = bands(&[("a", 0, Some(1), "a")]);
        assert!(matches!(
            hmis.validate(),
            Err(InstrumentError::UnscoredWithScale { .. })
        ));
    }
}
