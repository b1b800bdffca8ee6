"""Command line: `python -m macros check` and friends, from the same core as the site."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import sys
from pathlib import Path

from . import profile as profiles
from . import validation
from .checklist import Generator
from .content import messages_part
from .loading import load_dataset, read_document
from .site import DataError, load_site

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


def _shop_paths(target: Path) -> list[Path]:
    """The shop files named on the command line, each called by the path the user typed."""
    if not target.is_dir():
        return [target]
    return sorted((p for p in target.iterdir() if p.suffix in (".yml", ".yaml")), key=lambda p: p.name)


# Everything a batch needs, prepared once in the parent; forked workers inherit it.
_BATCH: dict = {}
PARALLEL_FROM = 400  # below this many files, starting workers costs more than it saves


def _process(paths: list[Path]) -> tuple[list[tuple[str, str]], int, list[str]]:
    """Check and build the checklists of some shop files.

    With --out each checklist is written to its file and only the count comes back (a worker
    would otherwise send every text to the parent for nothing); without it the texts do.
    """
    b = _BATCH
    outputs, written, errors = [], 0, []
    out, as_json, suffix = b["out"], b["format"] == "json", b["suffix"]
    for path in paths:
        doc = read_document(path, rel=path.as_posix())
        problems = validation.shop_problems(doc, b["schema"], b["types"])
        if problems:
            errors.append(validation.report(b["dataset"], problems))
            continue
        shop_id = path.stem
        checklist = b["generator"].build(shop_id, doc.data)
        if as_json:
            text = checklist.json_text() if out else json.dumps(checklist.as_json(), ensure_ascii=False, indent=2)
        else:
            text = b["render"].checklist_plain(checklist)
        if out:
            _write(os.path.join(out, f"{shop_id}.{suffix}"), text if text.endswith("\n") else text + "\n")
            written += 1
        else:
            outputs.append((shop_id, text))
    return outputs, written, errors


def _write(path: str, text: str) -> None:
    """open(path, "w").write(text) in UTF-8, without the text-file layers: thousands of small files."""
    data = text.encode("utf-8")
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        while data:
            data = data[os.write(handle, data):]
    finally:
        os.close(handle)


def cmd_checklist(args: argparse.Namespace) -> int:
    try:
        site = load_site(args.root).require_valid()
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    target = Path(args.path)
    if not target.exists():
        print(f"{args.path}: no such file or folder", file=sys.stderr)
        return 2
    content = site.content
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    _BATCH.update(schema=profiles.shop_schema(content.profile, list(content.states)), types=messages_part(site.dataset, "types"),
                  generator=Generator(content), render=site.renderer, dataset=site.dataset, format=args.format,
                  out=args.out, suffix="json" if args.format == "json" else "md")
    paths = _shop_paths(target)
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    if jobs > 1 and len(paths) >= PARALLEL_FROM and "fork" in multiprocessing.get_all_start_methods():
        size = -(-len(paths) // (jobs * 4))
        chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results = pool.map(_process, chunks)  # in order: messages and output keep the files' order
    else:
        results = [_process(paths)]
    outputs = [o for done, _, _ in results for o in done]
    written = sum(count for _, count, _ in results)
    errors = [e for _, _, failed in results for e in failed]
    for report in errors:
        print(report, file=sys.stderr)
    if args.out:
        print(f"wrote {written} checklist(s) to {args.out}" + (f"; {len(errors)} profile(s) rejected" if errors else ""))
    elif target.is_dir() and args.format == "json":
        print("[" + ",\n".join(text for _, text in outputs) + "]")
    elif outputs:
        print("\n".join(text for _, text in outputs), end="" if args.format == "md" else "\n")
    return 1 if errors else 0


def cmd_schemas(args: argparse.Namespace) -> int:
    """Write the generated shop schema so editors' YAML tools can use it."""
    site = load_site(args.root).require_valid()
    schema_doc = profiles.shop_schema(site.content.profile, list(site.content.states))
    path = validation.SCHEMA_DIR / "shop.schema.json"
    path.write_text(json.dumps(schema_doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    from .copylint import lint

    dataset = load_dataset(args.root)
    problems = sorted(lint(dataset), key=lambda p: (p.file, p.line))
    if problems:
        print(validation.report(dataset, problems), file=sys.stderr)
        print(f"FAIL: {len(problems)} copy problem(s)", file=sys.stderr)
        return 1
    print(f"OK: Chinese copy in {len(dataset.docs)} data files follows the typography rules")
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
    checklist = sub.add_parser("checklist", help="print or write the checklist of one shop file or of every shop in a folder")
    checklist.add_argument("path", help="a shop profile (data/shops/<id>.yml) or a folder of them")
    checklist.add_argument("--format", choices=("md", "json"), default="md")
    checklist.add_argument("--out", type=Path, help="write one file per shop into this folder")
    checklist.add_argument("--jobs", type=int, default=0, help="worker processes for large folders (default: one per core)")
    checklist.set_defaults(func=cmd_checklist)
    lint = sub.add_parser("lint", help="check CJK spacing and punctuation in every text under data/")
    lint.set_defaults(func=cmd_lint)
    schemas = sub.add_parser("schemas", help="regenerate macros/schemas/shop.schema.json from data/profile.yml")
    schemas.set_defaults(func=cmd_schemas)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
