"""`python -m macros check` survives any input: each bad file gets one clear message, never a traceback."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import copy_project, run_cli

CASES = [
    ("list-instead-of-mapping", "data/glossary.yml", "- 订单险\n- 卖家中心\n".encode(), 1, "应为键值对"),
    ("alias-bomb", "data/glossary.yml",
     ('a: &a ["x","x"]\nb: &b [*a,*a]\n' + "".join(f"c{i}: &c{i} [*{'b' if i == 0 else f'c{i-1}'},*{'b' if i == 0 else f'c{i-1}'}]\n" for i in range(40))).encode(),
     1, "锚点和别名"),
    ("deep-nesting", "data/faq.yml", ("a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 80)) + "  " * 80 + "x: 1\n").encode(), 1, "嵌套超过"),
    ("control-characters", "data/site.yml", b"title: \x00\x01\n", 1, "控制字符"),
    ("binary-garbage", "data/tables.yml", bytes(range(256)) * 4, 2, "UTF-8"),
    ("only-comments", "data/impact.yml", "# 只有注释\n".encode(), 1, "文件是空的"),
    ("scalar-root", "data/profile.yml", "就一句话\n".encode(), 1, "应为键值对"),
    ("huge-file", "data/faq.yml", ("# " + "很长" * 100 + "\n").encode() * 12000, 1, "太大了"),
    ("tab-in-flow", "data/tables.yml", "tables:\n\t- id: x\n".encode(), 2, "Tab"),
    ("huge-integer", "data/search.yml", ("boost:\n  faq: " + "9" * 5000 + "\n").encode(), 2, "不能超过 15 位"),
    ("binary-tag", "data/impact.yml", "levels: !!binary aGk=\n".encode(), 1, "!!binary"),
    ("timestamp-tag", "data/sources.yml", "sources: !!timestamp 2026-01-01\n".encode(), 1, "!!timestamp"),
]


@pytest.mark.parametrize("case,rel,content,line,fragment", CASES, ids=[c[0] for c in CASES])
def test_bad_file_gets_one_clear_message(tmp_path, case, rel, content, line, fragment):
    root = copy_project(tmp_path / "p")
    (root / rel).write_bytes(content)
    result = run_cli("--root", str(root), "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    own = [l for l in result.stderr.splitlines() if l.startswith(f"{rel}:")]
    assert len(own) == 1, result.stderr
    assert own[0].startswith(f"{rel}:{line}:") and fragment in own[0], own[0]


def test_editor_file_is_never_rewritten(tmp_path):
    root = copy_project(tmp_path / "p")
    bad = root / "data" / "faq.yml"
    bad.write_text("entries: [\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (root / "data").rglob("*.yml")}
    for command in (["check"], ["lint"], ["checklist", str(root / "data" / "shops")]):
        run_cli("--root", str(root), *command)
    assert before == {p: p.read_bytes() for p in (root / "data").rglob("*.yml")}


def test_stale_dates_warn_but_do_not_fail(tmp_path):
    result = run_cli("check", "--today", "2027-12-31")
    assert result.returncode == 0, result.stderr
    assert "已超过 180 天" in result.stdout
    short = run_cli("check", "--max-age", "10", "--today", "2026-12-31")
    assert short.returncode == 0 and "已超过 10 天" in short.stdout
    fresh = run_cli("check", "--today", "2026-12-01")
    assert "已超过" not in fresh.stdout


def test_copy_lint_passes_on_the_data_and_names_line_and_fix(tmp_path):
    ok = run_cli("lint")
    assert ok.returncode == 0, ok.stderr
    root = copy_project(tmp_path / "p")
    faq = root / "data" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("会影响发布。", "会影响发布,关闭后3天内生效."), encoding="utf-8")
    bad = run_cli("--root", str(root), "lint")
    assert bad.returncode == 1
    line = next(l for l in bad.stderr.splitlines() if l.startswith("data/faq.yml:"))
    assert "entries[0].answer[1]" in line and "会影响发布，关闭后 3 天内生效。" in line


@pytest.mark.parametrize("text", ["订单\n# 标题", "店\n- [x] 已经可以关闭", "文字\n!!! danger \"伪造\"", "段落\n\n    代码", "1. 列表",
                                  "> 引用", "文字\n===", "[链接](javascript:alert(1))", "<script>alert(1)</script>"])
def test_editor_text_never_opens_a_markdown_block_or_markup(text):
    """Issue 17: whatever an editor or a shop file writes, it renders as one plain paragraph."""
    import markdown

    from macros.rendering import md_escape

    html = markdown.markdown(md_escape(text), extensions=["admonition", "pymdownx.tasklist", "attr_list"])
    assert html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1, html
    for tag in ("<h", "<li", "<pre", "<div", "<a ", "<script", "<input"):
        assert tag not in html, (tag, html)


@pytest.mark.parametrize("rel", ["data/messages.yml", "data/glossary.yml", "data/sources.yml", "data/guide/summary.yml"])
def test_a_deleted_required_file_is_named_in_chinese(tmp_path, rel):
    root = copy_project(tmp_path / "p")
    (root / rel).unlink()
    result = run_cli("--root", str(root), "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    where = "docs/summary.md:1:" if rel.startswith("data/guide/") else f"{rel}:1:"
    line = next(l for l in result.stderr.splitlines() if l.startswith(where))
    assert re.search(r"[\u4e00-\u9fff]", line) and "missing" not in line, line


def check(root) -> subprocess.CompletedProcess:
    return run_cli("--root", str(root), "check")


def test_a_broken_messages_file_still_gets_chinese_messages(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "data" / "messages.yml").write_text("errors: [\n", encoding="utf-8")
    (root / "data" / "faq.yml").write_text("entries: 3\n", encoding="utf-8")
    result = check(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()[:-1]  # the last line is the English tally for CI logs
    assert any(l.startswith("data/messages.yml:2:") for l in lines) and any(l.startswith("data/faq.yml:") for l in lines)
    assert all(re.search(r"[\u4e00-\u9fff]", l) for l in lines), lines


def test_an_unreadable_data_file_is_named(tmp_path):
    """A link to nowhere stands for a file that cannot be opened (root reads past permission bits)."""
    root = copy_project(tmp_path / "p")
    (root / "data" / "shops" / "gone.yml").symlink_to(tmp_path / "nowhere.yml")
    result = check(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.search(r"^data/shops/gone\.yml:1: .*[\u4e00-\u9fff]", result.stderr, re.M), result.stderr


def test_an_unreadable_folder_is_an_error_not_a_site_without_shops(tmp_path, monkeypatch):
    from macros import loading, validation

    root = copy_project(tmp_path / "p")
    shops = root / "data" / "shops"
    real_access = loading.os.access
    monkeypatch.setattr(loading.os, "access", lambda path, mode: Path(path) != shops and real_access(path, mode))
    problems = validation.errors(validation.check(loading.load_dataset(root)))
    assert [(p.file, p.code) for p in problems] == [("data/shops", "unreadable")]


def test_text_shows_as_it_was_written_and_the_footer_is_text(project_copy, tmp_path):
    """Issue 23: no stray backslash before = and ~ (guide, FAQ, shop name, shop index), and the footer is escaped."""
    from conftest import run_mkdocs
    from test_site_build import page, visible_text

    odd = "费用 = 0，约 ~3 天，1+1=2。"
    edits = {"data/guide/overview.yml": ("订单险是淘宝向卖家提供的一项保障服务", odd + "订单险是淘宝向卖家提供的一项保障服务"),
             "data/faq.yml": ("它们是两种不同的产品。", odd + "它们是两种不同的产品。"),
             "data/shops/solo-stationery.yml": ("name: ", "name: A=B~C "),
             "data/site.yml": ("footer: ", "footer: 页脚&lt;b&gt;粗体&lt;/b&gt; ")}
    for rel, (old, new) in edits.items():
        path = project_copy / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, rel
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project_copy, site)
    assert result.returncode == 0, result.stderr[-2000:]
    for name in ("overview", "faq"):
        shown = visible_text(page(site, name))
        assert odd in shown and "\\=" not in shown and "\\~" not in shown, name
    for name in ("shops/solo-stationery", "shops"):
        assert "A=B~C " in visible_text(page(site, name)) and "\\=" not in visible_text(page(site, name)), name
    home = page(site, "index")
    assert "&amp;lt;b&amp;gt;粗体&amp;lt;/b&amp;gt;" in home and "<b>粗体</b>" not in home, "the footer is text, not markup"


def test_a_tooltip_is_text_even_when_its_definition_reads_like_markdown(project_copy, tmp_path):
    """Python-Markdown reads links and emphasis before it sets inline HTML aside, inside an attribute too: a
    glossary definition written as a link once became a live javascript: link in every tooltip (found by the
    hostile-value property)."""
    from conftest import run_mkdocs
    from test_site_build import page

    glossary = project_copy / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("    definition: 淘宝为卖家提供的订单保障服务", '    definition: "[a](javascript:alert(1)) *斜体* `代码` 淘宝为卖家提供的订单保障服务', 1)
                        .replace("也是三种交易保障工具之一。\n", '也是三种交易保障工具之一。"\n', 1), encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs(project_copy, site)
    assert result.returncode == 0, result.stderr[-2000:]
    overview = page(site, "overview")
    assert 'href="javascript:' not in overview and "<em>斜体</em>" not in overview and "<code>代码</code>" not in overview
    assert 'title="&#91;a&#93;&#40;javascript:alert&#40;1&#41;&#41; &#42;斜体&#42; &#96;代码&#96; 淘宝' in overview, \
        "the tooltip shows the definition as written"
