//! Text entry: any bytes that are not a PDF (UTF-8, UTF-16, GBK or garbage).
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::text(data));
