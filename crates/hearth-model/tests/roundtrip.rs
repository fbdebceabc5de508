//! Serde round trips for every document type, over generated values: whatever hearth
//! writes, it reads back unchanged.

use arbitrary::{Arbitrary, Unstructured};
use hearth_model::{parse_case_file, parse_caseload, parse_json, CaseFile, Caseload, Staff};
use proptest::prelude::*;

/// Builds a value from raw bytes. `arbitrary` fills in defaults when the bytes run out,
/// so this only fails on a generator bug, which must fail the test, not skip the case.
fn generate<'a, T: Arbitrary<'a>>(bytes: &'a [u8]) -> T {
    T::arbitrary(&mut Unstructured::new(bytes)).expect("generator failed")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn case_file_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let case = generate::<CaseFile>(&bytes);
        let json = serde_json::to_string(&case).unwrap();
        let back = parse_case_file(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        prop_assert_eq!(back, case);
    }

    #[test]
    fn caseload_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..8192)) {
        let caseload = generate::<Caseload>(&bytes);
        let json = serde_json::to_string_pretty(&caseload).unwrap();
        let back = parse_caseload(&json).unwrap_or_else(|e| panic!("{e}\n{json}"));
        prop_assert_eq!(back, caseload);
    }

    #[test]
    fn staff_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let staff = generate::<Staff>(&bytes);
        let json = serde_json::to_string(&staff).unwrap();
        prop_assert_eq!(parse_json::<Staff>(&json).unwrap(), staff);
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in ".{0,512}") {
        let _ = hearth_model::parse_document(&text);
    }
}

/// The generator must produce rich values, or the round trip proves little.
#[test]
fn generator_reaches_nested_records() {
    let mut reached = false;
    for seed in 0u32..200 {
        let bytes: Vec<u8> = (0..8192u32)
            .map(|i| {
                (i.wrapping_mul(2_654_435_761)
                    .wrapping_add(seed.wrapping_mul(97))
                    >> 13) as u8
            })
            .collect();
        let case = generate::<CaseFile>(&bytes);
        if case.enrollments.iter().any(|e| !e.encounters.is_empty()) {
            reached = true;
            break;
        }
    }
    assert!(
        reached,
        "no generated case file had an enrollment with encounters"
    );
}
