"""The loader: problems on the right line, and the same results with or without libyaml."""
from __future__ import annotations

import subprocess
import sys

from helpers import ROOT, copy_project
from macros.model.checked import load_site


def test_a_problem_in_a_shop_file_is_reported_on_its_line(tmp_path):
    root = copy_project(tmp_path / "p")
    shop = root / "data" / "shops" / "family-snacks.yml"
    lines = shop.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("team_size:"))
    lines[at] = "team_size: -3"
    shop.write_text("\n".join(lines) + "\n", encoding="utf-8")
    site = load_site(root)
    mine = [p for p in site.errors if p.file == "data/shops/family-snacks.yml"]
    assert [p.line for p in mine] == [at + 1]


FALLBACK = """
import runpy, sys, yaml
del yaml.CSafeLoader  # as on a machine whose PyYAML was built without libyaml
import macros.model.loading
assert not issubclass(macros.model.loading.DataLoader, getattr(yaml, "CParser", ())), "still on libyaml"
sys.argv = ["tools", *sys.argv[1:]]
runpy.run_module("tools", run_name="__main__")
"""


def test_without_libyaml_the_pure_loader_gives_the_same_checklists(tmp_path):
    outputs = {}
    for name, start in (("libyaml", ["-m", "tools"]), ("pure", ["-c", FALLBACK])):
        out = tmp_path / name
        result = subprocess.run([sys.executable, *start, "checklist", "data/shops", "--out", str(out), "--format", "json"],
                                cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        outputs[name] = {p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())}
    assert len(outputs["pure"]) == len(list((ROOT / "data" / "shops").glob("*.yml")))
    assert outputs["pure"] == outputs["libyaml"]
