//! Every rule is complete: a code in its area's format, a kebab-case name, requirements
//! with sources and sections, documented parameters, and documentation with every fixed
//! section. This test fails when any of these is missing.

use std::collections::BTreeSet;

use hearth_rules::{registry, Area, Params, DOC_SECTIONS};

#[test]
fn codes_and_names_are_well_formed_and_unique() {
    let mut codes = BTreeSet::new();
    let mut names = BTreeSet::new();
    for rule in registry::all() {
        let meta = rule.meta();
        let digits = meta
            .code
            .strip_prefix(meta.area.prefix())
            .unwrap_or_else(|| {
                panic!(
                    "{}: code does not start with {}",
                    meta.code,
                    meta.area.prefix()
                )
            });
        assert!(
            digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()),
            "{}: code must be the area prefix and three digits",
            meta.code
        );
        assert!(
            hearth_catalog::is_kebab_id(meta.name),
            "{}: name {:?} is not kebab-case",
            meta.code,
            meta.name
        );
        assert!(codes.insert(meta.code), "{}: code used twice", meta.code);
        assert!(names.insert(meta.name), "{}: name used twice", meta.name);
        assert!(
            !registry::RETIRED.contains(&meta.code),
            "{}: code was retired and may not be reused",
            meta.code
        );
        assert_eq!(
            registry::find(meta.code).map(|r| r.meta().code),
            Some(meta.code)
        );
        assert_eq!(
            registry::find(meta.name).map(|r| r.meta().code),
            Some(meta.code)
        );
    }
}

#[test]
fn every_rule_is_documented_and_cited() {
    for rule in registry::all() {
        let meta = rule.meta();
        for section in DOC_SECTIONS {
            assert!(
                meta.doc_section(section).is_some(),
                "{}: documentation lacks the section \"## {section}\"",
                meta.code
            );
        }
        assert!(!meta.summary.trim().is_empty(), "{}: no summary", meta.code);
        assert!(!meta.help.trim().is_empty(), "{}: no help", meta.code);
        // Waiver and data-integrity rules guard the other rules and enforce no
        // requirement of their own.
        if !matches!(meta.area, Area::Waiver | Area::Data) {
            assert!(
                !meta.requirements.is_empty(),
                "{}: cites no requirement",
                meta.code
            );
        }
        for citation in meta.requirements {
            assert!(
                citation.id.starts_with("R-"),
                "{}: requirement id {:?}",
                meta.code,
                citation.id
            );
            assert!(
                ["000", "001", "002", "003", "004"].contains(&citation.source),
                "{}: source {:?} is not a seed document",
                meta.code,
                citation.source
            );
            assert!(
                !citation.section.trim().is_empty(),
                "{}: {} has no section",
                meta.code,
                citation.id
            );
        }
        for param in meta.params {
            assert!(
                !param.doc.trim().is_empty(),
                "{}.{}: no doc",
                meta.code,
                param.name
            );
            assert!(
                param
                    .name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}.{}: parameter names are snake_case",
                meta.code,
                param.name
            );
            assert_eq!(
                param.check(&param.default.value()),
                Ok(()),
                "{}.{}: the default is not a valid value",
                meta.code,
                param.name
            );
        }
        assert_eq!(
            Params::defaults(meta.params).iter().count(),
            meta.params.len(),
            "{}: two parameters share a name",
            meta.code
        );
    }
}

#[test]
fn a_rule_without_a_section_is_caught() {
    let mut meta = *registry::all()[0].meta();
    meta.docs = "## What it checks\nx\n## Why\n\n## Example that fails\ny\n";
    assert!(meta.doc_section("What it checks").is_some());
    assert!(
        meta.doc_section("Why").is_none(),
        "an empty section counts as missing"
    );
    assert!(meta.doc_section("Example that passes").is_none());
}
