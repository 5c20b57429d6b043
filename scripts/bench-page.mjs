// Times the page in headless Chromium (Debian's chromium via playwright-core): for each
// file given, file input → all charts drawn (the element's `timings.toCharts`; and the
// worker's parse), the median of N uploads after one warm-up round, the files alternating
// as a reader would. usage: node scripts/bench-page.mjs [N] FILE...   (default: the PDF
// fixture from ../shared/fixtures and the largest PDF of ../shared/corpus). Prints a
// Markdown table.
// JUESUAN_WWW=DIR serves another build of the site instead of www/; JUESUAN_COMPARE=DIR
// times that build too (e.g. a copy of main's www/), interleaved upload by upload with this
// one in the same browser, so both see the same machine load.
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

const sites = [['this build', process.env.JUESUAN_WWW || path.join(root, 'www')]];
if (process.env.JUESUAN_COMPARE) sites.push([path.basename(process.env.JUESUAN_COMPARE), process.env.JUESUAN_COMPARE]);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const browser = await launchChromium();
const open = [];
for (const [name, dir] of sites) {
  const { server, url } = await serve(dir);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url);
  open.push({ name, server, page });
}
const settled = (page) => page.waitForFunction(() => {
  const el = document.querySelector('juesuan-report');
  return el && (el.dataset.state === 'ready' || el.dataset.state === 'error');
}, null, { timeout: 120000 });
for (const { page } of open) await settled(page);
const times = new Map();
for (let i = 0; i <= n; i++) {
  for (const f of files) {
    for (const { name, page } of open) {
      await page.bringToFront();
      await page.evaluate(() => { document.querySelector('juesuan-report').dataset.state = 'loading'; });
      await page.setInputFiles('#file', f);
      await settled(page);
      const state = await page.evaluate(() => document.querySelector('juesuan-report').dataset.state);
      if (state !== 'ready') throw new Error(`${f}: ${state}`);
      const t = await page.evaluate(() => document.querySelector('juesuan-report').timings);
      // the first round warms the worker up
      if (i === 0) continue;
      const key = `${name}\u0000${f}`;
      if (!times.has(key)) times.set(key, { charts: [], parse: [] });
      times.get(key).charts.push(t.toCharts);
      times.get(key).parse.push(t.parse);
    }
  }
}
console.log(`| build | input | size | file input → all charts drawn (median of ${n}) | of which the worker's parse |`);
console.log('|---|---|---|---|---|');
for (const [key, { charts, parse }] of times) {
  const [name, f] = key.split('\u0000');
  console.log(`| ${name} | ${path.basename(f)} | ${(statSync(f).size / 1048576).toFixed(2)} MB | ${median(charts).toFixed(1)} ms | ${median(parse).toFixed(1)} ms |`);
}
await browser.close();
for (const { server } of open) server.close();
