"""`check` (every data file, all problems at once), `lint` (Chinese typography) and `fmt` (the CMS's YAML style)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from macros.model import validation
from macros.model.loading import load_dataset
from macros.model.problems import Problem

from .copylint import lint
from .style import apply_style, style_problems


def add(sub) -> None:
    check = sub.add_parser("check", help="validate every file under data/ and report all problems")
    check.add_argument("--max-age", type=int, default=validation.DEFAULT_MAX_AGE_DAYS,
                       help="warn when a reviewed date is older than this many days (default: %(default)s)")
    check.add_argument("--today", help="date to check against, YYYY-MM-DD (default: today)")
    check.set_defaults(func=run_check)
    sub.add_parser("lint", help="check CJK spacing and punctuation in every text under data/").set_defaults(func=run_lint)
    sub.add_parser("fmt", help="rewrite valid data files in the YAML style the CMS saves").set_defaults(func=run_fmt)


def option_problem(args: argparse.Namespace) -> Problem | None:
    if args.max_age < 0:
        return Problem("--max-age", 1, "", "bad_max_age", {"found": args.max_age})
    if args.today is not None:
        try:
            args.today = dt.date.fromisoformat(args.today)
        except ValueError:
            return Problem("--today", 1, "", "bad_today", {"found": args.today})
    return None


def finish(dataset, problems: list, ok: str, failed: str) -> int:
    """Print the problems (to stderr when any is an error) and the closing line; 1 when any is an error."""
    errors = validation.errors(problems)
    text = validation.report(dataset, problems)
    if text:
        print(text, file=sys.stderr if errors else sys.stdout)
    print(failed.format(errors=len(errors), warnings=len(problems) - len(errors)) if errors else ok.format(warnings=len(problems)),
          file=sys.stderr if errors else sys.stdout)
    return 1 if errors else 0


def run_check(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.root)
    refused = option_problem(args)
    if refused:
        print(validation.report(dataset, [refused]), file=sys.stderr)
        return 2
    problems = validation.check(dataset, today=args.today, max_age_days=args.max_age)
    if not validation.errors(problems):  # the style of files that are right (the CMS's save; `fmt` applies it)
        problems += style_problems(dataset.root, sorted(dataset.docs))
    files = len(dataset.docs)
    return finish(dataset, problems, f"OK: {files} data files, {{warnings}} warning(s)",
                  f"FAIL: {{errors}} error(s), {{warnings}} warning(s) in {files} data files")


def run_fmt(args: argparse.Namespace) -> int:
    """Rewrite the data files that are valid but not in the CMS's style; a broken file is left as it is."""
    dataset = load_dataset(args.root)
    problems = validation.check(dataset)
    if validation.errors(problems):
        return finish(dataset, problems, "", "FAIL: fix the errors first; no file was rewritten")
    changed, problems = apply_style(dataset.root, sorted(dataset.docs))
    if changed:
        print("\n".join(f"rewrote {rel}" for rel in changed))
    if problems:
        print(validation.report(dataset, problems), file=sys.stderr)
        return 2 if problems[0].code.startswith("style_tool") else 1  # no tool: nothing was rewritten
    if not changed:
        print("OK: every data file is in the style")
    return 0


def run_lint(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.root)
    unread = [problem for doc in dataset.docs.values() if not doc.ok for problem in doc.problems]  # no copy to lint
    problems = sorted(unread + list(lint(dataset)), key=lambda p: (p.file, p.line))
    return finish(dataset, problems, f"OK: Chinese copy in {len(dataset.docs)} data files follows the typography rules",
                  "FAIL: {errors} copy problem(s)")
