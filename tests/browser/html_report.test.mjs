// The HTML report in a real browser: `hearth check --format html` over the bundled
// examples, opened in headless Chromium (Debian's package). Checks the DOM against the
// JSON report of the same run (counts per rule, totals, every case manager's worklist),
// that the page makes no network request and logs no console error, that it reads with
// scripts off, and that it prints to PDF. Keeps a screenshot and the PDF under
// target/browser/ (outside the sources) and prints their paths.
//
//   node --test tests/browser/            (after `npm ci` in tests/browser)
//
// Environment: CHROMIUM (default /usr/bin/chromium), HEARTH (the hearth binary; default
// target/debug/hearth, else target/release/hearth), HEARTH_ARTIFACTS (default
// target/browser).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const hearth =
  process.env.HEARTH ||
  [join(root, 'target/debug/hearth'), join(root, 'target/release/hearth')].find(existsSync);
const artifacts = resolve(process.env.HEARTH_ARTIFACTS || join(root, 'target/browser'));
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const OPEN = new Set(['overdue', 'due-soon', 'upcoming']);

let report; // the JSON report of the run
let pageUrl;
let profile;
let context;
let page;
const requests = [];
const consoleErrors = [];

function runHearth(format, out) {
  try {
    execFileSync(
      hearth,
      ['check', '--config', 'examples/data/hearth.toml', '--format', format, '-o', out, '--exit-zero'],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (e) {
    throw new Error(`hearth check --format ${format} failed: ${e.stderr}`);
  }
}

before(async () => {
  assert.ok(hearth, 'no hearth binary: build it (cargo build -p hearth-cli) or set HEARTH');
  assert.ok(existsSync(chromiumPath), `no Chromium at ${chromiumPath}: apt-get install chromium, or set CHROMIUM`);
  mkdirSync(artifacts, { recursive: true });
  const html = join(artifacts, 'report.html');
  const json = join(artifacts, 'report.json');
  runHearth('html', html);
  runHearth('json', json);
  report = JSON.parse(readFileSync(json, 'utf8'));
  pageUrl = pathToFileURL(html).href;
  profile = mkdtempSync(join(tmpdir(), 'hearth-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: FLAGS,
    viewport: { width: 1200, height: 900 },
  });
  // Every request is recorded; only the page itself may load.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === pageUrl) return route.continue();
    return route.abort();
  });
  context.on('request', (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(pageUrl, { waitUntil: 'load' });
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the page loads with no request but itself and no console error', async () => {
  await page.waitForTimeout(200);
  assert.deepEqual(requests, [pageUrl]);
  assert.deepEqual(consoleErrors, []);
  assert.match(await page.title(), /hearth check report as of \d{4}-\d{2}-\d{2}/);
});

test('findings per rule equal the JSON report', async () => {
  const expected = {};
  for (const f of report.findings) expected[f.code] = (expected[f.code] || 0) + 1;
  assert.ok(Object.keys(expected).length > 5, 'the examples have findings under several rules');
  const shown = await page.$$eval('#rules-table tbody tr', (rows) =>
    Object.fromEntries(rows.map((r) => [r.dataset.rule, Number(r.dataset.count)])),
  );
  assert.deepEqual(shown, expected);
  // Each rule's section lists its findings, and its explanation is in the page.
  for (const [code, n] of Object.entries(expected)) {
    const rows = await page.$$eval(
      `table.findings[data-rule="${code}"] tbody tr`,
      (r) => r.length,
    );
    assert.equal(rows, n, code);
    const link = await page.$eval(`#rules-table tr[data-rule="${code}"] a`, (a) => a.getAttribute('href'));
    assert.equal(await page.locator(link).count(), 1, `${code}: ${link}`);
  }
});

test('the totals equal the JSON summary', async () => {
  const totals = await page.$$eval('[data-total]', (cards) =>
    Object.fromEntries(cards.map((c) => [c.dataset.total, Number(c.querySelector('strong').textContent)])),
  );
  const s = report.summary;
  assert.deepEqual(totals, {
    documents: s.documents,
    'could-not-be-read': s.invalid,
    participants: s.participants,
    errors: s.errors,
    warnings: s.warnings,
    infos: s.infos,
    waived: s.waived,
    'not-evaluated': s.not_evaluated,
    'obligations-overdue': s.overdue,
    'obligations-due-soon': s.due_soon,
  });
});

test('every case manager has a worklist: overdue, due soon and due within 30 days, overdue first', async () => {
  const asOf = Object.fromEntries(report.files.map((f) => [f.file, f.as_of]));
  const DAY = 86400000;
  const open = {};
  for (const o of report.obligations) {
    if (!OPEN.has(o.status)) continue;
    const staff = o.case_manager ?? '';
    open[staff] ||= [];
    // Upcoming obligations due later than 30 days after the file's date are counted,
    // not listed (hearth due lists them).
    const ahead = o.due_on && asOf[o.file] ? (Date.parse(o.due_on) - Date.parse(asOf[o.file])) / DAY : -1;
    if (o.status !== 'upcoming' || (ahead >= 0 && ahead <= 30)) open[staff].push(o);
  }
  assert.ok(Object.values(open).some((list) => list.length > 0), 'some worklist lists obligations');
  assert.ok(Object.keys(open).length >= 3, 'the examples name several case managers');
  for (const [staff, list] of Object.entries(open)) {
    const section = page.locator(`section.staff[data-staff="${staff}"]`);
    assert.equal(await section.count(), 1, `worklist of ${staff || '(none)'}`);
    const statuses = await section
      .locator('table.worklist tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.cells[1].textContent));
    assert.equal(statuses.length, list.length, staff);
    const firstOther = statuses.findIndex((s) => s !== 'overdue');
    if (firstOther >= 0) assert.ok(!statuses.slice(firstOther).includes('overdue'), staff);
  }
});

test('the visit grid and the calendar are there, in words', async () => {
  const cells = await page.$$eval('table.grid tbody td:not(:nth-child(2))', (tds) => tds.map((t) => t.textContent));
  assert.ok(cells.length > 0, 'the examples have visit months not met');
  for (const c of cells) assert.match(c, /met|not met|not evaluated|not yet due|waived|n\/a/);
  const days = await page.$$eval('table.calendar td[data-date]', (tds) => tds.length);
  assert.equal(days, 31);
  const svgs = await page.$$eval('svg[role="img"] title', (t) => t.length);
  assert.ok(svgs >= 1);
});

test('sorting and filtering work', async () => {
  const header = page.locator('#rules-table thead th button').nth(4);
  await header.click();
  assert.equal(await page.locator('#rules-table thead th').nth(4).getAttribute('aria-sort'), 'ascending');
  const counts = await page.$$eval('#rules-table tbody tr', (r) => r.map((x) => Number(x.dataset.count)));
  assert.deepEqual(counts, [...counts].sort((a, b) => a - b));
  assert.deepEqual(consoleErrors, []);
});

test('a screenshot and a PDF are kept outside the sources', async () => {
  const png = join(artifacts, 'report.png');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: png });
  const pdf = join(artifacts, 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  assert.ok(statSync(png).size > 1000);
  assert.ok(statSync(pdf).size > 1000);
  console.log(`screenshot: ${png}\nPDF: ${pdf}`);
});

test('with scripts off the page shows every rule and every row', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-chromium-'));
  const off = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    headless: true,
    args: FLAGS,
    javaScriptEnabled: false,
  });
  try {
    await off.route('**/*', (route) =>
      route.request().url() === pageUrl ? route.continue() : route.abort(),
    );
    const p = await off.newPage();
    await p.goto(pageUrl);
    const rules = await p.locator('#rules-table tbody tr').count();
    assert.equal(rules, new Set(report.findings.map((f) => f.code)).size);
    assert.equal(await p.locator('tr[hidden]').count(), 0);
    assert.equal(await p.locator('.tools').count(), 0);
    const findingRows = await p.locator('table.findings tbody tr').count();
    assert.equal(findingRows, report.findings.length);
  } finally {
    await off.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
