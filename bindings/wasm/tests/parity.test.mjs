// The WebAssembly package under node: parity with the Rust report, objects, errors.
// Fixtures come from `cargo xtask parity DIR` (HEARTH_PARITY_DIR); missing ones fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

import {
  initSync, validate, validateCaseload, validateJson, Policy, policies, schema,
  explain, locate,
} from "../pkg/hearth_wasm.js";

const here = dirname(fileURLToPath(import.meta.url));
initSync({ module: readFileSync(join(here, "..", "pkg", "hearth_wasm_bg.wasm")) });

const dir = process.env.HEARTH_PARITY_DIR;
if (!dir) {
  throw new Error("HEARTH_PARITY_DIR is not set: run `cargo xtask test`");
}
const cases = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
assert.ok(cases.length >= 10, `only ${cases.length} parity cases`);

function policyOf(c) {
  return c.policy ? Policy.builtin(c.policy) : Policy.fromToml(c.policy_toml);
}

for (const c of cases) {
  test(`parity: ${c.name}`, () => {
    const text = readFileSync(c.input, "utf8");
    const expected = readFileSync(c.expected, "utf8");
    const policy = policyOf(c);
    const report = c.kind === "caseload"
      ? policy.validateCaseload(text, c.as_of)
      : policy.validate(text, c.as_of);
    assert.equal(JSON.stringify(report), expected);
    assert.equal(report.findings.length, c.findings);
    if (c.kind === "case") {
      assert.equal(policy.validateJson(text, c.as_of), expected);
      // An object in gives the same report as its text.
      assert.equal(JSON.stringify(policy.validate(JSON.parse(text), c.as_of)), expected);
      if (c.policy) {
        assert.equal(JSON.stringify(validate(text, c.policy, c.as_of)), expected);
        assert.equal(validateJson(text, c.policy, c.as_of), expected);
      }
    } else if (c.policy) {
      assert.equal(JSON.stringify(validateCaseload(text, c.policy, c.as_of)), expected);
    }
    policy.free();
  });
}

const example = cases.find((c) => c.name === "example-stl-coc");
const exampleText = readFileSync(example.input, "utf8");

test("the stl-coc example has its overdue review, located in the text", () => {
  const report = validate(exampleText, "stl-coc", "2026-01-19");
  const f = report.findings.find((f) => f.code === "PLAN005");
  assert.equal(f.path, "/enrollments/0/care_plan/reviews/3");
  const [span, missing] = locate(exampleText, [f.path, "/no/such/thing"]);
  assert.ok(span.start.line > 1 && span.exact);
  const line = exampleText.split("\n")[span.start.line - 1];
  assert.ok(line.length >= span.start.column - 1);
  assert.equal(missing.exact, false);
});

test("parse errors are thrown with line, column and pointer, never the value", () => {
  const text = '{"schema_version": "1.0",\n  "participant": {"id": "P-1", "veteran": "Jordan Secret"}}';
  assert.throws(() => validate(text, "stl-coc", "2026-01-19"), (err) => {
    assert.equal(err.name, "ParseError");
    assert.equal(err.line, 2);
    assert.equal(err.pointer, "/participant/veteran");
    assert.ok(err.column > 0 && typeof err.kind === "string");
    assert.ok(!err.message.includes("Jordan"));
    return true;
  });
});

test("policy and date errors", () => {
  assert.throws(() => Policy.builtin("stl-cco"), (e) => e.name === "PolicyError" && /stl-coc/.test(e.message));
  assert.throws(() => Policy.fromToml('name = "x"\nextends = \n'), (e) => e.name === "PolicyError" && e.line === 2);
  assert.throws(() => validate(exampleText, "stl-coc", "19/01/2026"), (e) => e.name === "HearthError" && /YYYY-MM-DD/.test(e.message));
});

test("policies, schemas and explanations", () => {
  const names = policies();
  assert.ok(names.includes("stl-coc") && names.includes("ct-psh"));
  assert.equal(schema("case-file")["$id"], "urn:hearth:schema:case-file:1.0");
  const committed = join(here, "..", "..", "..", "schemas", "report.schema.json");
  assert.deepEqual(schema("report"), JSON.parse(readFileSync(committed, "utf8")));
  assert.throws(() => schema("case"), /case-file/);
  assert.match(explain("PLAN005"), /What it checks/);
  assert.throws(() => explain("NOPE999"));
});

test("the package has TypeScript types", () => {
  const dts = readFileSync(join(here, "..", "pkg", "hearth_wasm.d.ts"), "utf8");
  for (const s of ["export interface Report", "export function validate(", "export class Policy", "validate(caseJson: DocumentInput, asOf: string): Report", "validate(caseJson: DocumentInput, policy: string, asOf: string): Report"]) {
    assert.ok(dts.includes(s), s);
  }
});
