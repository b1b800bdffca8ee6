"""The checks that need the whole valid data set: ids, links, sources, tables, impact levels, rules, dates and
markup of every valid file, and the pages in docs/ that the data names (and the other way round)."""
from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

from . import rules
from .content import Content
from .loading import DataSet
from .problems import Problem, path_text
from .shopprofile import field_paths, value_fits
from .kinds import kind_of
from .schemacheck import declared, found, kind_shape, markup_problems

# What a schema's `x-ref` may name: where the known values come from, and the message for one that is not known.
REFERENCES = {
    "anchor": (Content.anchors, "unknown_ref"),
    "source": (lambda c: c.sources, "unknown_source"),
    "table": (lambda c: c.tables, "unknown_table"),
    "reliance": (Content.reliance_options, "unknown_reliance"),
    "state": (lambda c: c.states, "unknown_state"),
}


def suggest(value: str, known) -> list[str]:
    """The closest known values, or the first few: a full list of hundreds helps nobody."""
    known = sorted(str(k) for k in known)
    return difflib.get_close_matches(value, known, n=5, cutoff=0.5) or known[:8] + (["..."] if len(known) > 8 else [])


class Findings:
    """The problems found so far, each located in its file."""

    def __init__(self, dataset: DataSet, types: dict[str, str] | None = None):
        self.dataset, self.types = dataset, types or {}  # types: the messages' words for a value's type
        self.problems: list[Problem] = []

    def add(self, rel: str, path: list, code: str, key: bool = False, severity: str = "error", **args: Any) -> None:
        line = self.dataset.docs[rel].line_of(path, key=key)
        self.problems.append(Problem(rel, line, path_text(path), code, args, severity))

    def ref(self, rel: str, path: list, value: str, known, code: str) -> None:
        if value not in known:
            self.add(rel, path, code, ref=value, allowed=suggest(value, known))

    def unique(self, rel: str, items: list[tuple[list, str]], seen: dict | None = None) -> None:
        seen = {} if seen is None else seen
        for path, ident in items:
            if ident in seen:
                first_rel, first_path = seen[ident]
                self.add(rel, path, "duplicate_id", id=ident, first=f"{first_rel}:{self.dataset.docs[first_rel].line_of(first_path)}")
            else:
                seen[ident] = (rel, path)


def check_html(c: Content, out: Findings) -> None:
    for rel in c.valid_files():
        out.problems += markup_problems(out.dataset.docs[rel])


def marked(dataset: DataSet, rels: list[str]) -> dict[str, list[tuple[tuple, str, str, object]]]:
    """The values each file's schema marks (`x-ref`, `x-check`), found in one walk per file."""
    return {rel: list(declared(dataset.docs[rel].data, kind_shape(kind_of(rel)))) for rel in rels}


def check_dates(c: Content, out: Findings, marks: dict, today: dt.date, max_age_days: int) -> None:
    """Every review date (`x-check: reviewed`) of a valid file: a real day, not ahead, not too old."""
    for rel in c.valid_files():
        for path, _, _, text in (m for m in marks.get(rel, []) if m[1:3] == ("x-check", "reviewed")):
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                out.add(rel, list(path), "date_invalid", found=text)
                continue
            if day > today:
                out.add(rel, list(path), "date_future", found=text, today=today.isoformat())
            elif (today - day).days > max_age_days:
                out.add(rel, list(path), "stale", severity="warning", found=text, days=max_age_days)


def check_ids(c: Content, out: Findings) -> None:
    section_seen: dict = {}
    for doc in c.dataset.under("data/guide"):  # every file, not c.sections(): that keeps the first of two with one id
        rel, data = doc.rel, c.file(doc.rel)
        if not data:
            continue
        out.unique(rel, [(["id"], data["id"])], section_seen)
        anchors: list = []
        for i, part in enumerate(data["parts"]):
            anchors.append((["parts", i, "id"], part["id"]))
            for j, block in enumerate(part["blocks"]):
                anchors += [(["parts", i, "blocks", j, "steps", k, "id"], f"step-{step['id']}")
                            for k, step in enumerate(block.get("steps", []))]
        out.unique(rel, anchors)
    for rel, field, key in (("data/faq.yml", "entries", "id"), ("data/sources.yml", "sources", "id"), ("data/tables.yml", "tables", "id"),
                            ("data/order_states.yml", "states", "key"), ("data/profile.yml", "fields", "key"),
                            ("data/checklist.yml", "items", "id"), ("data/impact.yml", "levels", "key"), ("data/impact.yml", "aspects", "id")):
        if data := c.file(rel):
            out.unique(rel, [([field, i, key], item[key]) for i, item in enumerate(data[field])])
    if c.glossary:
        words = []
        for i, entry in enumerate(c.glossary["terms"]):
            words.append((["terms", i, "term"], entry["term"]))
            words += [(["terms", i, "aliases", j], w) for j, w in enumerate(entry.get("aliases", []))]
        out.unique("data/glossary.yml", words)
    if c.profile:
        for i, field in enumerate(c.profile["fields"]):
            opts = field.get("options", [])
            out.unique("data/profile.yml", [(["fields", i, "options", j, "value"], o["value"]) for j, o in enumerate(opts)])
            if field["type"] == "choice" and not opts:
                out.add("data/profile.yml", ["fields", i], "bad_field_spec", field=field["key"], detail="options")
            if "default" in field and not value_fits(field, field["default"]):  # "no" is not false, "1" is not 1
                out.add("data/profile.yml", ["fields", i, "default"], "bad_field_spec", field=field["key"], detail="default")
            if field.get("required") and "default" in field:  # a required answer is given by the seller, never assumed
                out.add("data/profile.yml", ["fields", i, "default"], "required_default", field=field["key"])
            check_field_bounds(c, out, i, field)


def check_field_bounds(c: Content, out: Findings, i: int, field: dict) -> None:
    """A question the form can answer: min <= max, a default between them, a show_when on a real answer."""
    rel, low, high = "data/profile.yml", field.get("min", 0), field.get("max", 10**9)
    if "min" in field and "max" in field and low > high:
        out.add(rel, ["fields", i, "min"], "bad_bounds", field=field["key"], min=low, max=high)
    default = field.get("default")
    if field["type"] == "integer" and isinstance(default, int) and not low <= default <= high:
        out.add(rel, ["fields", i, "default"], "default_out_of_range", field=field["key"], found=default, min=low, max=high)
    check_rule(out, rel, ["fields", i, "show_when"], field.get("show_when"), {f["key"]: f for f in c.profile["fields"] if f is not field})


def check_rule(out: Findings, rel: str, where: list, rule: dict | None, paths: dict[str, dict]) -> set[str]:
    """Each comparison of a rule names a known answer (`paths`) and a value it can take; the answers compared with
    gt or gte, which a blocking item guards."""
    guarded = set()
    for sub, comparison in rules.comparisons(rule):
        field = paths.get(comparison["field"])
        if field is None:
            out.add(rel, where + [*sub, "field"], "unknown_rule_field", ref=comparison["field"], allowed=suggest(comparison["field"], paths))
            continue
        op = rules.operator_of(comparison)
        for value in comparison[op] if op == "in" and isinstance(comparison[op], list) else [comparison[op]]:
            if not value_fits(field, value):
                kind = {"text": "string"}.get(field["type"], field["type"])
                out.add(rel, where + [*sub, op], "bad_rule_value", found=found(value), field=comparison["field"],
                        expected=[o["value"] for o in field.get("options", [])] or out.types.get(kind, kind))
        guarded |= {comparison["field"]} if op in ("gt", "gte") else set()
    return guarded


def check_refs(c: Content, out: Findings, marks: dict) -> None:
    """Every value a schema declares a reference (`x-ref`), in every parsed file: a file with a schema error may
    still cite a missing source. A kind whose own file is broken has no known values yet: it is reported there."""
    known = {ref: values(c) for ref, (values, _) in REFERENCES.items()}
    skip = c.unknowable_pages()
    for rel, listed in marks.items():
        for path, _, ref, text in (m for m in listed if m[1] == "x-ref"):
            if isinstance(text, str) and known[ref] and not (ref == "anchor" and text.partition("#")[0] in skip):
                out.ref(rel, list(path), text, known[ref], REFERENCES[ref][1])


def check_tables(c: Content, out: Findings) -> None:
    rel = "data/tables.yml"
    for t, table in enumerate((c.file(rel) or {}).get("tables", [])):
        columns = {col["key"]: col for col in table["columns"]}
        out.unique(rel, [(["tables", t, "columns", i, "key"], col["key"]) for i, col in enumerate(table["columns"])])
        for i, col in enumerate(table["columns"]):
            if col.get("type") == "handled" and columns.get(col.get("from", ""), {}).get("type") != "order_state":
                out.add(rel, ["tables", t, "columns", i], "bad_from", ref=col.get("from", ""))
        for r, row in enumerate(table["rows"]):
            for key, value in row.items():
                col = columns.get(key)
                where = ["tables", t, "rows", r, key]
                if col is None:
                    out.add(rel, where, "unknown_column", key=True, column=key, allowed=list(columns))
                elif col.get("type") == "handled":
                    out.add(rel, where, "typed_computed", key=True, column=col["title"])
                elif col.get("type") == "order_state" and c.states:
                    out.ref(rel, where, value, c.states, "unknown_state")
            for key, col in columns.items():
                if col.get("type") != "handled" and key not in row:
                    out.add(rel, ["tables", t, "rows", r], "missing_cell", column=col["title"])


def check_impact(c: Content, out: Findings) -> None:
    if not c.impact:
        return
    rel, levels, reliance = "data/impact.yml", c.level_labels(), c.reliance_options()
    for a, aspect in enumerate(c.impact["aspects"]):
        if reliance and set(aspect["by_reliance"]) != set(reliance):
            out.add(rel, ["aspects", a, "by_reliance"], "reliance_mismatch", allowed=list(reliance))
        for key, level in aspect["by_reliance"].items():
            out.ref(rel, ["aspects", a, "by_reliance", key], level, levels, "unknown_level")


SECTION_CALL = re.compile(r"""\{\{\s*section\(\s*["']([^"']+)["']\s*\)\s*\}\}""")


def missing_sections(dataset: DataSet) -> list[Problem]:
    """Every `{{ section("id") }}` in docs/ needs its data/guide/<id>.yml (the other way round is check_pages)."""
    docs, out = dataset.root / "docs", []
    for page in sorted(docs.glob("*.md")) if docs.is_dir() else []:
        for section in SECTION_CALL.findall(page.read_text(encoding="utf-8", errors="replace")):
            if f"data/guide/{section}.yml" not in dataset.docs:
                out.append(Problem(page.relative_to(dataset.root).as_posix(), 1, "", "missing_section", {"id": section}))
    return out


def check_pages(c: Content, out: Findings) -> None:
    docs_dir = out.dataset.root / "docs"
    if docs_dir.is_dir():
        for section_id, (rel, _) in c.sections().items():
            if not (docs_dir / f"{section_id}.md").is_file():
                out.add(rel, ["id"], "missing_page", id=section_id)


def check_search(c: Content, out: Findings) -> None:
    """A word is either ignored or mapped, once: two meanings would make search guess."""
    rel, data = "data/search.yml", c.search
    if not data:
        return
    words = [(["ignore", i], w) for i, w in enumerate(data["ignore"])]
    for target, others in data["synonyms"].items():
        words += [(["synonyms", target, i], w) for i, w in enumerate(others)]
    out.unique(rel, words)
    pages = {p for p in c.anchors() if "#" not in p}
    for page in data.get("boost", {}):
        out.ref(rel, ["boost", page], page, pages, "unknown_ref")


def check_checklist(c: Content, out: Findings) -> None:
    rel = "data/checklist.yml"
    if not (c.checklist and c.profile and c.states):
        return
    paths = field_paths(c.profile, list(c.states))
    guarded: set[str] = set()
    for i, item in enumerate(c.checklist["items"]):
        compared = check_rule(out, rel, ["items", i, "when"], item.get("when"), paths)
        guarded |= compared if item.get("blocking") else set()
        for text_key in ("text", "reason", "action"):
            for name in rules.PLACEHOLDER.findall(item.get(text_key, "")):
                if name not in paths:
                    out.add(rel, ["items", i, text_key], "unknown_placeholder", ref=name, allowed=suggest(name, paths))
                elif paths[name]["type"] == "integer" and not rules.positive(item.get("when"), name):  # "0 orders left"
                    out.add(rel, ["items", i, text_key], "placeholder_unguarded", severity="warning", ref=name)
    counts = next((f["key"] for f in c.profile["fields"] if f["type"] == "order_counts"), None)
    for key, state in c.states.items():
        if counts and not state["handled"] and f"{counts}.{key}" not in guarded:
            out.add(rel, ["items"], "unblocked_state", key=True, state=state["label"], field=f"{counts}.{key}")
