"""HTML fragments of the pages, from Jinja templates in macros/render/templates/ with autoescaping on."""
from __future__ import annotations

import functools
from pathlib import Path

import jinja2
from markupsafe import Markup


@functools.cache
def environment() -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(Path(__file__).parent / "templates")
    return jinja2.Environment(loader=loader, autoescape=True, undefined=jinja2.StrictUndefined, finalize=no_line_breaks,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def no_line_breaks(value):
    """Text from data lands inside HTML that sits in Markdown: a blank line in it would end the HTML block
    and let the rest be read as Markdown, so its line breaks become spaces. Markup the renderer made is kept."""
    return " ".join(value.splitlines()) if isinstance(value, str) and not isinstance(value, Markup) else value


def render(name: str, **context) -> str:
    return environment().get_template(name).render(**context).strip()


def safe(markup: str) -> Markup:
    """Text the renderer has already escaped (glossary tooltips): shown as markup, not escaped twice."""
    return Markup(markup)
