// A small profile, item and impact set shared by the node tests (the site's own lives in data/).
"use strict";

module.exports = {
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
