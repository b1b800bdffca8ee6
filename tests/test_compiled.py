"""The compiled yes/no schema checks: same verdicts as jsonschema, and a cache that cannot mislead."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from macros import compiled, validation
from macros.site import load_site

from conftest import ROOT, schema_of

SITE = load_site(ROOT).require_valid()
FIXTURES = ROOT / "tests" / "fixtures" / "invalid"


@pytest.mark.parametrize("name", sorted(validation.schemas()))
def test_every_schema_compiles(name):
    assert compiled.check_for(validation.schemas()[name], validation.schemas()) is not None, name


def fixture_docs():
    for case in sorted(FIXTURES.iterdir()):
        for path in sorted((case / "data").rglob("*.yml")):
            yield case.name, path.relative_to(case).as_posix(), path


@pytest.mark.parametrize("rel", sorted(SITE.dataset.docs))
def test_real_files_pass_both_checks(rel):
    data, schema_doc = SITE.dataset.docs[rel].data, schema_of(SITE.dataset, rel)
    assert validation.fast_validator(schema_doc)(data) is True
    assert validation.validator_for(schema_doc).is_valid(data) is True


def test_fixture_files_get_the_same_verdict_from_both_checks():
    from macros.loading import parse_text

    compared = failing = 0
    for case, rel, path in fixture_docs():
        if validation.file_kind(rel) is None:
            continue
        data, problems = parse_text(path.read_bytes().decode("utf-8", "replace"), rel)
        if problems:
            continue
        schema_doc = schema_of(SITE.dataset, rel)
        verdict = validation.validator_for(schema_doc).is_valid(data)
        assert validation.fast_validator(schema_doc)(data) == verdict, f"{case}: {rel}"
        compared += 1
        failing += not verdict
    assert compared >= 12 and failing >= 5, (compared, failing)


def test_ref_with_sibling_keywords_applies_both():
    """Draft 2020-12 applies keywords beside $ref; draft-07 (fastjsonschema) would drop them."""
    schema_doc = {"type": "object", "properties": {"name": {"$ref": "common.schema.json#/$defs/text", "maxLength": 3}}}
    check = compiled.check_for(schema_doc, validation.schemas())
    assert check({"name": "abc"}) is True
    assert check({"name": "abcd"}) is False, "maxLength beside the $ref"
    assert check({"name": " "}) is False, "the pattern of common text behind the $ref"


def test_unknown_ref_falls_back_to_jsonschema():
    assert compiled.check_for({"$ref": "nowhere.schema.json#/$defs/x"}, validation.schemas()) is None
    assert compiled.check_for({"$ref": "#/properties/a"}, validation.schemas()) is None


SCHEMA = {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer", "minimum": 2}}}


def fresh(monkeypatch, folder: Path) -> None:
    monkeypatch.setenv("GUIDE_CACHE_DIR", str(folder))
    monkeypatch.setattr(compiled, "_MEMORY", {})


def test_cache_entry_is_written_and_reused(tmp_path, monkeypatch):
    fresh(monkeypatch, tmp_path)
    assert compiled.check_for(SCHEMA, {})({"a": 3}) is True
    entries = list((tmp_path / "schema-checks").glob("*.marshal"))
    assert len(entries) == 1
    stamp = entries[0].stat().st_mtime_ns
    monkeypatch.setattr(compiled, "_MEMORY", {})
    assert compiled.check_for(SCHEMA, {})({"a": 1}) is False
    assert entries[0].stat().st_mtime_ns == stamp, "read, not written again"


def test_changed_schema_gets_its_own_entry(tmp_path, monkeypatch):
    fresh(monkeypatch, tmp_path)
    compiled.check_for(SCHEMA, {})
    stricter = json.loads(json.dumps(SCHEMA))
    stricter["properties"]["a"]["minimum"] = 5
    assert compiled.check_for(stricter, {})({"a": 3}) is False
    assert compiled.check_for(SCHEMA, {})({"a": 3}) is True
    assert len(list((tmp_path / "schema-checks").glob("*.marshal"))) == 2


@pytest.mark.parametrize("garbage", [b"", b"\x00\x01garbage", b"\xe3"])
def test_damaged_cache_entry_is_compiled_again(tmp_path, monkeypatch, garbage):
    fresh(monkeypatch, tmp_path)
    compiled.check_for(SCHEMA, {})
    (entry,) = (tmp_path / "schema-checks").glob("*.marshal")
    entry.write_bytes(garbage)
    monkeypatch.setattr(compiled, "_MEMORY", {})
    check = compiled.check_for(SCHEMA, {})
    assert check({"a": 3}) is True and check({"a": 1}) is False and check({}) is False
    assert entry.stat().st_size > 100, "the damaged entry was replaced"


def test_unwritable_cache_still_checks(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    fresh(monkeypatch, blocker)
    check = compiled.check_for(SCHEMA, {})
    assert check({"a": 3}) is True and check({"a": "3"}) is False


def test_valid_data_is_checked_without_importing_jsonschema():
    """jsonschema (about 0.1 s to import) is needed only to explain a failure."""
    code = ("import sys; from macros.site import load_site; site = load_site('.'); "
            "assert not site.errors; print('jsonschema' in sys.modules, 'referencing' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]
