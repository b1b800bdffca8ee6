"""Build one shop's pre-close and post-close checklist from the item rules."""
from __future__ import annotations

import dataclasses
import re

from . import rules
from .content import Content
from .profile import normalize

PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)?)\}")


@dataclasses.dataclass(slots=True)
class Item:
    id: str
    phase: str
    text: str
    link: str
    blocking: bool = False


@dataclasses.dataclass(slots=True)
class OrderRow:
    id: str
    state: str
    label: str
    handled: bool


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

    def as_json(self) -> dict:
        return {
            "shop": self.shop,
            "ready": self.ready,
            "pre": [{"id": i.id, "text": i.text, "blocking": i.blocking} for i in self.pre],
            "post": [{"id": i.id, "text": i.text} for i in self.post],
            "impact": [{"aspect": aspect, "level": level} for aspect, level in self.impact],
        }


def fill(text: str, profile: dict) -> str:
    def value(match: re.Match) -> str:
        found = rules.lookup(profile, match.group(1))
        return match.group(0) if found is rules.MISSING else str(found)

    return PLACEHOLDER.sub(value, text)


class Generator:
    """Everything that does not depend on the shop, prepared once for many shops."""

    def __init__(self, content: Content):
        self.content = content
        self.items = content.checklist.get("items", [])
        # (item, predicate, has placeholders), prepared once
        self.rules = [(item, rules.compile_rule(item.get("when")), "{" in item["text"]) for item in self.items]
        self.states = content.states
        self.state_keys = list(self.states)
        self.profile_spec = content.profile
        self.levels = content.level_labels()
        self.aspects = content.impact.get("aspects", [])

    def build(self, shop_id: str, shop: dict) -> Checklist:
        profile = normalize(shop, self.profile_spec, self.state_keys)
        chosen = [
            Item(item["id"], item["phase"], fill(item["text"], profile) if templated else item["text"], item["link"],
                 bool(item.get("blocking")))
            for item, applies, templated in self.rules
            if applies(profile)
        ]
        pre = [i for i in chosen if i.phase == "pre"]
        pre.sort(key=lambda i: not i.blocking)  # blocking items lead, in data order otherwise
        counts = profile.get("orders", {})
        blocking_states = [key for key in self.state_keys if not self.states[key]["handled"] and counts.get(key, 0) > 0]
        reliance = profile["buyer_reliance"]
        impact = [(a["name"], self.levels[a["by_reliance"][reliance]]) for a in self.aspects]
        orders = [
            OrderRow(o["id"], o["status"], self.states[o["status"]]["label"], self.states[o["status"]]["handled"])
            for o in profile.get("order_list", [])
        ]
        return Checklist(
            shop=shop_id, name=profile["name"], profile=profile,
            ready=not any(i.blocking for i in pre),
            blocking_states=blocking_states,
            pre=pre, post=[i for i in chosen if i.phase == "post"],
            impact=impact, orders=orders,
        )

