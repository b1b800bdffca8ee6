"""Order exports shaped like Taobao's sold-items report, with made-up buyers: for the browser tests and the benchmark.

The seller centre's export of the sold-items list is a GBK CSV with CRLF line ends, about thirty columns (buyer,
payment, address, phone...) of which the site reads a few by name. Order numbers come as Excel text formulas
(="2875..."), cells with commas are quoted, and a refund shows in the refund-amount column even on orders whose state
reads as settled. The column names and state texts come from data/checklist.yml and data/order_states.yml, the words
the readers look for; the other columns are stand-ins the readers must skip.
"""
from __future__ import annotations

import functools

from macros.model import ROOT
from macros.model.checked import load_site

STATE_ORDER = ("awaiting_payment", "awaiting_shipment", "shipped", "delivered", "closed")  # taken in turn


@functools.cache
def words() -> tuple[str, list[str]]:
    """The header (the read columns among stand-ins) and the state text of each state in STATE_ORDER."""
    content = load_site(ROOT).require_valid().content
    csv, states = content.checklist["csv"], content.states
    read = [csv[f"{column}_headers"][0] for column in ("id", "state", "title", "paid", "refund_amount")]
    header = [read[0], *(f"extra{n}" for n in range(9)), read[3], "extra9", read[1], *(f"extra{n}" for n in range(10, 18)),
              read[2], *(f"extra{n}" for n in range(18, 24)), read[4]]
    texts = [max([states[key]["label"], *states[key].get("aliases", [])], key=len) for key in STATE_ORDER]
    return ",".join(header), texts


def row(i: int, texts: list[str]) -> str:
    """Order i: the states in turn, a refund on every seventh, quoted cells with commas, an Excel formula id."""
    return ",".join([f'="{2875512345678900000 + i}"', f"buyer{i}", "a***@example.com", f'="2024{i:012d}"', '"pay:59.00,bonus:0.00"',
                     "59.00", "0.00", "0", "59.00", "0", "59.00", "0", texts[i % len(texts)], '"please ship soon, thanks, weekend away"',
                     f"person{i % 100}", f'"street {i % 500}, block {i % 30}, unit {i % 20}, room {i % 900}, 310000"', "post", "",
                     "'13800000000", "2026-11-01 10:00:00", "2026-11-01 10:01:00", f'"cup 500ml, steel, model {i % 9}"', "1",
                     "note", "1", "123456", "shop", "", "0.00" if i % 7 else "12.50"])


def export(rows: int) -> bytes:
    """The whole file as the seller center writes it: GBK, CRLF."""
    header, texts = words()
    return ("\r\n".join([header] + [row(i, texts) for i in range(rows)]) + "\r\n").encode("gbk")
