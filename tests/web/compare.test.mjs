// Two reports side by side in real headless Chromium (issue 14, item 5): the page's
// "compare" file input and the element's compare-src attribute, the paired charts drawn,
// the figures per line and the cross-checks' findings with the document of each cell, in
// both languages, against the command line's `juesuan compare --format json` of the same
// two files.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, settledReport, axeViolations, useSite } from './shared.mjs';

const TEXT = join(root, 'tests', 'fixtures', 'ningxia_hrss_2023.txt');
const BIN = process.env.JUESUAN_BIN || join(root, 'target', 'release', 'juesuan');
const SHOTS = join(root, 'target', 'screenshots');

/** The sample as if it were the year before, every amount as printed (tests/compare.rs). */
function yearBefore(text) {
  let t = text;
  for (let y = 2018; y <= 2023; y++) t = t.replaceAll(String(y), `#${y - 1}`);
  return t.replaceAll('#', '');
}

const site = useSite();
let earlierFile, expected;

before(async () => {
  earlierFile = join(mkdtempSync(join(tmpdir(), 'juesuan-compare-')), 'ningxia_hrss_2022.txt');
  writeFileSync(earlierFile, yearBefore(readFileSync(TEXT, 'utf8')));
  // exit 1: the cross-checks find errors
  try {
    execFileSync(BIN, ['compare', TEXT, earlierFile, '--format', 'json']);
  } catch (e) {
    expected = JSON.parse(e.stdout.toString('utf8'));
  }
  mkdirSync(SHOTS, { recursive: true });
});

test('comparing the sample with the year before: paired charts, lines, and cross-checks citing both documents', async () => {
  assert.equal(expected.relation, 'year-on-year');
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.base);
  assert.equal(await settledReport(page), 'ready');
  await page.evaluate(() => { window.compared = new Promise((r) => document.addEventListener('juesuan-compared', (e) => r(e.detail))); });
  await page.setInputFiles('#compare', earlierFile);
  const detail = await page.evaluate(() => window.compared);
  assert.equal(detail.relation, 'year-on-year');
  assert.equal(await settledReport(page), 'ready');
  const shown = await page.evaluate(() => {
    const r = document.querySelector('juesuan-report');
    const s = r.shadowRoot.getElementById('s-compare');
    const figs = r.figures.filter((f) => f.kind.startsWith('compare-'));
    const totals = [...s.querySelectorAll('table[data-compare-block="totals"] tbody tr')].map((tr) => [...tr.children].map((td) => td.textContent));
    return {
      heading: s.querySelector('h2').textContent,
      relation: s.querySelector('.relation').textContent,
      kinds: figs.map((f) => f.kind),
      drawn: figs.map((f) => f.hits.length),
      totals,
      findings: [...s.querySelectorAll('li.finding')].map((li) => ({
        rule: li.dataset.rule, docs: [...li.querySelectorAll('.cells li')].map((x) => x.dataset.doc),
      })),
      nav: [...r.shadowRoot.querySelectorAll('nav.toc button')].map((b) => b.dataset.section),
    };
  });
  assert.equal(shown.heading, '对比');
  assert.match(shown.relation, /相邻两个年度/);
  assert.ok(shown.nav.includes('compare'), 'the bar links to the comparison');
  assert.deepEqual(shown.kinds, ['compare-totals', 'compare-function', 'compare-economic', 'compare-sangong']);
  assert.ok(shown.drawn.every((n) => n > 0), `every paired chart drawn with its hit boxes: ${shown.drawn}`);
  // the lines as the command line computes them: 一般公共预算财政拨款支出 403,923,024.99 in both
  const line = expected.blocks.find((b) => b.key === 'totals').lines.find((l) => l.key === '一般公共预算财政拨款支出');
  const row = shown.totals.find((r) => r[0] === line.name);
  assert.deepEqual(row.slice(1), ['403,923,024.99', '403,923,024.99', '0.00', '0.00']);
  // every cross-check finding of the command line, each citing a cell in a and in b
  assert.equal(shown.findings.length, expected.findings.length);
  assert.ok(shown.findings.length > 0);
  for (const f of shown.findings) {
    assert.equal(f.rule, 'C.change');
    assert.deepEqual(f.docs, ['a', 'b']);
  }
  // the paired function chart drills like the report's: 208 → its 款
  await page.evaluate(() => { const r = document.querySelector('juesuan-report'); r.drill(r.figures.find((f) => f.kind === 'compare-function'), '208'); });
  const drilled = await page.evaluate(() => document.querySelector('juesuan-report').figures.find((f) => f.kind === 'compare-function').items.map((i) => i.key));
  assert.ok(drilled.length > 0 && drilled.every((k) => k.startsWith('208') && k.length === 5), `${drilled}`);
  await page.screenshot({ path: join(SHOTS, 'compare-1280.png'), fullPage: false });
  // English: the comparison stays, in English; no axe violation
  await page.evaluate(() => document.querySelector('juesuan-report').setAttribute('lang', 'en'));
  assert.equal(await settledReport(page), 'ready');
  const en = await page.evaluate(() => {
    const s = document.querySelector('juesuan-report').shadowRoot.getElementById('s-compare');
    return { heading: s.querySelector('h2').textContent, relation: s.querySelector('.relation').textContent };
  });
  assert.deepEqual(en.heading, 'Comparison');
  assert.match(en.relation, /Two consecutive years/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('compare-src: the element compares the report with a second one it fetches; the same report twice shows no change', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.base}embed.html`);
  await settledReport(page);
  await page.evaluate(() => {
    window.compared = new Promise((r) => document.addEventListener('juesuan-compared', (e) => r(e.detail)));
    document.querySelector('juesuan-report').setAttribute('compare-src', 'samples/ningxia_hrss_2023.txt');
  });
  const detail = await page.evaluate(() => window.compared);
  assert.deepEqual(detail, { name: 'ningxia_hrss_2023.txt', relation: 'other', findings: 0 });
  await settledReport(page);
  const diffs = await page.evaluate(() => [...document.querySelector('juesuan-report').shadowRoot
    .querySelectorAll('#s-compare table[data-compare-block] tbody tr')].map((tr) => tr.children[3].textContent));
  // a line printed in both shows 0.00; one neither prints (a blank cell) has no difference
  assert.ok(diffs.filter((d) => d === '0.00').length > 40);
  assert.deepEqual(diffs.filter((d) => d !== '0.00' && d !== '—'), [], 'no change anywhere');
  await context.close();
});
