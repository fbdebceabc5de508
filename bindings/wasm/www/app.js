// The care-plan page: validates the case file in the editor on every edit, with the
// hearth WebAssembly module, and lists findings (each linked to its place in the editor
// and to its rule's explanation) and obligations. Nothing is sent anywhere.
import init, { Policy, policies, explain, locate } from "../pkg/hearth_wasm.js";

const $ = (id) => document.getElementById(id);
const editor = $("editor");
const policySelect = $("policy");
const asOf = $("as-of");
const status = $("status");
const compiled = new Map();
let timer = 0;

function policy(name) {
  if (!compiled.has(name)) compiled.set(name, Policy.builtin(name));
  return compiled.get(name);
}

// The character offset of a 1-based line and column (columns count code points).
function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const rest = Array.from(text.slice(offset, offset + 4 * column)).slice(0, column - 1).join("");
  return offset + rest.length;
}

// Selects a span in the editor and scrolls it into view.
function reveal(start, end) {
  const text = editor.value;
  const from = offsetOf(text, start.line, start.column);
  const to = end ? offsetOf(text, end.line, end.column) : from;
  editor.focus();
  editor.setSelectionRange(from, to);
  const lineHeight = parseFloat(getComputedStyle(editor).lineHeight) || 17;
  editor.scrollTop = Math.max(0, (start.line - 3) * lineHeight);
  $("where").textContent = `line ${start.line}, column ${start.column}`;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "class") node.className = v;
    else if (k.startsWith("data-")) node.setAttribute(k, v);
    else node[k] = v;
  }
  node.append(...children);
  return node;
}

function showError(err) {
  const box = $("error");
  box.hidden = false;
  box.replaceChildren();
  if (err.name === "ParseError") {
    const link = el("a", { href: "#", class: "locate" }, `line ${err.line}, column ${err.column}`);
    link.addEventListener("click", (e) => {
      e.preventDefault();
      reveal({ line: err.line, column: err.column });
    });
    box.append("The case file cannot be read at ", link, ` (${err.pointer || "/"}): ${err.message}`);
  } else {
    box.append(String(err.message || err));
  }
  status.textContent = "Not checked";
}

function render(report, text) {
  $("error").hidden = true;
  const s = report.summary;
  status.textContent = `${s.errors} errors, ${s.warnings} warnings, ${s.infos} info · ${s.overdue} overdue, ${s.due_soon} due soon`;
  $("finding-count").textContent = `(${report.findings.length})`;
  $("obligation-count").textContent = `(${report.obligations.length})`;
  const spans = locate(text, report.findings.map((f) => f.path));
  const items = report.findings.map((f, i) => {
    const span = spans[i];
    const where = span ? `line ${span.start.line}` : "not in the text";
    const link = el("a", { href: "#", class: "locate", title: f.path }, where);
    link.addEventListener("click", (e) => {
      e.preventDefault();
      if (span) reveal(span.start, span.end);
    });
    const details = el("details", { class: "explain" }, el("summary", {}, `Explain ${f.code} (${f.rule})`));
    details.addEventListener("toggle", () => {
      if (details.open && details.children.length === 1) {
        let text;
        try { text = explain(f.code); } catch (err) { text = String(err.message); }
        details.append(el("pre", {}, text));
      }
    }, { once: false });
    return el("li", { class: `finding ${f.severity}`, "data-code": f.code, "data-path": f.path },
      el("span", { class: "code" }, f.code), " ", f.severity,
      f.kind === "not-evaluated" ? " (not evaluated)" : "", " · ", link, " ",
      el("span", { class: "path" }, f.path),
      el("div", { class: "message" }, f.message + (f.waiver ? ` (waived: ${f.waiver})` : "")),
      el("div", { class: "help" }, f.help),
      details);
  });
  $("findings").replaceChildren(...items);
  const rows = report.obligations.map((o) =>
    el("tr", { class: o.status, "data-code": o.code },
      el("td", {}, o.due_on || ""), el("td", {}, o.code), el("td", {}, o.description),
      el("td", {}, o.status + (o.remaining ? ` (${o.remaining} to go)` : ""))));
  $("obligations").tBodies[0].replaceChildren(...rows);
}

function check() {
  const text = editor.value;
  if (!text.trim()) return;
  try {
    render(policy(policySelect.value).validate(text, asOf.value), text);
  } catch (err) {
    showError(err);
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(check, 150);
}

await init();
for (const name of policies()) policySelect.append(el("option", { value: name }, name));
asOf.value = new Date().toISOString().slice(0, 10);
editor.addEventListener("input", schedule);
policySelect.addEventListener("change", check);
asOf.addEventListener("change", check);
$("file").addEventListener("change", async () => {
  const file = $("file").files[0];
  if (!file) return;
  editor.value = await file.text();
  check();
});
document.body.dataset.ready = "true";
