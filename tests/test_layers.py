"""The code's shape: imports run downward through the layers, no module shadows the standard library, a build
stays within its line budget (tested on test_site_build's counted build), and a reference a schema declares is checked by what it is."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, TODAY, copy_project, modules

# Each layer may import the ones listed after it (and the standard library and third-party packages).
LAYERS = {
    "tools": ("tools", "macros.render", "macros.checklist", "macros.model"),
    "macros.render": ("macros.render", "macros.checklist", "macros.model"),
    "macros.checklist": ("macros.checklist", "macros.model"),
    "macros.model": ("macros.model",),
}
def dotted(path: Path, root: Path = ROOT) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path, root: Path = ROOT) -> set[str]:
    """Every project module a file imports, relative imports resolved."""
    package = dotted(path, root) if path.name == "__init__.py" else dotted(path, root).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] in ("macros", "tools", "tests", "hooks", "benchmarks")}


def layer_of(name: str) -> str | None:
    return next((layer for layer in LAYERS if name == layer or name.startswith(layer + ".")), None)


def test_imports_run_downward_only():
    wrong = []
    for path in modules("macros") + modules("tools"):
        own = layer_of(dotted(path))
        if own is None:  # macros/__init__.py: the mkdocs-macros entry, which wires the render layer
            assert imported(path) <= {"macros.render.build", "macros.render.checklistpage", "macros.render.editorguide",
                                      "macros.render.guidepages"}, imported(path)
            continue
        wrong += [(dotted(path), name) for name in imported(path)
                  if not any(name == below or name.startswith(below + ".") for below in LAYERS[own])]
    assert not wrong, wrong


def test_the_checker_shows_it_would_see_an_upward_import(tmp_path):
    """Control: the walk above finds an import that climbs, relative or absolute."""
    package = tmp_path / "macros" / "model"
    package.mkdir(parents=True)
    (package / "x.py").write_text("from ..render import build\nimport tools.check\nfrom . import rules\n", encoding="utf-8")
    assert imported(package / "x.py", tmp_path) == {"macros.render", "tools.check", "macros.model"}


def test_no_module_shadows_a_standard_library_module():
    names = {p.stem for folder in ("macros", "tools", "hooks") for p in modules(folder)} - {"__init__", "__main__"}
    assert not names & set(sys.stdlib_module_names), names & set(sys.stdlib_module_names)


# The build's own line budget is tested on the build tests/test_site_build.py makes and counts (one build, not two).


@pytest.fixture
def declared_project(tmp_path) -> Path:
    """A copy whose FAQ schema gains a reference field under a name no code knows (`see_also`)."""
    root = copy_project(tmp_path / "p", extra=("tools",))
    schema_path = root / "macros" / "model" / "schemas" / "faq.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    entry = schema["properties"]["entries"]["items"]
    entry["properties"]["see_also"] = {"$ref": "common.schema.json#/$defs/ref", "title": "另见"}
    schema_path.write_text(json.dumps(schema, ensure_ascii=False, indent=2), encoding="utf-8")
    faq = root / "data" / "faq.yml"
    text = faq.read_text(encoding="utf-8")
    first = text.index("\n  - ", text.index("entries:")) + 1  # the first entry, whichever key it starts with
    line = text[:first].count("\n") + 1
    faq.write_text(text[:first] + "  - see_also: no-such-page\n   " + text[first + 3:], encoding="utf-8")
    return root, line


def test_a_reference_field_with_a_new_name_is_checked_without_code_changes(declared_project):
    root, line = declared_project
    result = subprocess.run([sys.executable, "-m", "tools", "check", "--today", TODAY], cwd=root,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"data/faq.yml:{line}: entries（第 1 条）.see_also:" in result.stderr and "no-such-page" in result.stderr, result.stderr


def test_python_units_fit_in_ones_head():
    """A function at most 60 lines and a class at most 200, in the site's code and the tools."""
    long = []
    for path in modules("macros") + modules("tools") + modules("hooks"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            limit = 200 if isinstance(node, ast.ClassDef) else 60 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) else 0
            if limit and node.end_lineno - node.lineno + 1 > limit:
                long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert not long, long
