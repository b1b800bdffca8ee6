"""The data files' one YAML style: the text the CMS writes when it saves (see editor/yamlstyle.cjs).

`python -m tools check` reports the first line of a file that differs from it; `python -m tools fmt`
rewrites the files in it when the editor asks. The style comes from the CMS's own YAML package, run by node.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import yaml

from macros.model import ROOT
from macros.model.kinds import kind_of
from macros.model.problems import Problem
from macros.model.schemacheck import schema

SCRIPT = ROOT / "editor" / "yamlstyle.cjs"
ITEM_OR_FIELD = re.compile(r"^ *(- |[a-z_][a-z0-9_]*: )")


def key_order(rel: str) -> list[str]:
    """The CMS writes top-level keys in the order of its fields, which follow the schema's properties."""
    return list(schema(kind_of(rel)).get("properties", {}))


def read_exactly(path: Path) -> str:
    """A file's text with its own line ends (CRLF and CR stay as they are: a CMS save rewrites every line)."""
    with path.open(encoding="utf-8", newline="") as stream:
        return stream.read()


def first_difference(text: str, wanted: str) -> int:
    """The 1-based line where a file first differs from its styled text."""
    have, want = text.split("\n"), wanted.split("\n")
    return next((n for n, (a, b) in enumerate(zip(have, want), 1) if a != b), min(len(have), len(want)) + 1)


def styled(root: Path, rels: list[str]) -> tuple[dict[str, tuple[str, str]], list[Problem]]:
    """The files not in the style, as {rel: (their text, the styled text)}, or the style tool's one problem: missing
    (node or the CMS's YAML package), or failed (its error line is the reason)."""
    node = shutil.which("node")
    if not node or not (ROOT / "node_modules" / "yaml").is_dir():
        return {}, [Problem("package.json", 1, "", "style_tool_missing")]
    jobs = [{"path": str(root / rel), "order": key_order(rel)} for rel in rels]
    run = subprocess.run([node, str(SCRIPT)], input=json.dumps(jobs), capture_output=True, text=True)
    try:
        found = json.loads(run.stdout) if run.returncode == 0 else None
    except ValueError:
        found = None
    if found is None:
        lines = (run.stderr or run.stdout).strip().splitlines()
        errors = [line.strip() for line in lines if "Error" in line]  # node's error line, not its version footer
        return {}, [Problem("editor/yamlstyle.cjs", 1, "", "style_tool_failed", {"reason": (errors or lines or [f"exit {run.returncode}"])[0]})]
    texts = {rel: read_exactly(root / rel) for rel in rels}
    wanted = {rel: found[str(root / rel)].get("text", texts[rel]) for rel in rels}
    return {rel: (texts[rel], wanted[rel]) for rel in rels if wanted[rel] != texts[rel]}, []


def merged(rel: str, text: str) -> Problem | None:
    """A line YAML read as the text above it continued although it looks like an item or a field of its own (one
    space too many before `- ` or `name: `): the content changed, so never a mere style difference."""
    lines = re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text)  # the line breaks YAML counts
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.ScalarEvent) and event.style is None:  # plain text, which may run over lines
            for line in range(event.start_mark.line + 1, event.end_mark.line + 1):
                if ITEM_OR_FIELD.match(lines[line]):
                    return Problem(rel, line + 1, "", "yaml_merged", {"line": line + 1, "above": event.start_mark.line + 1})
    return None


def style_problems(root: Path, rels: list[str]) -> list[Problem]:
    """One located problem per file not in the style; one problem when the style tool is missing or fails."""
    found, problems = styled(root, rels)
    return problems or [Problem(rel, 1, "", "line_ends") if "\r" in text else merged(rel, text)
                        or Problem(rel, first_difference(text, wanted), "", "yaml_style") for rel, (text, wanted) in found.items()]


def apply_style(root: Path, rels: list[str]) -> tuple[list[str], list[Problem]]:
    """Rewrite the files not in the style (only when asked: `python -m tools fmt`): the ones rewritten, and a
    problem for each file it would not or could not write (a link out of data/, a read-only file) or for the tool."""
    found, problems = styled(root, rels)
    changed, data = [], (root / "data").resolve()
    for rel, (text, wanted) in found.items():
        path, slip = root / rel, merged(rel, text)
        if slip:  # rewriting would make the merge the file's content
            problems.append(slip)
            continue
        if data not in path.resolve().parents:
            problems.append(Problem(rel, 1, "", "fmt_link_outside"))
            continue
        try:
            path.write_text(wanted, encoding="utf-8")
        except OSError as err:
            problems.append(Problem(rel, 1, "", "fmt_unwritable", {"reason": err.strerror or type(err).__name__}))
            continue
        changed.append(rel)
    return changed, problems
