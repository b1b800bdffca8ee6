"""Shared fixtures: the real site built once per session, and a copy of the project to break."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "data", "docs", "macros", "hooks", "overrides")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from macros.site import load_site  # noqa: E402

# The checkout's own data, read and checked once for every test module that needs it.
SITE = load_site(ROOT).require_valid()
# Examples per fuzz property: 1,500 in CI keeps `.ci/run` well under its 15 minutes on a shared machine (with
# 3,000 it took 13.5 minutes once the CMS tests came; with 2,000 it took 11.5 to 13.75). Raise
# HYPOTHESIS_EXAMPLES for a longer hunt: 9,000 found the tooltip bug and the steps-block false alarm.
EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "1500" if os.environ.get("CI") else "400"))
CONTENT = SITE.content


def schema_of(dataset, rel: str) -> dict:
    """The schema the data check applies to the file `rel` of a valid data set."""
    from macros.content import Content
    from macros.schemacheck import file_kind, schema

    kind = file_kind(rel)
    return Content(dataset).shop_schema() if kind == "shop" else schema(kind)


def run_cli(*args: str, text: bool = True, timeout: int = 120) -> subprocess.CompletedProcess:
    """`python -m macros ARGS` in this checkout, as an editor runs it."""
    return subprocess.run([sys.executable, "-m", "macros", *args], cwd=ROOT, capture_output=True, text=text, timeout=timeout)


def run_mkdocs(root: Path, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site_dir)],
        cwd=root, env=full_env, capture_output=True, text=True, timeout=600,
    )


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def site_server(built_site):
    from browser import SiteServer

    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from browser import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    if path is None:
        message = "Debian's chromium is missing: apt-get install chromium (make test installs it as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.base_url = site_server.url
    yield tab
    context.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


@pytest.fixture(params=["light", "dark"])
def phone(request, browser, site_server):
    """A 390x844 phone, in the light and in the dark palette."""
    context = browser.new_context(**PHONE, color_scheme=request.param)
    tab = context.new_page()
    tab.base_url = site_server.url
    tab.scheme = request.param
    yield tab
    context.close()
