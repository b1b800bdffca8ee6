"""mkdocs-macros entry point: wires the pure modules of this package into page macros."""
from __future__ import annotations

import hashlib
from pathlib import Path, PurePosixPath



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


# Settings that change the code Jinja generates for a source text (the cache key includes them).
_SYNTAX = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
           "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
           "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized", "autoescape")


def _bytecode_name(jinja_env, source: str) -> str:
    syntax = repr([getattr(jinja_env, name, None) for name in _SYNTAX] + sorted(jinja_env.extensions))
    return "page-" + hashlib.sha256((syntax + "\0" + source).encode("utf-8")).hexdigest()


def compile_once(jinja_env, limit: int = 512, cache_dir: Path | None = None) -> None:
    """Make the Jinja environment compile each distinct page text once per build, or once at all.

    mkdocs-macros compiles every page with `from_string`, which Jinja never caches; every
    generated shop page has the same one-line text, so a thousand shops need one template.
    A compiled template holds no page state (pages pass theirs to render()), so reuse is safe.
    With cache_dir, the compiled code is also kept there by Jinja's own FileSystemBytecodeCache
    (checked against the source text and Jinja's bytecode version), so the next build loads
    it instead of compiling; a folder that cannot be written only means compiling again.
    """
    original = jinja_env.from_string
    if getattr(original, "compiles_once", False):
        return
    templates: dict[str, object] = {}
    bytecode = None
    if cache_dir is not None:
        from jinja2 import FileSystemBytecodeCache

        try:
            cache_dir.mkdir(parents=True, exist_ok=True)
            bytecode = FileSystemBytecodeCache(str(cache_dir))
        except OSError:
            bytecode = None

    def compiled(source: str):
        if bytecode is None:
            return original(source)
        name = _bytecode_name(jinja_env, source)
        try:
            bucket = bytecode.get_bucket(jinja_env, name, None, source)
        except Exception:  # a damaged entry (Jinja reads its header with pickle): compile and replace it
            from jinja2.bccache import Bucket

            bucket = Bucket(jinja_env, bytecode.get_cache_key(name), bytecode.get_source_checksum(source))
        if bucket.code is None:
            bucket.code = jinja_env.compile(source)
            try:
                bytecode.set_bucket(bucket)
            except OSError:
                pass
        # what Environment.from_string does after compiling
        return jinja_env.template_class.from_code(jinja_env, bucket.code, jinja_env.make_globals(None), None)

    def from_string(source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return original(source, globals, template_class)
        template = templates.get(source)
        if template is None:
            if len(templates) >= limit:
                templates.clear()
            template = templates[source] = compiled(source)
        return template

    from_string.compiles_once = True
    jinja_env.from_string = from_string


def on_pre_page_macros(env) -> None:
    """mkdocs-macros calls this before each page; its Jinja environment exists only from pre_build on."""
    if getattr(env.env.from_string, "compiles_once", False):
        return  # installed on the first page; nothing to do on the other thousand
    from .compiled import cache_root

    compile_once(env.env, cache_dir=cache_root() / "page-templates")


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
