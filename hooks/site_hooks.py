"""MkDocs hooks: check the data before anything renders, require jieba, generate shop pages, edit links."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.site")
_BUILD: dict = {}


def _site():
    return _BUILD["site"]


def _root(config) -> Path:
    root = Path(config.config_file_path).resolve().parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return root


@event_priority(100)  # before mkdocs-macros calls define_env
def on_config(config):
    try:
        import jieba
    except ImportError as err:  # an unsegmented Chinese index is useless: refuse to build one
        raise PluginError("jieba is required for Chinese search segmentation: pip install -r requirements.txt") from err

    macros_plugin = config.plugins.get("macros")
    if macros_plugin is not None and macros_plugin.config.get("modules"):
        # mkdocs-macros 1.3.9 (pinned for start-up time) would `pip install` a missing pluglet.
        raise PluginError("mkdocs.yml: the macros plugin must not list `modules:` (pluglets); "
                          "this site's macros all live in the local `macros` package")

    root = _root(config)
    from macros.site import load_site

    site = load_site(root)
    # One checked view per build, shared by the events below, and what they need from it.
    _BUILD["site"] = site
    if site.warnings:
        for line in site.report(site.warnings).splitlines():
            log.info(line)
    if site.errors:
        raise PluginError(f"data check failed with {len(site.errors)} error(s):\n{site.report(site.errors)}")
    _BUILD["boost"] = site.content.search.get("boost", {})
    _BUILD["done_mark"] = site.content.checklist["app"]["done_mark"].replace('"', "&quot;")

    jieba.setLogLevel(logging.WARNING)
    for word in site.content.terms():
        jieba.add_word(word, freq=None)
    config.copyright = site.content.site["footer"]
    ui = site.content.ui
    config.extra["not_found"] = {"title": ui("not_found_title"), "text": ui("not_found_text"), "home": ui("not_found_home")}
    if not config.repo_url:
        config.edit_uri = None  # no repository, no edit links (and no warnings about them)
    if config.plugins.get("material/offline") and config.plugins["material/offline"].config.enabled:
        # Material would load this Worker shim from a CDN; ship the vendored copy instead.
        config.extra["polyfills"] = [OFFLINE_SHIM]
    return config


OFFLINE_SHIM = "assets/vendor/iframe-worker-shim.js"


SHOP_PAGE = "---\nsearch:\n  exclude: true\n---\n{{{{ {macro} }}}}\n"


def on_files(files, config):
    """One generated page per data/shops/*.yml, plus their index: no hand-written Markdown."""
    from mkdocs.structure.files import File

    site = _site()
    files.append(File.generated(config, "shops/index.md", content=SHOP_PAGE.format(macro="shops_index()")))
    if config.extra.get("polyfills") == [OFFLINE_SHIM]:
        shim = _root(config) / "vendor" / "iframe-worker" / "shim.js"
        files.append(File.generated(config, OFFLINE_SHIM, abs_src_path=str(shim)))
    content = SHOP_PAGE.format(macro="checklist()")
    for shop_id in site.content.shops():
        files.append(File.generated(config, f"shops/{shop_id}.md", content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    """Search weight per page from data/search.yml (`boost`), read by Material's search plugin."""
    boost = _BUILD["boost"]
    page_id = page.file.src_uri.removesuffix(".md")
    if page_id in boost:
        page.meta.setdefault("search", {})["boost"] = boost[page_id]
    return markdown


TASK_BOX = '<label class="task-list-control"><input type="checkbox" disabled'


def on_page_content(html, page, config, files):
    """Give the static task-list boxes an accessible name (pymdownx.tasklist leaves them unnamed)."""
    if TASK_BOX not in html:
        return html
    return html.replace(TASK_BOX, f'{TASK_BOX} aria-label="{_BUILD["done_mark"]}"')


def on_page_context(context, page, config, nav):
    """Point the edit button at the YAML file behind the page, not at its one-line Markdown."""
    if not config.repo_url:
        return context
    from macros.content import data_file_for

    data_file = data_file_for(_site().content, page.file.src_uri)
    base = config.repo_url.rstrip("/") + "/" + (config.edit_uri or "").strip("/")
    page.edit_url = f"{base}/{data_file}" if data_file else None
    return context


def on_post_build(config):
    """Write the search vocabulary (index words, glossary, data/search.yml) for the query normaliser."""
    import json

    from macros.search import vocabulary

    index = Path(config.site_dir) / "search" / "search_index.json"
    if not index.exists():
        return
    terms = vocabulary(json.loads(index.read_text(encoding="utf-8")), _site().content)
    payload = json.dumps(terms, ensure_ascii=False, separators=(",", ":"))
    (Path(config.site_dir) / "assets" / "search-terms.js").write_text(f"window.__searchTerms={payload};\n", encoding="utf-8")
