// The parsing worker: reads one report at a time with the wasm core, off the page's main
// thread, and posts progress (PDF pages) and the result back; on request, the JSON export
// of the bytes it is sent, or the comparison of two reports. Any failure, including a trap of the wasm module, is posted as
// an error. The page terminates this worker to cancel a read (a new file, Cancel, the time
// budget) and replaces it after a trap or a large file (its wasm memory never shrinks).
//
// The main thread must never spend long on one message: the result's JSON is parsed here,
// long tables are posted in parts of ROWS_PER_MESSAGE rows (each part one short task to
// receive), a finding's cells listed up to CELLS_LISTED, and the CSV and JSON exports travel as UTF-8 bytes, transferred, not copied.
import init, { analyze, compare, reportJson } from './pkg/juesuan.js';

const ROWS_PER_MESSAGE = 250;
const CELLS_LISTED = 1000;
// as the page's MAX_TEXT
const MAX_TEXT = 2000;

// the page compiles the module once and sends it; this worker only instantiates it
let arrived;
const ready = new Promise((resolve) => { arrived = resolve; }).then((module) => init({ module_or_path: module }));
// the module's exports (its memory is reported with every answer: the page recycles a worker that grew)
let wasm = null;
// for the tests: the next read traps, as a panic of the core would (a real `unreachable`)
let trapNext = false;
const TRAP = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 5, 1, 3, 0, 0, 11]);

const memory = () => (wasm ? wasm.memory.buffer.byteLength : 0);
const utf8 = (s) => new TextEncoder().encode(s);

self.onmessage = async (event) => {
  const { id, op, bytes } = event.data;
  if (op === 'module') {
    arrived(event.data.module);
    return;
  }
  if (op === 'test-trap') {
    trapNext = true;
    return;
  }
  try {
    wasm = await ready;
    if (op === 'compare') {
      // two reports side by side: `{ comparison, charts }` (small: lines per class)
      const result = JSON.parse(compare(bytes, event.data.other));
      self.postMessage({ id, type: 'result', result, memory: memory() });
      return;
    }
    if (op === 'json') {
      const json = utf8(reportJson(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)));
      self.postMessage({ id, type: 'result', json, memory: memory() }, [json.buffer]);
      return;
    }
    const started = performance.now();
    if (trapNext) {
      trapNext = false;
      new WebAssembly.Instance(new WebAssembly.Module(TRAP)).exports.f();
    }
    const input = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    // JSON text: one string is cheaper to pass out of wasm than a large object graph
    const result = JSON.parse(analyze(input, (done, total) => {
      self.postMessage({ id, type: 'progress', done, total });
    }));
    const parseMs = performance.now() - started;
    // what the page would otherwise count over every row on its thread
    for (const table of result.report.tables) {
      const reads = { grid: 0, columns: 0, placed: 0, uncertain: 0 };
      let sided = false;
      for (const row of table.rows) {
        if (row.side) sided = true;
        for (const c of row.cells) if (c.read in reads) reads[c.read]++;
      }
      Object.assign(table, { reads, sided });
    }
    const csv = utf8(result.csv);
    result.csv = null;
    // the rows of long tables follow the rest, a part at a time
    const parts = [];
    const split = (list, where) => {
      if (list.length <= ROWS_PER_MESSAGE) return;
      const rest = list.splice(ROWS_PER_MESSAGE);
      for (let k = 0; k < rest.length; k += ROWS_PER_MESSAGE) parts.push({ ...where, items: rest.slice(k, k + ROWS_PER_MESSAGE) });
    };
    for (const table of result.report.tables) split(table.rows, { table: table.id });
    // a finding lists at most CELLS_LISTED of the cells it cites (50 pages of them), with the
    // count of the others: a finding over a 100,000-row table cites every row, and the page
    // would hold and collect hundreds of thousands of objects for lists nobody pages through
    for (const f of result.audit.findings) {
      if (f.cells.length > CELLS_LISTED) f.cells_omitted = (f.cells_omitted || 0) + f.cells.splice(CELLS_LISTED).length;
      if (f.uncertain && f.uncertain.length > CELLS_LISTED) f.uncertain.splice(CELLS_LISTED);
      // and the page shows at most MAX_TEXT characters of a text (its messages list them all)
      for (const k of ['message_zh', 'message_en', 'detail_zh', 'detail_en']) {
        if (typeof f[k] === 'string' && f[k].length > MAX_TEXT) f[k] = `${f[k].slice(0, MAX_TEXT)}…`;
      }
    }
    self.postMessage({ id, type: 'head', result, csv, bytes: input, parts: parts.length, parseMs, memory: memory() },
      [csv.buffer, input.buffer]);
    for (const part of parts) self.postMessage({ id, type: 'part', ...part });
  } catch (err) {
    // a trap leaves the module's memory in an unknown state: the page replaces this worker
    // (a failed memory growth is a RangeError: as broken)
    const trap = err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
    self.postMessage({ id, type: 'error', trap, message: String(err && err.message ? err.message : err), memory: memory() });
  }
};

ready.then(
  (exports) => { wasm = exports; self.postMessage({ type: 'ready', memory: memory() }); },
  (err) => self.postMessage({ type: 'error', message: String(err && err.message ? err.message : err) }),
);
