"""Command line: `python -m macros check` and friends, from the same core as the site."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from . import validation
from .content import FALLBACK, fallback_messages, messages_part
from .loading import load_dataset, read_bytes, read_document
from .problems import Problem, fill
from .schemacheck import SCHEMA_DIR, shop_problems
from .site import DataError, load_site
from .style import apply_style, style_problems
from .text import SHOWN_ESCAPED

ROOT = Path(__file__).resolve().parent.parent
CMS_CONFIG = ROOT / "editor" / "admin" / "config.yml"
CMS_HEADER = "# Generated from macros/schemas/ by `python -m macros schemas`; do not edit by hand.\n"
MAX_EXPORT_BYTES = 256 * 1024 * 1024  # a year of a busy shop's orders is well under this


def cmd_check(args: argparse.Namespace) -> int:
    dataset = load_dataset(args.root)
    if args.max_age < 0:
        print(validation.report(dataset, [Problem("--max-age", 1, "", "bad_max_age", {"found": args.max_age})]), file=sys.stderr)
        return 2
    if args.today is not None:
        try:
            args.today = dt.date.fromisoformat(args.today)
        except ValueError:
            print(validation.report(dataset, [Problem("--today", 1, "", "bad_today", {"found": args.today})]), file=sys.stderr)
            return 2
    problems = validation.check(dataset, today=args.today, max_age_days=args.max_age)
    if not validation.errors(problems):  # the style of files that are right (the CMS's save; `fmt` applies it)
        problems += style_problems(dataset.root, sorted(dataset.docs))
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


def json_text(value, indent: int | None) -> str:
    """JSON whose control, direction and invisible characters are \\u escapes: JSON leaves C1 and bidi ones raw."""
    return SHOWN_ESCAPED.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(value, ensure_ascii=False, indent=indent))


def _shop_paths(target: Path) -> list[Path]:
    """The shop files named on the command line, each called by the path the user typed."""
    if not target.is_dir():
        return [target]
    return sorted((p for p in target.iterdir() if p.suffix in (".yml", ".yaml")), key=lambda p: p.name)


def leaves(path: Path, folder: Path) -> bool:
    """A link (or a link on the way) that takes a file found in `folder` out of it."""
    return folder.resolve() not in path.resolve().parents


def write_inside(folder: Path, name: str, text: str) -> bool:
    """Write folder/name through a temporary file renamed into place; never through a link or onto a non-file."""
    target = folder / name
    if target.is_symlink() or (target.exists() and not target.is_file()):
        return False
    temporary = folder / f".{name}.{secrets.token_hex(6)}.part"
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.replace(temporary, target)  # a rename replaces the entry itself, inside `folder`
    return True


def out_problem(out: Path, root: Path) -> tuple | None:
    """Why `--out` cannot take the lists, as (code, args); None when it can (it is then created)."""
    inside = [root.resolve() / "data", root.resolve() / "docs"]
    if any(out.resolve() == folder or folder in out.resolve().parents for folder in inside):
        return "out_inside_site", {}  # a .md or .json among the data or the pages would be read as one of them
    try:
        out.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=out).close()
    except OSError as err:
        return "out_unusable", {"reason": err.strerror or type(err).__name__}
    return None


def one_checklist(site, args, path: Path, target: Path, generator, imported, today: str, say) -> str | None:
    """One shop file's checklist in the chosen format (written when --out), or None once it is said why not."""
    from . import plainmd
    from .checklist import apply_export, document

    if target.is_dir() and leaves(path, target):
        say(path, "link_outside")  # never read: its content would be quoted in a message
        return None
    doc = read_document(path, rel=path.as_posix())
    problems = shop_problems(doc, site.content, messages_part(site.dataset, "types"))
    if problems:
        print(site.report(problems), file=sys.stderr)
        return None
    shop = doc.data
    if imported:
        shop = apply_export(shop, imported, site.spec)
        say_changed_counts(site, doc, shop)
    listed = document(generator.build(path.stem, shop, imported), site.spec, today)
    text = json_text(listed, indent=None if args.out else 2) if args.format == "json" else plainmd.render(listed, site.spec)
    if args.out and not write_inside(args.out, f"{path.stem}.{args.format}", text.rstrip("\n") + "\n"):
        say(args.out / f"{path.stem}.{args.format}", "out_not_plain")
        return None
    return text


def cmd_checklist(args: argparse.Namespace) -> int:
    from .checklist import Generator

    try:
        site = load_site(args.root).require_valid()
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    target = Path(args.path)
    say = lambda where, code, kw=None: print(site.report([Problem(str(where), 1, "", code, kw or {})]), file=sys.stderr)
    if not target.exists():
        say(target, "no_such_path")
        return 2
    generator, today = Generator(site.spec), dt.date.today().isoformat()
    refused = args.out and out_problem(args.out, Path(args.root))
    if refused:
        say(args.out, *refused)
        return 2
    imported = None
    if args.orders:
        if target.is_dir():
            say(args.orders, "orders_one_profile")
            return 2
        imported = read_export(site, args.orders)
        if imported is None:
            return 1
    texts, rejected = [], 0
    for path in _shop_paths(target):
        text = one_checklist(site, args, path, target, generator, imported, today, say)
        if text is None:
            rejected += 1
        else:
            texts.append(text)
    if args.out:
        print(f"wrote {len(texts)} checklist(s) to {args.out}" + (f"; {rejected} profile(s) rejected" if rejected else ""))
    elif target.is_dir() and args.format == "json":
        print("[" + ",\n".join(texts) + "]")
    elif texts:
        print("\n".join(texts), end="" if args.format == "md" else "\n")
    return 1 if rejected else 0


def say_changed_counts(site, doc, used: dict) -> None:
    """The export's counts replace the profile's: say so, per state, wherever the two differ."""
    key = next(f["key"] for f in site.spec["fields"] if f["type"] == "order_counts")
    before, after = doc.data.get(key) or {}, used.get(key) or {}
    for state in site.spec["states"]:
        old, new = before.get(state["key"], 0), after.get(state["key"], 0)
        if old != new and not state.get("from_file"):
            where = [key, state["key"]] if state["key"] in before else [key] if key in doc.data else []
            print(site.report([Problem(doc.rel, doc.line_of(where), f"{key}.{state['key']}", "counts_from_export",
                                       {"label": state["label"], "typed": old, "file": new}, "warning")]), file=sys.stderr)


def read_export(site, path: Path) -> dict | None:
    """An order export read as the page reads it; each problem and each row to check as `EXPORT.csv:LINE: message`."""
    from . import orders
    from .checklist import row_reason

    app, csv = site.content.checklist["app"], site.content.checklist["csv"]
    raw, problem = read_bytes(path, MAX_EXPORT_BYTES)
    if problem:
        print(site.report([Problem(str(path), 1, "", *problem)]), file=sys.stderr)
        return None
    result = orders.read_export(raw, list(site.content.states.values()), csv)
    columns = {"id": csv["id_headers"][0], "state": csv["state_headers"][0]}
    found = [Problem(str(path), p["line"], "", f"csv_{p['code']}",
                     {"max": p.get("max", ""), "missing": [fill(app["csv_column"], {"name": columns[r]}) for r in p.get("missing", [])]})
             for p in result["problems"]]
    found += [Problem(str(path), row["line"], "", "csv_row_check", {"reason": row_reason(row, site.spec)})
              for row in result["rows"] if row["kind"] == "check"]
    templates = {**app, "list_separator": site.content.ui("list_separator")}  # Problem.format makes control characters visible
    for item in found:
        print(item.format(templates), file=sys.stderr)
    return None if result["problems"] else result


def cmd_schemas(args: argparse.Namespace) -> int:
    """Write the generated shop schema so editors' YAML tools can use it."""
    site = load_site(args.root).require_valid()
    schema_doc = site.content.shop_schema()
    path = SCHEMA_DIR / "shop.schema.json"
    path.write_text(json.dumps(schema_doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    header = "# Generated from data/messages.yml by `python -m macros schemas`: the words used while that file is broken.\n"
    FALLBACK.write_text(header + (site.dataset.root / "data" / "messages.yml").read_text(encoding="utf-8"), encoding="utf-8")
    config = write_cms_config(site)
    print(f"wrote {path}, {FALLBACK} and {config}")
    return 0


def cms_config_text(site) -> str:
    """editor/admin/config.yml: the CMS's fields from the schemas (labels and hints in Chinese)."""
    import yaml

    from .decap import config

    docs = {rel: doc.data for rel, doc in site.dataset.docs.items()}
    generated = config(docs, docs["data/editor.yml"]["cms"], site.content.shop_schema())
    return CMS_HEADER + yaml.safe_dump(generated, allow_unicode=True, sort_keys=False, width=1000)


def write_cms_config(site) -> Path:
    path = CMS_CONFIG
    path.write_text(cms_config_text(site), encoding="utf-8")
    return path


def cmd_fmt(args: argparse.Namespace) -> int:
    """Rewrite the data files that are valid but not in the CMS's style; a broken file is left as it is."""
    dataset = load_dataset(args.root)
    problems = validation.check(dataset)
    if validation.errors(problems):
        print(validation.report(dataset, problems), file=sys.stderr)
        print("FAIL: fix the errors first; no file was rewritten", file=sys.stderr)
        return 1
    changed, problems = apply_style(dataset.root, sorted(dataset.docs))
    if changed:
        print("\n".join(f"rewrote {rel}" for rel in changed))
    if problems:
        print(validation.report(dataset, problems), file=sys.stderr)
        return 2 if problems[0].code.startswith("style_tool") else 1  # no tool: nothing was rewritten
    if not changed:
        print("OK: every data file is in the style")
    return 0


def cmd_impact(args: argparse.Namespace) -> int:
    """What the data change since --base does to the example shops' checklists (exit 0 either way)."""
    from .change import BaseUnreadable, base_problem, default_base, report

    import yaml

    base = args.base or default_base(args.root)
    refused = base_problem(Path(args.root), base)
    if refused:
        print(validation.report(load_dataset(args.root), [Problem("--base", 1, "", *refused)]), file=sys.stderr)
        return 2
    queries_file = Path(args.root) / "tests" / "search_queries.yml"
    queries = [] if args.no_search or not queries_file.is_file() else \
        [case["q"] for case in yaml.safe_load(queries_file.read_text(encoding="utf-8"))]
    try:
        text, _ = report(Path(args.root), base, dt.date.today().isoformat(), queries)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    except BaseUnreadable as err:
        print(validation.report(load_dataset(args.root), [Problem(f"{base}:{err}", 1, "", "base_link_outside")]), file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as err:
        print(f"git: {err.stderr.decode('utf-8', 'replace').strip()}", file=sys.stderr)
        return 2
    print(text, end="")
    return 0


def cmd_lint(args: argparse.Namespace) -> int:
    from .copylint import lint

    dataset = load_dataset(args.root)
    unread = [problem for doc in dataset.docs.values() if not doc.ok for problem in doc.problems]  # no copy to lint
    problems = sorted(unread + list(lint(dataset)), key=lambda p: (p.file, p.line))
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
    checklist.add_argument("--orders", type=Path, help="an order export (CSV) whose counts and rows replace the profile's")
    checklist.set_defaults(func=cmd_checklist)
    fmt = sub.add_parser("fmt", help="rewrite valid data files in the YAML style the CMS saves")
    fmt.set_defaults(func=cmd_fmt)
    impact = sub.add_parser("impact", help="what the data change since a git ref does to the example shops' checklists and to search")
    impact.add_argument("--base", help="the git ref to compare with (default: the merge base with main)")
    impact.add_argument("--no-search", action="store_true",
                        help="leave out the search questions of tests/search_queries.yml (they need Chromium)")
    impact.set_defaults(func=cmd_impact)
    lint = sub.add_parser("lint", help="check CJK spacing and punctuation in every text under data/")
    lint.set_defaults(func=cmd_lint)
    schemas = sub.add_parser("schemas", help="regenerate macros/schemas/shop.schema.json and macros/fallback-messages.yml")
    schemas.set_defaults(func=cmd_schemas)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not (args.root / "data").is_dir():
        templates = fallback_messages()["errors"]  # no data/messages.yml to read its words from
        print(Problem(str(args.root), 1, "", "no_data_folder").format(templates), file=sys.stderr)
        return 2
    return args.func(args)
