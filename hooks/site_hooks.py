"""MkDocs hooks: check the data before anything renders, require jieba, generate shop pages, edit links."""
from __future__ import annotations

import datetime as dt
import html
import json
import logging
import os
import sys
import threading
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.site")
OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"
TASK_BOX = '<label class="task-list-control"><input type="checkbox" disabled'
# Generated pages arrive rendered: mkdocs-macros leaves them alone. The title is JSON, which YAML reads as is.
GENERATED = "---\ntitle: {title}\nrender_macros: false\nsearch:\n  exclude: true\n---\n"
# Pages whose words live in one fixed data file; guide sections and shops are looked up.
PAGE_FILES = {"index.md": "data/site.yml", "faq.md": "data/faq.yml", "glossary.md": "data/glossary.yml",
              "about.md": "data/sources.yml", "checklist.md": "data/checklist.yml", "editor.md": "data/editor.yml",
              "shops/index.md": "data/checklist.yml"}


class Build:
    """What one build knows about the site's data, set in on_config and read by the later events."""

    site = None
    boost: dict = {}
    done_mark = ""

    def data_file_for(self, src_uri: str) -> str | None:
        """The YAML file an editor opens to change the page at docs/<src_uri>."""
        if src_uri in PAGE_FILES:
            return PAGE_FILES[src_uri]
        if src_uri.startswith("shops/"):
            return f"data/shops/{src_uri[len('shops/'):-len('.md')]}.yml"
        found = self.site.content.sections().get(src_uri.removesuffix(".md"))
        return found[0] if found else None


build = Build()


@event_priority(100)  # before mkdocs-macros calls define_env
def on_config(config):
    try:
        import jieba
    except ImportError as err:  # an unsegmented Chinese index is useless: refuse to build one
        raise PluginError("jieba is required for Chinese search segmentation: pip install -r requirements.txt") from err

    root = Path(config.config_file_path).resolve().parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from macros.site import CONFIG_KEY, load_site

    site = build.site = config[CONFIG_KEY] = load_site(root)  # the macros read this Site: one load, one check
    for line in site.report(site.warnings).splitlines():
        log.info(line)
    if site.errors:
        raise PluginError(f"data check failed with {len(site.errors)} error(s):\n{site.report(site.errors)}")
    content = site.content
    build.boost = content.search.get("boost", {})
    build.done_mark = content.checklist["app"]["done_mark"].replace('"', "&quot;")

    jieba.setLogLevel(logging.WARNING)
    for word in content.terms():
        jieba.add_word(word, freq=None)
    config.copyright = html.escape(content.site["footer"], quote=False)  # Material prints it as HTML
    ui = content.ui
    config.extra["not_found"] = {"title": ui("not_found_title"), "text": ui("not_found_text"), "home": ui("not_found_home")}
    if not config.repo_url:
        config.edit_uri = None  # no repository, no edit links (and no warnings about them)
    if config.plugins.get("material/offline") and config.plugins["material/offline"].config.enabled:
        # Material would load this Worker shim from a CDN; ship the vendored copy instead.
        config.extra["polyfills"] = [OFFLINE_SHIM]
    return config


def on_files(files, config):
    """One page per data/shops/*.yml, plus their index, written already rendered: no hand-written Markdown."""
    from mkdocs.structure.files import File

    from macros.shoppages import ShopPages

    site = build.site
    pages, docs = ShopPages(site.renderer, site.spec), site.shop_documents(dt.date.today().isoformat())
    title = site.content.words("index_title")
    files.append(File.generated(config, "shops/index.md", content=GENERATED.format(title=json.dumps(title)) + pages.index(list(docs.values()), "../")))
    if config.extra.get("polyfills") == [OFFLINE_SHIM]:
        shim = Path(config.config_file_path).resolve().parent / "vendor" / "iframe-worker" / "shim.js"
        files.append(File.generated(config, OFFLINE_SHIM, abs_src_path=str(shim)))
    for shop_id, doc in docs.items():
        page = GENERATED.format(title=json.dumps(doc["name"])) + pages.page(doc, site.checklists[shop_id].profile)
        files.append(File.generated(config, f"shops/{shop_id}.md", content=page))
    return files


def on_page_markdown(markdown, page, config, files):
    """Search weight per page from data/search.yml (`boost`), read by Material's search plugin."""
    page_id = page.file.src_uri.removesuffix(".md")
    if page_id in build.boost:
        page.meta.setdefault("search", {})["boost"] = build.boost[page_id]
    return markdown


def on_page_content(html, page, config, files):
    """Refuse a page whose content would run code of its own (the CSP hashes only Material's inline scripts), and
    give the static task-list boxes an accessible name (pymdownx.tasklist leaves them unnamed)."""
    from macros import csp
    from macros.problems import Problem

    found = csp.live_code(html)
    if found:
        rel = f"docs/{page.file.src_uri}"
        line = csp.source_line(page.file.content_string, found)
        raise PluginError(build.site.report([Problem(rel, line, "", "page_script", {"found": found})]))
    return html.replace(TASK_BOX, f'{TASK_BOX} aria-label="{build.done_mark}"') if TASK_BOX in html else html


def on_page_context(context, page, config, nav):
    """Point the edit button at the YAML file behind the page, not at its one-line Markdown."""
    if config.repo_url:
        data_file = build.data_file_for(page.file.src_uri)
        base = config.repo_url.rstrip("/") + "/" + (config.edit_uri or "").strip("/")
        page.edit_url = f"{base}/{data_file}" if data_file else None
    return context


def on_post_build(config):
    """Write the search vocabulary for the query normaliser, and the CSP headers for the scripts the pages run."""
    from macros import csp
    from macros.search import vocabulary

    site_dir = Path(config.site_dir)
    value = csp.policy(csp.script_hashes(p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("*.html"))))
    (site_dir / "_headers").write_text(csp.headers_file(value), encoding="utf-8")
    (site_dir / "nginx-csp.conf").write_text(csp.nginx_file(value), encoding="utf-8")
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        terms = vocabulary(json.loads(index.read_text(encoding="utf-8")), build.site.content)
        payload = json.dumps(terms, ensure_ascii=False, separators=(",", ":"))
        (site_dir / "assets" / "search-terms.js").write_text(f"window.__searchTerms={payload};\n", encoding="utf-8")


def on_serve(server, config, builder):
    """`mkdocs serve` stops watching a folder that goes away (moved, or checked out anew): watch it again when it is
    back, and rebuild both times, so that the page and the log always say what the data now is."""
    root = Path(config.config_file_path).resolve().parent
    folders = [str(root / name) for name in ("data", "macros")]
    threading.Thread(target=_rearm, args=(server, folders), daemon=True).start()
    return server


def _rearm(server, folders: list[str]) -> None:
    present = {folder: os.path.isdir(folder) for folder in folders}
    while True:
        time.sleep(0.5)
        for folder, was in present.items():
            now = present[folder] = os.path.isdir(folder)
            if now == was:
                continue
            if now:
                try:
                    server.unwatch(folder)
                except KeyError:
                    pass
                server.watch(folder)
            with server._rebuild_cond:  # mkdocs 1.6's LiveReloadServer has no public way to ask for a rebuild
                server._want_rebuild = True
                server._rebuild_cond.notify_all()
