//! Agency extensions (R-CAT-4): what loads, what is rejected, and that a rejected
//! extension leaves the catalog unchanged.

use hearth_catalog::{
    extension_schema, parse_extension, Catalog, ExtensionError, InstrumentError, Origin,
};
use serde_json::{json, Value};

/// A valid extension; tests break one part of it at a time.
fn valid() -> Value {
    json!({
        "schema_version": "1.0",
        "agency": "Acme Housing",
        "domains": [
            {"id": "acme-community", "title": "Community Life",
             "purpose": "Build ties with neighbors and local groups."}
        ],
        "steps": [
            {"id": "acme-tenant-council", "name": "Join Tenant Council",
             "domain": "acme-community", "needs_consent": false},
            {"id": "acme-utility-hardship-fund", "name": "Apply to Utility Hardship Fund",
             "domain": "prevent-eviction", "needs_consent": true,
             "shares_with": "utility company hardship program"}
        ],
        "risk_steps": [
            {"risk": "rental-utility-arrears", "steps": ["acme-utility-hardship-fund"]}
        ],
        "instruments": [
            {"id": "acme-acuity", "name": "Acme Acuity Screen", "population": "single adults",
             "score": {"min": 0, "max": 10},
             "bands": [{"id": "low", "min": 0, "max": 4, "label": "low"},
                       {"id": "high", "min": 5, "label": "high"}]}
        ]
    })
}

/// Applies `doc` to a fresh built-in catalog, expecting a rejection; checks the catalog
/// is unchanged and returns the error.
fn rejected(doc: Value) -> ExtensionError {
    let mut catalog = Catalog::builtin();
    let ext = parse_extension(&doc.to_string()).expect("document should parse");
    let err = catalog
        .extend(ext)
        .expect_err("extension should be rejected");
    assert_eq!(
        catalog,
        Catalog::builtin(),
        "a rejected extension changed the catalog"
    );
    err
}

#[test]
fn valid_extension_loads() {
    let mut catalog = Catalog::builtin();
    catalog
        .extend(parse_extension(&valid().to_string()).unwrap())
        .unwrap();
    let step = catalog.step("acme-tenant-council").unwrap();
    assert_eq!(step.domain, "acme-community");
    assert_eq!(
        step.origin,
        Origin::Agency {
            agency: "Acme Housing".into()
        }
    );
    assert_eq!(catalog.steps_in_domain("acme-community").unwrap().len(), 1);
    assert_eq!(catalog.steps().len(), 75);
    let arrears = catalog.risk("rental-utility-arrears").unwrap();
    assert_eq!(arrears.steps.last().unwrap(), "acme-utility-hardship-fund");
    let tool = catalog.instrument("acme-acuity").unwrap();
    assert_eq!(tool.band_for(4).unwrap().id, "low");
    assert_eq!(tool.band_for(10).unwrap().id, "high");
    assert_eq!(tool.band_for(11), None);
    assert_eq!(catalog.agencies(), ["Acme Housing"]);
}

#[test]
fn with_extension_consumes() {
    let ext = parse_extension(&valid().to_string()).unwrap();
    let catalog = Catalog::builtin().with_extension(ext).unwrap();
    assert!(catalog.domain("acme-community").is_ok());
}

#[test]
fn the_same_extension_twice_is_a_duplicate() {
    let ext = parse_extension(&valid().to_string()).unwrap();
    let mut catalog = Catalog::builtin().with_extension(ext.clone()).unwrap();
    let before = catalog.clone();
    let err = catalog.extend(ext).unwrap_err();
    assert!(
        matches!(err, ExtensionError::DuplicateId { kind: "domain", ref id, .. } if id == "acme-community"),
        "{err:?}"
    );
    assert_eq!(catalog, before);
}

#[test]
fn duplicate_of_builtin_step() {
    let mut doc = valid();
    doc["steps"][1]["id"] = json!("resolve-arrears");
    let err = rejected(doc);
    assert!(
        matches!(
            err,
            ExtensionError::DuplicateId {
                kind: "action step",
                existing: "action step",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("\"resolve-arrears\""), "{err}");
}

#[test]
fn duplicate_across_kinds() {
    let mut doc = valid();
    doc["domains"][0]["id"] = json!("hai");
    doc["steps"][0]["domain"] = json!("hai");
    let err = rejected(doc);
    assert!(
        matches!(
            err,
            ExtensionError::DuplicateId {
                existing: "instrument",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("\"hai\""), "{err}");
}

#[test]
fn duplicate_within_one_extension() {
    let mut doc = valid();
    doc["steps"][1]["id"] = json!("acme-tenant-council");
    doc["risk_steps"] = json!([]);
    let err = rejected(doc);
    assert!(matches!(err, ExtensionError::DuplicateId { .. }), "{err:?}");
    assert!(err.to_string().contains("\"acme-tenant-council\""), "{err}");
}

#[test]
fn duplicate_instrument() {
    let mut doc = valid();
    doc["instruments"][0]["id"] = json!("vi-spdat-v2");
    let err = rejected(doc);
    assert!(
        matches!(
            err,
            ExtensionError::DuplicateId {
                kind: "instrument",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("\"vi-spdat-v2\""), "{err}");
}

#[test]
fn id_not_kebab_case() {
    for (pointer, bad) in [
        ("/steps/0/id", "Acme_Tenant_Council"),
        ("/domains/0/id", "acme community"),
        ("/instruments/0/id", "AcmeAcuity"),
    ] {
        let mut doc = valid();
        *doc.pointer_mut(pointer).unwrap() = json!(bad);
        let err = rejected(doc);
        let matched = matches!(
            err,
            ExtensionError::InvalidId { .. }
                | ExtensionError::InvalidInstrument(InstrumentError::InvalidId { .. })
        );
        assert!(matched, "{pointer}: {err:?}");
        assert!(err.to_string().contains(bad), "{err}");
    }
}

#[test]
fn unknown_domain_with_suggestion() {
    let mut doc = valid();
    doc["steps"][1]["domain"] = json!("prevent-evicton");
    let err = rejected(doc);
    match &err {
        ExtensionError::UnknownDomain { step, unknown } => {
            assert_eq!(step, "acme-utility-hardship-fund");
            assert_eq!(unknown.suggestion.as_deref(), Some("prevent-eviction"));
        }
        other => panic!("wrong error {other:?}"),
    }
    assert_eq!(
        err.to_string(),
        r#"action step "acme-utility-hardship-fund": unknown domain id "prevent-evicton"; did you mean "prevent-eviction"?"#
    );
}

#[test]
fn unknown_risk() {
    let mut doc = valid();
    doc["risk_steps"][0]["risk"] = json!("rental-arrears");
    let err = rejected(doc);
    assert!(matches!(err, ExtensionError::UnknownRisk { .. }), "{err:?}");
    assert!(err.to_string().contains("\"rental-arrears\""), "{err}");
    assert!(
        err.to_string()
            .contains("did you mean \"rental-utility-arrears\""),
        "{err}"
    );
}

#[test]
fn unknown_risk_step() {
    let mut doc = valid();
    doc["risk_steps"][0]["steps"] = json!(["acme-no-such-step"]);
    let err = rejected(doc);
    assert!(
        matches!(err, ExtensionError::UnknownRiskStep { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("\"acme-no-such-step\""), "{err}");
}

#[test]
fn risk_step_already_listed() {
    let mut doc = valid();
    doc["risk_steps"][0]["steps"] = json!(["resolve-arrears"]);
    let err = rejected(doc);
    assert!(
        matches!(err, ExtensionError::DuplicateRiskStep { ref step, .. } if step == "resolve-arrears"),
        "{err:?}"
    );
}

#[test]
fn invalid_instrument_bands() {
    let mut doc = valid();
    doc["instruments"][0]["bands"][1]["min"] = json!(3);
    let err = rejected(doc);
    assert!(
        matches!(
            err,
            ExtensionError::InvalidInstrument(InstrumentError::BandOverlap { .. })
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("\"acme-acuity\""), "{err}");

    let mut doc = valid();
    doc["instruments"][0]["bands"][0]["max"] = json!(40);
    let err = rejected(doc);
    assert!(
        matches!(
            err,
            ExtensionError::InvalidInstrument(InstrumentError::BandOutsideRange { .. })
        ),
        "{err:?}"
    );
}

#[test]
fn consent_without_party() {
    let mut doc = valid();
    doc["steps"][1]
        .as_object_mut()
        .unwrap()
        .remove("shares_with");
    let err = rejected(doc);
    assert_eq!(
        err,
        ExtensionError::ConsentWithoutParty {
            step: "acme-utility-hardship-fund".into()
        }
    );
    assert!(err.to_string().contains("\"acme-utility-hardship-fund\""));
    // The party is the agency's free text: named by the field, never repeated.
    assert!(!err.to_string().contains("hardship program"), "{err}");
}

#[test]
fn party_without_consent() {
    let mut doc = valid();
    doc["steps"][1]["needs_consent"] = json!(false);
    let err = rejected(doc);
    assert!(
        matches!(err, ExtensionError::PartyWithoutConsent { ref step, .. } if step == "acme-utility-hardship-fund"),
        "{err:?}"
    );
    assert!(err.to_string().contains("\"acme-utility-hardship-fund\""));
    // The party is the agency's free text: named by the field, never repeated.
    assert!(!err.to_string().contains("hardship program"), "{err}");
}

#[test]
fn late_error_leaves_catalog_unchanged() {
    // Domains and steps are valid and would be added; the instrument fails last.
    let mut doc = valid();
    doc["instruments"][0]["score"]["max"] = json!(2);
    let err = rejected(doc);
    assert!(
        matches!(err, ExtensionError::InvalidInstrument(_)),
        "{err:?}"
    );
}

#[test]
fn parse_errors_are_located() {
    let text = "{\n  \"schema_version\": \"1.0\",\n  \"agency\": \"Acme\",\n  \"steps\": [\n    {\"id\": \"acme-x\", \"name\": \"X\", \"domain\": \"wellness\", \"needs_consent\": \"no\"}\n  ]\n}";
    match parse_extension(text).unwrap_err() {
        ExtensionError::Parse {
            line,
            column,
            pointer,
            ..
        } => {
            assert_eq!(line, 5);
            assert!(column > 60, "column {column}");
            assert_eq!(pointer, "/steps/0/needs_consent");
        }
        other => panic!("wrong error {other:?}"),
    }

    let err = parse_extension("{\"schema_version\": \"1.0\", \"agency\": \"A\", \"colour\": 1}")
        .unwrap_err();
    assert!(
        matches!(err, ExtensionError::Parse { line: 1, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    // Located at the document (the unknown key itself is never repeated), with the
    // fields that are expected.
    assert!(message.contains("line 1, column"), "{message}");
    assert!(!message.contains("colour"), "{message}");
    assert!(
        message.contains("expected one of `schema_version`"),
        "{message}"
    );

    let err = parse_extension("{\"schema_version\": \"1.0\", \"agency\": \"A\"").unwrap_err();
    assert!(matches!(err, ExtensionError::Parse { .. }), "{err:?}");
    let err =
        parse_extension("{\"schema_version\": \"1.0\", \"agency\": \"A\"} extra").unwrap_err();
    assert!(
        err.to_string().contains("after the end of the document"),
        "{err}"
    );
    let err = parse_extension("{\"agency\": \"A\"}").unwrap_err();
    assert!(err.to_string().contains("schema_version"), "{err}");
}

#[test]
fn unsupported_schema_version() {
    let mut doc = valid();
    doc["schema_version"] = json!("2.0");
    let err = parse_extension(&doc.to_string()).unwrap_err();
    assert_eq!(
        err,
        ExtensionError::UnsupportedSchemaVersion {
            found: "2.0".into()
        }
    );
}

#[test]
fn schema_has_descriptions_and_version() {
    let schema = serde_json::to_value(extension_schema()).unwrap();
    let props = &schema["properties"];
    assert_eq!(props["schema_version"]["enum"], json!(["1.0"]));
    assert!(props["agency"]["description"]
        .as_str()
        .unwrap()
        .contains("agency"));
    assert_eq!(schema["additionalProperties"], json!(false));
    let text = schema.to_string();
    assert!(text.contains("needs_consent"), "{text}");
    assert!(text.contains("shares_with"), "{text}");
}

#[test]
fn extension_instrument_can_be_retired_or_unscored() {
    let mut doc = valid();
    doc["instruments"][0]["status"] = json!({"retired": {"year": 2024, "note": "replaced"}});
    doc["instruments"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "acme-intake-form", "name": "Acme Intake Form",
                     "population": "all participants", "scored": false}));
    let catalog = Catalog::builtin()
        .with_extension(parse_extension(&doc.to_string()).unwrap())
        .unwrap();
    assert!(matches!(
        catalog.instrument("acme-acuity").unwrap().status,
        hearth_catalog::InstrumentStatus::Retired { year: 2024, .. }
    ));
    assert!(!catalog.instrument("acme-intake-form").unwrap().scored);

    let mut doc = valid();
    doc["instruments"][0]["scored"] = json!(false);
    let err = rejected(doc);
    assert!(
        matches!(
            err,
            ExtensionError::InvalidInstrument(InstrumentError::UnscoredWithScale { .. })
        ),
        "{err:?}"
    );
}
