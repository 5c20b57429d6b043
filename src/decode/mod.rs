//! Bytes → text. Detects the format by content, never by file name, and decodes text in
//! any encoding a user is likely to have: UTF-8 (with or without BOM), UTF-16 LE/BE with
//! BOM, GBK/GB18030 (strict UTF-8 first, else GB18030). Natively through `encoding_rs`;
//! in the browser through the built-in `TextDecoder` (no size cost). Line ends are
//! normalised to `\n`. Knows nothing of 决算 terms.

pub mod codemap;
pub mod content;
pub mod filters;
pub mod pdf;

use crate::error::{Error, Limits};

/// Decoded text with the encoding it was read in.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// The formats recognised by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    Text,
}

/// `%PDF-` within the first KiB (some producers put junk before it) means PDF.
pub fn sniff(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Format::Pdf
    } else {
        Format::Text
    }
}

/// Decodes text bytes. Refuses empty, binary and over-limit input.
pub fn decode_text(bytes: &[u8], limits: &Limits) -> Result<Decoded, Error> {
    if bytes.len() > limits.max_bytes {
        return Err(Error::TooLarge { what: "bytes", limit: limits.max_bytes, actual: bytes.len() });
    }
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (std::str::from_utf8(rest).map_err(|_| Error::Binary)?.to_string(), "utf-8")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (utf16(rest, true)?, "utf-16le")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (utf16(rest, false)?, "utf-16be")
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        (s.to_string(), "utf-8")
    } else {
        (gb18030(bytes)?, "gb18030")
    };
    if looks_binary(&text) {
        return Err(Error::Binary);
    }
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text };
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let lines = text.lines().count();
    if lines > limits.max_lines {
        return Err(Error::TooLarge { what: "lines", limit: limits.max_lines, actual: lines });
    }
    Ok(Decoded { text, encoding })
}

fn utf16(bytes: &[u8], le: bool) -> Result<String, Error> {
    if bytes.len() % 2 != 0 {
        return Err(Error::Binary);
    }
    let units =
        bytes.chunks_exact(2).map(
            |c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            },
        );
    char::decode_utf16(units).collect::<Result<String, _>>().map_err(|_| Error::Binary)
}

/// Text that is mostly control characters or replacement characters is binary.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in text.chars().take(64 * 1024) {
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}')) {
            bad += 1;
        }
    }
    total > 0 && bad * 20 > total
}

#[cfg(not(target_arch = "wasm32"))]
fn gb18030(bytes: &[u8]) -> Result<String, Error> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::Binary);
    }
    Ok(text.into_owned())
}

#[cfg(target_arch = "wasm32")]
fn gb18030(bytes: &[u8]) -> Result<String, Error> {
    let opts = web_sys::TextDecoderOptions::new();
    opts.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &opts).map_err(|_| Error::Binary)?;
    decoder.decode_with_u8_array(bytes).map_err(|_| Error::Binary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_and_binary() {
        let l = Limits::default();
        assert_eq!(decode_text(b"", &l).unwrap_err(), Error::Empty);
        assert_eq!(decode_text(b" \n\r\n", &l).unwrap_err(), Error::Empty);
        assert_eq!(decode_text(&[0u8, 1, 2, 3, 0, 0, 0xff, 0xfe, 0x00], &l).unwrap_err(), Error::Binary);
        assert_eq!(decode_text(&[0x81, 0x20, 0x00, 0x07], &l).unwrap_err(), Error::Binary);
    }

    #[test]
    fn reads_utf16_and_crlf() {
        let l = Limits::default();
        let mut b = vec![0xFF, 0xFE];
        for u in "合计\r\n1".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode_text(&b, &l).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("合计\n1", "utf-16le"));
    }

    #[test]
    fn over_limit_is_an_error() {
        let l = Limits { max_bytes: 4, ..Limits::default() };
        assert!(matches!(decode_text(b"12345", &l), Err(Error::TooLarge { .. })));
    }
}
