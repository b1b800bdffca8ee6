"""A built site served on loopback, and sellers' questions asked of its search in Debian's Chromium, as a seller
types them: used by `impact`, the browser tests and the benchmarks.

Only the browser runs the site's search as sellers meet it: Material's worker, and the query normalizer the build
ships. Playwright and Debian's Chromium are what `make test` installs; imported only when a search is run.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import threading
import urllib.parse
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


def open_search(page) -> dict:
    """Open the search box (a phone's from the header) once the query normalizer is loaded; the result line's words."""
    toggle = page.locator("label.md-header__button[for='__search']")
    if toggle.is_visible():
        toggle.click()
    page.locator("input.md-search__input").click()
    page.wait_for_function("() => window.SearchNormalize && window.__searchTerms", timeout=10000)  # fetched on focus
    return page.evaluate("() => JSON.parse(document.getElementById('__config').textContent).translations")


def search(page, query: str, words: dict | None = None) -> list[str]:
    """Type a query into the page's search box; the result links, best first, as `page/#section`. `words` (from
    open_search) says the box is open already: a run of questions types one after another (102 questions: 11.8 -> 8.6 s)."""
    words = words or open_search(page)
    box = page.locator("input.md-search__input")
    if box.input_value() != query:  # Material searches again only when the words change
        box.fill(query)
        # Material writes the result line and the first ten results in one go: a line written after this
        # blank one belongs to this query, so there is nothing to sleep for.
        page.evaluate("() => { document.querySelector('.md-search-result__meta').textContent = ''; }")
        box.press("End")  # Material reacts to key events, not to fill()
    page.wait_for_function(DONE, arg=words, timeout=10000)
    hrefs = page.eval_on_selector_all(".md-search-result a.md-search-result__link", "els => els.map(e => e.href)")
    return [opened(h) for h in hrefs]


def opened(href: str) -> str:
    """`http://host/prepare/?h=x#backup` -> `prepare/#backup`: the section a result opens."""
    url = urllib.parse.urlsplit(href)
    return url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else "")


def free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        return probe.getsockname()[1]


@contextlib.contextmanager
def serve_site(folder: Path, headers: dict[str, str] | None = None, port: int = 0):
    """A built site's files on 127.0.0.1 (a free port by default), with the headers a static host would add and
    no log line per request; its address."""
    class Files(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args) -> None:
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Files, directory=str(folder))) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}/"
        finally:
            httpd.shutdown()


def top_sections(site_dir: Path, queries: list[str]) -> dict[str, list[str]]:
    """Each query's first three section results (a page head is not an answer) on a built site."""
    from playwright.sync_api import sync_playwright

    with serve_site(site_dir) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        words = open_search(page)
        found = {query: [h for h in search(page, query, words) if "#" in h][:3] for query in queries}
        browser.close()
        return found
