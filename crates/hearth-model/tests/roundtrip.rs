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
        let _ = hearth_model::top_level_keys(&text);
        let _ = parse_case_file(&text);
        let _ = parse_caseload(&text);
    }

    /// Valid JSON of the wrong shape reaches the data-error paths that random text
    /// rarely does: every one must be an error value with a location, never a panic.
    #[test]
    fn parsing_arbitrary_json_never_panics(value in json_value()) {
        let text = serde_json::to_string_pretty(&value).unwrap();
        if let Err(err) = parse_case_file(&text) {
            prop_assert!(err.line >= 1 && err.column >= 1, "{err:?}");
        }
        let _ = parse_caseload(&text);
    }

    /// A real case file with one value replaced by another JSON value either still
    /// reads or fails with a located error naming a path that exists in the document.
    #[test]
    fn a_case_file_with_one_value_replaced_fails_cleanly(
        bytes in proptest::collection::vec(any::<u8>(), 256..2048),
        pick in any::<proptest::sample::Index>(),
        replacement in json_value(),
    ) {
        let case = generate::<CaseFile>(&bytes);
        let mut value = serde_json::to_value(&case).unwrap();
        let mut pointers = Vec::new();
        collect_pointers(&value, String::new(), &mut pointers);
        let target = pick.get(&pointers).clone();
        if let Some(slot) = value.pointer_mut(&target) {
            *slot = replacement;
        }
        let text = serde_json::to_string_pretty(&value).unwrap();
        if let Err(err) = parse_case_file(&text) {
            prop_assert!(err.line >= 1, "{err:?}");
            prop_assert!(
                err.pointer.is_empty() || value.pointer(&err.pointer).is_some(),
                "pointer {} not in the document", err.pointer
            );
        }
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        "[a-z0-9 :-]{0,12}".prop_map(serde_json::Value::from),
        Just(serde_json::Value::from("2026-02-30")),
        Just(serde_json::Value::from("in-person")),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map("[a-z_]{1,10}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

fn collect_pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                collect_pointers(v, format!("{at}/{k}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_pointers(v, format!("{at}/{i}"), out);
            }
        }
        _ => {}
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
