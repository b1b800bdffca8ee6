"""`checklist`: one shop file's checklist, or every shop's in a folder, as Markdown or JSON; with `--orders`,
the counts and rows of a Taobao order export, read as the page reads it."""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from macros.checklist import orders, plainmd
from macros.checklist.builder import Generator, apply_export, csv_problem, list_document, row_reason
from macros.checklist.spec import checklist_spec
from macros.model.checked import DataError, load_site
from macros.model.content import messages_part
from macros.model.loading import read_bytes, read_document
from macros.model.problems import Problem, fill
from macros.model.schemacheck import shop_problems
from macros.model.text import SHOWN_ESCAPED

from .files import leaves, out_problem, write_inside

MAX_EXPORT_BYTES = 256 * 1024 * 1024  # a year of a busy shop's orders is well under this


def add(sub) -> None:
    checklist = sub.add_parser("checklist", help="print or write the checklist of one shop file or of every shop in a folder")
    checklist.add_argument("path", help="a shop profile (data/shops/<id>.yml) or a folder of them")
    checklist.add_argument("--format", choices=("md", "json"), default="md")
    checklist.add_argument("--out", type=Path, help="write one file per shop into this folder")
    checklist.add_argument("--orders", type=Path, help="an order export (CSV) whose counts and rows replace the profile's")
    checklist.set_defaults(func=run)


def json_text(value, indent: int | None) -> str:
    """JSON whose control, direction and invisible characters are \\u escapes: JSON leaves C1 and bidi ones raw."""
    return SHOWN_ESCAPED.sub(lambda m: f"\\u{ord(m.group(0)):04x}", json.dumps(value, ensure_ascii=False, indent=indent))


def shop_paths(target: Path) -> list[Path]:
    """The shop files named on the command line, each called by the path the user typed."""
    return sorted((p for p in target.iterdir() if p.suffix in (".yml", ".yaml")), key=lambda p: p.name) if target.is_dir() else [target]


class Lists:
    """One `checklist` run: the checked site, the spec and the shared options, and the messages it gives."""

    def __init__(self, site, args: argparse.Namespace):
        self.site, self.args = site, args
        self.spec = checklist_spec(site.content)
        self.generator, self.today = Generator(self.spec), dt.date.today().isoformat()
        self.imported = None

    def say(self, where, code: str, args: dict | None = None) -> None:
        print(self.site.report([Problem(str(where), 1, "", code, args or {})]), file=sys.stderr)

    def one(self, path: Path, target: Path) -> str | None:
        """One shop file's checklist in the chosen format (written when --out), or None once it is said why not."""
        args, spec, site = self.args, self.spec, self.site
        if target.is_dir() and leaves(path, target):
            return self.say(path, "link_outside")  # never read: its content would be quoted in a message
        doc = read_document(path, rel=path.as_posix())
        problems = shop_problems(doc, site.content, messages_part(site.dataset, "types"))
        if problems:
            print(site.report(problems), file=sys.stderr)
            return None
        shop = doc.data
        if self.imported:
            shop = apply_export(shop, self.imported, spec)
            self.say_changed_counts(doc, shop)
        listed = list_document(self.generator.build(path.stem, shop, self.imported), spec, self.today)
        text = json_text(listed, indent=None if args.out else 2) if args.format == "json" else plainmd.render(listed, spec)
        if args.out and not write_inside(args.out, f"{path.stem}.{args.format}", text.rstrip("\n") + "\n"):
            return self.say(args.out / f"{path.stem}.{args.format}", "out_not_plain")
        return text

    def say_changed_counts(self, doc, used: dict) -> None:
        """The export's counts replace the profile's: say so, per state, wherever the two differ."""
        key = next(f["key"] for f in self.spec["fields"] if f["type"] == "order_counts")
        before, after = doc.data.get(key) or {}, used.get(key) or {}
        for state in self.spec["states"]:
            old, new = before.get(state["key"], 0), after.get(state["key"], 0)
            if old != new and not state.get("from_file"):
                where = [key, state["key"]] if state["key"] in before else [key] if key in doc.data else []
                print(self.site.report([Problem(doc.rel, doc.line_of(where), f"{key}.{state['key']}", "counts_from_export",
                                                {"label": state["label"], "typed": old, "file": new}, "warning")]), file=sys.stderr)

    def read_export(self, path: Path) -> dict | None:
        """An order export read as the page reads it; each problem and each row to check as `EXPORT.csv:LINE: message`."""
        spec = self.spec
        raw, problem = read_bytes(path, MAX_EXPORT_BYTES)
        if problem:
            print(self.site.report([Problem(str(path), 1, "", *problem)]), file=sys.stderr)
            return None
        result = orders.read_export(raw, spec["states"], spec["csv"])
        found = [(p["line"], csv_problem(p, spec)) for p in result["problems"]]
        found += [(row["line"], fill(spec["app"]["csv_row_check"], {"reason": row_reason(row, spec)}))
                  for row in result["rows"] if row["kind"] == "check"]
        unknown = [s["label"] for s in spec["states"] if s["key"] in result.get("unknown", [])]
        if unknown:  # no refund column: those counts stay the profile's
            found.append((1, fill(spec["app"]["csv_unknown"], {"states": spec["ui"]["list_separator"].join(unknown)})))
        for line, message in found:  # as every located message: one line, control characters shown as escapes
            print(Problem(str(path), line, "", "csv", {"message": message}).format({"csv": "{message}"}), file=sys.stderr)
        return None if result["problems"] else result


def run(args: argparse.Namespace) -> int:
    try:
        lists = Lists(load_site(args.root).require_valid(), args)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    target = Path(args.path)
    if not target.exists():
        lists.say(target, "no_such_path")
        return 2
    refused = args.out and out_problem(args.out, Path(args.root))
    if refused:
        lists.say(args.out, *refused)
        return 2
    if args.orders:
        if target.is_dir():
            lists.say(args.orders, "orders_one_profile")
            return 2
        lists.imported = lists.read_export(args.orders)
        if lists.imported is None:
            return 1
    texts = [lists.one(path, target) for path in shop_paths(target)]
    rejected, texts = texts.count(None), [text for text in texts if text is not None]
    if args.out:
        print(f"wrote {len(texts)} checklist(s) to {args.out}" + (f"; {rejected} profile(s) rejected" if rejected else ""))
    elif target.is_dir() and args.format == "json":
        print("[" + ",\n".join(texts) + "]")
    elif texts:
        print("\n".join(texts), end="" if args.format == "md" else "\n")
    return 1 if rejected else 0
