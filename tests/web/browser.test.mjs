// The page and the <juesuan-report> element in real headless Chromium (Debian's chromium,
// driven by playwright-core), served from www/ under the site's Content-Security-Policy.
// Values are compared with the command line (JUESUAN_BIN) on the same files. Timings are
// recorded to target/browser-timings.json and screenshots to target/screenshots/ (for
// BENCHMARKS.md and review; nothing here asserts a wall-clock limit).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUTUO, skipWithout, sharedFile, sharedPart, useSite } from './shared.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (name) => join(root, 'tests', 'fixtures', name);
const BIN = process.env.JUESUAN_BIN || join(root, 'target', 'release', 'juesuan');
const cli = (...args) => execFileSync(BIN, args, { maxBuffer: 1 << 28 }).toString('utf8');
const cliStatus = (...args) => {
  try { return { out: cli(...args), code: 0 }; } catch (e) { return { out: e.stdout.toString('utf8'), code: e.status }; }
};

const TEXT = fixture('ningxia_hrss_2023.txt');
const GBK = fixture('ningxia_hrss_2023.gbk.txt');
// the Putuo PDF is read from ../shared/: its tests are skipped without it (failed under
// CI=true), and the tests with a PDF part run the rest
const skipPdf = skipWithout(PUTUO);
const ENCRYPTED = fixture('encrypted_user_password.pdf');

const site = useSite();
const timings = {};

after(async () => {
  mkdirSync(join(root, 'target'), { recursive: true });
  writeFileSync(join(root, 'target', 'browser-timings.json'), JSON.stringify(timings, null, 2) + '\n');
  console.log('browser timings (ms):', JSON.stringify(timings));
});

/** A page with everything it does recorded: requests, dialogs, errors, CSP violations. */
async function open(path = '', viewport = { width: 1280, height: 900 }) {
  const context = await site.browser.newContext({ viewport, acceptDownloads: true });
  // the element's events and any CSP violation, from the first moment of the page
  await context.addInitScript(() => {
    window.events = [];
    document.addEventListener('securitypolicyviolation', (e) => window.events.push(`csp ${e.violatedDirective}`));
    for (const name of ['juesuan-ready', 'juesuan-error']) {
      document.addEventListener(name, (e) => window.events.push(`${name} ${e.detail.department ?? e.detail.message}`));
    }
  });
  const page = await context.newPage();
  const log = { requests: [], dialogs: [], errors: [], console: [] };
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss(); });
  page.on('pageerror', (e) => log.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') log.console.push(m.text()); });
  await page.goto(site.base + path);
  return { page, context, log };
}

const state = (page) => page.locator('juesuan-report').getAttribute('data-state');

async function settled(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('juesuan-report');
    return el && (el.dataset.state === 'ready' || el.dataset.state === 'error');
  }, null, { timeout: 30000 });
  return state(page);
}

/** Loads a file through the page's file input and waits for the result. */
async function upload(page, file) {
  await page.evaluate(() => { document.querySelector('juesuan-report').dataset.state = 'loading'; });
  await page.setInputFiles('#file', file);
  return settled(page);
}

async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { name: d.suggestedFilename(), text: readFileSync(await d.path()).toString('utf8') };
}

/** Per canvas: how many pixels differ from its corner (the background). */
const inkPerChart = (page) => page.evaluate(() => {
  const out = {};
  for (const c of document.querySelector('juesuan-report').shadowRoot.querySelectorAll('canvas[data-chart]')) {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) ink++;
    }
    out[c.dataset.chart] = ink;
  }
  return out;
});

/** Nothing went over the network after the page and the sample were loaded. */
function assertOffline(log, loadedAt) {
  const after = log.requests.slice(loadedAt).filter((u) => !u.startsWith('blob:') && !u.startsWith('data:'));
  assert.deepEqual(after, []);
  assert.ok(log.requests.every((u) => u.startsWith(site.base) || u.startsWith('blob:')), log.requests.join('\n'));
}

const elementTimings = (page) => page.evaluate(() => document.querySelector('juesuan-report').timings);

test('the default sample renders: charts, 25 project tables, the audit, the nine tables', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  timings.sampleOnFirstLoad = await elementTimings(page);
  const ink = await inkPerChart(page);
  assert.deepEqual(Object.keys(ink), ['function', 'basic-project', 'income', 'economic', 'sangong', 'execution', 'performance']);
  for (const [kind, n] of Object.entries(ink)) assert.ok(n > 500, `chart ${kind} is blank (${n} pixels drawn)`);

  const report = page.locator('juesuan-report');
  assert.equal(await report.locator('table[data-project]').count(), 25);
  assert.equal(await report.locator('table[data-project="P01"] tbody tr').count(), 41);
  // the summary restates 01 exactly
  const summary = await report.locator('section.summary dl').innerText();
  assert.match(summary, /宁夏回族自治区人力资源和社会保障厅/);
  assert.match(summary, /464,320,325\.00 元/);

  // the findings are the command line's, one element per finding, grouped by severity
  const audit = JSON.parse(cliStatus('check', TEXT, '--format', 'json').out.trim().split('\n')[0]).audit;
  assert.equal(await report.locator('[data-finding]').count(), audit.findings.length);
  assert.equal(await report.locator('li.finding.error:not(.reading)').count(),
    audit.findings.filter((f) => f.severity === 'error' && f.group === 'document').length);
  // the blank 09 合计 row: one finding with the three identities it breaks
  assert.equal(await report.locator('[data-finding="CODED.column"]').count(), 1);
  assert.equal(await report.locator('[data-finding="CODED.column"] ol.consequences > li').count(), 3);
  // the finding leads with the plain sentence
  const share = report.locator('[data-finding="N.share"].error');
  assert.equal(await share.locator('p.message').innerText(),
    '2023年度一般公共预算财政拨款支出占本年支出合计应为 98.76%（403,923,024.99 ÷ 408,982,201.79），报告写 99.76%。');
  assert.equal(await share.locator('blockquote mark').innerText(), '99.76%');
  // the rule and the formula stay, folded
  assert.equal(await share.locator('details.formula').evaluate((d) => d.open), false);
  // its sentence link opens the folded narrative and brings the sentence into view
  assert.equal(await report.locator('details.narrative-block').evaluate((d) => d.open), false);
  await share.locator('button.sentence-link').click();
  assert.ok(await report.locator('details.narrative-block').evaluate((d) => d.open));
  const said = report.locator('p.sentence.hl');
  assert.equal(await said.count(), 1);
  assert.match(await said.innerText(), /99\.76%/);
  assert.ok(await said.evaluate((p) => { const r = p.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }),
    'the sentence is in view');

  // a finding's cell link highlights the cell it cites in the table view
  await report.locator('[data-finding="CODED.column"] button.cell-link', { hasText: '2230105' }).first().click();
  const hl = report.locator('td.hl');
  assert.equal(await hl.count(), 1);
  assert.equal(await hl.getAttribute('data-table'), '09');
  assert.equal(await hl.getAttribute('data-row'), '2230105');
  assert.equal(await hl.innerText(), '350,000.00');

  // a performance finding's cell link opens its project and highlights the cell
  await report.locator('[data-finding="P.rate_score"] button.cell-link', { hasText: '得分' }).first().click();
  assert.equal(await report.locator('td.hl').innerText(), '8');
  assert.ok(await report.locator('details[data-project-block="P20"]').evaluate((d) => d.open));

  // nine tables: eight with rows and 08 printed empty
  assert.equal(await report.locator('table.report-table').count(), 8);
  assert.equal(await report.locator('table.report-table[data-table="06"] td[data-row="30101"]').innerText(), '20,628,609.44');

  // indicator tables sort by score; deductions are highlighted with their reason
  await report.locator('details[data-project-block="P01"] > summary').click();
  const p01 = report.locator('table[data-project="P01"]');
  await p01.locator('thead button', { hasText: '得分' }).click();
  await p01.locator('thead button', { hasText: '得分' }).click();
  const scores = await p01.locator('tbody tr td:nth-child(7)').allInnerTexts();
  const sorted = [...scores].sort((a, b) => Number(b) - Number(a));
  assert.deepEqual(scores, sorted);
  assert.ok(await report.locator('table[data-project] tr.deduct').count() > 0);

  assert.deepEqual(log.dialogs, []);
  assert.deepEqual(log.errors, []);
  await context.close();
});

/** Per table, how many of its cells the JSON export says were read each way. */
function readCounts(json) {
  const out = {};
  for (const t of JSON.parse(json).tables) {
    const n = { grid: 0, columns: 0, placed: 0, uncertain: 0 };
    for (const r of t.rows) for (const c of r.cells) n[c.read]++;
    if (Object.values(n).some((x) => x > 0)) out[t.id] = n;
  }
  return out;
}

/** The summary's reading-confidence table, as { table: { read: count } } (the row of all
 *  tables as `all`). */
const confidenceShown = (report) => report.locator('section.summary table.confidence tr[data-table]').evaluateAll((trs) =>
  Object.fromEntries(trs.map((tr) => [tr.dataset.table,
    Object.fromEntries([...tr.querySelectorAll('td[data-count]')].map((td) => [td.dataset.count, Number(td.textContent)]))])));

/** How the nine tables' amount cells say they were read: { read: count }, and every
 *  non-blank cell has a data-read. */
async function readsInTables(report) {
  return report.locator('table.report-table td.num').evaluateAll((tds) => {
    const n = {};
    for (const td of tds) {
      const key = td.dataset.read ?? (td.textContent === '' ? 'blank' : 'missing');
      n[key] = (n[key] || 0) + 1;
    }
    return n;
  });
}

test('each amount says how it was read: the uncertain ones are marked, and the summary counts them', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  const report = page.locator('juesuan-report');
  const counts = readCounts(cli('export', TEXT, '--format', 'json'));
  assert.deepEqual(counts['09'], { grid: 0, columns: 0, placed: 0, uncertain: 2 });
  // the nine tables are a folded part: opened to be read
  await report.locator('details.tables-block > summary').click();

  // 09's 2230105: its two numbers fit 本年支出合计 with 基本支出 or with 项目支出 alike
  const uncertain = report.locator('table.report-table td[data-read="uncertain"]');
  assert.equal(await uncertain.count(), 2);
  assert.deepEqual(await uncertain.evaluateAll((tds) => tds.map((td) => [td.dataset.table, td.dataset.row, td.dataset.column, td.textContent])), [
    ['09', '2230105', '本年支出合计', '350,000.00'], ['09', '2230105', '项目支出', '350,000.00'],
  ]);
  const reason = '可能放错列：这一行的数字无法由恒等式唯一确定';
  for (const td of await uncertain.all()) {
    assert.equal(await td.getAttribute('title'), reason);
    // the "?" is drawn after the number (not part of its text), the reason is its description
    assert.equal(await td.evaluate((e) => getComputedStyle(e, '::after').content), '"?" / ""');
    assert.match(await td.evaluate((e) => getComputedStyle(e).textDecorationStyle), /dotted/);
    const described = await td.getAttribute('aria-describedby');
    assert.equal(await report.locator(`#${described}`).innerText(), `? ${reason}`);
  }
  // for assistive technology: the number as its name (the "?" is drawn with empty alt
  // text), the reason as its description
  const cdp = await context.newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const describedCells = nodes.filter((n) => n.role?.value === 'cell' && n.description?.value === reason).map((n) => n.name?.value);
  assert.deepEqual(describedCells, ['350,000.00', '350,000.00']);
  // every other amount was placed by identities (text input: no grid, no column geometry)
  const reads = await readsInTables(report);
  const placed = Object.values(counts).reduce((n, c) => n + c.placed, 0);
  assert.equal(reads.placed, placed);
  assert.equal(reads.uncertain, 2);
  assert.equal(reads.missing, undefined, 'every amount has its data-read');
  assert.equal(reads.grid, undefined);
  assert.equal(await report.locator('td[data-read="placed"]:not([title]):not([aria-describedby])').count(), placed);

  // the summary's counts are the JSON's, per table and in all
  const all = (counts) => Object.fromEntries(['grid', 'columns', 'placed', 'uncertain'].map((k) =>
    [k, Object.values(counts).reduce((n, c) => n + c[k], 0)]));
  counts.all = all(counts);
  assert.deepEqual(await confidenceShown(report), counts);
  const caption = report.locator('section.summary table.confidence caption');
  assert.equal(await caption.innerText(), '读数可信度');
  assert.deepEqual(await report.locator('section.summary table.confidence thead th').allInnerTexts(), ['表', '表格线', '按列', '恒等式定位', '不确定']);
  assert.match(await report.locator('section.summary p.uncertain-note').innerText(), /有 2 个数字可能放错列/);
  // and the diagnostics list the row, at its line
  assert.match(await report.locator('li[data-diagnostic="table.uncertain"]').textContent(), /第 768 行.*2230105/);

  // screenshots: the marked cells, the summary at 1280 px and at 360 px
  const shots = join(root, 'target', 'screenshots');
  mkdirSync(shots, { recursive: true });
  const t09 = report.locator('table.report-table[data-table="09"]');
  await t09.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'tables-uncertain-1280.png'), clip: await clipAround(page, t09) });
  await report.locator('section.summary').screenshot({ path: join(shots, 'confidence-1280.png') });

  // English, at 360 px: no sideways scrolling, the same counts
  await page.setViewportSize({ width: 360, height: 780 });
  await page.locator('#lang').click();
  assert.equal(await report.locator('section.summary table.confidence caption').innerText(), 'Reading confidence');
  assert.deepEqual(await report.locator('section.summary table.confidence thead th').allInnerTexts(), ['Table', 'grid', 'columns', 'placed', 'uncertain']);
  assert.equal(await report.locator('td[data-read="uncertain"]').first().getAttribute('title'),
    "may be in the wrong column: the identities do not fix this row's numbers");
  assert.deepEqual(await confidenceShown(report), counts);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360px`);
  const box = await report.locator('section.summary table.confidence').evaluate((t) => [t.scrollWidth, t.closest('section').clientWidth]);
  assert.ok(box[0] <= box[1], `the confidence table (${box[0]}px) is wider than the summary (${box[1]}px)`);
  await report.locator('section.summary div.confidence').screenshot({ path: join(shots, 'confidence-360.png') });
  await page.screenshot({ path: join(shots, 'tables-uncertain-360.png'), clip: await clipAround(page, t09) });

  // in print the marks stay and the explanation unfolds
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.ok(await report.locator('section.summary details.reads-help').evaluate((d) => d.open));
  assert.ok(await report.locator('section.summary table.confidence').isVisible());
  assert.equal(await uncertain.first().evaluate((e) => getComputedStyle(e, '::after').content), '"?" / ""');
  await report.locator('section.summary div.confidence').screenshot({ path: join(shots, 'confidence-print-360.png') });

  assert.deepEqual(log.errors, []);
  await context.close();
});

/** The viewport area of a report table with its title and the note under it. */
async function clipAround(page, table) {
  await table.scrollIntoViewIfNeeded();
  const [top, bottom] = await table.evaluate((t) => {
    const wrap = t.parentElement; // div.scroll, between its h3 and its note
    const title = wrap.previousElementSibling.getBoundingClientRect();
    const next = wrap.nextElementSibling?.classList.contains('uncertain-legend') ? wrap.nextElementSibling : wrap;
    return [title.top, next.getBoundingClientRect().bottom];
  });
  return { x: 0, y: Math.max(0, top - 4), width: page.viewportSize().width, height: bottom - top + 12 };
}

test('a ruled PDF: every amount read from the grid, and the summary says so', { skip: skipPdf }, async () => {
  const PDF = sharedFile(PUTUO);
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  assert.equal(await upload(page, PDF), 'ready');
  const report = page.locator('juesuan-report');
  const counts = readCounts(cli('export', PDF, '--format', 'json'));
  const total = (read) => Object.values(counts).reduce((n, c) => n + c[read], 0);
  assert.equal(total('grid'), 205);
  counts.all = { grid: 205, columns: 0, placed: 0, uncertain: 0 };
  assert.deepEqual([total('columns'), total('placed'), total('uncertain')], [0, 0, 0]);
  const reads = await readsInTables(report);
  assert.equal(reads.grid, 205);
  assert.deepEqual(Object.keys(reads).filter((k) => k !== 'blank'), ['grid']);
  assert.equal(await report.locator('td[data-read="uncertain"], .uncertain-legend').count(), 0);
  assert.deepEqual(await confidenceShown(report), counts);
  assert.deepEqual(await report.locator('section.summary table.confidence tfoot tr > *').allInnerTexts(), ['合计', '205', '0', '0', '0']);
  assert.equal(await report.locator('section.summary p.uncertain-note').count(), 0);
  await report.locator('section.summary').screenshot({ path: join(root, 'target', 'screenshots', 'confidence-pdf-1280.png') });
  assert.deepEqual(log.errors, []);
  await context.close();
});

test('no tables, no reading-confidence table', async () => {
  const { page, context } = await open();
  assert.equal(await settled(page), 'ready');
  assert.equal(await upload(page, { name: 'prose.txt', mimeType: 'text/plain',
    buffer: Buffer.from('某部门2023年度部门决算\n第一部分 部门概况\n一、部门职责\n负责本部门的工作。\n') }), 'ready');
  assert.match(await page.locator('juesuan-report section.summary').innerText(), /prose\.txt/);
  const report = page.locator('juesuan-report');
  assert.equal(await report.locator('table.report-table').count(), 0);
  assert.equal(await report.locator('section.summary table.confidence, section.summary div.confidence').count(), 0);
  await context.close();
});

test('drill-down 类 → 款 → 项 by click on the chart and by keyboard, and back', async () => {
  const { page, context } = await open();
  assert.equal(await settled(page), 'ready');
  const report = page.locator('juesuan-report');
  const canvas = report.locator('canvas[data-chart="function"]');
  // click the bar of 208 where the chart says it is
  const hit = await page.evaluate(() => {
    const el = document.querySelector('juesuan-report');
    const fig = el.figures.find((f) => f.kind === 'function');
    const h = fig.hits.find((x) => x.key === '208');
    const s = fig.canvas.width / fig.canvas.clientWidth;
    return { x: (h.x + h.w / 2) / s, y: (h.y + h.h / 2) / s, drill: h.drill };
  });
  assert.ok(hit.drill);
  const before = await canvas.screenshot();
  await canvas.click({ position: { x: hit.x, y: hit.y } });
  assert.equal(await canvas.getAttribute('data-path'), '208');
  assert.notDeepEqual(await canvas.screenshot(), before, 'the chart was redrawn');
  const figure = report.locator('figure[data-chart-figure="function"]');
  await figure.locator('details.chart-table > summary').click();
  const rows = await figure.locator('.chart-data tbody td:first-of-type').allInnerTexts();
  assert.ok(rows.includes('20805') && rows.every((c) => c.startsWith('208') && c.length === 5), rows.join(' '));
  // the text alternative's buttons drill by keyboard
  // (this document prints 项 rows only, so a 款 is shown by its code: names are never guessed)
  await figure.locator('.chart-data tbody tr').filter({ has: page.locator('td', { hasText: /^20805$/ }) }).locator('button.drill').focus();
  await page.keyboard.press('Enter');
  assert.equal(await canvas.getAttribute('data-path'), '208/20805');
  const items = await figure.locator('.chart-data tbody td:first-of-type').allInnerTexts();
  assert.ok(items.includes('2080505'), items.join(' '));
  // up again by the breadcrumbs (buttons: the top, then each level passed)
  await figure.locator('nav.crumbs button.crumb[data-depth="1"]').click();
  assert.equal(await canvas.getAttribute('data-path'), '208');
  await figure.locator('nav.crumbs button.crumb[data-depth="0"]').click();
  assert.equal(await canvas.getAttribute('data-path'), '');
  assert.equal(await figure.locator('nav.crumbs button.crumb').count(), 0);
  await context.close();
});

test('uploads: the PDF; the CSV and JSON downloads are the command line export', { skip: skipPdf }, async () => {
  const PDF = sharedFile(PUTUO);
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  const loadedAt = log.requests.length;

  assert.equal(await upload(page, PDF), 'ready');
  timings.pdfUpload = await elementTimings(page);
  assert.match(await page.locator('juesuan-report section.summary').innerText(), /中共上海市普陀区委社会工作部/);
  for (const [kind, n] of Object.entries(await inkPerChart(page))) assert.ok(n > 200, `chart ${kind} blank after the PDF`);
  const pdfCsv = await download(page, 'juesuan-report button[data-download="csv"]');
  assert.equal(pdfCsv.name, 'putuo_socialwork_2024.facts.csv');
  assert.equal(pdfCsv.text, cli('export', PDF), 'the PDF facts CSV is the command line export byte for byte');
  const json = await download(page, 'juesuan-report button[data-download="json"]');
  assert.equal(json.text + '\n', cli('export', PDF, '--format', 'json'));
  assertOffline(log, loadedAt);
  await context.close();
});

test('uploads: a GBK copy of the text; the CSV download is the command line export', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  const sampleCsv = await download(page, 'juesuan-report button[data-download="csv"]');
  assert.equal(sampleCsv.text, cli('export', TEXT));
  const loadedAt = log.requests.length;

  assert.equal(await upload(page, GBK), 'ready');
  timings.gbkTextUpload = await elementTimings(page);
  assert.match(await page.locator('juesuan-report section.summary').innerText(), /gb18030/);
  const gbkCsv = await download(page, 'juesuan-report button[data-download="csv"]');
  assert.equal(gbkCsv.text, cli('export', GBK));
  assert.equal(gbkCsv.text, sampleCsv.text, 'the same facts whatever the encoding');

  assert.equal(await upload(page, TEXT), 'ready');
  timings.textUpload = await elementTimings(page);

  // each chart downloads as PNG and SVG
  const svg = await download(page, 'juesuan-report figure[data-chart-figure="sangong"] button:text("SVG")');
  assert.match(svg.text, /^<svg[^>]*>/);
  assert.match(svg.text, /公务接待费/);
  const [png] = await Promise.all([page.waitForEvent('download'),
    page.locator('juesuan-report figure[data-chart-figure="sangong"] button:text("PNG")').click()]);
  assert.deepEqual([...readFileSync(await png.path()).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

  assertOffline(log, loadedAt);
  await context.close();
});

test('findings on uncertain cells are shown apart, as possible reading problems', async () => {
  // the seed with its 09 rows made ambiguous: their numbers fit more than one column
  const text = readFileSync(TEXT, 'utf8')
    .replace('栏次 1 2 3\n\n合计\n\n2230105', '栏次 1 2 3\n\n合计 350000.00 350000.00\n\n2230105')
    .replace('管理补助支出\n350000.00 350000.00', '管理补助支出\n350000.00 300000.00');
  mkdirSync(join(root, 'target', 'web-inputs'), { recursive: true });
  const file = join(root, 'target', 'web-inputs', 'ningxia-uncertain.txt');
  writeFileSync(file, text);
  const audit = JSON.parse(cliStatus('check', file, '--format', 'json').out.trim().split('\n')[0]).audit;
  const reading = audit.findings.filter((f) => f.group === 'reading');
  assert.ok(reading.length >= 1, 'the CLI finds possible reading problems');
  const { page, context } = await open();
  assert.equal(await settled(page), 'ready');
  assert.equal(await upload(page, file), 'ready');
  const report = page.locator('juesuan-report');
  assert.equal(await report.locator('h3.reading').count(), 1);
  assert.equal(await report.locator('ul.reading-problems > li.finding.reading').count(), reading.length);
  assert.equal(await report.locator('li.finding.reading').count(), reading.length, 'none among the errors');
  assert.match(await report.locator('section.audit .audit-summary').innerText(), new RegExp(`另有 ${reading.length} 项可能是识别问题`));
  // each names the uncertain cells it rests on
  assert.ok(await report.locator('ul.reading-problems button.cell-link.uncertain').count() >= reading.length);
  mkdirSync(join(root, 'target', 'screenshots'), { recursive: true });
  await report.locator('section.audit').screenshot({ path: join(root, 'target', 'screenshots', 'audit-reading-1280.png') });
  await context.close();
});

test('unreadable files are a clear error, and the next file reads again', async (t) => {
  const { page, context } = await open();
  assert.equal(await settled(page), 'ready');
  assert.equal(await upload(page, ENCRYPTED), 'error');
  assert.match(await page.locator('juesuan-report .status').innerText(), /加密/);
  // the report shown before stays, and the message says so
  assert.match(await page.locator('juesuan-report .status').innerText(), /仍显示之前的报告/);
  assert.equal(await page.locator('juesuan-report canvas').count(), 7);
  await page.setInputFiles('#file', { name: 'noise.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n1 0 obj <<') });
  assert.equal(await settled(page), 'error');
  // the PDF when ../shared has it, otherwise the text
  assert.equal(await upload(page, sharedPart(t, PUTUO) ?? TEXT), 'ready');
  await context.close();
});

test('a worker that fails is an error on the page, not a page that waits forever', async () => {
  const context = await site.browser.newContext();
  await context.route('**/worker.js', (route) => route.fulfill({
    contentType: 'text/javascript', body: "throw new Error('worker exploded');",
  }));
  const page = await context.newPage();
  await page.goto(site.base);
  assert.equal(await settled(page), 'error');
  assert.match(await page.locator('juesuan-report .status').innerText(), /worker exploded/);
  // the page itself still responds
  await page.locator('#lang').click();
  assert.equal(await page.locator('#lang').innerText(), '中文');
  await context.close();
});

test('text from the file never becomes HTML', async () => {
  const { page, context, log } = await open();
  assert.equal(await settled(page), 'ready');
  const payload = '<img src=x onerror=alert(1)>';
  // names lose their spaces when normalised: the same markup without spaces
  const inner = '<img/src=x/onerror=alert(1)>';
  const text = readFileSync(TEXT, 'utf8')
    .replaceAll('宁夏回族自治区人力资源和社会保障厅', `${inner}厅`)
    .replaceAll('人事就业社会保障管理经费', `${inner}经费`)
    .replace('工资福利支出', `工资${inner}支出`);
  await page.setInputFiles('#file', { name: `${payload}.txt`, mimeType: 'text/plain', buffer: Buffer.from(text) });
  assert.equal(await settled(page), 'ready');
  const found = await page.evaluate(() => {
    const shadow = document.querySelector('juesuan-report').shadowRoot;
    return {
      images: document.querySelectorAll('img').length + shadow.querySelectorAll('img').length,
      text: shadow.textContent,
    };
  });
  assert.equal(found.images, 0);
  assert.ok(found.text.includes(`${payload}.txt`), 'the file name is shown as text');
  assert.ok(found.text.includes(`${inner}厅`), 'the department is shown as text');
  assert.ok(found.text.includes(`${inner}经费`), 'the project is shown as text');
  const svg = await download(page, 'juesuan-report figure[data-chart-figure="economic"] button:text("SVG")');
  assert.ok(!svg.text.includes('<img'), 'SVG text is escaped');
  await page.waitForTimeout(200);
  assert.deepEqual(log.dialogs, []);
  assert.ok(!log.requests.some((u) => u.endsWith('/x')), 'no image was requested');
  await context.close();
});

test('English, and readable at 360 px', async () => {
  const { page, context } = await open('', { width: 360, height: 780 });
  assert.equal(await settled(page), 'ready');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 360px`);
  const width = await page.locator('juesuan-report canvas[data-chart="function"]').evaluate((c) => c.getBoundingClientRect().width);
  assert.ok(width <= 360, `chart ${width}px wide`);
  mkdirSync(join(root, 'target', 'screenshots'), { recursive: true });
  await page.screenshot({ path: join(root, 'target', 'screenshots', 'sample-360.png'), fullPage: false });
  await page.locator('juesuan-report figure[data-chart-figure="function"]').screenshot({ path: join(root, 'target', 'screenshots', 'chart-360.png') });
  await page.locator('#lang').click();
  assert.equal(await page.locator('juesuan-report section.charts h2').innerText(), 'Charts');
  // the parts after the summary render in tasks of their own: the locator waits for the audit's
  assert.match(await page.locator('juesuan-report section.audit p.audit-summary').innerText(), /6 errors/);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator('#lang').click();
  assert.equal(await page.locator('juesuan-report section.charts h2').innerText(), '图表');
  await page.screenshot({ path: join(root, 'target', 'screenshots', 'sample-desktop.png'), fullPage: false });
  await context.close();
});

test('the custom element on a minimal page under the CSP: attributes, load(), events', async (t) => {
  const { page, context, log } = await open('embed.html');
  assert.equal(await settled(page), 'ready');
  const el = page.locator('juesuan-report');
  assert.deepEqual(await el.locator('canvas[data-chart]').evaluateAll((cs) => cs.map((c) => c.dataset.chart)),
    ['function', 'sangong', 'performance']);
  assert.equal(await el.locator('section.charts h2').innerText(), 'Charts');

  // load() with report text, with bytes, and with nothing readable
  const text = readFileSync(TEXT, 'utf8');
  await page.evaluate((t) => document.querySelector('juesuan-report').load(t, 'pasted.txt'), text);
  assert.equal(await el.getAttribute('data-state'), 'ready');
  const pdf = sharedPart(t, PUTUO);
  if (pdf) {
    await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      await document.querySelector('juesuan-report').load(bytes.buffer, 'putuo.pdf');
    }, readFileSync(pdf).toString('base64'));
    assert.equal(await el.getAttribute('data-state'), 'ready');
    assert.match(await el.locator('section.summary').innerText(), /中共上海市普陀区委社会工作部/);
  }
  await page.evaluate(() => document.querySelector('juesuan-report').load(''));
  assert.equal(await el.getAttribute('data-state'), 'error');

  // theme and lang attributes re-render
  await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.setAttribute('lang', 'zh'); r.setAttribute('theme', 'dark'); });
  await page.evaluate((t) => document.querySelector('juesuan-report').load(t, 'again.txt'), text);
  assert.equal(await el.locator('section.charts h2').innerText(), '图表');
  const corner = await el.locator('canvas[data-chart="function"]').evaluate((c) => [...c.getContext('2d').getImageData(0, 0, 1, 1).data]);
  assert.deepEqual(corner.slice(0, 3), [0x1d, 0x20, 0x24], 'dark theme background');

  const events = await page.evaluate(() => window.events);
  assert.deepEqual(events.filter((e) => e.startsWith('csp')), [], 'no CSP violations');
  assert.deepEqual(events.filter((e) => !e.startsWith('csp')).map((e) => e.split(' ')[0]),
    ['juesuan-ready', 'juesuan-ready', ...(pdf ? ['juesuan-ready'] : []), 'juesuan-error', 'juesuan-ready']);
  if (pdf) assert.ok(events.includes('juesuan-ready 中共上海市普陀区委社会工作部'));
  assert.deepEqual(log.errors, []);
  assert.ok(log.requests.every((u) => u.startsWith(site.base)), log.requests.join('\n'));
  await context.close();
});

/** Medians over repeated runs, for BENCHMARKS.md (recorded, never asserted). */
test('timings: page ready, and file input to all charts drawn', async (ctx) => {
  const PDF = sharedPart(ctx, PUTUO);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const ready = [];
  const sample = [];
  for (let i = 0; i < 3; i++) {
    const { page, context } = await open();
    assert.equal(await settled(page), 'ready');
    const t = await elementTimings(page);
    ready.push(t.wasmReady);
    sample.push(t.toCharts);
    await context.close();
  }
  const { page, context } = await open();
  assert.equal(await settled(page), 'ready');
  const text = [], pdf = [], textParse = [], pdfParse = [];
  for (let i = 0; i < 7; i++) {
    assert.equal(await upload(page, TEXT), 'ready');
    let t = await elementTimings(page);
    text.push(t.toCharts);
    textParse.push(t.parse);
    if (!PDF) continue;
    assert.equal(await upload(page, PDF), 'ready');
    t = await elementTimings(page);
    pdf.push(t.toCharts);
    pdfParse.push(t.parse);
  }
  timings.medians = {
    pageReadyWasmInstantiated: median(ready),
    sampleFirstLoadToCharts: median(sample),
    textInputToCharts: median(text),
    textParseInWorker: median(textParse),
    pdfInputToCharts: PDF ? median(pdf) : null,
    pdfParseInWorker: PDF ? median(pdfParse) : null,
    runs: { pageLoads: ready.length, uploadsEach: text.length },
  };
  await context.close();
});

test('print layout: folded parts stay as the reader left them (a long table prints when open)', async () => {
  const { page, context } = await open();
  assert.equal(await settled(page), 'ready');
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await page.locator('juesuan-report details.tables-block:not([open])').count(), 1);
  assert.ok(await page.locator('juesuan-report nav.toc').isHidden());
  assert.ok(await page.locator('juesuan-report section.downloads').isHidden());
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000);
  await context.close();
});
