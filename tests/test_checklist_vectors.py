"""The shared checklist documents (tests/vectors/checklists.json), also run by node, and the CLI's Markdown of them."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from macros.checklist import plainmd
from macros.checklist.builder import Generator, apply_export, csv_problem, list_document as document
from macros.checklist.share import share_query as profile_query

VECTORS = json.loads((Path(__file__).parent / "vectors" / "checklists.json").read_text(encoding="utf-8"))
SPEC = VECTORS["spec"]


def document_of(case: dict) -> dict:
    return document(Generator(SPEC).build("shop-key", case["shop"], case.get("imported")), SPEC, case["date"])


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_shared_vectors(case):
    assert document_of(case) == case["expected"]
    profile = Generator(SPEC).build("shop-key", case["shop"], case.get("imported")).profile
    assert profile_query(profile, SPEC) == case["query"], "the share link of the answers, as the page writes it"


def test_vectors_cover_every_group_an_import_a_listed_order_and_a_ready_shop():
    docs = [c["expected"] for c in VECTORS["cases"]]
    assert {g["key"] for d in docs for g in d["groups"]} == {"blocking", "pre", "during", "post"}
    assert any(d["ready"] for d in docs) and not all(d["ready"] for d in docs)
    assert {r["kind"] for d in docs if d["orders"] for r in d["orders"]["rows"]} == {"handled", "open", "check"}
    assert any(d["orders"] and d["orders"]["columns"] == SPEC["columns"] for d in docs)


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_the_cli_markdown_carries_no_html_attributes_or_entities(case):
    text = plainmd.render(case["expected"], SPEC)
    assert not re.search(r"(?<!\\)<[a-z/]|\{:|(?<!\\)&(amp|lt|gt|quot|#\d+);", text), text
    for group in case["expected"]["groups"]:
        assert f"## {group['title']}" in text
        for item in group["items"]:
            assert plainmd.md(item["text"]) in text


def test_markdown_escapes_what_a_viewer_would_read_as_markup():
    assert plainmd.md("<b>x</b> *y* [z](u) a|b &amp; 订单险&账期保障") == "\\<b\\>x\\</b\\> \\*y\\* \\[z\\](u) a\\|b \\&amp; 订单险&账期保障"
    assert plainmd.md("# 标题") == "\\# 标题" and plainmd.md("1. 一") == "1\\. 一" and plainmd.md("- 项") == "\\- 项"
    assert plainmd.md("第一行\n第二行") == "第一行 第二行"


EXPORTS = json.loads((Path(__file__).parent / "vectors" / "exports.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", EXPORTS["exports"], ids=[c["name"] for c in EXPORTS["exports"]])
def test_shared_export_vectors(case):
    """An export's counts applied to the answers, as tests/js/exports-vectors.test.js applies them in JS."""
    assert apply_export(case["shop"], {"counts": case["counts"], "rows": [], "unknown": case.get("unknown", [])}, EXPORTS["spec"]) == case["expected"]


@pytest.mark.parametrize("case", EXPORTS["problems"], ids=[c["name"] for c in EXPORTS["problems"]])
def test_shared_csv_problem_vectors(case):
    assert csv_problem(case["problem"], EXPORTS["spec"]) == case["expected"]
