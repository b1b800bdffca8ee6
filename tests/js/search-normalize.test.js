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
const W = (query) => N.words(query, P).join(" ");

test("question words and particles are dropped", () => {
  assert.equal(W("如何关闭订单险"), "关闭 订单险");
  assert.equal(W("重新开通吗"), "重新开通");
  assert.equal(W("会不会影响店铺评分"), "影响 店铺评分");
});

test("everyday words become the guide's terms", () => {
  assert.equal(W("关掉要钱吗"), "关闭 费用");
  assert.equal(W("关了以后还能再开吗"), "关闭 重新开通");
  assert.equal(W("订单险收费"), "订单险 费用");
});

test("the longest known word wins", () => {
  assert.equal(W("订单险管理在哪"), "订单险管理");
  assert.equal(W("关闭订单"), "关闭 订单");
});

test("exact terms pass through and repeats collapse", () => {
  assert.equal(W("备份"), "备份");
  assert.equal(W("关闭 关掉 关"), "关闭");
  assert.equal(W("CSV 备份"), "csv 备份");
});

test("nothing known means an empty query, not single-character noise", () => {
  assert.equal(W("天气预报"), "");
  assert.equal(W("的了吗"), "");
  assert.equal(W("？？"), "");
});

test("each Han word sent to Material's search carries the sentinel, so it is looked up whole", () => {
  const s = N.SENTINEL;
  assert.equal(N.normalize("如何关闭订单险", P), `关闭${s} 订单险${s}`);
  assert.equal(N.normalize("CSV 备份", P), `csv 备份${s}`);
  assert.equal(N.normalize("天气预报", P), "");
});

// Issue 32: traditional characters and pinyin reach the guide's words (the build cuts OpenCC's and pypinyin's
// data down to these two maps).
const SPELLED = N.prepare({ ...TERMS, traditional: { "關": "关", "閉": "闭", "訂": "订", "單": "单", "險": "险" },
                            pinyin: { dingdanxian: "订单险", ddx: "订单险", chongxinkaitong: "重新开通" } });
const S = (query) => N.words(query, SPELLED).join(" ");

test("a query in traditional characters finds the simplified words", () => {
  assert.equal(S("訂單險"), "订单险");
  assert.equal(S("如何關閉訂單險"), "关闭 订单险");
  assert.equal(W("訂單險"), "", "without the map nothing is known");
});

test("a query in pinyin finds the term it spells, with or without spaces, alone or among words", () => {
  assert.equal(S("dingdanxian"), "订单险");
  assert.equal(S("DDX"), "订单险");
  assert.equal(S("ding dan xian"), "订单险");
  assert.equal(S("ddx 关闭"), "订单险 关闭");
  assert.equal(S("chongxin kaitong"), "重新开通");
  assert.equal(S("csv"), "csv", "a word that spells nothing stays as typed");
});
