"""Helpers for the real-browser tests: serve a built site on loopback, drive Debian's Chromium."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import parse_qs, quote

# One way to serve a built site, drive Chromium and ask the site's search, shared with `python -m tools impact`
# and the benchmarks.
from tools.chromium import CHROMIUM_ARGS, chromium_path, free_port, open_search, search, serve_site  # noqa: F401

# A seller's answers to /checklist/: the deciding ones (no verdict without them) and the optional ones.
ANSWERS = {"name": "测试店", "team_size": "1", "buyer_reliance": "medium", "guarantee_required": "unsure",
           "alternative_tool": "unsure", "open_orders": "no"}


OMNIBOX = ["WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup"]  # Chromium's names for its popup


def browser_args() -> list[str]:
    """Chromium's flags for the tests: the tools' ones, and one --disable-features (Chromium keeps only the last one,
    and Playwright passes its own) with Playwright's list, read from its driver, and the omnibox popup: a WebUI page
    Chromium draws for each new window, so for each test's context. A context then costs 0.4 CPU-s, not 1.6: make
    test 562 -> 478 CPU-s and 288 -> 242 s (busy time from /proc/stat around `make test`)."""
    import playwright

    bundle = Path(playwright.__file__).parent / "driver" / "package" / "lib" / "coreBundle.js"
    block = re.search(r"disabledFeatures = \[(.*?)\]\.filter", bundle.read_text(encoding="utf-8"), re.S)
    assert block, f"Playwright's own disabled features are no longer where {bundle} kept them"
    theirs = re.findall(r'^\s*"(\w+)"', block.group(1), re.M)
    return CHROMIUM_ARGS + ["--disable-features=" + ",".join(theirs + OMNIBOX)]


def static_host_headers(site: Path) -> dict[str, str]:
    """The headers the built `_headers` file gives every path (`/*`), as a static host would send them."""
    lines = (site / "_headers").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "/*", lines[0]
    return dict(line.strip().split(": ", 1) for line in lines[1:] if line.strip())


def answer_checklist(page) -> None:
    """Answer every required question in the form the way a seller would, with 2 orders in refund."""
    for name, value in {**ANSWERS, "open_orders": "yes"}.items():
        box = page.locator(f"input[name='{name}']")
        if box.first.get_attribute("type") == "radio":
            page.check(f"input[name='{name}'][value='{value}']")
        else:
            box.fill(value)
    page.fill("input[name='orders.refunding']", "2")
    page.wait_for_selector("[data-item-id='settle-refunds']")


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


@functools.cache
def instant_ready(page) -> None:
    """Wait until Material follows links in place: it does so only once it holds the sitemap, and a tap
    before that loads the page in full (a race a loaded machine loses)."""
    page.evaluate("""() => new Promise(done => {
        const held = () => performance.getEntriesByType("resource").some(e => e.name.endsWith("/sitemap.xml"));
        const settle = () => setTimeout(done);  // the sitemap is parsed on the response's own task
        if (held()) return settle();
        new PerformanceObserver((_, observer) => { if (held()) { observer.disconnect(); settle(); } })
            .observe({type: "resource"});
    })""")


def axe_source() -> str:
    return AXE.read_text(encoding="utf-8") + "\n;window.axe = axe; undefined;"


def axe_violations(page, impacts=("serious", "critical")) -> list[tuple[str, list[str]]]:
    """axe-core's violations of the page as it is now, (rule id, first nodes) for the given impacts."""
    if not AXE.exists():
        raise AssertionError("axe-core is missing: run `npm ci` (make test does)")
    if not page.evaluate("typeof window.axe === 'object'"):  # evaluated by DevTools: the page's CSP does not apply
        page.evaluate(axe_source())
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                          ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))")
    return [(v["id"], v["nodes"]) for v in found if v["impact"] in impacts]


def item_ids(page, group: str = "") -> list[str]:
    """The items of one group (blocking, pre, during, post), or of the whole list, in the order shown."""
    where = f"#group-{group}" if group else "#lists"
    return page.eval_on_selector_all(f"{where}:not([hidden]) [data-item-id]", "els => els.map(e => e.dataset.itemId)")


def before_close(page) -> list[str]:
    return item_ids(page, "blocking") + item_ids(page, "pre")


def tick(page, item: str) -> None:
    """Tick an item as a seller does."""
    page.locator(f"[data-item-id='{item}'] input").check()


def open_checklist(page, query: str = "", complete: bool = True) -> None:
    """/checklist/ with the query's answers and, unless `complete` is False, the other required ones (browser.ANSWERS)."""
    given = parse_qs(query, keep_blank_values=True)
    full = "&".join([query] * bool(query) + [f"{k}={quote(v)}" for k, v in ANSWERS.items() if complete and k not in given])
    page.goto(page.base_url + "checklist/" + (f"?{full}" if full else ""))
    page.wait_for_selector("#lists:not([hidden]) [data-item-id]" if complete else "#verdict .admonition-title", state="attached")


def guard(page, dialogs: bool = True) -> list[str]:
    """Collect console errors and page errors (and, unless the test answers them, dialogs) for the rest of the test."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    if dialogs:
        page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    return errors


def download(page, tmp_path) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click("[data-action='download']")
    saved = tmp_path / "list.html"
    info.value.save_as(saved)
    return saved.read_text(encoding="utf-8-sig"), info.value.suggested_filename


def printed_reach(pdf: bytes) -> list[float]:
    """How far down each printed page its lowest text reaches, as a share of the page's height (0: a blank page)."""
    from io import BytesIO

    from pypdf import PdfReader

    reach = []
    for sheet in PdfReader(BytesIO(pdf)).pages:
        height, tops = float(sheet.mediabox.height), []

        def seen(text, cm, tm, *_):  # where a run of text sits: its matrix within the page's
            if text.strip():
                tops.append(cm[5] + tm[5] * cm[3])

        sheet.extract_text(visitor_text=seen)
        reach.append(round(1 - min(tops) / height, 2) if tops else 0.0)
    return reach
