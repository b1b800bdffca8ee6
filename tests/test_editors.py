"""Editors' workflow: schema lines for their editor, schemas in Chinese, the guide page, edit links."""
from __future__ import annotations

import fnmatch
import json
import re

import yaml

from macros.model import SCHEMA_DIR
from macros.render.build import SiteBuild
from macros.model.kinds import KINDS, kind_of

from helpers import CONTENT, ROOT, SITE, copy_project, run_mkdocs, visible_text



def test_vs_code_settings_map_every_data_file_to_its_schema():
    """VS Code finds each data file's schema from the workspace settings: a CMS save keeps no comment in a file."""
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    for path in sorted((ROOT / "data").rglob("*.yml")):
        rel = path.relative_to(ROOT).as_posix()
        schemas = [schema for schema, globs in settings.items() if any(fnmatch.fnmatchcase(rel, g) for g in globs)]
        assert schemas == [f"./macros/model/schemas/{kind_of(rel)}.schema.json"], rel
        assert (ROOT / schemas[0]).is_file()


def test_schemas_speak_chinese_to_editors():
    for path in SCHEMA_DIR.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert re.search(r"[\u4e00-\u9fff]", schema.get("title", "")), path.name
        assert re.search(r"[\u4e00-\u9fff]", schema.get("description", "")), path.name


def test_editor_guide_covers_every_file_field_howto_and_error(built_site):
    markup = (built_site / "editor" / "index.html").read_text(encoding="utf-8")
    text = visible_text(markup)
    guide = yaml.safe_load((ROOT / "data" / "editor.yml").read_text(encoding="utf-8"))
    for kind in KINDS:  # every kind of data file is explained, from the one registry
        assert f'id="fields-{kind.name.replace("_", "-")}"' in markup and f"<code>{kind.pattern}</code>" in markup, kind
    for field in ("entries[].also_asked", "parts[].blocks[].steps[].id", "items[].when", "team_size", "orders.refunding",
                  "terms[].aliases", "tables[].columns[].type", "aspects[].by_reliance.*"):
        assert f"<code>{field}</code>" in markup, field
    for howto in guide["howtos"]:
        assert howto["title"] in text and f'id="{howto["id"]}"' in markup
    for code in CONTENT.error_templates:
        if not code.endswith("_separator"):  # joining words, not messages
            assert f"<code>{code}</code>" in markup, code
    assert "make serve" in text and "python -m tools check" in text


def test_every_page_maps_to_the_yaml_file_an_editor_opens():
    data_file_for = SiteBuild(SITE).data_file_for
    for page in (ROOT / "docs").rglob("*.md"):
        src = page.relative_to(ROOT / "docs").as_posix()
        target = data_file_for(src)
        assert target and (ROOT / target).is_file(), src
    for shop_id in CONTENT.shops():
        assert data_file_for(f"shops/{shop_id}.md") == f"data/shops/{shop_id}.yml"


def test_edit_links_and_site_url_come_from_the_environment(tmp_path, built_site):
    out = tmp_path / "site"
    result = run_mkdocs(ROOT, out, env={"REPO_URL": "https://example.org/team/guide", "EDIT_URI": "edit/live/",
                                        "SITE_URL": "https://guide.example.org/sub/"})
    assert result.returncode == 0, result.stderr[-2000:]
    prepare = (out / "prepare" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/team/guide/edit/live/data/guide/prepare.yml"' in prepare
    shop = (out / "shops" / "tea-returns" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/team/guide/edit/live/data/shops/tea-returns.yml"' in shop
    assert '<link rel="canonical" href="https://guide.example.org/sub/prepare/">' in prepare
    assert 'data-md-component="source"' not in prepare, "no request to a code host's API"
    assert "/edit/" not in (built_site / "prepare" / "index.html").read_text(encoding="utf-8"), "no edit link without REPO_URL"


def test_the_guides_new_item_example_is_in_the_saved_style_and_passes_the_check(tmp_path):
    """Issue 33: the example once failed the style check until `fmt` (a rule written inline); pasted at the end of the
    items it is exactly what a save writes, and the check has nothing to say of it."""
    from macros.model.checked import load_site
    from tools.style import style_problems

    root = copy_project(tmp_path / "p")
    example = next(h for h in CONTENT.file("data/editor.yml")["howtos"] if h["id"] == "add-item")["example"]
    path = root / "data" / "checklist.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("items:\n")
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(" ")), len(lines))
    lines[end:end] = ["  " + line for line in example.splitlines(keepends=True)]
    path.write_text("".join(lines), encoding="utf-8")
    assert style_problems(root, ["data/checklist.yml"]) == []
    site = load_site(root)
    assert not site.errors and not site.warnings, site.report(site.errors + site.warnings)
    assert site.content.checklist["items"][-1]["id"] == "pause-promotions"
