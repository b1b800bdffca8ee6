"""A built site served on loopback, and sellers' questions asked of its search in Debian's Chromium, as a seller
types them: used by `impact`, the browser tests and the benchmarks.

Only the browser runs the site's search as sellers meet it: Material's worker, and the query normalizer the build
ships. Playwright and Debian's Chromium are what `make test` installs; imported only when a search is run.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import threading
from pathlib import Path

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
# Material's result line says a count or "none" once a query has run; its words come from the page's config.
DONE = """(t) => { const m = document.querySelector('.md-search-result__meta'); if (!m) return false;
  const s = m.textContent.trim(), esc = x => x.replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&');
  return s === t['search.result.none'] || s === t['search.result.one']
    || new RegExp('^' + esc(t['search.result.other']).replace('#', '\\\\d+') + '$').test(s); }"""


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    return path if os.path.exists(path) else shutil.which("chromium")


def search(page, query: str) -> list[str]:
    """Type a query into the open page's search box; the result links, best first, as `page/#section`."""
    box = page.locator("input.md-search__input")
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():  # a phone: the box opens from the header's search button
        toggle.click()
    box.click()
    page.wait_for_function("() => window.SearchNormalize && window.__searchTerms", timeout=10000)  # fetched on focus
    if box.input_value() != query:  # Material searches again only when the words change
        box.fill(query)
        # Material writes the result line and the first ten results in one go: a line written after this
        # blank one belongs to this query, so there is nothing to sleep for.
        page.evaluate("() => { document.querySelector('.md-search-result__meta').textContent = ''; }")
        box.press("End")  # Material reacts to key events, not to fill()
    words = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).translations")
    page.wait_for_function(DONE, arg=words, timeout=10000)
    hrefs = page.eval_on_selector_all(".md-search-result a.md-search-result__link", "els => els.map(e => e.href)")
    return [opened(h) for h in hrefs]


def opened(href: str) -> str:
    """`http://host/prepare/?h=x#backup` -> `prepare/#backup`: the section a result opens."""
    path = href.split("://", 1)[-1].split("/", 1)[-1]
    base, _, rest = path.partition("?")
    anchor = rest.partition("#")[2]
    return base + (f"#{anchor}" if anchor else "")


class QuietFiles(http.server.SimpleHTTPRequestHandler):
    """A built site's files, without a log line per request, with the headers a static host would add."""

    extra_headers: dict[str, str] = {}

    def end_headers(self):
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SiteServer:
    """A static file server for one folder on 127.0.0.1, on a free port."""

    def __init__(self, folder: Path, headers: dict[str, str] | None = None, port: int = 0):
        handler_class = type("Handler", (QuietFiles,), {"extra_headers": headers or {}})
        handler = functools.partial(handler_class, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "SiteServer":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def top_sections(site_dir: Path, queries: list[str]) -> dict[str, list[str]]:
    """Each query's first three section results (a page head is not an answer) on a built site."""
    from playwright.sync_api import sync_playwright

    with SiteServer(site_dir) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(server.url)
        found = {query: [h for h in search(page, query) if "#" in h][:3] for query in queries}
        browser.close()
        return found
