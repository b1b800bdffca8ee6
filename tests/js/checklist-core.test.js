// Profile defaults, list building and the share-link query of the interactive page.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const core = require(path.join(__dirname, "../../docs/assets/checklist-core.js"));

const DATA = require(path.join(__dirname, "data.js"));

test("defaults fill what the answers leave out", () => {
  const p = core.normalize({}, DATA);
  assert.deepEqual(p, { name: null, team_size: 1, buyer_reliance: "medium", plans_to_reopen: false,
                        orders: { shipped: 0, refunding: 0, delivered: 0 }, order_list: [] });
});

test("listed orders raise their state's count, never lower it", () => {
  const p = core.normalize({ orders: { refunding: 5 }, order_list: [{ id: 1, state: "refunding" }, { id: "2", state: "shipped" }] }, DATA);
  assert.deepEqual(p.orders, { shipped: 1, refunding: 5, delivered: 0 });
  assert.equal(p.order_list[0].id, "1");
});

test("blocking items lead, with counts filled in; then each phase in order", () => {
  const r = core.build(DATA, { team_size: 3, orders: { refunding: 2, shipped: 4 } });
  assert.deepEqual(r.items.map((i) => [i.group, i.id]), [["blocking", "wait"], ["blocking", "refund"], ["pre", "backup"], ["post", "team"]]);
  assert.equal(r.items[0].text, "4 笔在途");
  assert.equal(r.ready, false);
  assert.deepEqual(r.items[3].fields, ["team_size"]);
  assert.deepEqual(r.impact, [["信誉", "轻"]]);
});

test("a shop with nothing in progress is ready", () => {
  const r = core.build(DATA, { orders: { delivered: 9 }, plans_to_reopen: true });
  assert.equal(r.ready, true);
  assert.deepEqual(r.items.filter((i) => i.group === "post").map((i) => i.id), ["reopen"]);
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
