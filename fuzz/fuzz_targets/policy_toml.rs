//! Fuzz target `policy_toml`: the body is [`harness::policy_toml`], shared with the regression test
//! `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::policy_toml(data));
