"""The CMS's configuration (editor/admin/config.yml), generated from the schemas so that it cannot drift.

Each data file is an entry: the static files and the guide's pages as file collections, the example shops
as a folder collection that can create a shop. Labels and hints are the schemas' Chinese titles and
descriptions; required fields, enums, patterns and bounds carry over; references are picked by title, and a rule
has its own widget (editor/admin/rule-widget.js). What a form cannot express (a value of any type) is a hidden
field: the CMS keeps it as it is. A map with free keys lists the keys the file has today.
"""
from __future__ import annotations

import re
from typing import Any

from macros.model.kinds import KINDS, kind_of
from macros.model.schemacheck import registry, resolve_refs, schema

GIT_SERVER = "http://localhost:8081/api/v1"
CJK = re.compile(r"[\u4e00-\u9fff]")
SUMMARY_FIELDS = ("question", "term", "title", "label", "name", "text")  # what names a folded list item best


def resolve(node: dict, resolver, seen: tuple) -> tuple[dict, Any, tuple]:
    """The schema's `$ref`s followed; a schema met again below itself (a rule inside a rule) is x-recursive."""
    node, resolver, refs = resolve_refs(node, resolver)
    if any(ref in seen for ref in refs):
        return {"x-recursive": True}, resolver, seen
    return node, resolver, seen + refs


class Fields:
    """Schema properties as CMS fields, labelled with the words of data/editor.yml's cms part."""

    def __init__(self, words: dict[str, Any], questions: list[dict], picks: dict[str, list[dict]]):
        self.words, self.questions, self.picks = words, questions, picks

    def field(self, name: str, node: dict, resolver, seen: tuple, required: bool, value: Any) -> dict:
        """One schema property as a CMS field; `value` is the file's current value (for maps with free keys)."""
        own = node.get("title")
        shared = resolve({"$ref": node["$ref"]}, resolver, seen)[0] if "$ref" in node else {}  # the kind's own words
        node, resolver, seen = resolve(node, resolver, seen)
        out = {"name": name, "label": node.get("title") or self.words["keys"].get(name, name), "required": required,
               **({"hint": node["description"]} if node.get("description") else {})}
        if not own and node.get("title"):  # a shared kind's title alone (text, line) would not say which field this is
            out["label"] = self.words["untitled"].format(name=name, kind=node["title"])
        if node.get("x-widget") == "rule":  # editor/admin/rule-widget.js: one condition, or all/any of several
            return {**out, "widget": "rule", "questions": self.questions, "words": self.words["rule"]}
        if node.get("x-ref") in self.picks:  # a source, a page or section...: picked by its title from the live data
            return {**out, "hint": self.words["pick"], "widget": "select", "options": self.picks[node["x-ref"]]}
        kind = node.get("type")
        kind = "string" if isinstance(kind, list) and "string" in kind else kind  # an order number: text in the form
        hidden = {"name": name, "widget": "hidden", "required": False}  # kept as it is, changed in a code editor
        if node.get("x-recursive") or "oneOf" in node or kind is None and "enum" not in node and "const" not in node:
            return hidden
        if "enum" in node:
            words = node.get("x-labels", {})
            options = [{"label": words[v], "value": v} if v in words else str(v) for v in node["enum"]]
            return {**out, "widget": "select", "options": options}
        if "const" in node:
            return {**out, "widget": "boolean", "default": node["const"]} if isinstance(node["const"], bool) else hidden
        if kind == "string":
            multiline = node.get("x-error") == "empty_text"
            out.update(widget="text" if multiline else "string")
            if node.get("pattern"):
                hint = shared.get("description") or node.get("description") or out["label"]  # what the kind must look like
                out["pattern"] = [node["pattern"], self.words["pattern"].format(hint=hint)]
            return out
        if kind in ("integer", "number"):
            out.update(widget="number", value_type="int" if kind == "integer" else "float")
            return {**out, **{short: node[long] for long, short in (("minimum", "min"), ("maximum", "max")) if long in node}}
        if kind == "boolean":
            return {**out, "widget": "boolean"}
        if kind == "array":
            return self.array_field(out, node, resolver, seen, value)
        if kind == "object":
            return {**out, "widget": "object", "fields": self.object_fields(node, resolver, seen, value if isinstance(value, dict) else {})}
        return hidden

    def array_field(self, out: dict, node: dict, resolver, seen: tuple, value: Any) -> dict:
        items, inner, below = resolve(node.get("items", {}), resolver, seen)
        out.update(widget="list")
        out.update({"min": node["minItems"]} if node.get("minItems") else {})
        if items.get("allOf") and items.get("properties", {}).get("type"):  # content blocks: one type key, fields by type
            out.update(typeKey="type", types=[self.block_type(branch, inner, below) for branch in items["allOf"]])
            return out
        sample = value[0] if isinstance(value, list) and value else None
        best = next((key for key in SUMMARY_FIELDS if key in (items.get("properties") or {})), None)
        out.update({"summary": "{{fields.%s}}" % best} if best and items.get("type") == "object" else {})  # not the id
        if items.get("type") == "object" and items.get("properties"):
            merged = {} if not isinstance(value, list) else {k: v for entry in value if isinstance(entry, dict) for k, v in entry.items()}
            out["fields"] = self.object_fields(items, inner, below, merged)
        else:  # one value per row: the row shows its text, and the value is named as the list is
            out.update(field={**self.field("item", items, inner, below, True, sample), "label": out["label"]}, summary="{{fields.item}}")
        return out

    def key_label(self, key: str, value: Any) -> str:
        """A free key as the editor knows it: a page or an answer by its title, a message by its opening words."""
        known = next((o["label"] for options in self.picks.values() for o in options if o["value"] == key), None)
        text = " ".join(value.split()) if isinstance(value, str) and not value.isascii() else ""
        first = CJK.search(text)  # a message by its first words; a separator or a mark as itself (`symbol`)
        shown = text[first.start():] if first else text
        word = "symbol" if not first else "short" if len(shown) > 16 else "text"
        return known or (self.words[word].format(text=shown[:16]) if text else key)

    def block_type(self, branch: dict, resolver, seen: tuple) -> dict:
        then, inner, below = resolve(branch["then"], resolver, seen)
        name = then["properties"]["type"]["const"]
        fields = [self.field(k, sub, inner, below, k in then.get("required", []), None)
                  for k, sub in then["properties"].items() if k != "type"]
        # A type with nothing to fill in still needs one field: its type key, kept as it is.
        fields = fields or [{"name": "type", "widget": "hidden", "required": False}]
        return {"name": name, "label": then.get("title", name), "widget": "object", "fields": fields}

    def object_fields(self, node: dict, resolver, seen: tuple, value: dict) -> list[dict]:
        needed = set(node.get("required", []))
        props = node.get("properties") or {}
        extra = node.get("additionalProperties")
        if not props and isinstance(extra, dict):  # a map with free keys: the keys the file has, each by what it holds
            return [dict(self.field(k, extra, resolver, seen, True, value[k]), label=self.key_label(k, value[k])) for k in value]
        return [self.field(k, sub, resolver, seen, k in needed, value.get(k)) for k, sub in props.items()]


def rule_questions(docs: dict[str, Any], words: dict[str, str]) -> list[dict]:
    """What a rule may ask of a shop (data/profile.yml), by its words: a choice's options, a count per order state."""
    states, out = docs["data/order_states.yml"]["states"], []
    for field in docs["data/profile.yml"]["fields"]:
        options = {"choice": [{"value": o["value"], "label": o["label"]} for o in field.get("options", [])],
                   "boolean": [{"value": True, "label": words["yes"]}, {"value": False, "label": words["no"]}]}.get(field["type"])
        if options or field["type"] == "integer":
            kind = {"kind": "choice", "options": options} if options else {"kind": "number"}
            out.append({"path": field["key"], "label": field["label"], **kind})
        out += [{"path": f"{field['key']}.{s['key']}", "label": words["count"].format(field=field["label"], state=s["label"]),
                 "kind": "number"} for s in states if field["type"] == "order_counts"]
    return out


def file_entry(fields: Fields, rel: str, data: dict, derived: dict | None = None) -> dict:
    kind = kind_of(rel)
    kind_schema = derived or schema(kind)
    listed = fields.object_fields(kind_schema, registry().resolver(base_uri=f"{kind}.schema.json"), (), data)
    label = data.get("title") if kind == "section" else kind_schema.get("title")  # a guide page by its own title
    return {"name": rel.rsplit("/", 1)[-1].removesuffix(".yml"), "label": label or rel, "file": rel, "fields": listed}


def collection(fields: Fields, kind, docs: dict[str, Any], words: dict[str, str], shop_schema: dict) -> dict:
    """A kind of many files as a collection named after its folder: the shops as a folder the CMS can add a
    file to (a shop is data only); the guide's pages file by file (each page needs its line in docs/)."""
    name = kind.folder.rsplit("/", 1)[-1]
    common = {"name": name, "label": words[name], "format": "yaml", "editor": {"preview": False}}
    if kind.name != "shop":
        return {**common, "files": [file_entry(fields, rel, docs[rel]) for rel in sorted(docs) if kind_of(rel) == kind.name]}
    sample = next(rel for rel in sorted(docs) if kind_of(rel) == "shop")
    return {**common, "folder": kind.folder, "extension": "yml", "create": True, "identifier_field": "name",
            "slug": "shop-{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}",
            "fields": file_entry(fields, sample, {}, shop_schema)["fields"]}


def picks(known: dict[str, dict], part: str, option: str) -> dict[str, list[dict]]:
    """Each kind of reference's known values ({ref: {value: title or record}}) as select options labelled by title;
    a section's title follows its page's."""
    def title(ref: str, value: str, found: Any) -> str:
        found = found if isinstance(found, str) else next((found[k] for k in ("title", "label", "caption") if k in found), value)
        page = value.partition("#")[0]
        return part.format(page=known[ref][page], part=found) if ref == "anchor" and "#" in value and page in known[ref] else found

    return {ref: [{"label": option.format(title=title(ref, v, found), id=v), "value": v} for v, found in values.items()]
            for ref, values in known.items()}


def config(docs: dict[str, Any], words: dict[str, str], shop_schema: dict, known: dict[str, dict]) -> dict:
    """The CMS configuration from the data files ({rel: data}), data/editor.yml's cms words, the derived shop schema and
    each kind of reference's known values: a collection per kind of many files, then the single files."""
    fields = Fields(words, rule_questions(docs, words["rule"]), picks(known, words["part"], words["option"]))
    single = [file_entry(fields, kind.pattern, docs[kind.pattern]) for kind in KINDS if not kind.many and kind.pattern in docs]
    many = [collection(fields, kind, docs, words, shop_schema) for kind in KINDS if kind.many]
    return {
        "backend": {"name": "git-gateway", "branch": "main", "commit_messages": words["commits"]},
        "local_backend": {"url": GIT_SERVER},
        "locale": "zh_Hans",
        "publish_mode": "simple",
        "media_folder": "docs/assets/uploads",
        "collections": [*many[:1], {"name": "data", "label": words["data"], "format": "yaml", "editor": {"preview": False},
                                    "files": single}, *many[1:]],
    }
