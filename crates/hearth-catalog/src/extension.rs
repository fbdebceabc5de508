//! Agency extensions: an agency's own domains, steps, risk-to-step links and instruments,
//! added to the catalog as data (R-CAT-4).
//!
//! An extension is a JSON document ([`CatalogExtension`], JSON Schema from
//! [`extension_schema`]). [`parse_extension`] reads it and reports syntax and shape
//! errors with line, column and JSON path; [`Catalog::extend`] checks it against the
//! catalog and adds it, all or nothing.
//!
//! # What `extend` rejects
//!
//! Each error names the offending id:
//!
//! - a `schema_version` other than `"1.0"`, or an empty `agency`;
//! - an id that is not kebab-case, or that is already used by any entry of any kind
//!   (built-in or added by an earlier extension, or earlier in the same one): ids are
//!   unique across the catalog and are never reused;
//! - an empty name, title, purpose or `shares_with`;
//! - a step whose `domain` is unknown (with a "did you mean" suggestion);
//! - a `risk_steps` entry naming an unknown risk or step, or a step the risk already
//!   lists;
//! - an instrument whose definition is inconsistent (see [`Instrument::validate`]);
//! - a step whose `needs_consent` and `shares_with` disagree. Both directions are
//!   rejected rather than one inferred from the other: `needs_consent: true` without
//!   `shares_with` leaves a rule unable to tell which release to look for, and
//!   `shares_with` with `needs_consent: false` is a step that shares information without
//!   consent, which R-CAT-3 does not allow.
//!
//! Within one extension, domains are added before steps and steps before `risk_steps`,
//! so a new step may belong to a new domain and a new step may be linked to a risk.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::ids::{is_kebab_id, UnknownId};
use crate::instruments::{Instrument, InstrumentError};
use crate::steps::{Domain, Origin, Step};

/// The only extension format version this crate reads.
pub const EXTENSION_SCHEMA_VERSION: &str = "1.0";

/// An agency's additions to the catalog (R-CAT-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CatalogExtension {
    /// Version of the extension format. Only "1.0" is accepted.
    #[schemars(extend("enum" = ["1.0"]))]
    pub schema_version: String,
    /// Name of the agency that owns these entries; recorded as their origin.
    pub agency: String,
    /// New domains (groups of action steps).
    #[serde(default)]
    pub domains: Vec<DomainDef>,
    /// New action steps, each in a built-in domain or one of this extension's domains.
    #[serde(default)]
    pub steps: Vec<StepDef>,
    /// More steps that address built-in risks.
    #[serde(default)]
    pub risk_steps: Vec<RiskStepsDef>,
    /// New assessment instruments, e.g. a local tool that replaced the VI-SPDAT.
    #[serde(default)]
    pub instruments: Vec<Instrument>,
}

/// A new domain in an extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DomainDef {
    /// Kebab-case id, unique across the whole catalog; never change it once used.
    pub id: String,
    /// The domain's title.
    pub title: String,
    /// One line stating the domain's purpose.
    pub purpose: String,
}

/// A new action step in an extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    /// Kebab-case id, unique across the whole catalog; never change it once used.
    pub id: String,
    /// The step's name as case managers see it.
    pub name: String,
    /// Id of the domain the step belongs to: a built-in domain or one of this
    /// extension's.
    pub domain: String,
    /// Whether the step shares participant information with an outside party and so
    /// needs an information-sharing consent. Must be true exactly when `shares_with` is
    /// given.
    pub needs_consent: bool,
    /// What kind of outside party the step shares information with, e.g. "legal aid
    /// provider". Required when `needs_consent` is true, not allowed otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shares_with: Option<String>,
}

/// Extra steps addressing one built-in risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskStepsDef {
    /// Id of the risk, e.g. "rental-utility-arrears".
    pub risk: String,
    /// Ids of the steps (built-in or from this extension) that address it, appended to
    /// the risk's list in this order.
    pub steps: Vec<String>,
}

/// A catalog extension could not be read or does not fit the catalog. Every message
/// names the offending id or location.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtensionError {
    /// The JSON is malformed or does not have the extension's shape.
    #[error("invalid catalog extension at line {line}, column {column}{}: {message}", at_pointer(.pointer))]
    Parse {
        /// Line of the error, from 1.
        line: usize,
        /// Column of the error, from 1 (0 at the very end of input).
        column: usize,
        /// JSON Pointer of the value being read, e.g. `/steps/0/needs_consent`; empty
        /// when the error is not inside a value (e.g. trailing characters).
        pointer: String,
        /// What is wrong (never repeats the offending value).
        message: String,
    },
    /// The extension declares a format version this crate does not read.
    #[error(
        "catalog extension schema_version {} is not supported: this version of hearth reads schema_version \"1.0\"", version_shown(.found)
    )]
    UnsupportedSchemaVersion {
        /// The version found.
        found: String,
    },
    /// The extension's `agency` is empty.
    #[error("catalog extension has an empty \"agency\": name the agency that owns these entries")]
    EmptyAgency,
    /// An id is not kebab-case.
    #[error(
        "{kind} id {id:?} is not kebab-case: use lowercase letters, digits and single hyphens, e.g. \"acme-tenant-meeting\""
    )]
    InvalidId {
        /// "domain", "action step" or "instrument".
        kind: &'static str,
        /// The offending id.
        id: String,
    },
    /// An id is already used in the catalog.
    #[error(
        "{kind} id {id:?} is already used by a {existing} in the catalog; ids are unique and never reused, so choose another (an agency prefix such as \"acme-\" keeps them apart)"
    )]
    DuplicateId {
        /// Kind of the new entry.
        kind: &'static str,
        /// The repeated id.
        id: String,
        /// Kind of the entry that already uses it.
        existing: &'static str,
    },
    /// A required text is empty.
    #[error("{kind} {id:?}: {field} is empty")]
    EmptyField {
        /// Kind of the entry.
        kind: &'static str,
        /// Its id.
        id: String,
        /// The empty field.
        field: &'static str,
    },
    /// A step names a domain the catalog does not have.
    #[error("action step {step:?}: {unknown}")]
    UnknownDomain {
        /// The step id.
        step: String,
        /// The unknown domain, with a suggestion.
        unknown: UnknownId,
    },
    /// A `risk_steps` entry names a risk the catalog does not have.
    #[error("risk_steps: {unknown}")]
    UnknownRisk {
        /// The unknown risk, with a suggestion.
        unknown: UnknownId,
    },
    /// A `risk_steps` entry names a step the catalog does not have.
    #[error("risk_steps for {risk:?}: {unknown}")]
    UnknownRiskStep {
        /// The risk id.
        risk: String,
        /// The unknown step, with a suggestion.
        unknown: UnknownId,
    },
    /// A `risk_steps` entry names a step the risk already lists.
    #[error("risk_steps for {risk:?}: step {step:?} already addresses this risk")]
    DuplicateRiskStep {
        /// The risk id.
        risk: String,
        /// The repeated step id.
        step: String,
    },
    /// A step needs consent but does not say with whom it shares information.
    #[error(
        "action step {step:?} has \"needs_consent\": true but no \"shares_with\": say what kind of party it shares information with, e.g. \"legal aid provider\""
    )]
    ConsentWithoutParty {
        /// The step id.
        step: String,
    },
    /// A step shares information but is not marked as needing consent.
    #[error(
        "action step {step:?} has \"shares_with\" but \"needs_consent\": false; a step that shares information needs consent, so set \"needs_consent\": true (or remove \"shares_with\")"
    )]
    PartyWithoutConsent {
        /// The step id.
        step: String,
        /// The party named.
        shares_with: String,
    },
    /// An instrument's definition is inconsistent.
    #[error(transparent)]
    InvalidInstrument(#[from] InstrumentError),
}

/// A version as a message shows it: quoted when it is a version number (digits and
/// dots), and otherwise not repeated, as no message repeats free text.
fn version_shown(found: &str) -> String {
    if !found.is_empty()
        && found.len() <= 16
        && found.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        format!("{found:?}")
    } else {
        "(not repeated here: not a version number)".to_owned()
    }
}

fn at_pointer(pointer: &str) -> String {
    if pointer.is_empty() {
        String::new()
    } else {
        format!(" (at {pointer})")
    }
}

impl From<hearth_model::ParseError> for ExtensionError {
    fn from(err: hearth_model::ParseError) -> Self {
        ExtensionError::Parse {
            line: err.line,
            column: err.column,
            pointer: err.pointer,
            message: err.message,
        }
    }
}

fn check_version(found: &str) -> Result<(), ExtensionError> {
    if found == EXTENSION_SCHEMA_VERSION {
        Ok(())
    } else {
        Err(ExtensionError::UnsupportedSchemaVersion {
            found: found.to_string(),
        })
    }
}

/// Reads a catalog extension from JSON.
///
/// Checks syntax, shape (unknown fields are errors) and `schema_version`; checks against
/// the catalog happen in [`Catalog::extend`]. A syntax or shape error carries the line,
/// column and JSON Pointer, with a message that never repeats the offending value.
///
/// ```
/// let err = hearth_catalog::parse_extension(r#"{"schema_version": "1.0", "agency": 7}"#)
///     .unwrap_err();
/// assert!(err.to_string().starts_with("invalid catalog extension at line 1, column 37 (at /agency)"));
/// ```
pub fn parse_extension(json: &str) -> Result<CatalogExtension, ExtensionError> {
    let ext: CatalogExtension = hearth_model::parse_json(json)?;
    check_version(&ext.schema_version)?;
    Ok(ext)
}

/// The JSON Schema of [`CatalogExtension`] documents.
pub fn extension_schema() -> schemars::Schema {
    schemars::schema_for!(CatalogExtension)
}

fn require_text(
    kind: &'static str,
    id: &str,
    field: &'static str,
    value: &str,
) -> Result<(), ExtensionError> {
    if value.trim().is_empty() {
        Err(ExtensionError::EmptyField {
            kind,
            id: id.to_string(),
            field,
        })
    } else {
        Ok(())
    }
}

impl Catalog {
    /// Adds an agency's extension to the catalog (R-CAT-4).
    ///
    /// All or nothing: on error the catalog is unchanged. See the
    /// [module docs](crate::extension) for what is rejected.
    pub fn extend(&mut self, ext: CatalogExtension) -> Result<(), ExtensionError> {
        let mut next = self.clone();
        next.apply(ext)?;
        *self = next;
        Ok(())
    }

    /// Consuming form of [`Catalog::extend`].
    pub fn with_extension(mut self, ext: CatalogExtension) -> Result<Catalog, ExtensionError> {
        self.extend(ext)?;
        Ok(self)
    }

    fn check_new_id(&self, kind: &'static str, id: &str) -> Result<(), ExtensionError> {
        if !is_kebab_id(id) {
            return Err(ExtensionError::InvalidId {
                kind,
                id: id.to_string(),
            });
        }
        match self.id_kind(id) {
            Some(existing) => Err(ExtensionError::DuplicateId {
                kind,
                id: id.to_string(),
                existing,
            }),
            None => Ok(()),
        }
    }

    fn apply(&mut self, ext: CatalogExtension) -> Result<(), ExtensionError> {
        check_version(&ext.schema_version)?;
        if ext.agency.trim().is_empty() {
            return Err(ExtensionError::EmptyAgency);
        }
        let origin = Origin::Agency {
            agency: ext.agency.clone(),
        };
        for d in ext.domains {
            self.check_new_id("domain", &d.id)?;
            require_text("domain", &d.id, "title", &d.title)?;
            require_text("domain", &d.id, "purpose", &d.purpose)?;
            self.push_domain(Domain {
                id: d.id,
                title: d.title,
                purpose: d.purpose,
                origin: origin.clone(),
            });
        }
        for s in ext.steps {
            self.add_step(s, &origin)?;
        }
        for rs in ext.risk_steps {
            self.add_risk_steps(rs)?;
        }
        for instrument in ext.instruments {
            self.check_new_id("instrument", &instrument.id)?;
            instrument.validate()?;
            self.push_instrument(instrument);
        }
        self.agencies.push(ext.agency);
        Ok(())
    }

    fn add_step(&mut self, s: StepDef, origin: &Origin) -> Result<(), ExtensionError> {
        self.check_new_id("action step", &s.id)?;
        require_text("action step", &s.id, "name", &s.name)?;
        if let Err(unknown) = self.domain(&s.domain) {
            return Err(ExtensionError::UnknownDomain {
                step: s.id,
                unknown,
            });
        }
        match (&s.shares_with, s.needs_consent) {
            (None, true) => return Err(ExtensionError::ConsentWithoutParty { step: s.id }),
            (Some(party), false) => {
                return Err(ExtensionError::PartyWithoutConsent {
                    shares_with: party.clone(),
                    step: s.id,
                })
            }
            (Some(party), true) => require_text("action step", &s.id, "shares_with", party)?,
            (None, false) => {}
        }
        self.push_step(Step {
            id: s.id,
            name: s.name,
            domain: s.domain,
            needs_consent: s.needs_consent,
            shares_with: s.shares_with,
            origin: origin.clone(),
        });
        Ok(())
    }

    fn add_risk_steps(&mut self, rs: RiskStepsDef) -> Result<(), ExtensionError> {
        let risk_id = match self.risk(&rs.risk) {
            Ok(risk) => risk.id.clone(),
            Err(unknown) => return Err(ExtensionError::UnknownRisk { unknown }),
        };
        for step in &rs.steps {
            if let Err(unknown) = self.step(step) {
                return Err(ExtensionError::UnknownRiskStep {
                    risk: risk_id,
                    unknown,
                });
            }
        }
        let Some(risk) = self.risks.iter_mut().find(|r| r.id == risk_id) else {
            // Found just above; kept as an error rather than a panic.
            return Err(ExtensionError::UnknownRisk {
                unknown: UnknownId {
                    kind: "risk",
                    id: risk_id,
                    suggestion: None,
                },
            });
        };
        for step in rs.steps {
            if risk.steps.contains(&step) {
                return Err(ExtensionError::DuplicateRiskStep {
                    risk: risk_id,
                    step,
                });
            }
            risk.steps.push(step);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(json: serde_json::Value) -> CatalogExtension {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn minimal_extension_applies() {
        let mut c = Catalog::builtin();
        c.extend(ext(
            serde_json::json!({"schema_version": "1.0", "agency": "Acme"}),
        ))
        .unwrap();
        assert_eq!(c.agencies(), ["Acme"]);
    }

    #[test]
    fn schema_version_checked_in_extend_too() {
        let mut c = Catalog::builtin();
        let err = c
            .extend(ext(
                serde_json::json!({"schema_version": "2.0", "agency": "Acme"}),
            ))
            .unwrap_err();
        assert!(matches!(
            err,
            ExtensionError::UnsupportedSchemaVersion { .. }
        ));
        assert!(err.to_string().contains("\"2.0\""), "{err}");
        let err = c
            .extend(ext(
                serde_json::json!({"schema_version": "Jordan's notes", "agency": "Acme"}),
            ))
            .unwrap_err();
        assert!(!err.to_string().contains("Jordan"), "{err}");
    }

    #[test]
    fn empty_agency_rejected() {
        let mut c = Catalog::builtin();
        let err = c
            .extend(ext(
                serde_json::json!({"schema_version": "1.0", "agency": " "}),
            ))
            .unwrap_err();
        assert_eq!(err, ExtensionError::EmptyAgency);
    }

    #[test]
    fn whitespace_party_rejected() {
        let mut c = Catalog::builtin();
        let err = c
            .extend(ext(serde_json::json!({
                "schema_version": "1.0", "agency": "Acme",
                "steps": [{"id": "acme-x", "name": "X", "domain": "wellness",
                           "needs_consent": true, "shares_with": "  "}]
            })))
            .unwrap_err();
        assert!(matches!(
            err,
            ExtensionError::EmptyField {
                field: "shares_with",
                ..
            }
        ));
    }

    #[test]
    fn path_suffix() {
        assert_eq!(at_pointer(""), "");
        assert_eq!(at_pointer("/steps/0/id"), " (at /steps/0/id)");
    }
}
