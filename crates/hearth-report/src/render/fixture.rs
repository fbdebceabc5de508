//! The report the renderers' tests and snapshots are made from: a real example case
//! file (with one of its findings waived), a clean case file and a broken document.

use crate::batch::{CheckReport, Document};
use hearth_model::ParticipantId;
use hearth_rules::{Policy, Waiver};

/// A case file with nothing to report under `stl-coc` as of [`AS_OF`].
pub const CLEAN: &str = r#"{"schema_version": "1.0", "participant": {"id": "P-CLEAN"}}"#;

/// A document that does not match the case-file schema.
pub const BROKEN: &str = "{\n  \"schema_version\": \"1.0\",\n  \"participant\": 7\n}";

/// The evaluation date of the fixture.
pub const AS_OF: &str = "2026-01-19";

/// The stl-coc example, a clean file and a broken one, checked under `stl-coc` with one
/// waiver.
pub fn report() -> CheckReport {
    let as_of = AS_OF.parse().unwrap();
    let waiver = Waiver {
        id: "W-TEST-1".to_owned(),
        rule: "PLAN005".to_owned(),
        participant: ParticipantId("STL-2025-0611".to_owned()),
        path: None,
        reason: "test".to_owned(),
        approved_by: "SUP-01".to_owned(),
        approved_on: None,
        expires_on: "2026-12-31".parse().unwrap(),
    };
    let policy = Policy::builtin("stl-coc").unwrap().with_waivers([waiver]);
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/data/cases/stl-coc.json"
    ))
    .unwrap();
    let docs = vec![
        Document::new("examples/data/cases/stl-coc.json", &text).check(&policy, as_of),
        Document::new("broken.json", BROKEN).check(&policy, as_of),
        Document::new("clean.json", CLEAN).check(&policy, as_of),
    ];
    CheckReport::new(as_of, docs)
}
