"""Build one shop's checklist from the item rules, and its document: what every format renders.

Mirrors `build` and `listDocument` of docs/assets/checklist-core.js; tests/vectors/checklists.json
holds both to the same documents. Both take the same spec (spec.checklist_spec(), the page's
payload): the questions, order states, items, impact levels and the words of the list.
"""
from __future__ import annotations

import dataclasses

from ..model import rules
from ..model.problems import fill
from ..model.rules import with_answers
from ..model.shopprofile import normalize
from ..model.text import visible

GROUPS = ("blocking", "pre", "during", "post")  # the order a list is read in


@dataclasses.dataclass(frozen=True)
class Item:
    """One line of a list, with the shop's figures filled in."""

    id: str
    phase: str
    text: str
    link: str
    blocking: bool = False
    reason: str = ""  # a blocking item: why the shop is not ready, in the verdict
    action: str = ""  # a blocking item: the next step, when it is the first
    fields: tuple = ()  # the answers its rule reads, for the "because" line

    @property
    def group(self) -> str:
        return "blocking" if self.blocking else self.phase


@dataclasses.dataclass(frozen=True)
class Checklist:
    shop: str
    profile: dict
    items: list[Item]  # grouped (GROUPS), in the data's order inside a group: the order a seller acts in
    impact: list[tuple[str, str]]
    orders: list[dict]  # rows of an order export as the readers give them, or of the profile's order list
    imported: bool = False

    name = property(lambda self: self.profile["name"])
    ready = property(lambda self: not self.group("blocking"))

    def group(self, key: str) -> list[Item]:
        return [i for i in self.items if i.group == key]

    @property
    def reasons(self) -> list[str]:
        """Why the shop is not ready: one line per blocking item, in list order."""
        return [i.reason for i in self.group("blocking")]


class Generator:
    """Turns a shop profile (and an order export's rows) into its checklist."""

    def __init__(self, spec: dict):
        self.spec = spec
        self.states = {s["key"]: s for s in spec["states"]}
        self.levels = {lv["key"]: lv["label"] for lv in spec["impact"]["levels"]}
        self.counts_key = next((f["key"] for f in spec["fields"] if f["type"] == "order_counts"), None)
        self.list_key = next((f["key"] for f in spec["fields"] if f["type"] == "order_list"), None)

    def build(self, shop_id: str, shop: dict, imported: dict | None = None) -> Checklist:
        """`imported`: an order export read by checklist/orders.py. Its rows fill the order table and its
        counts give the states only a file can tell (`from_file`); the other counts are the shop's."""
        profile = normalize(shop, self.spec, list(self.states))
        if self.counts_key:
            for key, state in self.states.items():
                if state.get("from_file"):
                    profile[self.counts_key][key] = imported["counts"].get(key, 0) if imported else 0
        chosen = [
            Item(item["id"], item["phase"], with_answers(item["text"], profile), item["link"], bool(item.get("blocking")),
                 with_answers(item.get("reason", ""), profile), with_answers(item.get("action", ""), profile),
                 tuple(rules.fields(item.get("when"))))
            for item in self.spec["items"] if rules.evaluate(item.get("when"), profile)
        ]
        items = sorted(chosen, key=lambda i: GROUPS.index(i.group))  # stable: data order inside
        reliance = profile.get("buyer_reliance")  # optional: no answer, no assessment
        impact = [(a["name"], self.levels[a["by_reliance"][reliance]]) for a in self.spec["impact"]["aspects"]] if reliance else []
        if imported:
            orders = imported["rows"]
        else:
            orders = [{"id": o["id"], "state": o["state"]} for o in profile.get(self.list_key) or []]
        return Checklist(shop_id, profile, items, impact, orders, bool(imported))


def apply_export(shop: dict, imported: dict, spec: dict) -> dict:
    """The shop as the CLI reads it with an export: the file's counts replace the typed ones but for a state the
    file cannot tell (`unknown`): the typed count, or the rows the file shows in it if they are more; the question that asks for counts (their
    `show_when`) is answered: its `eq` with open orders, csv.settled_answer when every order is settled."""
    counts = next(f for f in spec["fields"] if f["type"] == "order_counts")
    unknown, typed, states = imported.get("unknown", []), shop.get(counts["key"]) or {}, {s["key"]: s for s in spec["states"]}
    used = {s["key"]: max(typed.get(s["key"]) or 0, imported["counts"].get(s["key"], 0)) if s["key"] in unknown
            else imported["counts"].get(s["key"]) for s in spec["states"]}
    out = dict(shop, **{counts["key"]: {k: n for k, n in used.items() if n and not states[k].get("from_file")}})
    asked = counts.get("show_when")
    is_open = any(not s["handled"] and (out[counts["key"]].get(s["key"]) or imported["counts"].get(s["key"])) for s in spec["states"])
    if asked and "eq" in asked and is_open:
        out[asked["field"]] = asked["eq"]
    elif asked and not is_open and not unknown and spec["csv"].get("settled_answer"):
        out[asked["field"]] = spec["csv"]["settled_answer"]
    return out


# -- the document ---------------------------------------------------------------------------------

def csv_problem(problem: dict, spec: dict) -> str:
    """Why an order export cannot be used, in the page's words (JS: csvProblem; tests/vectors/exports.json). A
    missing column is named by the first of its names (csv.<role>_headers)."""
    app, csv = spec["app"], spec["csv"]
    missing = [fill(app["csv_column"], {"name": csv[f"{role}_headers"][0]}) for role in problem.get("missing", [])]
    args = {"missing": spec["ui"]["list_separator"].join(missing), **({"max": problem["max"]} if "max" in problem else {})}
    return fill(app.get(f"csv_{problem['code']}", problem["code"]), args)


def row_reason(row: dict, spec: dict) -> str:
    """Why an imported row is handled, open or to be checked, in the page's words."""
    app = spec["app"]
    if row["kind"] == "check":
        return " ".join(fill(app[f"csv_reason_{r['code']}"], r) for r in row["reasons"])
    template = app["csv_reason_handled" if row["kind"] == "handled" else "csv_reason_open"]
    state = next(s for s in spec["states"] if s["key"] == row["state"])
    return fill(template, {"state": row["state_text"], "todo": state.get("todo", "")})


def shown(field: dict, value, spec: dict) -> str:
    """An answer as the seller reads it."""
    if field["type"] == "choice":
        return next((o["label"] for o in field["options"] if o["value"] == value), str(value))
    if field["type"] == "boolean":
        return spec["ui"]["handled_yes" if value else "handled_no"]
    return str(value)


def answers(spec: dict, shop: dict) -> list[dict]:
    """Every answer given, in the form's order; a count only when above 0 (JS: answers)."""
    rows = []
    for field in spec["fields"]:
        key, kind = field["key"], field["type"]
        if kind == "order_list" or shop.get(key) is None:
            continue
        if kind == "order_counts":
            rows += [{"field": f"{key}.{s['key']}", "label": s["label"], "value": str(shop[key][s["key"]])}
                     for s in spec["states"] if shop[key].get(s["key"]) and not s.get("from_file")]  # a file's count is no answer
        else:
            rows.append({"field": key, "label": field["label"], "value": shown(field, shop[key], spec)})
    return rows


def _item(item: Item, spec: dict, given: dict) -> dict:
    return {"id": item.id, "text": item.text, "reason": item.reason, "action": item.action, "link": item.link,
            "guide": spec["titles"].get(item.link, item.link),
            "because": [given[path] for path in item.fields if path in given],
            "count": next((path for path in item.fields if "." in path), "")}  # the count behind it, if any


def _orders(checklist: Checklist, spec: dict) -> dict | None:
    if not checklist.orders:
        return None
    app, ui, states = spec["app"], spec["ui"], {s["key"]: s for s in spec["states"]}
    if checklist.imported:
        keys = ("line", "id", "state", "title", "paid", "refund", "result", "reason")
        rows = [{"kind": r["kind"], "cells": [visible(c) for c in (str(r["line"]), r["id"], r["state_text"], r["title"], r["paid"],
                                                                 r["refund"], app[f"csv_kind_{r['kind']}"], row_reason(r, spec))]}
                for r in checklist.orders]
        return {"columns": [app[f"csv_col_{k}"] for k in keys], "rows": rows}
    rows = []
    for order in checklist.orders:
        handled = states[order["state"]]["handled"]
        rows.append({"kind": "handled" if handled else "open",
                     "cells": [order["id"], states[order["state"]]["label"], ui["handled_yes" if handled else "handled_no"]]})
    return {"columns": spec["columns"], "rows": rows}


def list_document(checklist: Checklist, spec: dict, date: str) -> dict:
    """The list as every format shows it: verdict, next step, groups, answers, impact, orders, date."""
    v = spec["words"]
    given = {a["field"]: a for a in answers(spec, checklist.profile)}
    first = next(iter(checklist.group("blocking")), None)
    if first:
        verdict = {"title": v["status_not_ready"], "text": fill(v["not_ready"], {"reasons": v["reason_separator"].join(checklist.reasons)})}
        step = {"text": first.action, "reason": first.reason, "link": first.link, "item": first.id}
    else:  # one concrete step: the first thing to do before closing (or while closing), else the data's own
        verdict = {"title": v["status_ready"], "text": v["ready"]}
        then = next(iter(checklist.group("pre") + checklist.group("during")), None)
        step = {"text": then.action or then.text, "reason": "", "link": then.link, "item": then.id} if then else \
            {"text": spec["next"]["ready"], "reason": "", "link": spec["next"]["link"], "item": ""}
    groups = [{"key": key, "title": v[f"group_{key}"], "items": [_item(i, spec, given) for i in checklist.group(key)]}
              for key in GROUPS if checklist.group(key)]
    return {
        "shop": checklist.shop, "name": checklist.name,
        "title": fill(v["named_title"], {"name": checklist.name}) if checklist.name else v["untitled_title"],
        "date": date, "ready": first is None, "verdict": verdict,
        "next": dict(step, guide=spec["titles"].get(step["link"], step["link"])),
        "groups": groups, "answers": list(given.values()),
        "impact": [{"aspect": aspect, "level": level} for aspect, level in checklist.impact],
        "orders": _orders(checklist, spec),
    }
