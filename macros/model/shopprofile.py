"""Shop profiles: the JSON Schema that data/profile.yml implies, the defaults it fills in, and the answers
that contradict each other."""
from __future__ import annotations

from collections import Counter
from typing import Any

from . import rules
from .text import schema_pattern

# One line under the one text rule (model/text.py); (?![\s\S]) ends the text ($ would allow a "\n").
# A text without a bound of its own stops at the data schemas' bound on every string (far past any real note).
TEXT = {"type": "string", "minLength": 1, "maxLength": 4000, "pattern": schema_pattern(multiline=False), "x-error": "bad_line"}
ORDER_ID = {"type": ["string", "integer"], "pattern": "^[0-9A-Za-z-]{1,40}(?![\\s\\S])", "x-error": "bad_order_id"}


def field_schema(field: dict, states: dict[str, str]) -> dict:
    """`states`: each countable order state's key and its words (they label the counts in editors' forms)."""
    kind = field["type"]
    if kind == "text":
        return dict(TEXT, maxLength=field.get("max", 100))
    if kind == "integer":
        return {"type": "integer", "minimum": field.get("min", 0), "maximum": field.get("max", 10**9)}
    if kind == "choice":  # x-labels: each value's words, for the CMS's select (validation ignores the keyword)
        options = field.get("options", [])
        return {"enum": [o["value"] for o in options], "x-labels": {o["value"]: o["label"] for o in options}}
    if kind == "boolean":
        return {"type": "boolean"}
    if kind == "order_counts":
        count = {"type": "integer", "minimum": 0, "maximum": field.get("max", 10**9)}
        return {"type": "object", "additionalProperties": False,
                "properties": {key: dict(count, title=label) for key, label in states.items()}}
    if kind == "order_list":
        item = {"type": "object", "additionalProperties": False, "required": ["id", "state"],
                "properties": {"id": ORDER_ID, "state": {"enum": list(states), "x-labels": states}}}
        return {"type": "array", "maxItems": field.get("max_items", 5000), "items": item}
    raise ValueError(f"unknown profile field type {kind!r}")


def shop_schema(profile: dict, states: dict[str, str]) -> dict:
    """The schema every data/shops/*.yml must satisfy, derived from the questions."""
    fields = profile["fields"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": profile["title"],
        "description": profile["description"],
        "type": "object",
        "additionalProperties": False,
        "required": [f["key"] for f in fields if f.get("required")],
        "properties": {
            **{f["key"]: dict(field_schema(f, states), title=f["label"], description=f["help"]) for f in fields},
            # What an example shop shows, for editors only (the CMS keeps no comments, so it is a field).
            "note": dict(TEXT, title=profile["note"]["label"], description=profile["note"]["help"]),
        },
    }


def field_paths(profile: dict, states: list[str]) -> dict[str, dict]:
    """Every path a rule may name (`team_size`, `orders.refunding`) with the field behind it."""
    paths = {}
    for field in profile["fields"]:
        if field["type"] == "order_counts":
            for state in states:
                paths[f"{field['key']}.{state}"] = {"type": "integer", "key": f"{field['key']}.{state}"}
        elif field["type"] != "order_list":
            paths[field["key"]] = field
    return paths


def value_fits(field: dict, value: Any) -> bool:
    """Can a rule compare this field with this literal at all?"""
    kind = field["type"]
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "boolean":
        return isinstance(value, bool)
    if kind == "choice":
        return value in [o["value"] for o in field.get("options", [])]
    return isinstance(value, str)


def normalize(shop: dict, profile: dict, states: list[str]) -> dict:
    """A valid shop with every default filled in.

    A count is never lower than the number of listed orders in that state: the list
    may be a sample of the shop's orders, so the larger figure is the true one.
    """
    out: dict[str, Any] = {}
    counts = listed = None
    for field in profile["fields"]:
        key, kind, default = field["key"], field["type"], field.get("default")
        if kind == "order_counts":
            given = shop.get(key) or {}
            out[key], counts = {state: int(given.get(state, 0)) for state in states}, key
        elif kind == "order_list":
            out[key], listed = [{"id": str(o["id"]), "state": o["state"]} for o in shop.get(key) or []], key
        elif kind == "boolean":
            out[key] = bool(shop.get(key, default))
        else:
            out[key] = shop.get(key, default)
    if counts and listed:
        for state, seen in Counter(o["state"] for o in out[listed]).items():
            out[counts][state] = max(out[counts][state], seen)
    return out


def contradictions(shop: dict, profile: dict, states: dict[str, dict]) -> list[tuple[list, str, dict]]:
    """Answers a shop file gives to a question its own answers say is not asked (a false `show_when`), with
    the path to point at: "no open orders" beside 3 orders in transit is refused, never guessed at."""
    normalized = normalize(shop, profile, list(states))
    fields = {f["key"]: f for f in profile["fields"]}
    out = []
    for field in profile["fields"]:
        rule = field.get("show_when")
        if not rule or rules.evaluate(rule, normalized):
            continue
        asked = fields.get(rule.get("field"), {})
        options = {o["value"]: o["label"] for o in asked.get("options", [])}
        args = {"question": asked.get("label", rule.get("field")), "answer": options.get(normalized.get(rule.get("field")), ""),
                "expected": options.get(rule.get("eq"), "")}
        if field["type"] == "order_counts":
            given = shop.get(field["key"]) or {}
            for key, count in normalized[field["key"]].items():
                if count and not states[key]["handled"]:
                    where = [field["key"], key] if given.get(key) else [next(f["key"] for f in profile["fields"] if f["type"] == "order_list")]
                    out.append((where, "shop_contradiction", dict(args, label=states[key]["label"], count=count)))
        elif shop.get(field["key"]) not in (None, "", False):
            out.append(([field["key"]], "shop_not_asked", dict(args, label=field["label"])))
    return out
