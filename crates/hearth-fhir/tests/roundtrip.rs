//! Every example and generated case file exports to a Bundle that the official R4 JSON
//! Schema accepts, that keeps the R4 invariants, whose references all resolve, that is
//! byte-identical when exported again, and that imports back to the same case file for
//! every mapped field.

mod common;

use hearth_catalog::Catalog;
use hearth_fhir::{check_invariants, from_bundle, retained, to_bundle};
use hearth_model::CaseFile;
use proptest::prelude::*;

/// Exports, validates and imports one case file; panics with what went wrong.
fn assert_round_trip(name: &str, case: &CaseFile, validator: &jsonschema::Validator) {
    let catalog = Catalog::builtin();
    let bundle = to_bundle(case, &catalog);
    let errors = common::schema_errors(validator, &bundle);
    assert!(errors.is_empty(), "{name}: schema errors: {errors:#?}");
    let violations = check_invariants(&bundle);
    assert!(violations.is_empty(), "{name}: {violations:#?}");
    let again = to_bundle(case, &catalog);
    assert_eq!(
        serde_json::to_string(&bundle).unwrap(),
        serde_json::to_string(&again).unwrap(),
        "{name}: not deterministic"
    );
    let import = from_bundle(&bundle).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        import.summary.not_mapped.is_empty(),
        "{name}: {:?}",
        import.summary
    );
    assert!(
        import.summary.skipped.is_empty(),
        "{name}: {:?}",
        import.summary
    );
    assert_eq!(import.case_files.len(), 1, "{name}");
    assert_eq!(
        import.case_files[0],
        retained(case),
        "{name}: round trip differs"
    );
}

#[test]
fn every_example_round_trips_through_a_valid_bundle() {
    let validator = common::validator();
    for (name, case) in common::example_cases() {
        assert_round_trip(&name, &case, &validator);
    }
}

#[test]
fn the_examples_exercise_the_mapping() {
    // A round trip of nearly empty files would prove little: the examples hold every
    // kind of resource the mapping writes.
    let catalog = Catalog::builtin();
    let mut seen = std::collections::BTreeSet::new();
    for (_, case) in common::example_cases() {
        let bundle = to_bundle(&case, &catalog);
        for entry in bundle["entry"].as_array().unwrap() {
            seen.insert(
                entry["resource"]["resourceType"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
    }
    for kind in [
        "Patient",
        "EpisodeOfCare",
        "CarePlan",
        "Goal",
        "Encounter",
        "Consent",
        "ServiceRequest",
        "Condition",
        "Observation",
        "Practitioner",
        "Organization",
        "Provenance",
        "CodeSystem",
    ] {
        assert!(
            seen.contains(kind),
            "no {kind} in the example Bundles: {seen:?}"
        );
    }
}

#[test]
fn generated_case_files_round_trip() {
    let validator = common::validator();
    let options = hearth_generate::Options {
        participants: 60,
        months: 12,
        ..Default::default()
    };
    for (i, case) in hearth_generate::case_files(&options).enumerate() {
        assert_round_trip(&format!("generated #{i}"), &case, &validator);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Any seed, participant, history length and share of injected problems.
    #[test]
    fn any_generated_case_file_round_trips(
        seed in any::<u64>(),
        index in 0usize..10_000,
        months in 1u32..36,
        problems in 0u8..=100,
    ) {
        let options = hearth_generate::Options {
            participants: index + 1,
            months,
            seed,
            problem_percent: problems,
            ..Default::default()
        };
        let case = hearth_generate::case_file(&options, index);
        let catalog = Catalog::builtin();
        let bundle = to_bundle(&case, &catalog);
        prop_assert!(check_invariants(&bundle).is_empty());
        let import = from_bundle(&bundle).unwrap();
        prop_assert_eq!(import.case_files.len(), 1);
        prop_assert_eq!(&import.case_files[0], &retained(&case));
    }
}
