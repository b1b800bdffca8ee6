"""Every example shop gets a generated page and a row in the index; none of them is searchable."""
from __future__ import annotations

import json
import re

from macros.checklist import Generator
from macros.site import load_site

from conftest import ROOT
from test_site_build import page, visible_text

SITE = load_site(ROOT).require_valid()
CONTENT = SITE.content


def test_each_shop_has_a_page_with_verdict_tasks_and_tables(built_site):
    gen = Generator(CONTENT)
    for shop_id, data in CONTENT.shops().items():
        cl = gen.build(shop_id, data)
        markup = page(built_site, f"shops/{shop_id}")
        text = visible_text(markup)
        assert cl.name in text
        reasons = CONTENT.verdict("reason_separator").join(cl.reasons)
        verdict = CONTENT.verdict("ready") if cl.ready else CONTENT.verdict("not_ready", reasons=reasons)
        assert verdict in text
        assert markup.count('class="task-list-item"') == len(cl.pre) + len(cl.post)
        for item in cl.pre + cl.post:
            assert item.text in text
        for aspect, level in cl.impact:
            assert re.search(re.escape(aspect) + r"\s*" + re.escape(level), text)
        for order in cl.orders:
            assert order.id in text
        assert 'id="pre-close"' in markup and 'id="post-close"' in markup


def test_shop_index_lists_every_shop_with_readiness(built_site):
    gen = Generator(CONTENT)
    text = visible_text(page(built_site, "shops"))
    markup = page(built_site, "shops")
    for shop_id, data in CONTENT.shops().items():
        cl = gen.build(shop_id, data)
        assert f'href="{shop_id}/"' in markup
        label = CONTENT.verdict("index_ready_yes" if cl.ready else "index_ready_no")
        assert re.search(re.escape(cl.name) + r"\s*" + re.escape(label), text), shop_id


def test_shop_pages_stay_out_of_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("shops/")]


def test_shop_pages_are_generated_not_written():
    assert not (ROOT / "docs" / "shops").exists()
