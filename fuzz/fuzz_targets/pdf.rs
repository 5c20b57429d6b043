//! PDF entry: every input is read as a PDF (the header is supplied when missing).
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::pdf(data));
