// Times the wasm build in Node (V8, as in Chromium) on the fixtures: parse to a JS
// object, medians of N runs after one warm-up. usage: node scripts/bench-wasm.mjs [N]
// The PDF is read from ../shared/fixtures/: without it its row is skipped with a line on
// stderr, and under CI=true the script fails.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root, PUTUO, skipWithout, sharedFile } from '../tests/web/shared.mjs';

const t0 = performance.now();
const pkg = await import(path.join(root, 'www/pkg/juesuan.js'));
pkg.initSync({ module: readFileSync(path.join(root, 'www/pkg/juesuan_bg.wasm')) });
const ready = performance.now() - t0;
const n = Number(process.argv[2] || 21);
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
console.log(`| input | wasm parse → JS object (median of ${n}) |`);
console.log('|---|---|');
const skip = skipWithout(PUTUO);
if (skip) console.error(`skipped: the PDF row ${skip}`);
const inputs = [['ningxia_hrss_2023.txt', path.join(root, 'tests/fixtures/ningxia_hrss_2023.txt')]];
if (!skip) inputs.push([path.basename(PUTUO), sharedFile(PUTUO)]);
for (const [name, file] of inputs) {
  const bytes = readFileSync(file);
  pkg.parse(bytes);
  const times = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    pkg.parse(bytes);
    times.push(performance.now() - t);
  }
  console.log(`| ${name} | ${median(times).toFixed(1)} ms |`);
}
console.log(`\nmodule compile + instantiate: ${ready.toFixed(1)} ms (Node ${process.version})`);
