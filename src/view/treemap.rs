//! The treemap mode: a level's items as a squarified treemap (Bruls, Huizing and van Wijk,
//! "Squarified Treemaps", 2000), rectangle area proportional to the first series' value,
//! each rectangle labelled with as much of its name, amount and share as fits inside it
//! (the same width estimate as the rest of the view), in a palette whose text keeps a
//! contrast of at least 4.5:1 against every fill in both themes.
//!
//! The layout ([`layout`]) is pure geometry in CSS pixels, so tests can check every label
//! against its rectangle; [`draw`] puts it on a plotters backend.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;
use rust_decimal::Decimal;

use super::{group_digits, share, text_width, to_f64, Hit, Item, Pen};

/// A rectangle in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Area {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// One line of a rectangle's label: its text and the box the width estimate gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct TileLabel {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub size: f64,
}

/// One rectangle: the item it stands for and the label lines drawn in it.
#[derive(Debug, Clone)]
pub struct Tile<'a> {
    pub item: &'a Item,
    pub area: Area,
    pub labels: Vec<TileLabel>,
}

/// Inner padding of a rectangle's label, CSS pixels.
const INSET: f64 = 4.0;
const NAME: f64 = 12.0;
const FIGURE: f64 = 11.0;
const LEADING: f64 = 3.0;

/// The height of the treemap at a drawing width (CSS pixels).
pub fn plot_height(width: f64) -> f64 {
    (width * 0.6).clamp(200.0, 460.0)
}

fn positive(it: &Item) -> Option<Decimal> {
    it.values.first().copied().flatten().filter(|v| *v > Decimal::ZERO)
}

/// How many of `items` a treemap leaves out: no value, or not positive.
pub fn left_out(items: &[Item]) -> usize {
    items.iter().filter(|i| positive(i).is_none()).count()
}

/// The worst aspect ratio of a row of areas laid along a side of length `side`.
fn worst(row: &[f64], side: f64) -> f64 {
    let sum: f64 = row.iter().sum();
    let (max, min) = row.iter().fold((0.0f64, f64::INFINITY), |(a, b), &v| (a.max(v), b.min(v)));
    if sum <= 0.0 || min <= 0.0 || side <= 0.0 {
        return f64::INFINITY;
    }
    let (s2, w2) = (sum * sum, side * side);
    (w2 * max / s2).max(s2 / (w2 * min))
}

/// Squarified rectangles for `values` (descending, positive) filling `area`, in the same
/// order. Areas are proportional to the values.
pub fn squarify(values: &[f64], area: Area) -> Vec<Area> {
    let total: f64 = values.iter().sum();
    if values.is_empty() || total <= 0.0 || !total.is_finite() || area.w <= 0.0 || area.h <= 0.0 {
        return Vec::new();
    }
    let scale = area.w * area.h / total;
    let sizes: Vec<f64> = values.iter().map(|v| v * scale).collect();
    let mut out = Vec::with_capacity(sizes.len());
    let mut rest = area;
    let mut i = 0;
    while i < sizes.len() {
        let side = rest.w.min(rest.h);
        let mut j = i + 1;
        while j < sizes.len() && worst(&sizes[i..=j], side) <= worst(&sizes[i..j], side) {
            j += 1;
        }
        let row = &sizes[i..j];
        let sum: f64 = row.iter().sum();
        let last = j == sizes.len();
        if rest.w >= rest.h {
            // a column along the left edge
            let t = if last { rest.w } else { (sum / rest.h).min(rest.w) };
            let mut y = rest.y;
            for (k, s) in row.iter().enumerate() {
                let h = if k + 1 == row.len() { rest.y + rest.h - y } else { s / t.max(f64::MIN_POSITIVE) };
                out.push(Area { x: rest.x, y, w: t, h: h.max(0.0) });
                y += h;
            }
            rest = Area { x: rest.x + t, w: (rest.w - t).max(0.0), ..rest };
        } else {
            // a row along the top edge
            let t = if last { rest.h } else { (sum / rest.w).min(rest.h) };
            let mut x = rest.x;
            for (k, s) in row.iter().enumerate() {
                let w = if k + 1 == row.len() { rest.x + rest.w - x } else { s / t.max(f64::MIN_POSITIVE) };
                out.push(Area { x, y: rest.y, w: w.max(0.0), h: t });
                x += w;
            }
            rest = Area { y: rest.y + t, h: (rest.h - t).max(0.0), ..rest };
        }
        i = j;
    }
    out
}

/// `s` if it fits `width` at `size`, else its longest prefix of at least `min` characters
/// with `…` that does; `None` when not even that fits. Never wider than `width`.
fn shorten(s: &str, width: f64, size: f64, min: usize) -> Option<String> {
    if text_width(s, size) <= width {
        return Some(s.to_string());
    }
    let ellipsis = text_width("…", size);
    let mut out = String::new();
    let mut best = None;
    for (n, ch) in s.chars().enumerate() {
        out.push(ch);
        if text_width(&out, size) + ellipsis > width {
            break;
        }
        if n + 1 >= min {
            best = Some(format!("{out}…"));
        }
    }
    best
}

/// The label lines of a rectangle: name, amount, share; or name and share; or the name
/// alone; or the share and amount, or the share alone; or nothing — whatever fits first.
fn labels(area: Area, name: &str, amount: &str, share: Option<&str>) -> Vec<TileLabel> {
    let (iw, ih) = (area.w - 2.0 * INSET, area.h - 2.0 * INSET);
    if iw <= 0.0 || ih <= 0.0 {
        return Vec::new();
    }
    // a name cut to one character says nothing: keep two at least (or the whole name)
    let name = shorten(name, iw, NAME, 2.min(name.chars().count()).max(1));
    let fits = |s: &str, size: f64| (text_width(s, size) <= iw).then(|| s.to_string());
    let amount = fits(amount, FIGURE);
    let share = share.and_then(|s| fits(s, FIGURE));
    let n = |s: &Option<String>| s.clone().map(|t| (t, NAME));
    let f = |s: &Option<String>| s.clone().map(|t| (t, FIGURE));
    let candidates: [Vec<Option<(String, f64)>>; 6] = [
        vec![n(&name), f(&amount), f(&share)],
        vec![n(&name), f(&share)],
        vec![n(&name)],
        vec![f(&share), f(&amount)],
        vec![f(&share)],
        vec![f(&amount)],
    ];
    for lines in candidates {
        let Some(lines) = lines.into_iter().collect::<Option<Vec<_>>>() else { continue };
        let height: f64 = lines.iter().map(|(_, s)| s).sum::<f64>() + LEADING * (lines.len() as f64 - 1.0);
        if height > ih {
            continue;
        }
        let mut y = area.y + INSET;
        return lines
            .into_iter()
            .map(|(text, size)| {
                let l = TileLabel { w: text_width(&text, size), x: area.x + INSET, y, size, text };
                y += size + LEADING;
                l
            })
            .collect();
    }
    Vec::new()
}

/// The rectangles of `items` inside `area` (largest first) with their labels; items with no
/// or no positive value are left out. `total` is the level's total the shares are of.
pub fn layout<'a>(items: &'a [Item], total: Option<Decimal>, area: Area, en: bool) -> Vec<Tile<'a>> {
    let mut shown: Vec<(&Item, Decimal)> = items.iter().filter_map(|i| positive(i).map(|v| (i, v))).collect();
    shown.sort_by_key(|s| std::cmp::Reverse(s.1));
    let values: Vec<f64> = shown.iter().map(|(_, v)| to_f64(*v)).collect();
    let areas = squarify(&values, area);
    shown
        .iter()
        .zip(areas)
        .map(|((it, v), a)| {
            let share = total.and_then(|t| share(*v, t)).map(|s| format!("{s}%"));
            Tile { item: it, area: a, labels: labels(a, it.name(en), &group_digits(*v), share.as_deref()) }
        })
        .collect()
}

fn luminance(c: [u8; 3]) -> f64 {
    let ch = |v: u8| {
        let s = v as f64 / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2])
}

/// The WCAG contrast ratio of two colours (1 to 21).
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

const LIGHT: [[u8; 3]; 8] = [
    [0x2f, 0x6d, 0xb5],
    [0xe8, 0x9a, 0x3c],
    [0x2e, 0x8b, 0x57],
    [0x8e, 0x5b, 0xb5],
    [0xc0, 0x50, 0x4d],
    [0x6c, 0xb8, 0xc4],
    [0x7f, 0x7f, 0x3f],
    [0xe3, 0xa6, 0xc2],
];
const DARK: [[u8; 3]; 8] = [
    [0x3d, 0x6f, 0xa8],
    [0xb8, 0x74, 0x1f],
    [0x3b, 0x7a, 0x57],
    [0x7b, 0x5c, 0xa6],
    [0xa8, 0x51, 0x4e],
    [0x3f, 0x8f, 0x99],
    [0x6e, 0x6e, 0x38],
    [0x9e, 0x55, 0x77],
];

/// The fills of `theme` in order, each with the text colour drawn on it (black or white,
/// whichever contrasts more: at least 4.58:1 whatever the fill).
pub fn colors(theme: &str) -> Vec<([u8; 3], [u8; 3])> {
    let fills = if theme == "dark" { DARK } else { LIGHT };
    fills
        .iter()
        .map(|&f| {
            let text = if contrast(f, [0xff; 3]) >= contrast(f, [0; 3]) { [0xff; 3] } else { [0; 3] };
            (f, text)
        })
        .collect()
}

fn rgb(c: [u8; 3]) -> RGBColor {
    RGBColor(c[0], c[1], c[2])
}

/// Draws the treemap of `items` in `area` and returns the rectangles as hit regions; the
/// items left out are counted in a footnote below.
pub(super) fn draw<DB: DrawingBackend>(
    pen: &mut Pen<'_, DB>,
    items: &[Item],
    total: Option<Decimal>,
    area: Area,
    theme: &str,
    en: bool,
) -> Result<Vec<Hit>, String> {
    let palette = colors(theme);
    let tiles = layout(items, total, area, en);
    let mut hits = Vec::with_capacity(tiles.len());
    for (i, t) in tiles.iter().enumerate() {
        let (fill, text) = palette[i % palette.len()];
        let a = t.area;
        // a one-pixel gap of background between neighbours
        pen.rect(a.x, a.y, a.x + a.w - 1.0, a.y + a.h - 1.0, rgb(fill))?;
        for l in &t.labels {
            pen.text(&l.text, l.x, l.y, l.size, rgb(text), HPos::Left)?;
        }
        hits.push(pen.hit(t.item, total, (a.x, a.y, a.x + a.w, a.y + a.h)));
    }
    let n = left_out(items);
    if n > 0 {
        let note = if en {
            format!("{n} item{} with no positive amount not drawn", if n == 1 { "" } else { "s" })
        } else {
            format!("另有 {n} 项无正数金额，未绘出")
        };
        let width = area.w;
        pen.text(&super::fit(&note, width, 12.0), area.x, area.y + area.h + 4.0, 12.0, pen.p.muted, HPos::Left)?;
    }
    Ok(hits)
}
