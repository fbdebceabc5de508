//! The built-in tables match the source documents' wording (R-CAT-1, R-CAT-2, R-RISK-1,
//! R-RISK-2).

use hearth_catalog::Catalog;

const SEED_000: &str = include_str!("fixtures/seed-000-icms-guide.txt");
const SEED_002: &str = include_str!("fixtures/seed-002-rrh-case-management.txt");

const HEADINGS: [(&str, &str, usize); 4] = [
    ("Engagement & Care Planning", "engagement-care-planning", 16),
    ("Supporting Safety & Stability", "safety-stability", 19),
    ("Helping Prevent Eviction", "prevent-eviction", 22),
    ("Promoting Wellness", "wellness", 12),
];

/// Where the four domain sections end: the next section of the guide.
const END_OF_DOMAINS: &str = "Routine Health & Safety Visit";

/// The bullet list under `heading` (first occurrence), up to the next heading: lines
/// starting with "- ", minus the "**"-suffixed guidance bullets. Indented bullets
/// (" - High billing…") do not start with "- " and are left out.
fn seed_steps(heading: &str) -> Vec<&'static str> {
    let lines: Vec<&str> = SEED_000.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_end() == heading)
        .unwrap_or_else(|| panic!("heading {heading:?} not in seed"));
    let is_heading = |l: &str| {
        let l = l.trim_end();
        l == END_OF_DOMAINS || HEADINGS.iter().any(|(h, ..)| *h == l)
    };
    lines[start + 1..]
        .iter()
        .take_while(|l| !is_heading(l))
        .filter_map(|l| l.strip_prefix("- "))
        .filter(|name| !name.ends_with("**"))
        .collect()
}

#[test]
fn step_lists_match_the_seed_exactly_in_order() {
    let catalog = Catalog::builtin();
    let mut total = 0;
    for (heading, domain, count) in HEADINGS {
        let expected = seed_steps(heading);
        assert_eq!(expected.len(), count, "seed list under {heading:?}");
        let actual: Vec<&str> = catalog
            .steps_in_domain(domain)
            .unwrap()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(actual, expected, "steps of {domain}");
        total += actual.len();
    }
    assert_eq!(total, 69);
}

#[test]
fn guidance_bullets_are_not_steps() {
    let catalog = Catalog::builtin();
    for name in catalog.steps().iter().map(|s| s.name.as_str()) {
        assert!(!name.contains("**"), "{name}");
        assert!(!name.starts_with("High billing"), "{name}");
        assert!(!name.starts_with("Prioritize in-person"), "{name}");
    }
}

#[test]
fn domain_titles_and_purpose_lines_are_the_seeds() {
    let catalog = Catalog::builtin();
    for (heading, id, _) in HEADINGS {
        let domain = catalog.domain(id).unwrap();
        assert_eq!(domain.title, heading);
        assert!(
            SEED_000.lines().any(|l| l.trim_end() == domain.purpose),
            "purpose of {id} not in seed 000: {:?}",
            domain.purpose
        );
    }
    assert_eq!(
        catalog.domain("engagement-care-planning").unwrap().purpose,
        "Collaboratively develop a tailored Care Plan that promotes incremental progress."
    );
    let rrh = catalog.domain("rrh-move-in").unwrap();
    assert_eq!(rrh.title, "Obtain and move into permanent housing");
    assert!(SEED_002.lines().any(|l| l == rrh.title));
    assert!(SEED_002.contains(&rrh.purpose), "{:?}", rrh.purpose);
}

#[test]
fn rrh_move_in_steps_are_the_seed_bullets() {
    let catalog = Catalog::builtin();
    let bullets: Vec<&str> = SEED_002
        .lines()
        .skip_while(|l| *l != "Obtain and move into permanent housing")
        .take_while(|l| *l != "Support stabilization in housing")
        .filter_map(|l| l.trim_start().strip_prefix("\u{2022} "))
        .collect();
    let names: Vec<&str> = catalog
        .steps_in_domain("rrh-move-in")
        .unwrap()
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names, bullets);
    let ids: Vec<&str> = catalog
        .steps_in_domain("rrh-move-in")
        .unwrap()
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "resolve-screening-barriers",
            "obtain-identification",
            "move-in-support",
            "review-lease-provisions"
        ]
    );
}

#[test]
fn every_risk_name_is_in_the_seed() {
    let catalog = Catalog::builtin();
    assert_eq!(catalog.risks().len(), 18);
    for risk in catalog.risks() {
        assert!(
            SEED_000.lines().any(|l| l.trim() == risk.name),
            "risk name {:?} not in seed 000",
            risk.name
        );
    }
}

#[test]
fn category_names_and_required_responses_are_verbatim() {
    let catalog = Catalog::builtin();
    let expected = [
        (
            "health-concerns",
            "Health Concerns",
            "Discuss possible options for support and take steps to reduce risks.",
        ),
        (
            "lease-violations",
            "Lease Violations",
            "Discuss a lease violation with the participant and develop a plan to address it.",
        ),
        (
            "safety-hazards",
            "Safety Hazards",
            "Take immediate steps to mitigate emergencies. Submit an Incident Report",
        ),
    ];
    for (id, name, sentence) in expected {
        let category = catalog.risk_category(id).unwrap();
        assert_eq!(category.name, name);
        assert_eq!(category.required_response, sentence);
        assert!(SEED_000.lines().any(|l| l.trim_end() == name), "{name}");
        assert!(SEED_000.contains(sentence), "{sentence}");
    }
}

#[test]
fn consent_quote_is_in_the_seed() {
    assert!(SEED_000.contains(
        "Connection to some community supports may be dependent on having adequate information sharing consent"
    ));
}
