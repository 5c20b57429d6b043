// Performance tables of every kind on the page, in real headless Chromium: a 部门整体绩效自评表
// (Ningde) and the 绩效目标表 of a budget (Chongqing 水利局: a department's, two projects' forms
// and a list) each under a heading that names its kind, in the same indicator table
// component as the self-evaluations, with the columns a target does not print (实际完成值,
// 得分, 扣分) left out and those it does (指标性质, 计量单位) shown. Values are compared with the
// command line's JSON export (JUESUAN_BIN) of the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root, skipWithout, sharedFile, settledReport, axeViolations, useSite } from './shared.mjs';

const BIN = process.env.JUESUAN_BIN || join(root, 'target', 'release', 'juesuan');
const exported = (file) => JSON.parse(execFileSync(BIN, ['export', file, '--format', 'json'], { maxBuffer: 1 << 28 }).toString('utf8'));
const NINGDE = 'corpus/ningde_govoffice_2024_dept_selfeval.pdf';
const WATER = 'corpus/chongqing_water_2026_budget.pdf';

const site = useSite();

async function load(file) {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.base);
  await settledReport(page);
  await page.evaluate(() => { document.querySelector('juesuan-report').dataset.state = 'loading'; });
  await page.setInputFiles('#file', file);
  assert.equal(await settledReport(page), 'ready');
  return { page, errors, report: page.locator('juesuan-report') };
}

const headers = (table) => table.locator('thead th').allInnerTexts();

test('a department self-evaluation under its kind, with its scores', { skip: skipWithout(NINGDE) }, async () => {
  const file = sharedFile(NINGDE);
  const want = exported(file).performance;
  const { page, errors, report } = await load(file);
  assert.equal(await report.locator('h3', { hasText: '部门整体绩效自评表 (1)' }).count(), 1);
  assert.equal(await report.locator('table.projects[data-kind="department-self-evaluation"] tbody tr').count(), 1);
  await report.locator('details[data-project-block="P01"] > summary').click();
  const table = report.locator('table[data-project="P01"]');
  assert.equal(await table.locator('tbody tr').count(), want[0].indicators.length);
  const cols = await headers(table);
  for (const c of ['三级指标', '年度指标值', '实际完成值', '分值', '得分']) assert.ok(cols.includes(c), `${c} in ${cols}`);
  // a target's columns, unprinted here, are left out
  assert.ok(!cols.includes('指标性质') && !cols.includes('计量单位'), cols.join(' '));
  // the total prints the score alone: no weight invented for it
  assert.equal(await report.locator('details[data-project-block="P01"] .ptotal').innerText(), '总分 92.33 · 优');
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('budget targets: forms and a list, target columns only', { skip: skipWithout(WATER) }, async () => {
  const file = sharedFile(WATER);
  const want = exported(file).performance;
  const { page, errors, report } = await load(file);
  assert.equal(await report.locator('h3', { hasText: '部门整体绩效目标表 (1)' }).count(), 1);
  const projects = want.filter((p) => p.kind === 'project-target');
  assert.equal(await report.locator('h3', { hasText: `项目支出绩效目标表 (${projects.length})` }).count(), 1);
  const rows = report.locator('table.projects[data-kind="project-target"] tbody tr');
  assert.equal(await rows.count(), projects.length);
  // the overview's budget is the table's 年度资金总额 (or 当年财政拨款), as exported
  assert.equal(await rows.nth(0).locator('td').nth(1).innerText(), '12,700.00');
  const id = projects[0].id;
  await report.locator(`details[data-project-block="${id}"] > summary`).click();
  const table = report.locator(`table[data-project="${id}"]`);
  const cols = await headers(table);
  for (const c of ['三级指标', '指标性质', '年度指标值', '计量单位', '分值']) assert.ok(cols.includes(c), `${c} in ${cols}`);
  // the form prints no 一级/二级 labels: their columns are left out, not shown empty
  assert.equal(cols.includes('一级指标'), projects[0].indicators.some((i) => i.level1), cols.join(' '));
  assert.equal(cols.includes('二级指标'), projects[0].indicators.some((i) => i.level2), cols.join(' '));
  for (const c of ['实际完成值', '得分', '扣分']) assert.ok(!cols.includes(c), `${c} not in ${cols}`);
  const first = projects[0].indicators[0];
  const cells = await table.locator('tbody tr').nth(0).locator('th, td').allInnerTexts();
  const at = cols.indexOf('三级指标');
  assert.deepEqual(cells.slice(at, at + 5), [first.name, first.direction, first.target, first.measure, first.weight]);
  assert.equal(await table.locator('tbody tr').count(), projects[0].indicators.length);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await page.close();
});
