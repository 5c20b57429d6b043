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
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_bytes: 50 * 1024 * 1024, max_lines: 2_000_000 }
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
    /// A PDF file: this build reads text only.
    PdfNotSupported,
}

impl Error {
    pub fn message_zh(&self) -> String {
        match self {
            Error::Empty => "文件为空，没有可读取的内容".into(),
            Error::Binary => "无法识别的文件：既不是文本（UTF-8、UTF-16、GBK/GB18030），也不是 PDF".into(),
            Error::TooLarge { what, limit, actual } => format!("文件超出限制：{what} 为 {actual}，上限 {limit}"),
            Error::PdfNotSupported => "暂不支持直接读取 PDF，请先导出为文本".into(),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            Error::Empty => "the file is empty".into(),
            Error::Binary => "unrecognised file: neither text (UTF-8, UTF-16, GBK/GB18030) nor PDF".into(),
            Error::TooLarge { what, limit, actual } => format!("over the limit: {what} is {actual}, at most {limit}"),
            Error::PdfNotSupported => "PDF input is not supported yet; extract its text first".into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}（{}）", self.message_zh(), self.message_en())
    }
}

impl std::error::Error for Error {}
