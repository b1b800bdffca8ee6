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

// The text a browser shows of an HTML file: tags dropped, the five escapes read back.
const shown = (html) => html.replace(/<(style|title)>[^<]*<\/\1>/g, "").replace(/<[^>]+>/g, "\n").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"")
  .replace(/&#39;/g, "'").replace(/&amp;/g, "&").split("\n").map((l) => l.trim()).filter(Boolean);

test("the download is one HTML page: the date, the verdict, the next step, every group with ☐ and ☑, answers, impact, orders", () => {
  const doc = documentOf(vectors.cases[1]);
  const html = download.toHtml(doc, spec, { done: { refund: true }, urls: { "prepare#orders": "https://example.org/prepare/#orders" } });
  const lines = shown(html);
  assert.ok(html.startsWith("<!DOCTYPE html>") && html.includes('<meta name="viewport" content="width=device-width, initial-scale=1">'));
  assert.ok(!/<script|\son[a-z]+=|javascript:|<link|src=/i.test(html), "no script, no file of its own to load");
  assert.equal(lines[0], "杯店的清单");
  assert.ok(lines.includes("生成于 2026-11-30") && lines.includes("暂不能关闭") && lines.includes("原因：4 笔没签收；2 笔退款中。"));
  assert.ok(lines.includes("下一步：等 4 笔签收"));
  assert.ok(lines.includes("☐ 4 笔在途") && lines.includes("☑ 2 笔退款"));
  assert.ok(lines.includes("原因：4 笔没签收"));
  assert.ok(html.includes('<a href="https://example.org/prepare/#orders">看：处理订单</a>'), html);
  for (const g of doc.groups) assert.ok(lines.includes(g.title), g.title);
  assert.ok(lines.includes("人数") && lines.includes("3") && lines.includes("信誉") && lines.includes("重"));
  assert.ok(lines.includes("没有订单。"));
});

test("the download keeps an imported order table and shows markup as text", () => {
  const doc = documentOf(vectors.cases[4]);
  const html = download.toHtml(doc, spec, {});
  assert.ok(html.includes("<td>壶 &lt;b&gt;&amp;amp;</td>"), "a cell's markup is text");
  assert.ok(html.includes('<td class="n">1003</td>'), "an order number never wraps");
  assert.ok(shown(html).includes("没编号。 不认识「奇怪」。"));
});

test("control characters from answers never reach the download, and its file name says what it is", () => {
  const c = vectors.cases[0];
  const doc = documentOf({ ...c, shop: { ...c.shop, name: "a\u0007b/c" } });
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(download.toHtml(doc, spec, {})));
  assert.equal(download.fileName(doc, spec), "a_b_c-清单-2026-11-30.html");
  assert.equal(download.fileName({ ...doc, name: null }, spec), "清单-2026-11-30.html");
});
