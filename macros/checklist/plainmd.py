"""A checklist document as plain Markdown for the command line: no HTML, no attributes, no entities."""
from __future__ import annotations

import re

from ..model.problems import fill
from ..model.text import visible

# What CommonMark could read as markup inside a line; `&` only where it would start an entity.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])|&(?=#?[A-Za-z0-9]+;)")
# A heading, list, rule or setext marker at the start; a numbered item only with a space after its number.
_LEADING = re.compile(r"^(?:([#+=-])|(\d+)([.)])(?=\s|$))")


def md(text: str) -> str:
    """Text that a Markdown viewer (or a terminal) shows as it is, on one line, control characters as escapes."""
    one = " ".join(visible(str(text)).split())
    escaped = _INLINE.sub(lambda m: "\\" + (m.group(1) or "&"), one)
    return _LEADING.sub(lambda m: "\\" + m.group(1) if m.group(1) else f"{m.group(2)}\\{m.group(3)}", escaped)


def table(columns: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(md(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    return "\n".join(lines + ["| " + " | ".join(md(c) for c in row) + " |" for row in rows])


def render(doc: dict, spec: dict) -> str:
    """The CLI's Markdown: what an editor reads in a terminal or a Markdown viewer."""
    v, ui = spec["words"], spec["ui"]
    pair = lambda term, text: fill(ui["pair"], {"term": term, "text": text})
    step = doc["next"]
    out = [f"# {md(doc['title'])}", md(fill(v["generated"], {"date": doc["date"]})),
           f"**{md(doc['verdict']['title'])}** " + md(doc["verdict"]["text"]),
           f"**{md(pair(v['next_title'], ''))}**" + md(fill(ui["paren"], {"text": step["text"], "note": step["guide"]}))]
    for group in doc["groups"]:
        out.append(f"## {md(group['title'])}")
        out.append("\n".join(task(i, spec) for i in group["items"]))
    impact = table([ui["impact_aspect"], ui["impact_level"]], [[r["aspect"], r["level"]] for r in doc["impact"]])
    out += [f"## {md(v['impact_title'])}", impact if doc["impact"] else md(v["impact_unanswered"]), f"## {md(v['orders_title'])}"]
    orders = doc["orders"]
    out.append(table(orders["columns"], [row["cells"] for row in orders["rows"]]) if orders else md(v["orders_empty"]))
    out += [f"## {md(v['answers_title'])}", "\n".join("- " + md(pair(a["label"], a["value"])) for a in doc["answers"])]
    return "\n\n".join(out) + "\n"


def task(item: dict, spec: dict) -> str:
    v, ui = spec["words"], spec["ui"]
    lines = [f"- [ ] {md(item['text'])}"]
    if item["reason"]:
        lines.append("  " + md(fill(v["reason_line"], {"reason": item["reason"]})))
    if item["because"]:
        given = ui["list_separator"].join(fill(ui["pair"], {"term": a["label"], "text": a["value"]}) for a in item["because"])
        lines.append("  " + md(fill(v["because"], {"answers": given})))
    lines.append("  " + md(fill(v["guide_link_named"], {"title": item["guide"]})))
    return "  \n".join(lines)
