"""A broken macro call, bad data or a missing segmenter must fail the build, never render quietly."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, run_mkdocs


def assert_failed(result, *fragments: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    for fragment in fragments:
        assert fragment in output, output[-3000:]


def test_unknown_section_in_a_macro_call_fails(project_copy, tmp_path):
    (project_copy / "docs" / "prepare.md").write_text('{{ section("no-such-section") }}\n', encoding="utf-8")
    result = run_mkdocs(project_copy, tmp_path / "out")
    assert_failed(result, "no-such-section")
    assert not (tmp_path / "out" / "prepare" / "index.html").exists()


def test_undefined_variable_fails(project_copy, tmp_path):
    (project_copy / "docs" / "faq.md").write_text("{{ faq() }}\n{{ not_a_variable }}\n", encoding="utf-8")
    assert_failed(run_mkdocs(project_copy, tmp_path / "out"), "not_a_variable")


def test_unknown_macro_fails(project_copy, tmp_path):
    (project_copy / "docs" / "faq.md").write_text("{{ fqa() }}\n", encoding="utf-8")
    assert_failed(run_mkdocs(project_copy, tmp_path / "out"), "fqa")


def test_invalid_data_fails_with_the_data_report(project_copy, tmp_path):
    faq = project_copy / "data" / "faq.yml"
    faq.write_text(faq.read_text(encoding="utf-8").replace("  - id: extra-fee", "  - id: Extra Fee"), encoding="utf-8")
    index = [e["id"] for e in yaml.safe_load((ROOT / "data" / "faq.yml").read_text(encoding="utf-8"))["entries"]].index("extra-fee")
    assert_failed(run_mkdocs(project_copy, tmp_path / "out"), "data/faq.yml:", f"entries（第 {index + 1} 条）.id")


def test_build_without_jieba_fails(project_copy, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "jieba.py").write_text("raise ImportError('jieba blocked for this test')\n", encoding="utf-8")
    result = run_mkdocs(project_copy, tmp_path / "out", env={"PYTHONPATH": str(blocker)})
    assert_failed(result, "jieba is required")


def test_a_missing_macros_pluglet_fails_the_build_and_installs_nothing(project_copy, tmp_path):
    # Older mkdocs-macros ran `pip3 install` for a pluglet it could not import; the pinned one must not.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    marker = tmp_path / "pip-ran"
    for name in ("pip", "pip3"):
        fake = bin_dir / name
        fake.write_text(f"#!/bin/sh\ntouch {marker}\nexit 1\n", encoding="utf-8")
        fake.chmod(0o755)
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      module_name: macros\n",
                                   "      module_name: macros\n      modules:\n        - no-such-pluglet\n"), encoding="utf-8")
    assert "no-such-pluglet" in config.read_text(encoding="utf-8")
    result = run_mkdocs(project_copy, tmp_path / "out", env={"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert_failed(result, "no-such-pluglet")
    assert not marker.exists()


class Serve:
    """`mkdocs serve` (or `make serve`) of a project copy on a free port, its log, and waits on both."""

    def __init__(self, project: Path, make: bool = False):
        from browser import free_port

        self.port, self.log = free_port(), project / "serve.log"
        address = f"127.0.0.1:{self.port}"
        command = ["make", "-s", "-f", str(ROOT / "Makefile"), "serve", f"VENV={Path(sys.executable).parent.parent}",
                   f"SERVE_ADDR={address}"] if make else [sys.executable, "-m", "mkdocs", "serve", "-a", address]
        with self.log.open("w") as out:
            self.process = subprocess.Popen(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                                            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def fetch(self, path: str) -> tuple[int, str]:
        """(status, text) within a second: a page that makes the editor wait is a failure."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=1) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8")

    def page(self, path: str = "glossary/") -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=3) as answer:
                return answer.read().decode("utf-8") if answer.status == 200 else ""
        except OSError:
            return ""

    @staticmethod
    def wait(check, seconds: float = 90) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if check():
                return True
            time.sleep(0.3)
        return False

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)  # make, watchmedo and the server they started
        self.process.wait(10)


def test_mkdocs_serve_survives_a_deleted_data_file_and_follows_data_moved_away_and_back(project_copy):
    """One server, two scenes. Issue 17: it reports the located error, stays up, and serves again once the file is
    back. Issue 23: a folder that goes away and comes back (a checkout, a move) is watched again, and rebuilt both
    times."""
    glossary = project_copy / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    data, away = project_copy / "data", project_copy / "data-away"
    serve = Serve(project_copy)
    try:
        assert serve.wait(serve.page), serve.text()
        glossary.unlink()
        assert serve.wait(lambda: "data/glossary.yml:1:" in serve.text()), serve.text()
        assert serve.process.poll() is None, "the server is still running"
        # Issue 33: no page hangs: each answers at once with the located problem and a way back to the last good one.
        status, shown = serve.fetch("faq/")
        assert status == 500 and "data/glossary.yml:1:" in shown and 'href="/faq/?last-good"' in shown, (status, shown[-500:])
        assert serve.fetch("faq/?last-good")[0] == 200 and serve.fetch("assets/guide.css")[0] == 200
        glossary.write_text(text, encoding="utf-8")
        assert serve.wait(lambda: serve.text().count("Documentation built") >= 2), serve.text()
        assert serve.wait(serve.page) and serve.process.poll() is None

        built = serve.text().count("Building documentation")
        data.rename(away)
        # MkDocs itself refuses a config whose `watch` folder is gone, and says so: the log names the folder.
        assert serve.wait(lambda: serve.text().count("Building documentation") > built and "/data" in serve.text().split("Building documentation")[-1]), \
            "the move is noticed: " + serve.text()[-2000:]
        moved = away / "glossary.yml"
        moved.write_text(moved.read_text(encoding="utf-8").replace("title: 术语表", "title: 搬回来的术语表"), encoding="utf-8")
        away.rename(data)
        assert serve.wait(lambda: "搬回来的术语表" in serve.page()), "the moved-back text is served: " + serve.text()[-2000:]
        glossary.write_text(glossary.read_text(encoding="utf-8").replace("搬回来的术语表", "再改一次的术语表"), encoding="utf-8")
        assert serve.wait(lambda: "再改一次的术语表" in serve.page()), "and the folder is watched again: " + serve.text()[-2000:]
        assert serve.process.poll() is None
    finally:
        if away.exists():
            away.rename(data)
        serve.stop()


def test_make_serve_serves_a_change_to_the_python_code(project_copy):
    """MkDocs keeps the macros in memory: make serve restarts the server when code under macros/ changes."""
    for name in ("requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, project_copy / name)
    pages = project_copy / "macros" / "render" / "guidepages.py"
    text = pages.read_text(encoding="utf-8")
    serve = Serve(project_copy, make=True)
    try:
        assert serve.wait(serve.page), serve.text()
        changed = text.replace('        return self.renderer.page("home.md", prefix,',
                               '        return "MARK-42\\n\\n" + self.renderer.page("home.md", prefix,', 1)
        assert changed != text, "the home page's line moved: update this test"
        pages.write_text(changed, encoding="utf-8")
        assert serve.wait(lambda: "MARK-42" in serve.page("")), "the changed code is served: " + serve.text()[-2000:]
    finally:
        serve.stop()


@pytest.mark.parametrize("code, found", [
    ("<script>window.__ran = 1</script>", "<script"),
    ('<img src="x.png" alt="" onerror="window.__ran = 1">', "onerror"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<script type="application/ld+json">{}</script><p data-x="on=1">only data</p>', None),
])
def test_the_code_a_page_would_run_of_its_own_is_found(code, found):
    from macros.render import csp

    assert csp.live_code(f"<article><h1>x</h1>{code}</article>") == found
    if found:
        assert csp.source_line(f"# x\n\n{code}\n", found) == 3


def test_a_page_that_would_run_code_of_its_own_fails_the_build_at_its_line(project_copy, tmp_path):
    """Issue 34: the CSP once hashed whatever the pages held, an injected script too. Now a page's content runs
    nothing of its own: the build stops at the line, and the policy hashes only Material's inline scripts."""
    page = project_copy / "docs" / "glossary.md"
    code = '<img src="x.png" alt="" onerror="window.__ran = 1">'
    page.write_text(page.read_text(encoding="utf-8") + "\n" + code + "\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index(code) + 1
    result = run_mkdocs(project_copy, tmp_path / "out")
    assert_failed(result, f"docs/glossary.md:{line}: ", "onerror")
    assert not (tmp_path / "out" / "_headers").exists(), "no policy is written for a site that failed"
