"""macros/__init__.py: the wiring helpers that are not covered by a whole build."""
from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest

import macros


def page_env(src_uri: str):
    return SimpleNamespace(page=SimpleNamespace(file=SimpleNamespace(src_uri=src_uri)))


def test_compile_once_reuses_a_template_per_text_and_keeps_pages_apart():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    calls = []
    original = env.from_string
    env.from_string = lambda *a, **k: calls.append(a) or original(*a, **k)
    macros.compile_once(env)
    macros.compile_once(env)  # installed once, however often mkdocs-macros calls the hook
    first, again, other = env.from_string("{{ shop }}"), env.from_string("{{ shop }}"), env.from_string("{{ 1 }}")
    assert first is again and first is not other
    assert len(calls) == 2
    assert first.render(shop="甲") == "甲" and again.render(shop="乙") == "乙", "a reused template keeps no page state"
    with pytest.raises(jinja2.UndefinedError):
        first.render()
    env.from_string("{{ x }}", globals={"x": 1})  # anything unusual goes straight to Jinja
    assert len(calls) == 3


def test_compile_once_stays_bounded():
    env = jinja2.Environment()
    macros.compile_once(env, limit=3)
    for n in range(10):
        assert env.from_string(f"{{{{ {n} }}}}").render() == str(n)


def test_checklist_without_id_takes_the_shop_from_the_page():
    assert macros._page_shop(page_env("shops/tea-returns.md")) == "tea-returns"


@pytest.mark.parametrize("src", ["faq.md", "shops/index/x.md", "other/tea.md", "", "shops/tea.txt"])
def test_checklist_without_id_elsewhere_is_a_clear_error(src):
    with pytest.raises(ValueError, match="shops/<id>.md"):
        macros._page_shop(page_env(src))
