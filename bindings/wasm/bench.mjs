// Per-call time of validate on the typical case file under node (`cargo xtask bench`):
// parse, validate and the report as a JS object, with a compiled policy. Writes
// microseconds per call to DIR/bench-wasm.txt.
import { readFileSync, writeFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { initSync, Policy } from "./pkg/hearth_wasm.js";

const here = dirname(fileURLToPath(import.meta.url));
initSync({ module: readFileSync(join(here, "pkg", "hearth_wasm_bg.wasm")) });
const dir = process.argv[2];
const text = readFileSync(join(dir, "inputs", "typical.json"), "utf8");
const policy = Policy.builtin("stl-coc");
const call = () => policy.validateJson(text, "2026-11-30");
for (let i = 0; i < 20; i++) call();
let best = Infinity;
for (let r = 0; r < 5; r++) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < 100; i++) call();
  best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e3 / 100);
}
console.log(`wasm/node: ${best.toFixed(1)} µs per call (best of 5 x 100)`);
writeFileSync(join(dir, "bench-wasm.txt"), `${best}\n`);
