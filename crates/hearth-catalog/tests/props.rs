//! Property tests: no input makes the crate panic, and extensions round-trip.

use hearth_catalog::{parse_extension, Band, Catalog, Instrument, InstrumentStatus, ScoreRange};
use proptest::prelude::*;

proptest! {
    #[test]
    fn parse_extension_never_panics(text in ".{0,300}") {
        let _ = parse_extension(&text);
    }

    #[test]
    fn parse_and_extend_never_panic_on_jsonish_input(
        text in r#"\{"schema_version": ?"1\.0", ?"agency": ?"[a-z ]{0,5}"(, ?"(steps|domains|risk_steps|instruments)": ?\[[\{\}\[\]":, a-z0-9-]{0,60}\])?\}"#
    ) {
        if let Ok(ext) = parse_extension(&text) {
            let mut catalog = Catalog::builtin();
            let _ = catalog.extend(ext);
        }
    }

    #[test]
    fn band_for_never_panics_on_builtins(total in any::<u32>()) {
        for instrument in Catalog::builtin().instruments() {
            if let Some(band) = instrument.band_for(total) {
                prop_assert!(band.contains(total));
            }
        }
    }

    #[test]
    fn validate_and_band_for_never_panic(
        range in proptest::option::of((any::<u32>(), any::<u32>())),
        raw_bands in proptest::collection::vec((any::<u32>(), proptest::option::of(any::<u32>())), 0..5),
        total in any::<u32>(),
    ) {
        let instrument = Instrument {
            id: "prop-tool".into(),
            name: "Prop".into(),
            version: None,
            population: "anyone".into(),
            scored: true,
            score: range.map(|(min, max)| ScoreRange { min, max }),
            components: Vec::new(),
            bands: raw_bands
                .iter()
                .enumerate()
                .map(|(i, &(min, max))| Band { id: format!("b{i}"), min, max, label: "x".into() })
                .collect(),
            status: InstrumentStatus::Active,
            notes: None,
        };
        let valid = instrument.validate().is_ok();
        let band = instrument.band_for(total);
        if valid {
            // In a valid instrument, at most one band holds any total.
            let holding = instrument.bands.iter().filter(|b| b.contains(total)).count();
            prop_assert!(holding <= 1);
        }
        if let (Some(band), Some(r)) = (band, instrument.score) {
            prop_assert!(total >= r.min && total <= r.max && band.contains(total));
        }
    }
}

mod round_trip {
    use hearth_catalog::{
        parse_extension, Band, CatalogExtension, Component, DomainDef, Instrument,
        InstrumentStatus, RiskStepsDef, ScoreRange, StepDef,
    };
    use proptest::prelude::*;

    fn id() -> impl Strategy<Value = String> {
        "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}"
    }

    fn text() -> impl Strategy<Value = String> {
        any::<String>()
    }

    fn step() -> impl Strategy<Value = StepDef> {
        (id(), text(), id(), proptest::option::of(text())).prop_map(
            |(id, name, domain, shares_with)| StepDef {
                id,
                name,
                domain,
                needs_consent: shares_with.is_some(),
                shares_with,
            },
        )
    }

    fn instrument() -> impl Strategy<Value = Instrument> {
        let component = (id(), text(), any::<u32>(), any::<u32>())
            .prop_map(|(id, name, min, max)| Component { id, name, min, max });
        let band = (
            id(),
            any::<u32>(),
            proptest::option::of(any::<u32>()),
            text(),
        )
            .prop_map(|(id, min, max, label)| Band {
                id,
                min,
                max,
                label,
            });
        let status = prop_oneof![
            Just(InstrumentStatus::Active),
            (any::<u16>(), text())
                .prop_map(|(year, note)| InstrumentStatus::Retired { year, note }),
        ];
        (
            (
                id(),
                text(),
                proptest::option::of(text()),
                text(),
                any::<bool>(),
            ),
            proptest::option::of((any::<u32>(), any::<u32>())),
            proptest::collection::vec(component, 0..3),
            proptest::collection::vec(band, 0..3),
            status,
            proptest::option::of(text()),
        )
            .prop_map(
                |(
                    (id, name, version, population, scored),
                    range,
                    components,
                    bands,
                    status,
                    notes,
                )| {
                    Instrument {
                        id,
                        name,
                        version,
                        population,
                        scored,
                        score: range.map(|(min, max)| ScoreRange { min, max }),
                        components,
                        bands,
                        status,
                        notes,
                    }
                },
            )
    }

    fn extension() -> impl Strategy<Value = CatalogExtension> {
        (
            text(),
            proptest::collection::vec(
                (id(), text(), text()).prop_map(|(id, title, purpose)| DomainDef {
                    id,
                    title,
                    purpose,
                }),
                0..3,
            ),
            proptest::collection::vec(step(), 0..4),
            proptest::collection::vec(
                (id(), proptest::collection::vec(id(), 0..3))
                    .prop_map(|(risk, steps)| RiskStepsDef { risk, steps }),
                0..3,
            ),
            proptest::collection::vec(instrument(), 0..2),
        )
            .prop_map(|(agency, domains, steps, risk_steps, instruments)| {
                CatalogExtension {
                    schema_version: "1.0".to_owned(),
                    agency,
                    domains,
                    steps,
                    risk_steps,
                    instruments,
                }
            })
    }

    proptest! {
        /// Whatever extension hearth can hold, it writes and reads back unchanged.
        #[test]
        fn extension_round_trips(ext in extension()) {
            let json = serde_json::to_string(&ext).unwrap();
            prop_assert_eq!(parse_extension(&json).unwrap(), ext);
        }
    }
}
