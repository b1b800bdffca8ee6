"""Chinese search in the real browser finds the section that answers the query."""
from __future__ import annotations

import pytest

from browser import search

pytestmark = pytest.mark.browser

# query -> sections that answer it; one of them must be among the first three results
QUERIES = [
    ("订单险", ("overview/", "overview/#what-is", "close-steps/", "close-steps/#steps")),
    ("订单险是什么", ("overview/", "overview/#what-is")),
    ("重新开通", ("close-steps/#reopen-and-rating", "faq/#reopen")),
    ("店铺评分", ("faq/#shop-rating", "close-steps/#reopen-and-rating")),
    ("额外费用", ("faq/#extra-fee",)),
    ("备份", ("prepare/#backup",)),
    ("保险服务", ("close-steps/#steps", "after-close/#check-status", "faq/#where-to-close", "close-steps/#menu-paths")),
    ("通知团队", ("after-close/#notify-team", "after-close/#after-close-actions")),
    ("影响评估", ("prepare/#assess-impact",)),
    ("检查清单", ("checklist/",)),
    ("客户服务", ("prepare/#assess-impact",)),
    ("网络", ("close-steps/#close-cautions",)),
]


@pytest.mark.parametrize("query,expected", QUERIES)
def test_query_finds_the_right_section_in_top_three(page, query, expected):
    page.goto(page.base_url)
    hrefs = search(page, query)
    assert hrefs, f"no results for {query}"
    assert set(expected) & set(hrefs[:3]), (query, hrefs[:5])
