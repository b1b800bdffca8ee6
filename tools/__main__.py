"""`python -m tools COMMAND`: one entry for every tool; each command module adds its own subcommands."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from macros.model import ROOT
from macros.model.content import fallback_messages
from macros.model.problems import Problem

from . import check, checklist, edit, impact, schemas

COMMANDS = (check, checklist, schemas, impact, edit)  # each has add(subparsers), giving every command its func


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools", description="Data tools for the order-insurance guide.")
    parser.add_argument("--root", type=Path, default=ROOT, help="site root holding data/ and docs/ (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    for module in COMMANDS:
        module.add(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if not (args.root / "data").is_dir():
        templates = fallback_messages()["errors"]  # no data/messages.yml to read its words from
        print(Problem(str(args.root), 1, "", "no_data_folder").format(templates), file=sys.stderr)
        return 2
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
