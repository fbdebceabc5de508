//! # hearth-fhir
//!
//! hearth case files as HL7 FHIR R4 (4.0.1) `Bundle`s, aligned with the HL7 SDOH
//! Clinical Care implementation guide (`hl7.fhir.us.sdoh-clinicalcare`) where its codes
//! fit, and read back.
//!
//! - [`to_bundle`] maps one case file to one `Bundle` of type `collection`: the
//!   participant as a `Patient` carrying an identifier only, enrollments as
//!   `EpisodeOfCare`, the care plan as `CarePlan` with its action steps as activities,
//!   goals, long-term goals and objectives as `Goal`, encounters as `Encounter`,
//!   releases as `Consent`, referrals as `ServiceRequest`, observed risks as
//!   `Condition`, assessments as `Observation`, staff and parties as `Practitioner`,
//!   `Organization` and `RelatedPerson`, plan reviews and signatures as `Provenance`,
//!   and hearth's own code systems as `CodeSystem`.
//! - [`from_bundle`] (and [`parse_bundle`] from text) reads such Bundles back into case
//!   files, one per `Patient`, counting whatever it does not map in an
//!   [`ImportSummary`].
//! - [`retained`] is what survives the round trip: `from_bundle(&to_bundle(c))` gives
//!   back `retained(c)`.
//! - [`check_invariants`] checks what the official R4 JSON Schema cannot: the R4
//!   invariants that apply, required codes, and that every reference resolves.
//!
//! The mapping, with its code systems and the fields that do not survive, is in
//! `docs/fhir.md`. The export carries no name, birth date, address, telephone, e-mail
//! or free text, so it does not claim US Core conformance.
//!
//! The crate is pure: no file, network, environment or clock access, and no panic on
//! any input.

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

mod check;
pub mod codes;
mod export;
mod import;
mod retained;

pub use check::{check_invariants, Violation};
pub use export::to_bundle;
pub use import::{from_bundle, parse_bundle, Import, ImportError, ImportSummary, Skipped};
pub use retained::retained;
