"""macros/__init__.py: the wiring helpers that are not covered by a whole build."""
from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest

import macros
from macros import templates


def page_env(src_uri: str):
    return SimpleNamespace(page=SimpleNamespace(file=SimpleNamespace(src_uri=src_uri)))


def test_compile_once_reuses_a_template_per_text_and_keeps_pages_apart():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    calls = []
    original = env.from_string
    env.from_string = lambda *a, **k: calls.append(a) or original(*a, **k)
    templates.compile_once(env)
    templates.compile_once(env)  # installed once, however often mkdocs-macros calls the hook
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
    templates.compile_once(env, limit=3)
    for n in range(10):
        assert env.from_string(f"{{{{ {n} }}}}").render() == str(n)


def test_checklist_without_id_takes_the_shop_from_the_page():
    assert macros._page_shop(page_env("shops/tea-returns.md")) == "tea-returns"


@pytest.mark.parametrize("src", ["faq.md", "shops/index/x.md", "other/tea.md", "", "shops/tea.txt"])
def test_checklist_without_id_elsewhere_is_a_clear_error(src):
    with pytest.raises(ValueError, match="shops/<id>.md"):
        macros._page_shop(page_env(src))


def counting_env(**options):
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, **options)
    env.compiles = 0
    original = env.compile

    def compile(*args, **kwargs):
        env.compiles += 1
        return original(*args, **kwargs)

    env.compile = compile
    return env


def test_compiled_page_templates_are_kept_between_builds(tmp_path):
    first = counting_env()
    templates.compile_once(first, cache_dir=tmp_path)
    assert first.from_string("{{ shop }}：{{ n + 1 }}").render(shop="甲", n=1) == "甲：2"
    assert first.compiles == 1 and len(list(tmp_path.iterdir())) == 1

    second = counting_env()  # the next build: a new environment, the same folder
    templates.compile_once(second, cache_dir=tmp_path)
    assert second.from_string("{{ shop }}：{{ n + 1 }}").render(shop="乙", n=2) == "乙：3"
    assert second.compiles == 0
    with pytest.raises(jinja2.UndefinedError):
        second.from_string("{{ shop }}：{{ n + 1 }}").render()
    assert second.from_string("{{ shop }}！").render(shop="丙") == "丙！"  # another text: compiled
    assert second.compiles == 1


def test_other_jinja_syntax_never_reuses_code_compiled_for_the_default(tmp_path):
    default = counting_env()
    templates.compile_once(default, cache_dir=tmp_path)
    assert default.from_string("[[ x ]] {{ x }}").render(x=1) == "[[ x ]] 1"
    brackets = counting_env(variable_start_string="[[", variable_end_string="]]")
    templates.compile_once(brackets, cache_dir=tmp_path)
    assert brackets.from_string("[[ x ]] {{ x }}").render(x=1) == "1 {{ x }}"
    assert brackets.compiles == 1


def test_damaged_cache_entries_are_compiled_again(tmp_path):
    env = counting_env()
    templates.compile_once(env, cache_dir=tmp_path)
    env.from_string("{{ 6 * 7 }}")
    for entry in tmp_path.iterdir():
        entry.write_bytes(entry.read_bytes()[:20] + b"\x00damaged")
    again = counting_env()
    templates.compile_once(again, cache_dir=tmp_path)
    assert again.from_string("{{ 6 * 7 }}").render() == "42"
    assert again.compiles == 1


def test_a_cache_folder_that_cannot_be_made_only_means_compiling(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = counting_env()
    templates.compile_once(env, cache_dir=blocker / "templates")
    assert env.from_string("{{ 1 + 1 }}").render() == "2"
