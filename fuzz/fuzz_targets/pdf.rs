//! PDF entry: every input is read as a PDF (the header is supplied when missing).
#![no_main]
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"%PDF-") {
        common::run(data);
    } else {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        pdf.extend_from_slice(data);
        common::run(&pdf);
    }
});
