//! The care-plan rules against the example data: each rule, run over every example file
//! whose built-in policy turns it on, at that file's `as_of`, reports exactly the
//! deliberate lapses `examples/data/README.md` lists for its requirement, and nothing
//! else (no other violation, nothing left unevaluated).

use std::path::Path;

use hearth_rules::{Policy, Report, Validator};

fn example(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn run(code: &str, file: &str, as_of: &str) -> Report {
    let policy = Policy::empty("x").with_rule(code).unwrap();
    let validator = Validator::new(&policy);
    let text = example(file);
    let as_of = as_of.parse().unwrap();
    if file.starts_with("caseloads/") {
        let caseload = hearth_model::parse_caseload(&text).unwrap();
        validator.validate_caseload(&caseload, as_of)
    } else {
        let case = hearth_model::parse_case_file(&text).unwrap();
        validator.validate(&case, as_of)
    }
}

/// Every finding of `code` (any kind) as (code, path), sorted.
fn found(code: &str, file: &str, as_of: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = run(code, file, as_of)
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .map(|f| (f.code, f.path))
        .collect();
    pairs.sort();
    pairs
}

fn expect(code: &str, file: &str, as_of: &str, paths: &[&str]) {
    let expected: Vec<_> = paths
        .iter()
        .map(|p| (code.to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(found(code, file, as_of), expected, "{code} on {file}");
}

const STL: (&str, &str) = ("cases/stl-coc.json", "2026-01-19");
const STL_CASELOAD: (&str, &str) = ("caseloads/stl-coc-caseload.json", "2026-10-23");
const CT_PSH: (&str, &str) = ("cases/ct-psh.json", "2026-11-09");
const RRH: (&str, &str) = ("cases/rrh.json", "2026-06-26");
const ICM_RRH: (&str, &str) = ("cases/icm-rrh.json", "2026-10-22");

#[test]
fn plan002_goal_not_smart() {
    expect(
        "PLAN002",
        STL.0,
        STL.1,
        &["/enrollments/0/care_plan/goals/1"],
    );
    expect(
        "PLAN002",
        CT_PSH.0,
        CT_PSH.1,
        &["/enrollments/0/care_plan/goals/1"],
    );
    expect("PLAN002", STL_CASELOAD.0, STL_CASELOAD.1, &[]);
}

#[test]
fn plan003_goal_without_long_term_goal() {
    expect(
        "PLAN003",
        CT_PSH.0,
        CT_PSH.1,
        &["/enrollments/0/care_plan/goals/2"],
    );
}

#[test]
fn plan004_no_housing_goal() {
    expect("PLAN004", STL.0, STL.1, &[]);
    expect("PLAN004", STL_CASELOAD.0, STL_CASELOAD.1, &[]);
}

#[test]
fn plan005_plan_review_overdue() {
    expect(
        "PLAN005",
        STL.0,
        STL.1,
        &["/enrollments/0/care_plan/reviews/3"],
    );
    expect("PLAN005", STL_CASELOAD.0, STL_CASELOAD.1, &[]);
}

#[test]
fn plan005_obligation_on_the_open_caseload_enrollment() {
    let report = run("PLAN005", STL_CASELOAD.0, STL_CASELOAD.1);
    let obligations: Vec<_> = report
        .obligations
        .iter()
        .map(|o| {
            (
                o.path.as_str(),
                o.kind.as_str(),
                o.due_on.map(|d| d.to_string()),
                o.status.as_str(),
            )
        })
        .collect();
    // Case file 0 is open (last review 2026-10-06, due 2026-11-05); case file 1 has exited.
    assert_eq!(
        obligations,
        vec![(
            "/case_files/0/enrollments/0/care_plan/reviews",
            "plan-review",
            Some("2026-11-05".to_owned()),
            "upcoming"
        )]
    );
    assert!(run("PLAN005", STL.0, STL.1).obligations.is_empty());
}

#[test]
fn plan006_incomplete_care_plan() {
    expect("PLAN006", STL.0, STL.1, &[]);
    expect("PLAN006", STL_CASELOAD.0, STL_CASELOAD.1, &[]);
}

#[test]
fn plan007_goal_progress_not_discussed() {
    expect("PLAN007", STL.0, STL.1, &[]);
    expect("PLAN007", STL_CASELOAD.0, STL_CASELOAD.1, &[]);
}

#[test]
fn plan008_stalled_goal_without_supervisor() {
    expect("PLAN008", STL.0, STL.1, &[]);
    expect("PLAN008", STL_CASELOAD.0, STL_CASELOAD.1, &[]);
}

#[test]
fn plan009_housing_conditioned_on_services() {
    expect("PLAN009", ICM_RRH.0, ICM_RRH.1, &[]);
    expect(
        "PLAN009",
        RRH.0,
        RRH.1,
        &["/enrollments/0/housing_conditions/0"],
    );
    expect("PLAN009", CT_PSH.0, CT_PSH.1, &[]);
}

#[test]
fn plan010_stage_skipped() {
    expect("PLAN010", ICM_RRH.0, ICM_RRH.1, &[]);
}
