//! The one error type: input that cannot be read at all. Anything readable becomes a
//! report with diagnostics instead. Messages are in Chinese first, English after.

use std::fmt;

/// Limits on what the core accepts; beyond them the input is refused, never half-read.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input in bytes.
    pub max_bytes: usize,
    /// Most text lines (text input).
    pub max_lines: usize,
    /// Most glyphs read from a PDF (all pages).
    pub max_glyphs: usize,
    /// Most pages (PDF input).
    pub max_pages: usize,
    /// Most bytes one PDF stream may decompress to.
    pub max_stream_bytes: usize,
    /// Most bytes all PDF streams together may decompress to.
    pub max_decoded_bytes: usize,
    /// Most content-stream operations over the whole PDF (forms included).
    pub max_operations: usize,
    /// Most ruling segments (axis-aligned lines and rectangle sides) read from a PDF (all
    /// pages).
    pub max_rules: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 50 * 1024 * 1024,
            // real reports have a few thousand lines, a 1,000-page PDF about 4 M glyphs;
            // memory grows linearly with both (BENCHMARKS.md: stress)
            max_lines: 250_000,
            max_glyphs: 4_000_000,
            max_pages: 1_000,
            max_stream_bytes: 64 * 1024 * 1024,
            max_decoded_bytes: 256 * 1024 * 1024,
            max_operations: 20_000_000,
            // a ruled table page has a few hundred; producers drawing each cell border as
            // its own piece a few thousand
            max_rules: 2_000_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// No bytes, or only whitespace.
    Empty,
    /// Bytes that are neither text in a known encoding nor a PDF.
    Binary,
    /// Over a limit: what, the limit, the actual figure.
    TooLarge { what: &'static str, limit: usize, actual: usize },
    /// A PDF that cannot be parsed (truncated, corrupt, not really a PDF).
    PdfCorrupt,
    /// A PDF that needs a password to open.
    PdfEncrypted,
    /// A PDF whose pages carry no text (a scan): OCR is not supported.
    PdfNoText { pages: usize },
    /// A PDF stream the text needs (page content, form, ToUnicode CMap, object or
    /// cross-reference stream) with a filter that cannot be decoded (an image or unknown
    /// filter) or invalid decode parameters: what, as written in the file.
    PdfUnsupported { what: String },
}

impl Error {
    pub fn message_zh(&self) -> String {
        match self {
            Error::Empty => "文件为空，没有可读取的内容".into(),
            Error::Binary => "无法识别的文件：既不是文本（UTF-8、UTF-16、GBK/GB18030），也不是 PDF".into(),
            Error::TooLarge { what, limit, actual } => format!("文件超出限制：{what} 为 {actual}，上限 {limit}"),
            Error::PdfCorrupt => "PDF 文件已损坏或不完整，无法读取".into(),
            Error::PdfEncrypted => "PDF 文件已加密（需要密码），无法读取".into(),
            Error::PdfNoText { pages } => {
                format!("PDF 的 {pages} 页都没有文字层（可能是扫描件）；不支持 OCR 文字识别")
            }
            Error::PdfUnsupported { what } => format!("PDF 的文字数据使用了无法解码的编码或参数：{what}"),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            Error::Empty => "the file is empty".into(),
            Error::Binary => "unrecognised file: neither text (UTF-8, UTF-16, GBK/GB18030) nor PDF".into(),
            Error::TooLarge { what, limit, actual } => format!("over the limit: {what} is {actual}, at most {limit}"),
            Error::PdfCorrupt => "the PDF is corrupt or truncated and cannot be read".into(),
            Error::PdfEncrypted => "the PDF is encrypted (password protected) and cannot be read".into(),
            Error::PdfNoText { pages } => {
                format!("none of the PDF's {pages} pages has a text layer (a scan?); OCR is not supported")
            }
            Error::PdfUnsupported { what } => {
                format!("a stream the PDF's text needs uses an encoding or parameter that cannot be decoded: {what}")
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}（{}）", self.message_zh(), self.message_en())
    }
}

impl std::error::Error for Error {}
