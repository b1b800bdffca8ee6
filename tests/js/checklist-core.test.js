// Profile defaults, list building and the share-link query of the interactive page.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const core = require(path.join(__dirname, "../../docs/assets/checklist-core.js"));

const DATA = {
  fields: [
    { key: "name", type: "text", required: true },
    { key: "team_size", type: "integer", required: true, min: 1, max: 10000, default: 1 },
    { key: "buyer_reliance", type: "choice", default: "medium", options: [{ value: "low" }, { value: "medium" }, { value: "high" }] },
    { key: "plans_to_reopen", type: "boolean", default: false },
    { key: "orders", type: "order_counts", max: 1000000 },
    { key: "order_list", type: "order_list" },
  ],
  states: [
    { key: "shipped", label: "已发货未签收", handled: false },
    { key: "refunding", label: "退款中", handled: false },
    { key: "delivered", label: "已签收", handled: true },
  ],
  items: [
    { id: "wait", phase: "pre", blocking: true, text: "{orders.shipped} 笔在途", link: "prepare", when: { field: "orders.shipped", gt: 0 } },
    { id: "refund", phase: "pre", blocking: true, text: "{orders.refunding} 笔退款", link: "prepare", when: { field: "orders.refunding", gt: 0 } },
    { id: "backup", phase: "pre", text: "备份", link: "prepare" },
    { id: "team", phase: "post", text: "告诉 {team_size} 人", link: "after", when: { field: "team_size", gt: 1 } },
    { id: "reopen", phase: "post", text: "重开", link: "faq", when: { field: "plans_to_reopen", eq: true } },
  ],
  impact: { levels: [{ key: "light", label: "轻" }, { key: "severe", label: "重" }],
            aspects: [{ name: "信誉", by_reliance: { low: "light", medium: "light", high: "severe" } }] },
};

test("defaults fill what the answers leave out", () => {
  const p = core.normalize({}, DATA);
  assert.deepEqual(p, { name: null, team_size: 1, buyer_reliance: "medium", plans_to_reopen: false,
                        orders: { shipped: 0, refunding: 0, delivered: 0 }, order_list: [] });
});

test("listed orders raise their state's count, never lower it", () => {
  const p = core.normalize({ orders: { refunding: 5 }, order_list: [{ id: 1, status: "refunding" }, { id: "2", status: "shipped" }] }, DATA);
  assert.deepEqual(p.orders, { shipped: 1, refunding: 5, delivered: 0 });
  assert.equal(p.order_list[0].id, "1");
});

test("blocking items lead, with counts filled in", () => {
  const r = core.build(DATA, { team_size: 3, orders: { refunding: 2, shipped: 4 } });
  assert.deepEqual(r.pre.map((i) => i.id), ["wait", "refund", "backup"]);
  assert.equal(r.pre[0].text, "4 笔在途");
  assert.equal(r.ready, false);
  assert.deepEqual(r.blockingStates, ["shipped", "refunding"]);
  assert.deepEqual(r.post.map((i) => i.text), ["告诉 3 人"]);
  assert.deepEqual(r.impact, [{ aspect: "信誉", level: "轻" }]);
});

test("a shop with nothing in progress is ready", () => {
  const r = core.build(DATA, { orders: { delivered: 9 }, plans_to_reopen: true });
  assert.equal(r.ready, true);
  assert.deepEqual(r.post.map((i) => i.id), ["reopen"]);
});

test("the share query is sorted, leaves defaults out and round-trips", () => {
  const shop = { name: "小店 & <b>", team_size: 4, buyer_reliance: "high", plans_to_reopen: true, orders: { refunding: 1 } };
  const query = core.toQuery(core.normalize(shop, DATA), DATA);
  const keys = [...new URLSearchParams(query).keys()];
  assert.deepEqual(keys, [...keys].sort());
  assert.ok(!query.includes("orders.shipped"));
  assert.deepEqual(core.normalize(core.fromQuery("?" + query, DATA), DATA), core.normalize(shop, DATA));
});

test("unknown, out-of-range and malformed parameters are ignored", () => {
  const shop = core.fromQuery("?team_size=0&buyer_reliance=extreme&plans_to_reopen=maybe&orders.refunding=-1" +
    "&orders.shipped=1e3&orders.lost=2&evil=%3Cscript%3E&__proto__=x&name=" + "x".repeat(101), DATA);
  assert.deepEqual(shop, { orders: {} });
  const ok = core.fromQuery("?team_size=10000&orders.refunding=0&plans_to_reopen=0&name=%20%E5%BA%97%20", DATA);
  assert.deepEqual(ok, { name: "店", team_size: 10000, plans_to_reopen: false, orders: { refunding: 0 } });
  assert.deepEqual(core.fromQuery("?team_size=10001", DATA), { orders: {} });
});
