"""The parity fixtures written by `cargo xtask parity DIR` (HEARTH_PARITY_DIR).

Missing fixtures are an error, never a skip: run the suite through `cargo xtask test`.
"""

import json
import os
import pathlib

import pytest


def _manifest():
    root = os.environ.get("HEARTH_PARITY_DIR")
    if not root:
        raise RuntimeError(
            "HEARTH_PARITY_DIR is not set: run `cargo xtask test` (or "
            "`cargo xtask parity DIR` and set HEARTH_PARITY_DIR=DIR)"
        )
    path = pathlib.Path(root) / "manifest.json"
    cases = json.loads(path.read_text(encoding="utf-8"))
    if len(cases) < 10:
        raise RuntimeError(f"{path}: only {len(cases)} parity cases")
    return cases


CASES = _manifest()


@pytest.fixture(params=CASES, ids=[c["name"] for c in CASES])
def parity_case(request):
    return request.param


@pytest.fixture
def example_text():
    case = next(c for c in CASES if c["name"] == "example-stl-coc")
    return pathlib.Path(case["input"]).read_text(encoding="utf-8")
