"""The interactive checklist page: its form, generated from data/profile.yml, and the data it embeds."""
from __future__ import annotations

import json

from . import html
from .content import Content
from .rendering import Renderer


class InteractivePage:
    """Renders /checklist/: a form, empty output regions and one JSON payload for the script."""

    def __init__(self, content: Content, renderer: Renderer):
        self.c = content
        self.r = renderer
        self.app = content.checklist["app"]

    def payload(self) -> dict:
        c = self.c
        return {
            "fields": c.profile["fields"],
            "states": list(c.states.values()),
            "items": c.checklist["items"],
            "impact": {"levels": c.impact["levels"], "aspects": c.impact["aspects"]},
            "verdict": c.checklist["verdict"],
            "app": self.app,
            "csv": c.checklist["csv"],
            "ui": {k: c.ui(k) for k in ("handled_yes", "handled_no", "impact_aspect", "impact_level", "list_separator", "pair", "paren")},
            "columns": [col["title"] for col in c.tables["order-status-example"]["columns"]],
            "titles": {ref: self.r.title(ref) for ref in sorted({i["link"] for i in c.checklist["items"]})},
        }

    def render(self, prefix: str = "", asset_base: str = "") -> str:
        data = self.payload()
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c").replace("&", "\\u0026")
        app = html.render("checklist_app.html", fields=data["fields"], states=data["states"], app=self.app,
                          verdict=self.c.checklist["verdict"], asset_base=asset_base, payload=html.safe(payload))
        links = "\n".join(f"- [{self.r.plain(ref)}]({self.r.target(ref, prefix)}){{: data-ref=\"{ref}\" }}"
                          for ref in sorted({i["link"] for i in self.c.checklist["items"]}))
        header = self.r.header(self.app["title"], self.app["summary"])
        return f"{header}\n\n{app}\n\n<div class=\"ck-links\" hidden markdown>\n\n{links}\n\n</div>\n"
