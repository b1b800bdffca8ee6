"""Helpers shared by the test modules: the checked data, the CLI, builds and scratch copies of the project.

Test modules import from here (and from `browser.py` for Chromium), never from each other; fixtures live in
conftest.py.
"""
from __future__ import annotations

import contextlib
import html
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "macros", "hooks", "overrides")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.checklist.shops import example_documents  # noqa: E402
from macros.checklist.spec import checklist_spec  # noqa: E402
from macros.model.checked import load_site  # noqa: E402

# The checkout's own data, read and checked once per process for every test module that needs it.
SITE = load_site(ROOT).require_valid()
CONTENT = SITE.content
SPEC = checklist_spec(CONTENT)
# The tests' fixed day: after the newest review date in data/ (the check refuses a review dated after today).
TODAY = "2026-12-06"
SHOP_DOCUMENTS = example_documents(CONTENT, TODAY)  # every example shop's list, by id
# Examples per fuzz property in every run (about 20 s in all). The one knob for a longer hunt is
# HYPOTHESIS_EXAMPLES (`make hunt` sets 9,000: both bugs the properties found showed up only there).
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "200"))
# The identity git needs for a commit in a scratch repository.
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "editor", "GIT_AUTHOR_EMAIL": "e@example.invalid",
                "GIT_COMMITTER_NAME": "editor", "GIT_COMMITTER_EMAIL": "e@example.invalid"}


BUILD_LINES, TOOL_LINES = 2600, 1300  # what a site build runs, and the tooling beside it


def modules(folder: str) -> list[Path]:
    """The Python files under a folder of this checkout."""
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def schema_of(dataset, rel: str) -> dict:
    """The schema the data check applies to the file `rel` of a valid data set."""
    from macros.model.content import Content
    from macros.model.kinds import kind_of
    from macros.model.schemacheck import schema

    kind = kind_of(rel)
    return Content(dataset).shop_schema() if kind == "shop" else schema(kind)


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """`python -m tools ARGS` in this checkout, run in this process (0.2 s less a call than a new interpreter).

    The result reads like a finished process: exit code, stdout and stderr as text. `run_module` is the real
    `python -m tools`, for the tests where the process itself is the point.
    """
    from tools.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as stop:  # argparse's own exits (a usage mistake is 2)
            code = stop.code if isinstance(stop.code, int) else 1
    return subprocess.CompletedProcess(["tools", *args], code, out.getvalue(), err.getvalue())


def run_module(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """`python -m tools ARGS` as a new process, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "tools", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def run_mkdocs(root: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=root, env=full_env, capture_output=True, text=True, timeout=600,
    )


def copy_project(dest: Path, extra: tuple[str, ...] = ()) -> Path:
    """The parts of this checkout a build and the CLI read (and `extra` ones), copied into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS + extra:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "node_modules"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def git(repo: Path, *args: str) -> str:
    """One git command in `repo`, as the scratch editor; its stdout."""
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env={**os.environ, **GIT_IDENTITY}).stdout


def scratch_repo(dest: Path, extra: tuple[str, ...] = ()) -> Path:
    """A copy of the project as a git repository of one commit on `main`."""
    copy_project(dest, extra)
    git(dest, "init", "-q", "-b", "main")
    git(dest, "add", "-A")
    git(dest, "commit", "-qm", "scratch")
    return dest


def html_page(site: Path, name: str) -> str:
    """A built page's HTML, by its name (`index` for the home page)."""
    path = site / ("index.html" if name == "index" else f"{name}/index.html")
    return path.read_text(encoding="utf-8")


def all_pages(site: Path) -> list[str]:
    """Every page of a built site as the path it is served at (`''` for the home page)."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [p[: -len("index.html")] for p in pages if not p.startswith(("search/", "assets/"))]


def visible_text(markup: str) -> str:
    """What a reader sees of some HTML: the tags gone, the entities read."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))
