//! Properties of the rules engine:
//! - no panic on any well-typed case file or caseload, under every rule at its defaults;
//! - order independence: reordering any list of an example, or every list of it at once
//!   (the caseload's staff, case files and everything nested in them), gives the same
//!   findings and obligations (with paths following the moved elements);
//! - a batch ([`hearth::batch::CheckReport`]) is the same, byte for byte, whatever order
//!   its documents are checked and handed over in;
//! - determinism: the same input gives byte-identical reports.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use arbitrary::{Arbitrary, Unstructured};
use hearth::batch::{CheckReport, Document};
use hearth::{CaseFile, Caseload};
// The engine's own order, which the batch must keep (not part of the embedding API).
use hearth::{Policy, Report};
use hearth_rules::{compare_findings, compare_obligations};
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
        other => unreachable!("not checkable: {other:?}"),
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

/// Shuffles every array below `value` (children first), each with its own permutation
/// drawn from `seed`, and records each array's permutation under its pointer in the
/// original document: the element now at `array/i` was at `array/perm[i]`.
fn shuffle_all(
    value: &mut Value,
    at: &str,
    seed: &mut u64,
    perms: &mut HashMap<String, Vec<usize>>,
) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                shuffle_all(item, &format!("{at}/{i}"), seed, perms);
            }
            if items.len() >= 2 {
                *seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let perm = permutation(items.len(), *seed);
                let old = std::mem::take(items);
                let mut slots: Vec<Option<Value>> = old.into_iter().map(Some).collect();
                *items = perm
                    .iter()
                    .map(|&from| slots[from].take().unwrap())
                    .collect();
                perms.insert(at.to_owned(), perm);
            }
        }
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                shuffle_all(v, &format!("{at}/{k}"), seed, perms);
            }
        }
        _ => {}
    }
}

/// Rewrites a path of the document [`shuffle_all`] shuffled into the original's.
fn unshuffle_all(path: &str, perms: &HashMap<String, Vec<usize>>) -> String {
    let mut original = String::new();
    for segment in path.split('/').skip(1) {
        let segment = match (perms.get(&original), segment.parse::<usize>()) {
            (Some(perm), Ok(i)) if i < perm.len() => perm[i].to_string(),
            _ => segment.to_owned(),
        };
        original.push('/');
        original.push_str(&segment);
    }
    original
}

/// A batch's documents: name, NDJSON record, text, policy and as-of date.
type Batch = Vec<(String, Option<u32>, String, &'static str, &'static str)>;

/// The documents of a batch: every example, a broken file, two NDJSON records (one
/// broken) and the agency extension, each with the policy and date `hearth check` gives
/// it.
fn batch_documents() -> Batch {
    let mut docs: Vec<_> = EXAMPLES
        .iter()
        .map(|(file, policy, as_of)| {
            (
                file.to_string(),
                None,
                example(file).to_string(),
                *policy,
                *as_of,
            )
        })
        .collect();
    let rrh = example("cases/rrh.json").to_string();
    docs.push((
        "broken.json".into(),
        None,
        "{\"schema_version\": \"1.0\",".into(),
        "rrh",
        "2026-06-26",
    ));
    docs.push((
        "load.ndjson".into(),
        Some(1),
        rrh.clone(),
        "rrh",
        "2026-06-26",
    ));
    docs.push((
        "load.ndjson".into(),
        Some(2),
        rrh[..rrh.len() / 2].to_owned(),
        "rrh",
        "2026-06-26",
    ));
    let ext = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data/extensions/eastside-agency.json"),
    )
    .unwrap();
    docs.push((
        "extensions/eastside-agency.json".into(),
        None,
        ext,
        "rrh",
        "2026-06-26",
    ));
    docs
}

/// The batch report of `docs` checked in the order given, serialised.
fn batch_report(docs: &[(String, Option<u32>, String, &str, &str)], order: &[usize]) -> String {
    let checked = order
        .iter()
        .map(|&i| {
            let (file, record, text, policy, as_of) = &docs[i];
            let policy = Policy::builtin(policy).unwrap();
            let doc = match record {
                Some(line) => Document::record(file, text, *line),
                None => Document::new(file, text),
            };
            doc.check(&policy, as_of.parse().unwrap())
        })
        .collect();
    serde_json::to_string(&CheckReport::new("2026-11-20".parse().unwrap(), checked)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Every example (the caseload too: staff, case files and all nested in them) in each
    /// case.
    #[test]
    fn reordering_every_list_at_once_changes_nothing(seed in any::<u64>()) {
        for (file, policy_name, as_of) in EXAMPLES {
            let policy = Policy::builtin(policy_name).unwrap();
            let original = example(file);
            let mut shuffled = original.clone();
            let mut perms = HashMap::new();
            let mut state = seed;
            shuffle_all(&mut shuffled, "", &mut state, &mut perms);
            prop_assert!(perms.len() > 10, "{}: {} lists", file, perms.len());

            let expected = check(&original, &policy, as_of);
            let mut got = check(&shuffled, &policy, as_of);
            for f in &mut got.findings {
                f.path = unshuffle_all(&f.path, &perms);
            }
            for o in &mut got.obligations {
                o.path = unshuffle_all(&o.path, &perms);
            }
            got.findings.sort_by(compare_findings);
            got.obligations.sort_by(compare_obligations);
            prop_assert_eq!(&got.findings, &expected.findings, "{} with every list reordered", file);
            prop_assert_eq!(&got.obligations, &expected.obligations, "{} with every list reordered", file);
            prop_assert_eq!(got.summary, expected.summary);
        }
    }

    #[test]
    fn a_batch_is_the_same_in_any_order(seed in any::<u64>()) {
        static DOCS: OnceLock<(Batch, String)> = OnceLock::new();
        let (docs, expected) = DOCS.get_or_init(|| {
            let docs = batch_documents();
            let in_order: Vec<usize> = (0..docs.len()).collect();
            let expected = batch_report(&docs, &in_order);
            (docs, expected)
        });
        let shuffled = permutation(docs.len(), seed);
        prop_assume!(shuffled.windows(2).any(|w| w[0] > w[1]));
        prop_assert_eq!(&batch_report(docs, &shuffled), expected, "order {:?}", shuffled);
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
fn unshuffle_all_follows_nested_permutations() {
    let mut doc = serde_json::json!({"a": [{"b": [1, 2, 3]}, {"b": [4, 5]}], "c": [7, 8]});
    let mut perms = HashMap::new();
    shuffle_all(&mut doc, "", &mut 42, &mut perms);
    for (path, value) in [
        ("/a/0/b/0", 1),
        ("/a/0/b/2", 3),
        ("/a/1/b/1", 5),
        ("/c/1", 8),
    ] {
        let moved = (0..2)
            .flat_map(|i| (0..3).map(move |j| format!("/a/{i}/b/{j}")))
            .chain((0..2).map(|i| format!("/c/{i}")))
            .find(|p| unshuffle_all(p, &perms) == path)
            .unwrap_or_else(|| panic!("{path} is somewhere"));
        assert_eq!(
            doc.pointer(&moved),
            Some(&serde_json::json!(value)),
            "{path} → {moved}"
        );
    }
    assert_eq!(perms.len(), 4, "{perms:?}");
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
