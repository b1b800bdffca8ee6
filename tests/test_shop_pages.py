"""Every example shop gets a generated page and a row in the index; none of them is searchable."""
from __future__ import annotations

import json
import re


from helpers import CONTENT, ROOT, SHOP_DOCUMENTS
from helpers import html_page as page, visible_text



def test_each_shop_has_a_page_with_verdict_next_step_groups_and_tables(built_site):
    for shop_id, doc in SHOP_DOCUMENTS.items():
        markup = page(built_site, f"shops/{shop_id}")
        text = visible_text(markup)
        assert doc["name"] in text and doc["verdict"]["text"] in text
        assert re.search(re.escape(CONTENT.words("next_title")) + r"\W*" + re.escape(doc["next"]["text"]), text), "the next step"
        items = [i for g in doc["groups"] for i in g["items"]]
        assert markup.count('class="task-list-item"') == len(items)
        headings = re.findall(r'<h2 id="(blocking|pre|during|post)"', markup)
        assert headings == [g["key"] for g in doc["groups"]], "the same groups, in the same order, as the CLI and the page"
        for item in items:
            assert item["text"] in text
        assert "<details" not in markup.split('id="impact"')[0], "no item is folded away"
        for row in doc["impact"]:
            assert re.search(re.escape(row["aspect"]) + r"\s*" + re.escape(row["level"]), text)
        for row in (doc["orders"] or {}).get("rows", []):
            assert row["cells"][0] in text
        for answer in doc["answers"]:
            assert re.search(re.escape(answer["label"]) + r"\s*" + re.escape(answer["value"]), text), answer


def test_shop_index_lists_every_shop_with_readiness(built_site):
    text = visible_text(page(built_site, "shops"))
    markup = page(built_site, "shops")
    for shop_id, doc in SHOP_DOCUMENTS.items():
        assert f'href="{shop_id}/"' in markup
        label = CONTENT.words("index_ready_yes" if doc["ready"] else "index_ready_no")
        assert re.search(re.escape(doc["name"]) + r"\s*" + re.escape(label), text), shop_id


def test_shop_pages_stay_out_of_the_search_index(built_site):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("shops/")]
    # The check above can fail: locations read this way name the pages that are indexed, and shop pages exist.
    assert any(d["location"].startswith("faq/#") for d in index["docs"]) and (built_site / "shops" / "index.html").exists()


def test_shop_pages_are_generated_from_the_data_not_written(built_site):
    """Every shop file, and nothing else, becomes a page: docs/ holds none of them to drift from the data."""
    assert not (ROOT / "docs" / "shops").exists()
    built = sorted(p.parent.name for p in (built_site / "shops").glob("*/index.html"))
    assert built == sorted(p.stem for p in (ROOT / "data" / "shops").glob("*.yml"))
