"""One site build: its checked data, checklist spec, renderer and shop documents, made in on_config and kept on
the MkDocs config under STATE_KEY, where every later event and the macros (macros/__init__.py) find it. The
on_* functions are MkDocs' events, which hooks/site_hooks.py hands over; nothing is kept between builds."""
from __future__ import annotations

import datetime as dt
import functools
from html import escape
import json
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ..checklist.shops import shop_checklists, shop_documents
from ..checklist.spec import checklist_spec
from ..model.checked import Site, load_site
from ..model.kinds import file_for_page
from ..model.problems import Problem
from . import csp
from .renderer import Renderer
from .searchterms import vocabulary
from .shoppages import ShopPages

STATE_KEY = "order_insurance_build"
FAILED: dict = {}  # the last failed data check, for `mkdocs serve`'s error page (render/serving.py): not checked twice
OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"
TASK_BOX = '<label class="task-list-control"><input type="checkbox" disabled'
# Generated pages arrive rendered: mkdocs-macros leaves them alone. The title is JSON, which YAML reads as is.
GENERATED = "---\ntitle: {title}\nrender_macros: false\nsearch:\n  exclude: true\n---\n"
log = logging.getLogger("mkdocs.hooks.site")


class SiteBuild:
    """What one build knows about the site's data; the pieces a page needs are made on first use."""

    def __init__(self, site: Site):
        self.site = site
        self.content = site.content
        self.boost = self.content.search.get("boost", {})
        self.done_mark = self.content.checklist["app"]["done_mark"].replace('"', "&quot;")

    @functools.cached_property
    def spec(self) -> dict:
        return checklist_spec(self.content)

    @functools.cached_property
    def renderer(self) -> Renderer:
        return Renderer(self.content)

    @functools.cached_property
    def checklists(self) -> dict:
        return shop_checklists(self.content, self.spec)

    @functools.cached_property
    def section_files(self) -> dict[str, str]:
        return {section_id: rel for section_id, (rel, _) in self.content.sections().items()}

    def data_file_for(self, src_uri: str) -> str | None:
        """The YAML file an editor opens to change the page at docs/<src_uri>."""
        return file_for_page(src_uri.removesuffix(".md"), self.section_files)


def state(config) -> SiteBuild:
    return config[STATE_KEY]


def configure(config, jieba) -> None:
    """Check the data before anything renders (a failed check stops the build), and set what the theme shows."""
    site = load_site(Path(config.config_file_path).resolve().parent)
    for line in site.report(site.warnings).splitlines():
        log.info(line)
    if site.errors:
        FAILED["site"] = site
        raise PluginError(f"data check failed with {len(site.errors)} error(s):\n{site.report(site.errors)}")
    build = config[STATE_KEY] = SiteBuild(site)
    content = build.content
    for word in content.terms():
        jieba.add_word(word, freq=None)
    config.copyright = escape(content.site["footer"], quote=False)  # Material prints it as HTML
    ui = content.ui
    config.extra["not_found"] = {"title": ui("not_found_title"), "text": ui("not_found_text"), "home": ui("not_found_home")}
    if not config.repo_url:
        config.edit_uri = None  # no repository, no edit links (and no warnings about them)
    if config.plugins.get("material/offline") and config.plugins["material/offline"].config.enabled:
        config.extra["polyfills"] = [OFFLINE_SHIM]  # Material would load this Worker shim from a CDN: ship ours


def on_files(files, config):
    """One page per data/shops/*.yml, plus their index, written already rendered: no hand-written Markdown."""
    build = state(config)
    docs = shop_documents(build.checklists, build.spec, dt.date.today().isoformat())
    pages = ShopPages(build.renderer, build.spec)
    title = build.content.words("index_title")
    index = GENERATED.format(title=json.dumps(title)) + pages.index(list(docs.values()), "../")
    files.append(File.generated(config, "shops/index.md", content=index))
    if config.extra.get("polyfills") == [OFFLINE_SHIM]:
        shim = Path(config.config_file_path).resolve().parent / "vendor" / "iframe-worker" / "shim.js"
        files.append(File.generated(config, OFFLINE_SHIM, abs_src_path=str(shim)))
    for shop_id, doc in docs.items():
        page = GENERATED.format(title=json.dumps(doc["name"] or doc["title"])) + pages.page(doc, build.checklists[shop_id].profile)
        files.append(File.generated(config, f"shops/{shop_id}.md", content=page))
    return files


def on_page_markdown(markdown, page, config, files):
    """Search weight per page from data/search.yml (`boost`), read by Material's search plugin."""
    boost = state(config).boost.get(page.file.src_uri.removesuffix(".md"))
    if boost is not None:
        page.meta.setdefault("search", {})["boost"] = boost
    return markdown


def on_page_content(html, page, config, files):
    """Refuse a page whose content would run code of its own (the CSP hashes only Material's inline scripts), and
    give the static task-list boxes an accessible name (pymdownx.tasklist leaves them unnamed)."""
    found = csp.live_code(html)
    if found:
        line = csp.source_line(page.file.content_string, found)
        problem = Problem(f"docs/{page.file.src_uri}", line, "", "page_script", {"found": found})
        raise PluginError(state(config).site.report([problem]))
    done_mark = state(config).done_mark
    return html.replace(TASK_BOX, f'{TASK_BOX} aria-label="{done_mark}"') if TASK_BOX in html else html


def on_page_context(context, page, config, nav):
    """Point the edit button at the YAML file behind the page, not at its one-line Markdown."""
    if config.repo_url:
        data_file = state(config).data_file_for(page.file.src_uri)
        base = config.repo_url.rstrip("/") + "/" + (config.edit_uri or "").strip("/")
        page.edit_url = f"{base}/{data_file}" if data_file else None
    return context


def on_post_build(config) -> None:
    """The search vocabulary for the query normaliser, and the CSP headers for the scripts the pages run."""
    site_dir = Path(config.site_dir)
    value = csp.policy(csp.script_hashes(p.read_text(encoding="utf-8") for p in sorted(site_dir.rglob("*.html"))))
    (site_dir / "_headers").write_text(csp.headers_file(value), encoding="utf-8")
    (site_dir / "nginx-csp.conf").write_text(csp.nginx_file(value), encoding="utf-8")
    index = site_dir / "search" / "search_index.json"
    if index.exists():
        terms = vocabulary(json.loads(index.read_text(encoding="utf-8")), state(config).content)
        payload = json.dumps(terms, ensure_ascii=False, separators=(",", ":"))
        (site_dir / "assets" / "search-terms.js").write_text(f"window.__searchTerms={payload};\n", encoding="utf-8")
