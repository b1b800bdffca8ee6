"""The editors' guide page: which file holds what and every field, read from the JSON Schemas."""
from __future__ import annotations

import re
from typing import Iterator

from . import markup
from ..model.content import Content, messages_part
from ..model.kinds import KINDS, Kind
from .renderer import Renderer, Table, md_escape
from ..model.schemacheck import registry, resolve_refs, schema

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


class SchemaWalker:
    """Flattens a schema into (field path, meaning, allowed values, required) rows."""

    def __init__(self, types: dict[str, str], ui, any_value: str):
        self.types = types
        self.ui = ui  # Content.ui: the words and punctuation of data/messages.yml
        self.sep = ui("list_separator")
        self.any = any_value

    def allowed(self, node: dict) -> str:
        if "enum" in node:
            return self.sep.join(str(v) for v in node["enum"])
        if "const" in node:
            return str(node["const"]).lower()
        kinds = node.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
        text = self.ui("or_separator").join(self.types.get(k, k) for k in kinds) or self.any
        if "minimum" in node or "maximum" in node:
            text += self.ui("range", min=node.get("minimum", ""), max=node.get("maximum", ""))
        return text

    def rows(self, node: dict, resolver, path: str = "", required: bool = True, above: tuple = ()) -> Iterator[list[str]]:
        node, resolver, refs = resolve_refs(node, resolver)
        recursive = any(ref in above for ref in refs)  # a rule inside a rule: describe it once
        meaning = self.ui("pair", term=node["title"], text=node["description"]) if node.get("title") and node.get("description") \
            else node.get("title") or node.get("description") or ""
        if path:
            yield [path, meaning, self.allowed(node), "required" if required else "optional"]
        if recursive:
            return
        above = above + refs
        needed = set(node.get("required", []))
        for key, sub in node.get("properties", {}).items():
            yield from self.rows(sub, resolver, f"{path}.{key}" if path else key, key in needed, above)
        listed = set(node.get("properties", {}))
        for branch in node.get("allOf", []):  # a content block's fields, by its type: each field once
            then, inner, _ = resolve_refs(branch.get("then", {}), resolver)
            for key, sub in then.get("properties", {}).items():
                if key not in listed:
                    listed.add(key)
                    yield from self.rows(sub, inner, f"{path}.{key}" if path else key, False, above)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and not node.get("properties"):
            yield from self.rows(extra, resolver, f"{path}.*" if path else "*", False, above)
        if isinstance(node.get("items"), dict):
            yield from self.rows(node["items"], resolver, f"{path}[]", True, above)


class EditorGuide:
    """The editors' guide: one table of files (the kinds' registry, described by their schemas), one of fields per
    kind, and every message the checks can give."""

    def __init__(self, content: Content, renderer: Renderer):
        self.content = content
        self.renderer = renderer
        self.words = content.dataset.get("data/editor.yml")

    def schema_for(self, kind: str) -> dict:
        return self.content.shop_schema() if kind == "shop" else schema(kind)

    def describe(self, doc: dict) -> str:
        title, description = doc.get("title"), doc.get("description")
        return self.content.ui("pair", term=title, text=description) if title and description else title or description or ""

    def field_tables(self) -> list[tuple[Kind, object]]:
        col, render = self.words["columns"], self.renderer
        walker = SchemaWalker(messages_part(self.content.dataset, "types"), self.content.ui, col["any"])
        tables = []
        for kind in KINDS:
            rows = [[f"`{path}`", render.plain(meaning) or "-", render.plain(allowed), col["required_yes" if need == "required" else "required_no"]]
                    for path, meaning, allowed, need in walker.rows(self.schema_for(kind.name), registry().resolver(f"{kind.name}.schema.json"))]
            table = Table(kind.pattern, [col["field"], col["meaning"], col["allowed"], col["required"]], rows)
            tables.append((kind, markup.safe(render.table(table))))
        return tables

    def render(self, prefix: str = "") -> str:
        words, col, render = self.words, self.words["columns"], self.renderer
        files = render.table(Table(words["files_title"], [col["file"], col["what"]],
                                   [[f"`{kind.pattern}`", render.plain(self.describe(self.schema_for(kind.name)))] for kind in KINDS]))
        errors = render.table(Table(words["errors_title"], [col["code"], col["message"]],
                                    [[f"`{code}`", md_escape(PLACEHOLDER.sub("\u2026", template).replace("{{", "{").replace("}}", "}"))]
                                     for code, template in sorted(self.content.error_templates.items()) if not code.endswith("_separator")]))
        return render.page("editor.md", prefix, header=render.header(words["title"], words["summary"]), g=words, files=files,
                           fields=self.field_tables(), errors=errors, code=lambda value: markup.safe(f"`{value}`"))
