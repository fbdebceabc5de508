//! Every sample under `examples/data/` validates against the generated JSON Schema with
//! an independent validator (the `jsonschema` crate), and loads with hearth; the samples
//! cover every program model and refer only to catalog ids that exist.

mod common;

use common::validator;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hearth::model::{ExitKind, ProgramModel, Tier};
use hearth::schema::SchemaName;
use hearth::CaseFile;
use hearth::Catalog;
use hearth::Input;
use serde_json::Value;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/data")
}

/// Every sample, with the schema its folder says it follows.
fn samples() -> Vec<(PathBuf, SchemaName)> {
    let mut out = Vec::new();
    for (dir, schema) in [
        ("cases", SchemaName::CaseFile),
        ("caseloads", SchemaName::Caseload),
        ("extensions", SchemaName::CatalogExtension),
    ] {
        let entries = std::fs::read_dir(data_dir().join(dir))
            .unwrap_or_else(|e| panic!("examples/data/{dir} must exist: {e}"));
        for entry in entries {
            let path = entry.expect("readable entry").path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push((path, schema));
            }
        }
    }
    out.sort();
    out
}

fn read_json(path: &Path) -> (String, Value) {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (text, value)
}

#[test]
fn every_json_file_under_examples_data_is_a_known_sample() {
    fn walk(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("readable dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, found);
            } else if path.extension().is_some_and(|e| e == "json") {
                found.push(path);
            }
        }
    }
    let mut found = Vec::new();
    walk(&data_dir(), &mut found);
    found.sort();
    let known: Vec<PathBuf> = samples().into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        found, known,
        "every sample must sit in cases/, caseloads/ or extensions/ so it is validated"
    );
}

#[test]
fn samples_validate_against_the_generated_schemas() {
    let samples = samples();
    assert!(
        samples.len() >= 8,
        "expected at least 8 samples, found {}",
        samples.len()
    );
    for (path, schema) in samples {
        let (_, value) = read_json(&path);
        let errors: Vec<String> = validator(schema)
            .iter_errors(&value)
            .map(|e| format!("{}: {}", e.instance_path(), e.masked()))
            .collect();
        assert!(
            errors.is_empty(),
            "{} does not match the {schema} schema:\n{}",
            path.display(),
            errors.join("\n")
        );
    }
}

#[test]
fn samples_load_with_hearth_as_the_document_their_folder_says() {
    for (path, schema) in samples() {
        let (text, _) = read_json(&path);
        let input = hearth::parse_input(&text)
            .unwrap_or_else(|e| panic!("{} does not load: {e}", path.display()));
        let kind = match input {
            Input::CaseFile(_) => SchemaName::CaseFile,
            Input::Caseload(_) => SchemaName::Caseload,
            Input::CatalogExtension(ext) => {
                Catalog::builtin()
                    .with_extension(*ext)
                    .unwrap_or_else(|e| panic!("{}: extension rejected: {e}", path.display()));
                SchemaName::CatalogExtension
            }
            other => panic!("{}: an unknown kind: {other:?}", path.display()),
        };
        assert_eq!(kind, schema, "{}", path.display());
    }
}

/// The validator is not vacuous: a sample broken in ways the types reject fails it.
#[test]
fn the_schema_rejects_what_the_types_reject() {
    let (_, mut value) = read_json(&data_dir().join("cases/rrh.json"));
    value["participant"]["nickname"] = Value::String("x".into());
    assert!(
        !validator(SchemaName::CaseFile).is_valid(&value),
        "unknown field accepted"
    );
    let (_, mut value) = read_json(&data_dir().join("cases/rrh.json"));
    value["enrollments"][0]["entered_on"] = Value::String("2026-13-01".into());
    assert!(
        !validator(SchemaName::CaseFile).is_valid(&value),
        "impossible date accepted"
    );
    let (_, mut value) = read_json(&data_dir().join("cases/rrh.json"));
    value["enrollments"][0]["program"] = Value::String("shelter".into());
    assert!(
        !validator(SchemaName::CaseFile).is_valid(&value),
        "unknown program accepted"
    );
}

fn case_files() -> Vec<(PathBuf, CaseFile)> {
    let mut out = Vec::new();
    for (path, _) in samples() {
        let (text, _) = read_json(&path);
        match hearth::parse_input(&text).expect("loads") {
            Input::CaseFile(case) => out.push((path, *case)),
            Input::Caseload(caseload) => {
                for case in caseload.case_files {
                    out.push((path.clone(), case));
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn samples_cover_every_program_model_a_termination_and_a_planned_exit() {
    let cases = case_files();
    let mut seen = BTreeSet::new();
    let (mut terminated, mut planned_exit) = (false, false);
    for (_, case) in &cases {
        for e in &case.enrollments {
            seen.insert((e.program, e.tier));
            terminated |= e.termination.is_some();
            planned_exit |= e
                .exit
                .as_ref()
                .is_some_and(|x| x.kind == ExitKind::Positive);
        }
    }
    for wanted in [
        (ProgramModel::Icms, Some(Tier::HighBilling)),
        (ProgramModel::Icms, Some(Tier::LowBilling)),
        (ProgramModel::IcmRrh, None),
        (ProgramModel::Rrh, None),
        (ProgramModel::StlCoc, None),
        (ProgramModel::CtPsh, None),
    ] {
        assert!(
            seen.contains(&wanted),
            "no sample enrollment for {wanted:?}"
        );
    }
    assert!(terminated, "no sample ends in a termination");
    assert!(planned_exit, "no sample ends in a planned (positive) exit");
}

#[test]
fn samples_have_months_of_history() {
    for (path, case) in case_files()
        .iter()
        .filter(|(p, _)| p.parent().is_some_and(|d| d.ends_with("cases")))
    {
        let encounters: Vec<_> = case
            .enrollments
            .iter()
            .flat_map(|e| &e.encounters)
            .collect();
        let first = encounters
            .iter()
            .map(|e| e.started_at)
            .min()
            .expect("has encounters");
        let last = encounters
            .iter()
            .map(|e| e.started_at)
            .max()
            .expect("has encounters");
        assert!(
            (last - first).num_days() >= 150,
            "{}: under five months of encounters",
            path.display()
        );
        assert!(
            !case.assessments.is_empty(),
            "{}: no assessments",
            path.display()
        );
        assert!(!case.consents.is_empty(), "{}: no consents", path.display());
        assert!(
            case.enrollments
                .iter()
                .any(|e| !e.risk_observations.is_empty()),
            "{}: no risks",
            path.display()
        );
    }
}

#[test]
fn samples_refer_only_to_catalog_ids_that_exist() {
    let catalog = Catalog::builtin();
    let mut missing = Vec::new();
    for (path, case) in case_files() {
        let mut check = |kind: &str, id: &str, ok: bool| {
            if !ok {
                missing.push(format!("{}: unknown {kind} {id:?}", path.display()));
            }
        };
        for a in &case.assessments {
            check(
                "instrument",
                a.instrument.as_str(),
                catalog.instrument(a.instrument.as_str()).is_ok(),
            );
        }
        for e in &case.enrollments {
            for r in &e.risk_observations {
                check(
                    "risk",
                    r.risk.as_str(),
                    catalog.risk(r.risk.as_str()).is_ok(),
                );
            }
            for s in e.care_plan.iter().flat_map(|p| &p.action_steps) {
                check(
                    "step",
                    s.step.as_str(),
                    catalog.step(s.step.as_str()).is_ok(),
                );
            }
            for s in e.encounters.iter().flat_map(|v| &v.steps_done) {
                check(
                    "step",
                    s.step.as_str(),
                    catalog.step(s.step.as_str()).is_ok(),
                );
            }
            for s in e.referrals.iter().filter_map(|r| r.step.as_ref()) {
                check("step", s.as_str(), catalog.step(s.as_str()).is_ok());
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// Recorded scores agree with the instrument data: item answers add up to the total,
/// and the recorded band is the band the catalog gives that total.
#[test]
fn sample_scores_and_bands_agree_with_the_catalog() {
    let catalog = Catalog::builtin();
    let mut checked = 0;
    for (path, case) in case_files() {
        for a in &case.assessments {
            let instrument = catalog
                .instrument(a.instrument.as_str())
                .expect("known instrument");
            let scores: Vec<u32> = a
                .items
                .iter()
                .filter_map(|i| match i.answer {
                    hearth::model::Answer::Score(s) => Some(s),
                    hearth::model::Answer::Refused => None,
                })
                .collect();
            if let (Some(total), false) = (a.total, a.items.is_empty()) {
                assert_eq!(
                    scores.iter().sum::<u32>(),
                    total,
                    "{}: {}",
                    path.display(),
                    a.id
                );
            }
            if let (Some(total), Some(band)) = (a.total, &a.band) {
                if !instrument.bands.is_empty() {
                    let expected = instrument.band_for(total).map(|b| b.id.as_str());
                    assert_eq!(
                        expected,
                        Some(band.as_str()),
                        "{}: {}",
                        path.display(),
                        a.id
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(
        checked >= 5,
        "only {checked} banded assessments in the samples"
    );
}
