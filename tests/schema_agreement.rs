//! The generated schemas and the Rust types agree: every document the types can hold
//! and write is valid under the schema, so an integrator who validates with the schema
//! never rejects what hearth itself would produce.
//!
//! Dates are one place where they could part: chrono holds years before 0000 and after
//! 9999 and writes them with a sign (`+12345-01-01`), which RFC 3339's `date` format (the
//! schema's) does not allow. hearth reads only dates from 1900-01-01 to 2200-12-31, so
//! such a date never gets in: `extended_years_are_rejected` pins that, and the
//! generators (`hearth-model`'s `arbitrary` feature) make only dates hearth reads.

mod common;

use arbitrary::{Arbitrary, Unstructured};
use common::validator;
use hearth::schema::SchemaName;
use hearth::{CaseFile, Caseload, ParseErrorKind};
use proptest::prelude::*;

fn check<'a, T: Arbitrary<'a> + serde::Serialize>(
    name: SchemaName,
    bytes: &'a [u8],
) -> Result<(), TestCaseError> {
    let value = T::arbitrary(&mut Unstructured::new(bytes)).expect("generator failed");
    let json = serde_json::to_value(&value).expect("serialises");
    let errors: Vec<String> = validator(name)
        .iter_errors(&json)
        .map(|e| format!("{}: {}", e.instance_path(), e.masked()))
        .collect();
    prop_assert!(errors.is_empty(), "{name}: {}", errors.join("\n"));
    Ok(())
}

#[test]
fn extended_years_are_rejected() {
    let case = |date: &str| {
        hearth::parse_case_file(&format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},
            "enrollments":[{{"id":"E","program":"rrh","entered_on":"{date}"}}]}}"#
        ))
    };
    for date in [
        "+12345-01-01",
        "-0044-03-15",
        "0000-01-01",
        "1899-12-31",
        "2201-01-01",
    ] {
        let err = case(date).expect_err(date);
        assert_eq!(err.kind, ParseErrorKind::Data, "{date}");
        assert_eq!(err.pointer, "/enrollments/0/entered_on", "{date}");
        assert_eq!(err.line, 2, "{date}");
    }
    // The schema agrees about the signed years; the 1900-2200 range it does not state
    // (JSON Schema's `date` format has no bounds), so it accepts the in-format ones.
    let signed = serde_json::json!({"schema_version": "1.0", "participant": {"id": "P"},
        "enrollments": [{"id": "E", "program": "rrh", "entered_on": "+12345-01-01"}]});
    assert!(!validator(SchemaName::CaseFile).is_valid(&signed));
    for date in ["1900-01-01", "2200-12-31"] {
        let read = case(date).expect(date);
        let json = serde_json::to_value(&read).unwrap();
        assert!(validator(SchemaName::CaseFile).is_valid(&json), "{date}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn every_case_file_the_types_hold_is_schema_valid(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096)
    ) {
        check::<CaseFile>(SchemaName::CaseFile, &bytes)?;
    }

    #[test]
    fn every_caseload_the_types_hold_is_schema_valid(
        bytes in proptest::collection::vec(any::<u8>(), 0..8192)
    ) {
        check::<Caseload>(SchemaName::Caseload, &bytes)?;
    }
}
