//! Properties of the rules engine:
//! - no panic on any well-typed case file or caseload, under every rule at its defaults;
//! - order independence: reordering any list of an example gives the same findings and
//!   obligations (with paths following the moved elements);
//! - determinism: the same input gives byte-identical reports.

use std::path::Path;

use arbitrary::{Arbitrary, Unstructured};
use hearth::model::{CaseFile, Caseload};
use hearth::rules::{compare_findings, compare_obligations};
use hearth::{Policy, Report};
use proptest::prelude::*;
use serde_json::Value;

const EXAMPLES: &[(&str, &str, &str)] = &[
    ("cases/icms-high-billing.json", "icms-high", "2026-02-20"),
    ("cases/icms-low-billing.json", "icms-low", "2026-04-17"),
    ("cases/icm-rrh.json", "icm-rrh", "2026-10-22"),
    ("cases/rrh.json", "rrh", "2026-06-26"),
    ("cases/stl-coc.json", "stl-coc", "2026-01-19"),
    ("cases/ct-psh.json", "ct-psh", "2026-11-09"),
    ("caseloads/stl-coc-caseload.json", "stl-coc", "2026-10-23"),
];

fn example(path: &str) -> Value {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(path);
    serde_json::from_str(&std::fs::read_to_string(full).unwrap()).unwrap()
}

/// Every rule on, with the example's own policy's parameters where it sets them.
fn check(doc: &Value, policy: &Policy, as_of: &str) -> Report {
    let as_of = as_of.parse().unwrap();
    let text = doc.to_string();
    match hearth::parse_input(&text).unwrap() {
        hearth::Input::CaseFile(case) => hearth::validate(&case, policy, as_of),
        hearth::Input::Caseload(caseload) => hearth::validate_caseload(&caseload, policy, as_of),
        hearth::Input::CatalogExtension(_) => unreachable!(),
    }
}

/// JSON Pointers of every array with at least two elements.
fn arrays(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => {
            if items.len() >= 2 {
                out.push(at.clone());
            }
            for (i, item) in items.iter().enumerate() {
                arrays(item, format!("{at}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                arrays(v, format!("{at}/{k}"), out);
            }
        }
        _ => {}
    }
}

/// A permutation of `0..n` from `seed` (Fisher–Yates over a small LCG).
fn permutation(n: usize, mut seed: u64) -> Vec<usize> {
    let mut perm: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let j = (seed >> 33) as usize % (i + 1);
        perm.swap(i, j);
    }
    perm
}

/// Rewrites `path` from the shuffled document back to the original: the element now at
/// `array/i` was at `array/perm[i]`.
fn unshuffle(path: &str, array: &str, perm: &[usize]) -> String {
    let Some(rest) = path.strip_prefix(array) else {
        return path.to_owned();
    };
    let Some(rest) = rest.strip_prefix('/') else {
        return path.to_owned();
    };
    let (index, tail) = rest.split_once('/').map_or((rest, ""), |(i, t)| (i, t));
    match index.parse::<usize>() {
        Ok(i) if i < perm.len() => {
            let sep = if tail.is_empty() { "" } else { "/" };
            format!("{array}/{}{sep}{tail}", perm[i])
        }
        _ => path.to_owned(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn no_panic_on_well_typed_case_files(bytes in proptest::collection::vec(any::<u8>(), 0..4096), day in 0u32..4000) {
        let policy = Policy::all_rules("everything");
        let as_of = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(day.into());
        if let Ok(case) = CaseFile::arbitrary(&mut Unstructured::new(&bytes)) {
            let report = hearth::validate(&case, &policy, as_of);
            prop_assert_eq!(report.summary.participants, 1);
        }
        if let Ok(caseload) = Caseload::arbitrary(&mut Unstructured::new(&bytes)) {
            let report = hearth::validate_caseload(&caseload, &policy, as_of);
            prop_assert_eq!(report.summary.participants, caseload.case_files.len());
        }
    }

    #[test]
    fn reordering_any_list_changes_nothing(which in 0usize..EXAMPLES.len(), pick in any::<u64>(), seed in any::<u64>()) {
        let (file, policy_name, as_of) = EXAMPLES[which];
        let policy = Policy::builtin(policy_name).unwrap();
        let original = example(file);
        let mut candidates = Vec::new();
        arrays(&original, String::new(), &mut candidates);
        prop_assume!(!candidates.is_empty());
        let array = candidates[(pick % candidates.len() as u64) as usize].clone();

        let mut shuffled = original.clone();
        let items = shuffled.pointer_mut(&array).and_then(Value::as_array_mut).unwrap();
        let perm = permutation(items.len(), seed);
        let old = items.clone();
        for (i, &from) in perm.iter().enumerate() {
            items[i] = old[from].clone();
        }

        let expected = check(&original, &policy, as_of);
        let mut got = check(&shuffled, &policy, as_of);
        for f in &mut got.findings {
            f.path = unshuffle(&f.path, &array, &perm);
        }
        for o in &mut got.obligations {
            o.path = unshuffle(&o.path, &array, &perm);
        }
        got.findings.sort_by(compare_findings);
        got.obligations.sort_by(compare_obligations);
        prop_assert_eq!(&got.findings, &expected.findings, "{} reordered at {}", file, array);
        prop_assert_eq!(&got.obligations, &expected.obligations, "{} reordered at {}", file, array);
        prop_assert_eq!(got.summary, expected.summary);
    }
}

#[test]
fn unshuffle_maps_indices_back() {
    let perm = [2, 0, 1];
    assert_eq!(unshuffle("/a/0/b", "/a", &perm), "/a/2/b");
    assert_eq!(unshuffle("/a/1", "/a", &perm), "/a/0");
    assert_eq!(unshuffle("/ab/1", "/a", &perm), "/ab/1");
    assert_eq!(unshuffle("/a", "/a", &perm), "/a");
}

#[test]
fn the_same_input_gives_byte_identical_reports() {
    for (file, policy_name, as_of) in EXAMPLES {
        let policy = Policy::builtin(policy_name).unwrap();
        let doc = example(file);
        let first = serde_json::to_string(&check(&doc, &policy, as_of)).unwrap();
        let again = serde_json::to_string(&check(&doc, &policy, as_of)).unwrap();
        let from_other_thread = {
            let doc = doc.clone();
            let policy = policy.clone();
            std::thread::spawn(move || serde_json::to_string(&check(&doc, &policy, as_of)).unwrap())
                .join()
                .unwrap()
        };
        assert_eq!(first, again, "{file}");
        assert_eq!(first, from_other_thread, "{file}");
    }
}
