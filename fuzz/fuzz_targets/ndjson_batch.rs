//! Fuzz target `ndjson_batch`: the body is [`harness::ndjson_batch`], shared with the regression test
//! `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::ndjson_batch(data));
