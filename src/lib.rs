//! juesuan (决算透视): reads a Chinese government 部门决算 disclosure and turns it into a
//! typed report, checks and charts.
//!
//! The pipeline, one module per stage:
//! bytes → [`decode`] → [`layout`] → [`recognize`] → [`model`] → [`check`] → [`view`]
//! and [`export`].
//! [`parse`] runs it; only unreadable input is an [`Error`], everything else is a
//! [`model::Report`] with diagnostics.

pub mod check;
pub mod compare;
pub mod decode;
pub mod error;
pub mod export;
pub mod grid;
pub mod layout;
pub mod model;
pub mod recognize;
pub mod reference;
pub mod scan;
pub mod text;
pub mod view;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Error, Limits};
pub use model::Report;

/// Reads a disclosure from its bytes (format detected by content) with default limits.
pub fn parse(bytes: &[u8]) -> Result<Report, Error> {
    parse_with(bytes, &Limits::default())
}

/// Reads a disclosure from its bytes within the given limits.
pub fn parse_with(bytes: &[u8], limits: &Limits) -> Result<Report, Error> {
    parse_observed(bytes, limits, &mut |_, _| {})
}

/// [`parse_with`], calling `on_page(done, total)` as PDF pages are read.
pub fn parse_observed(bytes: &[u8], limits: &Limits, on_page: &mut dyn FnMut(usize, usize)) -> Result<Report, Error> {
    let laid = layout_observed(bytes, limits, on_page)?;
    Ok(recognize::recognize(&laid.lines, &laid.grids, laid.source))
}

/// What the first stages make of the bytes: lines of tokens, the ruled tables' grids (PDF
/// input), and what was read.
pub struct Laid {
    pub lines: Vec<layout::Line>,
    pub grids: Vec<grid::Grid>,
    pub source: model::Source,
}

/// bytes → decoded text or glyphs → lines and grids. `juesuan lines FILE` and
/// `juesuan grids FILE` print them.
pub fn layout_with(bytes: &[u8], limits: &Limits) -> Result<Laid, Error> {
    layout_observed(bytes, limits, &mut |_, _| {})
}

/// The lines of [`layout_with`], with what was read.
pub fn lines_with(bytes: &[u8], limits: &Limits) -> Result<(Vec<layout::Line>, model::Source), Error> {
    layout_with(bytes, limits).map(|l| (l.lines, l.source))
}

/// [`parse_observed`] on bytes the caller gives up: a PDF's bytes are shared with the
/// parser instead of copied (the browser's entry, where the file is the largest thing held).
pub fn parse_owned(bytes: Vec<u8>, limits: &Limits, on_page: &mut dyn FnMut(usize, usize)) -> Result<Report, Error> {
    let laid = match decode::sniff(&bytes) {
        decode::Format::Pdf if !blank(&bytes) => layout_pdf(std::sync::Arc::new(bytes), limits, on_page)?,
        _ => layout_observed(&bytes, limits, on_page)?,
    };
    Ok(recognize::recognize(&laid.lines, &laid.grids, laid.source))
}

fn blank(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| b.is_ascii_whitespace())
}

/// A PDF laid out page by page: each page's glyphs and rules are dropped once its lines and
/// grids are made, so no more than one page's glyphs are held at a time.
fn layout_pdf(
    bytes: std::sync::Arc<Vec<u8>>,
    limits: &Limits,
    on_page: &mut dyn FnMut(usize, usize),
) -> Result<Laid, Error> {
    let size = bytes.len();
    let (mut lines, mut grids) = (Vec::new(), Vec::new());
    let mut numbering = layout::Numbering::default();
    let pages = decode::pdf::read_each(bytes, limits, &mut |page, done, total| {
        lines.extend(layout::lines_of_page(&page, done, &mut numbering));
        grids.extend(grid::grids_of_page(&page, done));
        on_page(done, total);
    })?;
    let source = model::Source { format: "pdf".into(), encoding: None, bytes: size, lines: lines.len(), pages };
    Ok(Laid { lines, grids, source })
}

fn layout_observed(bytes: &[u8], limits: &Limits, on_page: &mut dyn FnMut(usize, usize)) -> Result<Laid, Error> {
    if blank(bytes) {
        return Err(Error::Empty);
    }
    match decode::sniff(bytes) {
        decode::Format::Pdf => {
            if bytes.len() > limits.max_bytes {
                return Err(Error::TooLarge { what: "bytes", limit: limits.max_bytes, actual: bytes.len() });
            }
            layout_pdf(std::sync::Arc::new(bytes.to_vec()), limits, on_page)
        }
        decode::Format::Text => {
            let decoded = decode::decode_text(bytes, limits)?;
            let lines = layout::lines_of_text(&decoded);
            let source = model::Source {
                format: "text".into(),
                encoding: Some(decoded.encoding.into()),
                bytes: bytes.len(),
                lines: decoded.text.lines().count(),
                pages: 0,
            };
            Ok(Laid { lines, grids: Vec::new(), source })
        }
    }
}
