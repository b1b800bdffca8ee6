// The shared checklist documents (tests/vectors/checklists.json), also run by tests/test_checklist_vectors.py,
// and the seller's plain-text download rendered from them.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const core = require(path.join(__dirname, "../../docs/assets/checklist-core.js"));
const download = require(path.join(__dirname, "../../docs/assets/checklist-download.js"));
const vectors = require(path.join(__dirname, "../vectors/checklists.json"));

const spec = vectors.spec;
const documentOf = (c) => core.listDocument(spec, core.build(spec, c.shop, c.imported || null), { shop: "shop-key", date: c.date });

for (const c of vectors.cases) {
  test(c.name, () => {
    assert.deepEqual(documentOf(c), c.expected);
    const profile = core.build(spec, c.shop, c.imported || null).profile;
    assert.equal(core.toQuery(profile, spec), c.query, "the share link of the answers");
    const back = core.build(spec, core.fromQuery("?" + c.query, spec), null).profile;
    assert.equal(core.toQuery(back, spec), c.query, "and the link reads back to the same answers");
  });
}

test("the download is plain text: the date, every group, item, reason and answer, ticks as ☐ and ☑", () => {
  const doc = documentOf(vectors.cases[1]);
  const text = download.toText(doc, spec, { done: { refund: true }, urls: { "prepare#orders": "https://example.org/prepare/#orders" } });
  const lines = text.split("\n");
  assert.equal(lines[0], "杯店的清单");
  assert.ok(lines.includes("生成于 2026-11-30"));
  assert.ok(lines.includes("暂不能关闭：原因：4 笔没签收；2 笔退款中。"));
  assert.ok(lines.includes("下一步：等 4 笔签收"));
  assert.ok(lines.includes("☐ 4 笔在途") && lines.includes("☑ 2 笔退款"));
  assert.ok(lines.includes("   原因：4 笔没签收"));
  assert.ok(lines.includes("   指南：处理订单（https://example.org/prepare/#orders）"));
  for (const g of doc.groups) assert.ok(lines.includes(`【${g.title}】`), g.title);
  assert.ok(lines.includes("通用 1 项"));
  assert.ok(lines.includes("人数：3") && lines.includes("信誉：重"));
  assert.ok(lines.includes("没有订单。"));
  assert.ok(text.endsWith("\n") && !/&(amp|lt|gt|quot);|<\/?[a-z]/.test(text));
});

test("the download keeps an imported order table, one row a line, and shows markup as text", () => {
  const doc = documentOf(vectors.cases[4]);
  const text = download.toText(doc, spec, {});
  assert.ok(text.includes("行：4；编号：1003；状态：交易成功；标题：壶 <b>&amp;；实付：99；退款：5；判断：要核对；原因：退款 5 元。"));
  assert.ok(text.includes("行：6；状态：奇怪；判断：要核对；原因：没编号。 不认识「奇怪」。"));
});

test("control characters from answers never reach the download", () => {
  const c = vectors.cases[0];
  const doc = documentOf({ ...c, shop: { ...c.shop, name: "a\u0007b\u001b[2Jc" } });
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(download.toText(doc, spec, {})));
});

test("no line of the download starts as a spreadsheet formula, whatever the name or a cell holds", () => {
  const c = vectors.cases[4];
  for (const start of ["=", "+", "-", "@", "\t"]) {
    const formula = start + "HYPERLINK(\"http://x.invalid\",\"x\")";
    const doc = documentOf({ ...c, shop: { ...c.shop, name: formula } });
    doc.title = formula;  // whatever the title words: the name itself on a line of its own
    doc.orders.rows.push({ line: 9, cells: doc.orders.columns.map(() => formula), kind: "check", reason: formula });
    const lines = download.toText(doc, spec, {}).split("\n");
    assert.deepEqual(lines.filter((l) => /^[=+\-@\t]/.test(l)), []);
    assert.ok(lines.includes("'" + formula), "the quoted name stays readable");
  }
});
