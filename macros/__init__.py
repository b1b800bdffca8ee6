"""mkdocs-macros entry point: the page macros, wired to the build's state (macros/render/build.py).

The package's layers, each importing only those above it in this list:
- model/: the data files, their kinds and schemas, every check (no MkDocs, no renderer);
- checklist/: one shop's checklist, its document and order exports (imports the model);
- render/: pages, templates and one build's state, the only layer that knows MkDocs.
The editors' and CI's tools live in tools/ beside this package; a build never imports them."""
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
    # Imported here: `import macros.model` (the tools, the tests) loads no renderer and no Jinja.
    from .render.build import STATE_KEY
    from .render.checklistpage import ChecklistPage
    from .render.editorguide import EditorGuide
    from .render.guidepages import GuidePages

    build = env.conf.get(STATE_KEY)  # made and checked by hooks/site_hooks.py, which runs first
    if build is None:
        raise RuntimeError("the site's data was not loaded: mkdocs.yml must list hooks/site_hooks.py under hooks:")
    render = build.renderer
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
    env.macro(lambda: ChecklistPage(build.spec, render).render(_prefix(env), _asset_base(env)), "checklist_app")
    env.macro(lambda: EditorGuide(build.content, render).render(_prefix(env)), "editor_guide")
