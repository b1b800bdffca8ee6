"""The data model and its checks: reading the YAML under data/, the kinds of data file and their schemas, the
references between files, the rule language. Imports nothing from the other layers."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]  # the checkout: data/, docs/, mkdocs.yml
SCHEMA_DIR = HERE / "schemas"
FALLBACK = HERE / "fallback-messages.yml"  # the last good data/messages.yml (`python -m tools schemas`)
