//! Fuzz target `html_report`: the body is [`harness::html_report`], shared with the regression
//! test `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::html_report(data));
