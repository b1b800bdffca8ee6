"""The interactive checklist page: its form, generated from data/profile.yml, and the data it embeds."""
from __future__ import annotations

import json

from . import markup
from ..checklist.builder import GROUPS
from .renderer import Renderer


class ChecklistPage:
    """Renders /checklist/: a form, empty output regions and one JSON payload (the checklist spec) for the script."""

    def __init__(self, spec: dict, renderer: Renderer):
        self.spec = spec
        self.renderer = renderer

    def render(self, prefix: str = "", asset_base: str = "") -> str:
        spec, app, renderer = self.spec, self.spec["app"], self.renderer
        payload = json.dumps(spec, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace("&", "\\u0026")
        page = markup.render("checklist_app.html", fields=spec["fields"], states=spec["states"], app=app, groups=GROUPS,
                             words=spec["words"], asset_base=asset_base, payload=markup.safe(payload))
        # The guide's address of every ref the list links to, resolved by MkDocs like any other link.
        links = "\n".join(f"- [{renderer.plain(ref)}]({renderer.target(ref, prefix)}){{: data-ref=\"{ref}\" }}"
                          for ref in spec["titles"])
        header = renderer.header(app["title"], app["summary"])
        return f"{header}\n\n{page}\n\n<div class=\"ck-links\" hidden markdown>\n\n{links}\n\n</div>\n"
