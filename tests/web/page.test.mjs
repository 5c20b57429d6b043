// The page a citizen, a journalist and a portal would use (issue 13), in real headless
// Chromium: answers first, the function classes drilled by click and by keyboard with
// breadcrumbs, tooltips, the view in the URL (restored, Back and Forward), English
// throughout, axe-core in every state, an element that fits any portal (root font size,
// sections=, compact, dark), print and downloads, the state kept. Values are compared with
// the command line's JSON export (JUESUAN_BIN) of the same file.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUTUO, skipWithout, sharedFile, settledReport, axeViolations, useSite } from './shared.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEXT = join(root, 'tests', 'fixtures', 'ningxia_hrss_2023.txt');
const ENCRYPTED = join(root, 'tests', 'fixtures', 'encrypted_user_password.pdf');
const BIN = process.env.JUESUAN_BIN || join(root, 'target', 'release', 'juesuan');
const exported = (file) => JSON.parse(execFileSync(BIN, ['export', file, '--format', 'json'], { maxBuffer: 1 << 28 }).toString('utf8'));
const SHOTS = join(root, 'target', 'screenshots');
const CORPUS = 'corpus/central_xinfang_2024_final.pdf';

const site = useSite();
let sample;

before(async () => {
  sample = exported(TEXT);
  mkdirSync(SHOTS, { recursive: true });
});

async function open(path = '', viewport = { width: 1280, height: 900 }) {
  const context = await site.browser.newContext({ viewport, acceptDownloads: true });
  await context.addInitScript(() => {
    window.events = [];
    document.addEventListener('securitypolicyviolation', (e) => window.events.push(`csp ${e.violatedDirective}`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.base + path);
  await settled(page);
  return { page, context, errors, report: page.locator('juesuan-report') };
}

const settled = settledReport;

async function upload(page, file) {
  await page.evaluate(() => { document.querySelector('juesuan-report').dataset.state = 'loading'; });
  await page.setInputFiles('#file', file);
  return settled(page);
}

/** Exact sum of decimal strings (as the page must show it: no floats). */
function decSum(values) {
  let scale = 0;
  for (const v of values) scale = Math.max(scale, (v.split('.')[1] || '').length);
  let n = 0n;
  for (const v of values) { const [i, f = ''] = v.split('.'); n += BigInt(i + f.padEnd(scale, '0')); }
  const s = n.toString().padStart(scale + 1, '0');
  return scale ? `${s.slice(0, -scale)}.${s.slice(-scale)}` : s;
}
const grouped = (s) => { const [i, f] = s.split('.'); return i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? `.${f}` : ''); };

/** The 项 rows of table 03 under a code, 本年支出合计 summed: what a level of the function chart totals. */
function spentUnder(report, prefix) {
  const t03 = report.tables.find((t) => t.id === '03');
  const rows = t03.rows.filter((r) => r.code && r.code.level === '项' && r.code.code.startsWith(prefix));
  return decSum(rows.map((r) => r.cells.find((c) => c.column === '本年支出合计').value));
}

/** The function chart's state as the element holds it. */
const fig = (page, kind = 'function') => page.evaluate((k) => {
  const f = document.querySelector('juesuan-report').figures.find((x) => x.kind === k);
  return { path: f.canvas.dataset.path, mode: f.canvas.dataset.mode, focus: f.focus, hits: f.hits.map((h) => ({ ...h })), scale: f.canvas.width / f.canvas.clientWidth };
}, kind);

/** Whether the element's shadow root has the focus on the canvas of `kind`. */
const chartFocused = (page, kind = 'function') => page.evaluate((k) =>
  document.querySelector('juesuan-report').shadowRoot.activeElement?.dataset?.chart === k, kind);

test('the function chart drills by click and by keyboard; breadcrumbs, the level total, the focus stays', async () => {
  const { page, context, errors, report } = await open();
  const figure = report.locator('figure[data-chart-figure="function"]');
  // the top level totals the expenditure of table 03 (合计 本年支出合计 = 408,982,201.79 元)
  const t03 = sample.tables.find((t) => t.id === '03');
  const all = t03.rows.find((r) => r.name === '合计').cells.find((c) => c.column === '本年支出合计').value;
  assert.equal(all, spentUnder(sample, ''));
  assert.match(await figure.locator('p.level-total').innerText(), new RegExp(`${grouped(all)} 元`));
  assert.deepEqual(await figure.locator('nav.crumbs li').allInnerTexts(), ['全部']);
  // the function classes as a treemap, bars beside it (a toggle kept in the URL)
  assert.equal((await fig(page)).mode, 'treemap');
  assert.equal(await figure.locator('button.mode[data-mode="treemap"]').getAttribute('aria-pressed'), 'true');
  await figure.locator('button.mode[data-mode="bars"]').click();
  assert.equal((await fig(page)).mode, 'bars');
  assert.match(await page.evaluate(() => location.hash), /m\.function=bars/);
  await figure.locator('button.mode[data-mode="treemap"]').click();
  assert.equal((await fig(page)).mode, 'treemap');

  // by click on the item where the chart says it is
  const f0 = await fig(page);
  const h208 = f0.hits.find((h) => h.key === '208');
  assert.ok(h208 && h208.drill, 'class 208 is drawn and drills');
  await report.locator('canvas[data-chart="function"]').click({ position: { x: (h208.x + h208.w / 2) / f0.scale, y: (h208.y + h208.h / 2) / f0.scale } });
  assert.equal((await fig(page)).path, '208');
  assert.ok(await chartFocused(page), 'the focus is on the chart after a click drill');
  assert.match(await figure.locator('p.level-total').innerText(), new RegExp(grouped(spentUnder(sample, '208'))));
  const crumbs = await figure.locator('nav.crumbs li').allInnerTexts();
  assert.equal(crumbs.length, 2);
  assert.equal(crumbs[0], '全部');
  assert.match(crumbs[1], /社会保障和就业支出|208/);
  assert.equal(await figure.locator('nav.crumbs [aria-current]').count(), 1);
  // the level change is announced
  assert.match(await figure.locator('p.live').innerText(), new RegExp(grouped(spentUnder(sample, '208'))));

  // by keyboard: arrows to 20805, Enter opens it, Escape comes back up, Backspace to the top
  const hits = (await fig(page)).hits;
  const target = hits.findIndex((h) => h.key === '20805');
  assert.ok(target >= 0, hits.map((h) => h.key).join(' '));
  await page.keyboard.press('Home');
  for (let i = 0; i < target; i++) await page.keyboard.press('ArrowRight');
  assert.equal(hits[(await fig(page)).focus].key, '20805');
  // the focus outline sits over the item's box
  const box = await figure.locator('.focus-box').boundingBox();
  const canvasBox = await report.locator('canvas[data-chart="function"]').boundingBox();
  const s = (await fig(page)).scale;
  assert.ok(Math.abs(box.x - (canvasBox.x + hits[target].x / s)) < 2 && Math.abs(box.width - hits[target].w / s) < 2, JSON.stringify(box));
  assert.match(await figure.locator('p.live').innerText(), /（第 \d+ \/ \d+ 项）/);
  await page.keyboard.press('Enter');
  assert.equal((await fig(page)).path, '208/20805');
  assert.ok(await chartFocused(page));
  assert.match(await figure.locator('p.level-total').innerText(), new RegExp(grouped(spentUnder(sample, '20805'))));
  assert.equal((await figure.locator('nav.crumbs li').allInnerTexts()).length, 3);
  await page.keyboard.press('Escape');
  assert.equal((await fig(page)).path, '208');
  await page.keyboard.press('Backspace');
  assert.equal((await fig(page)).path, '');
  assert.ok(await chartFocused(page));

  // a breadcrumb is a button: two levels down, the first crumb goes to the top
  await page.evaluate(() => { const el = document.querySelector('juesuan-report'); const f = el.figures[0]; el.drill(f, '208'); el.drill(f, '20805'); });
  assert.equal((await fig(page)).path, '208/20805');
  await figure.locator('nav.crumbs button.crumb[data-depth="1"]').click();
  assert.equal((await fig(page)).path, '208');
  await figure.locator('nav.crumbs button.crumb[data-depth="0"]').click();
  assert.equal((await fig(page)).path, '');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a tooltip names the item under the pointer with its code and amount', async () => {
  const { page, context, report } = await open();
  const f = await fig(page);
  const h = f.hits.find((x) => x.key === '208');
  await report.locator('canvas[data-chart="function"]').hover({ position: { x: (h.x + h.w / 2) / f.scale, y: (h.y + h.h / 2) / f.scale } });
  const tip = report.locator('figure[data-chart-figure="function"] .tip');
  await tip.waitFor({ state: 'visible' });
  const text = await tip.innerText();
  assert.match(text, /208/);
  assert.match(text, new RegExp(`${grouped(spentUnder(sample, '208'))} 元`));
  await page.mouse.move(1, 1);
  assert.ok(await tip.isHidden());
  await context.close();
});

test('the view lives in the URL: restored from a link; Back and Forward move between levels', async () => {
  const { page, context, report } = await open();
  await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.drill(r.figures[0], '208'); r.drill(r.figures[0], '20805'); });
  assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /p\.function=208\/20805/);
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('juesuan-report').figures[0].canvas.dataset.path === '208');
  await page.goBack();
  await page.waitForFunction(() => document.querySelector('juesuan-report').figures[0].canvas.dataset.path === '');
  assert.equal(new URL(page.url()).pathname, '/', 'Back stays in the app');
  await page.goForward();
  await page.waitForFunction(() => document.querySelector('juesuan-report').figures[0].canvas.dataset.path === '208');

  // a sort, an open project, the language: all in the address
  await report.locator('table.projects thead button.sort', { hasText: '总分' }).click();
  await report.locator('table.projects thead button.sort', { hasText: '总分' }).click();
  await report.locator('details[data-project-block="P03"] > summary').click();
  await page.locator('#lang').click();
  await page.waitForFunction(() => location.hash.includes('l=en'));
  const link = page.url();
  for (const bit of ['l=en', 'p.function=208', 'o.projects=5d', 'p%3AP03']) assert.ok(link.includes(bit), `${bit} in ${link}`);
  // nothing of the file's content is in it
  assert.ok(!decodeURIComponent(link).includes('宁夏'), link);

  // the link opened elsewhere shows the same view
  const other = await open(link.slice(site.base.length));
  assert.equal((await fig(other.page)).path, '208');
  assert.equal(await other.page.evaluate(() => document.documentElement.lang), 'en');
  assert.equal(await other.report.locator('section.charts h2').innerText(), 'Charts');
  assert.equal(await other.page.locator('#lang').innerText(), '中文');
  assert.equal(await other.report.locator('table.projects thead th[aria-sort]').getAttribute('aria-sort'), 'descending');
  const scores = await other.report.locator('table.projects tbody tr td:nth-of-type(5)').allInnerTexts();
  const expected = sample.performance.map((p) => p.total[1]).sort((a, b) => Number(b) - Number(a));
  assert.deepEqual(scores.map(Number), expected.map(Number));
  assert.ok(await other.report.locator('details[data-project-block="P03"]').evaluate((d) => d.open));
  await other.context.close();
  await context.close();
});

test('a link to a section scrolls to it below the bar and focuses its heading', async () => {
  const { page, context, report } = await open('#l=zh&s=audit');
  await page.waitForFunction(() => document.querySelector('juesuan-report').shadowRoot.activeElement?.id === 'h-audit');
  const bar = await report.locator('nav.toc').boundingBox();
  const heading = await report.locator('#h-audit').boundingBox();
  assert.ok(heading.y >= bar.y + bar.height - 1 && heading.y < 300, `heading at ${heading.y}, the bar ends at ${bar.y + bar.height}`);
  await context.close();
});

test('a local file: the link restores the view once the same file is opened again', async () => {
  const { page, context } = await open('#l=zh&p.function=208%2F20805&m.function=bars');
  // the sample (src=) shows the view at once
  assert.equal((await fig(page)).path, '208/20805');
  // a file without that level leaves the hash alone; the same file again shows it
  await page.evaluate(() => document.querySelector('juesuan-report').load('无关的文本', 'other.txt'));
  assert.equal((await fig(page)).path, '');
  assert.ok(decodeURIComponent(page.url()).includes('p.function=208/20805'));
  assert.equal(await upload(page, TEXT), 'ready');
  assert.equal((await fig(page)).path, '208/20805');
  await context.close();
});

test('switching language or theme keeps the sort, the open parts and the drill path', async () => {
  const { page, context, report } = await open();
  await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.drill(r.figures[0], '208'); });
  await report.locator('table.projects thead button.sort', { hasText: '执行率' }).click();
  const order = await report.locator('table.projects tbody th').allInnerTexts();
  await report.locator('details[data-project-block="P02"] > summary').click();
  await report.locator('details.tables-block > summary').click();
  await page.locator('#lang').click();
  await settled(page);
  assert.equal(await report.locator('section.charts h2').innerText(), 'Charts');
  assert.equal((await fig(page)).path, '208');
  assert.deepEqual(await report.locator('table.projects tbody th').allInnerTexts(), order);
  assert.equal(await report.locator('table.projects th[aria-sort="ascending"]').innerText(), 'Execution rate');
  assert.ok(await report.locator('details[data-project-block="P02"]').evaluate((d) => d.open));
  assert.ok(await report.locator('details.tables-block').evaluate((d) => d.open));
  await page.evaluate(() => document.querySelector('juesuan-report').setAttribute('theme', 'dark'));
  await settled(page);
  assert.equal((await fig(page)).path, '208');
  assert.deepEqual(await report.locator('table.projects tbody th').allInnerTexts(), order);
  await context.close();
});

test('a failed upload keeps the report shown and says why the new file could not be read', async () => {
  const { page, context, report } = await open();
  assert.equal(await upload(page, ENCRYPTED), 'error');
  const status = await report.locator('.status').innerText();
  assert.match(status, /encrypted_user_password\.pdf/);
  assert.match(status, /加密/);
  assert.match(status, /仍显示之前的报告/);
  assert.equal(await report.locator('canvas[data-chart]').count(), 7);
  assert.match(await report.locator('section.summary').innerText(), /宁夏回族自治区人力资源和社会保障厅/);
  // in English, the core's message in English
  await page.locator('#lang').click();
  assert.equal(await upload(page, ENCRYPTED), 'error');
  const en = await report.locator('.status').innerText();
  assert.match(en, /encrypted/);
  assert.doesNotMatch(en, /[\u2E80-\u9FFF]/);
  await context.close();
});

/** Text in the page and the element (open shadow roots) with a CJK character and no
 *  `lang="zh…"` on it or an ancestor; and attributes a reader hears (aria-label, title). */
const unmarkedChinese = (page) => page.evaluate(() => {
  const cjk = /[\u2E80-\u9FFF\uFF00-\uFFEF]/;
  const out = [];
  const zh = (node) => { const e = node.nodeType === 1 ? node : node.parentElement; const l = e?.closest('[lang]'); return l && l.getAttribute('lang').startsWith('zh'); };
  const walk = (rootNode) => {
    const w = document.createTreeWalker(rootNode, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = w.currentNode; n; n = w.nextNode()) {
      if (n.nodeType === 11) continue;
      if (n.nodeType === 3) {
        const p = n.parentElement;
        if (p && (p.closest('style, script') || p.closest('[hidden]'))) continue;
        if (cjk.test(n.data) && !zh(n)) out.push(`${p.tagName.toLowerCase()}.${p.className}: ${n.data.slice(0, 60)}`);
      } else {
        for (const a of ['aria-label', 'title', 'alt', 'placeholder']) {
          const v = n.getAttribute(a);
          if (v && cjk.test(v) && !zh(n)) out.push(`@${a}: ${v.slice(0, 60)}`);
        }
        if (n.shadowRoot) walk(n.shadowRoot);
      }
    }
  };
  walk(document.body);
  return out;
});

test('English throughout: no Chinese outside document content (marked lang="zh")', async () => {
  const { page, context, report } = await open();
  await page.locator('#lang').click();
  await settled(page);
  // every folded part open, and a level down, a finding's formula open
  await page.evaluate(() => { for (const d of document.querySelector('juesuan-report').shadowRoot.querySelectorAll('details')) d.open = true; });
  await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.drill(r.figures[0], '208'); });
  const left = await unmarkedChinese(page);
  assert.deepEqual(left, []);
  // the nine tables' titles and heads in English, the printed title beside
  const h3 = await report.locator('section.tables h3').first().innerText();
  assert.match(h3, /^Table 01 Income and expenditure summary · 收入支出决算总表/);
  assert.ok((await report.locator('table.report-table[data-table="03"] thead th').allInnerTexts()).includes('Basic expenditure'));
  assert.ok((await report.locator('table.funds thead th').first().allInnerTexts()).length > 0);
  assert.ok((await report.locator('table.funds').first().locator('thead th').allInnerTexts()).includes('Full-year budget'));
  // the error of a file that cannot be read, in English
  assert.equal(await upload(page, ENCRYPTED), 'error');
  assert.deepEqual(await unmarkedChinese(page), []);
  await context.close();
});

const axe = axeViolations;

test('axe-core: no violations on the page and the element, in every state', async () => {
  const { page, context } = await open();
  const states = [];
  for (const lang of ['zh', 'en']) {
    for (const theme of ['light', 'dark']) {
      await page.evaluate(([l, th]) => { const r = document.querySelector('juesuan-report'); r.setAttribute('lang', l); r.setAttribute('theme', th); }, [lang, theme]);
      await settled(page);
      states.push([`${lang} ${theme} folded`, await axe(page)]);
      await page.evaluate(() => { for (const d of document.querySelector('juesuan-report').shadowRoot.querySelectorAll('details')) d.open = true; });
      await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.drill(r.figures[0], '208'); r.figures[0].canvas.focus(); });
      states.push([`${lang} ${theme} open`, await axe(page)]);
    }
  }
  // the minimal embedding too, and an error
  const embed = await open('embed.html');
  states.push(['embed', await axe(embed.page)]);
  await embed.page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.setAttribute('sections', 'summary'); r.setAttribute('compact', ''); r.setAttribute('theme', 'dark'); });
  await settled(embed.page);
  states.push(['embed summary card, compact, dark', await axe(embed.page)]);
  await embed.page.evaluate(() => document.querySelector('juesuan-report').load(''));
  states.push(['embed error', await axe(embed.page)]);
  for (const [name, violations] of states) assert.deepEqual(violations, [], name);
  await embed.context.close();
  await context.close();
});

test('keyboard: a skip link, sections scrolled below the sticky bar with the focus on their heading, a visible focus ring', async () => {
  const { page, context, report } = await open();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.querySelector('juesuan-report').shadowRoot.activeElement?.tagName), 'H2');
  await report.locator('nav.toc button[data-section="audit"]').click();
  await page.waitForTimeout(100);
  const focused = await page.evaluate(() => document.querySelector('juesuan-report').shadowRoot.activeElement?.id);
  assert.equal(focused, 'h-audit');
  const bar = await report.locator('nav.toc').boundingBox();
  const heading = await report.locator('#h-audit').boundingBox();
  assert.ok(heading.y >= bar.y + bar.height - 1, `heading at ${heading.y}, the bar ends at ${bar.y + bar.height}`);
  // the focus ring against the background: 3:1 at least, in both themes
  const lum = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).slice(0, 3).map((v) => { const c = Number(v) / 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  for (const theme of ['light', 'dark']) {
    await page.evaluate((th) => document.querySelector('juesuan-report').setAttribute('theme', th), theme);
    await settled(page);
    await report.locator('canvas[data-chart="function"]').focus();
    await page.keyboard.press('ArrowRight');
    const [ring, bg] = await report.locator('canvas[data-chart="function"]').evaluate((c) => [getComputedStyle(c).outlineColor, getComputedStyle(c.closest('.body')).backgroundColor]);
    const [a, b] = [lum(ring), lum(bg)].sort((x, y) => y - x);
    assert.ok((a + 0.05) / (b + 0.05) >= 3, `${theme}: ring ${ring} on ${bg}`);
  }
  await context.close();
});

test('a portal whose html{font-size:10px} leaves the element unchanged', async () => {
  const sizes = async (page) => page.evaluate(() => {
    const sr = document.querySelector('juesuan-report').shadowRoot;
    const px = (sel) => getComputedStyle(sr.querySelector(sel)).fontSize;
    return { h2: px('h2'), td: px('table.confidence td'), button: px('nav.toc button'), canvas: sr.querySelector('canvas').getBoundingClientRect().width };
  });
  const { page, context } = await open();
  // the element's width fixed by the host (the demo page's own layout is in rem)
  await page.evaluate(() => { document.querySelector('juesuan-report').style.width = '760px'; });
  await page.waitForTimeout(200);
  const normal = await sizes(page);
  assert.equal(normal.h2, `${16 * 1.3}px`);
  await page.evaluate(() => { document.documentElement.style.fontSize = '10px'; });
  await page.waitForTimeout(100);
  assert.deepEqual(await sizes(page), normal);
  await context.close();
});

test('sections= and charts= choose the parts: a single chart, the summary card, compact', async () => {
  const { page, context, report } = await open('embed.html');
  const full = await report.evaluate((e) => e.getBoundingClientRect().height);
  await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.setAttribute('sections', 'charts'); r.setAttribute('charts', 'function'); });
  await settled(page);
  assert.deepEqual(await report.locator('section').evaluateAll((s) => s.map((x) => x.className)), ['charts']);
  assert.equal(await report.locator('canvas[data-chart]').count(), 1);
  assert.equal(await report.locator('nav.toc').count(), 0);
  const one = await report.evaluate((e) => e.getBoundingClientRect().height);
  assert.ok(one < 1200 && one < full / 4, `one chart ${one}px tall (all: ${full}px)`);
  await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.setAttribute('sections', 'summary'); r.setAttribute('compact', ''); });
  await settled(page);
  assert.deepEqual(await report.locator('section').evaluateAll((s) => s.map((x) => x.className)), ['summary']);
  const compact = await report.evaluate((e) => e.getBoundingClientRect().height);
  assert.ok(compact <= 36 * 14 + 60, `compact ${compact}px`);
  // charts down to 280 px wide
  await page.setViewportSize({ width: 280, height: 700 });
  await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.removeAttribute('compact'); r.setAttribute('sections', 'charts'); r.removeAttribute('charts'); });
  await settled(page);
  await page.waitForTimeout(200);
  const widths = await report.locator('canvas[data-chart]').evaluateAll((cs) => cs.map((c) => c.getBoundingClientRect().right));
  assert.ok(widths.every((w) => w <= 280), widths.join(' '));
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 280));
  await context.close();
});

test('the dark theme applies to every part, the loading banner too', async () => {
  const { page, context, report } = await open();
  await page.evaluate(() => document.querySelector('juesuan-report').setAttribute('theme', 'dark'));
  await settled(page);
  await page.evaluate(() => document.querySelector('juesuan-report').setState('loading', '…'));
  const dark = (rgb) => rgb.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0) < 3 * 100;
  assert.ok(dark(await report.locator('.status').evaluate((e) => getComputedStyle(e).backgroundColor)), 'loading banner');
  assert.ok(dark(await report.evaluate((e) => getComputedStyle(e).backgroundColor)), 'host');
  assert.ok(dark(await report.locator('.body').evaluate((e) => getComputedStyle(e).backgroundColor)), 'body');
  await context.close();
});

test('print: at most 12 A4 pages for the sample, charts redrawn for the paper, headers with their text', async () => {
  const { page, context, report } = await open();
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  assert.equal(await report.locator('canvas[data-chart="function"]').evaluate((c) => c.width), 680 * 2);
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 4 && pages <= 12, `${pages} pages`);
  // a long table prints when its section is open: more pages, and its head on each
  await page.evaluate(() => { document.querySelector('juesuan-report').shadowRoot.querySelector('details.tables-block').open = true; });
  const longer = (await page.pdf({ format: 'A4' })).toString('latin1').match(/\/Type\s*\/Page[^s]/g).length;
  assert.ok(longer > pages, `${longer} pages with the nine tables, ${pages} without`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await context.close();
});

test('downloads are named 部门-年度-图表 and are what is shown', async () => {
  const { page, context, report } = await open();
  const stem = `${sample.department}-${sample.year}-`;
  const save = async (sel) => {
    const [d] = await Promise.all([page.waitForEvent('download'), report.locator(sel).click()]);
    return { name: d.suggestedFilename(), text: readFileSync(await d.path()).toString('utf8') };
  };
  const png = await save('figure[data-chart-figure="function"] button[data-download="png"]');
  assert.ok(png.name.startsWith(stem) && png.name.endsWith('.png'), png.name);
  const svg = await save('figure[data-chart-figure="sangong"] button[data-download="svg"]');
  assert.ok(svg.name.startsWith(stem) && svg.name.endsWith('.svg'), svg.name);
  assert.match(svg.text, /<svg/);
  // the title, unit and source in the image
  const sangong = await page.evaluate(() => document.querySelector('juesuan-report').data.charts.find((c) => c.kind === 'sangong'));
  for (const bit of [sangong.title_zh, sangong.source_zh]) assert.ok(svg.text.includes(bit), `${bit} in the SVG`);
  assert.equal(svg.name, `${sangong.file_stem}.svg`);
  // the CSV of the level shown
  await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.drill(r.figures[0], '208'); });
  const csv = await save('figure[data-chart-figure="function"] button[data-download="chart-csv"]');
  assert.ok(csv.name.startsWith(stem) && csv.name.endsWith('-208.csv'), csv.name);
  const lines = csv.text.replace(/^\ufeff/, '').trim().split('\r\n');
  const codes = lines.slice(1).map((l) => l.split(',')[2]);
  assert.ok(codes.length > 1 && codes.every((c) => c.startsWith('208') && c.length === 5), codes.join(' '));
  const sum = decSum(lines.slice(1).map((l) => l.split(',')[3]));
  assert.equal(sum, spentUnder(sample, '208'));
  await context.close();
});

test('answers first: on a phone the summary figures come before any table', async () => {
  const { page, context, report } = await open('', { width: 390, height: 844 });
  const answers = report.locator('ul.answers');
  if (!(await page.evaluate(() => !!document.querySelector('juesuan-report').data.summary))) {
    // the core's summary is not in this build yet: the exact figures lead
    assert.ok((await report.locator('section.summary dl.facts').boundingBox()).y < 844);
  } else {
    const box = await answers.boundingBox();
    assert.ok(box.y < 844, `the answers start at ${box.y}px`);
    const firstTable = await report.locator('table').first().boundingBox();
    assert.ok(box.y < firstTable.y);
    const keys = await report.locator('li.answer').evaluateAll((ls) => ls.map((l) => l.dataset.key));
    for (const k of ['income', 'spending', 'basic_project', 'findings']) assert.ok(keys.includes(k), keys.join(' '));
    // each a link to its chart or part
    await report.locator('li.answer[data-key="spending"] button').click();
    assert.ok(await page.evaluate(() => document.querySelector('juesuan-report').shadowRoot.activeElement?.dataset?.chart));
  }
  await context.close();
});

test('screenshots: the sample at 1280 and 390 px in both languages, and a corpus report', async (t) => {
  for (const [w, h] of [[1280, 900], [390, 844]]) {
    const { page, context } = await open('', { width: w, height: h });
    await page.screenshot({ path: join(SHOTS, `page-zh-${w}.png`) });
    await page.locator('juesuan-report figure[data-chart-figure="function"]').screenshot({ path: join(SHOTS, `function-zh-${w}.png`) });
    await page.locator('#lang').click();
    await settled(page);
    await page.screenshot({ path: join(SHOTS, `page-en-${w}.png`) });
    await page.locator('juesuan-report figure[data-chart-figure="function"]').screenshot({ path: join(SHOTS, `function-en-${w}.png`) });
    // a level down, by keyboard: the breadcrumbs, the focus outline and the tooltip
    await page.locator('juesuan-report canvas[data-chart="function"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('ArrowRight');
    await page.locator('juesuan-report figure[data-chart-figure="function"]').screenshot({ path: join(SHOTS, `function-en-level-${w}.png`) });
    await context.close();
  }
  const reason = skipWithout(CORPUS);
  if (reason) { t.diagnostic(`skipped: the corpus screenshot ${reason}`); return; }
  const { page, context } = await open();
  assert.equal(await upload(page, sharedFile(CORPUS)), 'ready');
  await page.screenshot({ path: join(SHOTS, 'corpus-xinfang-1280.png') });
  await page.locator('juesuan-report figure[data-chart-figure="function"]').screenshot({ path: join(SHOTS, 'corpus-xinfang-function.png') });
  await context.close();
});

test('the Putuo PDF: the function chart drills to a named level', { skip: skipWithout(PUTUO) }, async () => {
  const pdf = sharedFile(PUTUO);
  const report = exported(pdf);
  const { page, context } = await open();
  assert.equal(await upload(page, pdf), 'ready');
  const f = await fig(page);
  const first = f.hits.find((h) => h.drill);
  assert.ok(first, 'a class that drills');
  await page.evaluate((k) => { const r = document.querySelector('juesuan-report'); r.drill(r.figures[0], k); }, first.key);
  const total = await page.locator('juesuan-report figure[data-chart-figure="function"] p.level-total').innerText();
  assert.match(total, new RegExp(`${grouped(spentUnder(report, first.key))} 万元`));
  await context.close();
});
