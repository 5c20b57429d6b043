// The real PDFs are not in the tree: they are read from ../shared/ beside the clone (or
// $JUESUAN_SHARED), as the Rust tests do. A test that needs a missing file is skipped with
// the reason (`{ skip: skipWithout(PUTUO) }`), except under CI=true, where it runs and
// fails on sharedFile()'s error.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { before, after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/static-server.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedDir = process.env.JUESUAN_SHARED || path.join(root, '..', 'shared');
const ci = process.env.CI === 'true';

export const PUTUO = 'fixtures/putuo_socialwork_2024.pdf';

const missing = (rel) => !existsSync(path.join(sharedDir, rel));

/** The reason to skip a test that needs `../shared/<rel>`, or false when it can run (the
 * file is there, or CI=true and the test must fail instead). */
export function skipWithout(rel) {
  return missing(rel) && !ci ? `needs ../shared/${rel} (not found: ${path.join(sharedDir, rel)})` : false;
}

/** The path of `../shared/<rel>`; an error naming it when it is missing. */
export function sharedFile(rel) {
  const file = path.join(sharedDir, rel);
  if (!existsSync(file)) {
    throw new Error(`../shared/${rel} is missing (${file}); CI needs ../shared beside the clone`);
  }
  return file;
}

/** For a test with a part that needs `../shared/<rel>`: the path, or null after a
 * diagnostic line saying the part was skipped (under CI=true, the error instead). */
export function sharedPart(t, rel) {
  const reason = skipWithout(rel);
  if (!reason) return sharedFile(rel);
  t.diagnostic(`skipped: the part of "${t.name}" that ${reason}`);
  return null;
}

/** Debian's headless Chromium as every browser test runs it (playwright-core drives it). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
}

/** The site a browser test file drives: www/ served and Chromium launched before its tests
 *  (`site.base`, `site.browser`), both closed after them. Call once, at the top level. */
export function useSite() {
  const site = {};
  before(async () => {
    ({ server: site.server, url: site.base } = await serve(path.join(root, 'www')));
    site.browser = await launchChromium();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.close();
  });
  return site;
}

/** Waits until the page's <juesuan-report> has finished (ready or error) and rendered
 *  every part; resolves to its state. */
export async function settledReport(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('juesuan-report');
    return el && (el.dataset.state === 'ready' || el.dataset.state === 'error');
  }, null, { timeout: 60000 });
  await page.waitForFunction(() => {
    const el = document.querySelector('juesuan-report');
    return el.dataset.state === 'error' || el.rendered;
  }, null, { timeout: 60000 });
  return page.evaluate(() => document.querySelector('juesuan-report').dataset.state);
}

/** axe-core's violations on the page (its shadow roots included), one line each. */
export async function axeViolations(page) {
  const { readFileSync } = await import('node:fs');
  if (!(await page.evaluate(() => !!window.axe))) {
    await page.evaluate(readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  }
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
}
