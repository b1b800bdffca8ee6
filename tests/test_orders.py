"""Reading an order export: the shared vectors (also run by node), the real states, the CLI's --orders."""
from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from macros.checklist import orders

from macros.model.loading import read_document

from helpers import CONTENT, ROOT, run_cli

VECTORS = json.loads((Path(__file__).parent / "vectors" / "orders.json").read_text(encoding="utf-8"))
STATES = list(CONTENT.states.values())
EXPORT_STATES = ["等待买家付款", "买家已付款，等待卖家发货", "卖家已发货，等待买家确认", "交易成功", "交易关闭"]


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_shared_vectors(case):
    csv = dict(VECTORS["csv"], **case.get("csv", {}))
    if "base64" in case:
        result = orders.read_export(base64.b64decode(case["base64"]), VECTORS["states"], csv)
    else:
        result = orders.read(case["text"], VECTORS["states"], csv)
    assert result == case["expected"]


def test_vectors_cover_every_file_problem_and_row_reason():
    problems = {p["code"] for c in VECTORS["cases"] for p in c["expected"]["problems"]}
    reasons = {r["code"] for c in VECTORS["cases"] for row in c["expected"]["rows"] for r in row["reasons"]}
    kinds = {row["kind"] for c in VECTORS["cases"] for row in c["expected"]["rows"]}
    assert problems == {"encoding", "empty", "no_columns", "no_rows", "too_many", "line_too_long"}
    assert reasons == {"bad_quote", "missing_id", "missing_state", "unknown_state", "bad_amount", "refund_amount", "refund_status"}
    assert kinds == {"handled", "open", "check"}
    app = CONTENT.checklist["app"]
    assert all(f"csv_{code}" in app for code in problems) and all(f"csv_reason_{code}" in app for code in reasons)


def test_every_state_of_the_real_export_is_known_and_an_unpaid_order_is_not_handled():
    text = "订单编号,订单状态\n" + "".join(f"{n},\"{s}\"\n" for n, s in enumerate(EXPORT_STATES, 1))
    result = orders.read(text, STATES, CONTENT.checklist["csv"])
    assert [r["kind"] for r in result["rows"]] == ["open", "open", "open", "handled", "handled"]
    assert [r["state"] for r in result["rows"]][:1] == ["awaiting_payment"]
    assert result["counts"]["needs_check"] == 0


PIECES = ["1001", '="2875512345678901"', "'0012", "交易成功", " 交易关闭 ", "退款中", "等待买家付款", "神秘", "", " ", "12.50", "0.00",
          "abc", "¥1,200", '"a,b"', '"x""y"', '"two\nlines"', '"open', '""', '"q"tail', "=", "\u3000", "订单编号", "订单状态", "退款金额",
          "退款状态", "退款关闭", "<b>", "\x00"]


def random_export(rng) -> str:
    sep, end = rng.choice([",", "\t", ";"]), rng.choice(["\n", "\r\n", "\r"])
    header = rng.sample(["订单编号", "订单状态", "退款金额", "退款状态", "宝贝标题", "买家留言"], rng.randint(0, 6))
    rows = [[rng.choice(PIECES) for _ in range(rng.randint(1, 7))] for _ in range(rng.randint(0, 8))]
    lines = ([sep.join(header)] if header or rng.random() < 0.5 else []) + [sep.join(r) for r in rows]
    return end.join(lines) + (end if rng.random() < 0.5 else "")


def test_python_and_javascript_read_random_exports_the_same(tmp_path):
    """Beyond the vectors: 400 random files (text and bytes, three encodings) through both readers."""
    import random
    import shutil
    import subprocess

    node = shutil.which("node")
    assert node, "node is needed for the parity check (make test installs the Node packages)"
    rng = random.Random(16)
    cases = []
    for n in range(400):
        text = random_export(rng)
        encoding = ["utf-8", "utf-8-sig", "gbk", "utf-16"][n % 4]
        raw = text.replace("\x00", "").encode(encoding, errors="replace") if encoding != "utf-8" else text.encode("utf-8")
        cases.append({"text": text, "base64": base64.b64encode(raw).decode()})
    (tmp_path / "cases.json").write_text(json.dumps({"states": VECTORS["states"], "csv": VECTORS["csv"], "cases": cases}), encoding="utf-8")
    script = """
const csv = require(process.argv[1]); const v = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(v.cases.map(c => [csv.read(c.text, v.states, v.csv),
  csv.readBytes(new Uint8Array(Buffer.from(c.base64, "base64")), v.states, v.csv)])));
"""
    done = subprocess.run([node, "-e", script, str(ROOT / "docs" / "assets" / "orders-csv.js"), str(tmp_path / "cases.json")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    for case, (from_text, from_bytes) in zip(cases, json.loads(done.stdout)):
        assert orders.read(case["text"], VECTORS["states"], VECTORS["csv"]) == from_text, case["text"]
        assert orders.read_export(base64.b64decode(case["base64"]), VECTORS["states"], VECTORS["csv"]) == from_bytes, case


def test_cli_applies_an_export_to_a_profile(tmp_path):
    export = tmp_path / "ExportOrderList.csv"
    export.write_bytes(base64.b64decode(VECTORS["cases"][0]["base64"]))
    done = run_cli("checklist", "data/shops/toy-no-guarantee.yml", "--orders", str(export), "--format", "json")
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[:2] == [f"{export}:3: 需人工核对：退款金额 20.00 元：不论订单状态是什么，都要确认退款已经办结。",
                         f"{export}:7: 需人工核对：不认识的订单状态「神秘状态」。"]
    # The file's counts replace the profile's, and the CLI says so where they differ (never silently).
    line = read_document(ROOT / "data" / "shops" / "toy-no-guarantee.yml", ROOT).line_of(["orders"])  # no such count: the block
    assert f"data/shops/toy-no-guarantee.yml:{line}: orders.awaiting_payment: 「待付款」的笔数改用订单报表里的 1（店铺文件里写的是 0）" in lines[2]
    assert all(line.startswith("data/shops/toy-no-guarantee.yml:") for line in lines[2:]) and len(lines) > 2
    result = json.loads(done.stdout)
    assert result["ready"] is False
    blocking = next(g for g in result["groups"] if g["key"] == "blocking")["items"]
    assert {"settle-unpaid", "wait-for-delivery", "check-imported-orders"} <= {i["id"] for i in blocking}
    assert "还有 2 笔订单需要人工核对" in [i["reason"] for i in blocking]
    page = run_cli("checklist", "data/shops/toy-no-guarantee.yml", "--orders", str(export)).stdout
    assert "| 3 | 2875512345678901235 | 交易成功 | 保温杯 500ml | 59.00 | 20.00 | 需人工核对 | 退款金额 20.00 元" in page, "each row says why"


@pytest.mark.parametrize("content,message", [
    ("姓名,电话\n张三,138\n".encode("utf-8"), ":1: 第一行里找不到这些列：「订单编号」、「订单状态」"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", ":1: 无法读取这个文件"),
    (b"", ":1: 文件是空的"),
])
def test_cli_names_a_file_that_is_not_an_export(tmp_path, content, message):
    export = tmp_path / "x.csv"
    export.write_bytes(content)
    done = run_cli("checklist", "data/shops/toy-no-guarantee.yml", "--orders", str(export))
    assert done.returncode == 1 and done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.strip() == f"{export}{message}" or done.stderr.startswith(f"{export}{message}"), done.stderr


def test_cli_orders_needs_one_profile_and_a_regular_file(tmp_path):
    done = run_cli("checklist", "data/shops", "--orders", str(tmp_path))
    assert done.returncode == 2 and "只能和一个店铺文件一起用" in done.stderr
    done = run_cli("checklist", "data/shops/toy-no-guarantee.yml", "--orders", str(tmp_path))
    assert done.returncode == 1 and f"{tmp_path}:1: " in done.stderr and "普通文件" in done.stderr


@pytest.mark.parametrize("tail", ["交易成功," + "杯" * 300_000 + "\n", "\"" + "引号" * 150_000],  # 3 times csv.max_line
                         ids=["a huge cell", "an unclosed quote"])
def test_cli_stops_at_a_record_longer_than_any_export_has(tmp_path, tail):
    """Issue 34: a 200 MB cell was copied whole into the output. A record past csv.max_line is a located message."""
    export = tmp_path / "orders.csv"
    export.write_text("订单编号,订单状态,宝贝标题\n1,交易成功,杯\n2," + tail, encoding="utf-8")
    done = run_cli("checklist", "data/shops/toy-no-guarantee.yml", "--orders", str(export))
    limit = CONTENT.checklist["csv"]["max_line"]
    assert done.returncode == 1 and done.stdout == "" and len(done.stderr) < 2000, done.stderr[:500]
    assert done.stderr.startswith(f"{export}:3: ") and f"超过 {limit} 个字" in done.stderr, done.stderr[:500]
