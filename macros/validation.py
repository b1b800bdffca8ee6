"""Check every data file: JSON Schema first, then the references between files."""
from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path
from typing import Any, Callable, Iterator

from .content import Content, messages_part
from . import profile as profiles
from . import rules
from .checklist import PLACEHOLDER
from .loading import DataSet, Document
from .problems import Problem, path_text

SCHEMA_DIR = Path(__file__).parent / "schemas"
STATIC_KINDS = ("site", "sources", "faq", "glossary", "tables", "order_states", "impact", "messages", "profile",
                "checklist", "editor", "search")
# Files whose keys are free-form (labels, messages): field names there mean nothing to the ref checks.
FREE_FORM = ("messages", "profile", "shop")
RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")
DEFAULT_MAX_AGE_DAYS = 180


def file_kind(rel: str) -> str | None:
    parts = rel.split("/")
    if len(parts) == 3 and parts[1] == "guide":
        return "section"
    if len(parts) == 3 and parts[1] == "shops":
        return "shop"
    if len(parts) == 2 and Path(parts[1]).stem in STATIC_KINDS:
        return Path(parts[1]).stem
    return None


@functools.cache
def schemas() -> dict[str, dict]:
    """Every schema file by name (`common.schema.json`), read once."""
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMA_DIR.glob("*.schema.json"))}


def schema(kind: str) -> dict:
    return schemas()[f"{kind}.schema.json"]


@functools.cache
def registry():
    """The schema files for jsonschema's $ref resolution; imported only when a file fails."""
    from referencing import Registry, Resource

    return Registry().with_resources((name, Resource.from_contents(doc)) for name, doc in schemas().items())


def _found(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…"


def _list(values) -> str:
    return "、".join(str(v) for v in values) or "-"


def _suggest(value: str, known) -> str:
    """The closest known values, or the first few: a full list of hundreds helps nobody."""
    import difflib  # only when there is a mistake to suggest a fix for

    known = sorted(str(k) for k in known)
    close = difflib.get_close_matches(value, known, n=5, cutoff=0.5)
    if close:
        return _list(close)
    return _list(known[:8]) + ("…" if len(known) > 8 else "")


def translate(err, doc: Document, types: dict[str, str]) -> Iterator[Problem]:
    """Turn one jsonschema error into problems an editor can act on."""
    path = list(err.absolute_path)
    where = path_text(path)
    kind, value, instance = err.validator, err.validator_value, err.instance

    def at(code: str, sub: list | None = None, key: bool = False, **args: Any) -> Problem:
        full = path + (sub or [])
        return Problem(doc.rel, doc.line_of(full, key=key), path_text(full), code, args)

    if kind == "required":
        for field in value:
            if isinstance(instance, dict) and field not in instance:
                yield at("missing_field", field=field)
    elif kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(err.schema.get("properties", {}))
        for field in instance:
            if field not in allowed:
                yield at("unknown_field", [field], key=True, field=field, allowed=_list(allowed))
    elif kind == "type":
        expected = value if isinstance(value, list) else [value]
        yield at("wrong_type", expected="或".join(types.get(t, t) for t in expected), found=_found(instance))
    elif kind == "enum":
        yield at("not_allowed", found=_found(instance), allowed=_list(value))
    elif kind == "const":
        yield at("const_true", found=_found(instance))
    elif kind == "minimum":
        yield at("too_small", limit=value, found=_found(instance))
    elif kind == "maximum":
        yield at("too_big", limit=value, found=_found(instance))
    elif kind == "minItems":
        yield at("too_few", limit=value)
    elif kind == "maxItems":
        yield at("too_many", limit=value, found=len(instance))
    elif kind == "uniqueItems":
        yield at("repeated_item", found=_found(instance))
    elif "x-error" in err.schema:
        size = len(instance) if isinstance(instance, (dict, list)) else 0
        yield at(err.schema["x-error"], found=_found(instance) if not isinstance(instance, dict) else size)
    else:
        yield Problem(doc.rel, doc.line_of(path), where, "schema_other", {"detail": err.message})


@functools.lru_cache(maxsize=None)
def _validator(schema_text: str):
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads(schema_text), registry=registry())


def validator_for(schema_doc: dict):
    """One jsonschema validator per distinct schema in this process (the shop schema is derived, so keyed by its text)."""
    return _validator(json.dumps(schema_doc, sort_keys=True, ensure_ascii=False))


def schema_problems(doc: Document, schema_doc: dict, types: dict[str, str]) -> list[Problem]:
    """Every schema error of one document, each turned into problems an editor can act on."""
    out: list[Problem] = []
    for err in validator_for(schema_doc).iter_errors(doc.data):
        for problem in translate(err, doc, types):
            if problem not in out:
                out.append(problem)
    return out


def walk_strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_strings(item, path + (index,))


SHOP_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def shop_problems(doc: Document, schema_doc: dict, types: dict[str, str]) -> list[Problem]:
    """Everything wrong with one shop profile: its file name, its fields, markup in its text."""
    if not doc.ok:
        return list(doc.problems)
    if not SHOP_ID.fullmatch(doc.path.stem):
        return [Problem(doc.rel, 1, "", "bad_shop_id", {"found": doc.path.stem})]
    found = schema_problems(doc, schema_doc, types)
    if "<" not in doc.text:
        return found
    for path, text in walk_strings(doc.data):
        match = RAW_HTML.search(text)
        if match:
            found.append(Problem(doc.rel, doc.line_of(list(path)), path_text(path), "raw_html", {"found": match.group(0)[:30]}))
    return sorted(found, key=lambda p: (p.line, p.path))


class Checker:
    """Collects every problem of a data set; nothing stops at the first one."""

    def __init__(self, dataset: DataSet, today: dt.date | None = None, max_age_days: int = DEFAULT_MAX_AGE_DAYS,
                 extra_checks: tuple[Callable[["Checker"], None], ...] = ()):
        self.dataset = dataset
        self.today = today or dt.date.today()
        self.max_age_days = max_age_days
        self.problems: list[Problem] = []
        self.valid: set[str] = set()
        self.extra_checks = extra_checks
        self._shop_schema: dict | None = None
        self._early: dict[str, bool] = {}
        self._strings: dict[str, list[tuple[tuple, str]]] = {}
        self.content = Content(dataset, self.valid)

    # -- helpers -------------------------------------------------------------
    def add(self, rel: str, path: list, code: str, key: bool = False, severity: str = "error", **args: Any) -> None:
        doc = self.dataset.docs[rel]
        self.problems.append(Problem(rel, doc.line_of(path, key=key), path_text(path), code, args, severity))

    def ref(self, rel: str, path: list, value: str, known, code: str) -> None:
        if value not in known:
            self.add(rel, path, code, ref=value, allowed=_suggest(value, known))

    def unknowable_pages(self) -> set[str]:
        """Pages whose own file failed its checks: refs into them cannot be judged now."""
        pages = set()
        for rel, doc in self.dataset.docs.items():
            if rel in self.valid:
                continue
            kind = file_kind(rel)
            if kind == "faq":
                pages.add("faq")
            elif kind == "section" and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
                pages.add(doc.data["id"])
        return pages

    def unique(self, rel: str, items: list[tuple[list, str]], seen: dict | None = None) -> None:
        seen = {} if seen is None else seen
        for path, ident in items:
            if ident in seen:
                first_rel, first_path = seen[ident]
                first = f"{first_rel}:{self.dataset.docs[first_rel].line_of(first_path)}"
                self.add(rel, path, "duplicate_id", id=ident, first=first)
            else:
                seen[ident] = (rel, path)

    # -- run -----------------------------------------------------------------
    def run(self) -> list[Problem]:
        types = messages_part(self.dataset, "types")
        for rel, doc in self.dataset.docs.items():
            if not doc.ok:
                self.problems.extend(doc.problems)
                continue
            kind = file_kind(rel)
            if kind is None:
                self.problems.append(Problem(rel, 1, "", "unknown_file", {}))
                continue
            schema_doc = self.schema_for(kind)
            if schema_doc is None:  # depends on another file that failed; that one is reported
                continue
            if kind == "shop":
                found = shop_problems(doc, schema_doc, types)
            else:
                found = schema_problems(doc, schema_doc, types)
            self.problems.extend(found)
            if not found:
                self.valid.add(rel)
        for check in (self.check_html, self.check_dates, self.check_ids, self.check_refs,
                      self.check_tables, self.check_impact, self.check_pages, self.check_checklist, self.check_search, *self.extra_checks):
            check()
        return sorted(self.problems, key=lambda p: (p.file, p.line, p.path, p.code))

    def schema_for(self, kind: str) -> dict | None:
        if kind != "shop":
            return schema(kind)
        if self._shop_schema is None:
            spec = self.dataset.get("data/profile.yml")
            states = self.dataset.get("data/order_states.yml")
            if not (spec and states and self.valid_doc("data/profile.yml") and self.valid_doc("data/order_states.yml")):
                return None
            self._shop_schema = profiles.shop_schema(spec, [s["key"] for s in states["states"]])
        return self._shop_schema

    def valid_doc(self, rel: str) -> bool:
        """Validate a file the others depend on ahead of its turn (once)."""
        if rel not in self._early:
            doc = self.dataset.docs.get(rel)
            self._early[rel] = bool(doc and doc.ok and not schema_problems(doc, schema(file_kind(rel)), {}))
        return self._early[rel]

    # -- cross-file checks -----------------------------------------------------
    def strings(self, rel: str) -> list[tuple[tuple, str]]:
        """Every string of a file with its path, walked once for all the checks below."""
        found = self._strings.get(rel)
        if found is None:
            found = self._strings[rel] = list(walk_strings(self.dataset.get(rel)))
        return found

    def check_html(self) -> None:
        for rel in sorted(self.valid):
            for path, text in self.strings(rel):
                match = RAW_HTML.search(text)
                if match:
                    self.add(rel, list(path), "raw_html", found=match.group(0)[:30])

    def structured(self) -> list[str]:
        return [rel for rel in sorted(self.valid) if file_kind(rel) not in FREE_FORM]

    def check_dates(self) -> None:
        for rel in self.structured():
            for path, text in self.strings(rel):
                if not path or path[-1] != "reviewed":
                    continue
                try:
                    day = dt.date.fromisoformat(text)
                except ValueError:
                    self.add(rel, list(path), "date_invalid", found=text)
                    continue
                if day > self.today:
                    self.add(rel, list(path), "date_future", found=text, today=self.today.isoformat())
                elif (self.today - day).days > self.max_age_days:
                    self.add(rel, list(path), "stale", severity="warning", found=text, days=self.max_age_days)

    def check_ids(self) -> None:
        c = self.content
        section_seen: dict = {}
        for doc in self.dataset.under("data/guide"):
            data = c._get(doc.rel)
            if not data:
                continue
            self.unique(doc.rel, [(["id"], data["id"])], section_seen)
            anchors: list = []
            for i, part in enumerate(data["parts"]):
                anchors.append((["parts", i, "id"], part["id"]))
                for j, block in enumerate(part["blocks"]):
                    for k, step in enumerate(block.get("steps", [])):
                        anchors.append((["parts", i, "blocks", j, "steps", k, "id"], f"step-{step['id']}"))
            self.unique(doc.rel, anchors)
        singles = {
            "data/faq.yml": ("entries", "id"),
            "data/sources.yml": ("sources", "id"),
            "data/tables.yml": ("tables", "id"),
            "data/order_states.yml": ("states", "key"),
            "data/profile.yml": ("fields", "key"),
            "data/checklist.yml": ("items", "id"),
        }
        for rel, (field, key) in singles.items():
            data = c._get(rel)
            if data:
                self.unique(rel, [([field, i, key], item[key]) for i, item in enumerate(data[field])])
        if c.impact:
            self.unique("data/impact.yml", [(["levels", i, "key"], lv["key"]) for i, lv in enumerate(c.impact["levels"])])
            self.unique("data/impact.yml", [(["aspects", i, "id"], a["id"]) for i, a in enumerate(c.impact["aspects"])])
        if c.glossary:
            words = []
            for i, entry in enumerate(c.glossary["terms"]):
                words.append((["terms", i, "term"], entry["term"]))
                words += [(["terms", i, "aliases", j], w) for j, w in enumerate(entry.get("aliases", []))]
            self.unique("data/glossary.yml", words)
        if c.profile:
            for i, field in enumerate(c.profile["fields"]):
                opts = field.get("options", [])
                self.unique("data/profile.yml", [(["fields", i, "options", j, "value"], o["value"]) for j, o in enumerate(opts)])
            self.check_profile_fields()

    def check_profile_fields(self) -> None:
        for i, field in enumerate(self.content.profile["fields"]):
            if field["type"] == "choice" and not field.get("options"):
                self.add("data/profile.yml", ["fields", i], "bad_field_spec", field=field["key"], detail="options")

    def check_refs(self) -> None:
        """References from every parsed file, valid or not: a file with a schema error may also cite a missing source."""
        c = self.content
        anchors = c.anchors()
        skip = self.unknowable_pages()
        sources = c.sources
        tables = c.tables
        reliance = c.reliance_options()
        parsed = [rel for rel, doc in sorted(self.dataset.docs.items()) if doc.ok and file_kind(rel) not in (None, *FREE_FORM)]
        for rel in parsed:
            for path, text in self.strings(rel):
                last = path[-1] if path else None
                parent = path[-2] if len(path) > 1 else None
                if parent == "sources" and isinstance(last, int) and sources:
                    self.ref(rel, list(path), text, sources, "unknown_source")
                elif (last in ("link", "page", "ref") or parent == "related") and text.partition("#")[0] not in skip:
                    self.ref(rel, list(path), text, anchors, "unknown_ref")
                elif last == "table" and file_kind(rel) == "section" and tables:
                    self.ref(rel, list(path), text, tables, "unknown_table")
                elif last == "impact" and file_kind(rel) == "section" and reliance:
                    self.ref(rel, list(path), text, reliance, "unknown_reliance")

    def check_tables(self) -> None:
        rel = "data/tables.yml"
        states = self.content.states
        for t, table in enumerate((self.content._get(rel) or {}).get("tables", [])):
            columns = {col["key"]: col for col in table["columns"]}
            self.unique(rel, [(["tables", t, "columns", i, "key"], col["key"]) for i, col in enumerate(table["columns"])])
            for i, col in enumerate(table["columns"]):
                if col.get("type") == "handled":
                    source = columns.get(col.get("from", ""))
                    if source is None or source.get("type") != "order_state":
                        self.add(rel, ["tables", t, "columns", i], "bad_from", ref=col.get("from", ""))
            for r, row in enumerate(table["rows"]):
                for key, value in row.items():
                    col = columns.get(key)
                    if col is None:
                        self.add(rel, ["tables", t, "rows", r, key], "unknown_column", key=True,
                                 column=key, allowed=_list(columns))
                    elif col.get("type") == "handled":
                        self.add(rel, ["tables", t, "rows", r, key], "typed_computed", key=True, column=col["title"])
                    elif col.get("type") == "order_state" and states:
                        self.ref(rel, ["tables", t, "rows", r, key], value, states, "unknown_state")
                for key, col in columns.items():
                    if col.get("type") != "handled" and key not in row:
                        self.add(rel, ["tables", t, "rows", r], "missing_cell", column=col["title"])

    def check_impact(self) -> None:
        c = self.content
        rel = "data/impact.yml"
        if not c.impact:
            return
        levels = c.level_labels()
        reliance = c.reliance_options()
        for a, aspect in enumerate(c.impact["aspects"]):
            if reliance and set(aspect["by_reliance"]) != set(reliance):
                self.add(rel, ["aspects", a, "by_reliance"], "reliance_mismatch", allowed=_list(reliance))
            for key, level in aspect["by_reliance"].items():
                self.ref(rel, ["aspects", a, "by_reliance", key], level, levels, "unknown_level")

    def check_pages(self) -> None:
        docs_dir = self.dataset.root / "docs"
        if not docs_dir.is_dir():
            return
        for section_id, (rel, _) in self.content.sections().items():
            if not (docs_dir / f"{section_id}.md").is_file():
                self.add(rel, ["id"], "missing_page", id=section_id)


    def check_search(self) -> None:
        """A word is either ignored or mapped, once: two meanings would make search guess."""
        rel = "data/search.yml"
        data = self.content._get(rel)
        if not data:
            return
        words = [(["ignore", i], w) for i, w in enumerate(data["ignore"])]
        for target, others in data["synonyms"].items():
            words += [(["synonyms", target, i], w) for i, w in enumerate(others)]
        self.unique(rel, words)
        pages = set(self.content.anchors())
        for page in data.get("boost", {}):
            self.ref(rel, ["boost", page], page, {p for p in pages if "#" not in p}, "unknown_ref")

    def check_checklist(self) -> None:
        c = self.content
        rel = "data/checklist.yml"
        if not (c.checklist and c.profile and c.states):
            return
        paths = profiles.field_paths(c.profile, list(c.states))
        types = messages_part(self.dataset, "types")
        guarded: set[str] = set()
        for i, item in enumerate(c.checklist["items"]):
            for sub, comparison in rules.comparisons(item.get("when")):
                where = ["items", i, "when", *sub]
                field = paths.get(comparison["field"])
                if field is None:
                    self.add(rel, where + ["field"], "unknown_rule_field", ref=comparison["field"],
                             allowed=_suggest(comparison["field"], paths))
                    continue
                op = rules.operator_of(comparison)
                values = comparison[op] if op == "in" else [comparison[op]]
                for value in values if isinstance(values, list) else [values]:
                    if not profiles.value_fits(field, value):
                        options = [o["value"] for o in field.get("options", [])]
                        json_type = {"text": "string"}.get(field["type"], field["type"])
                        self.add(rel, where + [op], "bad_rule_value", found=_found(value), field=comparison["field"],
                                 expected=_list(options) if options else types.get(json_type, json_type))
                if item.get("blocking") and op in ("gt", "gte"):
                    guarded.add(comparison["field"])
            for name in PLACEHOLDER.findall(item["text"]):
                if name not in paths:
                    self.add(rel, ["items", i, "text"], "unknown_placeholder", ref=name, allowed=_suggest(name, paths))
        counts = next((f["key"] for f in c.profile["fields"] if f["type"] == "order_counts"), None)
        for key, state in c.states.items():
            if counts and not state["handled"] and f"{counts}.{key}" not in guarded:
                self.add(rel, ["items"], "unblocked_state", key=True, state=state["label"], field=f"{counts}.{key}")


def check(dataset: DataSet, **options: Any) -> list[Problem]:
    return Checker(dataset, **options).run()


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def report(dataset: DataSet, problems: list[Problem]) -> str:
    templates = messages_part(dataset, "errors")
    return "\n".join(p.format(templates) for p in problems)
