"""The CI set-ups that docs/ci.md recommends are valid for the services that run them.

The GitHub Actions workflow (with the `annotate` job the page adds to it) is validated
against the published workflow schema, and the GitLab job against GitLab's CI schema,
both as vendored by the `check-jsonschema` package from PyPI, so no network is needed at
test time. A broken copy of each is shown to be rejected, so the check can fail.
"""

from __future__ import annotations

import copy
import pathlib
import re
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
CI_DOC = ROOT / "docs" / "ci.md"


def yaml_blocks() -> list[str]:
    text = CI_DOC.read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def github_workflow() -> dict:
    blocks = yaml_blocks()
    workflow = next(yaml.safe_load(b) for b in blocks if b.lstrip().startswith("# .github/workflows/"))
    # The page's second GitHub block is a job to add under `jobs:` of the first.
    for block in blocks:
        if block.startswith("  ") and "runs-on" in block:
            workflow["jobs"].update(yaml.safe_load(block))
    return workflow


def gitlab_config() -> dict:
    return next(yaml.safe_load(b) for b in yaml_blocks() if b.lstrip().startswith("# .gitlab-ci.yml"))


def validate(document: dict, schema: str, tmp_path: pathlib.Path) -> subprocess.CompletedProcess:
    path = tmp_path / "document.yaml"
    # PyYAML reads `on:` as the boolean True: write it back as the key GitHub reads.
    text = yaml.safe_dump(document, sort_keys=False).replace("\ntrue:", "\n'on':")
    if text.startswith("true:"):
        text = "'on':" + text[len("true:"):]
    path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_doc_has_both_set_ups() -> None:
    workflow = github_workflow()
    assert {"check", "annotate"} <= set(workflow["jobs"]), workflow["jobs"].keys()
    assert "hearth" in gitlab_config()


def test_github_workflow_is_valid(tmp_path: pathlib.Path) -> None:
    result = validate(github_workflow(), "vendor.github-workflows", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_job_is_valid(tmp_path: pathlib.Path) -> None:
    result = validate(gitlab_config(), "vendor.gitlab-ci", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("which", ["github", "gitlab"])
def test_a_broken_copy_is_rejected(which: str, tmp_path: pathlib.Path) -> None:
    if which == "github":
        broken = copy.deepcopy(github_workflow())
        broken["jobs"]["check"]["runs-on"] = 42
        broken["jobs"]["check"]["steps"] = "not a list"
        schema = "vendor.github-workflows"
    else:
        broken = copy.deepcopy(gitlab_config())
        broken["hearth"]["artifacts"]["when"] = "sometimes"
        schema = "vendor.gitlab-ci"
    result = validate(broken, schema, tmp_path)
    assert result.returncode != 0, result.stdout + result.stderr
