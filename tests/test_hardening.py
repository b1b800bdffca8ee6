"""`python -m tools check` survives any input: each bad file gets one clear message, never a traceback."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import CONTENT, ROOT, TODAY, copy_project, html_page, run_cli, run_mkdocs, visible_text
from macros.model.problems import Problem

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


def data_files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (root / "data").rglob("*.yml")}


def test_editor_file_is_never_rewritten(tmp_path):
    """Every command, fmt (the only one that writes data) included, fails on a broken file and leaves all as it was."""
    root = copy_project(tmp_path / "p")
    bad = root / "data" / "faq.yml"
    bad.write_text("entries: [\n", encoding="utf-8")
    before = data_files(root)
    for command in (["check"], ["lint"], ["fmt"], ["checklist", str(root / "data" / "shops")]):
        result = run_cli("--root", str(root), *command)
        assert result.returncode == 1, (command, result.returncode, result.stderr[-500:])
        assert "data/faq.yml:" in result.stderr and "Traceback" not in result.stderr, (command, result.stderr[-500:])
    assert before == data_files(root)


def test_fmt_rewrites_only_the_file_out_of_style_and_keeps_its_data(tmp_path):
    from macros.model.loading import read_document

    root = copy_project(tmp_path / "p")
    assert run_cli("--root", str(root), "fmt").stdout.startswith("OK:"), "the data is in the style: nothing to rewrite"
    glossary = root / "data" / "glossary.yml"
    styled = glossary.read_text(encoding="utf-8")
    data = read_document(glossary, root).data
    glossary.write_text(styled.replace("title: 术语表\n", "title: '术语表'   \n", 1).replace("\nterms:\n", "\nterms:\n\n", 1),
                        encoding="utf-8")
    before = data_files(root)
    checked = run_cli("--root", str(root), "check", "--today", TODAY)
    assert checked.returncode == 1 and "data/glossary.yml:1: " in checked.stderr, "check names the first line out of style"
    result = run_cli("--root", str(root), "fmt")
    assert result.returncode == 0 and result.stdout.split() == ["rewrote", "data/glossary.yml"], result
    assert glossary.read_text(encoding="utf-8") == styled and read_document(glossary, root).data == data
    assert run_cli("--root", str(root), "check", "--today", TODAY).returncode == 0
    assert {p: b for p, b in before.items() if p != glossary} == {p: b for p, b in data_files(root).items() if p != glossary}


@pytest.mark.parametrize("slip, said", [("item", "内容因此变了"), ("field", "读成了第")])
def test_a_line_indented_into_the_text_above_is_a_content_change_and_fmt_leaves_it(tmp_path, slip, said):
    """Issue 33: one space too many before a paragraph (`- `) or a field merged it into the text above; check called that
    a style difference (「内容没有错」) and fmt made the merge the file's content."""
    root = copy_project(tmp_path / "p")
    faq = root / "data" / "faq.yml"
    lines = faq.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.startswith("      - ") and lines[i - 1].startswith("      - "))
    lines[n] = "  " + lines[n] if slip == "item" else lines[n]
    if slip == "field":  # the field after an answer's last paragraph, indented under the paragraph
        n = next(i for i, line in enumerate(lines) if line.startswith("    sources:") and lines[i - 1].startswith("      - "))
        lines[n] = "    " + lines[n]
    slipped = "\n".join(lines)
    faq.write_text(slipped, encoding="utf-8")
    checked = run_cli("--root", str(root), "check", "--today", TODAY)
    assert checked.returncode == 1 and f"data/faq.yml:{n + 1}: " in checked.stderr, checked.stderr[-600:]
    assert CONTENT.error_templates["yaml_style"].split("，")[0] not in checked.stderr and said in checked.stderr
    result = run_cli("--root", str(root), "fmt")
    assert result.returncode == 1 and faq.read_text(encoding="utf-8") == slipped, "the file is left as the editor wrote it"


def test_stale_dates_warn_but_do_not_fail(tmp_path):
    result = run_cli("check", "--today", "2027-12-31")
    assert result.returncode == 0, result.stderr
    assert "已超过 180 天" in result.stdout
    short = run_cli("check", "--max-age", "10", "--today", "2026-12-31")
    assert short.returncode == 0 and "已超过 10 天" in short.stdout
    fresh = run_cli("check", "--today", TODAY)
    assert "已超过" not in fresh.stdout
    negative = run_cli("check", "--max-age", "-5", "--today", TODAY)  # once 24 warnings of nonsense
    assert negative.returncode == 2 and negative.stderr.startswith("--max-age:1: ") and "已超过" not in negative.stdout, negative


def test_copy_lint_passes_on_the_data_and_names_line_and_fix(tmp_path):
    ok = run_cli("lint")
    assert ok.returncode == 0, ok.stderr
    root = copy_project(tmp_path / "p")
    faq = root / "data" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("这个类目的商品。", "这个类目的商品,关闭后3天内生效."), encoding="utf-8")
    bad = run_cli("--root", str(root), "lint")
    assert bad.returncode == 1
    line = next(l for l in bad.stderr.splitlines() if l.startswith("data/faq.yml:"))
    assert "entries（第 1 条）.answer（第 2 条）" in line and "这个类目的商品，关闭后 3 天内生效。" in line


@pytest.mark.parametrize("text", ["订单\n# 标题", "店\n- [x] 已经可以关闭", "文字\n!!! danger \"伪造\"", "段落\n\n    代码", "1. 列表",
                                  "> 引用", "文字\n===", "[链接](javascript:alert(1))", "<script>alert(1)</script>"])
def test_editor_text_never_opens_a_markdown_block_or_markup(text):
    """Issue 17: whatever an editor or a shop file writes, it renders as one plain paragraph."""
    import markdown

    from macros.render.renderer import md_escape

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
    from macros.model import loading, validation

    root = copy_project(tmp_path / "p")
    shops = root / "data" / "shops"
    real_access = loading.os.access
    monkeypatch.setattr(loading.os, "access", lambda path, mode: Path(path) != shops and real_access(path, mode))
    problems = validation.errors(validation.check(loading.load_dataset(root)))
    assert [(p.file, p.code) for p in problems] == [("data/shops", "unreadable")]


ODD = "费用 = 0，约 ~3 天，1+1=2。"


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory) -> Path:
    """One build of a project copy whose texts read like Markdown or markup (the two tests below read it)."""
    root = copy_project(tmp_path_factory.mktemp("odd") / "p")
    edits = {"data/guide/overview.yml": [("订单险是一项面向买家的保障", ODD + "订单险是一项面向买家的保障")],
             "data/faq.yml": [("它们是两种不同的产品。", ODD + "它们是两种不同的产品。")],
             "data/shops/solo-stationery.yml": [("name: ", "name: A=B~C ")],
             "data/site.yml": [("footer: ", "footer: 页脚&lt;b&gt;粗体&lt;/b&gt; ")],
             "data/glossary.yml": [("    definition: 面向买家的售后保障",
                                    '    definition: "[a](javascript:alert(1)) *斜体* `代码` 面向买家的售后保障'),
                                   ("也是三种交易保障工具之一。\n", '也是三种交易保障工具之一。"\n')]}
    for rel, pairs in edits.items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, rel
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    site = root.parent / "site"
    result = run_mkdocs(root, site)
    assert result.returncode == 0, result.stderr[-2000:]
    return site


def test_text_shows_as_it_was_written_and_the_footer_is_text(odd_site):
    """Issue 23: no stray backslash before = and ~ (guide, FAQ, shop name, shop index), and the footer is escaped."""
    for name in ("overview", "faq"):
        shown = visible_text(html_page(odd_site, name))
        assert ODD in shown and "\\=" not in shown and "\\~" not in shown, name
    for name in ("shops/solo-stationery", "shops"):
        shown = visible_text(html_page(odd_site, name))
        assert "A=B~C " in shown and "\\=" not in shown, name
    home = html_page(odd_site, "index")
    assert "&amp;lt;b&amp;gt;粗体&amp;lt;/b&amp;gt;" in home and "<b>粗体</b>" not in home, "the footer is text, not markup"


def test_a_tooltip_is_text_even_when_its_definition_reads_like_markdown(odd_site):
    """Python-Markdown reads links and emphasis before it sets inline HTML aside, inside an attribute too: a
    glossary definition written as a link once became a live javascript: link in every tooltip (found by the
    hostile-value property)."""
    overview = html_page(odd_site, "overview")
    assert 'href="javascript:' not in overview and "<em>斜体</em>" not in overview and "<code>代码</code>" not in overview
    assert 'title="&#91;a&#93;&#40;javascript:alert&#40;1&#41;&#41; &#42;斜体&#42; &#96;代码&#96; 面向买家' in overview, \
        "the tooltip shows the definition as written"


# -- issue 34: what fmt writes, and what the style check says ---------------------------------------------------------
def out_of_style(path: Path) -> str:
    """The file rewritten with a harmless style difference (quotes and a trailing space on its first line)."""
    text = path.read_text(encoding="utf-8")
    first, rest = text.split("\n", 1)
    key, value = first.split(": ", 1)
    path.write_text(f"{key}: '{value}'   \n{rest}", encoding="utf-8")
    return text


def test_fmt_never_writes_through_a_link_out_of_data(tmp_path):
    root = copy_project(tmp_path / "p")
    target = root / "tests" / "shop.yml"
    target.parent.mkdir()
    shop = root / "data" / "shops" / "tea-returns.yml"
    shutil.move(shop, target)
    out_of_style(target)
    shop.symlink_to(Path("../../tests/shop.yml"))
    before = target.read_bytes()
    result = run_cli("--root", str(root), "fmt")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("data/shops/tea-returns.yml:1: ") and "链接" in result.stderr, result.stderr
    assert target.read_bytes() == before and shop.is_symlink()


def test_fmt_names_a_file_it_cannot_write(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "p")
    glossary = root / "data" / "glossary.yml"
    out_of_style(glossary)
    real_write = Path.write_text

    def refuse(self, *args, **kwargs):
        if self == glossary:
            raise PermissionError(13, "Permission denied")
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", refuse)  # root may write a read-only file: refuse as a read-only file does
    result = run_cli("--root", str(root), "fmt")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("data/glossary.yml:1: ") and "Permission denied" in result.stderr, result.stderr


def test_a_failing_style_script_is_a_message_for_check_and_fmt(tmp_path, monkeypatch):
    from tools import style

    (tmp_path / "editor").mkdir()
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")  # installed: only the script fails
    broken = tmp_path / "editor" / "yamlstyle.cjs"
    broken.write_text("throw new Error('style script broke');\n", encoding="utf-8")
    monkeypatch.setattr(style, "SCRIPT", broken)
    for command, code in ((["check"], 1), (["fmt"], 2)):
        result = run_cli(*command)
        assert result.returncode == code and "Traceback" not in result.stderr, (command, result)
        assert "editor/yamlstyle.cjs:1: " in result.stderr and "style script broke" in result.stderr, result.stderr


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_are_named_and_fmt_mends_them(tmp_path, end):
    root = copy_project(tmp_path / "p")
    glossary = root / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_bytes(text.replace("\n", end).encode("utf-8"))
    checked = run_cli("--root", str(root), "check", "--today", TODAY)
    assert checked.returncode == 1 and checked.stderr.startswith("data/glossary.yml:1: ") and "CRLF" in checked.stderr
    assert run_cli("--root", str(root), "fmt").stdout.split() == ["rewrote", "data/glossary.yml"]
    assert glossary.read_bytes() == text.encode("utf-8")


def test_a_folder_link_under_data_is_named_not_skipped(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "elsewhere").mkdir()
    (root / "data" / "more").symlink_to(root / "elsewhere", target_is_directory=True)
    result = run_cli("--root", str(root), "check", "--today", TODAY)
    assert result.returncode == 1 and result.stderr.startswith("data/more:1: ") and "链接" in result.stderr, result.stderr


def test_a_text_longer_than_any_page_needs_is_refused_at_its_line_before_a_build(tmp_path):
    """Issue 34: a 100,000-character glossary definition once passed the check and held the build for 15-24 s
    in jieba (1 MB: over 120 s). Every text has a bound far above what a real page needs."""
    root = copy_project(tmp_path / "p")
    glossary = root / "data" / "glossary.yml"
    lines = glossary.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("    definition: "))
    lines[at] = "    definition: " + "长" * 100_000 + "\n"
    glossary.write_text("".join(lines), encoding="utf-8")
    result = run_cli("--root", str(root), "check", "--today", TODAY)
    own = [line for line in result.stderr.splitlines() if line.startswith("data/glossary.yml:")]
    assert result.returncode == 1 and len(own) == 1, result.stderr[-1000:]
    assert own[0].startswith(f"data/glossary.yml:{at + 1}: ") and "最多 4000 个字，实际有 100000 个字" in own[0], own[0][:300]
