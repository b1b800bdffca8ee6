"""The loader: problems on the right line, and the same results with or without libyaml."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from helpers import CONTENT, ROOT, copy_project
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


SLIPS = {  # a hand edit gone wrong: the message code and the line to mend (libyaml's words, or PyYAML's without it)
    "colon in text": ("terms:\n  - term: 评价\n    definition: 注意: 这是一段话\n", "yaml_colon", 3),
    "one space less": ("terms:\n  - term: 评价\n    definition: 好\n - term: 差\n", "yaml_indent", 4),
    "one space more": ("terms:\n  - term: 评价\n    definition: 好\n     aliases: [x]\n", "yaml_continued", 4),
    "no space after the dash": ("terms:\n  -term: 评价\n    definition: 好\n", "yaml_continued", 3),
    "no space after the colon": ("terms:\n  - term:评价\n    definition: 好\n", "yaml_continued", 3),
    "unclosed quote": ("terms:\n  - term: \"评价\n    definition: 好\n  - term: 差\n", "yaml_quote", 2),
    "unclosed bracket": ("terms: [a, b\nother: 1\n", "yaml_bracket", 1),
    "tab": ("terms:\n\t- term: 评价\n", "yaml_tab", 2),
}


@pytest.mark.parametrize("text, code, line", SLIPS.values(), ids=SLIPS.keys())
def test_a_yaml_slip_is_named_in_chinese_on_the_line_that_needs_mending(text, code, line):
    """Issue 33: the parser's English was quoted and pointed one line late; the words are the messages' own now, and
    a line read as the text above it continued names that line too."""
    from macros.model.loading import parse_text

    data, problems = parse_text("title: 术语表\n" + text, "data/glossary.yml")
    assert data is None and [(p.code, p.line) for p in problems] == [(code, line + 1)]
    message = problems[0].format(CONTENT.error_templates)
    assert not re.search(r"[A-Za-z]{4,}", message.split(": ", 1)[1].replace("YAML", "").replace("Tab", "")), message
    if code == "yaml_continued":
        assert f"第 {line} 行" in message, message
