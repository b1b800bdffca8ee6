"""The CMS's config is generated from the schemas, covers every data file, and never reaches the public site."""
from __future__ import annotations

import socket
import subprocess
import sys

import pytest
import yaml

from macros.model import FALLBACK
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


def test_content_blocks_are_typed_lists_and_rules_are_kept_as_they_are():
    collections = {c["name"]: c for c in config()["collections"]}
    section = collections["guide"]["files"][0]
    blocks = fields_of(fields_of(section)["parts"])["blocks"]
    assert blocks["typeKey"] == "type"
    assert {t["name"] for t in blocks["types"]} == {"text", "list", "table", "callout", "steps", "impact",
                                                   "impact_rationale", "menu_notice"}
    checklist = next(f for f in collections["data"]["files"] if f["file"] == "data/checklist.yml")
    assert fields_of(fields_of(checklist)["items"])["when"]["widget"] == "hidden"


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
