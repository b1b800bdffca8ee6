"""Fixtures: the real site built and served once per session, Chromium, phone and desktop tabs, a project copy.

Helpers that tests call live in helpers.py and browser.py; test modules never import each other.
"""
from __future__ import annotations

import os
import types
from pathlib import Path

import pytest

from helpers import ROOT, copy_project, run_mkdocs


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    """The site built once, for the address it is served at, behind its own Content-Security-Policy.

    Material navigates instantly only to URLs of its sitemap, so the build knows its port; the server sends
    the headers of the built `_headers` file, as a static host would. Every browser test runs against it.
    """
    from browser import serve_site, free_port, static_host_headers

    port = free_port()
    site = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT, site, env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert result.returncode == 0, result.stdout + result.stderr
    with serve_site(site, static_host_headers(site), port=port) as url:
        yield types.SimpleNamespace(url=url, site=site)


@pytest.fixture(scope="session")
def built_site(site_server) -> Path:
    return site_server.site


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def browser():
    from browser import browser_args, chromium_path

    path = chromium_path()
    if path is None:
        message = "Debian's chromium is missing: apt-get install chromium (make test installs it as root)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=path, args=browser_args())
        yield instance
        instance.close()


# The tabs of most browser tests ignore the site's CSP (test_pages_browser.py keeps it): the pages must stay safe
# without it, so an injection test sees markup go live even where the policy would have stopped it.
@pytest.fixture()
def page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN", bypass_csp=True)
    tab = context.new_page()
    tab.base_url = site_server.url
    yield tab
    context.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


@pytest.fixture(params=["light", "dark"])
def phones(request, browser, site_server):
    """A 390x844 phone in the light and in the dark palette: for what a colour can change (axe's contrast checks)."""
    context = browser.new_context(**PHONE, color_scheme=request.param, bypass_csp=True)
    tab = context.new_page()
    tab.base_url = site_server.url
    tab.scheme = request.param
    yield tab
    context.close()


@pytest.fixture
def phone(browser, site_server):
    """The same phone in the light palette: for what no colour changes (steps, targets, layout, text). Both palettes
    for each of these took about 20 s of a make test."""
    context = browser.new_context(**PHONE, color_scheme="light", bypass_csp=True)
    tab = context.new_page()
    tab.base_url = site_server.url
    tab.scheme = "light"
    yield tab
    context.close()


# With `-n 5 --dist loadgroup` (make test) the tests run in five processes grouped by module: the browser tests in
# three, each with its own Chromium and served site, the rest in two. Together they keep both cores busy (478 CPU-s
# in all, busy time from /proc/stat); the groups of three processes took 368 s, these five 345 s (both before the
# tests' duplicate work was cut and before browser_args() made a context cheap).
GROUPS = {"test_pages_browser": "browser", "test_search_questions": "browser", "test_checklist_browser": "browser-2",
          "test_sellers_first_browser": "browser-2", "test_cms_browser": "browser-3", "test_impact": "browser-3",
          "test_build_failures": "rest-2", "test_properties": "rest-2", "test_cms_config": "rest-2"}


def pytest_itemcollected(item):
    """Each test's group by its module (GROUPS; the rest share one). Marked as each test is collected: xdist reads
    the groups before a conftest's modifyitems hook runs."""
    item.add_marker(pytest.mark.xdist_group(GROUPS.get(item.module.__name__, "rest")))


def pytest_terminal_summary(terminalreporter):
    """Figures a test records as a `summary` property (the search hit rates), shown whichever process ran it."""
    for report in terminalreporter.getreports("passed") + terminalreporter.getreports("failed"):
        for name, value in getattr(report, "user_properties", []):
            if name == "summary":
                terminalreporter.write_line(value)


def pytest_collection_finish(session):
    """xdist groups a test by renaming its id (`…@browser`): a pytest that refuses the new id would silently
    spread the browser tests over both processes, each with its own Chromium and its own interleaved fixtures."""
    if session.config.getoption("loadgroup", False) and any("@" not in item.nodeid for item in session.items):
        raise pytest.UsageError("pytest-xdist's loadgroup did not group the tests: keep pytest at the version "
                                "requirements-dev.txt pins")
