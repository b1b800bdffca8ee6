"""A broken macro call, bad data or a missing segmenter must fail the build, never render quietly."""
from __future__ import annotations

import os
import subprocess
import sys

import yaml

from conftest import ROOT, run_mkdocs


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
    assert_failed(run_mkdocs(project_copy, tmp_path / "out"), "data/faq.yml:", f"entries[{index}].id")


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


def test_mkdocs_serve_survives_a_deleted_data_file_and_recovers(project_copy):
    """Issue 17: the server reports the located error, stays up, and serves again once the file is back."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = project_copy / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project_copy,
                                  env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=out, stderr=subprocess.STDOUT)

    def page_ok() -> bool:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/glossary/", timeout=3).status == 200
        except OSError:
            return False

    def wait(check, seconds=90) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if check():
                return True
            time.sleep(0.3)
        return False

    glossary = project_copy / "data" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    try:
        assert wait(page_ok), log.read_text()
        glossary.unlink()
        assert wait(lambda: "data/glossary.yml:1:" in log.read_text(encoding="utf-8")), log.read_text()
        assert server.poll() is None, "the server is still running"
        glossary.write_text(text, encoding="utf-8")
        assert wait(lambda: log.read_text(encoding="utf-8").count("Documentation built") >= 2), log.read_text()
        assert wait(page_ok) and server.poll() is None
    finally:
        glossary.write_text(text, encoding="utf-8")
        server.terminate()
        server.wait(10)
