//! Pins the generator's output byte for byte: a digest of the compact JSON of every file
//! (and of whole caseloads) for fixed options. A change to the generator that is meant
//! to be a refactoring (splitting modules, sharing the calendar with hearth-rules) must
//! leave every digest as it is; a change meant to alter the output must update them and
//! say why in its commit.
//!
//! The digest is 64-bit FNV-1a (the `fnv` crate), whose algorithm is fixed by its
//! definition, over the bytes of `serde_json::to_writer`, so it does not depend on the
//! platform or the Rust release.

use std::hash::Hasher;

use chrono::{Days, NaiveDate};
use fnv::FnvHasher;
use hearth_generate::{case_files, caseload, generate, typical, Options, Program, MAX_MONTHS};

fn digest_of<T: serde::Serialize>(values: impl IntoIterator<Item = T>) -> String {
    let mut hasher = FnvHasher::default();
    let mut count = 0usize;
    let mut bytes = 0usize;
    for value in values {
        let text = serde_json::to_vec(&value).unwrap();
        bytes += text.len();
        hasher.write(&text);
        hasher.write(b"\n");
        count += 1;
    }
    format!(
        "{count} values, {bytes} bytes, fnv1a64 {:016x}",
        hasher.finish()
    )
}

fn files(options: &Options) -> String {
    digest_of(case_files(options))
}

#[test]
fn the_default_caseload_is_pinned() {
    // 120 files: 20 of each program, 25 % with problems, 24 months, seed 0.
    let options = Options {
        participants: 120,
        ..Options::default()
    };
    assert_eq!(
        files(&options),
        "120 values, 8106002 bytes, fnv1a64 a11ec824577fa50c"
    );
}

#[test]
fn other_seeds_lengths_and_problem_shares_are_pinned() {
    let cases = [
        (1u64, 6u32, 100u8),
        (7, 48, 60),
        (42, 13, 0),
        (u64::MAX, 36, 100),
    ];
    let mut got = Vec::new();
    for (seed, months, problem_percent) in cases {
        let options = Options {
            participants: 48,
            months,
            seed,
            problem_percent,
            ..Options::default()
        };
        got.push(files(&options));
    }
    assert_eq!(
        got,
        [
            "48 values, 1110317 bytes, fnv1a64 e9f500b2db1f1ce0",
            "48 values, 6088517 bytes, fnv1a64 c425b9c2252e95f8",
            "48 values, 1963706 bytes, fnv1a64 2bd34d72b3579417",
            "48 values, 4663995 bytes, fnv1a64 8610ccc556ea598d",
        ]
    );
}

#[test]
fn every_problem_and_outcome_is_pinned() {
    // Every file with problems, over many participants: the injection paths, terminations
    // and planned exits all run.
    let options = Options {
        participants: 150,
        months: 24,
        seed: 11,
        problem_percent: 100,
        ..Options::default()
    };
    let generated: Vec<_> = (0..options.participants)
        .map(|i| generate(&options, i))
        .collect();
    let problems: Vec<Vec<&str>> = generated
        .iter()
        .map(|g| g.problems.iter().map(|p| p.code()).collect())
        .collect();
    assert_eq!(
        digest_of(generated.iter().map(|g| &g.case)),
        "150 values, 10207911 bytes, fnv1a64 064422eabf5786cb"
    );
    assert_eq!(
        digest_of(&problems),
        "150 values, 2559 bytes, fnv1a64 73726484efcb6d59"
    );
}

#[test]
fn caseloads_and_the_typical_file_are_pinned() {
    let options = Options {
        participants: 40,
        seed: 5,
        ..Options::default()
    };
    let caseloads: Vec<_> = Program::ALL
        .iter()
        .map(|program| caseload(&options, *program))
        .collect();
    assert_eq!(
        digest_of(&caseloads),
        "6 values, 16219875 bytes, fnv1a64 6c381b55d3be7233"
    );
    assert_eq!(
        digest_of((0..4).map(typical)),
        "4 values, 295760 bytes, fnv1a64 d0eaabb364736c18"
    );
}

#[test]
fn extreme_dates_and_lengths_are_pinned() {
    // Within the last and first months of chrono's range, where month arithmetic saturates.
    let near_max = NaiveDate::MAX.checked_sub_days(Days::new(11)).unwrap();
    let near_min = NaiveDate::MIN.checked_add_days(Days::new(9)).unwrap();
    let mut got = Vec::new();
    for as_of in [NaiveDate::MIN, near_min, NaiveDate::MAX, near_max] {
        let mut files = Vec::new();
        for months in [0, 1, 3] {
            let options = Options {
                participants: 6,
                months,
                as_of,
                problem_percent: 100,
                ..Options::default()
            };
            files.extend(case_files(&options));
        }
        got.push(digest_of(&files));
    }
    let long = Options {
        participants: 6,
        months: MAX_MONTHS,
        ..Options::default()
    };
    got.push(files(&long));
    // As of chrono's last day, the generator's former copy of the calendar ended
    // December 262143 on the 30th (`244134 bytes, fnv1a64 1bf95a633237108d`); the shared
    // `hearth_model::calendar` ends it on the 31st. That is the only output the move
    // changed: every other digest in this file is the one pinned before it.
    assert_eq!(
        got,
        [
            "18 values, 127338 bytes, fnv1a64 4b606f8f3420ccd9",
            "18 values, 130611 bytes, fnv1a64 16397cb9c36e39b1",
            "18 values, 240940 bytes, fnv1a64 727b082593c055c9",
            "18 values, 202359 bytes, fnv1a64 69fd746c7cf3067f",
            "6 values, 8939775 bytes, fnv1a64 2fb8ab80390f78d7",
        ]
    );
}
