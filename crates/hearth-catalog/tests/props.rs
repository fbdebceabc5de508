//! Property tests: no input makes the crate panic.

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
