//! The browser boundary: the only module that knows wasm-bindgen. Thin: bytes in, plain
//! JS objects (serde-wasm-bindgen, decimals as strings) or text out; chart specs drawn
//! onto a canvas through plotters-canvas. Every error becomes a JS `Error` with the
//! message, never a trap.

use serde::Serialize;
use wasm_bindgen::prelude::*;

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn to_js<T: Serialize + ?Sized>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(js_error)
}

fn read(bytes: &[u8]) -> Result<crate::Report, JsError> {
    crate::parse(bytes).map_err(js_error)
}

/// Parses a report (PDF or text, detected by content) into a plain object.
#[wasm_bindgen]
pub fn parse(bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(&read(bytes)?)
}

/// The facts export as CSV, identical to `juesuan export --format csv`.
#[wasm_bindgen(js_name = factsCsv)]
pub fn facts_csv(bytes: &[u8]) -> Result<String, JsError> {
    Ok(crate::export::to_csv(&read(bytes)?))
}

/// The whole report as JSON text, identical to `juesuan export --format json`.
#[wasm_bindgen(js_name = reportJson)]
pub fn report_json(bytes: &[u8]) -> Result<String, JsError> {
    Ok(crate::export::to_json(&read(bytes)?))
}

/// The audit of a report: `{ findings, runs }` as a plain object (decimals as strings).
#[wasm_bindgen]
pub fn audit(bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(&crate::check::check(&read(bytes)?))
}

#[derive(Serialize)]
struct Analysis<'a> {
    report: &'a crate::Report,
    audit: crate::check::Audit,
    rules: &'static [crate::check::Rule],
    charts: Vec<crate::view::Chart>,
    summary: crate::view::Summary,
    csv: String,
}

/// Everything the page shows, from one parse, as JSON text (one string crosses the
/// boundary and the worker boundary faster than a large object graph):
/// `{ report, audit, rules, charts, summary, csv }`, where `csv` is the command line's export byte
/// for byte (the JSON export, larger and rarely wanted, comes from `reportJson`). `progress(done, total)` is called after each PDF page.
#[wasm_bindgen]
pub fn analyze(bytes: Vec<u8>, progress: Option<js_sys::Function>) -> Result<String, JsError> {
    let mut on_page = |done: usize, total: usize| {
        if let Some(f) = &progress {
            let _ = f.call2(&JsValue::NULL, &JsValue::from(done as u32), &JsValue::from(total as u32));
        }
    };
    // the bytes are the module's own copy: handed to the parser, not copied again
    let report = crate::parse_owned(bytes, &crate::Limits::default(), &mut on_page).map_err(js_error)?;
    let audit = crate::check::check(&report);
    let analysis = Analysis {
        summary: crate::view::summary(&report, &audit),
        audit,
        rules: crate::check::RULES,
        charts: crate::view::charts(&report),
        csv: crate::export::to_csv(&report),
        report: &report,
    };
    serde_json::to_string(&analysis).map_err(js_error)
}

fn options(opts: JsValue) -> Result<crate::view::DrawOptions, JsError> {
    if opts.is_undefined() || opts.is_null() {
        return Ok(crate::view::DrawOptions::default());
    }
    serde_wasm_bindgen::from_value(opts).map_err(js_error)
}

/// Draws a chart spec (one of `analyze().charts`) onto `canvas`, sizing the canvas to
/// `options.width × options.scale` by the chart's height. Returns `{ hits, items, total }`:
/// the hit regions (`{ key, drill, x, y, w, h, label, label_en, code, amount, share }` in
/// canvas pixels) for clicks and tooltips, the items of the level drawn (for the chart's
/// data table) and the level's total of the first series (a decimal string, or null).
#[wasm_bindgen(js_name = drawChart)]
pub fn draw_chart(canvas: web_sys::HtmlCanvasElement, chart: JsValue, opts: JsValue) -> Result<JsValue, JsError> {
    let chart: crate::view::Chart = serde_wasm_bindgen::from_value(chart).map_err(js_error)?;
    let opts = options(opts)?;
    canvas.set_width((opts.width as f64 * opts.scale).round() as u32);
    canvas.set_height(crate::view::height(&chart, &opts));
    let backend = plotters_canvas::CanvasBackend::with_canvas_object(canvas)
        .ok_or_else(|| js_error("canvas 2d context unavailable"))?;
    let drawn = crate::view::draw(backend, &chart, &opts).map_err(js_error)?;
    to_js(&drawn)
}

/// The chart as an SVG document (for download).
#[wasm_bindgen(js_name = chartSvg)]
pub fn chart_svg(chart: JsValue, opts: JsValue) -> Result<String, JsError> {
    let chart: crate::view::Chart = serde_wasm_bindgen::from_value(chart).map_err(js_error)?;
    crate::view::svg(&chart, &options(opts)?).map_err(js_error)
}

/// Two reports side by side (`juesuan compare A B`) as JSON text: `{ comparison, charts }`,
/// the comparison (its findings citing cells and sentences of both, `doc`: `a` or `b`) and
/// its paired charts (drawn with `drawChart` like the report's). Either file may be a PDF
/// or text; an unreadable one is an error naming which.
#[wasm_bindgen]
pub fn compare(first: &[u8], second: &[u8]) -> Result<String, JsError> {
    let limits = crate::Limits::default();
    let a = crate::parse_with(first, &limits).map_err(|e| js_error(format!("第一个文件（the first file）：{e}")))?;
    let b = crate::parse_with(second, &limits).map_err(|e| js_error(format!("第二个文件（the second file）：{e}")))?;
    let comparison = crate::compare::compare(&a, &b);
    let charts = crate::view::compare_charts(&comparison);
    serde_json::to_string(&Compared { comparison, charts }).map_err(js_error)
}

#[derive(Serialize)]
struct Compared {
    comparison: crate::compare::Comparison,
    charts: Vec<crate::view::Chart>,
}
