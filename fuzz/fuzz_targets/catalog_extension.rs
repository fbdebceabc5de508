//! Fuzz target `catalog_extension`: the body is [`harness::catalog_extension`], shared with the regression test
//! `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::catalog_extension(data));
