"""Per-call time of hearth.validate on the typical case file (run by `cargo xtask bench`).

Parse, validate and the report's JSON, with a compiled policy: what the Rust side of the
benchmark times. Writes microseconds per call to DIR/bench-python.txt.
"""

import pathlib
import sys
import timeit

import hearth

fixtures = pathlib.Path(sys.argv[1])
text = (fixtures / "inputs" / "typical.json").read_text(encoding="utf-8")
policy = hearth.Policy.builtin("stl-coc")


def call():
    return hearth.validate(text, policy, "2026-11-30").to_json()


for _ in range(20):
    call()
best = min(timeit.repeat(call, number=100, repeat=5)) / 100 * 1e6
print(f"python: {best:.1f} µs per call (best of 5 x 100)")
(fixtures / "bench-python.txt").write_text(f"{best}\n", encoding="utf-8")
