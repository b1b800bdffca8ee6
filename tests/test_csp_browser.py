"""The site under its own Content-Security-Policy (the built `_headers`): everything works, nothing is refused."""
from __future__ import annotations

import pytest

from browser import SiteServer, answer_checklist, search, static_host_headers
from test_pages_browser import all_pages

pytestmark = pytest.mark.browser

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + location.pathname));
"""
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def csp_server(built_site):
    with SiteServer(built_site, static_host_headers(built_site)) as server:
        yield server


@pytest.fixture(params=sorted(VIEWPORTS))
def csp_page(request, browser, csp_server):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="zh-CN", is_mobile=request.param == "phone")
    context.add_init_script(WATCH)
    tab = context.new_page()
    tab.base_url = csp_server.url
    tab.refused = []  # console reports: they also cover what happens before the listener (and in workers)
    tab.on("console", lambda m: tab.refused.append(m.text) if "Content Security Policy" in m.text else None)
    yield tab
    context.close()


def violations(page) -> list[str]:
    return page.evaluate("window.__csp") + page.refused


def test_the_policy_allows_no_inline_script_it_did_not_hash(built_site):
    policy = static_host_headers(built_site)["Content-Security-Policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert script_src.count("'sha256-") >= 3, "Material's inline scripts are hashed"
    assert f'"{policy}" always;' in (built_site / "nginx-csp.conf").read_text(encoding="utf-8")


def test_every_page_loads_with_zero_violations(csp_page, built_site):
    response = csp_page.goto(csp_page.base_url)
    assert "script-src" in response.headers["content-security-policy"], "the server sends the built policy"
    for path in all_pages(built_site):
        csp_page.goto(csp_page.base_url + path)
        csp_page.wait_for_load_state("networkidle")
        assert csp_page.evaluate("typeof window.__md_get") == "function", f"Material's inline scripts ran on /{path}"
        assert not violations(csp_page), violations(csp_page)[:5]


def test_a_script_the_build_did_not_hash_is_refused(csp_page):
    """The check above can fail: an injected inline script is blocked and reported."""
    csp_page.goto(csp_page.base_url + "overview/")
    csp_page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s); }")
    csp_page.wait_for_function("window.__csp.length > 0")
    assert csp_page.evaluate("window.__ran") is None
    assert any(v.startswith("script-src") for v in violations(csp_page))


def test_search_checklist_and_navigation_work_under_the_policy(csp_page):
    csp_page.goto(csp_page.base_url)
    assert any(link.startswith("close-steps/") for link in search(csp_page, "关闭步骤"))
    csp_page.keyboard.press("Escape")
    csp_page.goto(csp_page.base_url + "overview/")
    if csp_page.locator(".md-header__button[for='__drawer']").is_visible():
        csp_page.click(".md-header__button[for='__drawer']")
    csp_page.click(".md-nav--primary a[href$='checklist/']")
    csp_page.wait_for_selector("#checklist-form")
    answer_checklist(csp_page)
    box = csp_page.locator("[data-item-id='settle-refunds'] input[type='checkbox']")
    box.check()
    csp_page.reload()
    csp_page.wait_for_selector("[data-item-id='settle-refunds']")
    assert csp_page.locator("[data-item-id='settle-refunds'] input[type='checkbox']").is_checked(), "ticks survive a reload"
    assert not violations(csp_page), violations(csp_page)[:5]
