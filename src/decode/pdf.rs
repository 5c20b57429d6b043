//! PDF bytes → glyphs with positions and ruling lines, page by page. Objects, xref and
//! decryption with an empty user password come from `hayro-syntax` (after
//! [`filters::prescan`] has bounded what it decodes and walks on its own); every stream
//! this module reads — page contents, forms, ToUnicode CMaps, never fonts or images — goes
//! through the bounded decoder of [`filters`], once per document (cached by object; a
//! page's own content dropped after its page). It interprets the content streams' text
//! operators as [`super::content`] lexes them (fonts, text and graphics state, form XObjects), maps codes to Unicode through
//! ToUnicode CMaps or the simple fonts' encodings, and keeps the axis-aligned straight
//! lines of the painted paths. Glyphs, operations, rules, `/W` entries and CMap entries are
//! counted against their limits as they are made. Coordinates are in points with the origin
//! at the top left of the (rotated) page. Knows nothing of 决算 terms.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::codemap::CodeMap;
use super::content::{Lexer, Op, TextItem};

use hayro_syntax::object::dict::keys;
use hayro_syntax::object::{Array, Dict, Name, Object, ObjectIdentifier, Stream};
use hayro_syntax::page::{Page, Resources};
use hayro_syntax::{LoadPdfError, Pdf};

use super::filters::{self, Budget};
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
    let mut out = Vec::new();
    read_each(Arc::new(bytes.to_vec()), limits, &mut |page, done, total| {
        out.push(page);
        on_page(done, total);
    })?;
    Ok(out)
}

/// Reads the pages one at a time, handing each to `each(page, done, total)` as soon as it is
/// read, so that a caller that lays a page out and drops it never holds the glyphs of more
/// than one page. The bytes are shared with the parser (`hayro-syntax` keeps its own
/// reference), never copied. Returns the number of pages.
pub fn read_each(
    bytes: Arc<Vec<u8>>,
    limits: &Limits,
    each: &mut dyn FnMut(PageText, usize, usize),
) -> Result<usize, Error> {
    if bytes.len() > limits.max_bytes {
        return Err(Error::TooLarge { what: "bytes", limit: limits.max_bytes, actual: bytes.len() });
    }
    let mut budget = Budget::new(limits);
    filters::prescan(&bytes, &mut budget, limits.max_pages)?;
    let pdf = Pdf::new(bytes.clone()).map_err(|e| match e {
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
        font_names: HashMap::new(),
        budget,
        streams: HashMap::new(),
        cached_bytes: 0,
        seen_contents: Default::default(),
        cmaps: HashMap::new(),
        font_entries: 0,
        operations: 0,
        max_operations: limits.max_operations,
        glyphs: 0,
        clipped: 0,
        max_glyphs: limits.max_glyphs,
        rules: 0,
        max_rules: limits.max_rules,
        last_page: (0, 0, 0),
    };
    let total = pages.len();
    let mut any_text = false;
    for (i, page) in pages.iter().enumerate() {
        let text = reader.page(page)?;
        any_text |= !text.glyphs.is_empty();
        each(text, i + 1, total);
    }
    if !any_text {
        return Err(Error::PdfNoText { pages: total });
    }
    Ok(total)
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
    /// Shared by the fonts that name the same ToUnicode stream.
    to_unicode: Rc<CodeMap<String>>,
    /// Simple fonts without ToUnicode: code → character from the encoding.
    encoding: Option<[char; 256]>,
    widths: CodeMap<f32>,
    default_width: f32,
}

impl Font {
    fn width(&self, code: u32) -> f32 {
        self.widths.get(code).map_or(self.default_width, |(w, _)| *w) / 1000.0
    }

    fn push_text(&self, code: u32, out: &mut String) {
        if unicode_of(&self.to_unicode, code, out) {
            return;
        }
        if self.ucs2 {
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

/// What a font is known by: its object, or a direct dictionary's bytes (their address
/// and length: each direct dictionary is its own font, wherever it is written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Object(ObjectIdentifier),
    Direct(usize, usize),
}

/// One `/Font` dictionary's names looked up so far, each with its font (`None`: no font).
type FontNames = Vec<(Vec<u8>, Option<usize>)>;

/// Decoded streams kept for reuse (forms, page contents used twice) up to this many bytes.
const STREAM_CACHE_BYTES: usize = 8 * 1024 * 1024;
/// Most entries one font's `/W` array or one ToUnicode CMap may define (overwrites
/// included): two-byte codes have 65,536 values.
const MAX_FONT_CODES: usize = 4 * 65_536;
/// Most UTF-16 bytes one CMap entry maps a code to (a ligature is a few characters).
const MAX_CMAP_TEXT: usize = 64;
/// Most width and CMap entries all the fonts of a document hold together: a real CJK
/// subset font has a few thousand; 200 fonts of 262,144 entries each once took 1.5 GB.
const MAX_DOCUMENT_FONT_ENTRIES: usize = 4_000_000;

struct Reader {
    /// Fonts read so far, shared by all pages.
    fonts: Vec<Font>,
    /// Index into `fonts` by object or direct dictionary.
    font_index: HashMap<FontKey, usize>,
    /// Fonts by resource name, per `/Font` dictionary (by its bytes' address): `Tf` looks a
    /// name up here before going through the objects.
    font_names: HashMap<usize, FontNames>,
    /// The decompressed bytes of the document, counted once per use of a stream.
    budget: Budget,
    /// Decoded streams by object, each decoded once; up to [`STREAM_CACHE_BYTES`].
    streams: HashMap<ObjectIdentifier, Rc<Vec<u8>>>,
    cached_bytes: usize,
    /// Page content streams decoded once and not kept: kept when a second page uses them.
    seen_contents: rustc_hash::FxHashSet<ObjectIdentifier>,
    /// Parsed ToUnicode CMaps by object: fonts sharing one parse it once.
    cmaps: HashMap<ObjectIdentifier, Rc<CodeMap<String>>>,
    /// Entries of the fonts' width maps and ToUnicode CMaps read so far, all fonts:
    /// against [`MAX_DOCUMENT_FONT_ENTRIES`].
    font_entries: usize,
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
    /// The last page's text, glyph and rule counts: the next page's buffers start at that
    /// size (pages of one document are alike; growing each from empty cost a copy a step).
    last_page: (usize, usize, usize),
}

impl Reader {
    fn page(&mut self, page: &Page<'_>) -> Result<PageText, Error> {
        let (width, height) = page.render_dimensions();
        let base = page.initial_transform(true).as_coeffs().map(|v| v as f32);
        // at most a usual page's worth: a huge page does not make every later one reserve as much
        let (text, glyphs, rules) = self.last_page;
        let (text, glyphs, rules) = (text.min(1 << 16), glyphs.min(1 << 14), rules.min(1 << 12));
        let mut out = PageText {
            width,
            height,
            text: String::with_capacity(text),
            glyphs: Vec::with_capacity(glyphs),
            rules: Vec::with_capacity(rules),
        };
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
        let data = self.page_contents(page.raw())?;
        if !data.is_empty() {
            self.run(&data, page.resources(), state, &mut out, 0)?;
        }
        drop_fake_bold(&mut out);
        self.last_page = (out.text.len(), out.glyphs.len(), out.rules.len());
        self.glyphs += out.glyphs.len();
        self.rules += out.rules.len();
        Ok(out)
    }

    /// A page's content: its stream, or its streams joined by a space.
    fn page_contents(&mut self, page: &Dict<'_>) -> Result<Rc<Vec<u8>>, Error> {
        match page.get::<Object<'_>>(keys::CONTENTS) {
            Some(Object::Stream(s)) => self.content(&s),
            Some(Object::Array(a)) => {
                let mut joined = Vec::new();
                for s in a.iter::<Stream<'_>>().take(10_000) {
                    joined.extend_from_slice(&self.content(&s)?);
                    joined.push(b' ');
                }
                Ok(Rc::new(joined))
            }
            _ => Ok(Rc::new(Vec::new())),
        }
    }

    /// A page content stream: most are one page's own, decoded for it and dropped after;
    /// one that a second page uses is kept like a form.
    fn content(&mut self, stream: &Stream<'_>) -> Result<Rc<Vec<u8>>, Error> {
        let id = stream.obj_id();
        let keep = self.streams.contains_key(&id) || !self.seen_contents.insert(id);
        self.decoded_kept(stream, keep)
    }

    /// A stream's decoded bytes through the bounded decoder: decoded once, kept for the
    /// next use while the cache has room, and counted against the total at every use.
    fn decoded(&mut self, stream: &Stream<'_>) -> Result<Rc<Vec<u8>>, Error> {
        self.decoded_kept(stream, true)
    }

    fn decoded_kept(&mut self, stream: &Stream<'_>, keep: bool) -> Result<Rc<Vec<u8>>, Error> {
        let id = stream.obj_id();
        if let Some(data) = self.streams.get(&id) {
            self.budget.charge(data.len())?;
            return Ok(data.clone());
        }
        let chain = filters::chain(stream.dict())?;
        let mut data = filters::decode(&stream.raw_data(), &chain, &mut self.budget)?;
        if !keep {
            return Ok(Rc::new(data));
        }
        data.shrink_to_fit();
        let data = Rc::new(data);
        if self.cached_bytes + data.len() <= STREAM_CACHE_BYTES {
            self.cached_bytes += data.len();
            self.streams.insert(id, data.clone());
        }
        Ok(data)
    }

    /// The font a `Tf` names in `resources`: found by name in the `/Font` dictionary's own
    /// list after the first time, else resolved and read (once per font object).
    fn font_named(&mut self, resources: &Resources<'_>, name: &Name<'_>) -> Result<Option<usize>, Error> {
        let fonts = &resources.fonts;
        let table = fonts.data().as_ptr() as usize;
        if let Some(list) = self.font_names.get(&table) {
            if let Some((_, i)) = list.iter().find(|(n, _)| n.as_slice() == name.as_ref()) {
                return Ok(*i);
            }
        }
        let font = match fonts.get::<Dict<'_>>(name) {
            Some(dict) => {
                let key = match fonts.get_ref(name) {
                    Some(r) => FontKey::Object(r.into()),
                    None => FontKey::Direct(dict.data().as_ptr() as usize, dict.data().len()),
                };
                Some(match self.font_index.get(&key) {
                    Some(&i) => i,
                    None => {
                        let font = self.load_font(&dict)?;
                        self.fonts.push(font);
                        self.font_index.insert(key, self.fonts.len() - 1);
                        self.fonts.len() - 1
                    }
                })
            }
            None => None,
        };
        let list = self.font_names.entry(table).or_default();
        if list.len() < 1024 {
            list.push((name.as_ref().to_vec(), font));
        }
        Ok(font)
    }

    fn load_font(&mut self, dict: &Dict<'_>) -> Result<Font, Error> {
        let mut font = load_font(dict);
        self.count_font_entries(font.widths.len())?;
        if let Some(stream) = dict.get::<Stream<'_>>(keys::TO_UNICODE) {
            let id = stream.obj_id();
            font.to_unicode = match self.cmaps.get(&id) {
                Some(map) => map.clone(),
                None => {
                    // parsed once and kept parsed: its bytes are not kept
                    let data = self.decoded_kept(&stream, false)?;
                    let map = Rc::new(parse_cmap(&data));
                    self.count_font_entries(map.len())?;
                    self.cmaps.insert(id, map.clone());
                    map
                }
            };
        }
        Ok(font)
    }

    /// Counts a font's width or CMap entries against the document's limit: each font is
    /// capped on its own, and many fonts together must not hold more.
    fn count_font_entries(&mut self, n: usize) -> Result<(), Error> {
        self.font_entries = self.font_entries.saturating_add(n);
        if self.font_entries > MAX_DOCUMENT_FONT_ENTRIES {
            return Err(Error::TooLarge {
                what: "font width and CMap entries",
                limit: MAX_DOCUMENT_FONT_ENTRIES,
                actual: self.font_entries,
            });
        }
        Ok(())
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
        let mut ops = Lexer::new(data);
        // a hex string's decoded bytes
        let mut buf = Vec::new();
        while let Some(op) = ops.next() {
            self.operations += 1;
            if self.operations > self.max_operations {
                return Err(Error::TooLarge {
                    what: "content operations",
                    limit: self.max_operations,
                    actual: self.operations,
                });
            }
            if clip_pending && op.ends_path() {
                clip_pending = false;
                if let Some(b) = Clip::around(path.points.iter().map(|p| (p.x, p.y))) {
                    gs.clip = gs.clip.intersect(b);
                }
            }
            let ts = &mut gs.text;
            match op {
                Op::Save if stack.len() < 256 => stack.push(gs),
                Op::Save => {}
                Op::Restore => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                Op::Transform(m) => gs.ctm = Matrix(m).then(&gs.ctm),
                Op::BeginText => {
                    tm = Matrix::IDENTITY;
                    tlm = Matrix::IDENTITY;
                }
                Op::Font(name, size) => {
                    ts.size = size;
                    ts.font = self.font_named(resources, &name)?;
                }
                Op::CharSpacing(v) => ts.char_spacing = v,
                Op::WordSpacing(v) => ts.word_spacing = v,
                Op::Scale(v) => ts.scale = v / 100.0,
                Op::Leading(v) => ts.leading = v,
                Op::Rise(v) => ts.rise = v,
                Op::NextLine(x, y) => {
                    tlm = Matrix::translate(x, y).then(&tlm);
                    tm = tlm;
                }
                Op::NextLineSetLeading(x, y) => {
                    ts.leading = -y;
                    tlm = Matrix::translate(x, y).then(&tlm);
                    tm = tlm;
                }
                Op::TextMatrix(m) => {
                    tlm = Matrix(m);
                    tm = tlm;
                }
                Op::NextLineUsingLeading => {
                    tlm = Matrix::translate(0.0, -ts.leading).then(&tlm);
                    tm = tlm;
                }
                Op::Show(s) => self.show(s.bytes(&mut buf), &gs, &mut tm, out)?,
                Op::NextLineShow(s) => {
                    tlm = Matrix::translate(0.0, -ts.leading).then(&tlm);
                    tm = tlm;
                    self.show(s.bytes(&mut buf), &gs, &mut tm, out)?;
                }
                Op::ShowSpaced(word, char, s) => {
                    ts.word_spacing = word;
                    ts.char_spacing = char;
                    tlm = Matrix::translate(0.0, -ts.leading).then(&tlm);
                    tm = tlm;
                    self.show(s.bytes(&mut buf), &gs, &mut tm, out)?;
                }
                Op::ShowArray(arr) => {
                    for item in arr.items() {
                        match item {
                            TextItem::Text(s) => self.show(s.bytes(&mut buf), &gs, &mut tm, out)?,
                            TextItem::Shift(n) => {
                                let ts = &gs.text;
                                let tx = -n / 1000.0 * ts.size * ts.scale;
                                tm = Matrix::translate(tx, 0.0).then(&tm);
                            }
                            TextItem::Other => {}
                        }
                    }
                }
                Op::MoveTo(x, y) => path.move_to(gs.ctm.point(x, y)),
                Op::LineTo(x, y) => path.line_to(gs.ctm.point(x, y), true),
                Op::CurveTo(x, y) => path.line_to(gs.ctm.point(x, y), false),
                Op::ClosePath => path.close(),
                Op::Rect([x, y, w, h]) => {
                    path.move_to(gs.ctm.point(x, y));
                    path.line_to(gs.ctm.point(x + w, y), true);
                    path.line_to(gs.ctm.point(x + w, y + h), true);
                    path.line_to(gs.ctm.point(x, y + h), true);
                    path.close();
                }
                Op::Stroke => self.paint(&mut path, Paint::Stroke, out)?,
                Op::CloseStroke => {
                    path.close();
                    self.paint(&mut path, Paint::Stroke, out)?;
                }
                Op::Fill => self.paint(&mut path, Paint::Fill, out)?,
                Op::FillStroke => self.paint(&mut path, Paint::FillAndStroke, out)?,
                Op::CloseFillStroke => {
                    path.close();
                    self.paint(&mut path, Paint::FillAndStroke, out)?;
                }
                Op::Clip => clip_pending = true,
                Op::EndPath => path.clear(),
                Op::XObject(name) if depth < 8 => {
                    let Some(form) = resources.get_x_object(&name) else { continue };
                    self.form(&form, resources, gs, out, depth)?;
                }
                Op::XObject(_) | Op::Other => {}
            }
        }
        Ok(())
    }

    /// Draws a string: one glyph per code, advancing the text matrix. A glyph whose centre
    /// (half its advance, 0.3 of its size above the baseline) lies outside the clip is not
    /// visible: it is dropped and counted in `clipped`. The glyph limit is checked at every
    /// glyph, before it is stored.
    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut Matrix, out: &mut PageText) -> Result<(), Error> {
        let ts = &gs.text;
        let Some(font) = ts.font.and_then(|i| self.fonts.get(i)) else { return Ok(()) };
        let step = if font.two_byte { 2 } else { 1 };
        for chunk in bytes.chunks(step) {
            let glyphs = self.glyphs + self.clipped + out.glyphs.len() + 1;
            if glyphs > self.max_glyphs {
                return Err(Error::TooLarge { what: "glyphs", limit: self.max_glyphs, actual: glyphs });
            }
            let code = chunk.iter().fold(0u32, |acc, &b| (acc << 8) | b as u32);
            let w0 = font.width(code);
            let trm = Matrix([ts.size * ts.scale, 0.0, 0.0, ts.size, 0.0, ts.rise]).then(tm).then(&gs.ctm);
            let (x0, y) = trm.point(0.0, 0.0);
            let (x1, y1) = trm.point(w0, 0.0);
            let size = (trm.0[2] * trm.0[2] + trm.0[3] * trm.0[3]).sqrt();
            // Only horizontal text is read; rotated stamps and watermarks are skipped.
            let horizontal = (y1 - y).abs() <= 0.2 * (x1 - x0).abs().max(0.01) && trm.0[0] > 0.0;
            if horizontal && size > 0.0 && !gs.clip.holds((x0 + x1) / 2.0, y - 0.3 * size) {
                self.clipped += 1;
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
        let data = self.decoded(form)?;
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

/// Word processors fake bold by drawing each glyph twice, slightly offset: the second copy
/// of the same text within a fraction of the font size of one of the 64 glyphs kept before
/// it is dropped. The kept glyphs are listed by their text, so each glyph is compared only
/// with the recent glyphs of the same text, not with all 64.
fn drop_fake_bold(page: &mut PageText) {
    const WINDOW: usize = 64;
    let glyphs = std::mem::take(&mut page.glyphs);
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    let text = page.text.as_str();
    let mut by_text: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for g in glyphs {
        let near = 0.15 * g.size;
        let t = &text[g.start as usize..g.end as usize];
        let window = kept.len().saturating_sub(WINDOW);
        let same = by_text.entry(t).or_default();
        let duplicate = same.iter().rev().take_while(|&&i| i as usize >= window).any(|&i| {
            let k = &kept[i as usize];
            (k.x0 - g.x0).abs() < near && (k.y - g.y).abs() < near
        });
        if !duplicate {
            same.push(kept.len() as u32);
            kept.push(g);
        }
    }
    page.glyphs = kept;
}

fn load_font(dict: &Dict<'_>) -> Font {
    let subtype = dict.get::<Name<'_>>(keys::SUBTYPE);
    let is_type0 = subtype.as_ref().is_some_and(|n| n.as_ref() == b"Type0");
    let mut font = Font::default();
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
            font.widths.finish();
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

/// `W` array: `c [w1 w2 …]` (one entry per width) or `c_first c_last w` (one range). At
/// most [`MAX_FONT_CODES`] entries in all (overwrites included), codes up to 0xFFFF (two
/// bytes), `u32` sums that cannot wrap.
fn cid_widths(w: &Array<'_>) -> CodeMap<f32> {
    let mut out = CodeMap::default();
    let mut budget = MAX_FONT_CODES;
    let mut items = w.iter::<Object<'_>>();
    let code = |n: &hayro_syntax::object::Number| n.as_f32().clamp(0.0, 65_535.0) as u32;
    let mut pending = items.next();
    while let Some(Object::Number(first)) = pending.take() {
        let first = code(&first);
        match items.next() {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter::<f32>().enumerate().take((65_536 - first as usize).min(budget)) {
                    out.insert(first + k as u32, v);
                    budget -= 1;
                }
            }
            Some(Object::Number(last)) => {
                let last = code(&last);
                if let Some(Object::Number(v)) = items.next() {
                    out.insert_range(first, last, v.as_f32());
                    budget -= 1;
                }
            }
            _ => break,
        }
        if budget == 0 {
            break;
        }
        pending = items.next();
    }
    out.finish();
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

/// Appends the text a ToUnicode CMap gives `code`; `false` when it gives none. A `bfrange`
/// maps its n-th code to its text with the last character n further on.
fn unicode_of(map: &CodeMap<String>, code: u32, out: &mut String) -> bool {
    let Some((s, offset)) = map.get(code) else { return false };
    match s.chars().last().filter(|_| offset > 0) {
        Some(last) => {
            out.push_str(&s[..s.len() - last.len_utf8()]);
            out.push(char::from_u32(last as u32 + offset).unwrap_or('\u{FFFD}'));
        }
        None => out.push_str(s),
    }
    true
}

/// `bfchar` and `bfrange` entries of a ToUnicode CMap, read as the tokens come (nothing
/// collected first; a `bfrange` to one string is one entry, however many codes it spans):
/// at most [`MAX_FONT_CODES`] entries in all, each mapped to at most
/// [`MAX_CMAP_TEXT`] bytes of UTF-16, codes of up to four bytes with `u32` arithmetic that
/// saturates.
fn parse_cmap(data: &[u8]) -> CodeMap<String> {
    let mut out = CodeMap::default();
    let mut budget = MAX_FONT_CODES;
    let mut tokens = CmapTokens { data, at: 0 };
    let hex_code = |h: &[u8]| hex_bytes(h).take(4).fold(0u32, |acc, b| (acc << 8) | b as u32);
    // a token that ended a section is looked at again as the start of the next
    let mut next = tokens.next();
    while let Some(token) = next.take() {
        if budget == 0 {
            break;
        }
        match token {
            CmapToken::Keyword(b"beginbfchar") => loop {
                let src = match tokens.next() {
                    Some(CmapToken::Hex(h)) => h,
                    other => break next = other,
                };
                let Some(CmapToken::Hex(dst)) = tokens.next() else { break };
                out.insert(hex_code(src), utf16be(dst));
                budget -= 1;
                if budget == 0 {
                    break;
                }
            },
            CmapToken::Keyword(b"beginbfrange") => loop {
                let lo = match tokens.next() {
                    Some(CmapToken::Hex(h)) => hex_code(h),
                    other => break next = other,
                };
                let Some(CmapToken::Hex(hi)) = tokens.next() else { break };
                let hi = hex_code(hi).min(lo.saturating_add(65_535));
                match tokens.next() {
                    Some(CmapToken::Hex(dst)) => {
                        // one entry: the n-th code's text is `dst` with its last character n on
                        out.insert_range(lo, hi, utf16be(dst));
                        budget -= 1;
                    }
                    Some(CmapToken::Open) => {
                        let mut code = Some(lo);
                        loop {
                            match tokens.next() {
                                Some(CmapToken::Hex(dst)) => {
                                    if let Some(c) = code.filter(|&c| c <= hi && budget > 0) {
                                        out.insert(c, utf16be(dst));
                                        budget -= 1;
                                    }
                                    code = code.and_then(|c| c.checked_add(1));
                                }
                                Some(CmapToken::Close) => break,
                                other => {
                                    next = other;
                                    break;
                                }
                            }
                        }
                        if next.is_some() {
                            break;
                        }
                    }
                    _ => break,
                }
                if budget == 0 {
                    break;
                }
            },
            _ => {}
        }
        if next.is_none() {
            next = tokens.next();
        }
    }
    out.finish();
    out
}

/// The bytes of a hex string's digits (an odd last digit padded with 0).
fn hex_bytes(digits: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let mut it = digits.iter().filter_map(|b| (*b as char).to_digit(16).map(|d| d as u8));
    std::iter::from_fn(move || {
        let high = it.next()?;
        Some(high << 4 | it.next().unwrap_or(0))
    })
}

enum CmapToken<'a> {
    /// The digits between `<` and `>`.
    Hex(&'a [u8]),
    Open,
    Close,
    Keyword(&'a [u8]),
}

struct CmapTokens<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Iterator for CmapTokens<'a> {
    type Item = CmapToken<'a>;

    fn next(&mut self) -> Option<CmapToken<'a>> {
        let data = self.data;
        while self.at < data.len() {
            let i = self.at;
            match data[i] {
                b'<' if data.get(i + 1) != Some(&b'<') => {
                    let end = data[i..].iter().position(|&b| b == b'>').map_or(data.len(), |p| i + p);
                    self.at = end + 1;
                    return Some(CmapToken::Hex(&data[i + 1..end]));
                }
                b'[' => {
                    self.at += 1;
                    return Some(CmapToken::Open);
                }
                b']' => {
                    self.at += 1;
                    return Some(CmapToken::Close);
                }
                b'%' => {
                    while self.at < data.len() && data[self.at] != b'\n' && data[self.at] != b'\r' {
                        self.at += 1;
                    }
                }
                b if b.is_ascii_alphabetic() => {
                    while self.at < data.len() && data[self.at].is_ascii_alphanumeric() {
                        self.at += 1;
                    }
                    return Some(CmapToken::Keyword(&data[i..self.at]));
                }
                _ => self.at += 1,
            }
        }
        None
    }
}

/// A CMap destination: UTF-16BE digits, at most [`MAX_CMAP_TEXT`] bytes of them.
fn utf16be(digits: &[u8]) -> String {
    let bytes: Vec<u8> = hex_bytes(digits).take(MAX_CMAP_TEXT).collect();
    let units = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c.get(1).copied().unwrap_or(0)]));
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{FFFD}')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_ranges_and_chars() {
        let cmap = b"2 beginbfchar\n<0003> <0020>\n<00B1> <5408>\nendbfchar\n1 beginbfrange\n<0010> <0012> <0030>\n<0020> <0021> [<4E00> <4E8C>]\nendbfrange";
        let text = |m: &CodeMap<String>, code: u32| {
            let mut out = String::new();
            unicode_of(m, code, &mut out).then_some(out)
        };
        let m = parse_cmap(cmap);
        assert_eq!(text(&m, 0x03).as_deref(), Some(" "));
        assert_eq!(text(&m, 0xB1).as_deref(), Some("合"));
        assert_eq!(text(&m, 0x10).as_deref(), Some("0"));
        assert_eq!(text(&m, 0x12).as_deref(), Some("2"));
        assert_eq!(text(&m, 0x13), None);
        assert_eq!(text(&m, 0x21).as_deref(), Some("二"));
        assert_eq!(m.len(), 5, "the <0010> <0012> range is one entry");
        // a range after an array range, and codes at the top of the u32 range
        let m = parse_cmap(
            b"beginbfrange <01> <02> [<0041>] <05> <05> <0042> <FFFFFFFF> <FFFFFFFF> [<0043> <0044>] endbfrange",
        );
        let got = [1, 2, 5, u32::MAX].map(|c| text(&m, c));
        assert_eq!(got, [Some("A".into()), None, Some("B".into()), Some("C".into())]);
        // a range of 65,536 codes costs one entry, and its last code is the text + 65,535
        let m = parse_cmap(b"1 beginbfrange <0000> <FFFF> <4E00> endbfrange");
        assert_eq!(m.len(), 1);
        assert_eq!(text(&m, 0xFFFF), char::from_u32(0x4E00 + 0xFFFF).map(String::from).or(Some("\u{FFFD}".into())));
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
