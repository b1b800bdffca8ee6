"""The spec a checklist is built and worded from, in Python and in the page (the JSON payload it carries)."""
from __future__ import annotations

from ..model.content import Content

UI_WORDS = ("handled_yes", "handled_no", "impact_aspect", "impact_level", "list_separator", "pair", "paren")


def checklist_spec(content: Content) -> dict:
    """The questions, order states, items, impact levels and the words of a list, from valid data."""
    checklist, impact = content.checklist, content.impact
    refs = sorted({item["link"] for item in checklist["items"]} | {checklist["next"]["link"]})
    titles = content.anchors()
    return {
        "fields": content.profile["fields"], "states": list(content.states.values()), "items": checklist["items"],
        "impact": {"levels": impact["levels"], "aspects": impact["aspects"]},
        "words": checklist["words"], "next": checklist["next"], "app": checklist["app"], "csv": checklist["csv"],
        "ui": {key: content.ui(key) for key in UI_WORDS},
        "columns": [col["title"] for col in content.tables["order-status-example"]["columns"]],
        "titles": {ref: titles.get(ref, ref) for ref in refs},
    }
