"""mkdocs-macros entry point: wires the pure modules of this package into page macros."""
from __future__ import annotations

from pathlib import PurePosixPath


def _prefix(env) -> str:
    """Path from the page being rendered back to docs/, for relative .md links."""
    page = getattr(env, "page", None)
    src = getattr(getattr(page, "file", None), "src_uri", "") or ""
    return "../" * (len(PurePosixPath(src).parts) - 1) if src else ""


def _asset_base(env) -> str:
    """Path from the page's URL back to the site root, for raw <link> tags MkDocs does not rewrite."""
    url = getattr(getattr(env, "page", None), "url", "") or ""
    return "../" * url.count("/")


def define_env(env) -> None:
    # Imported here: `import macros` (the CLI, the tests) loads no renderer and no Jinja.
    from .editorguide import EditorGuide
    from .guidepages import GuidePages
    from .interactive import InteractivePage
    from .site import CONFIG_KEY

    site = env.conf.get(CONFIG_KEY)  # checked once per build by hooks/site_hooks.py, which runs first
    if site is None:
        raise RuntimeError("the site's data was not loaded: mkdocs.yml must list hooks/site_hooks.py under hooks:")
    render = site.require_valid().renderer
    pages = GuidePages(render)

    env.macro(lambda section_id: render.section_page(section_id, _prefix(env)), "section")

    def faq() -> str:
        # The page's <head> carries the JSON-LD (overrides/main.html): Material's instant navigation
        # re-runs every script in the content as JavaScript, a JSON one included.
        env.page.meta["json_ld"] = pages.faq_json_ld()
        return pages.faq_page(_prefix(env))

    env.macro(faq, "faq")
    env.macro(lambda: pages.glossary_page(_prefix(env)), "glossary")
    env.macro(lambda: pages.about_page(_prefix(env)), "about")
    env.macro(lambda: pages.home_page(_prefix(env)), "home")
    env.macro(lambda: InteractivePage(site.content, render).render(_prefix(env), _asset_base(env)), "checklist_app")
    env.macro(lambda: EditorGuide(site.content, render).render(_prefix(env)), "editor_guide")
