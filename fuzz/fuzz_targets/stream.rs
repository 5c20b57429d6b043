//! The stream decoder alone: a filter chain and predictor picked by the first bytes, the
//! rest decoded within the limits.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::stream(data));
