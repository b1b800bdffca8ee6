"""The editors' guide page: which file holds what and every field, read from the JSON Schemas."""
from __future__ import annotations

import re
from typing import Iterator

from . import html
from .content import Content, messages_part
from .rendering import Renderer, Table, md_escape
from .schemacheck import registry, resolve_refs, schema

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
    def __init__(self, content: Content, renderer: Renderer):
        self.c = content
        self.r = renderer
        self.g = content.dataset.get("data/editor.yml")

    def schema_for(self, kind: str) -> dict:
        return self.c.shop_schema() if kind == "shop" else schema(kind)

    def describe(self, doc: dict) -> str:
        title, description = doc.get("title"), doc.get("description")
        return self.c.ui("pair", term=title, text=description) if title and description else title or description or ""

    def render(self, prefix: str = "") -> str:
        g, col, r = self.g, self.g["columns"], self.r
        files = r.table(Table(g["files_title"], [col["file"], col["what"]],
                              [[f"`{e['file']}`", r.plain(self.describe(self.schema_for(e["kind"])))] for e in g["files"]]))
        walker = SchemaWalker(messages_part(self.c.dataset, "types"), self.c.ui, col["any"])
        fields = []
        for entry in g["files"]:
            doc = self.schema_for(entry["kind"])
            rows = [[f"`{path}`", r.plain(meaning) or "-", r.plain(allowed), col["required_yes" if need == "required" else "required_no"]]
                    for path, meaning, allowed, need in walker.rows(doc, registry().resolver(f"{entry['kind']}.schema.json"))]
            fields.append((entry, html.safe(r.table(Table(entry["file"], [col["field"], col["meaning"], col["allowed"], col["required"]], rows)))))
        errors = r.table(Table(g["errors_title"], [col["code"], col["message"]],
                               [[f"`{code}`", md_escape(PLACEHOLDER.sub("\u2026", template).replace("{{", "{").replace("}}", "}"))]
                                for code, template in sorted(self.c.error_templates.items()) if not code.endswith("_separator")]))
        return r.page("editor.md", prefix, header=r.header(g["title"], g["summary"]), g=g, files=files, fields=fields,
                      errors=errors, code=lambda value: html.safe(f"`{value}`"))
