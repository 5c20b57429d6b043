// Times the wasm build in Node (V8, as in Chromium) on the fixtures: parse to a JS
// object, medians of N runs after one warm-up. usage: node scripts/bench-wasm.mjs [N]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const t0 = performance.now();
const pkg = await import(path.join(root, 'www/pkg/juesuan.js'));
pkg.initSync({ module: readFileSync(path.join(root, 'www/pkg/juesuan_bg.wasm')) });
const ready = performance.now() - t0;
const n = Number(process.argv[2] || 21);
const median = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
console.log(`| input | wasm parse → JS object (median of ${n}) |`);
console.log('|---|---|');
for (const name of ['ningxia_hrss_2023.txt', 'putuo_socialwork_2024.pdf']) {
  const bytes = readFileSync(path.join(root, 'tests/fixtures', name));
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
