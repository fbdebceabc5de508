//! Benchmarks of hearth at caseload scale, on invented case files from
//! `hearth-generate` (see BENCHMARKS.md for the figures and how to read them).
//!
//! - `parse`: JSON text → case file, over a caseload (throughput in bytes);
//! - `validate`: a pre-parsed typical case file (24 months, about 100 encounters) under
//!   each built-in policy;
//! - `end_to_end`: parse, validate and locate the findings of every case file of a
//!   caseload of 1k and 10k participants, as `hearth check` does per document (same
//!   throughput unit as `parse`, on the same data: the ratio is the cost of the rules);
//! - `end_to_end_48_months`: the same with twice the months of history.
//!
//! Run with `cargo bench --bench hearth`; one group with `cargo bench --bench hearth --
//! validate`.

use std::collections::HashMap;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hearth::batch::Document;
use hearth::Policy;
use hearth_generate::{case_file, typical, Options, Program};

/// The evaluation date of every benchmark: the generator's default `as_of`.
fn as_of() -> NaiveDate {
    hearth_generate::DEFAULT_AS_OF
}

/// A generated caseload as compact JSON texts (as in an NDJSON export), each with the
/// built-in policy of its program.
fn caseload(participants: usize, months: u32) -> Vec<(String, Program)> {
    let options = Options {
        participants,
        months,
        ..Options::default()
    };
    (0..participants)
        .map(|i| {
            let case = case_file(&options, i);
            let text = serde_json::to_string(&case).expect("a generated case file serialises");
            (text, options.program_of(i))
        })
        .collect()
}

fn policies() -> HashMap<Program, Policy> {
    Program::ALL
        .iter()
        .map(|p| (*p, Policy::builtin(p.policy()).expect("a built-in policy")))
        .collect()
}

fn bytes(texts: &[(String, Program)]) -> u64 {
    texts.iter().map(|(t, _)| t.len() as u64).sum()
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse");
    group.sample_size(10);
    for participants in [1_000usize, 10_000] {
        let texts = caseload(participants, 24);
        group.throughput(Throughput::Bytes(bytes(&texts)));
        group.bench_with_input(
            BenchmarkId::new("caseload_24_months", participants),
            &texts,
            |b, texts| {
                b.iter(|| {
                    for (text, _) in texts {
                        black_box(hearth::parse_input(black_box(text)).is_ok());
                    }
                })
            },
        );
    }
    let typical_text = serde_json::to_string(&typical(0)).expect("serialises");
    group.throughput(Throughput::Bytes(typical_text.len() as u64));
    group.bench_function("typical", |b| {
        b.iter(|| black_box(hearth::parse_input(black_box(&typical_text)).is_ok()))
    });
    group.finish();
}

fn validate(c: &mut Criterion) {
    let case = typical(0);
    let mut group = c.benchmark_group("validate");
    group.throughput(Throughput::Elements(1));
    for program in Program::ALL {
        let policy = Policy::builtin(program.policy()).expect("a built-in policy");
        group.bench_function(program.policy(), |b| {
            b.iter(|| black_box(hearth::validate(black_box(&case), &policy, as_of())))
        });
    }
    group.finish();
}

fn end_to_end_group(c: &mut Criterion, name: &str, months: u32) {
    let policies = policies();
    let mut group = c.benchmark_group(name);
    group.sample_size(10);
    for participants in [1_000usize, 10_000] {
        let texts = caseload(participants, months);
        group.throughput(Throughput::Bytes(bytes(&texts)));
        group.bench_with_input(
            BenchmarkId::from_parameter(participants),
            &texts,
            |b, texts| {
                b.iter(|| {
                    for (text, program) in texts {
                        if let Some(policy) = policies.get(program) {
                            let checked = Document::new("bench.json", text).check(policy, as_of());
                            black_box(checked.has_findings());
                        }
                    }
                })
            },
        );
    }
    group.finish();
}

fn end_to_end(c: &mut Criterion) {
    end_to_end_group(c, "end_to_end", 24);
}

fn end_to_end_48_months(c: &mut Criterion) {
    end_to_end_group(c, "end_to_end_48_months", 48);
}

criterion_group!(benches, parse, validate, end_to_end, end_to_end_48_months);
criterion_main!(benches);
