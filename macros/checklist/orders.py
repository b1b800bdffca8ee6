"""Read a seller's order export (Taobao's sold-items report) the way docs/assets/orders-csv.js does.

Both follow tests/vectors/orders.json. The file is decoded (BOM, else UTF-8, else GBK), its
separator found from the header, its columns found by name; every row becomes an order that is
handled, open, or to be checked by hand, with the reason. An unknown state, a refund anywhere or
a broken row never reads as handled and never rejects the file; only a file that is not an order
export at all gets a file-level problem. Only the columns the table needs are kept.
"""
from __future__ import annotations

import re
from typing import Any


SEPARATORS = (",", "\t", ";")
CHECK = "needs_check"  # the state key of rows a person must look at
AMOUNT = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
SPACES = re.compile(r"\s+")


def decode(raw: bytes) -> str | None:
    """Text of an export: a BOM decides; otherwise UTF-8, then GBK (as the browser's "gbk" decoder, GB18030)."""
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding)
            except UnicodeDecodeError:
                return None
    if b"\x00" in raw:
        return None  # binary, or UTF-16 without its BOM
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


LINE_END = re.compile(r"\r\n|\r|\n")


def records(text: str, sep: str):
    """(line, cells, closed, length) per record, as OrderCsv's record(): a quote opens a quoted cell only as a
    cell's first character ("" inside is one quote); after the closing quote the rest of the cell is
    taken as it is. Lines end with \r\n, \r or \n."""
    i, n, line = 0, len(text), 1
    while i < n:
        start, cells, end, begin = line, [], LINE_END.search(text, i), i
        while True:
            cell = ""
            if text.startswith('"', i):
                j = i + 1
                while True:
                    q = text.find('"', j)
                    if q < 0:
                        cells.append(cell + text[j:])
                        yield start, cells, False, n - begin
                        return
                    cell += text[j:q]
                    line += len(LINE_END.findall(text, j, q))
                    if text.startswith('"', q + 1):
                        cell, j = cell + '"', q + 2
                    else:
                        i = q + 1
                        break
            if end and end.start() < i:  # a quoted cell ran past that line end
                end = LINE_END.search(text, i)
            at = text.find(sep, i, end.start() if end else n)
            if at >= 0:
                cells.append(cell + text[i:at])
                i = at + 1
                continue
            cells.append(cell + text[i:end.start() if end else n])
            i, line = (end.end(), line + 1) if end else (n, line)
            break
        yield start, cells, True, i - begin


def header_name(cell: str) -> str:
    """A header cell as the config names it: no spaces, no `=` or quotes around it."""
    return SPACES.sub("", cell).lstrip("=").strip('"').strip("'")


def clean(cell: str) -> str:
    """A value cell: `="2875…"` (Excel's keep-the-digits formula) and a leading `'` lose their markers."""
    value = cell.strip()
    if value.startswith('="') and value.endswith('"') and len(value) >= 3:
        value = value[2:-1]
    elif value.startswith("'"):
        value = value[1:]
    return value.strip()


def columns(header: list[str], csv: dict) -> dict[str, int]:
    names = [header_name(c) for c in header]
    wanted = {"id": "id_headers", "state": "state_headers", "title": "title_headers", "paid": "paid_headers",
              "refund": "refund_amount_headers", "refund_status": "refund_status_headers"}
    found = {}
    for role, key in wanted.items():
        options = [header_name(h) for h in csv.get(key, [])]
        index = next((i for i, name in enumerate(names) if name in options), None)
        if index is not None:
            found[role] = index
    return found


def read(text: str, states: list[dict], csv: dict) -> dict[str, Any]:
    """{problems, rows, counts}; a problem is file-level: the text is not an order export."""
    text = text.removeprefix("\ufeff")
    best: dict[str, int] = {}
    longest = csv["max_line"]  # a record past it lacks a line end or a closing quote: stop at its line
    for sep in SEPARATORS:  # the separator is the one that makes the header name both key columns
        body = records(text, sep)
        head = next(((line, cells, length) for line, cells, _, length in body if any(c.strip() for c in cells)), None)
        if head is None:
            return _result([{"line": 1, "code": "empty"}])
        if head[2] > longest:
            return _result([{"line": head[0], "code": "line_too_long", "max": longest}])
        cols = columns(head[1], csv)
        if {"id", "state"} <= cols.keys():
            break
        best = cols if len(cols) > len(best) else best
    else:
        return _result([{"line": head[0], "code": "no_columns", "missing": [r for r in ("id", "state") if r not in best]}])
    names = {SPACES.sub("", name): s["key"] for s in states for name in [s["label"], *s.get("aliases", [])]}
    handled = {s["key"]: bool(s["handled"]) for s in states}
    done_refunds = {SPACES.sub("", v) for v in csv.get("refund_status_done", [])}
    rows = []
    for line, cells, closed, length in body:  # the generator goes on after the header
        if length > longest:
            return _result([{"line": line, "code": "line_too_long", "max": longest}])
        if not any(c.strip() for c in cells):
            continue
        if len(rows) >= csv["max_rows"]:
            return _result([{"line": line, "code": "too_many", "max": csv["max_rows"]}])
        rows.append(_row(line, cells, closed, cols, names, handled, done_refunds))
    if not rows:
        return _result([{"line": head[0], "code": "no_rows"}])
    refunds = "refund" in cols or "refund_status" in cols
    return _result([], rows, states, [] if refunds else csv.get("refund_states", []))


def _row(line, cells, closed, cols, names, handled, done_refunds) -> dict:
    cell = lambda role: clean(cells[cols[role]]) if role in cols and cols[role] < len(cells) else ""
    row = {"line": line, "id": cell("id"), "state_text": cell("state"), "title": cell("title"),
           "paid": cell("paid"), "refund": cell("refund")}
    reasons = []
    state = names.get(SPACES.sub("", row["state_text"]))
    if not closed:
        reasons.append({"code": "bad_quote"})
    if not row["id"]:
        reasons.append({"code": "missing_id"})
    if not row["state_text"]:
        reasons.append({"code": "missing_state"})
    elif state is None:
        reasons.append({"code": "unknown_state", "value": row["state_text"]})
    refund = row["refund"].replace(",", "").lstrip("\u00a5\uffe5")
    if refund and not AMOUNT.fullmatch(refund):
        reasons.append({"code": "bad_amount", "value": row["refund"]})
    elif refund and float(refund) > 0:
        reasons.append({"code": "refund_amount", "value": row["refund"]})
    refund_status = cell("refund_status")
    if refund_status and SPACES.sub("", refund_status) not in done_refunds:
        reasons.append({"code": "refund_status", "value": refund_status})
    if reasons:
        row.update(state=CHECK, kind="check", reasons=reasons)
    else:
        row.update(state=state, kind="handled" if handled[state] else "open", reasons=[])
    return row


def _result(problems: list[dict], rows: list[dict] | None = None, states: list[dict] | None = None,
            unknown: list[str] | None = None) -> dict:
    """`unknown`: the states the file cannot tell (a refund in progress, with no refund column)."""
    rows = rows or []
    counts = {s["key"]: 0 for s in states or []}
    for row in rows:
        counts[row["state"]] = counts.get(row["state"], 0) + 1
    return {"problems": problems, "rows": rows, "counts": counts, **({} if problems else {"unknown": unknown or []})}


def read_export(raw: bytes, states: list[dict], csv: dict) -> dict[str, Any]:
    """An export as it comes from the disk: decoded (OrderCsv.readBytes), then read."""
    text = decode(raw)
    return _result([{"line": 1, "code": "encoding"}]) if text is None else read(text, states, csv)
