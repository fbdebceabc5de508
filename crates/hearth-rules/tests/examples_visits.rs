//! The visits rules over the example data (`examples/data/`), each file at its export
//! date, with each rule on as the file's built-in policy will have it: every rule reports
//! exactly the lapses `examples/data/README.md` lists for its requirement (same JSON
//! Pointers) and nothing else, not even a not-evaluated finding.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use hearth_rules::{Policy, Report, Validator};

fn data(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/data")
        .join(file)
}

fn policy(code: &str, toml_params: &str) -> Policy {
    if toml_params.is_empty() {
        Policy::empty("x").with_rule(code).unwrap()
    } else {
        Policy::from_toml(&format!("name = \"x\"\n[rules.{code}]\n{toml_params}\n")).unwrap()
    }
}

fn run(file: &str, as_of: &str, policy: &Policy) -> Report {
    let text = std::fs::read_to_string(data(file)).unwrap();
    let as_of: NaiveDate = as_of.parse().unwrap();
    let validator = Validator::new(policy);
    if file.starts_with("caseloads/") {
        validator.validate_caseload(&hearth_model::parse_caseload(&text).unwrap(), as_of)
    } else {
        validator.validate(&hearth_model::parse_case_file(&text).unwrap(), as_of)
    }
}

/// Checks `code` over `file` as of `as_of` (with `params` as TOML lines) and compares
/// the (code, path) pairs with `expected`.
fn check(code: &str, params: &str, file: &str, as_of: &str, expected: &[&str]) {
    let report = run(file, as_of, &policy(code, params));
    let got: Vec<(String, String)> = report
        .findings
        .iter()
        .map(|f| (f.code.clone(), f.path.clone()))
        .collect();
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|p| (code.to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(
        got, want,
        "{code} on {file} as of {as_of}: {:#?}",
        report.findings
    );
}

const HIGH: (&str, &str) = ("cases/icms-high-billing.json", "2026-02-20");
const LOW: (&str, &str) = ("cases/icms-low-billing.json", "2026-04-17");
const ICM_RRH: (&str, &str) = ("cases/icm-rrh.json", "2026-10-22");
const RRH: (&str, &str) = ("cases/rrh.json", "2026-06-26");
const STL: (&str, &str) = ("cases/stl-coc.json", "2026-01-19");
const CT: (&str, &str) = ("cases/ct-psh.json", "2026-11-09");
const CASELOAD: (&str, &str) = ("caseloads/stl-coc-caseload.json", "2026-10-23");

#[test]
fn visit001_in_person_visits_per_month() {
    check(
        "VISIT001",
        "",
        HIGH.0,
        HIGH.1,
        &["/enrollments/0/encounters/22"],
    );
    // The README lists the four February contacts (17 to 20); the rule reports the short
    // month once, at its first encounter.
    check(
        "VISIT001",
        "default_tier = \"low-billing\"",
        LOW.0,
        LOW.1,
        &["/enrollments/0/encounters/17"],
    );
}

#[test]
fn visit001_obligations_for_the_month_in_progress() {
    let report = run(HIGH.0, HIGH.1, &policy("VISIT001", ""));
    let o = &report.obligations;
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].kind, "in-person-visits");
    assert_eq!(o[0].window_start, Some("2026-02-01".parse().unwrap()));
    assert_eq!(o[0].due_on, Some("2026-02-28".parse().unwrap()));
    assert_eq!(o[0].done_on, Some("2026-02-17".parse().unwrap()));
    assert_eq!(o[0].remaining, Some(0));
    assert_eq!(o[0].status.as_str(), "done");
}

#[test]
fn visit002_contact_gap_by_stage() {
    check(
        "VISIT002",
        "",
        ICM_RRH.0,
        ICM_RRH.1,
        &[
            "/enrollments/0/encounters/7",
            "/enrollments/0/encounters/36",
        ],
    );
    let report = run(ICM_RRH.0, ICM_RRH.1, &policy("VISIT002", ""));
    let o = &report.obligations;
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].kind, "contact");
    assert_eq!(o[0].path, "/enrollments/0/encounters/37");
    assert_eq!(o[0].due_on, Some("2026-11-16".parse().unwrap()));
}

#[test]
fn visit003_visit_without_objective() {
    check(
        "VISIT003",
        "",
        ICM_RRH.0,
        ICM_RRH.1,
        &["/enrollments/0/encounters/15"],
    );
}

#[test]
fn visit004_no_next_visit_scheduled() {
    check(
        "VISIT004",
        "",
        HIGH.0,
        HIGH.1,
        &["/enrollments/0/encounters/13"],
    );
    check("VISIT004", "", LOW.0, LOW.1, &[]);
    check(
        "VISIT004",
        "",
        RRH.0,
        RRH.1,
        &["/enrollments/0/encounters/17"],
    );
}

#[test]
fn visit005_unannounced_home_visit() {
    check("VISIT005", "", STL.0, STL.1, &[]);
    check("VISIT005", "", CASELOAD.0, CASELOAD.1, &[]);
}

#[test]
fn visit006_home_visit_during_domestic_violence() {
    check("VISIT006", "", STL.0, STL.1, &[]);
    check(
        "VISIT006",
        "",
        CASELOAD.0,
        CASELOAD.1,
        &["/case_files/0/enrollments/0/encounters/9"],
    );
}

#[test]
fn visit007_late_documentation() {
    check(
        "VISIT007",
        "",
        STL.0,
        STL.1,
        &["/enrollments/0/encounters/14/documented_at"],
    );
    check("VISIT007", "", CASELOAD.0, CASELOAD.1, &[]);
    // ct-psh is not under stl-coc, but its correctly flagged late entry must stay silent.
    check("VISIT007", "", CT.0, CT.1, &[]);
}

#[test]
fn visit008_case_note_incomplete() {
    check("VISIT008", "", STL.0, STL.1, &[]);
    check("VISIT008", "", CASELOAD.0, CASELOAD.1, &[]);
}

#[test]
fn visit010_enrollment_past_horizon() {
    check("VISIT010", "", ICM_RRH.0, ICM_RRH.1, &[]);
    let report = run(ICM_RRH.0, ICM_RRH.1, &policy("VISIT010", ""));
    let o = &report.obligations;
    assert_eq!(o.len(), 1);
    assert_eq!(o[0].kind, "stability-review");
    assert_eq!(o[0].due_on, Some("2027-01-28".parse().unwrap()));
}

/// Reordering every encounter list gives the same findings (paths follow the index).
#[test]
fn reversed_encounters_give_the_same_findings() {
    for (code, (file, as_of)) in [
        ("VISIT001", HIGH),
        ("VISIT002", ICM_RRH),
        ("VISIT003", ICM_RRH),
        ("VISIT004", RRH),
        ("VISIT007", STL),
    ] {
        let text = std::fs::read_to_string(data(file)).unwrap();
        let case = hearth_model::parse_case_file(&text).unwrap();
        let mut reversed = case.clone();
        for e in &mut reversed.enrollments {
            e.encounters.reverse();
            e.stage_history.reverse();
        }
        let p = policy(code, "");
        let as_of: NaiveDate = as_of.parse().unwrap();
        let a = Validator::new(&p).validate(&case, as_of);
        let b = Validator::new(&p).validate(&reversed, as_of);
        let n = case.enrollments[0].encounters.len();
        // (message, date, index in the original order)
        let key = |r: &Report, reversed: bool| {
            let mut k: Vec<_> = r
                .findings
                .iter()
                .map(|f| {
                    let i: usize = f.path.split('/').nth(4).unwrap().parse().unwrap();
                    (
                        f.message.clone(),
                        f.on,
                        if reversed { n - 1 - i } else { i },
                    )
                })
                .collect();
            k.sort();
            k
        };
        assert!(!a.findings.is_empty(), "{code}");
        assert_eq!(key(&a, false), key(&b, true), "{code}");
    }
}

/// Every visits rule has the four fixed doc sections, in order, each non-empty. (The
/// registry test's `doc_section` does not yet see headings after the first, because each
/// doc line keeps the space after `///`; this checks the same thing line by line.)
#[test]
fn visits_docs_have_every_section_in_order() {
    for rule in hearth_rules::registry::all() {
        let meta = rule.meta();
        if !meta.code.starts_with("VISIT") {
            continue;
        }
        let lines: Vec<&str> = meta.docs.lines().map(str::trim).collect();
        let headings: Vec<(usize, &str)> = lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.strip_prefix("## ").map(|h| (i, h)))
            .collect();
        let titles: Vec<&str> = headings.iter().map(|(_, h)| *h).collect();
        assert_eq!(titles, hearth_rules::DOC_SECTIONS, "{}", meta.code);
        for (k, (start, title)) in headings.iter().enumerate() {
            let end = headings.get(k + 1).map_or(lines.len(), |(i, _)| *i);
            assert!(
                lines[start + 1..end].iter().any(|l| !l.is_empty()),
                "{}: section {title} is empty",
                meta.code
            );
        }
    }
}
