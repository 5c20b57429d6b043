// Times the page in headless Chromium (Debian's chromium via playwright-core): for each
// file given, file input → all charts drawn (the element's `timings.toCharts`), the median
// of N uploads after one warm-up, alternating between the files as a reader would.
// usage: node scripts/bench-page.mjs [N] FILE...   (default: the PDF fixture from
// ../shared/fixtures and the largest PDF of ../shared/corpus). Prints a Markdown table.
// JUESUAN_WWW=DIR serves another build of the site (e.g. a copy of main's www/ to compare).
import { readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { serve } from './static-server.mjs';
import { root, sharedDir, PUTUO, launchChromium } from '../tests/web/shared.mjs';

const args = process.argv.slice(2);
const n = /^\d+$/.test(args[0] || '') ? Number(args.shift()) : 7;
let files = args;
if (!files.length) {
  const corpus = path.join(sharedDir, 'corpus');
  const largest = existsSync(corpus)
    ? readdirSync(corpus).filter((f) => f.endsWith('.pdf')).map((f) => path.join(corpus, f))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]
    : null;
  files = [path.join(sharedDir, PUTUO), largest].filter((f) => f && existsSync(f));
}
if (!files.length) {
  console.error('no input: give files, or put ../shared/ beside the clone');
  process.exit(process.env.CI === 'true' ? 1 : 0);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const { server, url } = await serve(process.env.JUESUAN_WWW || path.join(root, 'www'));
const browser = await launchChromium();
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
await page.goto(url);
const settled = () => page.waitForFunction(() => {
  const el = document.querySelector('juesuan-report');
  return el && (el.dataset.state === 'ready' || el.dataset.state === 'error');
}, null, { timeout: 120000 });
await settled();
const times = new Map(files.map((f) => [f, []]));
const parses = new Map(files.map((f) => [f, []]));
for (let i = 0; i <= n; i++) {
  for (const f of files) {
    await page.evaluate(() => { document.querySelector('juesuan-report').dataset.state = 'loading'; });
    await page.setInputFiles('#file', f);
    await settled();
    const state = await page.evaluate(() => document.querySelector('juesuan-report').dataset.state);
    if (state !== 'ready') throw new Error(`${f}: ${state}`);
    const t = await page.evaluate(() => document.querySelector('juesuan-report').timings);
    // the first round warms the worker up
    if (i > 0) { times.get(f).push(t.toCharts); parses.get(f).push(t.parse); }
  }
}
console.log(`| input | size | file input → all charts drawn (median of ${n}) | of which the worker's parse |`);
console.log('|---|---|---|---|');
for (const [f, xs] of times) {
  console.log(`| ${path.basename(f)} | ${(statSync(f).size / 1048576).toFixed(2)} MB | ${median(xs).toFixed(1)} ms | ${median(parses.get(f)).toFixed(1)} ms |`);
}
await browser.close();
server.close();
