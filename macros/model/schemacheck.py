"""The schema check: every data file against its JSON Schema, each error turned into a located Problem."""
from __future__ import annotations

import functools
import json
import re
from typing import Any, Iterator

from . import SCHEMA_DIR
from .loading import Document
from .problems import Either, Problem, path_text
from .text import escaped, forbidden

RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!?][^>]*>?")
SHOP_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
RESERVED_SHOP_IDS = frozenset({"index"})  # shops/index.md is the generated list of shops


@functools.cache
def schemas() -> dict[str, dict]:
    """Every schema file by name (`common.schema.json`), read once."""
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(SCHEMA_DIR.glob("*.schema.json"))}


def schema(kind: str) -> dict:
    return schemas()[f"{kind}.schema.json"]


@functools.cache
def validator_class():
    """Draft 2020-12 where 4.0 is not a count: an integer is an int, never a float that happens to be whole."""
    from jsonschema import Draft202012Validator, validators

    checker = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _, v: isinstance(v, int) and not isinstance(v, bool))
    return validators.extend(Draft202012Validator, type_checker=checker)


@functools.cache
def registry():
    """The schema files, for the `$ref`s between them."""
    from referencing import Registry, Resource

    return Registry().with_resources((name, Resource.from_contents(doc)) for name, doc in schemas().items())


@functools.cache
def _validator(schema_text: str):
    return validator_class()(json.loads(schema_text), registry=registry())


def resolve_refs(node: dict, resolver) -> tuple[dict, object, tuple]:
    """Follow a node's `$ref`s (the keys beside one win); `seen` names each target, so that a walker can spot a
    schema inside itself (a rule inside a rule) and describe it once."""
    seen: tuple = ()
    while "$ref" in node and len(seen) < 10:
        found = resolver.lookup(node["$ref"])
        node = {**found.contents, **{k: v for k, v in node.items() if k != "$ref"}}
        resolver, seen = found.resolver, seen + (id(found.contents),)
    return node, resolver, seen


def validator_for(schema_doc: dict):
    """One jsonschema validator per distinct schema in this process (the shop schema is derived, so keyed by its text)."""
    return _validator(json.dumps(schema_doc, sort_keys=True, ensure_ascii=False))


def found(value: Any) -> str:
    """A value as the editor typed it, shortened for a message."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def translate(err, doc: Document, types: dict[str, str]) -> Iterator[Problem]:
    """Turn one jsonschema error into problems an editor can act on."""
    path = list(err.absolute_path)
    kind, value, instance = err.validator, err.validator_value, err.instance

    def at(code: str, sub: list | None = None, key: bool = False, **args: Any) -> Problem:
        full = path + (sub or [])
        return Problem(doc.rel, doc.line_of(full, key=key), path_text(full), code, args)

    if kind == "required":  # x-missing: a message of its own, e.g. a content block in the old form (no type)
        for field in value:
            if isinstance(instance, dict) and field not in instance:
                yield at(err.schema.get("x-missing", "missing_field"), field=field)
    elif kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(err.schema.get("properties", {}))
        for field in instance:
            if field not in allowed:
                yield at("unknown_field", [field], key=True, field=field, allowed=allowed)
    elif kind == "type":
        expected = value if isinstance(value, list) else [value]
        yield at("wrong_type", expected=Either(types.get(t, t) for t in expected), found=found(instance))
    elif kind == "maxLength":
        yield at("too_long", limit=value, found=len(instance))
    elif kind == "enum":
        yield at("not_allowed", found=found(instance), allowed=list(value))
    elif kind in ("const", "minimum", "maximum", "minItems", "maxItems", "uniqueItems"):
        code = {"const": "const_true", "minimum": "too_small", "maximum": "too_big", "minItems": "too_few",
                "maxItems": "too_many", "uniqueItems": "repeated_item"}[kind]
        size = len(instance) if isinstance(instance, (list, dict)) else None
        yield at(code, limit=value, found=size if kind == "maxItems" else found(instance))
    elif kind == "pattern" and isinstance(instance, str) and forbidden(instance):
        yield at("bad_chars", found=escaped(forbidden(instance)))
    elif "x-error" in err.schema:
        yield at(err.schema["x-error"], found=len(instance) if isinstance(instance, dict) else found(instance))
    else:
        yield at("schema_other", detail=err.message)


def schema_problems(doc: Document, schema_doc: dict, types: dict[str, str]) -> list[Problem]:
    """Every schema error of one document, collected first, then each turned into problems."""
    errors = list(validator_for(schema_doc).iter_errors(doc.data))
    out: list[Problem] = []
    for err in errors:
        out += [p for p in translate(err, doc, types) if p not in out]
    return out


class Shape:
    """A schema node with its `$ref`s followed, to walk data beside it. Its parts are made on first use and kept,
    so a check run many times in one process resolves each node once (resolving was half of a check)."""

    def __init__(self, node: dict, resolver):
        self.node, self.resolver, _ = resolve_refs(node, resolver)
        self.parts: dict = {}

    def part(self, key, node: dict) -> "Shape":
        if key not in self.parts:
            self.parts[key] = Shape(node, self.resolver)
        return self.parts[key]

    @functools.cached_property
    def branches(self) -> list[tuple[object, "Shape"]]:
        """allOf's branches (a content block's fields, by its type), each with the validator of its `if`."""
        return [(validator_for(b["if"]) if "if" in b else None, self.part(("allOf", n), b.get("then", b)))
                for n, b in enumerate(self.node.get("allOf", []))]


@functools.cache
def kind_shape(kind: str) -> Shape:
    return Shape(schema(kind), registry().resolver(base_uri=f"{kind}.schema.json"))


MARKS = ("x-ref", "x-check")  # what a schema may say of a value beyond its type: a reference, a check of its own


def declared(value: Any, shape: Shape, path: tuple = ()) -> Iterator[tuple[tuple, str, str, Any]]:
    """Every value whose schema carries a mark (`x-ref`: a source, an anchor...; `x-check`: a review date), as
    (path, mark, what it says, value): schema and data walked together, so a field is checked by what it is,
    whatever its name."""
    node = shape.node
    for mark in MARKS:
        if mark in node:
            yield path, mark, node[mark], value
    for test, then in shape.branches:
        if test is None or test.is_valid(value):
            yield from declared(value, then, path)
    if isinstance(value, dict):
        props, extra = node.get("properties", {}), node.get("additionalProperties")
        for key, item in value.items():
            sub, key_of_part = (props[key], key) if key in props else (extra, None)
            if isinstance(sub, dict):
                yield from declared(item, shape.part(("properties", key_of_part), sub), path + (key,))
    elif isinstance(value, list) and isinstance(node.get("items"), dict):
        items = shape.part(("items",), node["items"])
        for index, item in enumerate(value):
            yield from declared(item, items, path + (index,))


def walk_strings(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string inside a value, with its path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk_strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk_strings(item, path + (index,))


def markup_problems(doc: Document) -> list[Problem]:
    """Text from data never becomes live markup: an HTML tag anywhere in a file is refused."""
    out = []
    for path, text in walk_strings(doc.data):
        match = RAW_HTML.search(text)
        if match:
            out.append(Problem(doc.rel, doc.line_of(list(path)), path_text(path), "raw_html", {"found": match.group(0)[:30]}))
    return out


def shop_problems(doc: Document, content, types: dict[str, str], taken: frozenset = RESERVED_SHOP_IDS) -> list[Problem]:
    """Everything wrong with one shop profile: its file name (a page address, not one the site has already), its
    fields, markup in its text, and answers that contradict each other."""
    from .shopprofile import contradictions

    if not doc.ok:
        return list(doc.problems)
    if not SHOP_ID.fullmatch(doc.path.stem):
        return [Problem(doc.rel, 1, "", "bad_shop_id", {"found": doc.path.stem})]
    if doc.path.stem in taken:
        return [Problem(doc.rel, 1, "", "shop_id_taken", {"found": doc.path.stem})]
    problems = schema_problems(doc, content.shop_schema(), types) + markup_problems(doc)
    if not problems:
        problems = [Problem(doc.rel, doc.line_of(where), path_text(where), code, args)
                    for where, code, args in contradictions(doc.data, content.profile, content.states)]
    return sorted(problems, key=lambda p: (p.line, p.path))
