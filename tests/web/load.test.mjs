// The page under load, in real headless Chromium with the real worker and wasm module:
// large input refused by its size before it is read, a spinning read cancelled or replaced
// by the next file (its worker terminated), the time budget, a 100,000-row table rendered a
// page at a time without a long task over 200 ms, the worker recycled after a large file, a
// trap worded as an internal error, and the CSV download neutralised against formulas.
// Measures go to target/load-timings.json, screenshots to target/screenshots/load-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';
import { useSite } from './shared.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = process.env.JUESUAN_BIN || join(root, 'target', 'release', 'juesuan');
const TEXT = join(root, 'tests', 'fixtures', 'ningxia_hrss_2023.txt');
const shots = join(root, 'target', 'screenshots');
const sample = readFileSync(TEXT, 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'juesuan-load-'));

/** The sample with `n` more rows in table 02 (as scripts/stress.py makes them). */
function rowsTable(n) {
  const anchor = '合计 416,508,919.65 412,820,500.56 2,111,176.80 1,577,242.29\n';
  const at = sample.indexOf(anchor) + anchor.length;
  const rows = [];
  for (let k = 0; k < n; k++) rows.push(`20801${String(k % 100).padStart(2, '0')} 行政运行 ${k % 97 + 1}.00 ${k % 97 + 1}.00\n`);
  return sample.slice(0, at) + rows.join('') + sample.slice(at);
}
// files on disk: a buffer given to setInputFiles is made into a File by script in the page,
// a long task of the test's own
const write = (name, text) => { const f = join(tmp, name); writeFileSync(f, text); return f; };
const ROWS = 100_000;
const big = write('rows100k.txt', rowsTable(ROWS));
// a read that runs for seconds in the worker: 240,000 rows (near the line limit)
const slow = write('rows240k.txt', rowsTable(240_000));

const site = useSite();
const measures = {};

before(async () => {
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  writeFileSync(join(root, 'target', 'load-timings.json'), JSON.stringify(measures, null, 2) + '\n');
  console.log('load measures:', JSON.stringify(measures));
});

/** A page with its requests, errors and workers recorded, and long tasks observed from the
 *  first moment. */
async function open(path = '') {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  await context.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const log = { requests: [], errors: [], workers: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('worker', (w) => {
    const entry = { url: w.url(), closed: false };
    log.workers.push(entry);
    w.on('close', () => { entry.closed = true; });
  });
  await page.goto(site.base + path);
  return { page, context, log };
}

const report = (page) => page.locator('juesuan-report');
const state = (page) => report(page).getAttribute('data-state');
const status = (page) => report(page).locator('.status').innerText();

async function settled(page, timeout = 120000) {
  await page.waitForFunction(() => ['ready', 'error', 'cancelled'].includes(document.querySelector('juesuan-report').dataset.state),
    null, { timeout });
  return state(page);
}

async function upload(page, file, timeout) {
  await page.evaluate(() => { document.querySelector('juesuan-report').dataset.state = 'loading'; });
  await page.setInputFiles('#file', file);
  return settled(page, timeout);
}

/** Waits until the worker is busy reading (the element is loading, a request pending). */
const reading = (page) => page.waitForFunction(() => {
  const el = document.querySelector('juesuan-report');
  return el.dataset.state === 'loading' && el.parser.busy;
}, null, { timeout: 30000 });

/** The page's parsing workers, each as closed or not, once the first `closed` are closed
 *  (a terminated worker's close is reported a moment later). */
async function workersAfter(log, closed) {
  const workers = () => log.workers.filter((w) => w.url.endsWith('/worker.js'));
  for (let i = 0; i < 100 && workers().filter((w) => w.closed).length < closed; i++) await new Promise((r) => setTimeout(r, 100));
  return workers().map((w) => w.closed);
}

/** Nothing went anywhere but this site. */
const assertLocal = (log) => assert.ok(log.requests.every((u) => u.startsWith(site.base) || u.startsWith('blob:')), log.requests.join('\n'));

test('a file over the size limit is refused by its size, before it is read, in both languages', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  // a "file" of 3 GB whose bytes cannot be read: refused by its size alone
  const result = await page.evaluate(async () => {
    const el = document.querySelector('juesuan-report');
    let read = false;
    const huge = { name: 'huge.pdf', size: 3 * 1024 ** 3, arrayBuffer: async () => { read = true; throw new Error('read'); } };
    await el.load(huge);
    return { read, state: el.dataset.state, status: el.shadowRoot.querySelector('.status').innerText };
  });
  // the sample shown before stays, and the message says so (with the file's name)
  assert.deepEqual(result, { read: false, state: 'error', status: 'huge.pdf：文件过大：3072.0 MB，上限为 50.0 MB；未读取。仍显示之前的报告。' });
  // a real file of 51 MB through the file input
  await page.locator('#lang').click();
  const file = join(tmp, 'big.txt');
  writeFileSync(file, Buffer.alloc(51 * 1024 * 1024, 0x41));
  assert.equal(await upload(page, file), 'error');
  assert.equal(await status(page), 'big.txt: The file is too large: 51.0 MB, the limit is 50.0 MB; it was not read. The report shown before is kept.');
  assert.equal(await page.evaluate(() => document.querySelector('juesuan-report').parser.generation), 1, 'no worker was involved');
  await report(page).screenshot({ path: join(shots, 'load-too-large-en.png') });
  assertLocal(log);
  await context.close();
});

test('a new file and the Cancel button terminate the worker still reading and start a fresh one', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  const workers = () => log.workers.filter((w) => w.url.endsWith('/worker.js'));
  assert.equal(workers().length, 1);

  // Cancel: the spinning read's worker is terminated at once, a new one started, the
  // report shown before stays
  await page.setInputFiles('#file', slow);
  await reading(page);
  const cancel = report(page).locator('.status button.cancel');
  assert.equal(await cancel.innerText(), '取消');
  await report(page).locator('.status').screenshot({ path: join(shots, 'load-reading-cancel.png') });
  const t0 = Date.now();
  await cancel.click();
  assert.equal(await state(page), 'cancelled');
  assert.equal(await status(page), '已取消读取。');
  await page.waitForFunction(() => document.querySelector('juesuan-report').parser.generation === 2);
  assert.deepEqual(await workersAfter(log, 1), [true, false], 'the reading worker was terminated, a fresh one runs');
  measures.cancelToWorkerClosedMs = Date.now() - t0;
  assert.match(await report(page).locator('section.summary').innerText(), /宁夏回族自治区人力资源和社会保障厅/, 'the report shown before stays');

  // a new file while one is read: the read is stopped, the new file read by a fresh worker
  await page.setInputFiles('#file', slow);
  await reading(page);
  const other = write('other.txt', sample.replaceAll('宁夏回族自治区人力资源和社会保障厅', '另一个厅'));
  const t1 = Date.now();
  await page.setInputFiles('#file', other);
  await page.waitForFunction(() => document.querySelector('juesuan-report').dataset.state === 'ready', null, { timeout: 60000 });
  measures.replaceSpinningReadToReadyMs = Date.now() - t1;
  assert.match(await report(page).locator('section.summary').innerText(), /另一个厅/);
  assert.deepEqual(await workersAfter(log, 2), [true, true, false]);
  assert.equal(await page.evaluate(() => document.querySelector('juesuan-report').parser.generation), 3);
  assert.deepEqual(log.errors, []);
  assertLocal(log);
  await context.close();
});

test('a read past the time budget stops with a clear message, and the next file reads', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  await page.evaluate(() => document.querySelector('juesuan-report').setAttribute('timeout', '1'));
  assert.equal(await upload(page, slow), 'error');
  assert.equal(await status(page), 'rows240k.txt：读取超过 1 秒，已停止：文件可能过大或过于复杂。仍显示之前的报告。');
  await report(page).screenshot({ path: join(shots, 'load-timeout-zh.png') });
  await page.locator('#lang').click();
  assert.equal(await upload(page, slow), 'error');
  assert.equal(await status(page), 'rows240k.txt: Reading took longer than 1 s and was stopped: the file may be too large or too complex. The report shown before is kept.');
  assert.deepEqual(await workersAfter(log, 2), [true, true, false], 'each worker past its budget was terminated');
  await page.evaluate(() => document.querySelector('juesuan-report').removeAttribute('timeout'));
  assert.equal(await upload(page, TEXT), 'ready');
  await context.close();
});

test('a trap in the worker is "the file could not be read (internal error)", in the reader\'s language', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  const trap = () => page.evaluate(() => document.querySelector('juesuan-report').parser.worker.postMessage({ op: 'test-trap' }));
  await trap();
  assert.equal(await upload(page, TEXT), 'error');
  assert.equal(await status(page), 'ningxia_hrss_2023.txt：无法读取此文件（内部错误）。仍显示之前的报告。');
  assert.doesNotMatch(await status(page), /unreachable/);
  // the trapped worker was replaced: the next file reads
  assert.equal(await upload(page, TEXT), 'ready');
  await page.locator('#lang').click();
  await trap();
  assert.equal(await upload(page, TEXT), 'error');
  assert.equal(await status(page), 'ningxia_hrss_2023.txt: The file could not be read (internal error). The report shown before is kept.');
  await report(page).screenshot({ path: join(shots, 'load-internal-en.png') });
  assert.deepEqual(await workersAfter(log, 2), [true, true, false]);
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('a 100,000-row table renders a page at a time, no long task over 200 ms; the worker is then recycled', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  const sampleMemory = await page.evaluate(() => document.querySelector('juesuan-report').parser.memory);
  // measured from the moment the file is given, once the sample's own rendering is over
  await page.waitForTimeout(1000);
  const from = await page.evaluate(() => performance.now());
  assert.equal(await upload(page, big), 'ready');
  await page.waitForTimeout(500);
  const tasks = await page.evaluate((t) => window.longTasks.filter((x) => x.start >= t), from);
  const longest = Math.max(0, ...tasks.map((x) => x.duration));
  measures.rows100k = {
    longTasks: tasks.length, longestTaskMs: Math.round(longest), timings: await page.evaluate(() => document.querySelector('juesuan-report').timings),
  };
  assert.ok(longest <= 200, `a long task of ${longest} ms: ${JSON.stringify(tasks)}`);
  assert.deepEqual(log.errors, [], 'no error (no "Maximum call stack size exceeded")');

  // table 02 (the nine tables are a folded part): one page of 100 rows, pages to turn
  await report(page).locator('details.tables-block > summary').click();
  const t02 = report(page).locator('table.report-table[data-table="02"]');
  assert.equal(await t02.locator('tbody tr').count(), 100);
  const nav = report(page).locator('section.tables nav.pager').first();
  assert.equal(await nav.locator('.range').innerText(), `第 1–100 项，共 ${ROWS + 31} 项`);
  await nav.locator('button.next').click();
  assert.equal(await nav.locator('.range').innerText(), `第 101–200 项，共 ${ROWS + 31} 项`);
  await nav.locator('input').fill('1001');
  await nav.locator('input').dispatchEvent('change');
  assert.equal(await nav.locator('.range').innerText(), `第 100001–${ROWS + 31} 项，共 ${ROWS + 31} 项`);
  assert.equal(await t02.locator('tbody tr').count(), 31);
  // the findings that cite every row list their cells a page at a time; a cell on another
  // page of the table turns the table to it
  const finding = report(page).locator('[data-finding="CODED.column"][data-group="reading"]').first();
  assert.equal(await finding.locator('ul.cells').first().locator('> li').count(), 20);
  await finding.locator('nav.pager button.next').first().click();
  const link = finding.locator('button.cell-link').first();
  const cited = await link.innerText();
  await link.click();
  const hl = report(page).locator('td.hl');
  assert.equal(await hl.count(), 1);
  assert.ok(cited.includes(await hl.getAttribute('data-row')), `${cited} highlighted`);
  assert.equal(await hl.getAttribute('data-table'), '02');
  assert.ok(await hl.isVisible());
  assert.notEqual(await nav.locator('.range').innerText(), `第 100001–${ROWS + 31} 项，共 ${ROWS + 31} 项`, 'the table turned to the cited row');
  assert.match(await finding.locator('p.muted').first().innerText(), /^另有 \d+ 个单元格未列出（完整列表见 JSON 导出）$/);
  assert.ok(await report(page).locator('[data-finding]').count() <= 50 * 3, 'findings fifty a page');
  await nav.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'load-100k-table-pages.png') });
  await finding.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'load-100k-finding-cells.png') });

  // the worker that read it grew past the recycling bound: it was terminated and a fresh
  // one started, whose memory is the module's initial size again
  const parser = await page.evaluate(async () => {
    const p = document.querySelector('juesuan-report').parser;
    await p.ready;
    return { generation: p.generation, recycled: p.recycled, memory: p.memory };
  });
  assert.equal(parser.generation, 2);
  assert.equal(parser.recycled.length, 1);
  assert.ok(parser.recycled[0].memory > 64 * 1024 * 1024, `${parser.recycled[0].memory} bytes`);
  assert.ok(parser.memory < parser.recycled[0].memory / 4, `the fresh worker has ${parser.memory} bytes`);
  assert.deepEqual(await workersAfter(log, 1), [true, false], 'the grown worker is gone');
  measures.workerMemory = { sampleRead: sampleMemory, rows100kRead: parser.recycled[0].memory, freshWorker: parser.memory };

  // the exports still work from the fresh worker (the page keeps the bytes)
  const [d] = await Promise.all([page.waitForEvent('download'), report(page).locator('button[data-download="json"]').click()]);
  const json = JSON.parse(readFileSync(await d.path(), 'utf8'));
  assert.equal(json.tables.find((t) => t.id === '02').rows.length, ROWS + 31);
  assertLocal(log);
  await context.close();
});

/** Resident memory of this test's Chromium renderer processes in MB (the page and its
 *  workers live there), from /proc; null where there is none. */
function rendererRssMb() {
  if (!existsSync('/proc/self/stat')) return null;
  const procs = new Map();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const renderer = readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('--type=renderer');
      const kb = Number((readFileSync(`/proc/${d}/status`, 'utf8').match(/VmRSS:\s+(\d+)/) || [0, 0])[1]);
      procs.set(Number(d), { ppid, renderer, kb });
    } catch { /* gone meanwhile */ }
  }
  const ours = (pid) => { for (let p = pid; p > 1; p = procs.get(p)?.ppid ?? 0) if (p === process.pid) return true; return false; };
  let kb = 0;
  for (const [pid, p] of procs) if (p.renderer && ours(pid)) kb += p.kb;
  return Math.round(kb / 1024);
}

test('memory is returned after a large file: the renderer with the grown worker, and after it was recycled', async (t) => {
  const { page, context } = await open();
  assert.equal(await settled(page), 'ready');
  if (rendererRssMb() === null) { t.skip('no /proc'); await context.close(); return; }
  const rss = { sample: rendererRssMb() };
  // the same file twice: first with recycling off (the worker keeps its grown memory), then on
  await page.evaluate(() => { document.querySelector('juesuan-report').parser.recycleBytes = Infinity; });
  assert.equal(await upload(page, big), 'ready');
  await page.waitForTimeout(1000);
  rss.grownWorkerKept = rendererRssMb();
  const grown = await page.evaluate(() => document.querySelector('juesuan-report').parser.memory);
  await page.evaluate(() => { document.querySelector('juesuan-report').parser.recycleBytes = 64 * 1024 * 1024; });
  assert.equal(await upload(page, big), 'ready');
  await page.evaluate(() => document.querySelector('juesuan-report').parser.ready);
  await page.waitForTimeout(1000);
  rss.afterRecycle = rendererRssMb();
  measures.rendererRssMb = { ...rss, grownWasmMemoryMb: Math.round(grown / 1048576) };
  // the wasm memory's size counts pages the worker never touched, and resident memory only
  // those it did: what must come back is at least the 64 MB past which the page recycles
  assert.ok(rss.grownWorkerKept - rss.afterRecycle > 64,
    `recycling the worker returned ${rss.grownWorkerKept - rss.afterRecycle} MB of its ${Math.round(grown / 1048576)} MB`);
  await context.close();
});

test('the CSV download neutralises formula-like text, is the command line export; the SVG is well-formed', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  const text = sample.replaceAll('人事就业社会保障管理经费', '=HYPERLINK("http://x.example","y")经费')
    .replaceAll('创业(网络创业)师资培训费', '+创业(网络创业)师资培训费')
    .replaceAll('工资福利支出', '工资<&>\u001b[31m\u0007福利支出');
  const file = join(tmp, 'formulas.txt');
  writeFileSync(file, text);
  assert.equal(await upload(page, file), 'ready');
  const [d] = await Promise.all([page.waitForEvent('download'), report(page).locator('button[data-download="csv"]').click()]);
  const csv = readFileSync(await d.path(), 'utf8');
  assert.equal(csv, execFileSync(BIN, ['export', file], { maxBuffer: 1 << 26 }).toString('utf8'));
  assert.match(csv, /,"'=HYPERLINK\(""http:\/\/x\.example"",""y""\)经费",/);
  assert.match(csv, /^P14,,项目名称,,'\+创业\(网络创业\)师资培训费\(就业补助资金\),,$/m);
  // no cell of the file starts with a formula character unquoted
  for (const line of csv.split('\n')) assert.doesNotMatch(line, /(^|,)"?[=+@]/, line);
  // amounts are numbers as before
  assert.match(csv, /^01,,收入总计,决算数,464320325\.00,元,placed$/m);
  assert.ok(!csv.includes('\u001b') && !csv.includes('\u0007'), 'no control characters');
  // the chart of those names as SVG: well-formed XML (parsed by the browser), the name as text
  await report(page).locator('figure[data-chart-figure="economic"] details.chart-table > summary').click();
  await report(page).locator('figure[data-chart-figure="economic"] button.drill').first().click();
  const [svgDownload] = await Promise.all([page.waitForEvent('download'),
    report(page).locator('figure[data-chart-figure="economic"] button:text("SVG")').click()]);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { error: doc.querySelector('parsererror')?.textContent ?? null, texts: [...doc.querySelectorAll('text')].map((t) => t.textContent) };
  }, svg);
  assert.equal(parsed.error, null);
  assert.ok(parsed.texts.some((x) => x.includes('工资<&>[31m福利支出')), parsed.texts.join(' | '));
  assertLocal(log);
  await context.close();
});
