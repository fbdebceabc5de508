//! Every requirement marked Check has a rule that cites it, every rule is on in at least
//! one built-in policy (the data-integrity rules in all of them), and the built-in
//! policies all load.

use std::collections::BTreeSet;

// The rule registry is the engine's (introspection, not the embedding API).
use hearth::Policy;
use hearth_rules::{registry, Area};

/// The ids marked Check in `docs/requirements.md` (the requirement map, itself checked
/// against DOMAIN.md's list by `tests/requirements.rs`).
fn check_ids() -> BTreeSet<String> {
    include_str!("../docs/requirements.md")
        .lines()
        .filter(|l| l.starts_with("| R-"))
        .filter_map(|line| {
            let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
            (cells.get(1) == Some(&"Check")).then(|| cells.first().map(|c| (*c).to_owned()))?
        })
        .collect()
}

#[test]
fn every_check_requirement_has_a_rule() {
    let ids = check_ids();
    assert_eq!(ids.len(), 38, "DOMAIN.md marks 38 requirements Check");
    let cited: BTreeSet<String> = registry::all()
        .iter()
        .flat_map(|r| r.meta().requirement_ids())
        .map(str::to_owned)
        .collect();
    let missing: Vec<_> = ids.difference(&cited).collect();
    assert!(missing.is_empty(), "no rule cites {missing:?}");
    let unknown: Vec<_> = cited.difference(&ids).collect();
    assert!(
        unknown.is_empty(),
        "rules cite requirements that are not marked Check: {unknown:?}"
    );
}

#[test]
fn every_rule_is_on_in_some_builtin_policy() {
    let policies: Vec<Policy> = Policy::builtin_names()
        .into_iter()
        .map(|n| Policy::builtin(n).unwrap_or_else(|e| panic!("{n}: {e}")))
        .collect();
    assert_eq!(policies.len(), 6);
    for rule in registry::all() {
        let meta = rule.meta();
        if meta.area == Area::Waiver {
            continue; // applied by the engine whenever a policy has waivers
        }
        assert!(
            policies.iter().any(|p| p.is_enabled(meta.code)),
            "{} is on in no built-in policy",
            meta.code
        );
    }
}

/// The data-integrity rules guard every other rule, so every built-in policy has them
/// all on, at every version.
#[test]
fn data_rules_are_on_in_every_builtin_policy() {
    let data: Vec<&str> = registry::all()
        .iter()
        .map(|r| r.meta())
        .filter(|m| m.area == Area::Data)
        .map(|m| m.code)
        .collect();
    assert!(data.len() >= 7, "{data:?}");
    for name in Policy::builtin_names() {
        let policy = Policy::builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        for version in policy.versions() {
            for code in &data {
                assert!(version.rule(code).is_some(), "{name}: {code} is off");
            }
        }
    }
}

#[test]
fn builtin_policies_validate_against_the_policy_schema() {
    let schema = hearth::schema::generate(hearth::schema::SchemaName::Policy);
    let validator = jsonschema::options()
        .build(&schema)
        .expect("schema compiles");
    for name in Policy::builtin_names() {
        let text = Policy::builtin_source(name).expect("built-in");
        let value: serde_json::Value = toml::from_str(text).expect("TOML");
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| format!("{}: {}", e.instance_path(), e.masked()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
}
