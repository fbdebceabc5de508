// The care-plan page in a real headless Chromium (Debian's, at $CHROMIUM), driven by
// playwright-core over a local static server: load an example, see its findings, follow
// a finding to the editor and to its explanation, edit a value and see them change.
// `cargo xtask test` sets the environment (CHROMIUM, CHROMIUM_FLAGS, HEARTH_ROOT).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile, mkdtemp, rm, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, normalize, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = join(here, "..", "..");
const root = process.env.HEARTH_ROOT || join(wasmDir, "..", "..");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const flags = (process.env.CHROMIUM_FLAGS ||
  "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync").split(" ");
const example = join(root, "examples", "data", "cases", "stl-coc.json");
const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm", ".json": "application/json" };

let server, base, context, page, profile;
const requests = [];
const started = Date.now();

before(async () => {
  // Serves bindings/wasm (www/ and pkg/) on the loopback address only.
  server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path.includes("..") || !(path.startsWith("/www/") || path.startsWith("/pkg/"))) {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await readFile(join(wasmDir, path));
      res.writeHead(200, { "content-type": types[extname(path)] || "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${server.address().port}`;
  profile = await mkdtemp(join(tmpdir(), "hearth-chromium-"));
  // A persistent context is how playwright takes a fresh --user-data-dir of our own.
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: flags.filter((f) => f !== "--headless"),
    timeout: 60_000,
  });
  page = context.pages()[0] || (await context.newPage());
  page.on("request", (r) => requests.push({ url: r.url(), method: r.method() }));
  const errors = [];
  page.on("pageerror", (e) => errors.push(e));
  await page.goto(`${base}/www/index.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30_000 });
  assert.deepEqual(errors, []);
});

after(async () => {
  if (context) await context.close();
  if (server) server.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  console.log(`# browser test took ${((Date.now() - started) / 1000).toFixed(1)} s`);
});

test("an example loads and shows its findings and obligations", async () => {
  await page.selectOption("#policy", "stl-coc");
  await page.fill("#as-of", "2026-01-19");
  await page.setInputFiles("#file", example);
  await page.waitForSelector('li.finding[data-code="PLAN005"]');
  const codes = await page.$$eval("li.finding", (els) => els.map((e) => `${e.dataset.code} ${e.dataset.path}`));
  assert.ok(codes.includes("PLAN005 /enrollments/0/care_plan/reviews/3"), codes.join("\n"));
  assert.ok(codes.includes("VISIT007 /enrollments/0/encounters/14/documented_at"), codes.join("\n"));
  assert.match(await page.textContent("#status"), /\d+ errors/);
  assert.ok((await page.$$("#obligations tbody tr")).length > 0);
  const artifacts = process.env.HEARTH_ARTIFACTS;
  if (artifacts) {
    await mkdir(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, "care-plan-page.png") });
  }
});

test("a finding links to its place in the editor and to its explanation", async () => {
  const finding = page.locator('li.finding[data-code="PLAN005"]');
  await finding.locator("a.locate").click();
  const selected = await page.$eval("#editor", (e) => e.value.slice(e.selectionStart, e.selectionEnd));
  assert.match(selected, /^\{\s*"reviewed_on": "2025-10-28"/);
  await finding.locator("details.explain summary").click();
  await finding.locator("details.explain pre").waitFor();
  assert.match(await finding.locator("details.explain pre").textContent(), /What it checks/);
});

test("editing a value re-checks as you type", async () => {
  // Encounter E015 was documented 77 hours after it ended; document it the same day.
  const text = await page.inputValue("#editor");
  const late = '"documented_at": "2025-10-10T16:00:00-05:00"';
  const at = text.indexOf(late);
  assert.ok(at > 0);
  const start = at + late.indexOf("10T16");
  await page.$eval("#editor", (e, [s]) => { e.focus(); e.setSelectionRange(s, s + 2); }, [start]);
  await page.keyboard.type("07");
  await page.waitForSelector('li.finding[data-code="VISIT007"]', { state: "detached" });
  assert.ok(await page.$('li.finding[data-code="PLAN005"]'));
  // Breaking the JSON shows where, and fixing it brings the findings back.
  await page.keyboard.press("End");
  await page.keyboard.type("}");
  await page.waitForSelector("#error:not([hidden]) a.locate");
  assert.match(await page.textContent("#error"), /line \d+, column \d+/);
  await page.keyboard.press("Backspace");
  await page.waitForSelector("#error", { state: "hidden" });
  assert.ok(await page.$('li.finding[data-code="PLAN005"]'));
});

test("no data leaves the page", () => {
  const outside = requests.filter((r) => !r.url.startsWith(base + "/"));
  assert.deepEqual(outside, []);
  assert.deepEqual(requests.filter((r) => r.method !== "GET"), []);
  assert.ok(requests.some((r) => r.url.endsWith(".wasm")));
});
