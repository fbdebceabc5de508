//! FHIR export throughput against parse-only throughput, on the same invented case
//! files (250 participants of `hearth-generate`, 24 months each, as compact JSON).
//!
//! - `fhir/parse`: JSON text → case file (the floor: what reading alone costs);
//! - `fhir/parse_export`: the same, then `to_bundle` and serialising the Bundle to
//!   compact JSON, as `hearth export fhir -o -` does per document;
//! - `fhir/parse_export_import`: the same, then `parse_bundle` back to case files.
//!
//! Throughput is in bytes of case-file JSON in every group, so the ratios are the cost
//! of the mapping. Run with `cargo bench -p hearth-fhir --bench fhir`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hearth_catalog::Catalog;
use hearth_generate::{case_file, Options};

fn texts() -> Vec<String> {
    let options = Options {
        participants: 250,
        ..Options::default()
    };
    (0..options.participants)
        .map(|i| serde_json::to_string(&case_file(&options, i)).expect("serialises"))
        .collect()
}

fn fhir(c: &mut Criterion) {
    let texts = texts();
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let catalog = Catalog::builtin();
    let mut group = c.benchmark_group("fhir");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(hearth_model::parse_case_file(text).expect("parses"));
            }
        })
    });
    group.bench_function("parse_export", |b| {
        b.iter(|| {
            for text in &texts {
                let case = hearth_model::parse_case_file(text).expect("parses");
                let bundle = hearth_fhir::to_bundle(&case, &catalog);
                black_box(serde_json::to_string(&bundle).expect("serialises"));
            }
        })
    });
    group.bench_function("parse_export_import", |b| {
        b.iter(|| {
            for text in &texts {
                let case = hearth_model::parse_case_file(text).expect("parses");
                let bundle = hearth_fhir::to_bundle(&case, &catalog);
                let json = serde_json::to_string(&bundle).expect("serialises");
                black_box(hearth_fhir::parse_bundle(&json).expect("imports"));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, fhir);
criterion_main!(benches);
