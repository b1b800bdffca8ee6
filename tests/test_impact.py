"""`python -m tools impact` says what a data change does to every example shop's checklist."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from macros.model.problems import Problem

from helpers import CONTENT, git, run_cli, run_module, scratch_repo

RELAXED = "switch-guarantee-tool"


@pytest.fixture
def repo(tmp_path) -> Path:
    return scratch_repo(tmp_path / "project")


def relax(root: Path) -> None:
    """The blocking item about a guarantee tool becomes general advice, committed as an editor would."""
    path = root / "data" / "checklist.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {RELAXED}\n")
    head, tail = text[:start], text[start:]
    path.write_text(head + tail.replace("    blocking: true\n", "", 1), encoding="utf-8")
    git(root, "commit", "-qam", "relax")


def impact(root: Path, *args: str, process: bool = False) -> subprocess.CompletedProcess:
    """`impact` in this process; in a process of its own when it drives Chromium (this one may drive it already)."""
    return (run_module if process else run_cli)("--root", str(root), "impact", *args)


def test_no_change_against_the_same_commit(repo):
    result = impact(repo, "--base", "HEAD")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == CONTENT.ui("change_none_shops", base="HEAD"), "no question file: search is not claimed"


def test_a_relaxed_blocking_item_names_the_shops_whose_verdict_changes(repo):
    relax(repo)
    result = impact(repo, "--base", "HEAD~1")
    assert result.returncode == 0, result.stderr
    words = CONTENT.checklist["words"]
    verdict = CONTENT.ui("change_verdict", before=words["status_not_ready"], after=words["status_ready"])
    shops = [block for block in result.stdout.split("### ")[1:]]
    changed = {block.split("\n")[0] for block in shops if verdict in block}
    assert any("toy-no-guarantee" in head for head in changed), result.stdout
    assert all(CONTENT.ui("change_moved", item=RELAXED, before=words["group_blocking"], after=words["group_pre"]) in b
               for b in shops if RELAXED in b), result.stdout
    assert "solo-stationery" not in result.stdout, "a shop the rule never reached is not named"
    # The default base is the merge base with main: on main itself, that is HEAD, so nothing changed.
    assert impact(repo).stdout.strip() == CONTENT.ui("change_none_shops", base=git(repo, "rev-parse", "HEAD").strip())


def test_a_base_whose_data_the_checks_refuse_is_said_so(repo):
    (repo / "data" / "site.yml").write_text("title: [\n", encoding="utf-8")
    git(repo, "commit", "-qam", "broken")
    (repo / "data" / "site.yml").write_text(git(repo, "show", "HEAD~1:data/site.yml"), encoding="utf-8")
    result = impact(repo, "--base", "HEAD")
    assert result.returncode == 1
    assert result.stderr.startswith(CONTENT.ui("change_base_invalid", base="HEAD")), result.stderr
    assert "data/site.yml:2:" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.browser
def test_a_dropped_synonym_is_judged_against_the_expected_answers_and_any_question_can_be_tried(repo):
    """The questions come from tools/search_queries.yml (three keep this short): a changed one is judged better, worse
    or moved against its expected answers, results are named by their titles, and `--query` asks any question."""
    asked = ["关了订单险会影响搜索排名吗", "怎么关闭订单险", "关闭前要备份什么"]
    (repo / "tools").mkdir()
    (repo / "tools" / "search_queries.yml").write_text("".join(f"- {{q: {q}, a: [faq/#ranking]}}\n" for q in asked), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "questions")
    assert impact(repo, "--base", "HEAD", process=True).stdout.strip() == CONTENT.ui("change_none", base="HEAD"), "no page changed"
    path = repo / "data" / "search.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    - 搜索排名\n    - 排名\n", ""), encoding="utf-8")
    result = impact(repo, "--base", "HEAD", "--query", "店铺排名会掉吗", process=True)  # not in the set: shown either way
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("- ")]
    worse = CONTENT.ui("search_worse", query=asked[0], before="", after="").split("：")[0]
    assert len(lines) == 2 and lines[0].startswith(f"- {worse}："), result.stdout  # the one set question that changed
    assert CONTENT.anchors()["faq#ranking"] in lines[0].split(" → ")[0] and "faq/#" not in lines[0], lines[0]
    assert "「店铺排名会掉吗」" in lines[1] and CONTENT.ui("change_search_title") in result.stdout


@pytest.mark.parametrize("base, code", [("--output=made-by-git.txt", "base_option"), ("-h", "base_option"),
                                        ("no-such-branch", "base_unknown"), ("HEAD~5", "base_unknown")])
def test_a_base_that_is_an_option_or_no_commit_is_refused_before_git_sees_it(repo, base, code):
    """Issue 34: `--base=--output=FILE` once reached `git archive` as an option and wrote (or emptied) any file."""
    result = impact(repo, f"--base={base}")
    assert result.returncode == 2 and not result.stdout
    assert result.stderr.strip() == Problem("--base", 1, "", code, {"found": base}).format(CONTENT.error_templates), result.stderr
    assert not list(repo.rglob("made-by-git.txt")) and not git(repo, "status", "--porcelain")


def test_a_base_holding_a_link_out_of_the_tree_is_a_message(repo):
    (repo / "data" / "shops" / "away.yml").symlink_to("../../../../../../etc/hostname")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a link out")
    (repo / "data" / "shops" / "away.yml").unlink()
    result = impact(repo, "--base", "HEAD")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("HEAD:data/shops/away.yml:1: ") and "链接" in result.stderr, result.stderr
