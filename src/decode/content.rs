//! Content-stream operators for the text and ruling reader of [`super::pdf`]: the bytes
//! of a page's content or a form, lexed into the operators that reader uses (text state,
//! text showing, the CTM, paths and their painting, clipping, `Do`) with their operands;
//! every other operator is one [`Op::Other`], its operands skipped without building
//! objects (numbers checked, strings, names, arrays and dictionaries only delimited).
//!
//! The operators and their recovery from errors are those of `hayro-syntax`'s
//! `TypedIter`, which the readings of the corpus rest on: an operator takes its last
//! operands (garbage before them is ignored), one with operands of the wrong kind is
//! skipped, except a path operator (`m l c v y re`), which ends the stream, as do a 34th
//! operand, a stray delimiter (`) > ] { }`) and an unterminated string. Whatever this lexer
//! does not read itself with certainty — an inline image (`BI … ID … EI`, whose end is
//! found by `hayro-syntax`'s heuristics), a number `read_simple` would refuse (`-`,
//! `1.2.3`, 19 digits, `5x`), an escaped operator name, a nested array, a dictionary
//! holding more than names, numbers, strings and dictionaries — hands the rest of the
//! stream, from the start of that instruction, to `TypedIter` (which keeps no state
//! between instructions, so the readings are the same). Knows nothing of 决算 terms.

use hayro_syntax::content::ops::TypedInstruction;
use hayro_syntax::content::TypedIter;
use hayro_syntax::object::{Array, FromBytes, Name, Object, String as PdfString};

/// One operator of a content stream, as the reader uses it. Numbers are `f32` as
/// `hayro-syntax`'s `Number::as_f32` makes them.
#[derive(Debug, Clone)]
pub enum Op<'a> {
    /// `q`
    Save,
    /// `Q`
    Restore,
    /// `cm`
    Transform([f32; 6]),
    /// `BT`
    BeginText,
    /// `Tf`: font resource name and size.
    Font(Name<'a>, f32),
    /// `Tc`
    CharSpacing(f32),
    /// `Tw`
    WordSpacing(f32),
    /// `Tz`, in percent.
    Scale(f32),
    /// `TL`
    Leading(f32),
    /// `Ts`
    Rise(f32),
    /// `Td`
    NextLine(f32, f32),
    /// `TD`
    NextLineSetLeading(f32, f32),
    /// `Tm`
    TextMatrix([f32; 6]),
    /// `T*`
    NextLineUsingLeading,
    /// `Tj`
    Show(Text<'a>),
    /// `'`
    NextLineShow(Text<'a>),
    /// `"`: word spacing, character spacing, text.
    ShowSpaced(f32, f32, Text<'a>),
    /// `TJ`
    ShowArray(TextArray<'a>),
    /// `m`
    MoveTo(f32, f32),
    /// `l`
    LineTo(f32, f32),
    /// `c`, `v`, `y`: the curve's end point.
    CurveTo(f32, f32),
    /// `h`
    ClosePath,
    /// `re`: x, y, width, height.
    Rect([f32; 4]),
    /// `S`
    Stroke,
    /// `s`
    CloseStroke,
    /// `f`, `F`, `f*`
    Fill,
    /// `B`, `B*`
    FillStroke,
    /// `b`, `b*`
    CloseFillStroke,
    /// `W`, `W*`
    Clip,
    /// `n`
    EndPath,
    /// `Do`
    XObject(Name<'a>),
    /// Any other operator, or one of the above whose operands are of the wrong kind.
    Other,
}

impl Op<'_> {
    /// Whether it paints or ends the current path (where a pending clip takes effect).
    pub fn ends_path(&self) -> bool {
        matches!(self, Op::Stroke | Op::CloseStroke | Op::Fill | Op::FillStroke | Op::CloseFillStroke | Op::EndPath)
    }
}

/// The array of a `TJ`: strings and positioning numbers.
#[derive(Debug, Clone)]
pub enum TextArray<'a> {
    /// The bytes between the brackets, holding only numbers, strings and white space
    /// (checked when lexed).
    Lexed(&'a [u8]),
    /// Read by `hayro-syntax` (after a hand-over).
    Parsed(Array<'a>),
}

/// An element of a `TJ` array.
#[derive(Debug, Clone, PartialEq)]
pub enum TextItem<'a> {
    Text(Text<'a>),
    /// A number: moves the text left by this many thousandths of the font size.
    Shift(f32),
    /// Anything else (ignored).
    Other,
}

/// A string operand: its bytes as they stand in the stream, or decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Text<'a> {
    /// A literal string without escapes or line ends: its bytes are its value.
    Plain(&'a [u8]),
    /// A hex string's digits and white space (checked when lexed).
    Hex(&'a [u8]),
    /// Decoded by `hayro-syntax` (a literal with escapes, or after a hand-over).
    Decoded(PdfString<'a>),
}

impl<'a> Text<'a> {
    /// The string at `span` (delimiters included), as lexed by [`string_end`].
    fn lexed(span: &'a [u8]) -> Option<Text<'a>> {
        let inner = span.get(1..span.len().checked_sub(1)?)?;
        if span[0] == b'<' {
            Some(Text::Hex(inner))
        } else if inner.iter().any(|b| matches!(b, b'\\' | b'\n' | b'\r')) {
            PdfString::from_bytes(span).map(Text::Decoded)
        } else {
            Some(Text::Plain(inner))
        }
    }

    /// Its bytes: borrowed, or decoded into `buf` (cleared first). A hex string's digits
    /// are read in pairs, white space ignored, an odd last digit padded with 0.
    pub fn bytes<'s>(&'s self, buf: &'s mut Vec<u8>) -> &'s [u8] {
        match self {
            Text::Plain(b) => b,
            Text::Decoded(s) => s.as_bytes(),
            Text::Hex(digits) => {
                buf.clear();
                let mut high = None;
                for d in digits.iter().filter_map(|&b| (b as char).to_digit(16)) {
                    match high.take() {
                        None => high = Some(d as u8),
                        Some(h) => buf.push(h << 4 | d as u8),
                    }
                }
                buf.extend(high.map(|h| h << 4));
                buf
            }
        }
    }
}

impl<'a> TextArray<'a> {
    /// Its elements in order.
    pub fn items(&self) -> TextItems<'a> {
        match self {
            TextArray::Lexed(data) => TextItems::Lexed { data, at: 0 },
            TextArray::Parsed(a) => TextItems::Parsed(a.iter::<Object<'a>>()),
        }
    }
}

/// The iterator of [`TextArray::items`].
pub enum TextItems<'a> {
    Lexed { data: &'a [u8], at: usize },
    Parsed(hayro_syntax::object::array::ResolvedArrayIter<'a, Object<'a>>),
}

impl<'a> Iterator for TextItems<'a> {
    type Item = TextItem<'a>;

    fn next(&mut self) -> Option<TextItem<'a>> {
        match self {
            TextItems::Lexed { data, at } => {
                skip_space(data, at);
                let start = *at;
                match data.get(start)? {
                    b'(' | b'<' => {
                        *at = string_end(data, start)?;
                        Some(Text::lexed(&data[start..*at]).map_or(TextItem::Other, TextItem::Text))
                    }
                    _ => number(data, at).map(TextItem::Shift),
                }
            }
            TextItems::Parsed(items) => Some(match items.next()? {
                Object::String(s) => TextItem::Text(Text::Decoded(s)),
                Object::Number(n) => TextItem::Shift(n.as_f32()),
                _ => TextItem::Other,
            }),
        }
    }
}

/// Most operands one operator takes (`hayro-syntax`'s threshold: `scn` with 32 DeviceN
/// components and a pattern name); one more ends the stream.
const MAX_OPERANDS: usize = 33;
/// Most dictionaries nested in an operand read here (deeper ones are handed over).
const MAX_DICT_DEPTH: usize = 4;

/// An operand: its kind and where it is (`start..end` of the stream, delimiters included).
#[derive(Debug, Clone, Copy)]
enum Operand {
    Number(f32),
    Name(usize, usize),
    Str(usize, usize),
    Array(usize, usize),
    Dict,
}

/// What reading one instruction came to.
enum Step<'a> {
    Op(Op<'a>),
    End,
    /// Not read with certainty: `hayro-syntax` reads on from this offset.
    HandOver(usize),
}

/// The operators of one content stream, in order ([`Lexer::next`]).
pub struct Lexer<'a> {
    data: &'a [u8],
    at: usize,
    ended: bool,
    operands: [Operand; MAX_OPERANDS],
    len: usize,
    hayro: Option<TypedIter<'a>>,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer { data, at: 0, ended: false, operands: [Operand::Dict; MAX_OPERANDS], len: 0, hayro: None }
    }

    /// The next operator, `None` at the end of the stream (or where an error ends it).
    #[allow(clippy::should_implement_trait)] // a lending-style reader, like `TypedIter`
    pub fn next(&mut self) -> Option<Op<'a>> {
        if self.hayro.is_none() && !self.ended {
            match self.instruction() {
                Step::Op(op) => return Some(op),
                Step::End => self.ended = true,
                Step::HandOver(start) => self.hayro = Some(TypedIter::new(&self.data[start..])),
            }
        }
        let op = self.hayro.as_mut()?.next()?;
        Some(from_hayro(&op))
    }

    fn instruction(&mut self) -> Step<'a> {
        let data = self.data;
        let start = self.at;
        self.len = 0;
        loop {
            skip_space(data, &mut self.at);
            let at = self.at;
            let Some(&first) = data.get(at) else { return Step::End };
            let operand = match first {
                b'.' | b'+' | b'-' | b'0'..=b'9' => match number(data, &mut self.at) {
                    Some(v) => Operand::Number(v),
                    None => return Step::HandOver(start),
                },
                b'/' => {
                    self.at = regular_end(data, at + 1);
                    Operand::Name(at + 1, self.at)
                }
                b'(' | b'<' if data.get(at + 1) != Some(&b'<') || first == b'(' => match string_end(data, at) {
                    Some(end) => {
                        self.at = end;
                        Operand::Str(at, end)
                    }
                    None => return Step::HandOver(start),
                },
                b'<' => match dict_end(data, at, 0) {
                    Some(end) if !starts_stream(data, end) => {
                        self.at = end;
                        Operand::Dict
                    }
                    _ => return Step::HandOver(start),
                },
                b'[' => match array_end(data, at) {
                    Some(end) => {
                        self.at = end;
                        Operand::Array(at + 1, end - 1)
                    }
                    None => return Step::HandOver(start),
                },
                _ => {
                    self.at = regular_end(data, at);
                    let name = &data[at..self.at];
                    if name.is_empty() {
                        // a stray delimiter: the stream ends here
                        return Step::End;
                    }
                    if name == b"BI" || name.contains(&b'#') {
                        return Step::HandOver(start);
                    }
                    return match self.dispatch(name) {
                        Some(op) => Step::Op(op),
                        None => Step::End,
                    };
                }
            };
            if self.len == MAX_OPERANDS {
                return Step::End;
            }
            self.operands[self.len] = operand;
            self.len += 1;
        }
    }

    /// The operator `name` with its last operands; `None` (the stream ends) for a path
    /// operator whose operands are not numbers.
    fn dispatch(&self, name: &[u8]) -> Option<Op<'a>> {
        let data = self.data;
        let ops = &self.operands[..self.len];
        // the last `N` operands, all numbers
        fn numbers<const N: usize>(ops: &[Operand]) -> Option<[f32; N]> {
            let tail = ops.get(ops.len().checked_sub(N)?..)?;
            let mut out = [0.0; N];
            for (o, v) in tail.iter().zip(out.iter_mut()) {
                let Operand::Number(n) = o else { return None };
                *v = *n;
            }
            Some(out)
        }
        let last = |back: usize| ops.len().checked_sub(back).map(|i| ops[i]);
        let name_at = |back: usize| match last(back)? {
            Operand::Name(s, e) => Name::new(&data[s..e]),
            _ => None,
        };
        let string_at = |back: usize| match last(back)? {
            Operand::Str(s, e) => Text::lexed(&data[s..e]),
            _ => None,
        };
        let number_at = |back: usize| match last(back)? {
            Operand::Number(n) => Some(n),
            _ => None,
        };
        let op = match name {
            b"q" => Some(Op::Save),
            b"Q" => Some(Op::Restore),
            b"cm" => numbers::<6>(ops).map(Op::Transform),
            b"BT" => Some(Op::BeginText),
            b"Tf" => name_at(2).zip(number_at(1)).map(|(n, s)| Op::Font(n, s)),
            b"Tc" => number_at(1).map(Op::CharSpacing),
            b"Tw" => number_at(1).map(Op::WordSpacing),
            b"Tz" => number_at(1).map(Op::Scale),
            b"TL" => number_at(1).map(Op::Leading),
            b"Ts" => number_at(1).map(Op::Rise),
            b"Td" => numbers::<2>(ops).map(|[x, y]| Op::NextLine(x, y)),
            b"TD" => numbers::<2>(ops).map(|[x, y]| Op::NextLineSetLeading(x, y)),
            b"Tm" => numbers::<6>(ops).map(Op::TextMatrix),
            b"T*" => Some(Op::NextLineUsingLeading),
            b"Tj" => string_at(1).map(Op::Show),
            b"'" => string_at(1).map(Op::NextLineShow),
            b"\"" => number_at(3).zip(number_at(2)).zip(string_at(1)).map(|((w, c), s)| Op::ShowSpaced(w, c, s)),
            b"TJ" => match last(1) {
                Some(Operand::Array(s, e)) => Some(Op::ShowArray(TextArray::Lexed(&data[s..e]))),
                _ => None,
            },
            b"m" => return numbers::<2>(ops).map(|[x, y]| Op::MoveTo(x, y)),
            b"l" => return numbers::<2>(ops).map(|[x, y]| Op::LineTo(x, y)),
            b"c" => return numbers::<6>(ops).map(|c| Op::CurveTo(c[4], c[5])),
            b"v" | b"y" => return numbers::<4>(ops).map(|c| Op::CurveTo(c[2], c[3])),
            b"h" => Some(Op::ClosePath),
            b"re" => return numbers::<4>(ops).map(Op::Rect),
            b"S" => Some(Op::Stroke),
            b"s" => Some(Op::CloseStroke),
            b"f" | b"F" | b"f*" => Some(Op::Fill),
            b"B" | b"B*" => Some(Op::FillStroke),
            b"b" | b"b*" => Some(Op::CloseFillStroke),
            b"W" | b"W*" => Some(Op::Clip),
            b"n" => Some(Op::EndPath),
            b"Do" => name_at(1).map(Op::XObject),
            _ => None,
        };
        Some(op.unwrap_or(Op::Other))
    }
}

/// One instruction of `hayro-syntax`'s lexer as an [`Op`].
fn from_hayro<'a>(op: &TypedInstruction<'_, 'a>) -> Op<'a> {
    use TypedInstruction as T;
    let six = |v: [hayro_syntax::object::Number; 6]| v.map(|n| n.as_f32());
    match op {
        T::SaveState(_) => Op::Save,
        T::RestoreState(_) => Op::Restore,
        T::Transform(t) => Op::Transform(six([t.0, t.1, t.2, t.3, t.4, t.5])),
        T::BeginText(_) => Op::BeginText,
        T::TextFont(f) => Op::Font(f.0.clone(), f.1.as_f32()),
        T::CharacterSpacing(v) => Op::CharSpacing(v.0.as_f32()),
        T::WordSpacing(v) => Op::WordSpacing(v.0.as_f32()),
        T::HorizontalScaling(v) => Op::Scale(v.0.as_f32()),
        T::TextLeading(v) => Op::Leading(v.0.as_f32()),
        T::TextRise(v) => Op::Rise(v.0.as_f32()),
        T::NextLine(v) => Op::NextLine(v.0.as_f32(), v.1.as_f32()),
        T::NextLineAndSetLeading(v) => Op::NextLineSetLeading(v.0.as_f32(), v.1.as_f32()),
        T::SetTextMatrix(m) => Op::TextMatrix(six([m.0, m.1, m.2, m.3, m.4, m.5])),
        T::NextLineUsingLeading(_) => Op::NextLineUsingLeading,
        T::ShowText(s) => Op::Show(Text::Decoded(s.0.clone())),
        T::NextLineAndShowText(s) => Op::NextLineShow(Text::Decoded(s.0.clone())),
        T::ShowTextWithParameters(p) => Op::ShowSpaced(p.0.as_f32(), p.1.as_f32(), Text::Decoded(p.2.clone())),
        T::ShowTexts(a) => Op::ShowArray(TextArray::Parsed(a.0.clone())),
        T::MoveTo(p) => Op::MoveTo(p.0.as_f32(), p.1.as_f32()),
        T::LineTo(p) => Op::LineTo(p.0.as_f32(), p.1.as_f32()),
        T::CubicTo(c) => Op::CurveTo(c.4.as_f32(), c.5.as_f32()),
        T::CubicStartTo(c) => Op::CurveTo(c.2.as_f32(), c.3.as_f32()),
        T::CubicEndTo(c) => Op::CurveTo(c.2.as_f32(), c.3.as_f32()),
        T::ClosePath(_) => Op::ClosePath,
        T::RectPath(r) => Op::Rect([r.0, r.1, r.2, r.3].map(|n| n.as_f32())),
        T::StrokePath(_) => Op::Stroke,
        T::CloseAndStrokePath(_) => Op::CloseStroke,
        T::FillPathNonZero(_) | T::FillPathNonZeroCompatibility(_) | T::FillPathEvenOdd(_) => Op::Fill,
        T::FillAndStrokeNonZero(_) | T::FillAndStrokeEvenOdd(_) => Op::FillStroke,
        T::CloseFillAndStrokeNonZero(_) | T::CloseFillAndStrokeEvenOdd(_) => Op::CloseFillStroke,
        T::ClipNonZero(_) | T::ClipEvenOdd(_) => Op::Clip,
        T::EndPath(_) => Op::EndPath,
        T::XObject(x) => Op::XObject(x.0.clone()),
        _ => Op::Other,
    }
}

/// Byte classes: white space, delimiters, everything else (regular).
const SPACE: u8 = 1;
const DELIMITER: u8 = 2;
const CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let spaces = [0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x20];
    let mut i = 0;
    while i < spaces.len() {
        t[spaces[i] as usize] = SPACE;
        i += 1;
    }
    let delimiters = *b"()<>[]{}/%";
    let mut i = 0;
    while i < delimiters.len() {
        t[delimiters[i] as usize] = DELIMITER;
        i += 1;
    }
    t
};

fn is_white_space(b: u8) -> bool {
    CLASSES[b as usize] == SPACE
}

/// Neither white space nor a delimiter.
fn is_regular(b: u8) -> bool {
    CLASSES[b as usize] == 0
}

/// Past white space and comments (`%` to the end of the line).
fn skip_space(data: &[u8], at: &mut usize) {
    while let Some(&b) = data.get(*at) {
        if is_white_space(b) {
            *at += 1;
        } else if b == b'%' {
            while data.get(*at).is_some_and(|&b| b != b'\n' && b != b'\r') {
                *at += 1;
            }
        } else {
            break;
        }
    }
}

/// Where the run of regular characters from `at` ends.
fn regular_end(data: &[u8], mut at: usize) -> usize {
    while data.get(at).is_some_and(|&b| is_regular(b)) {
        at += 1;
    }
    at
}

/// Powers of ten as `hayro-syntax` divides by them (a number has at most 18 digits).
const POWERS_OF_10: [f64; 19] =
    [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18];

/// A number at `at` read as `hayro-syntax`'s `Number::read_simple` does (sign, digits,
/// a point and digits; 1 to 18 digits in all; not followed by a regular character), moving
/// `at` past it; `None` (and `at` unmoved) when it would refuse it.
fn number(data: &[u8], at: &mut usize) -> Option<f32> {
    let mut i = *at;
    let negative = match data.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut mantissa: u64 = 0;
    let int_start = i;
    while let Some(&b) = data.get(i).filter(|b| b.is_ascii_digit()) {
        mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
        i += 1;
    }
    let mut digits = i - int_start;
    let mut shift = None;
    if data.get(i) == Some(&b'.') {
        i += 1;
        let fraction_start = i;
        while let Some(&b) = data.get(i).filter(|b| b.is_ascii_digit()) {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(b - b'0'));
            i += 1;
        }
        shift = Some(i - fraction_start);
        digits += i - fraction_start;
    }
    if digits == 0 || digits > 18 || data.get(i).is_some_and(|&b| is_regular(b)) {
        return None;
    }
    *at = i;
    Some(match shift {
        None => {
            let v = mantissa as i64;
            (if negative { v.wrapping_neg() } else { v }) as f32
        }
        Some(shift) => {
            let v = mantissa as f64 / POWERS_OF_10[shift];
            (if negative { -v } else { v }) as f32
        }
    })
}

/// The end (past the delimiter) of the literal `(…)` or hex `<…>` string at `at`: a
/// literal's parentheses balanced, a backslash escaping the next byte; a hex string only
/// digits and white space. `None` when unterminated or malformed.
fn string_end(data: &[u8], at: usize) -> Option<usize> {
    if data.get(at) == Some(&b'<') {
        let len = data[at + 1..].iter().take_while(|&&b| b.is_ascii_hexdigit() || is_white_space(b)).count();
        let end = at + 1 + len;
        return (data.get(end) == Some(&b'>')).then_some(end + 1);
    }
    let mut depth = 0usize;
    let mut i = at;
    loop {
        let b = *data.get(i)?;
        i += 1;
        match b {
            b'\\' => {
                data.get(i)?;
                i += 1;
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
}

/// The end (past `]`) of the array at `at` if it holds only numbers and strings.
fn array_end(data: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        skip_space(data, &mut i);
        match *data.get(i)? {
            b']' => return Some(i + 1),
            b'(' | b'<' if data.get(i + 1) != Some(&b'<') || data[i] == b'(' => i = string_end(data, i)?,
            b'.' | b'+' | b'-' | b'0'..=b'9' => {
                number(data, &mut i)?;
            }
            _ => return None,
        }
    }
}

/// The end (past `>>`) of the dictionary at `at` if it holds only names, numbers, strings
/// and such dictionaries, as pairs of a name and a value.
fn dict_end(data: &[u8], at: usize, depth: usize) -> Option<usize> {
    if depth >= MAX_DICT_DEPTH {
        return None;
    }
    let mut i = at + 2;
    loop {
        skip_space(data, &mut i);
        if data.get(i..i + 2) == Some(b">>") {
            return Some(i + 2);
        }
        if data.get(i) != Some(&b'/') {
            return None;
        }
        i = regular_end(data, i + 1);
        skip_space(data, &mut i);
        match *data.get(i)? {
            b'/' => i = regular_end(data, i + 1),
            b'<' if data.get(i + 1) == Some(&b'<') => i = dict_end(data, i, depth + 1)?,
            b'(' | b'<' => i = string_end(data, i)?,
            b'.' | b'+' | b'-' | b'0'..=b'9' => {
                number(data, &mut i)?;
            }
            _ => return None,
        }
    }
}

/// Whether the keyword `stream` follows a dictionary ending at `end` (a stream object,
/// which `hayro-syntax` reads differently).
fn starts_stream(data: &[u8], end: usize) -> bool {
    let mut i = end;
    skip_space(data, &mut i);
    data[i.min(data.len())..].starts_with(b"stream")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each operator as text: what the reader sees.
    fn show(op: &Op<'_>) -> String {
        match op {
            Op::Font(n, s) => format!("Font({:?}, {s:?})", n.as_ref()),
            Op::XObject(n) => format!("XObject({:?})", n.as_ref()),
            Op::Show(s) => format!("Show({:?})", s.bytes(&mut Vec::new())),
            Op::NextLineShow(s) => format!("NextLineShow({:?})", s.bytes(&mut Vec::new())),
            Op::ShowSpaced(w, c, s) => format!("ShowSpaced({w:?}, {c:?}, {:?})", s.bytes(&mut Vec::new())),
            Op::ShowArray(a) => {
                let items: Vec<String> = a
                    .items()
                    .map(|i| match i {
                        TextItem::Text(s) => format!("{:?}", s.bytes(&mut Vec::new())),
                        TextItem::Shift(n) => format!("{n:?}"),
                        TextItem::Other => "other".into(),
                    })
                    .collect();
                format!("ShowArray[{}]", items.join(" "))
            }
            other => format!("{other:?}"),
        }
    }

    fn ours(data: &[u8]) -> Vec<String> {
        let mut lexer = Lexer::new(data);
        std::iter::from_fn(|| lexer.next()).take(10_000).map(|op| show(&op)).collect()
    }

    /// The same stream read by `hayro-syntax`'s `TypedIter` alone.
    fn theirs(data: &[u8]) -> Vec<String> {
        let mut iter = TypedIter::new(data);
        std::iter::from_fn(|| iter.next().map(|op| show(&from_hayro(&op)))).take(10_000).collect()
    }

    /// Whether the lexer handed this stream over to `hayro-syntax` somewhere.
    fn handed_over(data: &[u8]) -> bool {
        let mut lexer = Lexer::new(data);
        while lexer.next().is_some() {}
        lexer.hayro.is_some()
    }

    #[test]
    fn text_operators_with_their_operands() {
        let data = b"BT /F1 12 Tf 1 0 0 1 72.5 -700 Tm (Hello) Tj [(A) -250 <0041 42> 3.5] TJ 2 Tc .5 Tw 90 Tz 14 TL -2 Ts 0 -14 Td 0 -14 TD T* (x) ' 1 2 (y) \" ET";
        assert_eq!(
            ours(data),
            [
                "BeginText",
                "Font([70, 49], 12.0)",
                "TextMatrix([1.0, 0.0, 0.0, 1.0, 72.5, -700.0])",
                "Show([72, 101, 108, 108, 111])",
                "ShowArray[[65] -250.0 [0, 65, 66] 3.5]",
                "CharSpacing(2.0)",
                "WordSpacing(0.5)",
                "Scale(90.0)",
                "Leading(14.0)",
                "Rise(-2.0)",
                "NextLine(0.0, -14.0)",
                "NextLineSetLeading(0.0, -14.0)",
                "NextLineUsingLeading",
                "NextLineShow([120])",
                "ShowSpaced(1.0, 2.0, [121])",
                "Other",
            ]
        );
        assert!(!handed_over(data));
    }

    #[test]
    fn strings_with_escapes_and_nested_parentheses() {
        let data = b"(a\\(b\\)c (nested (twice)) \\\\ \\101\\7x \\n\\\r\nz) Tj <48 65 6c6C 6> Tj (\\)) Tj";
        assert_eq!(
            ours(data),
            [
                format!("Show({:?})", b"a(b)c (nested (twice)) \\ A\x07x \nz"),
                format!("Show({:?})", [0x48, 0x65, 0x6C, 0x6C, 0x60]),
                format!("Show({:?})", b")"),
            ]
        );
        assert_eq!(ours(data), theirs(data));
        assert!(!handed_over(data));
    }

    #[test]
    fn other_operators_are_skipped_and_paths_read() {
        let data = b"q 0.5 0 0 0.5 10 20 cm /GS0 gs [3 2] 0 d 1 0 0 RG /P <</MCID 3 /Alt (x) /D <</A /B>>>> BDC \
            10 10 m 20 10 l 1 2 3 4 5 6 c 1 2 3 4 v 1 2 3 4 y h 0 0 5 5 re W n S s f F f* B B* b b* EMC /Im1 Do Q";
        assert_eq!(
            ours(data),
            [
                "Save",
                "Transform([0.5, 0.0, 0.0, 0.5, 10.0, 20.0])",
                "Other",
                "Other",
                "Other",
                "Other",
                "MoveTo(10.0, 10.0)",
                "LineTo(20.0, 10.0)",
                "CurveTo(5.0, 6.0)",
                "CurveTo(3.0, 4.0)",
                "CurveTo(3.0, 4.0)",
                "ClosePath",
                "Rect([0.0, 0.0, 5.0, 5.0])",
                "Clip",
                "EndPath",
                "Stroke",
                "CloseStroke",
                "Fill",
                "Fill",
                "Fill",
                "FillStroke",
                "FillStroke",
                "CloseFillStroke",
                "CloseFillStroke",
                "Other",
                "XObject([73, 109, 49])",
                "Restore",
            ]
        );
        assert_eq!(ours(data), theirs(data));
        assert!(!handed_over(data));
    }

    #[test]
    fn comments_and_last_operands() {
        // a comment runs to the end of the line; extra operands before the last ones are ignored
        let data = b"% a comment (with a paren\r7 8 9 10 Td %another\n/F2 /F3 9 Tf";
        assert_eq!(ours(data), ["NextLine(9.0, 10.0)", "Font([70, 51], 9.0)"]);
        assert_eq!(ours(data), theirs(data));
    }

    #[test]
    fn errors_end_the_stream_or_skip_the_operator() {
        // wrong operands: a text operator is skipped, a path operator ends the stream
        assert_eq!(ours(b"(a) Td 1 2 Td /X m 5 5 l"), ["Other", "NextLine(1.0, 2.0)"]);
        // a stray delimiter ends it
        assert_eq!(ours(b"1 2 Td ) 3 4 Td"), ["NextLine(1.0, 2.0)"]);
        assert_eq!(ours(b"1 2 Td ] 3 4 Td"), ["NextLine(1.0, 2.0)"]);
        // a 34th operand ends it, 33 do not
        let many = |n: usize| format!("{} 1 2 Td (x) Tj", "0 ".repeat(n - 2));
        assert_eq!(ours(many(33).as_bytes()), ["NextLine(1.0, 2.0)", "Show([120])"]);
        assert_eq!(ours(many(34).as_bytes()), Vec::<String>::new());
        // truncated input: an unterminated string, hex string, array or dictionary
        for data in [&b"1 2 Td (abc"[..], b"1 2 Td <4142", b"1 2 Td [(a) 1", b"1 2 Td <</A 1", b"1 2 Td (a\\"] {
            assert_eq!(ours(data), ["NextLine(1.0, 2.0)"], "{:?}", String::from_utf8_lossy(data));
            assert_eq!(ours(data), theirs(data));
        }
        for data in [&b"1 2 Td 5-3 Tj 1 2 Td"[..], b"- 1 Td", b"1.2.3 4 Td", b"1234567890123456789 0 Td", b"2 3 T#64"] {
            assert_eq!(ours(data), theirs(data), "{:?}", String::from_utf8_lossy(data));
            assert!(handed_over(data));
        }
    }

    #[test]
    fn inline_images_are_skipped_whole() {
        // image data holding `EI` and binary bytes, then text that must be read
        let mut data = b"q BI /W 4 /H 2 /BPC 8 /CS /G ID ".to_vec();
        data.extend_from_slice(&[0xFF, b'E', b'I', 0x00, 0x9C, b'E', b'I', b'x', 0x80]);
        data.extend_from_slice(b"\nEI Q BT /F1 10 Tf (after) Tj ET");
        let got = ours(&data);
        assert_eq!(got, theirs(&data));
        assert_eq!(
            got,
            [
                "Save",
                "Other",
                "Restore",
                "BeginText",
                "Font([70, 49], 10.0)",
                "Show([97, 102, 116, 101, 114])",
                "Other"
            ]
        );
        // an image never ended: nothing after it is read as operators, and nothing panics
        let cut = b"BI /W 1 /H 1 ID \x00\x01EIx";
        assert_eq!(ours(cut), theirs(cut));
    }

    /// A property that can fail: on token soup made of the pieces content streams hold
    /// (and broken ones), our lexer reads exactly what `hayro-syntax` reads.
    #[test]
    fn agrees_with_hayro_syntax_on_token_soup() {
        // what the lexer reads itself, then what it hands over or ends at
        const CLEAN: usize = 39;
        const PIECES: [&[u8]; 48] = [
            b"1",
            b"-2.5",
            b".5",
            b"+3",
            b"0",
            b"12.",
            b"(a)",
            b"(b\\)c)",
            b"((x))",
            b"<41>",
            b"< 4 1 >",
            b"/F1",
            b"/A#42",
            b"/",
            b"[1 (a) 2]",
            b"[(a)<42>-3]",
            b"<</A 1>>",
            b"<</A <</B (c)>> /C /D>>",
            b"Tf",
            b"Tj",
            b"TJ",
            b"Td",
            b"TD",
            b"Tm",
            b"cm",
            b"m",
            b"l",
            b"re",
            b"h",
            b"S",
            b"f*",
            b"W",
            b"n",
            b"q",
            b"Q",
            b"BT",
            b"Do",
            b"%c\n",
            b"true",
            b"-",
            b"1.2.3",
            b"7x",
            b"<4G>",
            b"[/N]",
            b"[[1]]",
            b"<</A true>>",
            b"<</A>>",
            b")",
        ];
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut rand = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut differed = Vec::new();
        for round in 0..4000 {
            let n = 1 + rand() % 40;
            let pieces = if round % 2 == 0 { &PIECES[..CLEAN] } else { &PIECES[..] };
            let mut data = Vec::new();
            for _ in 0..n {
                data.extend_from_slice(pieces[(rand() % pieces.len() as u64) as usize]);
                data.push([b' ', b'\n', b'\r', b'\t'][(rand() % 4) as usize]);
            }
            if ours(&data) != theirs(&data) {
                differed.push(String::from_utf8_lossy(&data).into_owned());
            }
            assert!(round % 2 == 1 || !handed_over(&data), "{:?}", String::from_utf8_lossy(&data));
        }
        assert!(differed.is_empty(), "{} differ, e.g. {:?}", differed.len(), differed.first());
    }
}
