"""The interactive checklist page: its form, generated from data/profile.yml, and the data it embeds."""
from __future__ import annotations

import json

from . import html
from .checklist import GROUPS
from .content import Content
from .rendering import Renderer


class InteractivePage:
    """Renders /checklist/: a form, empty output regions and one JSON payload (the checklist spec) for the script."""

    def __init__(self, content: Content, renderer: Renderer):
        self.c = content
        self.r = renderer
        self.app = content.checklist["app"]

    def render(self, prefix: str = "", asset_base: str = "") -> str:
        data = self.c.checklist_spec()
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace("&", "\\u0026")
        app = html.render("checklist_app.html", fields=data["fields"], states=data["states"], app=self.app, groups=GROUPS,
                          words=data["words"], asset_base=asset_base, payload=html.safe(payload))
        # The guide's address of every ref the list links to, resolved by MkDocs like any other link.
        links = "\n".join(f"- [{self.r.plain(ref)}]({self.r.target(ref, prefix)}){{: data-ref=\"{ref}\" }}" for ref in data["titles"])
        header = self.r.header(self.app["title"], self.app["summary"])
        return f"{header}\n\n{app}\n\n<div class=\"ck-links\" hidden markdown>\n\n{links}\n\n</div>\n"
