"""What a data change does: every example shop's checklist, and sellers' search questions, at a git ref and in the
working tree, compared.

Both sides run the current code on their own data/ and docs/ (editors change data, not code). The report is
Markdown: readable in a terminal, and CI appends it to a pull request's job summary.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import datetime as dt
import importlib.util
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Iterator

import yaml

from macros.checklist.shops import example_documents
from macros.model import validation
from macros.model.checked import DataError, load_site
from macros.model.loading import load_dataset
from macros.model.problems import Problem

from .chromium import chromium_path, top_sections

CODE = ("mkdocs.yml", "macros", "hooks", "overrides")  # what the base is built with: this checkout's code
QUERIES = Path("tools/search_queries.yml")  # sellers' questions and the sections that answer them, under --root


def add(sub) -> None:
    impact = sub.add_parser("impact", help="what the data change since a git ref does to the example shops' checklists and to search")
    impact.add_argument("--base", help="the git ref to compare with (default: where the last make edit started, else the "
                                       "merge base with main)")
    impact.add_argument("--no-search", action="store_true",
                        help="leave out the search questions of tools/search_queries.yml (they need Chromium)")
    impact.add_argument("--query", action="append", default=[], help="ask this question too, on both sides; shown either way")
    impact.set_defaults(func=run)


def git(root: Path, *args: str, binary: bool = False):
    run = subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=True)
    return run.stdout if binary else run.stdout.decode("utf-8").strip()


EDIT_BASE = "refs/order-insurance/edit-base"  # where the last `make edit` started (tools/edit.py sets it)


def default_base(root: Path) -> str:
    """Where the last `make edit` started, else the merge base with main, else HEAD (no main branch)."""
    for ask in (("rev-parse", "--verify", "--quiet", EDIT_BASE + "^{commit}"), ("merge-base", "HEAD", "main")):
        try:
            return git(root, *ask)
        except subprocess.CalledProcessError:
            pass
    return "HEAD"


def base_problem(root: Path, ref: str) -> tuple[str, dict] | None:
    """Why `ref` cannot be the base (a message code and its values), or None: a ref that reads as an option
    (`--output=FILE`) never reaches git, and the rest must name a commit of this repository."""
    if ref.startswith("-"):
        return "base_option", {"found": ref}
    try:
        git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}")
    except subprocess.CalledProcessError:
        return "base_unknown", {"found": ref}
    return None


@contextlib.contextmanager
def base_project(root: Path, ref: str) -> Iterator[Path]:
    """A buildable project from the data and pages of a commit (read from git, never checked out) and this code."""
    archive = git(root, "archive", "--format=tar", ref, "data", "docs", binary=True)
    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            try:
                tar.extractall(tmp, filter="data")
            except tarfile.FilterError as err:  # a link out of the tree, an absolute path: never written
                problem = Problem(f"{ref}:{err.tarinfo.name}", 1, "", "base_link_outside")
                raise DataError(validation.report(load_dataset(root), [problem])) from None
        code_only = lambda folder, names: [n for n in names if n == "__pycache__" or Path(folder) == root and n not in CODE]  # noqa: E731
        shutil.copytree(root, tmp, ignore=code_only, dirs_exist_ok=True)
        yield Path(tmp)


def shop_changes(before: dict | None, after: dict | None, ui) -> list[str]:
    """The lines that say how one shop's checklist changed; empty when it did not."""
    if before is None or after is None:
        return [ui("change_shop_added" if before is None else "change_shop_removed")]
    lines = []
    was, now = ({item["id"]: (group["title"], item) for group in doc["groups"] for item in group["items"]} for doc in (before, after))
    for item_id in now.keys() - was.keys():
        lines.append(ui("change_added", item=item_id, group=now[item_id][0]))
    for item_id in was.keys() - now.keys():
        lines.append(ui("change_removed", item=item_id, group=was[item_id][0]))
    for item_id in sorted(was.keys() & now.keys()):
        (group_was, old), (group_now, new) = was[item_id], now[item_id]
        if group_was != group_now:
            lines.append(ui("change_moved", item=item_id, before=group_was, after=group_now))
        if old["reason"] != new["reason"]:
            lines.append(ui("change_reason", item=item_id, before=old["reason"] or "-", after=new["reason"] or "-"))
    verdict = [ui("change_verdict", before=before["verdict"]["title"], after=after["verdict"]["title"])] \
        if before["verdict"]["title"] != after["verdict"]["title"] else []
    return verdict + sorted(lines)


def shops_report(before: dict[str, dict], after: dict[str, dict], ui) -> list[str]:
    out = []
    for shop in sorted(before.keys() | after.keys()):
        lines = shop_changes(before.get(shop), after.get(shop), ui)
        if lines:
            name = (after.get(shop) or before[shop])["name"]
            out += [ui("change_shop", shop=shop, name=name)] + [f"- {line}" for line in lines] + [""]
    return out


def pages_changed(root: Path, ref: str) -> bool:
    """Whether data/ or docs/ differ between the commit and the working tree (untracked files included)."""
    changed = subprocess.run(["git", "-C", str(root), "diff", "--quiet", ref, "--", "data", "docs"]).returncode != 0
    return changed or bool(git(root, "ls-files", "--others", "--exclude-standard", "--", "data", "docs"))


def build(project: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def verdict(expected: list[str], before: list[str], after: list[str]) -> str:
    """Better or worse: the best expected answer rose or fell in the first three; moved: the same, in other words."""
    rank = lambda found: next((n for n, h in enumerate(found) if h in expected), 3)  # noqa: E731
    return "search_better" if rank(after) < rank(before) else "search_worse" if rank(after) > rank(before) else \
        "search_moved" if before != after else "search_same"


def search_report(root: Path, base: Path, cases: dict[str, list[str]], titles: dict[str, str], ui, asked: set) -> list[str]:
    """The questions whose first three results differ, and the `asked` ones either way, each judged against its expected
    answers, named by titles; a note when no browser can run them. The sides build and are asked at once, one process
    each (a whole run 30.5 s -> 16-18 s for the 102 questions, `time python -m tools impact`)."""
    if importlib.util.find_spec("playwright") is None or chromium_path() is None:
        return [ui("change_search_skipped"), ""]
    with tempfile.TemporaryDirectory() as tmp, concurrent.futures.ProcessPoolExecutor(2) as pool:
        sites = [Path(tmp) / "before", Path(tmp) / "after"]
        for run in [build(project, site) for project, site in zip((base, root), sites)]:
            _, said = run.communicate()  # not wait(): a long error output would fill the pipe and stall the build
            if run.returncode:
                raise subprocess.CalledProcessError(run.returncode, ["mkdocs", "build"], stderr=said)
        was, now = pool.map(top_sections, sites, [list(cases)] * 2)
    named = lambda found: " · ".join(titles.get(h.replace("/#", "#").strip("/") or "index", h) for h in found) or "-"  # noqa: E731
    lines = [ui(verdict(cases[q], was[q], now[q]), query=q, before=named(was[q]), after=named(now[q]))
             for q in cases if q in asked or was[q] != now[q]]
    return [ui("change_search_title")] + [f"- {line}" for line in lines] + [""] if lines else []


def report(root: Path, base: str, date: str, cases: dict[str, list[str]], asked: frozenset = frozenset()) -> str:
    """The Markdown report: each example shop's changed list, then the search questions (`asked` ones either way)."""
    site = load_site(root).require_valid()
    ui = site.content.ui
    with base_project(root, base) as project:
        try:
            before = example_documents(load_site(project).require_valid().content, date)
        except DataError as err:  # the base's data is read by the current code: say so before its problems
            raise DataError(ui("change_base_invalid", base=base) + "\n" + str(err)) from None
        out = shops_report(before, example_documents(site.content, date), ui)
        if cases and (asked or pages_changed(root, base)):  # no page changed, no answer can
            out += search_report(root, project, cases, site.content.anchors(), ui, asked)
    return "\n".join([ui("change_title", base=base), ""] + out) if out else ui("change_none" if cases else "change_none_shops", base=base) + "\n"


def run(args: argparse.Namespace) -> int:
    """What the data change since --base does to the example shops' checklists (exit 0 either way)."""
    base = args.base or default_base(args.root)
    refused = base_problem(Path(args.root), base)
    if refused:
        print(validation.report(load_dataset(args.root), [Problem("--base", 1, "", *refused)]), file=sys.stderr)
        return 2
    queries_file = Path(args.root) / QUERIES
    cases = {} if args.no_search or not queries_file.is_file() else \
        {case["q"]: case["a"] for case in yaml.safe_load(queries_file.read_text(encoding="utf-8"))}
    cases = {**cases, **{q: cases.get(q, []) for q in args.query}}
    try:
        text = report(Path(args.root), base, dt.date.today().isoformat(), cases, frozenset(args.query))
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as err:
        print(f"{err.cmd[0]}: {err.stderr.decode('utf-8', 'replace').strip()}", file=sys.stderr)
        return 2
    print(text, end="")
    return 0
