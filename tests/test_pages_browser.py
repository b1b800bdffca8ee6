"""Every page in the real browser, under the site's own Content-Security-Policy (the built `_headers`).

One walk per viewport collects everything at once: requests that leave 127.0.0.1, console and page errors, CSP
violations and axe's serious or critical findings. The desktop walk goes from page to page by Material's instant
navigation, as a reader taps through the site; the phone walk loads each page in full. A last test per walk
shows that each collector sees what it looks for.
"""
from __future__ import annotations

import time

import pytest

from browser import answer_checklist, axe_violations, instant_ready, search, static_host_headers
from helpers import CONTENT, ROOT, all_pages, run_mkdocs

pytestmark = pytest.mark.browser

WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + location.pathname));
"""
VIEWPORTS = {"desktop": {"viewport": {"width": 1280, "height": 900}},
             "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}}
LOOPBACK = ("http://127.0.0.1", "data:", "blob:")


def watched_tab(browser, base_url: str, viewport: str):
    """A tab that records outside requests, console and page errors and CSP violations (`tab.seen`)."""
    context = browser.new_context(**VIEWPORTS[viewport], locale="zh-CN")
    context.add_init_script(WATCH)
    tab = context.new_page()
    tab.base_url = base_url
    tab.seen = {"outside": [], "errors": [], "csp": []}
    tab.on("request", lambda r: tab.seen["outside"].append(r.url) if not r.url.startswith(LOOPBACK) else None)
    tab.on("pageerror", lambda e: tab.seen["errors"].append(f"{tab.url}: {e}"))
    tab.on("console", lambda m: heard(tab, m))
    return tab


def heard(tab, message) -> None:
    """A console line: a CSP report (they also cover what happens before the listener runs, and in workers) or an
    error."""
    if "Content Security Policy" in message.text:
        tab.seen["csp"].append(f"{tab.url}: {message.text}")
    elif message.type == "error":
        tab.seen["errors"].append(f"{tab.url}: {message.text}")


def csp_violations(tab) -> list[str]:
    return tab.evaluate("window.__csp") + tab.seen["csp"]


def axe_pages(pages: list[str], viewport: str) -> set[str]:
    """axe runs on every page but the example shops', where the first shop (and the index) stand for the rest: they
    share one template, the data inside it is what the property tests vary, and axe on the other nine took 10 s of the
    two walks (39.0 s -> 29.4 s, one process alone). On a desktop, where the guide's pages share one layout too, the
    first stands for the others (the phone, sellers' screen, checks each)."""
    shops = [p for p in pages if p.startswith("shops/") and p != "shops/"]
    guide = [p for p in pages if p.rstrip("/") in CONTENT.sections()] if viewport == "desktop" else []
    return {p for p in pages if p not in shops[1:] + guide[1:]}


def instant_walk(tab, pages: list[str], found: dict) -> None:
    """Tap from page to page as a reader does; Material swaps the content in place (no new document)."""
    tab.goto(tab.base_url)
    instant_ready(tab)
    tab.evaluate("window.__sameDocument = true")
    for path in pages:
        title = tab.title()
        tab.evaluate("href => { const a = document.createElement('a'); a.href = href; document.body.append(a); a.click(); a.remove(); }",
                     tab.base_url + path)
        # The address changes before the new page is in: wait for its title too, as a reader waits before the next tap.
        tab.wait_for_function("([path, title]) => location.pathname === '/' + path && document.title !== title",
                              arg=[path, title])
        found["axe"] += [(path, *v) for v in axe_violations(tab)] if path in found["axe_pages"] else []
        found["csp"] += csp_violations(tab)
    found["same_document"] = tab.evaluate("window.__sameDocument === true")


def full_walk(tab, pages: list[str], found: dict) -> None:
    """Load every page in full: Material's hashed inline scripts run on each."""
    for path in pages:
        tab.goto(tab.base_url + path)
        if tab.evaluate("typeof window.__md_get") != "function":
            found["inline_refused"].append(path)
        found["axe"] += [(path, *v) for v in axe_violations(tab)] if path in found["axe_pages"] else []
        found["csp"] += csp_violations(tab)


@pytest.fixture(scope="module", params=sorted(VIEWPORTS))
def walk(request, browser, site_server):
    """One walk of every page in one viewport, with all it saw; the tab stays open for the controls."""
    tab = watched_tab(browser, site_server.url, request.param)
    pages = all_pages(site_server.site)
    found = {"viewport": request.param, "pages": pages, "axe": [], "csp": [], "inline_refused": [], "tab": tab,
             "axe_pages": axe_pages(pages, request.param)}
    (instant_walk if request.param == "desktop" else full_walk)(tab, pages, found)
    tab.goto(tab.base_url)
    found["search"] = search(tab, "备份")  # the search worker and its index load too
    found["csp"] += csp_violations(tab)
    yield found
    tab.context.close()


def test_the_walk_reaches_every_page(walk):
    assert len(walk["pages"]) >= 15
    assert any(h.startswith("prepare/") for h in walk["search"]), walk["search"][:5]
    if walk["viewport"] == "desktop":
        assert walk["same_document"], "every page was reached by instant navigation"


def test_every_page_stays_on_loopback(walk):
    assert not walk["tab"].seen["outside"], walk["tab"].seen["outside"][:10]


def test_no_console_or_page_errors(walk):
    """Material re-runs every <script> of the content after an instant navigation: none may fail."""
    assert not walk["tab"].seen["errors"], walk["tab"].seen["errors"][:10]


def test_the_policy_refuses_nothing_and_materials_inline_scripts_run(walk):
    assert not walk["csp"], walk["csp"][:5]
    assert not walk["inline_refused"], f"Material's inline scripts were refused on {walk['inline_refused']}"


def test_no_serious_or_critical_accessibility_violations(walk):
    assert len(walk["axe_pages"]) >= (12 if walk["viewport"] == "phone" else 9) and "shops/" in walk["axe_pages"], sorted(walk["axe_pages"])
    assert not walk["axe"], walk["axe"][:10]


def test_each_collector_sees_what_it_looks_for(walk):
    """The checks above can fail: an outside request, a console error, a page error, an inline script the build
    did not hash and an unlabelled button, each put into the walked tab, are all seen (the request is stopped
    before it leaves the machine)."""
    tab = walk["tab"]
    tab.route("http://outside.invalid/**", lambda route: route.abort())
    tab.goto(tab.base_url + "overview/")
    tab.evaluate("""() => {
        const img = document.createElement('img'); img.src = 'http://outside.invalid/probe.png'; document.body.append(img);
        console.error('probe: console');
        setTimeout(() => { throw new Error('probe: page'); });
        const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s);
        document.querySelector('article').append(document.createElement('button'));
    }""")
    tab.wait_for_function("window.__csp.length > 0")
    deadline = time.monotonic() + 5
    while len(tab.seen["errors"]) < 2 and time.monotonic() < deadline:
        tab.wait_for_timeout(50)
    assert tab.evaluate("window.__ran") is None, "the policy refused the script"
    assert any(v.startswith("script-src") for v in csp_violations(tab))
    assert "http://outside.invalid/probe.png" in tab.seen["outside"]
    assert any("probe: console" in e for e in tab.seen["errors"]) and any("probe: page" in e for e in tab.seen["errors"])
    assert any(rule == "button-name" for rule, _ in axe_violations(tab))


def test_the_test_browser_keeps_playwrights_switches_and_draws_no_omnibox_popup(browser, page):
    """browser_args(): one --disable-features carries Playwright's own list (a second one would drop it) and the omnibox
    popup, which Chromium drew as two WebUI pages for every context (a feature renamed would bring them back)."""
    from browser import OMNIBOX, browser_args

    features = [a.split("=")[1].split(",") for a in browser_args() if a.startswith("--disable-features=")]
    assert len(features) == 1 and {"PaintHolding", "AvoidUnnecessaryBeforeUnloadCheckSync", *OMNIBOX} <= set(features[0])
    page.goto("about:blank")
    targets = browser.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
    assert any(t["type"] == "page" for t in targets) and not [t["url"] for t in targets if "omnibox" in t["url"]]


def test_the_policy_allows_no_inline_script_it_did_not_hash(built_site):
    policy = static_host_headers(built_site)["Content-Security-Policy"]
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert script_src.count("'sha256-") >= 3, "Material's inline scripts are hashed"
    assert f'"{policy}" always;' in (built_site / "nginx-csp.conf").read_text(encoding="utf-8")


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_search_checklist_and_navigation_work_under_the_policy(browser, site_server, viewport):
    tab = watched_tab(browser, site_server.url, viewport)
    response = tab.goto(tab.base_url)
    assert "script-src" in response.headers["content-security-policy"], "the server sends the built policy"
    assert any(link.startswith("close-steps/") for link in search(tab, "关闭步骤"))
    tab.keyboard.press("Escape")
    tab.goto(tab.base_url + "overview/")
    if tab.locator(".md-header__button[for='__drawer']").is_visible():
        tab.click(".md-header__button[for='__drawer']")
    tab.click(".md-nav--primary a[href$='checklist/']")
    tab.wait_for_selector("#checklist-form")
    answer_checklist(tab)
    tab.locator("[data-item-id='settle-refunds'] input[type='checkbox']").check()
    tab.reload()
    tab.wait_for_selector("[data-item-id='settle-refunds']")
    assert tab.locator("[data-item-id='settle-refunds'] input[type='checkbox']").is_checked(), "ticks survive a reload"
    assert not csp_violations(tab) and not tab.seen["errors"], (csp_violations(tab)[:5], tab.seen["errors"][:5])
    tab.context.close()


@pytest.mark.parametrize("late", [None, "checklist-core.js", "checklist-view.js", "checklist-form.js", "checklist-app.js"])
def test_instant_navigation_mounts_the_checklist_once_whichever_script_arrives_first(browser, site_server, late):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    if late:  # Material re-inserts the page's scripts on an instant navigation, and they may run in either order
        page.route(f"**/assets/{late}", lambda route: (time.sleep(0.5), route.continue_()))
    page.goto(site_server.url + "prepare/")
    instant_ready(page)
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
