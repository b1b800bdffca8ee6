"""`schemas`: write what is generated from the schemas, the kinds' registry and data/messages.yml, into the site
root given (--root, this checkout by default): the shop schema, the fallback messages, the CMS's config and the
code editor's schema settings. Tests fail while any of them is out of date."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

from macros.model import FALLBACK, ROOT, SCHEMA_DIR
from macros.model.checked import DataError, load_site
from macros.model.kinds import KINDS
from macros.model.references import REFERENCES

from .decap import config

CMS_CONFIG = Path("editor/admin/config.yml")
CMS_HEADER = "# Generated from macros/model/schemas/ by `python -m tools schemas`; do not edit by hand.\n"
FALLBACK_HEADER = "# Generated from data/messages.yml by `python -m tools schemas`: the words used while that file is broken.\n"
VSCODE = Path(".vscode/settings.json")


def add(sub) -> None:
    help_text = "regenerate the shop schema, the fallback messages, the CMS config and .vscode/settings.json"
    sub.add_parser("schemas", help=help_text).set_defaults(func=run)


def cms_config_text(site) -> str:
    """editor/admin/config.yml: the CMS's fields from the schemas (labels and hints in Chinese)."""
    docs = {rel: doc.data for rel, doc in site.dataset.docs.items()}
    known = {ref: values(site.content) for ref, (values, _) in REFERENCES.items()}
    generated = config(docs, docs["data/editor.yml"]["cms"], site.content.shop_schema(), known)
    generated = json.loads(json.dumps(generated))  # no YAML anchors: each rule field lists its questions in full
    return CMS_HEADER + yaml.safe_dump(generated, allow_unicode=True, sort_keys=False, width=1000)


def generated(site) -> dict[Path, str]:
    """Each generated file, by its path under the site root, with the text it must have."""
    messages = (site.dataset.root / "data" / "messages.yml").read_text(encoding="utf-8")
    vscode = {f"./{(SCHEMA_DIR / f'{kind.name}.schema.json').relative_to(ROOT).as_posix()}": [kind.pattern] for kind in KINDS}
    return {
        (SCHEMA_DIR / "shop.schema.json").relative_to(ROOT): json.dumps(site.content.shop_schema(), ensure_ascii=False, indent=2) + "\n",
        FALLBACK.relative_to(ROOT): FALLBACK_HEADER + messages,
        CMS_CONFIG: cms_config_text(site),
        VSCODE: json.dumps({"yaml.schemas": vscode, "yaml.format.enable": False}, indent=2) + "\n",  # each kind's files to its schema
    }


def run(args: argparse.Namespace) -> int:
    try:
        site = load_site(args.root).require_valid()
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    for rel, text in generated(site).items():
        path = Path(args.root) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0
