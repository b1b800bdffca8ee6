"""The data files' one YAML style: the text the CMS writes when it saves (see editor/yamlstyle.cjs).

`python -m macros check` reports the first line of a file that differs from it; `python -m macros fmt`
rewrites the files in it when the editor asks. The style comes from the CMS's own YAML package, run by node.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from .problems import Problem
from .schemacheck import file_kind, schema

SCRIPT = Path(__file__).resolve().parent.parent / "editor" / "yamlstyle.cjs"


def key_order(rel: str) -> list[str]:
    """The CMS writes top-level keys in the order of its fields, which follow the schema's properties."""
    return list(schema(file_kind(rel)).get("properties", {}))


def canonical(root: Path, rels: list[str]) -> dict[str, dict] | None:
    """Each file in the style, as {rel: {"text"}} or {rel: {"error", "line"}}; None when node or its YAML package is missing."""
    node = shutil.which("node")
    if not node or not (SCRIPT.parent.parent / "node_modules" / "yaml").is_dir():
        return None
    jobs = [{"path": str(root / rel), "order": key_order(rel)} for rel in rels]
    run = subprocess.run([node, str(SCRIPT)], input=json.dumps(jobs), capture_output=True, text=True, check=True)
    found = json.loads(run.stdout)
    return {rel: found[str(root / rel)] for rel in rels}


def first_difference(text: str, wanted: str) -> int:
    """The 1-based line where a file first differs from its styled text."""
    have, want = text.splitlines(), wanted.splitlines()
    for n, (a, b) in enumerate(zip(have, want), 1):
        if a != b:
            return n
    return min(len(have), len(want)) + 1


def differing(root: Path, rels: list[str]) -> dict[str, tuple[str, str]] | None:
    """The files not in the style, as {rel: (their text, the styled text)}; None when the style tool is missing."""
    styled = canonical(root, rels)
    if styled is None:
        return None
    texts = {rel: (root / rel).read_text(encoding="utf-8") for rel in rels}
    return {rel: (texts[rel], styled[rel]["text"]) for rel in rels
            if "text" in styled[rel] and styled[rel]["text"] != texts[rel]}


def style_problems(root: Path, rels: list[str]) -> list[Problem]:
    """One located problem per file not in the style; one problem when the style tool is not installed."""
    found = differing(root, rels)
    if found is None:
        return [Problem("package.json", 1, "", "style_tool_missing")]
    return [Problem(rel, first_difference(text, wanted), "", "yaml_style") for rel, (text, wanted) in found.items()]


def apply_style(root: Path, rels: list[str]) -> list[str] | None:
    """Rewrite the files not in the style (only when asked: `python -m macros fmt`); the ones changed."""
    found = differing(root, rels)
    for rel, (_, wanted) in (found or {}).items():
        (root / rel).write_text(wanted, encoding="utf-8")
    return None if found is None else list(found)
