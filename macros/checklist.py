"""Build one shop's pre-close and post-close checklist from the item rules."""
from __future__ import annotations

import dataclasses
import re

from . import rules
from .content import Content
from .orders import row_reason
from .profile import normalize

PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)?)\}")


@dataclasses.dataclass(frozen=True)
class Item:
    """One line of a list, with the shop's figures filled in."""

    id: str
    phase: str
    text: str
    link: str
    blocking: bool = False
    reason: str = ""  # for a blocking item: why the shop is not ready, in the verdict

    def as_json(self) -> dict:
        if self.phase == "post":
            return {"id": self.id, "text": self.text}
        out = {"id": self.id, "text": self.text, "blocking": self.blocking}
        return dict(out, reason=self.reason) if self.blocking else out


@dataclasses.dataclass(frozen=True)
class OrderRow:
    id: str
    state: str
    label: str
    handled: bool
    reason: str = ""  # an imported row: why it is or is not handled
    line: int = 0  # an imported row: its line in the export
    kind: str = ""  # an imported row: handled, open or check (a person must look at it), as macros/orders.py says


@dataclasses.dataclass(frozen=True)
class Checklist:
    shop: str
    name: str
    profile: dict
    ready: bool
    blocking_states: list[str]
    pre: list[Item]
    post: list[Item]
    impact: list[tuple[str, str]]
    orders: list[OrderRow]

    @property
    def reasons(self) -> list[str]:
        """Why the shop is not ready: one line per blocking item, in list order."""
        return [i.reason for i in self.pre if i.blocking]

    def as_json(self) -> dict:
        return {
            "shop": self.shop,
            "ready": self.ready,
            "reasons": self.reasons,
            "pre": [i.as_json() for i in self.pre],
            "post": [i.as_json() for i in self.post],
            "impact": [{"aspect": aspect, "level": level} for aspect, level in self.impact],
        }


def fill(text: str, profile: dict) -> str:
    def value(match: re.Match) -> str:
        found = rules.lookup(profile, match.group(1))
        return match.group(0) if found is rules.MISSING else str(found)

    return PLACEHOLDER.sub(value, text)


class Generator:
    """Turns a shop profile into its checklist, with the site's items, states and impact levels."""

    def __init__(self, content: Content):
        self.content = content
        self.items = content.checklist.get("items", [])
        self.states = content.states
        self.levels = content.level_labels()

    def build(self, shop_id: str, shop: dict, imported: dict | None = None) -> Checklist:
        """`imported`: an order export read by macros/orders.py; its counts replace the profile's, its rows fill the table."""
        profile = normalize(shop, self.content.profile, list(self.states))
        if imported:
            profile["orders"] = {key: imported["counts"].get(key, 0) for key in self.states}
            asked = next((f.get("show_when") for f in self.content.profile["fields"] if f["type"] == "order_counts"), None)
            if asked and "eq" in asked and any(n and not self.states[k]["handled"] for k, n in profile["orders"].items()):
                profile[asked["field"]] = asked["eq"]  # the file shows open orders: the question that asks for counts is answered
        chosen = [
            Item(item["id"], item["phase"], fill(item["text"], profile), item["link"], bool(item.get("blocking")),
                 fill(item.get("reason", ""), profile))
            for item in self.items
            if rules.evaluate(item.get("when"), profile)
        ]
        pre = sorted((i for i in chosen if i.phase == "pre"), key=lambda i: not i.blocking)  # blocking first, stable
        counts = profile.get("orders", {})
        blocking_states = [key for key, state in self.states.items() if not state["handled"] and counts.get(key, 0) > 0]
        impact = [(a["name"], self.levels[level]) for a, level in self.content.impact_rows(profile["buyer_reliance"])]
        if imported:
            app = self.content.checklist["app"]
            orders = [OrderRow(r["id"], r["status"], r["state_text"], r["kind"] == "handled", row_reason(r, app, self.states), r["line"], r["kind"])
                      for r in imported["rows"]]
        else:
            orders = [OrderRow(o["id"], o["status"], self.states[o["status"]]["label"], self.states[o["status"]]["handled"])
                      for o in profile.get("order_list", [])]
        return Checklist(
            shop=shop_id, name=profile["name"], profile=profile,
            ready=not any(i.blocking for i in pre),
            blocking_states=blocking_states,
            pre=pre, post=[i for i in chosen if i.phase == "post"],
            impact=impact, orders=orders,
        )
