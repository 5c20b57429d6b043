//! The browser boundary: the only module that knows wasm-bindgen. Thin: bytes in, plain
//! JS objects (serde-wasm-bindgen, decimals as strings) or text out; every error becomes
//! a JS `Error` with the message, never a trap.

use wasm_bindgen::prelude::*;

fn js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn read(bytes: &[u8]) -> Result<crate::Report, JsError> {
    crate::parse(bytes).map_err(js_error)
}

/// Parses a report (PDF or text, detected by content) into a plain object.
#[wasm_bindgen]
pub fn parse(bytes: &[u8]) -> Result<JsValue, JsError> {
    let report = read(bytes)?;
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&report, &ser).map_err(js_error)
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
    let audit = crate::check::check(&read(bytes)?);
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde::Serialize::serialize(&audit, &ser).map_err(js_error)
}
