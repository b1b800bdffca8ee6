"""Command line: `python -m macros check` and friends, from the same core as the site."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import validation
from .loading import load_dataset

ROOT = Path(__file__).resolve().parent.parent


def cmd_check(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.root)
    today = dt.date.fromisoformat(args.today) if args.today else None
    problems = validation.check(dataset, today=today, max_age_days=args.max_age)
    text = validation.report(dataset, problems)
    if text:
        print(text, file=sys.stderr if validation.errors(problems) else sys.stdout)
    errors = validation.errors(problems)
    files = len(dataset.docs)
    if errors:
        print(f"FAIL: {len(errors)} error(s), {len(problems) - len(errors)} warning(s) in {files} data files", file=sys.stderr)
        return 1
    print(f"OK: {files} data files, {len(problems)} warning(s)")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Data tools for the order-insurance guide.")
    parser.add_argument("--root", type=Path, default=ROOT, help="site root holding data/ and docs/ (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every file under data/ and report all problems")
    check.add_argument("--max-age", type=int, default=validation.DEFAULT_MAX_AGE_DAYS,
                       help="warn when a reviewed date is older than this many days (default: %(default)s)")
    check.add_argument("--today", help="date to check against, YYYY-MM-DD (default: today)")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
