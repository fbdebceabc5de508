//! Fuzz target `case_file`: the body is [`harness::case_file`], shared with the regression test
//! `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::case_file(data));
