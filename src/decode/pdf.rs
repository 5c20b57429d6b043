//! PDF bytes → glyphs with positions, page by page. Objects, streams, xref and decryption
//! with an empty user password come from `hayro-syntax`; this module interprets the content
//! streams' text operators (fonts, text and graphics state, form XObjects) and maps codes to
//! Unicode through ToUnicode CMaps or the simple fonts' encodings. Coordinates are in points
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

/// The glyphs of one page in drawing order.
#[derive(Debug, Clone, Default)]
pub struct PageText {
    pub width: f32,
    pub height: f32,
    pub text: String,
    pub glyphs: Vec<Glyph>,
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
        max_glyphs: limits.max_glyphs,
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
    max_glyphs: usize,
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
        };
        if let Some(data) = page.page_stream() {
            self.run(data, page.resources(), state, &mut out, 0)?;
        }
        drop_fake_bold(&mut out);
        self.glyphs += out.glyphs.len();
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
            if self.glyphs + out.glyphs.len() > self.max_glyphs {
                return Err(Error::TooLarge {
                    what: "glyphs",
                    limit: self.max_glyphs,
                    actual: self.glyphs + out.glyphs.len(),
                });
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
                TypedInstruction::ShowText(s) => show(s.0.as_bytes(), &gs, &mut tm, &self.fonts, out),
                TypedInstruction::NextLineAndShowText(s) => {
                    tlm = Matrix::translate(0.0, -ts.leading).then(&tlm);
                    tm = tlm;
                    show(s.0.as_bytes(), &gs, &mut tm, &self.fonts, out);
                }
                TypedInstruction::ShowTextWithParameters(p) => {
                    ts.word_spacing = p.0.as_f32();
                    ts.char_spacing = p.1.as_f32();
                    tlm = Matrix::translate(0.0, -ts.leading).then(&tlm);
                    tm = tlm;
                    show(p.2.as_bytes(), &gs, &mut tm, &self.fonts, out);
                }
                TypedInstruction::ShowTexts(arr) => show_array(arr.0, &gs, &mut tm, &self.fonts, out),
                TypedInstruction::XObject(name) if depth < 8 => {
                    let Some(form) = resources.get_x_object(name.0) else { continue };
                    self.form(&form, resources, gs, out, depth)?;
                }
                _ => {}
            }
        }
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
        let own = dict.get::<Dict<'_>>(keys::RESOURCES).map(Resources::new);
        let resources = own.as_ref().unwrap_or(parent);
        self.run(&data, resources, inner, out, depth + 1)
    }
}

fn show_array(arr: &Array<'_>, gs: &GState, tm: &mut Matrix, fonts: &[Font], out: &mut PageText) {
    for item in arr.iter::<Object<'_>>() {
        match item {
            Object::String(s) => show(s.as_bytes(), gs, tm, fonts, out),
            Object::Number(n) => {
                let ts = &gs.text;
                let tx = -n.as_f32() / 1000.0 * ts.size * ts.scale;
                *tm = Matrix::translate(tx, 0.0).then(tm);
            }
            _ => {}
        }
    }
}

/// Draws a string: one glyph per code, advancing the text matrix.
fn show(bytes: &[u8], gs: &GState, tm: &mut Matrix, fonts: &[Font], out: &mut PageText) {
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
        if horizontal && size > 0.0 {
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

    #[test]
    fn matrices_compose_in_pdf_order() {
        let scale = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        let shift = Matrix::translate(10.0, 0.0);
        assert_eq!(scale.then(&shift).point(1.0, 0.0), (12.0, 0.0));
        assert_eq!(shift.then(&scale).point(1.0, 0.0), (22.0, 0.0));
    }
}
