"""Read-only views over validated data: sections, anchors, terms, order states, impact levels."""
from __future__ import annotations

import functools
from typing import Any

import yaml

from . import FALLBACK
from .kinds import fixed_pages
from .loading import DataSet
from .problems import fill
from .shopprofile import shop_schema


@functools.cache
def fallback_messages() -> dict:
    return yaml.load(FALLBACK.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def messages_part(dataset: DataSet, key: str) -> dict[str, str]:
    """`ui`, `errors` or `types` of data/messages.yml; what it lacks (or all, while it is broken) from the fallback."""
    data = dataset.get("data/messages.yml")
    part = data.get(key) if isinstance(data, dict) else None
    own = {k: v for k, v in part.items() if isinstance(v, str)} if isinstance(part, dict) else {}
    return {**fallback_messages().get(key, {}), **own}


class Content:
    """The data a renderer or a checker needs, looked up by id rather than by file."""

    def __init__(self, dataset: DataSet, valid: set[str] | None = None):
        """`valid`: the files that passed the schema check (the checker fills it); None means all."""
        self.dataset = dataset
        self._valid = valid

    def file(self, rel: str) -> Any:
        """The data of one file, or None while it is missing or invalid."""
        return None if self._valid is not None and rel not in self._valid else self.dataset.get(rel)

    def valid_files(self) -> list[str]:
        return sorted(rel for rel in self.dataset.docs if self.file(rel) is not None)

    def unknowable_pages(self) -> set[str]:
        """Pages whose own file failed its checks: links into them cannot be judged now."""
        pages = set()
        for rel, doc in self.dataset.docs.items():
            if self.file(rel) is not None:
                continue
            if rel == "data/faq.yml":
                pages.add("faq")
            elif rel.startswith("data/guide/") and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
                pages.add(doc.data["id"])
        return pages

    # -- files: the whole file, or its list keyed by id (empty while the file is missing or invalid) --
    site = property(lambda self: self.file("data/site.yml") or {})
    search = property(lambda self: self.file("data/search.yml") or {})
    faq = property(lambda self: self.file("data/faq.yml") or {})
    glossary = property(lambda self: self.file("data/glossary.yml") or {})
    impact = property(lambda self: self.file("data/impact.yml") or {})
    profile = property(lambda self: self.file("data/profile.yml") or {})
    checklist = property(lambda self: self.file("data/checklist.yml") or {})
    sources = property(lambda self: {s["id"]: s for s in (self.file("data/sources.yml") or {}).get("sources", [])})
    tables = property(lambda self: {t["id"]: t for t in (self.file("data/tables.yml") or {}).get("tables", [])})
    states = property(lambda self: {s["key"]: s for s in (self.file("data/order_states.yml") or {}).get("states", [])})
    error_templates = property(lambda self: messages_part(self.dataset, "errors"))

    @functools.cached_property
    def ui_words(self) -> dict[str, str]:
        """The `ui` part of data/messages.yml, merged with the fallback once: ui() runs on every link and label."""
        return messages_part(self.dataset, "ui")

    # Page words are single lines (the schemas' `line`): they land in separators, labels and titles.
    def ui(self, key: str, **args: Any) -> str:
        return fill(self.ui_words.get(key, key), args)

    def words(self, key: str, **args: Any) -> str:
        """One of the checklist's page words (data/checklist.yml `words`)."""
        return fill(self.checklist.get("words", {}).get(key, key), args)

    def shops(self) -> dict[str, dict]:
        """Valid shop profiles by id (the file name)."""
        return {doc.path.stem: self.file(doc.rel) for doc in self.dataset.under("data/shops") if self.file(doc.rel)}

    def sections(self) -> dict[str, tuple[str, dict]]:
        """Guide sections by id, with the file each came from."""
        out = {}
        for doc in self.dataset.under("data/guide"):
            data = self.file(doc.rel)
            if data:
                out.setdefault(data["id"], (doc.rel, data))
        return out

    def section(self, section_id: str) -> dict:
        return self.sections()[section_id][1]

    # -- derived -----------------------------------------------------------
    def shop_schema(self) -> dict:
        """The JSON Schema of data/shops/*.yml: the questions of data/profile.yml, the states a seller can count."""
        return shop_schema(self.profile, {k: s["label"] for k, s in self.states.items() if not s.get("from_file")})

    def profile_field(self, key: str) -> dict:
        return next((f for f in self.profile.get("fields", []) if f["key"] == key), {})

    def reliance_options(self) -> dict[str, dict]:
        return {o["value"]: o for o in self.profile_field("buyer_reliance").get("options", [])}

    def level_labels(self) -> dict[str, str]:
        return {lv["key"]: lv["label"] for lv in self.impact.get("levels", [])}

    def impact_rows(self, reliance: str) -> list[tuple[dict, str]]:
        """Each aspect with the level key it has for this reliance."""
        return [(a, a["by_reliance"][reliance]) for a in self.impact.get("aspects", [])]

    def terms(self) -> dict[str, str]:
        """Every glossary word and alias, mapped to its definition."""
        return {word: e["definition"] for e in self.glossary.get("terms", []) for word in [e["term"], *e.get("aliases", [])]}

    def anchors(self) -> dict[str, str]:
        """Every linkable ref (`page` or `page#anchor`) mapped to its title."""
        out = {page: page for page in fixed_pages()}
        for section_id, (_, data) in self.sections().items():
            out[section_id] = data["title"]
            for part in data["parts"]:
                out[f"{section_id}#{part['id']}"] = part["title"]
        faq = self.faq
        if faq:
            out["faq"] = faq["title"]
            for entry in faq["entries"]:
                out[f"faq#{entry['id']}"] = entry["question"]
        if self.glossary:
            out["glossary"] = self.glossary["title"]
        out["about"], out["editor"] = self.ui("about_title"), (self.file("data/editor.yml") or {}).get("title", "editor")
        out["about#disclaimer"] = self.ui("about_disclaimer")
        out["about#sources"] = self.ui("about_sources")
        out.update({f"about#source-{key}": source["title"] for key, source in self.sources.items()})
        out["index"] = self.site.get("title", "index")
        if self.checklist:
            out["checklist"] = self.checklist["app"]["title"]
            out["shops"] = self.checklist["words"]["index_title"]
        return out

    @staticmethod
    def section_sources(section: dict) -> list[str]:
        """The sources of a guide page: every source its parts name, in first-named order."""
        return list(dict.fromkeys(s for part in section["parts"] for s in part["sources"]))

    def faq_sources(self) -> list[str]:
        return list(dict.fromkeys(s for entry in self.faq["entries"] for s in entry["sources"]))

    def reviewed_parts(self) -> list[tuple[str, str, str, list[str]]]:
        """(ref, title, reviewed, source ids) for every dated part of the site."""
        rows = []
        for section_id, (_, data) in self.sections().items():
            for part in data["parts"]:
                rows.append((f"{section_id}#{part['id']}", self.ui("part_title", page=data["title"], part=part["title"]), data["reviewed"], part["sources"]))
        faq = self.faq
        if faq:
            for entry in faq["entries"]:
                rows.append((f"faq#{entry['id']}", entry["question"], entry["reviewed"], entry["sources"]))
        glossary = self.glossary
        if glossary:
            rows.append(("glossary", glossary["title"], glossary["reviewed"], glossary["sources"]))
        return rows
