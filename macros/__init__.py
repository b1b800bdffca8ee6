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


def _page_shop(env) -> str:
    """The shop of the page being rendered: shops/<id>.md."""
    src = getattr(getattr(getattr(env, "page", None), "file", None), "src_uri", "") or ""
    path = PurePosixPath(src)
    if len(path.parts) != 2 or path.parts[0] != "shops" or path.suffix != ".md":
        raise ValueError(f"checklist() without a shop id only works on a shops/<id>.md page, not on {src!r}")
    return path.stem


def define_env(env) -> None:
    # Imported here so that `python -m macros ...` does not pay for the site renderers.
    from .editorguide import EditorGuide
    from .interactive import InteractivePage
    from .profile import profile_query
    from .site import load_site

    site = load_site(env.project_dir).require_valid()
    render = site.renderer

    env.macro(lambda section_id: render.section_page(section_id, _prefix(env)), "section")
    env.macro(lambda: render.faq_page(_prefix(env)), "faq")
    env.macro(lambda: render.glossary_page(_prefix(env)), "glossary")
    env.macro(lambda: render.about_page(_prefix(env)), "about")
    env.macro(lambda: render.home_page(_prefix(env)), "home")
    env.macro(lambda table_id: render.table(render.data_table(table_id)), "table")
    def checklist(shop_id: str | None = None) -> str:
        cl = site.checklists[shop_id or _page_shop(env)]
        prefix = _prefix(env)
        query = profile_query(cl.profile, site.content.profile)
        form_link = f"[{render.plain(site.content.checklist['app']['open_interactive'])}]({prefix}checklist.md?{query}){{: .md-button }}"
        return render.checklist_page(cl, prefix, form_link)

    env.macro(checklist, "checklist")
    env.macro(lambda: InteractivePage(site.content, render).render(_prefix(env), _asset_base(env)), "checklist_app")
    env.macro(lambda: EditorGuide(site.content, render).render(_prefix(env)), "editor_guide")
    env.macro(lambda: render.shops_index(list(site.checklists.values()), _prefix(env)), "shops_index")
