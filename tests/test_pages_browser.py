"""Every page in the real browser: nothing leaves 127.0.0.1, no console error, no serious a11y issue."""
from __future__ import annotations

from pathlib import Path

import pytest

from browser import answer_checklist, search
from conftest import ROOT, run_mkdocs

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


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
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm ci` (make test does)")
    found = []
    for path in all_pages(built_site):
        page.goto(page.base_url + path)
        page.wait_for_load_state("networkidle")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                               ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))")
        found += [(path, v["id"], v["impact"], v["nodes"]) for v in result if v["impact"] in ("serious", "critical")]
    assert not found, found[:10]


def test_instant_navigation_keeps_the_checklist_working(page):
    page.goto(page.base_url + "overview/")
    page.click(".md-nav--primary a[href$='checklist/']")
    page.wait_for_selector("#checklist-form")
    answer_checklist(page)
    page.fill("input[name='team_size']", "4")
    assert page.locator("[data-item-id='notify-team']").count() == 1


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
    page.wait_for_selector("#pre-close [data-item-id]")
    assert page.locator("[data-item-id='settle-refunds']").count() == 1
    page.goto((out / "index.html").as_uri())
    hrefs = search(page, "额外费用")
    assert any("faq.html#extra-fee" in h for h in hrefs[:3]), hrefs[:5]
    assert not outside, outside[:5]
    context.close()
