"""The CMS's config is generated from the schemas, covers every data file, and never reaches the public site."""
from __future__ import annotations

import re
import socket
import subprocess
import sys

import pytest
import yaml

from macros.model import FALLBACK
from macros.model.shopprofile import field_paths
from tools.schemas import CMS_CONFIG, generated

from helpers import CONTENT, ROOT, SITE, scratch_repo


def config() -> dict:
    return yaml.safe_load((ROOT / CMS_CONFIG).read_text(encoding="utf-8"))


def fields_of(entry: dict) -> dict[str, dict]:
    return {f["name"]: f for f in entry["fields"]}


def test_every_generated_file_is_up_to_date_with_the_registry_schemas_and_data():
    """The CMS config, the shop schema and .vscode/settings.json; the fallback messages are tested for their keys
    (test_checklist.py): an editor may reword data/messages.yml without regenerating anything."""
    for rel, text in generated(SITE).items():
        if ROOT / rel != FALLBACK:
            assert (ROOT / rel).read_text(encoding="utf-8") == text, f"{rel}: run python -m tools schemas"


def test_every_data_file_is_an_entry_and_shops_can_be_created():
    collections = {c["name"]: c for c in config()["collections"]}
    files = {f["file"] for c in collections.values() for f in c.get("files", [])}
    shops = collections["shops"]
    assert shops["folder"] == "data/shops" and shops["create"] is True and shops["extension"] == "yml"
    for path in sorted((ROOT / "data").rglob("*.yml")):
        rel = path.relative_to(ROOT).as_posix()
        assert rel in files or rel.startswith("data/shops/"), rel
    assert config()["locale"] == "zh_Hans"


def test_labels_required_fields_enums_patterns_and_bounds_carry_over():
    collections = {c["name"]: c for c in config()["collections"]}
    faq = next(f for f in collections["data"]["files"] if f["file"] == "data/faq.yml")
    entry = fields_of(fields_of(faq)["entries"])
    assert entry["question"]["required"] is True and entry["question"]["widget"] == "string"
    assert entry["question"]["pattern"][0].startswith("^")
    assert entry["inference"]["required"] is False
    shop = fields_of(collections["shops"])
    reliance = CONTENT.profile_field("buyer_reliance")
    assert shop["buyer_reliance"]["widget"] == "select"
    assert shop["buyer_reliance"]["options"] == [{"label": o["label"], "value": o["value"]} for o in reliance["options"]]
    assert shop["buyer_reliance"]["label"] == reliance["label"] and shop["buyer_reliance"]["hint"] == reliance["help"]
    refunding = fields_of(shop["orders"])["refunding"]
    assert refunding["min"] == 0 and refunding["value_type"] == "int" and refunding["label"] == CONTENT.states["refunding"]["label"]


def test_content_blocks_are_typed_lists_rules_use_the_rule_widget_and_references_are_picked_by_title():
    collections = {c["name"]: c for c in config()["collections"]}
    section = collections["guide"]["files"][0]
    blocks = fields_of(fields_of(section)["parts"])["blocks"]
    assert blocks["typeKey"] == "type"
    assert {t["name"] for t in blocks["types"]} == {"text", "list", "table", "callout", "steps", "impact",
                                                   "impact_rationale", "menu_notice"}
    checklist = next(f for f in collections["data"]["files"] if f["file"] == "data/checklist.yml")
    item = fields_of(fields_of(checklist)["items"])
    when = item["when"]
    assert when["widget"] == "rule" and when["words"] == CONTENT.file("data/editor.yml")["cms"]["rule"]
    questions = {q["path"]: q for q in when["questions"]}  # every path a rule may name, each by its words
    paths = field_paths(CONTENT.file("data/profile.yml"), list(CONTENT.states))
    assert set(questions) == {path for path, field in paths.items() if field["type"] != "text"}
    assert questions["orders.refunding"]["kind"] == "number" and CONTENT.states["refunding"]["label"] in questions["orders.refunding"]["label"]
    assert questions["open_orders"]["options"] == [{"value": o["value"], "label": o["label"]}
                                                   for o in CONTENT.profile_field("open_orders")["options"]]
    assert item["phase"]["options"] == [{"label": "关闭前", "value": "pre"}, {"label": "关闭时", "value": "during"},
                                        {"label": "关闭后", "value": "post"}]
    links = {o["value"]: o["label"] for o in item["link"]["options"]}  # the live sections, by title
    assert set(links) == set(CONTENT.anchors()) and CONTENT.anchors()["prepare#orders-handled"] in links["prepare#orders-handled"]
    faq = next(f for f in collections["data"]["files"] if f["file"] == "data/faq.yml")
    sources = fields_of(fields_of(faq)["entries"])["sources"]["field"]
    assert sources["widget"] == "select" and {o["value"] for o in sources["options"]} == set(CONTENT.sources)


def test_the_public_build_has_no_cms_file(built_site):
    names = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*")}
    assert not [n for n in names if n.startswith("admin") or "decap" in n or n.endswith("config.yml")]
    assert not any("decap" in p.read_text(encoding="utf-8", errors="ignore").lower()
                   for p in built_site.rglob("*") if p.suffix in (".html", ".js"))


@pytest.mark.parametrize("option", ["git-port", "site-port", "admin-port"])
def test_make_edit_starts_nothing_when_a_port_is_taken_and_says_which(tmp_path, option):
    """Issue 34: a taken /admin/ port once left decap-server and mkdocs serve running as orphans after a traceback,
    and a taken git port ended in node's stack trace with exit 0."""
    from browser import free_port

    repo = scratch_repo(tmp_path / "repo")
    ports = {name: free_port() for name in ("git-port", "site-port", "admin-port")}
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", ports[option]))
        holder.listen()
        args = [f"--{name}={port}" for name, port in ports.items()]
        done = subprocess.run([sys.executable, "-m", "tools", "--root", str(repo), "edit", *args],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"--{option}:1: ") and str(ports[option]) in done.stderr, done.stderr
    for name, port in ports.items():  # nothing was started: every other port is still free
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))


def test_make_edit_with_uncommitted_changes_names_each_file_in_chinese_and_starts_nothing(tmp_path):
    """Every save beside a hand edit would be refused (tools/editsave.py): make edit says so before it starts."""
    repo = scratch_repo(tmp_path / "repo")
    (repo / "data" / "faq.yml").write_text((repo / "data" / "faq.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (repo / "data" / "new.yml").write_text("a: 1\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "tools", "--root", str(repo), "edit"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.splitlines()
    assert [line.split(":")[0] for line in lines] == ["data/faq.yml", "data/new.yml"], lines
    assert all(CONTENT.error_templates["edit_pending"][:12] in line for line in lines), lines


def test_no_english_label_or_raw_code_is_left_in_the_form():
    """Issue 33: `TITLE（文字）`, `item`, `STATE`, `pre/during/post` and message keys were shown as they are in YAML. Every
    label, every option and every hint of the generated form now has Chinese words (an option may add its id), and a
    title is typed on one line, not in a text area."""
    cjk = re.compile(r"[\u4e00-\u9fff]")
    bare = []

    def walk(node, where):
        if isinstance(node, dict):
            for key in ("label", "hint"):
                if key in node and not cjk.search(str(node[key])):
                    bare.append(f"{where}.{key}: {node[key]}")
            if node.get("widget") == "text" and str(node.get("label", "")).endswith(("标题", "名称", "问题")):
                bare.append(f"{where}: a one-line {node['label']} in a text area")  # a title is one line: a text box
            for option in node.get("options", []) if node.get("widget") == "select" else []:
                if not cjk.search(str(option["label"] if isinstance(option, dict) else option)):
                    bare.append(f"{where} option {option}")
            for key, value in node.items():
                if key not in ("options", "questions", "words"):
                    walk(value, f"{where}.{node.get('name', key)}")
        elif isinstance(node, list):
            for item in node:
                walk(item, where)

    walk(config()["collections"], "collections")
    assert not bare, bare[:20]
