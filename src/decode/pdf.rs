//! PDF bytes → glyphs with positions and ruling lines, page by page. Objects, streams, xref
//! and decryption with an empty user password come from `hayro-syntax`; this module
//! interprets the content streams' text operators (fonts, text and graphics state, form
//! XObjects), maps codes to Unicode through ToUnicode CMaps or the simple fonts' encodings,
//! and keeps the axis-aligned straight lines of the painted paths. Coordinates are in points
//! with the origin at the top left of the (rotated) page. Knows nothing of 决算 terms.

use std::collections::HashMap;

use hayro_syntax::content::ops::TypedInstruction;
use hayro_syntax::content::TypedIter;
use hayro_syntax::object::dict::keys;
use hayro_syntax::object::{Array, Dict, Name, Object, Stream};
use hayro_syntax::page::{Page, Resources};
use hayro_syntax::{LoadPdfError, Pdf};

use crate::error::{Error, Limits};

/// One glyph drawn on a page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// Its Unicode text: `text[start..end]` of the page.
    pub start: u32,
    pub end: u32,
    /// Left and right edge of its advance, baseline (y grows downwards), font size; points.
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
}

/// A straight, axis-aligned line drawn on a page, in the glyphs' coordinates (points, origin
/// top left, y down): a stroked segment, a side of a stroked or filled rectangle, or a thin
/// filled rectangle's centre line. Horizontal when `y0 == y1` (then `x0 < x1`), vertical when
/// `x0 == x1` (then `y0 < y1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// The glyphs and ruling lines of one page, each in drawing order.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    pub width: f32,
    pub height: f32,
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// Within the page box; painted paths only (clipping paths draw nothing).
    pub rules: Vec<Rule>,
}

impl PageText {
    pub fn glyph_text(&self, g: &Glyph) -> &str {
        &self.text[g.start as usize..g.end as usize]
    }
}

/// Reads every page's glyphs. Errors only for unreadable files: corrupt, encrypted, over
/// the limits, or without any text layer.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<PageText>, Error> {
    read_observed(bytes, limits, &mut |_, _| {})
}

/// [`read`], calling `on_page(done, total)` after each page (progress for the browser).
pub fn read_observed(
    bytes: &[u8],
    limits: &Limits,
    on_page: &mut dyn FnMut(usize, usize),
) -> Result<Vec<PageText>, Error> {
    if bytes.len() > limits.max_bytes {
        return Err(Error::TooLarge { what: "bytes", limit: limits.max_bytes, actual: bytes.len() });
    }
    check_streams(bytes, limits)?;
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(_) => Error::PdfEncrypted,
        LoadPdfError::Invalid => Error::PdfCorrupt,
    })?;
    let pages = pdf.pages();
    if pages.len() > limits.max_pages {
        return Err(Error::TooLarge { what: "pages", limit: limits.max_pages, actual: pages.len() });
    }
    if pages.is_empty() {
        return Err(Error::PdfCorrupt);
    }
    let mut reader = Reader {
        fonts: Vec::new(),
        font_index: HashMap::new(),
        operations: 0,
        max_operations: limits.max_operations,
        glyphs: 0,
        clipped: 0,
        max_glyphs: limits.max_glyphs,
        rules: 0,
        max_rules: limits.max_rules,
    };
    let mut out = Vec::with_capacity(pages.len());
    for page in pages.iter() {
        out.push(reader.page(page)?);
        on_page(out.len(), pages.len());
    }
    if out.iter().all(|p| p.glyphs.is_empty()) {
        return Err(Error::PdfNoText { pages: out.len() });
    }
    Ok(out)
}

/// A decompression bomb must not reach the parser: every Flate stream in the file is
/// inflated once into a small reused buffer, counting bytes, before anything else.
fn check_streams(bytes: &[u8], limits: &Limits) -> Result<(), Error> {
    use miniz_oxide::inflate::stream::{inflate, InflateState};
    use miniz_oxide::{DataFormat, MZFlush, MZStatus};
    let mut total = 0usize;
    let mut buf = vec![0u8; 64 * 1024];
    let mut state = InflateState::new_boxed(DataFormat::Zlib);
    let mut at = 0;
    while let Some(found) = find(&bytes[at..], b"stream") {
        let kw = at + found;
        at = kw + 6;
        // `endstream` contains `stream`; only a keyword after a dictionary starts data.
        let before = &bytes[kw.saturating_sub(2048)..kw];
        let Some(dict_end) = rfind(before, b">>") else { continue };
        if before[dict_end + 2..].iter().any(|b| !b.is_ascii_whitespace()) {
            continue;
        }
        let dict_start = rfind(&before[..dict_end], b"obj").unwrap_or(0);
        if find(&before[dict_start..dict_end], b"FlateDecode").is_none() {
            continue;
        }
        let mut data = at;
        while data < bytes.len() && matches!(bytes[data], b'\r' | b'\n') {
            data += 1;
        }
        state.reset(DataFormat::Zlib);
        let mut input = &bytes[data..];
        let mut stream_total = 0usize;
        loop {
            let r = inflate(&mut state, input, &mut buf, MZFlush::None);
            input = &input[r.bytes_consumed..];
            stream_total += r.bytes_written;
            if stream_total > limits.max_stream_bytes {
                return Err(Error::TooLarge {
                    what: "decompressed stream bytes",
                    limit: limits.max_stream_bytes,
                    actual: stream_total,
                });
            }
            match r.status {
                Ok(MZStatus::Ok) if r.bytes_consumed > 0 || r.bytes_written > 0 => {}
                _ => break,
            }
        }
        total += stream_total;
        if total > limits.max_decoded_bytes {
            return Err(Error::TooLarge { what: "decompressed bytes", limit: limits.max_decoded_bytes, actual: total });
        }
        at = data + (bytes.len() - data - input.len());
    }
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// A 2-D affine matrix `[a b c d e f]` in PDF's row-vector convention.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self` applied first, then `other`.
    fn then(&self, other: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn translate(x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }
}

/// What a font needs for text extraction: how codes are cut, what they mean, how wide they are.
#[derive(Debug, Default)]
struct Font {
    two_byte: bool,
    /// UCS-2 CMaps (UniGB-UCS2-H …): the code is the character.
    ucs2: bool,
    to_unicode: HashMap<u32, String>,
    /// Simple fonts without ToUnicode: code → character from the encoding.
    encoding: Option<[char; 256]>,
    widths: HashMap<u32, f32>,
    default_width: f32,
}

impl Font {
    fn width(&self, code: u32) -> f32 {
        self.widths.get(&code).copied().unwrap_or(self.default_width) / 1000.0
    }

    fn push_text(&self, code: u32, out: &mut String) {
        if let Some(s) = self.to_unicode.get(&code) {
            out.push_str(s);
        } else if self.ucs2 {
            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        } else if let Some(enc) = &self.encoding {
            out.push(enc[(code & 0xFF) as usize]);
        } else if !self.two_byte {
            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
        } else {
            out.push('\u{FFFD}');
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct TextState {
    font: Option<usize>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

#[derive(Debug, Clone, Copy)]
struct GState {
    ctm: Matrix,
    text: TextState,
    clip: Clip,
}

/// The clipping region, held as a box in page coordinates: `W`/`W*` paths and form
/// `/BBox`es intersect it. A rectangle's box is exact; for other shapes the bounding box of
/// the path's points (a curve by its end points, not its control points) is an
/// approximation, enough for the cell and form clips that hide text.
#[derive(Debug, Clone, Copy)]
struct Clip {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
}

/// How far (points) a glyph's centre may lie outside the clip and still be read.
const CLIP_TOLERANCE: f32 = 0.5;

impl Clip {
    const UNBOUNDED: Clip = Clip { x0: f32::NEG_INFINITY, y0: f32::NEG_INFINITY, x1: f32::INFINITY, y1: f32::INFINITY };

    /// The box around `points`, or `None` for no (finite) points.
    fn around(points: impl IntoIterator<Item = (f32, f32)>) -> Option<Clip> {
        let mut b = Clip { x0: f32::INFINITY, y0: f32::INFINITY, x1: f32::NEG_INFINITY, y1: f32::NEG_INFINITY };
        for (x, y) in points {
            if x.is_finite() && y.is_finite() {
                b = Clip { x0: b.x0.min(x), y0: b.y0.min(y), x1: b.x1.max(x), y1: b.y1.max(y) };
            }
        }
        (b.x0 <= b.x1 && b.y0 <= b.y1).then_some(b)
    }

    /// The overlap of two boxes; empty (`x0 > x1` or `y0 > y1`) when they do not meet.
    fn intersect(self, other: Clip) -> Clip {
        Clip {
            x0: self.x0.max(other.x0),
            y0: self.y0.max(other.y0),
            x1: self.x1.min(other.x1),
            y1: self.y1.min(other.y1),
        }
    }

    fn holds(&self, x: f32, y: f32) -> bool {
        x >= self.x0 - CLIP_TOLERANCE
            && x <= self.x1 + CLIP_TOLERANCE
            && y >= self.y0 - CLIP_TOLERANCE
            && y <= self.y1 + CLIP_TOLERANCE
    }
}

struct Reader {
    /// Fonts read so far, shared by all pages.
    fonts: Vec<Font>,
    /// Index into `fonts` by object (or, for direct dictionaries, by their bytes' address).
    font_index: HashMap<(u32, i32, usize), usize>,
    operations: usize,
    max_operations: usize,
    /// Glyphs of the pages finished so far.
    glyphs: usize,
    /// Glyphs drawn outside the clip and dropped, all pages: work done, counted to the limit.
    clipped: usize,
    max_glyphs: usize,
    /// Rules of the pages finished so far.
    rules: usize,
    max_rules: usize,
}

impl Reader {
    fn page(&mut self, page: &Page<'_>) -> Result<PageText, Error> {
        let (width, height) = page.render_dimensions();
        let base = page.initial_transform(true).as_coeffs().map(|v| v as f32);
        let mut out = PageText { width, height, ..PageText::default() };
        let state = GState {
            ctm: Matrix(base),
            text: TextState {
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            clip: Clip::UNBOUNDED,
        };
        if let Some(data) = page.page_stream() {
            self.run(data, page.resources(), state, &mut out, 0)?;
        }
        drop_fake_bold(&mut out);
        self.glyphs += out.glyphs.len();
        self.rules += out.rules.len();
        Ok(out)
    }

    fn font(&mut self, dict: &Dict<'_>) -> usize {
        let key = match dict.obj_id() {
            Some(id) => (id.obj_number, id.gen_number, 0),
            None => (u32::MAX, -1, dict.data().as_ptr() as usize),
        };
        if let Some(&i) = self.font_index.get(&key) {
            return i;
        }
        self.fonts.push(load_font(dict));
        self.font_index.insert(key, self.fonts.len() - 1);
        self.fonts.len() - 1
    }

    fn run(
        &mut self,
        data: &[u8],
        resources: &Resources<'_>,
        mut gs: GState,
        out: &mut PageText,
        depth: usize,
    ) -> Result<(), Error> {
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = Matrix::IDENTITY;
        let mut tlm = Matrix::IDENTITY;
        let mut path = Path::default();
        // after `W`/`W*`: the current path clips once it is painted or ended (`n`)
        let mut clip_pending = false;
        let mut ops = TypedIter::new(data);
        while let Some(op) = ops.next() {
            self.operations += 1;
            if self.operations > self.max_operations {
                return Err(Error::TooLarge {
                    what: "content operations",
                    limit: self.max_operations,
                    actual: self.operations,
                });
            }
            let glyphs = self.glyphs + self.clipped + out.glyphs.len();
            if glyphs > self.max_glyphs {
                return Err(Error::TooLarge { what: "glyphs", limit: self.max_glyphs, actual: glyphs });
            }
            if clip_pending && ends_path(&op) {
                clip_pending = false;
                if let Some(b) = Clip::around(path.points.iter().map(|p| (p.x, p.y))) {
                    gs.clip = gs.clip.intersect(b);
                }
            }
            let ts = &mut gs.text;
            match op {
                TypedInstruction::SaveState(_) if stack.len() < 256 => {
                    stack.push(gs);
                }
                TypedInstruction::RestoreState(_) => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                TypedInstruction::Transform(t) => {
                    let m = Matrix([t.0, t.1, t.2, t.3, t.4, t.5].map(|n| n.as_f32()));
                    gs.ctm = m.then(&gs.ctm);
                }
                TypedInstruction::BeginText(_) => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                TypedInstruction::TextFont(f) => {
                    ts.size = f.1.as_f32();
                    ts.font = resources.get_font(f.0).map(|d| self.font(&d));
                }
                TypedInstruction::CharacterSpacing(v) => ts.char_spacing = v.0.as_f32(),
                TypedInstruction::WordSpacing(v) => ts.word_spacing = v.0.as_f32(),
                TypedInstruction::HorizontalScaling(v) => ts.scale = v.0.as_f32() / 100.0,
                TypedInstruction::TextLeading(v) => ts.leading = v.0.as_f32(),
                TypedInstruction::TextRise(v) => ts.rise = v.0.as_f32(),
                TypedInstruction::NextLine(v) => {
                    tlm = Matrix::translate(v.0.as_f32(), v.1.as_f32()).then(&tlm);
                    tm = tlm;
                }
                TypedInstruction::NextLineAndSetLeading(v) => {
                    ts.leading = -v.1.as_f32();
                    tlm = Matrix::translate(v.0.as_f32(), v.1.as_f32()).then(&tlm);
                    tm = tlm;
                }
                TypedInstruction::SetTextMatrix(m) => {
                    tlm = Matrix([m.0, m.1, m.2, m.3, m.4, m.5].map(|n| n.as_f32()));
                    tm = tlm;
                }
                TypedInstruction::NextLineUsingLeading(_) => {
                    tlm = Matrix::translate(0.0, -ts.leading).then(&tlm);
                    tm = tlm;
                }
                TypedInstruction::ShowText(s) => {
                    show(s.0.as_bytes(), &gs, &mut tm, &self.fonts, out, &mut self.clipped)
                }
                TypedInstruction::NextLineAndShowText(s) => {
                    tlm = Matrix::translate(0.0, -ts.leading).then(&tlm);
                    tm = tlm;
                    show(s.0.as_bytes(), &gs, &mut tm, &self.fonts, out, &mut self.clipped);
                }
                TypedInstruction::ShowTextWithParameters(p) => {
                    ts.word_spacing = p.0.as_f32();
                    ts.char_spacing = p.1.as_f32();
                    tlm = Matrix::translate(0.0, -ts.leading).then(&tlm);
                    tm = tlm;
                    show(p.2.as_bytes(), &gs, &mut tm, &self.fonts, out, &mut self.clipped);
                }
                TypedInstruction::ShowTexts(arr) => {
                    show_array(arr.0, &gs, &mut tm, &self.fonts, out, &mut self.clipped)
                }
                TypedInstruction::MoveTo(p) => path.move_to(gs.ctm.point(p.0.as_f32(), p.1.as_f32())),
                TypedInstruction::LineTo(p) => path.line_to(gs.ctm.point(p.0.as_f32(), p.1.as_f32()), true),
                TypedInstruction::CubicTo(c) => path.line_to(gs.ctm.point(c.4.as_f32(), c.5.as_f32()), false),
                TypedInstruction::CubicStartTo(c) => path.line_to(gs.ctm.point(c.2.as_f32(), c.3.as_f32()), false),
                TypedInstruction::CubicEndTo(c) => path.line_to(gs.ctm.point(c.2.as_f32(), c.3.as_f32()), false),
                TypedInstruction::ClosePath(_) => path.close(),
                TypedInstruction::RectPath(r) => {
                    let [x, y, w, h] = [r.0, r.1, r.2, r.3].map(|n| n.as_f32());
                    path.move_to(gs.ctm.point(x, y));
                    path.line_to(gs.ctm.point(x + w, y), true);
                    path.line_to(gs.ctm.point(x + w, y + h), true);
                    path.line_to(gs.ctm.point(x, y + h), true);
                    path.close();
                }
                TypedInstruction::StrokePath(_) => self.paint(&mut path, Paint::Stroke, out)?,
                TypedInstruction::CloseAndStrokePath(_) => {
                    path.close();
                    self.paint(&mut path, Paint::Stroke, out)?;
                }
                TypedInstruction::FillPathNonZero(_)
                | TypedInstruction::FillPathNonZeroCompatibility(_)
                | TypedInstruction::FillPathEvenOdd(_) => self.paint(&mut path, Paint::Fill, out)?,
                TypedInstruction::FillAndStrokeNonZero(_) | TypedInstruction::FillAndStrokeEvenOdd(_) => {
                    self.paint(&mut path, Paint::FillAndStroke, out)?
                }
                TypedInstruction::CloseFillAndStrokeNonZero(_) | TypedInstruction::CloseFillAndStrokeEvenOdd(_) => {
                    path.close();
                    self.paint(&mut path, Paint::FillAndStroke, out)?;
                }
                TypedInstruction::ClipNonZero(_) | TypedInstruction::ClipEvenOdd(_) => clip_pending = true,
                TypedInstruction::EndPath(_) => path.clear(),
                TypedInstruction::XObject(name) if depth < 8 => {
                    let Some(form) = resources.get_x_object(name.0) else { continue };
                    self.form(&form, resources, gs, out, depth)?;
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Paints the current path: its axis-aligned straight pieces become rules, and it is
    /// cleared. A filled rectangle gives its sides, or its centre line when at most
    /// [`THIN_FILL`] across; a stroked path each horizontal or vertical segment.
    fn paint(&self, path: &mut Path, paint: Paint, out: &mut PageText) -> Result<(), Error> {
        let (fill, stroke) = match paint {
            Paint::Stroke => (false, true),
            Paint::Fill => (true, false),
            Paint::FillAndStroke => (true, true),
        };
        let (width, height) = (out.width, out.height);
        let emit = |rules: &mut Vec<Rule>, a: (f32, f32), b: (f32, f32)| -> Result<(), Error> {
            let Some(rule) = rule_between(a, b, width, height) else { return Ok(()) };
            let actual = self.rules + rules.len() + 1;
            if actual > self.max_rules {
                return Err(Error::TooLarge { what: "ruling segments", limit: self.max_rules, actual });
            }
            rules.push(rule);
            Ok(())
        };
        for (points, closed) in path.subpaths() {
            if fill {
                // a thin straight-sided fill that is no exact rectangle (a border drawn as a
                // long quadrilateral with mitred ends) is a rule along its middle too
                // a thin fill's rule: along the middle of its longer side
                let centre = |rules: &mut Vec<Rule>, (x0, y0, x1, y1): (f32, f32, f32, f32)| {
                    if x1 - x0 >= y1 - y0 {
                        emit(rules, (x0, (y0 + y1) / 2.0), (x1, (y0 + y1) / 2.0))
                    } else {
                        emit(rules, ((x0 + x1) / 2.0, y0), ((x0 + x1) / 2.0, y1))
                    }
                };
                let thin = rectangle(points).is_none().then(|| thin_polygon(points)).flatten();
                if let Some(bounds) = thin {
                    centre(&mut out.rules, bounds)?;
                    continue;
                }
                if let Some((x0, y0, x1, y1)) = rectangle(points) {
                    if (x1 - x0).min(y1 - y0) <= THIN_FILL {
                        centre(&mut out.rules, (x0, y0, x1, y1))?;
                    } else {
                        emit(&mut out.rules, (x0, y0), (x1, y0))?;
                        emit(&mut out.rules, (x1, y0), (x1, y1))?;
                        emit(&mut out.rules, (x0, y1), (x1, y1))?;
                        emit(&mut out.rules, (x0, y0), (x0, y1))?;
                    }
                    continue;
                }
            }
            if stroke {
                for pair in points.windows(2) {
                    if pair[1].straight {
                        emit(&mut out.rules, (pair[0].x, pair[0].y), (pair[1].x, pair[1].y))?;
                    }
                }
                if let (true, [first, .., last]) = (closed, points) {
                    emit(&mut out.rules, (last.x, last.y), (first.x, first.y))?;
                }
            }
        }
        path.clear();
        Ok(())
    }

    fn form(
        &mut self,
        form: &Stream<'_>,
        parent: &Resources<'_>,
        gs: GState,
        out: &mut PageText,
        depth: usize,
    ) -> Result<(), Error> {
        let dict = form.dict();
        if dict.get::<Name<'_>>(keys::SUBTYPE).is_none_or(|n| n.as_ref() != b"Form") {
            return Ok(());
        }
        let Ok(data) = form.decoded() else { return Ok(()) };
        let matrix = dict
            .get::<Array<'_>>(keys::MATRIX)
            .and_then(|a| {
                let v: Vec<f32> = a.iter::<f32>().collect();
                (v.len() == 6).then(|| Matrix([v[0], v[1], v[2], v[3], v[4], v[5]]))
            })
            .unwrap_or(Matrix::IDENTITY);
        let mut inner = gs;
        inner.ctm = matrix.then(&gs.ctm);
        let bbox: Vec<f32> = dict.get::<Array<'_>>(keys::BBOX).map(|a| a.iter::<f32>().collect()).unwrap_or_default();
        if let [x0, y0, x1, y1] = bbox[..] {
            let corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)].map(|(x, y)| inner.ctm.point(x, y));
            if let Some(b) = Clip::around(corners) {
                inner.clip = inner.clip.intersect(b);
            }
        }
        let own = dict.get::<Dict<'_>>(keys::RESOURCES).map(Resources::new);
        let resources = own.as_ref().unwrap_or(parent);
        self.run(&data, resources, inner, out, depth + 1)
    }
}

/// Filled rectangles at most this wide or high (points) are drawn lines: one rule each.
const THIN_FILL: f32 = 3.0;
/// How far (points) a segment's ends may differ across it and still be a rule.
const AXIS_TOLERANCE: f32 = 0.5;
/// Most points one path holds; further points are ignored.
const MAX_PATH_POINTS: usize = 100_000;

#[derive(Debug, Clone, Copy)]
enum Paint {
    Stroke,
    Fill,
    FillAndStroke,
}

/// A point of the current path in page coordinates; `straight` when the piece ending here
/// is a line (not for a subpath's first point, nor the end of a curve).
#[derive(Debug, Clone, Copy)]
struct PathPoint {
    x: f32,
    y: f32,
    straight: bool,
}

/// The current path: its points in one list, its subpaths as (first point, closed). One
/// allocation reused over the page, however many small paths it paints.
#[derive(Debug, Default)]
struct Path {
    points: Vec<PathPoint>,
    subpaths: Vec<(usize, bool)>,
    /// Where the next piece starts: the last point, or after `h` its subpath's first.
    current: Option<(f32, f32)>,
}

impl Path {
    fn move_to(&mut self, (x, y): (f32, f32)) {
        self.current = Some((x, y));
        // `m m`: the second replaces the first
        if let Some(&(start, false)) = self.subpaths.last() {
            if start + 1 == self.points.len() {
                self.points[start] = PathPoint { x, y, straight: false };
                return;
            }
        }
        if self.points.len() < MAX_PATH_POINTS {
            self.subpaths.push((self.points.len(), false));
            self.points.push(PathPoint { x, y, straight: false });
        }
    }

    fn line_to(&mut self, (x, y): (f32, f32), straight: bool) {
        let open = matches!(self.subpaths.last(), Some(&(_, false)));
        match self.current {
            // after `h` (or `re`) a piece starts a new subpath where the last one began
            Some(at) if !open => self.move_to(at),
            Some(_) => {}
            // no current point: a malformed path, read as if it started here
            None => return self.move_to((x, y)),
        }
        self.current = Some((x, y));
        if self.points.len() < MAX_PATH_POINTS {
            self.points.push(PathPoint { x, y, straight });
        }
    }

    fn close(&mut self) {
        if let Some(last) = self.subpaths.last_mut() {
            if !last.1 {
                last.1 = true;
                let p = self.points[last.0];
                self.current = Some((p.x, p.y));
            }
        }
    }

    fn clear(&mut self) {
        self.points.clear();
        self.subpaths.clear();
        self.current = None;
    }

    /// Each subpath's points and whether it is closed.
    fn subpaths(&self) -> impl Iterator<Item = (&[PathPoint], bool)> + '_ {
        self.subpaths.iter().enumerate().map(|(i, &(start, closed))| {
            let end = self.subpaths.get(i + 1).map_or(self.points.len(), |s| s.0);
            (&self.points[start..end], closed)
        })
    }
}

/// The rule from `a` to `b` if the segment is horizontal or vertical within
/// [`AXIS_TOLERANCE`] (snapped to its mean coordinate), not of zero length and not entirely
/// more than a point outside the page; clipped to the page.
fn rule_between(a: (f32, f32), b: (f32, f32), width: f32, height: f32) -> Option<Rule> {
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if !(dx.is_finite() && dy.is_finite()) || (dx == 0.0 && dy == 0.0) {
        return None;
    }
    let inside = |v: f32, max: f32| (-1.0..=max + 1.0).contains(&v);
    if dy <= AXIS_TOLERANCE && dx >= dy {
        let y = (a.1 + b.1) / 2.0;
        let (x0, x1) = (a.0.min(b.0).max(0.0), a.0.max(b.0).min(width));
        (inside(y, height) && x0 < x1).then(|| {
            let y = y.clamp(0.0, height);
            Rule { x0, y0: y, x1, y1: y }
        })
    } else if dx <= AXIS_TOLERANCE {
        let x = (a.0 + b.0) / 2.0;
        let (y0, y1) = (a.1.min(b.1).max(0.0), a.1.max(b.1).min(height));
        (inside(x, width) && y0 < y1).then(|| {
            let x = x.clamp(0.0, width);
            Rule { x0: x, y0, x1: x, y1 }
        })
    } else {
        None
    }
}

/// The bounds `(x0, y0, x1, y1)` of a subpath that is an axis-aligned rectangle: four
/// corners joined by straight sides (a repeated corner and the closing point aside), each
/// side horizontal or vertical within [`AXIS_TOLERANCE`]. Filling closes any subpath.
fn rectangle(points: &[PathPoint]) -> Option<(f32, f32, f32, f32)> {
    if !(4..=6).contains(&points.len()) || points[1..].iter().any(|p| !p.straight) {
        return None;
    }
    let same = |a: &PathPoint, b: &PathPoint| a.x == b.x && a.y == b.y;
    let mut corners = [points[0]; 4];
    let mut n = 0;
    for p in points {
        if n > 0 && same(&corners[n - 1], p) {
            continue;
        }
        if n == 4 {
            if same(&corners[0], p) {
                continue;
            }
            return None;
        }
        corners[n] = *p;
        n += 1;
    }
    if n != 4 {
        return None;
    }
    let level = |a: &PathPoint, b: &PathPoint| (a.y - b.y).abs() <= AXIS_TOLERANCE;
    let plumb = |a: &PathPoint, b: &PathPoint| (a.x - b.x).abs() <= AXIS_TOLERANCE;
    let [a, b, c, d] = &corners;
    let sides = (level(a, b) && plumb(b, c) && level(c, d) && plumb(d, a))
        || (plumb(a, b) && level(b, c) && plumb(c, d) && level(d, a));
    let (x0, x1) = (a.x.min(b.x).min(c.x).min(d.x), a.x.max(b.x).max(c.x).max(d.x));
    let (y0, y1) = (a.y.min(b.y).min(c.y).min(d.y), a.y.max(b.y).max(c.y).max(d.y));
    (sides && x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite()).then_some((x0, y0, x1, y1))
}

/// The bounds of a filled subpath of straight sides (at most 8 points) that is thin: at
/// most [`THIN_FILL`] across and at least four times as long.
fn thin_polygon(points: &[PathPoint]) -> Option<(f32, f32, f32, f32)> {
    if !(3..=8).contains(&points.len()) || points[1..].iter().any(|p| !p.straight) {
        return None;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in points {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    let (w, h) = (x1 - x0, y1 - y0);
    let thin = w.min(h) <= THIN_FILL && w.max(h) >= 4.0 * THIN_FILL.max(w.min(h));
    (thin && w.is_finite() && h.is_finite()).then_some((x0, y0, x1, y1))
}

/// Whether `op` paints or ends the current path (where a pending clip takes effect).
fn ends_path(op: &TypedInstruction<'_, '_>) -> bool {
    matches!(
        op,
        TypedInstruction::StrokePath(_)
            | TypedInstruction::CloseAndStrokePath(_)
            | TypedInstruction::FillPathNonZero(_)
            | TypedInstruction::FillPathNonZeroCompatibility(_)
            | TypedInstruction::FillPathEvenOdd(_)
            | TypedInstruction::FillAndStrokeNonZero(_)
            | TypedInstruction::FillAndStrokeEvenOdd(_)
            | TypedInstruction::CloseFillAndStrokeNonZero(_)
            | TypedInstruction::CloseFillAndStrokeEvenOdd(_)
            | TypedInstruction::EndPath(_)
    )
}

fn show_array(arr: &Array<'_>, gs: &GState, tm: &mut Matrix, fonts: &[Font], out: &mut PageText, clipped: &mut usize) {
    for item in arr.iter::<Object<'_>>() {
        match item {
            Object::String(s) => show(s.as_bytes(), gs, tm, fonts, out, clipped),
            Object::Number(n) => {
                let ts = &gs.text;
                let tx = -n.as_f32() / 1000.0 * ts.size * ts.scale;
                *tm = Matrix::translate(tx, 0.0).then(tm);
            }
            _ => {}
        }
    }
}

/// Draws a string: one glyph per code, advancing the text matrix. A glyph whose centre
/// (half its advance, 0.3 of its size above the baseline) lies outside the clip is not
/// visible: it is dropped and counted in `clipped`.
fn show(bytes: &[u8], gs: &GState, tm: &mut Matrix, fonts: &[Font], out: &mut PageText, clipped: &mut usize) {
    let ts = &gs.text;
    let Some(font) = ts.font.and_then(|i| fonts.get(i)) else { return };
    let step = if font.two_byte { 2 } else { 1 };
    for chunk in bytes.chunks(step) {
        let code = chunk.iter().fold(0u32, |acc, &b| (acc << 8) | b as u32);
        let w0 = font.width(code);
        let trm = Matrix([ts.size * ts.scale, 0.0, 0.0, ts.size, 0.0, ts.rise]).then(tm).then(&gs.ctm);
        let (x0, y) = trm.point(0.0, 0.0);
        let (x1, y1) = trm.point(w0, 0.0);
        let size = (trm.0[2] * trm.0[2] + trm.0[3] * trm.0[3]).sqrt();
        // Only horizontal text is read; rotated stamps and watermarks are skipped.
        let horizontal = (y1 - y).abs() <= 0.2 * (x1 - x0).abs().max(0.01) && trm.0[0] > 0.0;
        if horizontal && size > 0.0 && !gs.clip.holds((x0 + x1) / 2.0, y - 0.3 * size) {
            *clipped += 1;
        } else if horizontal && size > 0.0 {
            let start = out.text.len() as u32;
            font.push_text(code, &mut out.text);
            let end = out.text.len() as u32;
            if end > start {
                out.glyphs.push(Glyph { start, end, x0, x1, y, size });
            }
        }
        let spacing = if step == 1 && code == 32 { ts.word_spacing } else { 0.0 };
        let tx = (w0 * ts.size + ts.char_spacing + spacing) * ts.scale;
        *tm = Matrix::translate(tx, 0.0).then(tm);
    }
}

/// Word processors fake bold by drawing each glyph twice, slightly offset: the second copy
/// of the same text within a fraction of the font size is dropped.
fn drop_fake_bold(page: &mut PageText) {
    let glyphs = std::mem::take(&mut page.glyphs);
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let near = 0.15 * g.size;
        let text = &page.text[g.start as usize..g.end as usize];
        let duplicate = kept.iter().rev().take(64).any(|k| {
            (k.x0 - g.x0).abs() < near
                && (k.y - g.y).abs() < near
                && &page.text[k.start as usize..k.end as usize] == text
        });
        if !duplicate {
            kept.push(g);
        }
    }
    page.glyphs = kept;
}

fn load_font(dict: &Dict<'_>) -> Font {
    let subtype = dict.get::<Name<'_>>(keys::SUBTYPE);
    let is_type0 = subtype.as_ref().is_some_and(|n| n.as_ref() == b"Type0");
    let mut font = Font::default();
    if let Some(Ok(data)) = dict.get::<Stream<'_>>(keys::TO_UNICODE).map(|s| s.decoded()) {
        font.to_unicode = parse_cmap(&data);
    }
    if is_type0 {
        font.two_byte = true;
        if let Some(enc) = dict.get::<Name<'_>>(keys::ENCODING) {
            font.ucs2 = enc.as_str().contains("UCS2") || enc.as_str().contains("UTF16");
        }
        font.default_width = 1000.0;
        if let Some(desc) = dict.get::<Array<'_>>(keys::DESCENDANT_FONTS).and_then(|a| a.iter::<Dict<'_>>().next()) {
            if let Some(dw) = desc.get::<f32>(keys::DW) {
                font.default_width = dw;
            }
            if let Some(w) = desc.get::<Array<'_>>(keys::W) {
                font.widths = cid_widths(&w);
            }
        }
    } else {
        let first = dict.get::<f32>(keys::FIRST_CHAR).unwrap_or(0.0) as u32;
        if let Some(w) = dict.get::<Array<'_>>(keys::WIDTHS) {
            for (i, v) in w.iter::<f32>().enumerate().take(256) {
                font.widths.insert(first + i as u32, v);
            }
        }
        font.default_width = dict
            .get::<Dict<'_>>(keys::FONT_DESC)
            .and_then(|d| d.get::<f32>(keys::MISSING_WIDTH))
            .filter(|w| *w > 0.0)
            .unwrap_or(500.0);
        font.encoding = Some(simple_encoding(dict));
    }
    font
}

/// `W` array: `c [w1 w2 …]` or `c_first c_last w`.
fn cid_widths(w: &Array<'_>) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let items: Vec<Object<'_>> = w.iter::<Object<'_>>().take(200_000).collect();
    let mut i = 0;
    while i < items.len() {
        let Object::Number(first) = &items[i] else { break };
        let first = first.as_f32().max(0.0) as u32;
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter::<f32>().enumerate().take(65_536) {
                    out.insert(first + k as u32, v);
                }
                i += 2;
            }
            Some(Object::Number(last)) => {
                let last = (last.as_f32().max(0.0) as u32).min(first.saturating_add(65_535));
                if let Some(Object::Number(v)) = items.get(i + 2) {
                    for c in first..=last {
                        out.insert(c, v.as_f32());
                    }
                }
                i += 3;
            }
            _ => break,
        }
    }
    out
}

/// WinAnsi (the usual encoding of simple fonts) with `Differences` applied where their
/// glyph names say what they are.
fn simple_encoding(dict: &Dict<'_>) -> [char; 256] {
    let mut table = [char::REPLACEMENT_CHARACTER; 256];
    for (i, c) in table.iter_mut().enumerate() {
        *c = match i {
            0x20..=0x7E | 0xA0..=0xFF => char::from_u32(i as u32).unwrap_or('\u{FFFD}'),
            0x91 => '‘',
            0x92 => '’',
            0x93 => '“',
            0x94 => '”',
            0x95 => '•',
            0x96 => '–',
            0x97 => '—',
            0x80 => '€',
            _ => ' ',
        };
    }
    if let Some(diff) = dict.get::<Dict<'_>>(keys::ENCODING).and_then(|e| e.get::<Array<'_>>(keys::DIFFERENCES)) {
        let mut code = 0usize;
        for item in diff.iter::<Object<'_>>() {
            match item {
                Object::Number(n) => code = n.as_f32().max(0.0) as usize,
                Object::Name(name) => {
                    if let (Some(slot), Some(c)) = (table.get_mut(code), glyph_name_char(name.as_str())) {
                        *slot = c;
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
}

fn glyph_name_char(name: &str) -> Option<char> {
    const NAMES: [(&str, char); 16] = [
        ("space", ' '),
        ("period", '.'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '-'),
        ("percent", '%'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
    ];
    if let Some(hex) = name.strip_prefix("uni").filter(|h| h.len() == 4) {
        return u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
    }
    if name.chars().count() == 1 {
        return name.chars().next();
    }
    match name {
        "eight" => Some('8'),
        "nine" => Some('9'),
        _ => NAMES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c),
    }
}

/// `bfchar` and `bfrange` entries of a ToUnicode CMap.
fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let mut out = HashMap::new();
    let tokens = cmap_tokens(data);
    let mut i = 0;
    let hex_code = |h: &[u8]| h.iter().take(4).fold(0u32, |acc, &b| (acc << 8) | b as u32);
    while i < tokens.len() {
        match tokens[i] {
            CmapToken::Keyword(b"beginbfchar") => {
                i += 1;
                while let (Some(CmapToken::Hex(src)), Some(CmapToken::Hex(dst))) = (tokens.get(i), tokens.get(i + 1)) {
                    out.insert(hex_code(src), utf16be(dst));
                    i += 2;
                }
            }
            CmapToken::Keyword(b"beginbfrange") => {
                i += 1;
                while let (Some(CmapToken::Hex(lo)), Some(CmapToken::Hex(hi))) = (tokens.get(i), tokens.get(i + 1)) {
                    let (lo, hi) = (hex_code(lo), hex_code(hi));
                    let hi = hi.min(lo.saturating_add(65_535));
                    match tokens.get(i + 2) {
                        Some(CmapToken::Hex(dst)) => {
                            let base = utf16be(dst);
                            let mut chars: Vec<char> = base.chars().collect();
                            for code in lo..=hi {
                                out.insert(code, chars.iter().collect());
                                if let Some(last) = chars.last_mut() {
                                    *last = char::from_u32(*last as u32 + 1).unwrap_or('\u{FFFD}');
                                }
                            }
                            i += 3;
                        }
                        Some(CmapToken::Open) => {
                            let mut k = i + 3;
                            let mut code = lo;
                            while let Some(CmapToken::Hex(dst)) = tokens.get(k) {
                                if code <= hi {
                                    out.insert(code, utf16be(dst));
                                }
                                code += 1;
                                k += 1;
                            }
                            i = k + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    out
}

enum CmapToken<'a> {
    Hex(Vec<u8>),
    Open,
    Keyword(&'a [u8]),
}

fn cmap_tokens(data: &[u8]) -> Vec<CmapToken<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        match data[i] {
            b'<' if data.get(i + 1) != Some(&b'<') => {
                let end = data[i..].iter().position(|&b| b == b'>').map_or(data.len(), |p| i + p);
                let digits: Vec<u8> =
                    data[i + 1..end].iter().filter_map(|b| (*b as char).to_digit(16).map(|d| d as u8)).collect();
                let bytes = digits.chunks(2).map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0)).collect();
                out.push(CmapToken::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(CmapToken::Open);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b if b.is_ascii_alphabetic() => {
                let start = i;
                while i < data.len() && data[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                out.push(CmapToken::Keyword(&data[start..i]));
            }
            _ => i += 1,
        }
    }
    out
}

fn utf16be(bytes: &[u8]) -> String {
    let units = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]));
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_ranges_and_chars() {
        let cmap = b"2 beginbfchar\n<0003> <0020>\n<00B1> <5408>\nendbfchar\n1 beginbfrange\n<0010> <0012> <0030>\n<0020> <0021> [<4E00> <4E8C>]\nendbfrange";
        let m = parse_cmap(cmap);
        assert_eq!(m[&0x03], " ");
        assert_eq!(m[&0xB1], "合");
        assert_eq!(m[&0x12], "2");
        assert_eq!(m[&0x21], "二");
    }

    fn pt(x: f32, y: f32, straight: bool) -> PathPoint {
        PathPoint { x, y, straight }
    }

    #[test]
    fn segments_become_rules_when_level_or_plumb() {
        let r = |a, b| rule_between(a, b, 600.0, 800.0);
        assert_eq!(r((300.0, 10.4), (50.0, 10.0)), Some(Rule { x0: 50.0, y0: 10.2, x1: 300.0, y1: 10.2 }));
        assert_eq!(r((5.0, 90.0), (5.0, 20.0)), Some(Rule { x0: 5.0, y0: 20.0, x1: 5.0, y1: 90.0 }));
        assert_eq!(r((0.0, 0.0), (100.0, 0.6)), None, "0.6 pt out of level is diagonal");
        assert_eq!(r((7.0, 7.0), (7.0, 7.0)), None, "zero length");
        assert_eq!(r((-50.0, 800.6), (700.0, 801.0)), Some(Rule { x0: 0.0, y0: 800.0, x1: 600.0, y1: 800.0 }));
        assert_eq!(r((-50.0, -1.5), (700.0, -1.5)), None, "more than a point above the page");
        assert_eq!(r((601.5, 0.0), (601.5, 50.0)), None, "right of the page");
        assert_eq!(r((f32::NAN, 1.0), (5.0, 1.0)), None);
        assert_eq!(r((f32::INFINITY, 1.0), (5.0, 1.0)), None);
    }

    #[test]
    fn thin_quadrilaterals_are_rules() {
        let pt = |x: f32, y: f32| PathPoint { x, y, straight: true };
        // a border with mitred ends (Guangdong platform output): no rectangle, a rule
        let mitred = [
            PathPoint { straight: false, ..pt(798.0, 493.13) },
            pt(42.0, 493.13),
            pt(42.0, 493.88),
            pt(797.25, 493.88),
        ];
        assert_eq!(rectangle(&mitred), None);
        assert_eq!(thin_polygon(&mitred), Some((42.0, 493.13, 798.0, 493.88)));
        let square = [PathPoint { straight: false, ..pt(0.0, 0.0) }, pt(2.0, 0.0), pt(2.0, 2.0), pt(0.0, 2.5)];
        assert_eq!(thin_polygon(&square), None, "a dot is no rule");
    }

    #[test]
    fn rectangles_are_four_level_and_plumb_sides() {
        let rect = [pt(10.0, 10.0, false), pt(50.0, 10.0, true), pt(50.0, 12.0, true), pt(10.0, 12.0, true)];
        assert_eq!(rectangle(&rect), Some((10.0, 10.0, 50.0, 12.0)));
        // drawn with `m l l l l`, back to the start, and a point repeated
        let mut closed = rect.to_vec();
        closed.insert(2, closed[1]);
        closed.push(pt(10.0, 10.0, true));
        assert_eq!(rectangle(&closed), Some((10.0, 10.0, 50.0, 12.0)));
        // started on a vertical side
        let turned = [pt(10.0, 10.0, false), pt(10.0, 40.0, true), pt(60.0, 40.0, true), pt(60.0, 10.0, true)];
        assert_eq!(rectangle(&turned), Some((10.0, 10.0, 60.0, 40.0)));
        let mut curved = rect;
        curved[2].straight = false;
        assert_eq!(rectangle(&curved), None);
        let skewed = [pt(10.0, 10.0, false), pt(50.0, 10.0, true), pt(55.0, 30.0, true), pt(15.0, 30.0, true)];
        assert_eq!(rectangle(&skewed), None);
        assert_eq!(rectangle(&rect[..3]), None);
        assert_eq!(rectangle(&rect[..1]), None);
    }

    #[test]
    fn path_subpaths_close_and_cap() {
        let mut path = Path::default();
        path.move_to((1.0, 1.0));
        path.move_to((2.0, 2.0)); // replaces the lone point
        path.line_to((3.0, 2.0), true);
        path.close();
        path.line_to((2.0, 5.0), true); // a new subpath from (2, 2)
        let subpaths: Vec<(Vec<(f32, f32)>, bool)> =
            path.subpaths().map(|(p, closed)| (p.iter().map(|p| (p.x, p.y)).collect(), closed)).collect();
        assert_eq!(subpaths, [(vec![(2.0, 2.0), (3.0, 2.0)], true), (vec![(2.0, 2.0), (2.0, 5.0)], false)]);
        for i in 0..2 * MAX_PATH_POINTS {
            path.line_to((i as f32, 0.0), true);
            path.move_to((i as f32, 1.0));
        }
        assert_eq!(path.points.len(), MAX_PATH_POINTS);
        path.clear();
        assert!(path.subpaths().next().is_none());
        path.line_to((4.0, 4.0), true); // no current point: starts there
        assert_eq!(path.points.len(), 1);
    }

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix::translate(10.0, 0.0);
        assert_eq!(scale.then(&shift).point(1.0, 0.0), (12.0, 0.0));
        assert_eq!(shift.then(&scale).point(1.0, 0.0), (22.0, 0.0));
    }
}
