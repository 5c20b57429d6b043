//! The content-stream lexer alone: the bytes are a decoded page content stream.
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| common::content(data));
