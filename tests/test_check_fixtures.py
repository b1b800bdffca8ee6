"""Every invalid-data fixture makes `python -m tools check` name the file, line, field and fix."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, TODAY, copy_project, run_cli, run_module

CASES = sorted(p for p in (ROOT / "tests" / "fixtures" / "invalid").iterdir() if p.is_dir())


def run_check(root: Path) -> subprocess.CompletedProcess:
    return run_cli("--root", str(root), "check", "--today", TODAY)


def test_real_data_passes():
    result = run_module("check", "--today", TODAY)  # as an editor runs it, in a process of its own
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK:")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_fixture_is_reported(case: Path, tmp_path):
    root = copy_project(tmp_path / "project")
    for path in case.rglob("*"):
        if path.is_file() and path.name != "expected.yml":
            target = root / path.relative_to(case)
            for folder in reversed(target.relative_to(root).parents):  # a folder where the site has a file
                if (root / folder).is_file():
                    (root / folder).unlink()
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    result = run_check(root)
    output = result.stderr
    assert result.returncode == 1, result.stdout + output
    assert "Traceback" not in output
    lines = output.splitlines()
    for expected in yaml.safe_load((case / "expected.yml").read_text(encoding="utf-8")):
        head = f"{expected['file']}:{expected['line']}:" + (f" {expected['path']}:" if expected["path"] else "")
        matching = [line for line in lines if line.startswith(head + " ") and expected["contains"] in line]
        assert matching, f"expected a line starting {head!r} containing {expected['contains']!r} in:\n{output}"
