// Query normalisation: question words go, everyday words become guide terms, Han runs are cut
// into known words, and a query with nothing known stays empty (so search says "no results").
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const N = require(path.join(__dirname, "../../docs/assets/search-normalize.js"));

const TERMS = {
  vocab: ["关闭", "订单险", "订单险管理", "重新开通", "费用", "店铺评分", "影响", "备份", "数据", "哪些", "订单"],
  ignore: ["如何", "怎么", "吗", "的", "了", "会不会", "还能", "以后"],
  synonyms: { "关闭": ["关掉", "关了", "关"], "重新开通": ["再开", "恢复"], "费用": ["要钱", "收费"] },
};
const P = N.prepare(TERMS);

test("question words and particles are dropped", () => {
  assert.equal(N.normalize("如何关闭订单险", P), "关闭 订单险");
  assert.equal(N.normalize("重新开通吗", P), "重新开通");
  assert.equal(N.normalize("会不会影响店铺评分", P), "影响 店铺评分");
});

test("everyday words become the guide's terms", () => {
  assert.equal(N.normalize("关掉要钱吗", P), "关闭 费用");
  assert.equal(N.normalize("关了以后还能再开吗", P), "关闭 重新开通");
  assert.equal(N.normalize("订单险收费", P), "订单险 费用");
});

test("the longest known word wins", () => {
  assert.equal(N.normalize("订单险管理在哪", P), "订单险管理");
  assert.equal(N.normalize("关闭订单", P), "关闭 订单");
});

test("exact terms pass through and repeats collapse", () => {
  assert.equal(N.normalize("备份", P), "备份");
  assert.equal(N.normalize("关闭 关掉 关", P), "关闭");
  assert.equal(N.normalize("CSV 备份", P), "csv 备份");
});

test("nothing known means an empty query, not single-character noise", () => {
  assert.equal(N.normalize("天气预报", P), "");
  assert.equal(N.normalize("的了吗", P), "");
  assert.equal(N.normalize("？？", P), "");
});
