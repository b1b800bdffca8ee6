"""Every page in the real browser: nothing leaves 127.0.0.1, no console error, no serious a11y issue."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from browser import SiteServer, answer_checklist, axe_violations, free_port, search, static_host_headers
from conftest import ROOT, run_mkdocs

pytestmark = pytest.mark.browser

def all_pages(site: Path) -> list[str]:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [p[: -len("index.html")] for p in pages if not p.startswith(("search/", "assets/"))]


def test_every_page_stays_on_loopback_without_console_errors(page, built_site):
    outside, errors = [], []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    pages = all_pages(built_site)
    assert len(pages) >= 15
    for path in pages:
        page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")
    page.goto(page.base_url)
    search(page, "备份")  # the search worker and its index load too
    assert not outside, outside[:10]
    assert not errors, errors[:10]


def test_no_serious_or_critical_accessibility_violations(page, built_site):
    found = []
    for path in all_pages(built_site):
        page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")
        found += [(path, *violation) for violation in axe_violations(page)]
    assert not found, found[:10]


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory):
    """The site built for the address it is served at: Material navigates instantly only to URLs of its sitemap."""
    port = free_port()
    site = tmp_path_factory.mktemp("instant")
    result = run_mkdocs(ROOT, site, env={"SITE_URL": f"http://127.0.0.1:{port}/"})
    assert result.returncode == 0, result.stderr[-2000:]
    with SiteServer(site, static_host_headers(site), port=port) as server:  # with its Content-Security-Policy
        server.site = site
        yield server


def test_instant_navigation_to_every_page_runs_no_stray_script(browser, instant_site):
    """Material re-runs every <script> of the content after an instant navigation, as JavaScript, whatever its type."""
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.goto(instant_site.url)
    page.evaluate("window.__sameDocument = true; window.__violations = [];"
                  "document.addEventListener('securitypolicyviolation', e => __violations.push(location.pathname + ' ' + e.blockedURI))")
    for path in all_pages(instant_site.site):
        title = page.title()
        page.evaluate("href => { const a = document.createElement('a'); a.href = href; document.body.append(a); a.click(); }",
                      instant_site.url + path)
        # The address changes before the new page is in: wait for its title too, as a reader waits for the page
        # before the next tap (networkidle is no help here: the document, and its load state, stay the same).
        page.wait_for_function("([path, title]) => location.pathname === '/' + path && document.title !== title", arg=[path, title])
        page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__sameDocument"), "every page was reached by instant navigation"
    assert page.evaluate("__violations") == [] and not errors, (page.evaluate("__violations"), errors)
    context.close()


@pytest.mark.parametrize("late", [None, "checklist-core.js", "checklist-view.js", "checklist-form.js", "checklist-app.js"])
def test_instant_navigation_mounts_the_checklist_once_whichever_script_arrives_first(browser, instant_site, late):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if late:  # Material re-inserts the page's scripts on an instant navigation, and they may run in either order
        page.route(f"**/assets/{late}", lambda route: (time.sleep(0.5), route.continue_()))
    page.goto(instant_site.url + "prepare/")
    page.evaluate("window.__sameDocument = true")
    page.click("#orders-handled ~ .admonition a[href$='checklist/']")
    page.wait_for_selector("#checklist-app[data-mounted] #verdict .admonition-title")
    assert page.evaluate("window.__sameDocument"), "the page was loaded in full: this test no longer sees instant navigation"
    answer_checklist(page)
    page.check("[data-item-id='settle-refunds'] input")
    total = page.locator("[data-item-id]").count()
    assert page.inner_text("#progress-text").endswith(f"1 / {total}"), "one tap, one tick: the app is mounted once"
    page.go_back()  # instant navigation again, then back to the list with its address
    page.wait_for_selector("#page-title")
    page.go_forward()
    page.wait_for_selector("#checklist-app[data-mounted] #lists [data-item-id]")
    assert page.evaluate("window.__sameDocument")
    assert page.is_checked("[data-item-id='settle-refunds'] input")
    assert page.evaluate("document.querySelectorAll('script[src$=\"checklist-app.js\"]').length") == 1
    assert not errors, errors
    context.close()


def test_the_checklist_scripts_load_with_the_page_not_in_a_chain(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    initiators = {}  # script -> who asked for it: "parser" is the page's HTML, "script" another script
    cdp.on("Network.requestWillBeSent", lambda e: initiators.setdefault(e["request"]["url"].rsplit("/", 1)[-1], []).append(e["initiator"]["type"]))
    page.goto(page.base_url + "overview/")
    page.wait_for_load_state("networkidle")
    assert not [name for name in initiators if name.startswith("checklist")], "guide pages never download the checklist"
    page.goto(page.base_url + "checklist/")
    page.wait_for_selector("#checklist-app[data-mounted]")
    scripts = page.eval_on_selector_all("script[src*='checklist-']", "els => els.map(e => [e.src.split('/').pop(), e.defer])")
    names = ["checklist-core.js", "checklist-view.js", "checklist-form.js", "checklist-app.js"]
    assert scripts == [[name, True] for name in names], "four defer scripts of the page itself"
    assert all(initiators[name] == ["parser"] for name in names), initiators


def test_faq_deep_link_shows_the_answer(page):
    page.goto(page.base_url + "faq/#extra-fee")
    heading = page.locator("#extra-fee")
    heading.wait_for()
    page.wait_for_function("() => { const r = document.getElementById('extra-fee').getBoundingClientRect();"
                           " return r.top >= 0 && r.top < window.innerHeight; }")
    answer = heading.locator("xpath=following-sibling::p[1]")
    assert answer.is_visible() and answer.inner_text().strip()


def test_offline_build_works_from_file_urls(browser, tmp_path):
    out = tmp_path / "offline"
    result = run_mkdocs(ROOT, out, env={"OFFLINE": "true"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert (out / "checklist.html").exists() and (out / "search" / "search_index.js").exists()
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in html and "iframe-worker-shim.js" in html
    context = browser.new_context()
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file://", "data:", "blob:", "about:")) else None)
    page.goto((out / "checklist.html").as_uri() + "?name=T&team_size=3&buyer_reliance=low&guarantee_required=unsure"
              "&alternative_tool=unsure&open_orders=yes&orders.refunding=2")
    page.wait_for_selector("#lists [data-item-id]")
    assert page.locator("[data-item-id='settle-refunds']").count() == 1
    page.goto((out / "index.html").as_uri())
    hrefs = search(page, "额外费用")
    assert any("faq.html#extra-fee" in h for h in hrefs[:3]), hrefs[:5]
    assert not outside, outside[:5]
    context.close()
