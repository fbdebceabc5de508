//! The hearth catalog: action steps, the risk taxonomy and assessment instruments, as
//! data with the source documents' wording, plus agency extensions.
//!
//! # What is in it
//!
//! | table | contents | source |
//! | --- | --- | --- |
//! | [`Domain`] | 4 ICMS domains with their purpose lines, plus `rrh-move-in` | `seeds/000_76e2595adb124b2b.txt` (LA County ICMS guide), the four domain sections; `seeds/002_a3f2a242ef9ddd5d.txt` (NAEH), "Obtain and move into permanent housing" |
//! | [`Step`] | 69 ICMS action steps (16/19/22/12) and 4 RRH move-in steps, each marked for information-sharing consent | same sections (R-CAT-1, R-CAT-2, R-CAT-3) |
//! | [`RiskCategory`] | Health Concerns, Lease Violations, Safety Hazards, each with its required response | seed 000, "Routine Health & Safety Visit" → "Any Specific Risk(s) Observed or Identified?" (R-RISK-1) |
//! | [`Risk`] | the 18 observed risks, each in one category, each with the steps that address it | same section (R-RISK-2, R-RISK-3) |
//! | [`Instrument`] | VI-SPDAT v2, F-VI-SPDAT v2, TAY-VI-SPDAT, SPDAT, HAI, 5x5, HMIS assessment | public practice as recorded in DOMAIN.md §8; HAI, 5x5 and the HMIS assessment are named in seed 000 |
//!
//! Names, titles, purpose lines and required-response sentences are the sources' own,
//! character for character (risk names trimmed of a trailing space). The modules
//! [`steps`], [`risks`] and [`instruments`] document each table and the choices made
//! where a source leaves something open (which steps need consent; where Contagions,
//! Unsafe Substance Use and Incarceration go).
//!
//! # Ids are stable
//!
//! Every entry has a kebab-case id (`^[a-z0-9]+(-[a-z0-9]+)*$`, see [`is_kebab_id`]),
//! written out by hand in the source tables, never derived from a name at run time. Once
//! released, an id never changes and is never reused for something else, even if the
//! entry is retired or a guide rewords its name: case files store these ids for years.
//! Ids are unique across the whole catalog, whatever the kind of entry.
//!
//! # Lookups
//!
//! [`Catalog::step`], [`Catalog::domain`], [`Catalog::risk`], [`Catalog::risk_category`]
//! and [`Catalog::instrument`] return an [`UnknownId`] error for an id the catalog does
//! not have, with a "did you mean" suggestion when one is close (names match too, in any
//! case: `"Resolve Arrears"` suggests `"resolve-arrears"`).
//!
//! # Agency extensions
//!
//! An agency adds its own domains, steps, risk-to-step links and instruments without
//! forking the crate (R-CAT-4), with a JSON document of this shape (schema:
//! [`extension_schema`]):
//!
//! ```
//! use hearth_catalog::{parse_extension, Catalog};
//!
//! let json = r#"{
//!   "schema_version": "1.0",
//!   "agency": "Acme Housing",
//!   "domains": [
//!     { "id": "acme-community", "title": "Community Life",
//!       "purpose": "Build ties with neighbors and local groups." }
//!   ],
//!   "steps": [
//!     { "id": "acme-tenant-council", "name": "Join Tenant Council",
//!       "domain": "acme-community", "needs_consent": false },
//!     { "id": "acme-utility-hardship-fund", "name": "Apply to Utility Hardship Fund",
//!       "domain": "prevent-eviction", "needs_consent": true,
//!       "shares_with": "utility company hardship program" }
//!   ],
//!   "risk_steps": [
//!     { "risk": "rental-utility-arrears", "steps": ["acme-utility-hardship-fund"] }
//!   ],
//!   "instruments": [
//!     { "id": "acme-acuity", "name": "Acme Acuity Screen", "population": "single adults",
//!       "score": { "min": 0, "max": 10 },
//!       "bands": [ { "id": "low", "min": 0, "max": 4, "label": "low" },
//!                  { "id": "high", "min": 5, "label": "high" } ] }
//!   ]
//! }"#;
//!
//! let mut catalog = Catalog::builtin();
//! catalog.extend(parse_extension(json)?)?;
//!
//! let step = catalog.step("acme-utility-hardship-fund")?;
//! assert!(step.needs_consent);
//! assert!(catalog.risk("rental-utility-arrears")?.steps.contains(&step.id));
//! assert_eq!(catalog.instrument("acme-acuity")?.band_for(7).map(|b| b.label.as_str()), Some("high"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`parse_extension`] reports malformed JSON or an unexpected field with its line,
//! column and JSON path; [`Catalog::extend`] rejects, naming the id, anything that does
//! not fit the catalog (see [`extension`]), and leaves the catalog unchanged when it
//! does.
//!
//! # Purity
//!
//! The crate reads no files, network, environment or clock, and does not panic on any
//! input: every problem is an error value.

#![deny(missing_docs)]
// No panics on input: library code may not unwrap, expect or index (tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod catalog;
pub mod extension;
mod ids;
pub mod instruments;
pub mod risks;
pub mod steps;

pub use catalog::Catalog;
pub use extension::{
    extension_schema, parse_extension, CatalogExtension, DomainDef, ExtensionError, RiskStepsDef,
    StepDef, EXTENSION_SCHEMA_VERSION,
};
pub use ids::{is_kebab_id, UnknownId, SUGGESTION_THRESHOLD};
pub use instruments::{Band, Component, Instrument, InstrumentError, InstrumentStatus, ScoreRange};
pub use risks::{Risk, RiskCategory};
pub use steps::{Domain, Origin, Step};
