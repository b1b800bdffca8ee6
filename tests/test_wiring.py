"""macros/__init__.py: the wiring helpers that are not covered by a whole build."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

import macros


def page_env(src_uri: str):
    return SimpleNamespace(page=SimpleNamespace(file=SimpleNamespace(src_uri=src_uri)))


def test_checklist_without_id_takes_the_shop_from_the_page():
    assert macros._page_shop(page_env("shops/tea-returns.md")) == "tea-returns"


@pytest.mark.parametrize("src", ["faq.md", "shops/index/x.md", "other/tea.md", "", "shops/tea.txt"])
def test_checklist_without_id_elsewhere_is_a_clear_error(src):
    with pytest.raises(ValueError, match="shops/<id>.md"):
        macros._page_shop(page_env(src))

