//! Snapshots of the built-in tables, so that any change to an id, name, placement or
//! risk-to-step link shows up in review.

use hearth_catalog::Catalog;

#[test]
fn risk_taxonomy() {
    let catalog = Catalog::builtin();
    let listing: Vec<serde_json::Value> = catalog
        .risk_categories()
        .iter()
        .map(|c| {
            serde_json::json!({
                "category": c,
                "risks": catalog.risks_in_category(&c.id).unwrap(),
            })
        })
        .collect();
    insta::assert_json_snapshot!(listing);
}

#[test]
fn step_ids_by_domain() {
    let catalog = Catalog::builtin();
    let mut out = String::new();
    for domain in catalog.domains() {
        out.push_str(&format!("## {} ({})\n", domain.title, domain.id));
        for step in catalog.steps_in_domain(&domain.id).unwrap() {
            let consent = match &step.shares_with {
                Some(party) => format!("  [consent: {party}]"),
                None => String::new(),
            };
            out.push_str(&format!("{} = {}{}\n", step.id, step.name, consent));
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn instruments() {
    insta::assert_json_snapshot!(Catalog::builtin().instruments());
}
