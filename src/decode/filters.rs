//! The one bounded stream decoder. Every stream juesuan decodes (page contents, form
//! XObjects, ToUnicode CMaps, and the object and cross-reference streams checked before
//! `hayro-syntax` decodes them itself) goes through [`decode`]: the filter chain of the
//! stream's dictionary with names resolved (`/Fl`, `#`-escaped names, indirect filter
//! objects), each filter writing into an output that counts every byte against the
//! per-stream limit as it is produced, and the [`Budget`] counting every decoded byte of
//! the document against the total. Flate (with or without a zlib header), LZW, RunLength,
//! ASCIIHex and ASCII85, chained in any order; PNG and TIFF predictors after Flate and LZW,
//! their parameters validated first. Image and unknown filters are refused: text never
//! needs them. [`prescan`] bounds what `hayro-syntax` decodes and walks on its own before
//! it opens the file (inflating through a zeroed window, as a reader of damaged data that
//! reads on would; the reader's streams are inflated straight into their output). Knows
//! nothing of 决算 terms.

use hayro_syntax::object::dict::keys;
use hayro_syntax::object::{Array, Dict, MaybeRef, Name, Object};

use crate::error::{Error, Limits};

/// The decoded bytes of the whole document so far, against `Limits::max_decoded_bytes`;
/// and the document's two Flate decompressors, each made once: the windowed one the
/// pre-scan decodes with as `hayro-syntax` will (reset, its window zeroed, for each
/// stream), and the one that inflates the streams the reader reads straight into their
/// output (its state reset for each stream, no window to zero or copy through).
pub struct Budget {
    pub max_stream: usize,
    pub max_total: usize,
    pub total: usize,
    inflater: Option<Box<miniz_oxide::inflate::stream::InflateState>>,
    decompressor: Option<Box<miniz_oxide::inflate::core::DecompressorOxide>>,
}

impl std::fmt::Debug for Budget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Budget")
            .field("max_stream", &self.max_stream)
            .field("max_total", &self.max_total)
            .field("total", &self.total)
            .finish()
    }
}

impl Budget {
    pub fn new(limits: &Limits) -> Budget {
        Budget::with(limits.max_stream_bytes, limits.max_decoded_bytes)
    }

    fn with(max_stream: usize, max_total: usize) -> Budget {
        Budget { max_stream, max_total, total: 0, inflater: None, decompressor: None }
    }

    /// Counts `n` more decoded bytes: one more use of a stream already decoded, or a layer
    /// just produced.
    pub fn charge(&mut self, n: usize) -> Result<(), Error> {
        self.total = self.total.saturating_add(n);
        if self.total > self.max_total {
            return Err(Error::TooLarge { what: "decompressed bytes", limit: self.max_total, actual: self.total });
        }
        Ok(())
    }
}

/// The filters text streams may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Flate,
    Lzw,
    RunLength,
    AsciiHex,
    Ascii85,
    /// `/Crypt` first in a chain: decryption, done before decoding.
    Crypt,
}

impl Filter {
    /// A filter by its name or abbreviation (escapes already resolved by the parser); an
    /// image or unknown filter is refused.
    fn from_name(name: &[u8]) -> Result<Filter, Error> {
        Ok(match name {
            b"FlateDecode" | b"Fl" => Filter::Flate,
            b"LZWDecode" | b"LZW" => Filter::Lzw,
            b"RunLengthDecode" | b"RL" => Filter::RunLength,
            b"ASCIIHexDecode" | b"AHx" => Filter::AsciiHex,
            b"ASCII85Decode" | b"A85" => Filter::Ascii85,
            b"Crypt" => Filter::Crypt,
            other => return Err(unsupported(format!("/{}", String::from_utf8_lossy(&other[..other.len().min(40)])))),
        })
    }
}

fn unsupported(what: String) -> Error {
    Error::PdfUnsupported { what }
}

/// Predictor parameters of one filter (`/DecodeParms`), validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Predictor {
    /// 1 none, 2 TIFF, 10–15 PNG.
    pub predictor: u8,
    pub colors: u32,
    pub bits: u32,
    pub columns: u32,
    /// LZW only.
    pub early_change: bool,
}

/// Most columns a predictor row may have (far beyond any real image or xref stream).
pub const MAX_COLUMNS: u32 = 1 << 24;
/// Most colour components per sample; `Colors × BitsPerComponent` stays below 256, which
/// `hayro-syntax` 0.9 computes in a `u8`.
pub const MAX_COLORS: u32 = 15;

impl Predictor {
    const NONE: Predictor = Predictor { predictor: 1, colors: 1, bits: 8, columns: 1, early_change: true };

    /// Reads and validates `/Predictor`, `/Colors`, `/BitsPerComponent`, `/Columns` and
    /// `/EarlyChange`: a value of the wrong type or out of range is an error, never a
    /// division by zero or a huge row.
    pub fn from_dict(d: &Dict<'_>) -> Result<Predictor, Error> {
        let int = |key: &[u8], default: i64| -> Result<i64, Error> {
            match d.get::<Object<'_>>(key) {
                None | Some(Object::Null(_)) => Ok(default),
                Some(Object::Number(n)) => {
                    let v = n.as_f64();
                    if v.fract() == 0.0 && v.abs() < 1e15 {
                        Ok(v as i64)
                    } else {
                        Err(bad_param(key, &format!("{v}")))
                    }
                }
                Some(_) => Err(bad_param(key, "?")),
            }
        };
        let predictor = int(keys::PREDICTOR, 1)?;
        let colors = int(keys::COLORS, 1)?;
        let bits = int(keys::BITS_PER_COMPONENT, 8)?;
        let columns = int(keys::COLUMNS, 1)?;
        let early = int(keys::EARLY_CHANGE, 1)?;
        if !matches!(predictor, 1 | 2 | 10..=15) {
            return Err(bad_param(keys::PREDICTOR, &predictor.to_string()));
        }
        if !(1..=MAX_COLORS as i64).contains(&colors) {
            return Err(bad_param(keys::COLORS, &colors.to_string()));
        }
        if !matches!(bits, 1 | 2 | 4 | 8 | 16) {
            return Err(bad_param(keys::BITS_PER_COMPONENT, &bits.to_string()));
        }
        if !(1..=MAX_COLUMNS as i64).contains(&columns) {
            return Err(bad_param(keys::COLUMNS, &columns.to_string()));
        }
        if !matches!(early, 0 | 1) {
            return Err(bad_param(keys::EARLY_CHANGE, &early.to_string()));
        }
        Ok(Predictor {
            predictor: predictor as u8,
            colors: colors as u32,
            bits: bits as u32,
            columns: columns as u32,
            early_change: early == 1,
        })
    }

    /// Bytes of one row of samples (without the PNG tag byte): at most 2²⁴ × 15 × 16 / 8.
    fn row_bytes(&self) -> usize {
        (self.columns as usize * self.colors as usize * self.bits as usize).div_ceil(8)
    }

    /// Bytes per whole pixel, at least one (the PNG filters' left neighbour distance).
    fn pixel_bytes(&self) -> usize {
        (self.colors as usize * self.bits as usize).div_ceil(8).max(1)
    }
}

fn bad_param(key: &[u8], value: &str) -> Error {
    unsupported(format!("/DecodeParms /{} {value}", String::from_utf8_lossy(key)))
}

/// A stream's filter chain from its dictionary: `/Filter` a name or an array of names
/// (each possibly an indirect object), `/DecodeParms` a dictionary, an array of them (null
/// for none) or absent. Empty when the stream is not filtered.
pub fn chain(dict: &Dict<'_>) -> Result<Vec<(Filter, Predictor)>, Error> {
    chain_of(dict, keys::FILTER, keys::DECODE_PARMS)
}

/// The chain `hayro-syntax` 0.9 applies to a stream it decodes itself: `/F` before
/// `/Filter`, `/DP` before `/DecodeParms` (the inline-image abbreviations).
fn hayro_chain(dict: &Dict<'_>) -> Result<Vec<(Filter, Predictor)>, Error> {
    let named = |key: &[u8]| matches!(dict.get::<Object<'_>>(key), Some(Object::Name(_) | Object::Array(_)));
    let filter = if named(keys::F) { keys::F } else { keys::FILTER };
    let params = if dict.contains_key(keys::DP) { keys::DP } else { keys::DECODE_PARMS };
    chain_of(dict, filter, params)
}

fn chain_of(dict: &Dict<'_>, filter_key: &[u8], params_key: &[u8]) -> Result<Vec<(Filter, Predictor)>, Error> {
    let filters: Vec<Name<'_>> = match dict.get::<Object<'_>>(filter_key) {
        None | Some(Object::Null(_)) => return Ok(Vec::new()),
        Some(Object::Name(n)) => vec![n],
        Some(Object::Array(a)) => names(&a)?,
        Some(_) => return Err(unsupported("/Filter ?".into())),
    };
    if filters.len() > 8 {
        return Err(unsupported(format!("/Filter [{} filters]", filters.len())));
    }
    let params: Vec<Option<Dict<'_>>> = match dict.get::<Object<'_>>(params_key) {
        Some(Object::Dict(d)) => vec![Some(d)],
        Some(Object::Array(a)) => a.iter::<Object<'_>>().take(9).map(|o| o.into_dict()).collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::with_capacity(filters.len());
    for (i, name) in filters.iter().enumerate() {
        let filter = Filter::from_name(name.as_ref())?;
        let params = match params.get(i) {
            Some(Some(d)) => Predictor::from_dict(d)?,
            _ => Predictor::NONE,
        };
        if filter == Filter::Crypt && i != 0 {
            return Err(unsupported("/Crypt".into()));
        }
        out.push((filter, params));
    }
    Ok(out)
}

/// The names of a `/Filter` array, each resolved; anything else in it is refused.
fn names<'a>(a: &Array<'a>) -> Result<Vec<Name<'a>>, Error> {
    let mut out = Vec::new();
    for item in a.iter::<Object<'_>>().take(9) {
        match item {
            Object::Name(n) => out.push(n),
            _ => return Err(unsupported("/Filter [?]".into())),
        }
    }
    Ok(out)
}

/// Whether a `/Filter` entry is (or holds) an indirect reference: unresolvable where there
/// is no cross-reference table yet.
fn filter_is_indirect(dict: &Dict<'_>) -> bool {
    [keys::FILTER, keys::F, keys::DECODE_PARMS, keys::DP].iter().any(|key| match dict.get_raw::<Object<'_>>(key) {
        Some(MaybeRef::Ref(_)) => true,
        Some(MaybeRef::NotRef(Object::Array(a))) => a.raw_iter().take(9).any(|o| matches!(o, MaybeRef::Ref(_))),
        _ => false,
    })
}

/// Decodes `raw` (already decrypted) through `chain`, each layer's output at most
/// `budget.max_stream` bytes and counted against the document's total. A layer that ends
/// in corrupt data keeps what it decoded before (readers are lenient with truncated
/// streams); a limit is an error.
pub fn decode(raw: &[u8], chain: &[(Filter, Predictor)], budget: &mut Budget) -> Result<Vec<u8>, Error> {
    decode_with(raw, chain, budget, Inflate::Flat)
}

/// How Flate data is inflated.
#[derive(Clone, Copy)]
enum Inflate {
    /// Straight into the output, the output its own window: a back-reference past its
    /// start ends the stream (damaged data), as it ends any other damage.
    Flat,
    /// Through a zeroed window, as the pre-scan must: there such a back-reference reads
    /// zeros and the stream goes on, so no damaged stream counts fewer bytes here than a
    /// decoder that reads on would make of it.
    Windowed,
}

fn decode_with(
    raw: &[u8],
    chain: &[(Filter, Predictor)],
    budget: &mut Budget,
    inflate: Inflate,
) -> Result<Vec<u8>, Error> {
    let mut current: Option<Vec<u8>> = None;
    for (filter, params) in chain {
        let input: &[u8] = current.as_deref().unwrap_or(raw);
        let mut out = Out { bytes: Vec::new(), max: budget.max_stream };
        match filter {
            Filter::Crypt => continue,
            Filter::Flate => match inflate {
                Inflate::Flat => flate_flat(input, &mut out, &mut budget.decompressor)?,
                Inflate::Windowed => flate(input, &mut out, &mut budget.inflater)?,
            },
            Filter::Lzw => lzw(input, params.early_change, &mut out)?,
            Filter::RunLength => run_length(input, &mut out)?,
            Filter::AsciiHex => ascii_hex(input, &mut out)?,
            Filter::Ascii85 => ascii85(input, &mut out)?,
        }
        let mut bytes = out.bytes;
        if matches!(filter, Filter::Flate | Filter::Lzw) && params.predictor != 1 {
            bytes = unpredict(bytes, params);
        }
        budget.charge(bytes.len())?;
        current = Some(bytes);
    }
    match current {
        Some(bytes) => Ok(bytes),
        None => {
            budget.charge(raw.len())?;
            Ok(raw.to_vec())
        }
    }
}

/// A decoder's output: refuses to grow past `max`.
struct Out {
    bytes: Vec<u8>,
    max: usize,
}

impl Out {
    fn over(&self, more: usize) -> Error {
        Error::TooLarge { what: "decompressed stream bytes", limit: self.max, actual: self.bytes.len() + more }
    }

    fn push(&mut self, b: u8) -> Result<(), Error> {
        if self.bytes.len() >= self.max {
            return Err(self.over(1));
        }
        self.bytes.push(b);
        Ok(())
    }

    fn extend(&mut self, s: &[u8]) -> Result<(), Error> {
        if self.bytes.len() + s.len() > self.max {
            return Err(self.over(s.len()));
        }
        self.bytes.extend_from_slice(s);
        Ok(())
    }
}

/// Flate data as both inflaters read it: past a zlib header without a preset dictionary,
/// raw deflate data (the Adler-32 trailer is then not checked: a reader of damaged files
/// would not stop at it either, a failed check ending the stream where the data ends
/// anyway, and it spared computing it over every byte); `true` when a zlib header (with a
/// preset dictionary) is left for the inflater to parse.
fn deflate_data(input: &[u8]) -> (&[u8], bool) {
    let zlib = input.len() >= 2
        && input[0] & 0x0F == 8
        && input[0] >> 4 <= 7
        && (u16::from(input[0]) << 8 | u16::from(input[1])) % 31 == 0;
    match (zlib, zlib && input[1] & 0x20 != 0) {
        (true, false) => (&input[2..], false),
        (true, true) => (input, true),
        _ => (input, false),
    }
}

/// Inflates zlib (header checked) or raw deflate data straight into the output, which
/// grows in steps (first four times the input, then as much as it holds: at most twice
/// what it ends with is ever allocated and zeroed) up to the limit.
fn flate(
    input: &[u8],
    out: &mut Out,
    inflater: &mut Option<Box<miniz_oxide::inflate::stream::InflateState>>,
) -> Result<(), Error> {
    use miniz_oxide::inflate::stream::{inflate, InflateState};
    use miniz_oxide::{DataFormat, MZFlush, MZStatus};
    let (input, header) = deflate_data(input);
    let format = if header { DataFormat::Zlib } else { DataFormat::Raw };
    let state = match inflater {
        Some(state) => {
            // as new: decompressor, flags and window (a corrupt stream's distances reach zeros)
            state.reset(format);
            state
        }
        None => inflater.insert(InflateState::new_boxed(format)),
    };
    let bytes = &mut out.bytes;
    let first = input.len().saturating_mul(4).clamp(4096, 4 << 20);
    let mut rest = input;
    loop {
        let len = bytes.len();
        if len >= out.max {
            // full: one byte more is over the limit, and the stream is not done
            let mut probe = [0u8; 1];
            let r = inflate(state, rest, &mut probe, MZFlush::None);
            if r.bytes_written > 0 {
                return Err(Error::TooLarge { what: "decompressed stream bytes", limit: out.max, actual: len + 1 });
            }
            return Ok(());
        }
        let step = if len == 0 { first } else { len.clamp(4096, 4 << 20) }.min(out.max - len);
        bytes.resize(len + step, 0);
        let r = inflate(state, rest, &mut bytes[len..], MZFlush::None);
        rest = &rest[r.bytes_consumed..];
        bytes.truncate(len + r.bytes_written);
        match r.status {
            Ok(MZStatus::Ok) if r.bytes_consumed > 0 || r.bytes_written > 0 => {}
            _ => return Ok(()),
        }
    }
}

/// [`flate`]'s reading straight into the output: `miniz_oxide`'s decompressor with the
/// output as its window (no 32 KB window zeroed for each stream, nor every byte copied out
/// of it). The output grows as in [`flate`], up to one byte past the limit: a stream that
/// reaches that byte is over it.
fn flate_flat(
    input: &[u8],
    out: &mut Out,
    decompressor: &mut Option<Box<miniz_oxide::inflate::core::DecompressorOxide>>,
) -> Result<(), Error> {
    use miniz_oxide::inflate::core::inflate_flags::{
        TINFL_FLAG_COMPUTE_ADLER32, TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    };
    use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    let (input, header) = deflate_data(input);
    let mut flags = TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    if header {
        flags |= TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_COMPUTE_ADLER32;
    }
    let state = decompressor.get_or_insert_with(|| Box::new(DecompressorOxide::new()));
    state.init();
    let cap = out.max.saturating_add(1);
    let bytes = &mut out.bytes;
    let (mut read, mut written) = (0usize, 0usize);
    let mut len = input.len().saturating_mul(4).clamp(4096, 4 << 20).min(cap);
    loop {
        bytes.resize(len, 0);
        let (status, n_in, n_out) = decompress(state, &input[read..], bytes, written, flags);
        read += n_in;
        written += n_out;
        if written > out.max {
            return Err(Error::TooLarge { what: "decompressed stream bytes", limit: out.max, actual: written });
        }
        match status {
            TINFLStatus::HasMoreOutput if len < cap => len = len.saturating_add(len.clamp(4096, 4 << 20)).min(cap),
            _ => break,
        }
    }
    bytes.truncate(written);
    Ok(())
}

/// LZW as PDF uses it: 9- to 12-bit codes, MSB first, 256 clear, 257 end; `early` switches
/// code width one code early.
fn lzw(input: &[u8], early: bool, out: &mut Out) -> Result<(), Error> {
    const CLEAR: usize = 256;
    const END: usize = 257;
    // each entry: (prefix code, last byte, length)
    let mut table: Vec<(u16, u8, u32)> = (0..258).map(|b| (u16::MAX, b as u8, 1)).collect();
    let mut width = 9u32;
    let (mut acc, mut bits) = (0u32, 0u32);
    let mut prev: Option<usize> = None;
    let mut scratch: Vec<u8> = Vec::new();
    let mut bytes = input.iter();
    loop {
        while bits < width {
            let Some(&b) = bytes.next() else { return Ok(()) };
            acc = (acc << 8) | u32::from(b);
            bits += 8;
        }
        let code = ((acc >> (bits - width)) & ((1 << width) - 1)) as usize;
        bits -= width;
        acc &= (1u32 << bits).wrapping_sub(1);
        if code == CLEAR {
            table.truncate(258);
            width = 9;
            prev = None;
            continue;
        }
        if code == END {
            return Ok(());
        }
        // the string of `code` (or, for the code being defined, prev's string + its first byte)
        let known = code < table.len();
        let Some(p) = prev.or(known.then_some(code)) else { return Ok(()) };
        if !known && (code != table.len() || prev.is_none()) {
            return Ok(()); // corrupt: keep what was decoded
        }
        let walk = if known { code } else { p };
        scratch.clear();
        let mut c = walk;
        loop {
            let (prefix, byte, _) = table[c];
            scratch.push(byte);
            if prefix == u16::MAX {
                break;
            }
            c = prefix as usize;
        }
        scratch.reverse();
        let first = scratch[0];
        if !known {
            scratch.push(first);
        }
        out.extend(&scratch)?;
        if let Some(p) = prev {
            if table.len() < 4096 {
                let len = table[p].2 + 1;
                table.push((p as u16, first, len));
            }
        }
        prev = Some(code);
        let next = table.len() + usize::from(early);
        width = match next {
            0..=511 => 9,
            512..=1023 => 10,
            1024..=2047 => 11,
            _ => 12,
        };
    }
}

fn run_length(input: &[u8], out: &mut Out) -> Result<(), Error> {
    let mut i = 0;
    while i < input.len() {
        let n = input[i] as usize;
        i += 1;
        match n {
            0..=127 => {
                let end = (i + n + 1).min(input.len());
                out.extend(&input[i..end])?;
                i = end;
            }
            128 => return Ok(()),
            _ => {
                let Some(&b) = input.get(i) else { return Ok(()) };
                for _ in 0..257 - n {
                    out.push(b)?;
                }
                i += 1;
            }
        }
    }
    Ok(())
}

fn ascii_hex(input: &[u8], out: &mut Out) -> Result<(), Error> {
    let mut high: Option<u8> = None;
    for &b in input {
        if b == b'>' {
            break;
        }
        let Some(d) = (b as char).to_digit(16) else { continue };
        match high.take() {
            Some(h) => out.push(h << 4 | d as u8)?,
            None => high = Some(d as u8),
        }
    }
    if let Some(h) = high {
        out.push(h << 4)?;
    }
    Ok(())
}

fn ascii85(input: &[u8], out: &mut Out) -> Result<(), Error> {
    let input = input.strip_prefix(b"<~").unwrap_or(input);
    let mut group = [0u32; 5];
    let mut n = 0;
    for &b in input {
        match b {
            b'~' => break,
            b'z' if n == 0 => out.extend(&[0; 4])?,
            b'!'..=b'u' => {
                group[n] = u32::from(b - b'!');
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
                    out.extend(&v.to_be_bytes())?;
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for d in group.iter_mut().skip(n) {
            *d = 84;
        }
        let v = group.iter().fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
        out.extend(&v.to_be_bytes()[..n - 1])?;
    }
    Ok(())
}

/// Undoes a TIFF (2) or PNG (10–15) predictor in place; the output is never longer than
/// the input. A short last row is dropped, as other readers do.
fn unpredict(mut data: Vec<u8>, p: &Predictor) -> Vec<u8> {
    let row = p.row_bytes();
    let bpp = p.pixel_bytes();
    if p.predictor == 2 {
        if p.bits == 8 {
            for r in data.chunks_exact_mut(row) {
                for i in bpp..r.len() {
                    r[i] = r[i].wrapping_add(r[i - bpp]);
                }
            }
        } else if p.bits == 16 {
            let step = 2 * p.colors as usize;
            for r in data.chunks_exact_mut(row) {
                for i in (step..r.len().saturating_sub(1)).step_by(2) {
                    let v = u16::from_be_bytes([r[i], r[i + 1]])
                        .wrapping_add(u16::from_be_bytes([r[i - step], r[i - step + 1]]));
                    r[i..i + 2].copy_from_slice(&v.to_be_bytes());
                }
            }
        }
        // 1-, 2- and 4-bit TIFF prediction is for images only: left as is
        let whole = data.len() / row * row;
        data.truncate(whole);
        return data;
    }
    let stride = row + 1;
    let rows = data.len() / stride;
    let mut prev = vec![0u8; row];
    for r in 0..rows {
        let tag = data[r * stride];
        let src = r * stride + 1;
        let dst = r * row;
        // rows move left by one byte each: dst < src, so copy_within is safe in order
        data.copy_within(src..src + row, dst);
        let line = &mut data[dst..dst + row];
        for i in 0..row {
            let left = if i >= bpp { line[i - bpp] } else { 0 };
            let up = prev[i];
            let up_left = if i >= bpp { prev[i - bpp] } else { 0 };
            line[i] = line[i].wrapping_add(match tag {
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            });
        }
        prev.copy_from_slice(line);
    }
    data.truncate(rows * row);
    data
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = ((p - i16::from(a)).abs(), (p - i16::from(b)).abs(), (p - i16::from(c)).abs());
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Object streams and cross-reference streams are decoded, and the page tree walked,
/// inside `hayro-syntax` while it opens the file, where no limit can be passed in. Before
/// that, this one linear pass over
/// the bytes finds every stream object shaped like one (`/Type /ObjStm` or `/XRef`, or the
/// keys they need: `/W`, or `/N` with `/First`), plus every stream a cross-reference
/// stream names as an object stream, and runs it through [`decode`] with the chain
/// `hayro-syntax` would apply (output discarded): a bomb, an invalid predictor or a filter
/// that cannot be decoded is refused before the parser meets it. Nothing else is decoded
/// here: content streams, fonts and images are left to the reader, which decodes only
/// what the text needs. The entries of the `/Kids` arrays are counted on the way
/// ([`Kids`]).
///
/// Not covered: the object streams of an encrypted file are checked as the encrypted bytes
/// (they are decrypted inside `hayro-syntax`), so their limit is not enforced here.
pub fn prescan(bytes: &[u8], budget: &mut Budget, max_pages: usize) -> Result<(), Error> {
    use hayro_syntax::reader::{Reader, ReaderContext, ReaderExt};
    use std::collections::{HashMap, HashSet};
    let ctx = ReaderContext::dummy();
    let mut at = 0;
    let mut checked: HashSet<u32> = HashSet::new();
    let mut kids = Kids::new(max_pages);
    let mut named: HashSet<u32> = HashSet::new();
    // other streams by object number: where their dictionary starts
    let mut others: HashMap<u32, usize> = HashMap::new();
    // the dictionary at `dict_at`, the stream's data (`None`: no stream), where it ends
    let stream_at = |dict_at: usize| -> Option<(Dict<'_>, Option<&[u8]>, usize)> {
        let mut r = Reader::new(bytes);
        r.jump(dict_at);
        let dict = r.read_with_context::<Dict<'_>>(&ctx)?;
        let after = r.offset();
        r.skip_white_spaces_and_comments();
        if r.forward_tag(b"stream").is_none() {
            return Some((dict, None, after));
        }
        let _ = r.forward_tag(b"\r\n").or_else(|| r.forward_tag(b"\n")).or_else(|| r.forward_tag(b"\r"));
        let start = r.offset();
        let (data, end) = stream_data(bytes, start, &dict);
        Some((dict, Some(data), end))
    };
    while let Some(p) = find(&bytes[at..], b"obj") {
        let kw = at + p;
        at = kw + 3;
        let Some(number) = object_number_before(bytes, kw) else { continue };
        let mut dict_at = kw + 3;
        while dict_at < bytes.len() && bytes[dict_at].is_ascii_whitespace() {
            dict_at += 1;
        }
        if !bytes[dict_at..].starts_with(b"<<") {
            continue;
        }
        let Some((dict, data, end)) = stream_at(dict_at) else { continue };
        at = end.max(at);
        let Some(data) = data else { continue };
        let internal = match dict.get::<Name<'_>>(keys::TYPE) {
            Some(t) if matches!(t.as_ref(), b"ObjStm" | b"XRef") => true,
            _ => dict.contains_key(keys::W) || (dict.contains_key(keys::N) && dict.contains_key(keys::FIRST)),
        };
        if internal {
            check_one(&dict, data, budget, &mut named, &mut kids)?;
            checked.insert(number);
        } else {
            others.insert(number, dict_at);
        }
    }
    let mut targets: Vec<u32> = named.difference(&checked).copied().collect();
    targets.sort_unstable();
    for number in targets {
        if let Some((dict, Some(data), _)) = others.get(&number).and_then(|&at| stream_at(at)) {
            check_one(&dict, data, budget, &mut HashSet::new(), &mut kids)?;
        }
    }
    count_kids(bytes, &mut kids)
}

/// `hayro-syntax` walks the whole page tree while it opens the file and keeps about 1 KB
/// per page it finds, each entry of a `/Kids` array that is a dictionary or names one
/// (a 20 MB file of 4 M empty dictionaries in one `/Kids` array took 3.8 GB). The entries
/// of every `/Kids` array, in the file and in the object streams, are counted first:
/// more than [`Kids::max`] is refused before the walk. The pages themselves are counted
/// against `max_pages` after it.
struct Kids {
    seen: usize,
    max: usize,
}

impl Kids {
    /// A real tree has a few inner nodes for each hundred pages: eight entries per page
    /// allowed is memory, not a page count.
    fn new(max_pages: usize) -> Kids {
        Kids { seen: 0, max: max_pages.saturating_mul(8).saturating_add(1024) }
    }
}

fn count_kids(data: &[u8], kids: &mut Kids) -> Result<(), Error> {
    use hayro_syntax::reader::{Reader, ReaderContext, ReaderExt};
    let ctx = ReaderContext::dummy();
    let mut at = 0;
    // a name that may be `Kids`: `/K…`, or escaped from its first letter on (`/#4Bids`)
    while let Some(p) = memchr::memchr(b'/', &data[at..]) {
        let start = at + p;
        at = start + 1;
        if !matches!(data.get(start + 1), Some(b'K' | b'#')) {
            continue;
        }
        let mut r = Reader::new(data);
        r.jump(start);
        let Some(name) = r.read_with_context::<Name<'_>>(&ctx) else { continue };
        if name.as_ref() != b"Kids" {
            continue;
        }
        r.skip_white_spaces_and_comments();
        let Some(array) = r.read_with_context::<Array<'_>>(&ctx) else { continue };
        at = r.offset().max(at);
        for _ in array.raw_iter() {
            kids.seen += 1;
            if kids.seen > kids.max {
                return Err(Error::TooLarge { what: "page tree entries", limit: kids.max, actual: kids.seen });
            }
        }
    }
    Ok(())
}

/// Decodes one object or cross-reference stream as `hayro-syntax` would, bounded; counts
/// the `/Kids` entries of the objects in it; for a cross-reference stream, adds the object
/// streams its entries name to `named`.
fn check_one(
    dict: &Dict<'_>,
    data: &[u8],
    budget: &mut Budget,
    named: &mut std::collections::HashSet<u32>,
    kids: &mut Kids,
) -> Result<(), Error> {
    if filter_is_indirect(dict) {
        return Err(unsupported("/Filter as an indirect object in an object stream".into()));
    }
    let decoded = decode_with(data, &hayro_chain(dict)?, budget, Inflate::Windowed)?;
    count_kids(&decoded, kids)?;
    let Some(w) = dict.get::<Array<'_>>(keys::W) else { return Ok(()) };
    let w: Vec<usize> = w.iter::<i64>().map(|v| v.clamp(0, 9) as usize).collect();
    let [w1, w2, w3] = w[..] else { return Ok(()) };
    let row = w1 + w2 + w3;
    if row == 0 || w2 == 0 || w2 > 8 || w1 > 8 {
        return Ok(());
    }
    let field = |b: &[u8]| b.iter().fold(0u64, |acc, &x| (acc << 8) | u64::from(x));
    for entry in decoded.chunks_exact(row) {
        let kind = if w1 == 0 { 1 } else { field(&entry[..w1]) };
        if kind == 2 {
            if let Ok(n) = u32::try_from(field(&entry[w1..w1 + w2])) {
                named.insert(n);
            }
        }
    }
    Ok(())
}

/// A stream's data: `/Length` bytes when it is a direct number and `endstream` follows,
/// else up to the next `endstream` (or the end of the file); and where the scan goes on.
fn stream_data<'a>(bytes: &'a [u8], start: usize, dict: &Dict<'_>) -> (&'a [u8], usize) {
    if let Some(Object::Number(n)) = dict.get_raw::<Object<'_>>(keys::LENGTH).and_then(|m| match m {
        MaybeRef::NotRef(o) => Some(o),
        MaybeRef::Ref(_) => None,
    }) {
        let len = n.as_f64();
        if len >= 0.0 && len.fract() == 0.0 && start as f64 + len <= bytes.len() as f64 {
            let end = start + len as usize;
            let mut e = end;
            while e < bytes.len() && bytes[e].is_ascii_whitespace() {
                e += 1;
            }
            if bytes[e..].starts_with(b"endstream") {
                return (&bytes[start..end], e + 9);
            }
        }
    }
    match find(&bytes[start..], b"endstream") {
        Some(p) => (&bytes[start..start + p], start + p + 9),
        None => (&bytes[start..], bytes.len()),
    }
}

/// `N G obj`: the object number before the keyword at `kw`, if it is one.
fn object_number_before(bytes: &[u8], kw: usize) -> Option<u32> {
    let after = bytes.get(kw + 3).copied().unwrap_or(b' ');
    if after.is_ascii_alphanumeric() {
        return None;
    }
    let mut i = kw;
    let digits_back = |i: &mut usize| -> Option<(usize, usize)> {
        let end = *i;
        while *i > 0 && bytes[*i - 1].is_ascii_digit() {
            *i -= 1;
        }
        (*i < end).then_some((*i, end))
    };
    let spaces_back = |i: &mut usize| -> bool {
        let end = *i;
        while *i > 0 && bytes[*i - 1].is_ascii_whitespace() {
            *i -= 1;
        }
        *i < end
    };
    if !spaces_back(&mut i) {
        return None;
    }
    digits_back(&mut i)?;
    if !spaces_back(&mut i) {
        return None;
    }
    let (s, e) = digits_back(&mut i)?;
    std::str::from_utf8(&bytes[s..e]).ok()?.parse().ok()
}

/// The first `needle` in `hay`, found by its last byte (`j` of `obj`, `m` of `endstream`:
/// rarer than the first) with `memchr` (`memmem` would add its own searchers to the wasm).
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let n = needle.len();
    let mut at = n - 1;
    while at < hay.len() {
        let end = at + memchr::memchr(needle[n - 1], &hay[at..])? + 1;
        if hay[end - n..end] == *needle {
            return Some(end - n);
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget() -> Budget {
        Budget::with(1 << 20, 1 << 22)
    }

    fn out(max: usize) -> Out {
        Out { bytes: Vec::new(), max }
    }

    #[test]
    fn flate_with_and_without_header() {
        let text = b"BT (Total 123.45) Tj ET".repeat(10);
        for packed in
            [miniz_oxide::deflate::compress_to_vec_zlib(&text, 6), miniz_oxide::deflate::compress_to_vec(&text, 6)]
        {
            let mut o = out(1 << 20);
            flate(&packed, &mut o, &mut None).unwrap();
            assert_eq!(o.bytes, text);
        }
    }

    /// One decompressor serves the document: after a corrupt or cut stream, and after a
    /// stream whose window it filled, the next stream decodes as with a fresh one.
    #[test]
    fn reused_decompressor_is_as_new() {
        let text: Vec<u8> = (0..20_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&text, 6);
        let mut corrupt = packed.clone();
        corrupt[40] ^= 0x5A;
        let chain = [(Filter::Flate, Predictor::NONE)];
        for mode in [Inflate::Flat, Inflate::Windowed] {
            let fresh = |data: &[u8]| decode_with(data, &chain, &mut budget(), mode).unwrap();
            let mut shared = budget();
            for data in [&packed[..], &corrupt, &packed[..packed.len() / 2], &packed, &corrupt, &packed[..9]] {
                assert_eq!(decode_with(data, &chain, &mut shared, mode).unwrap(), fresh(data));
            }
            assert_eq!(fresh(&packed), text);
        }
    }

    /// Both ways of inflating give the same bytes for whole streams of any size (the output
    /// grown in steps), and the same for a cut one; both allow exactly the limit and refuse
    /// one byte more.
    #[test]
    fn flat_and_windowed_inflate_agree_and_keep_the_limit() {
        let chain = [(Filter::Flate, Predictor::NONE)];
        for n in [0usize, 1, 4095, 4096, 4097, 70_000, 300_000] {
            let text: Vec<u8> = (0..n as u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 27) as u8).collect();
            for packed in
                [miniz_oxide::deflate::compress_to_vec_zlib(&text, 6), miniz_oxide::deflate::compress_to_vec(&text, 1)]
            {
                let flat = decode_with(&packed, &chain, &mut budget(), Inflate::Flat).unwrap();
                assert_eq!(flat, text, "{n} bytes");
                let cut = &packed[..packed.len() * 2 / 3];
                assert_eq!(
                    decode_with(cut, &chain, &mut budget(), Inflate::Flat).unwrap(),
                    decode_with(cut, &chain, &mut budget(), Inflate::Windowed).unwrap(),
                    "{n} bytes, cut"
                );
            }
        }
        let text = vec![b'x'; 10_000];
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&text, 6);
        for mode in [Inflate::Flat, Inflate::Windowed] {
            let exact = decode_with(&packed, &chain, &mut Budget::with(10_000, 1 << 22), mode).unwrap();
            assert_eq!(exact.len(), 10_000);
            match decode_with(&packed, &chain, &mut Budget::with(9_999, 1 << 22), mode) {
                Err(Error::TooLarge { what: "decompressed stream bytes", limit: 9_999, actual: 10_000 }) => {}
                other => panic!("one byte over the limit: {other:?}"),
            }
        }
    }

    #[test]
    fn ascii_filters_and_run_length() {
        let mut o = out(100);
        ascii_hex(b"4 16\n2 2>junk", &mut o).unwrap();
        assert_eq!(o.bytes, b"Ab ");
        let mut o = out(100);
        ascii85(b"<~87cURD]i,\"Ebo80~>", &mut o).unwrap();
        assert_eq!(o.bytes, b"Hello World!");
        let mut o = out(100);
        run_length(&[2, b'a', b'b', b'c', 253, b'x', 128, b'z'], &mut o).unwrap();
        assert_eq!(o.bytes, b"abcxxxx");
        let mut o = out(3);
        assert!(matches!(run_length(&[129, b'x'], &mut o), Err(Error::TooLarge { .. })));
    }

    #[test]
    fn lzw_round_trip() {
        // "-----A---B" from the PDF reference (7.4.4.2), EarlyChange 1
        let data = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        let mut o = out(100);
        lzw(&data, true, &mut o).unwrap();
        assert_eq!(o.bytes, b"-----A---B");
    }

    #[test]
    fn png_up_and_tiff_predictors() {
        // two rows of three bytes, PNG Up: second row adds the first
        let p = Predictor { predictor: 12, colors: 1, bits: 8, columns: 3, early_change: true };
        assert_eq!(unpredict(vec![2, 1, 2, 3, 2, 1, 1, 1], &p), [1, 2, 3, 2, 3, 4]);
        let p = Predictor { predictor: 2, colors: 1, bits: 8, columns: 3, early_change: true };
        assert_eq!(unpredict(vec![1, 1, 1, 5, 0, 0, 9], &p), [1, 2, 3, 5, 5, 5]);
    }

    #[test]
    fn chains_decode_in_order_and_count_the_budget() {
        let text = b"BT (x) Tj ET";
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(text, 6);
        let hex: Vec<u8> = packed.iter().flat_map(|b| format!("{b:02x}").into_bytes()).collect();
        let chain = [(Filter::AsciiHex, Predictor::NONE), (Filter::Flate, Predictor::NONE)];
        let mut b = budget();
        assert_eq!(decode(&hex, &chain, &mut b).unwrap(), text);
        assert_eq!(b.total, packed.len() + text.len());
    }
}
