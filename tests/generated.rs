//! The caseload generator (`hearth-generate`) against the rest of hearth: every
//! generated file is valid against the case-file schema and loads through the facade,
//! and checked with its program's built-in policy, it fires exactly the rules its
//! injected problems name — and nothing at all when it has none.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use hearth::schema::SchemaName;
use hearth::Input;
use hearth::{FindingKind, Policy};
use hearth_generate::{generate, Options, Problem, Program};

fn policies() -> BTreeMap<Program, Policy> {
    Program::ALL
        .into_iter()
        .map(|p| (p, Policy::builtin(p.policy()).expect("built-in policy")))
        .collect()
}

#[test]
fn every_generated_file_is_valid_against_the_schema_and_loads() {
    let validator = common::validator(SchemaName::CaseFile);
    let options = Options {
        participants: 120,
        seed: 11,
        ..Options::default()
    };
    for index in 0..options.participants {
        let case = hearth_generate::case_file(&options, index);
        let json = serde_json::to_string(&case).expect("serialises");
        let value: serde_json::Value = serde_json::from_str(&json).expect("is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .take(5)
            .collect();
        assert!(errors.is_empty(), "participant {index}: {errors:#?}");
        match hearth::parse_input(&json).expect("parses") {
            Input::CaseFile(parsed) => assert_eq!(*parsed, case, "participant {index}"),
            other => panic!("participant {index} parsed as {other:?}"),
        }
    }
}

/// What checking a generated caseload found.
struct Checked {
    /// Files whose findings differ from their problems, with the details.
    mismatches: Vec<String>,
    /// Files with at least one violation, per rule code.
    fired: BTreeMap<String, usize>,
    /// Files with no violation.
    clean: usize,
    /// Problems injected, per problem.
    injected: BTreeMap<Problem, usize>,
}

fn check(options: &Options) -> Checked {
    let policies = policies();
    let mut checked = Checked {
        mismatches: Vec::new(),
        fired: BTreeMap::new(),
        clean: 0,
        injected: BTreeMap::new(),
    };
    // Reviewer independence needs the staff roster, which a single file lacks.
    let allowed_not_evaluated: BTreeSet<String> = ["TERM003".to_owned()].into();
    for index in 0..options.participants {
        let generated = generate(options, index);
        let policy = &policies[&generated.program];
        let report = hearth::validate(&generated.case, policy, options.as_of);
        let violations: BTreeSet<String> = report
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::Violation)
            .map(|f| f.code.clone())
            .collect();
        let not_evaluated: BTreeSet<String> = report
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::NotEvaluated)
            .map(|f| f.code.clone())
            .collect();
        let expected: BTreeSet<String> = generated
            .problems
            .iter()
            .map(|p| p.code().to_owned())
            .collect();
        if violations != expected || !not_evaluated.is_subset(&allowed_not_evaluated) {
            let details: Vec<String> = report
                .findings
                .iter()
                .map(|f| format!("{} {:?} {} {}", f.code, f.kind, f.path, f.message))
                .collect();
            checked.mismatches.push(format!(
                "participant {index} ({}): problems {:?}, expected {expected:?}, got {violations:?}, not evaluated {not_evaluated:?}\n    {}",
                generated.program.policy(),
                generated.problems,
                details.join("\n    ")
            ));
        }
        if violations.is_empty() {
            checked.clean += 1;
        }
        for code in violations {
            *checked.fired.entry(code).or_default() += 1;
        }
        for problem in generated.problems {
            *checked.injected.entry(problem).or_default() += 1;
        }
    }
    checked
}

fn assert_matches(options: &Options, checked: &Checked) {
    assert!(
        checked.mismatches.is_empty(),
        "{} of {} files differ ({options:?}):\n{}",
        checked.mismatches.len(),
        options.participants,
        checked.mismatches.join("\n")
    );
}

#[test]
fn at_the_default_rate_many_rules_fire_and_most_files_pass() {
    let options = Options {
        participants: 600,
        ..Options::default()
    };
    let checked = check(&options);
    assert_matches(&options, &checked);
    // Measured for seed 0: 29 rule codes fire, 463 of 600 files (77 %) pass.
    assert!(checked.fired.len() >= 25, "{:?}", checked.fired);
    let share = checked.clean * 100 / options.participants;
    assert!((65..=85).contains(&share), "{share} % clean");
    // Every program has files that pass and files that do not.
    let policies = policies();
    for program in Program::ALL {
        let (mut clean, mut troubled) = (0, 0);
        for index in (0..options.participants).filter(|i| options.program_of(*i) == program) {
            let generated = generate(&options, index);
            let report = hearth::validate(&generated.case, &policies[&program], options.as_of);
            if report
                .findings
                .iter()
                .any(|f| f.kind == FindingKind::Violation)
            {
                troubled += 1;
            } else {
                clean += 1;
            }
        }
        assert!(
            clean > troubled && troubled > 0,
            "{program:?}: {clean} clean, {troubled} not"
        );
    }
}

#[test]
fn every_problem_can_be_injected_and_fires_its_rule() {
    let mut injected: BTreeSet<Problem> = BTreeSet::new();
    for programs in [Program::ALL.to_vec(), vec![Program::StlCoc]] {
        // 30 months of history, so that ICM enrollments also pass the 24-month horizon.
        let options = Options {
            participants: 300,
            months: 30,
            problem_percent: 100,
            programs,
            ..Options::default()
        };
        let checked = check(&options);
        assert_matches(&options, &checked);
        injected.extend(checked.injected.keys().copied());
    }
    let missing: Vec<&Problem> = Problem::ALL
        .iter()
        .filter(|p| !injected.contains(p))
        .collect();
    assert!(missing.is_empty(), "never injected: {missing:?}");
}

#[test]
fn a_generated_caseload_flags_the_overloaded_workers_and_checks_reviews_with_its_roster() {
    let options = Options {
        participants: 200,
        problem_percent: 40,
        ..Options::default()
    };
    let icm = hearth_generate::caseload(&options, Program::IcmRrh);
    let report = hearth::validate_caseload(&icm, &policies()[&Program::IcmRrh], options.as_of);
    // The workers above the target of 15 open files, counted from the documents.
    let mut open: BTreeMap<&str, usize> = BTreeMap::new();
    for case in &icm.case_files {
        for e in &case.enrollments {
            let exited = e
                .exit
                .as_ref()
                .is_some_and(|x| x.exited_on <= options.as_of);
            if let (false, Some(cm)) = (exited, &e.case_manager) {
                *open.entry(cm.as_str()).or_default() += 1;
            }
        }
    }
    let expected: BTreeSet<String> = icm
        .staff
        .iter()
        .enumerate()
        .filter(|(_, s)| open.get(s.id.as_str()).is_some_and(|n| *n > 15))
        .map(|(i, _)| format!("/staff/{i}"))
        .collect();
    let flagged: BTreeSet<String> = report
        .findings
        .iter()
        .filter(|f| f.code == "LOAD001")
        .map(|f| f.path.clone())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(flagged, expected);

    // With the roster, reviewer independence is judged rather than left unevaluated.
    let stl = hearth_generate::caseload(&options, Program::StlCoc);
    let report = hearth::validate_caseload(&stl, &policies()[&Program::StlCoc], options.as_of);
    assert!(report
        .findings
        .iter()
        .all(|f| f.kind == FindingKind::Violation));
    assert!(stl
        .case_files
        .iter()
        .any(|c| c.enrollments[0].termination.is_some()));
    for (i, _) in stl.case_files.iter().enumerate() {
        let single = Options {
            programs: vec![Program::StlCoc],
            ..options.clone()
        };
        let expected: BTreeSet<&str> = generate(&single, i)
            .problems
            .iter()
            .map(|p| p.code())
            .collect();
        let prefix = format!("/case_files/{i}/");
        let got: BTreeSet<&str> = report
            .findings
            .iter()
            .filter(|f| f.path.starts_with(&prefix))
            .map(|f| f.code.as_str())
            .collect();
        assert_eq!(got, expected, "case file {i}");
    }
}
