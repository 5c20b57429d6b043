// The parsing worker: reads one report at a time with the wasm core, off the page's main
// thread, and posts progress (PDF pages) and the result back; on request, the JSON export
// of the report last read. Any failure, including a
// trap of the wasm module, is posted as an error; the page then replaces this worker.
import init, { analyze, reportJson } from './pkg/juesuan.js';

// the page compiles the module once and sends it; this worker only instantiates it
let arrived;
const ready = new Promise((resolve) => { arrived = resolve; }).then((module) => init({ module_or_path: module }));
// the bytes of the report last read, for the JSON export on request
let last = null;

self.onmessage = async (event) => {
  const { id, op, bytes } = event.data;
  if (op === 'module') {
    arrived(event.data.module);
    return;
  }
  try {
    await ready;
    if (op === 'json') {
      self.postMessage({ id, type: 'result', json: last ? reportJson(last) : null });
      return;
    }
    const started = performance.now();
    // JSON text: one string is cheaper to pass between threads than a large object graph
    const json = analyze(new Uint8Array(bytes), (done, total) => {
      self.postMessage({ id, type: 'progress', done, total });
    });
    last = new Uint8Array(bytes);
    self.postMessage({ id, type: 'result', json, parseMs: performance.now() - started });
  } catch (err) {
    // a trap leaves the module's memory in an unknown state: the page replaces this worker
    const trap = err instanceof WebAssembly.RuntimeError;
    self.postMessage({ id, type: 'error', trap, message: String(err && err.message ? err.message : err) });
  }
};

ready.then(
  () => self.postMessage({ type: 'ready' }),
  (err) => self.postMessage({ type: 'error', message: String(err && err.message ? err.message : err) }),
);
