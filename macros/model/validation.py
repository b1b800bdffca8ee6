"""Check every data file: the schema check first, then the references between the valid files."""
from __future__ import annotations

import datetime as dt

from . import references as refs
from .content import Content, messages_part
from .loading import DataSet
from .problems import Problem
from .kinds import SINGLE, kind_of
from .schemacheck import RESERVED_SHOP_IDS, schema, schema_problems, shop_problems

DEFAULT_MAX_AGE_DAYS = 180


def per_file(dataset: DataSet, rels: list[str], content: Content | None, types: dict[str, str]) -> dict[str, list[Problem]]:
    """Each file against its schema (a shop against the one that `content`'s questions imply): its problems."""
    found = {}
    for rel in rels:
        doc, kind = dataset.docs[rel], kind_of(rel)
        if not doc.ok:
            found[rel] = list(doc.problems)
        elif kind is None:
            found[rel] = [Problem(rel, 1, "", "unknown_file", {})]
        elif kind == "shop":
            found[rel] = shop_problems(doc, content, types, taken_shop_ids(dataset.root)) if content else []
        else:
            found[rel] = schema_problems(doc, schema(kind), types)
    return found


def taken_shop_ids(root) -> frozenset:
    pages = root / "docs" / "shops"  # a page written by hand there would be replaced by a shop's
    return RESERVED_SHOP_IDS | {p.stem for p in pages.glob("*.md")} if pages.is_dir() else RESERVED_SHOP_IDS


def check(dataset: DataSet, today: dt.date | None = None, max_age_days: int = DEFAULT_MAX_AGE_DAYS) -> list[Problem]:
    """Every problem of a data set, sorted by file and line; nothing stops at the first one.

    One way through: each file on its own; shop files then follow the questions of the valid files (their
    schema comes from profile.yml and order_states.yml); then the checks between the valid files."""
    types = messages_part(dataset, "types")
    problems = [Problem(kind.pattern, 1, "", "missing_file", {}) for kind in SINGLE if kind.pattern not in dataset.docs]
    problems += refs.missing_sections(dataset)
    shops = [rel for rel in sorted(dataset.docs) if kind_of(rel) == "shop"]
    found = per_file(dataset, [rel for rel in sorted(dataset.docs) if rel not in shops], None, types)
    valid = frozenset(rel for rel, own in found.items() if not own)
    if {"data/profile.yml", "data/order_states.yml"} <= valid:  # else those files are reported instead
        found.update(per_file(dataset, shops, Content(dataset, valid), types))
    content = Content(dataset, frozenset(rel for rel, own in found.items() if not own))
    problems += [p for own in found.values() for p in own]
    out = refs.Findings(dataset, types)
    parsed = [rel for rel, doc in sorted(dataset.docs.items()) if doc.ok and kind_of(rel) not in (None, "shop")]
    refs.check_html(content, out)
    marks = refs.marked(dataset, parsed)
    refs.check_dates(content, out, marks, today or dt.date.today(), max_age_days)
    refs.check_ids(content, out)
    refs.check_refs(content, out, marks)
    refs.check_tables(content, out)
    refs.check_impact(content, out)
    refs.check_pages(content, out)
    refs.check_checklist(content, out)
    refs.check_search(content, out)
    return sorted(problems + out.problems, key=lambda p: (p.file, p.line, p.path, p.code))


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def report(dataset: DataSet, problems: list[Problem]) -> str:
    templates = messages_part(dataset, "errors")
    return "\n".join(p.format(templates) for p in problems)
