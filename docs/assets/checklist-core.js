// Checklist core, shared by the page and by `node --test`: the rule evaluator, profile
// defaults, list building and the share-link query. Mirrors macros/rules.py,
// macros/profile.py and macros/checklist.py; tests/vectors/rules.json pins both.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else {
    root.OrderChecklist = factory();
    if (root.OrderChecklistApp) root.OrderChecklistApp.init();  // the page's app script ran first
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var MISSING = {};
  var OPS = ["eq", "ne", "gt", "gte", "lt", "lte", "in"];
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };

  function lookup(profile, path) {
    var value = profile, steps = path.split(".");
    for (var i = 0; i < steps.length; i++) {
      if (value === null || typeof value !== "object" || Array.isArray(value) || !has(value, steps[i])) return MISSING;
      value = value[steps[i]];
    }
    return value;
  }

  function operatorOf(rule) {
    var ops = OPS.filter(function (k) { return has(rule, k); });
    if (ops.length !== 1 || !has(rule, "field")) throw new Error("bad rule");
    return ops[0];
  }

  function compare(op, actual, expected) {
    if (actual === MISSING) return op === "ne";
    if (op === "eq") return actual === expected;
    if (op === "ne") return actual !== expected;
    if (op === "in") return Array.isArray(expected) && expected.indexOf(actual) >= 0;
    if (typeof actual !== "number" || typeof expected !== "number") return false;
    return op === "gt" ? actual > expected : op === "gte" ? actual >= expected : op === "lt" ? actual < expected : actual <= expected;
  }

  function evaluate(rule, profile) {
    if (rule === null || rule === undefined) return true;
    if (has(rule, "all")) return rule.all.every(function (r) { return evaluate(r, profile); });
    if (has(rule, "any")) return rule.any.some(function (r) { return evaluate(r, profile); });
    if (has(rule, "not")) return !evaluate(rule.not, profile);
    var op = operatorOf(rule);
    return compare(op, lookup(profile, rule.field), rule[op]);
  }

  // The answers a rule reads, in order, once each: an item's "because" line names them.
  function fields(rule, out) {
    out = out || [];
    if (!rule) return out;
    if (has(rule, "all") || has(rule, "any")) (rule.all || rule.any).forEach(function (r) { fields(r, out); });
    else if (has(rule, "not")) fields(rule.not, out);
    else if (out.indexOf(rule.field) < 0) out.push(rule.field);
    return out;
  }

  function stateKeys(data) { return data.states.map(function (s) { return s.key; }); }

  // A valid answer set with defaults filled in; listed orders raise their state's count.
  function normalize(shop, data) {
    var out = {}, keys = stateKeys(data), countsKey = null, listKey = null;
    data.fields.forEach(function (f) {
      var v = has(shop, f.key) ? shop[f.key] : f["default"];
      if (f.type === "order_counts") {
        countsKey = f.key; v = {};
        keys.forEach(function (k) { v[k] = Number((shop[f.key] || {})[k] || 0); });
      } else if (f.type === "order_list") {
        listKey = f.key;
        v = (shop[f.key] || []).map(function (o) { return { id: String(o.id), status: o.status }; });
      } else if (f.type === "boolean") v = !!v;
      out[f.key] = v === undefined ? null : v;
    });
    if (countsKey && listKey) {
      var seen = {};
      out[listKey].forEach(function (o) { seen[o.status] = (seen[o.status] || 0) + 1; });
      Object.keys(seen).forEach(function (k) { out[countsKey][k] = Math.max(out[countsKey][k] || 0, seen[k]); });
    }
    return out;
  }

  function fill(text, profile) {
    return text.replace(/\{([a-z_]+(?:\.[a-z_]+)?)\}/g, function (all, path) {
      var v = lookup(profile, path);
      return v === MISSING ? all : String(v);
    });
  }

  function build(data, shop) {
    var profile = normalize(shop, data);
    var chosen = data.items.filter(function (it) { return evaluate(it.when, profile); }).map(function (it) {
      return { id: it.id, phase: it.phase, text: fill(it.text, profile), link: it.link, blocking: !!it.blocking,
               reason: fill(it.reason || "", profile), fields: fields(it.when) };
    });
    var pre = chosen.filter(function (i) { return i.phase === "pre"; });
    pre = pre.filter(function (i) { return i.blocking; }).concat(pre.filter(function (i) { return !i.blocking; }));
    var counts = {};
    data.fields.forEach(function (f) { if (f.type === "order_counts") counts = profile[f.key]; });
    var levels = {};
    data.impact.levels.forEach(function (l) { levels[l.key] = l.label; });
    var states = {};
    data.states.forEach(function (s) { states[s.key] = s; });
    var list = [];
    data.fields.forEach(function (f) { if (f.type === "order_list") list = profile[f.key]; });
    return {
      profile: profile,
      ready: !pre.some(function (i) { return i.blocking; }),
      reasons: pre.filter(function (i) { return i.blocking; }).map(function (i) { return i.reason; }),
      blockingStates: data.states.filter(function (s) { return !s.handled && counts[s.key] > 0; }).map(function (s) { return s.key; }),
      pre: pre,
      post: chosen.filter(function (i) { return i.phase === "post"; }),
      impact: data.impact.aspects.map(function (a) { return { aspect: a.name, level: levels[a.by_reliance[profile.buyer_reliance]] }; }),
      orders: list.map(function (o) { return { id: o.id, state: o.status, label: states[o.status].label, handled: states[o.status].handled }; })
    };
  }

  // Share link: sorted keys, defaults left out (as macros/profile.py profile_query).
  // An unanswered question (absent, or null after normalize) stays out of the link.
  function toQuery(profile, data) {
    var pairs = [];
    data.fields.forEach(function (f) {
      var v = profile[f.key];
      if (f.type === "order_counts") Object.keys(v || {}).forEach(function (k) { if (v[k]) pairs.push([f.key + "." + k, String(v[k])]); });
      else if (f.type === "boolean") { if (v) pairs.push([f.key, "1"]); }
      else if (f.type !== "order_list" && v !== undefined && v !== null && v !== "") pairs.push([f.key, String(v)]);
    });
    pairs.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    return new URLSearchParams(pairs).toString();
  }

  function integer(text, min, max) {
    if (!/^\d{1,12}$/.test(text)) return null;
    var n = Number(text);
    return n < min || (max !== undefined && max !== null && n > max) ? null : n;
  }

  // Only answers that fit the questions survive; anything else in the query is ignored.
  function fromQuery(search, data) {
    var params = new URLSearchParams(search), shop = {};
    data.fields.forEach(function (f) {
      if (f.type === "order_counts") {
        var counts = {};
        stateKeys(data).forEach(function (k) {
          var raw = params.get(f.key + "." + k);
          var n = raw === null ? null : integer(raw, 0, f.max);
          if (n !== null) counts[k] = n;
        });
        shop[f.key] = counts;
        return;
      }
      var raw = params.get(f.key);
      if (raw === null) return;
      if (f.type === "text") { raw = raw.trim(); if (raw && raw.length <= (f.max || 100)) shop[f.key] = raw; }
      else if (f.type === "integer") { var n = integer(raw, f.min || 0, f.max); if (n !== null) shop[f.key] = n; }
      else if (f.type === "boolean") { if (raw === "1" || raw === "true") shop[f.key] = true; else if (raw === "0" || raw === "false") shop[f.key] = false; }
      else if (f.type === "choice") { if (f.options.some(function (o) { return o.value === raw; })) shop[f.key] = raw; }
    });
    return shop;
  }

  return { MISSING: MISSING, OPS: OPS, lookup: lookup, evaluate: evaluate, operatorOf: operatorOf, normalize: normalize,
           fill: fill, build: build, toQuery: toQuery, fromQuery: fromQuery, fields: fields };
});
