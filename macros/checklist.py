"""Build one shop's pre-close and post-close checklist from the item rules."""
from __future__ import annotations

import dataclasses
import functools
import json
import re

from . import rules
from .content import Content
from .profile import normalizer

PLACEHOLDER = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)?)\}")


@dataclasses.dataclass(frozen=True, slots=True)
class Item:
    """One line of a list. Items without placeholders are built once and shared by every checklist."""

    id: str
    phase: str
    text: str
    link: str
    blocking: bool = False
    reason: str = ""  # for a blocking item: why the shop is not ready, in the verdict
    json: str = dataclasses.field(default="", compare=False, repr=False)  # as_json() serialised, when known

    def as_json(self) -> dict:
        if self.phase == "pre":
            out = {"id": self.id, "text": self.text, "blocking": self.blocking}
            return dict(out, reason=self.reason) if self.blocking else out
        return {"id": self.id, "text": self.text}


def _json(item: Item) -> str:
    return item.json or json.dumps(item.as_json(), ensure_ascii=False)


@functools.lru_cache(maxsize=64)
def _impact_json(impact: tuple[tuple[str, str], ...]) -> str:
    return json.dumps([{"aspect": aspect, "level": level} for aspect, level in impact], ensure_ascii=False)


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

    def json_text(self) -> str:
        """`json.dumps(self.as_json(), ensure_ascii=False)`, from parts shared between checklists.

        A batch of thousands of shops repeats the same items; each is serialised once.
        """
        return (f'{{"shop": {json.dumps(self.shop, ensure_ascii=False)}, "ready": {"true" if self.ready else "false"}, '
                f'"reasons": {json.dumps(self.reasons, ensure_ascii=False)}, '
                f'"pre": [{", ".join(map(_json, self.pre))}], "post": [{", ".join(map(_json, self.post))}], '
                f'"impact": {_impact_json(tuple(self.impact))}}}')


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
        # (predicate, the shared Item or None, the item when its text has placeholders), prepared once
        self.rules = [
            (functools.partial(rules.evaluate, item.get("when")),
             None if "{" in item["text"] + item.get("reason", "") else self._item(item, item["text"], shared=True), item)
            for item in self.items
        ]
        self.states = content.states
        self.state_keys = list(self.states)
        self.open_states = [key for key in self.state_keys if not self.states[key]["handled"]]
        self.profile_spec = content.profile
        self.normalize = normalizer(self.profile_spec, self.state_keys)
        self.levels = content.level_labels()
        self.aspects = content.impact.get("aspects", [])
        self.impacts = {
            reliance: [(a["name"], self.levels[a["by_reliance"][reliance]]) for a in self.aspects]
            for reliance in {r for a in self.aspects for r in a["by_reliance"]}
        }

    @staticmethod
    def _item(item: dict, text: str, shared: bool = False, reason: str | None = None) -> Item:
        made = Item(item["id"], item["phase"], text, item["link"], bool(item.get("blocking")),
                    item.get("reason", "") if reason is None else reason)
        # A shared item is serialised once here; an item with the shop's figures when written.
        return dataclasses.replace(made, json=json.dumps(made.as_json(), ensure_ascii=False)) if shared else made

    def build(self, shop_id: str, shop: dict) -> Checklist:
        profile = self.normalize(shop)
        chosen = [
            shared or self._item(item, fill(item["text"], profile), reason=fill(item.get("reason", ""), profile))
            for applies, shared, item in self.rules
            if applies(profile)
        ]
        pre = [i for i in chosen if i.phase == "pre"]
        pre.sort(key=lambda i: not i.blocking)  # blocking items lead, in data order otherwise
        counts = profile.get("orders", {})
        blocking_states = [key for key in self.open_states if counts.get(key, 0) > 0]
        reliance = profile["buyer_reliance"]
        impact = self.impacts[reliance] if self.aspects else []
        states = self.states
        orders = [
            OrderRow(o["id"], o["status"], states[o["status"]]["label"], states[o["status"]]["handled"])
            for o in profile.get("order_list", [])
        ]
        return Checklist(
            shop=shop_id, name=profile["name"], profile=profile,
            ready=not any(i.blocking for i in pre),
            blocking_states=blocking_states,
            pre=pre, post=[i for i in chosen if i.phase == "post"],
            impact=list(impact), orders=orders,
        )
