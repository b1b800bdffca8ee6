"""Issue 23's text properties: escaped text shows exactly itself (site and CLI Markdown), one text rule for every
text (Python, the schemas and the page agree through tests/vectors/text.json), nothing invisible reaches stdout."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from macros.checklist import plainmd
from macros.model import text
from macros.render.renderer import md_escape
from macros.model.schemacheck import schema, validator_for

from helpers import EXAMPLES, ROOT, run_module

MANY = EXAMPLES
CONFIG = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "null", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
EXTENSIONS = [e if isinstance(e, str) else next(iter(e)) for e in CONFIG["markdown_extensions"]]
SITE_MD = markdown.Markdown(extensions=["toc", "tables", "fenced_code", *EXTENSIONS])
CLI_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
VECTORS = json.loads((ROOT / "tests" / "vectors" / "text.json").read_text(encoding="utf-8"))

# Markdown's own characters, entity-looking runs, block openers and Chinese, as an editor could type them.
pieces = st.sampled_from(list("\\`*_[]{}()#|!~=<>&;:.-+?'\"/ 0123456789ab中文，。「」") +
                         ["&amp;", "&lt;", "&#60;", "&copy;", "???", "!!!", "```", "---", "***", "1.", "- ", "> ", "{: .x }",
                          "*[x]: y", "[a](b)", "<b>", "<!-- c -->", "\n", "  ", "\t", "==", "~~", "\\*", "[ ]"])
texts = st.lists(pieces, min_size=1, max_size=12).map("".join).filter(lambda t: t.strip())


def squash(value: str) -> str:
    return " ".join(value.split())


def shown(rendered_html: str) -> str:
    return squash(html.unescape(re.sub(r"<[^>]+>", "", rendered_html)))


@settings(max_examples=MANY, deadline=None)
@given(texts)
def test_escaped_text_shows_exactly_itself_in_the_site(value):
    assert shown(SITE_MD.reset().convert(md_escape(value))) == squash(value)


@settings(max_examples=MANY, deadline=None)
@given(texts)
def test_the_cli_markdown_shows_exactly_the_text_in_a_commonmark_viewer(value):
    assert shown(CLI_MD.render(plainmd.md(value))) == squash(value)
    cell = plainmd.table(["x"], [[value]])
    assert shown(CLI_MD.render(cell)).removeprefix("x ") == squash(value), "a table cell too"


def test_the_stray_backslashes_of_the_report_are_gone():
    assert md_escape("费用 = 0，约 ~3 天，1+1=2。") == "费用 = 0，约 ~3 天，1+1=2。"
    assert shown(SITE_MD.reset().convert(md_escape("??? note 标题"))) == "??? note 标题", "no details block from text"


# -- one text rule --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_shared_text_vectors(case):
    value = case["text"]
    assert (text.forbidden(value) is None and not text.blank(value)) is case["acceptable"]
    assert text.visible(value) == case["visible"]
    for kind, one_line in (("text", False), ("line", True)):
        valid = not list(validator_for({"$ref": f"common.schema.json#/$defs/{kind}"}).iter_errors(value))
        assert valid is (case["acceptable"] and not (one_line and re.search(r"[\t\n\r]", value))), (kind, value)


def test_the_schemas_carry_the_rule_of_macros_text():
    common = schema("common")["$defs"]
    assert common["text"]["pattern"] == text.schema_pattern(multiline=True)
    assert common["line"]["pattern"] == text.schema_pattern(multiline=False)
    js = (ROOT / "docs" / "assets" / "checklist-core.js").read_text(encoding="utf-8")
    for name, cls in (("FORBIDDEN", text.FORBIDDEN_CLASS), ("SHOWN_ESCAPED", text.SHOWN_ESCAPED.pattern[1:-1])):
        assert f"var {name} = /[{cls}]/" in js, name


def test_vectors_cover_each_kind_of_character():
    names = " ".join(c["name"] for c in VECTORS["cases"])
    for kind in ("C0", "C1", "DEL", "bidi", "zero-width", "no-break space", "line separator", "Chinese"):
        assert kind in names, kind


# -- nothing invisible reaches a terminal ------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["md", "json"])
def test_terminal_codes_in_an_export_never_reach_stdout(tmp_path, fmt):
    export = tmp_path / "orders.csv"
    export.write_text("订单编号,订单状态,宝贝标题\n1,\x1bc\x1b[2J交易成功,\x9b31m杯\u202e子\n2,交易成功,茶\n", encoding="utf-8")
    done = run_module("checklist", "data/shops/toy-no-guarantee.yml", "--orders", str(export), "--format", fmt)  # a real terminal's bytes
    assert done.returncode == 0, done.stderr
    for stream in (done.stdout, done.stderr):
        assert not text.SHOWN_ESCAPED.search(stream), repr(stream[:200])
    assert "\\x1bc\\x1b" in done.stdout.replace("\\\\", "\\") or "\\u001bc\\u001b" in done.stdout
    if fmt == "json":
        listed = json.loads(done.stdout)
        assert listed["orders"]["rows"][0]["cells"][2] == "\\x1bc\\x1b[2J交易成功", "the cell is shown with its escapes"


def test_the_fallback_messages_know_the_new_codes():
    fallback = yaml.safe_load(Path(ROOT / "macros" / "model" / "fallback-messages.yml").read_text(encoding="utf-8"))["errors"]
    for code in ("bad_chars", "shop_id_taken", "shop_contradiction", "shop_not_asked", "bad_bounds", "default_out_of_range",
                 "out_inside_site", "link_outside"):
        assert code in fallback, code
