"""Page texts compiled by Jinja once per build, and kept on disk between builds."""
from __future__ import annotations

import hashlib
from pathlib import Path


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

    def compile_or_load(source: str):
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
            template = templates[source] = compile_or_load(source)
        return template

    from_string.compiles_once = True
    jinja_env.from_string = from_string
