"""Yes/no schema checks compiled to Python by fastjsonschema, kept on disk between builds.

A valid file, the usual case, passes such a check in microseconds; only a failing file goes on
to jsonschema, which says what is wrong and where (validation.py). Generating the code for a
schema costs tens of milliseconds, so the compiled code is stored under `.cache/schema-checks/`
beside this package (or `$GUIDE_CACHE_DIR`), keyed by a hash of the schema and of every version
that shaped the code. A missing, stale or damaged entry is compiled again; a folder that cannot
be written only means the next build compiles again too. The cache never decides a verdict:
the same schema always gives the same code.
"""
from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Mapping

import fastjsonschema
from fastjsonschema.exceptions import JsonSchemaException

DRAFT = "http://json-schema.org/draft-07/schema#"
ANNOTATIONS = ("title", "description", "x-error", "$schema", "$comment", "examples", "default")
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
SCHEMA_VALUES = ("items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else",
                 "additionalItems", "unevaluatedProperties", "unevaluatedItems")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")

_MEMORY: dict[str, Callable[[Any], Any]] = {}


class Unsupported(ValueError):
    """The schema uses a $ref this module cannot inline; the caller falls back to jsonschema."""


def inline(schema: dict, schemas: Mapping[str, dict]) -> dict:
    """A self-contained draft-07 copy of a draft 2020-12 schema, for fastjsonschema.

    `$ref`s into other schema files (`common.schema.json#/$defs/text`) become local
    (`#/$defs/common__text`) with the definitions copied in; a `$ref` with sibling keywords is
    wrapped in `allOf`, since draft-07 ignores a `$ref`'s siblings while 2020-12 applies them;
    annotations (title, description, x-error) are dropped: they never change a verdict.
    """
    defs: dict[str, Any] = {}

    def ref(target: str, origin: str) -> str:
        file, _, pointer = target.partition("#")
        file = file or origin
        if not pointer.startswith("/$defs/") or "/" in pointer[len("/$defs/"):]:
            raise Unsupported(target)
        name = pointer[len("/$defs/"):]
        if not file:
            return target
        if file not in schemas or name not in schemas[file].get("$defs", {}):
            raise Unsupported(target)
        local = f"{file.removesuffix('.schema.json')}__{name}"
        if local not in defs:
            defs[local] = {}  # reserve first: definitions may refer to themselves
            defs[local] = walk(schemas[file]["$defs"][name], file)
        return f"#/$defs/{local}"

    def walk(node: Any, origin: str) -> Any:
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in ANNOTATIONS or (key == "$defs" and origin):
                continue
            if key == "$ref":
                out[key] = ref(value, origin)
            elif key in SCHEMA_MAPS and isinstance(value, dict):
                out[key] = {name: walk(sub, origin) for name, sub in value.items()}
            elif key in SCHEMA_VALUES:
                out[key] = walk(value, origin)
            elif key in SCHEMA_LISTS and isinstance(value, list):
                out[key] = [walk(sub, origin) for sub in value]
            else:
                out[key] = value
        if "$ref" in out and len(out) > 1:
            out = {"allOf": [{"$ref": out.pop("$ref")}], **out}
        return out

    result = walk(schema, "")
    local_defs = result.pop("$defs", {})
    result["$defs"] = {**local_defs, **defs}
    result["$schema"] = DRAFT
    return result


def cache_root() -> Path:
    """`$GUIDE_CACHE_DIR`, or `.cache/` beside this package: build caches that never decide a result."""
    return _cache_root(os.environ.get("GUIDE_CACHE_DIR"))


@functools.lru_cache(maxsize=8)
def _cache_root(configured: str | None) -> Path:
    return Path(configured) if configured else Path(__file__).resolve().parent.parent / ".cache"


def cache_dir() -> Path:
    return cache_root() / "schema-checks"


def _key(definition: str) -> str:
    salt = f"{fastjsonschema.VERSION}|{sys.implementation.cache_tag}|{marshal.version}|"
    return hashlib.sha256((salt + definition).encode("utf-8")).hexdigest()[:40]


def _generate(schema: dict, key: str):
    source = fastjsonschema.compile_to_code(schema, use_default=False)
    return compile(source, f"<schema check {key[:12]}>", "exec")


def _store(path: Path, code) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            marshal.dump(code, out)
        os.replace(tmp, path)  # readers see the old entry or the whole new one, never half
    except OSError:
        pass


def _load(path: Path):
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def check_for(schema: dict, schemas: Mapping[str, dict]) -> Callable[[Any], bool] | None:
    """A function data -> bool (valid or not) for schema, or None when it cannot be compiled."""
    try:
        self_contained = inline(schema, schemas)
    except Unsupported:
        return None
    text = json.dumps(self_contained, sort_keys=True, ensure_ascii=False)
    key = _key(text)
    validate = _MEMORY.get(key)
    if validate is None:
        path = cache_dir() / f"{key}.marshal"
        code = _load(path)
        if code is None:
            code = _generate(self_contained, key)
            _store(path, code)
        namespace: dict[str, Any] = {}
        exec(code, namespace)
        validate = _MEMORY[key] = namespace["validate"]
    return _boolean(validate)


def _boolean(validate: Callable[[Any], Any]) -> Callable[[Any], bool]:
    def check(data: Any) -> bool:
        try:
            validate(data)
        except JsonSchemaException:
            return False
        return True

    return check
