"""The loader's contract (issue 6): libyaml when present, the pure-Python loader otherwise, and the
line-number loader only when a problem must be located."""
from __future__ import annotations

import subprocess
import sys

import yaml

from conftest import ROOT, copy_project
from macros import loading
from macros.site import load_site


def count_compose(monkeypatch) -> list[str]:
    calls: list[str] = []
    original = loading.compose
    monkeypatch.setattr(loading, "compose", lambda text: calls.append(text) or original(text))
    return calls


def test_valid_data_is_never_parsed_again_for_line_numbers(tmp_path, monkeypatch):
    calls = count_compose(monkeypatch)
    site = load_site(copy_project(tmp_path / "p"))  # a new root: nothing cached
    assert not site.errors and site.checklists
    assert calls == []


def test_a_problem_is_located_by_the_line_loader_on_demand(tmp_path, monkeypatch):
    calls = count_compose(monkeypatch)
    root = copy_project(tmp_path / "p")
    shop = root / "data" / "shops" / "family-snacks.yml"
    lines = shop.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("team_size:"))
    lines[at] = "team_size: -3"
    shop.write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = load_site(root)
    mine = [p for p in site.errors if p.file == "data/shops/family-snacks.yml"]
    assert [p.line for p in mine] == [at + 1]
    assert len(calls) == 1  # that file only, once


def test_libyaml_is_used_where_present():
    if yaml.__with_libyaml__:
        assert issubclass(loading.DataLoader, yaml.CSafeLoader)
    else:  # the fallback, exercised below in any case
        assert issubclass(loading.DataLoader, yaml.SafeLoader)


FALLBACK = """
import runpy, sys, yaml
del yaml.CSafeLoader  # as on a machine whose PyYAML was built without libyaml
import macros.loading
assert not issubclass(macros.loading.DataLoader, getattr(yaml, "CParser", ())), "still on libyaml"
sys.argv = ["macros", *sys.argv[1:]]
runpy.run_module("macros", run_name="__main__")
"""


def test_without_libyaml_the_pure_loader_gives_the_same_checklists(tmp_path):
    outputs = {}
    for name, start in (("libyaml", ["-m", "macros"]), ("pure", ["-c", FALLBACK])):
        out = tmp_path / name
        result = subprocess.run([sys.executable, *start, "checklist", "data/shops", "--out", str(out), "--format", "json"],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        outputs[name] = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
    assert len(outputs["pure"]) == len(list((ROOT / "data" / "shops").glob("*.yml")))
    assert outputs["pure"] == outputs["libyaml"]
