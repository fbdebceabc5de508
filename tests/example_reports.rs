//! The bundled examples, each checked with its program's built-in policy as of its
//! export date (`examples/data/hearth.toml`), report exactly the deliberate lapses that
//! `examples/data/README.md` lists, at the listed JSON Pointers, and nothing else; the
//! full reports are snapshotted.

use std::collections::BTreeMap;
use std::path::Path;

use hearth::{FindingKind, Policy, Report};

#[derive(serde::Deserialize)]
struct Config {
    overrides: Vec<Override>,
}

/// One `[[overrides]]` entry of the examples' hearth.toml: one file each.
#[derive(serde::Deserialize)]
struct Override {
    paths: Vec<String>,
    policy: String,
    as_of: chrono::NaiveDate,
}

struct FileConfig {
    path: String,
    policy: String,
    as_of: chrono::NaiveDate,
}

/// One listed lapse: the requirement and the paths at which it may be reported.
#[derive(Debug)]
struct Lapse {
    requirement: String,
    paths: Vec<String>,
}

/// Findings that follow from a listed lapse, which the README names as consequences.
const CONSEQUENCES: &[(&str, &str, &str)] = &[(
    "cases/icms-low-billing.json",
    "R-CONS-1",
    "/enrollments/0/referrals/0",
)];

fn lapses() -> BTreeMap<String, Vec<Lapse>> {
    let text = include_str!("../examples/data/README.md");
    let mut out: BTreeMap<String, Vec<Lapse>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(heading) = line.strip_prefix("### `") {
            current = heading.split('`').next().map(str::to_owned);
            continue;
        }
        if line.starts_with("## ") {
            current = None;
        }
        let Some(file) = &current else { continue };
        if !line.starts_with("| R-") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let requirement = cells[0]
            .split(|c: char| c.is_whitespace() || c == '(')
            .next()
            .unwrap()
            .to_owned();
        // The path cell, and any path the description names as having "the same
        // problem" (a step done under the same lapsed release).
        let paths = cells[1..]
            .iter()
            .flat_map(|cell| cell.split('`').enumerate())
            .filter(|(i, p)| i % 2 == 1 && p.starts_with('/'))
            .map(|(_, p)| p.to_owned())
            .collect();
        out.entry(file.clone())
            .or_default()
            .push(Lapse { requirement, paths });
    }
    out
}

fn report_for(file: &FileConfig) -> Report {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data")
        .join(&file.path);
    let text = std::fs::read_to_string(&path).unwrap();
    let policy = Policy::builtin(&file.policy).unwrap();
    match hearth::parse_input(&text).unwrap() {
        hearth::Input::CaseFile(case) => hearth::validate(&case, &policy, file.as_of),
        hearth::Input::Caseload(caseload) => {
            hearth::validate_caseload(&caseload, &policy, file.as_of)
        }
        _ => panic!("{} is not checkable", file.path),
    }
}

struct Files {
    files: Vec<FileConfig>,
}

fn config() -> Files {
    let config: Config = toml::from_str(include_str!("../examples/data/hearth.toml")).unwrap();
    Files {
        files: config
            .overrides
            .into_iter()
            .map(|o| {
                assert_eq!(o.paths.len(), 1, "one file per override");
                FileConfig {
                    path: o.paths[0].clone(),
                    policy: o.policy,
                    as_of: o.as_of,
                }
            })
            .collect(),
    }
}

#[test]
fn examples_report_exactly_the_listed_lapses() {
    let lapses = lapses();
    let config = config();
    assert_eq!(config.files.len(), 7, "every example is configured");
    assert_eq!(lapses.len(), 7, "the README lists lapses for every example");
    let mut problems = Vec::new();
    for file in &config.files {
        let report = report_for(file);
        let listed = lapses.get(&file.path).map(Vec::as_slice).unwrap_or(&[]);
        for lapse in listed {
            let found = report.findings.iter().any(|f| {
                f.kind == FindingKind::Violation
                    && f.requirements.contains(&lapse.requirement)
                    && lapse.paths.contains(&f.path)
            });
            if !found {
                problems.push(format!(
                    "{}: listed lapse {} at {:?} is not reported",
                    file.path, lapse.requirement, lapse.paths
                ));
            }
        }
        for f in report
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Violation)
        {
            let listed_here = listed
                .iter()
                .any(|l| f.requirements.contains(&l.requirement) && l.paths.contains(&f.path));
            let consequence = CONSEQUENCES.iter().any(|(p, r, at)| {
                *p == file.path && f.requirements.iter().any(|x| x == r) && f.path == *at
            });
            if !listed_here && !consequence {
                problems.push(format!(
                    "{}: unlisted finding {} {} at {}: {}",
                    file.path, f.code, f.rule, f.path, f.message
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn example_reports_snapshot() {
    for file in &config().files {
        let report = report_for(file);
        let name = file.path.trim_end_matches(".json").replace('/', "-");
        insta::assert_json_snapshot!(name, report);
    }
}

#[test]
fn reports_validate_against_the_report_schema() {
    let schema = hearth::schema::generate(hearth::schema::SchemaName::Report);
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    for file in &config().files {
        let value = serde_json::to_value(report_for(file)).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{}: {}", e.instance_path(), e.masked()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", file.path);
    }
}
