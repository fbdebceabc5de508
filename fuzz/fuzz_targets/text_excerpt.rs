//! Fuzz target `text_excerpt`: the body is [`harness::text_excerpt`], shared with the
//! regression test `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::text_excerpt(data));
