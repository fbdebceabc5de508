//! The checks reject what they should: a broken Bundle fails the schema and each
//! invariant check; import rejects what is not an R4 Bundle, with a located error that
//! quotes nothing, and counts what it does not map; export stays valid for ids that
//! are not valid FHIR ids.

mod common;

use hearth_catalog::Catalog;
use hearth_fhir::{check_invariants, from_bundle, parse_bundle, to_bundle, ImportError};
use serde_json::{json, Value};

fn example() -> Value {
    let (_, case) = common::example_cases()
        .into_iter()
        .find(|(name, _)| name.ends_with("rrh.json"))
        .unwrap();
    to_bundle(&case, &Catalog::builtin())
}

/// The first resource of a type, mutably.
fn first<'a>(bundle: &'a mut Value, kind: &str) -> &'a mut Value {
    bundle["entry"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .map(|e| &mut e["resource"])
        .find(|r| r["resourceType"] == kind)
        .unwrap()
}

fn keys(bundle: &Value) -> Vec<&'static str> {
    check_invariants(bundle)
        .into_iter()
        .map(|v| v.key)
        .collect()
}

#[test]
fn the_schema_rejects_a_broken_bundle() {
    let validator = common::validator();
    let good = example();
    assert!(common::schema_errors(&validator, &good).is_empty());
    let mut bad = good.clone();
    first(&mut bad, "Encounter")["status"] = json!(7);
    assert!(!common::schema_errors(&validator, &bad).is_empty());
    let mut bad = good.clone();
    first(&mut bad, "Goal")["id"] = json!("not a valid id");
    assert!(!common::schema_errors(&validator, &bad).is_empty());
    let mut bad = good;
    first(&mut bad, "Patient")["birthDate"] = json!("21 June 1990");
    assert!(!common::schema_errors(&validator, &bad).is_empty());
}

#[test]
fn each_invariant_check_rejects_a_broken_bundle() {
    let good = example();
    assert!(check_invariants(&good).is_empty());

    let mut bad = good.clone();
    let goal = first(&mut bad, "Goal");
    goal["target"] = json!([{ "detailBoolean": true }]);
    assert_eq!(keys(&bad), ["gol-1"]);

    let mut bad = good.clone();
    let plan = first(&mut bad, "CarePlan");
    plan["activity"][0]["reference"] = plan["subject"].clone();
    assert_eq!(keys(&bad), ["cpl-3"]);

    let mut bad = good.clone();
    let condition = first(&mut bad, "Condition");
    condition["category"] = json!([{ "coding": [{
        "system": "http://terminology.hl7.org/CodeSystem/condition-category",
        "code": "problem-list-item" }] }]);
    condition.as_object_mut().unwrap().remove("clinicalStatus");
    condition
        .as_object_mut()
        .unwrap()
        .remove("abatementDateTime");
    assert_eq!(keys(&bad), ["con-3"]);

    let mut bad = good.clone();
    let condition = first(&mut bad, "Condition");
    condition["abatementDateTime"] = json!("2026-01-01");
    condition["clinicalStatus"]["coding"][0]["code"] = json!("active");
    assert_eq!(keys(&bad), ["con-4"]);

    let mut bad = good.clone();
    first(&mut bad, "Consent")
        .as_object_mut()
        .unwrap()
        .remove("policyRule");
    assert_eq!(keys(&bad), ["ppc-1"]);

    let mut bad = good.clone();
    let observation = first(&mut bad, "Observation");
    observation["dataAbsentReason"] = json!({ "text": "asked-declined" });
    assert_eq!(keys(&bad), ["obs-6"]);

    let mut bad = good.clone();
    first(&mut bad, "CarePlan")["intent"] = json!("wish");
    assert_eq!(keys(&bad), ["required"]);
    let mut bad = good.clone();
    first(&mut bad, "Encounter")
        .as_object_mut()
        .unwrap()
        .remove("status");
    assert_eq!(keys(&bad), ["required"]);

    let mut bad = good.clone();
    first(&mut bad, "Encounter")["subject"]["reference"] = json!("urn:uuid:nowhere");
    assert_eq!(keys(&bad), ["reference"]);

    let mut bad = good;
    let copy = bad["entry"][1]["fullUrl"].clone();
    bad["entry"][2]["fullUrl"] = copy;
    assert!(keys(&bad).contains(&"bdl-7"));
}

#[test]
fn import_rejects_what_is_not_an_r4_bundle_with_a_located_error() {
    let secret = "Jordan Example";
    let cases: Vec<(String, &str)> = vec![
        (format!("[\"{secret}\"]"), ""),
        (format!("{{\"resourceType\": \"Patient\", \"name\": \"{secret}\"}}"), "/resourceType"),
        (format!("{{\"resourceType\": \"{secret}\"}}"), "/resourceType"),
        (
            format!("{{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": [{{\"resource\": {{\"resourceType\": \"ActorDefinition\", \"name\": \"{secret}\"}}}}]}}"),
            "/entry/0/resource/resourceType",
        ),
        (
            "{\"resourceType\": \"Bundle\", \"meta\": {\"profile\": [\"http://hl7.org/fhir/5.0/StructureDefinition/Bundle\"]}}".to_owned(),
            "/meta/profile/0",
        ),
        ("{\"resourceType\": \"Bundle\", \"issues\": {}}".to_owned(), "/issues"),
    ];
    for (text, pointer) in cases {
        let err = parse_bundle(&text).unwrap_err();
        match &err {
            ImportError::NotABundle { pointer: at, .. }
            | ImportError::NotR4 { pointer: at, .. } => {
                assert_eq!(at, pointer, "{err}")
            }
            other => panic!("unexpected {other}"),
        }
        assert!(!err.to_string().contains("Jordan"), "{err}");
    }
    let err = parse_bundle(&format!("{{\"resourceType\": \"Bundle\",\n \"{secret}")).unwrap_err();
    assert!(matches!(err, ImportError::Syntax { line: 2, .. }), "{err}");
    assert!(!err.to_string().contains("Jordan"), "{err}");
}

#[test]
fn import_counts_resources_it_does_not_map() {
    let mut bundle = example();
    let entries = bundle["entry"].as_array_mut().unwrap();
    let before = entries.len();
    entries.push(
        json!({ "fullUrl": "urn:uuid:0b0e6c1a-0000-4000-8000-000000000001",
        "resource": { "resourceType": "Medication", "status": "active" } }),
    );
    entries.push(
        json!({ "fullUrl": "urn:uuid:0b0e6c1a-0000-4000-8000-000000000002",
        "resource": { "resourceType": "Encounter", "status": "finished",
                      "class": { "code": "AMB" } } }),
    );
    let import = from_bundle(&bundle).unwrap();
    assert_eq!(import.summary.entries, before + 2);
    assert_eq!(import.summary.not_mapped.get("Medication"), Some(&1));
    assert_eq!(import.summary.not_mapped.get("Encounter"), Some(&1));
    let counted: usize = import.summary.mapped.values().sum::<usize>()
        + import.summary.not_mapped.values().sum::<usize>()
        + import.summary.placeholders
        + import.summary.skipped.len();
    assert_eq!(counted, before + 2, "every entry is counted once");
    assert_eq!(import.case_files.len(), 1);
}

#[test]
fn import_skips_with_a_count_what_it_maps_but_cannot_read() {
    let mut bundle = example();
    first(&mut bundle, "Encounter")
        .as_object_mut()
        .unwrap()
        .remove("period");
    let import = from_bundle(&bundle).unwrap();
    assert_eq!(import.summary.skipped.len(), 1);
    assert_eq!(import.summary.skipped[0].resource_type, "Encounter");
    assert!(import.summary.skipped[0].pointer.starts_with("/entry/"));
}

#[test]
fn ids_that_are_not_fhir_ids_still_give_valid_resources() {
    let validator = common::validator();
    let text = r#"{"schema_version": "1.0",
      "participant": {"id": "P 1/ü\u000b"},
      "parties": [{"id": "", "kind": "landlord"}],
      "consents": [{"id": "C  1", "party": "", "signed_on": "2026-01-02"}],
      "assessments": [{"id": "A\t1", "instrument": "not a  code", "started_on": "2026-01-02",
        "items": [{"item": " ", "answer": "refused"}, {"item": "q1", "answer": {"score": 4000000000}}],
        "band": ""}],
      "enrollments": [{"id": "E-1", "program": "rrh", "entered_on": "2026-01-05",
        "encounters": [{"id": "V 1", "started_at": "2026-01-06T10:00:00+15:30", "mode": "in-person"},
                       {"id": "V 1", "started_at": "2026-01-07T10:00:00Z", "mode": "phone",
                        "goals_discussed": [{"goal": "missing", "progress": "some"}]}],
        "risk_observations": [{"id": "R1", "risk": "made-up risk", "observed_on": "2026-01-07",
           "encounter": "nowhere"}]}]}"#;
    let case = hearth_model::parse_case_file(text).unwrap();
    let bundle = to_bundle(&case, &Catalog::builtin());
    let errors = common::schema_errors(&validator, &bundle);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(
        check_invariants(&bundle).is_empty(),
        "{:#?}",
        check_invariants(&bundle)
    );
    let import = from_bundle(&bundle).unwrap();
    assert_eq!(import.case_files.len(), 1);
    assert_eq!(import.summary.placeholders, 2, "{:?}", import.summary);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, ..Default::default() })]

    /// Any case file the model can hold, however odd its ids, codes and offsets, exports
    /// to a Bundle the schema accepts with every invariant kept, and imports without
    /// error to one case file.
    #[test]
    fn any_case_file_exports_a_valid_bundle(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..4096)) {
        use arbitrary::{Arbitrary, Unstructured};
        static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
        let Ok(case) = hearth_model::CaseFile::arbitrary(&mut Unstructured::new(&bytes)) else {
            return Ok(());
        };
        let bundle = to_bundle(&case, &Catalog::builtin());
        let validator = VALIDATOR.get_or_init(common::validator);
        let errors = common::schema_errors(validator, &bundle);
        proptest::prop_assert!(errors.is_empty(), "{:?}", errors);
        let violations = check_invariants(&bundle);
        proptest::prop_assert!(violations.is_empty(), "{:?}", violations);
        let import = from_bundle(&bundle).unwrap();
        proptest::prop_assert_eq!(import.case_files.len(), 1);
    }
}
