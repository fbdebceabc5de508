"""The Python bindings: parity with the Rust report, objects, errors, threads."""

import json
import pathlib
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import hearth


def _run(case, policy=None):
    text = pathlib.Path(case["input"]).read_text(encoding="utf-8")
    if policy is None:
        policy = case.get("policy") or hearth.Policy.from_toml(case["policy_toml"])
    fn = hearth.validate_caseload if case["kind"] == "caseload" else hearth.validate
    return fn(text, policy, case["as_of"])


def test_report_json_is_the_rust_report_byte_for_byte(parity_case):
    expected = pathlib.Path(parity_case["expected"]).read_text(encoding="utf-8")
    report = _run(parity_case)
    assert report.to_json() == expected
    assert len(report.findings) == parity_case["findings"]


def test_objects_carry_the_rust_field_names_and_values(parity_case):
    report = _run(parity_case)
    data = json.loads(report.to_json())
    assert report.schema_version == data["schema_version"]
    assert report.as_of == data["as_of"] == parity_case["as_of"]
    assert report.policy == data["policy"]
    for key, value in data["summary"].items():
        assert getattr(report.summary, key) == value, key
    for obj, want in zip(report.findings, data["findings"]):
        for key in ("code", "rule", "severity", "kind", "message", "participant_id",
                    "path", "on", "requirements", "help", "waiver"):
            assert getattr(obj, key) == want.get(key), key
    for obj, want in zip(report.obligations, data["obligations"]):
        for key in ("code", "requirement", "kind", "description", "participant_id",
                    "enrollment", "case_manager", "path", "window_start", "due_on",
                    "done_on", "remaining", "status", "waiver"):
            assert getattr(obj, key) == want.get(key), key
    assert len(report.obligations) == len(data["obligations"])


def test_the_stl_coc_example_has_its_overdue_review(example_text):
    report = hearth.validate(example_text, "stl-coc", "2026-01-19")
    codes = {(f.code, f.path) for f in report.findings}
    assert ("PLAN005", "/enrollments/0/care_plan/reviews/3") in codes
    assert report.summary.errors > 0


def test_a_compiled_policy_is_reused_across_threads(example_text):
    policy = hearth.Policy.builtin("stl-coc")
    assert policy.name == "stl-coc"
    expected = hearth.validate(example_text, policy, "2026-01-19").to_json()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(
            lambda _: policy.validate(example_text, "2026-01-19").to_json(), range(16)))
    assert results == [expected] * 16


def test_the_gil_is_released_while_validating(example_text):
    # A Python thread notes the longest pause between two of its steps while the main
    # thread validates a large document. Were the GIL held through a call, the pause
    # would last the whole call; released, it is a few switch intervals at most.
    big = json.loads(example_text)
    encounters = big["enrollments"][0]["encounters"]
    policy = hearth.Policy.builtin("stl-coc")
    copies = 100
    while True:
        # Grow the document until one call clearly outlasts a switch interval (5 ms).
        big["enrollments"][0]["encounters"] = encounters * copies
        text = json.dumps(big)
        t = time.perf_counter()
        policy.validate(text, "2026-01-19")
        one_call = time.perf_counter() - t
        if one_call > 0.1 or copies >= 6400:
            break
        copies *= 2
    assert one_call > 0.05, f"the document is too small to tell ({one_call:.3f} s)"
    stop = threading.Event()
    longest = [0.0]

    def step():
        last = time.perf_counter()
        while not stop.is_set():
            now = time.perf_counter()
            longest[0] = max(longest[0], now - last)
            last = now

    worker = threading.Thread(target=step)
    worker.start()
    try:
        time.sleep(0.02)
        for _ in range(3):
            policy.validate(text, "2026-01-19")
    finally:
        stop.set()
        worker.join()
    assert longest[0] < one_call / 2, (longest[0], one_call)


def test_parse_errors_carry_line_column_and_pointer_never_the_value():
    text = '{"schema_version": "1.0",\n  "participant": {"id": "P-1", "veteran": "Jordan Secret"}}'
    with pytest.raises(hearth.ParseError) as info:
        hearth.validate(text, "stl-coc", "2026-01-19")
    err = info.value
    assert (err.line, err.pointer) == (2, "/participant/veteran")
    assert err.column > 0
    assert isinstance(err.kind, str) and err.kind
    assert "Jordan" not in str(err)
    assert isinstance(err, hearth.HearthError) and isinstance(err, ValueError)


def test_policy_errors():
    with pytest.raises(hearth.PolicyError) as info:
        hearth.Policy.builtin("stl-cco")
    assert "stl-coc" in str(info.value)
    assert info.value.line is None
    with pytest.raises(hearth.PolicyError) as info:
        hearth.Policy.from_toml('name = "x"\nextends = "stl-coc"\n[rules.PLAN05]\n')
    assert "PLAN005" in str(info.value)
    with pytest.raises(hearth.PolicyError) as info:
        hearth.Policy.from_toml('name = "x"\nextends = \n')
    assert info.value.line == 2
    with pytest.raises(TypeError):
        hearth.validate("{}", 42, "2026-01-19")


def test_bad_dates_are_errors(example_text):
    with pytest.raises(hearth.HearthError, match="YYYY-MM-DD"):
        hearth.validate(example_text, "stl-coc", "19/01/2026")


def test_policies_schemas_and_explanations():
    names = hearth.policies()
    assert "stl-coc" in names and "ct-psh" in names
    for name in names:
        assert hearth.Policy.builtin(name).name == name
    schema = json.loads(hearth.schema("case-file"))
    assert schema["$id"] == "urn:hearth:schema:case-file:1.0"
    repo_schema = pathlib.Path(__file__).parents[3] / "schemas" / "report.schema.json"
    assert hearth.schema("report") == repo_schema.read_text(encoding="utf-8")
    with pytest.raises(hearth.HearthError, match="case-file"):
        hearth.schema("case")
    assert "What it checks" in hearth.explain("PLAN005")
    with pytest.raises(hearth.HearthError):
        hearth.explain("NOPE999")


def test_the_package_is_typed():
    root = pathlib.Path(hearth.__file__).parent
    assert (root / "py.typed").exists()
    stub = (root / "__init__.pyi").read_text(encoding="utf-8")
    for name in ("def validate(", "def validate_caseload(", "class Policy", "class Report",
                 "def to_json(", "class ParseError", "def policies(", "def schema("):
        assert name in stub, name
