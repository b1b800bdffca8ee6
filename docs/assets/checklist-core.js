// Checklist core, shared by the page and by `node --test`: the rule evaluator, profile defaults,
// list building, the list's document, order exports applied and their problems worded, the share-link query.
// Mirrors macros/model/rules.py, macros/model/shopprofile.py and macros/checklist/: tests/vectors/rules.json,
// checklists.json and exports.json hold both languages to the same results.
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.OrderChecklist = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var MISSING = {};
  var GROUPS = ["blocking", "pre", "during", "post"];  // the order a list is read in
  var has = function (o, k) { return Object.prototype.hasOwnProperty.call(o, k); };
  // The one text rule (macros/model/text.py; tests/vectors/text.json): no control character or direction override,
  // something visible; what a file holds is shown with such characters as their escapes.
  var FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  var VISIBLE = /[^\s\u00ad\u034f\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff\uffa0\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
  var SHOWN_ESCAPED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\u00ad\u034f\u180e\u200b-\u200f\u2060-\u2064\ufeff]/g;

  function acceptable(text) { return !FORBIDDEN.test(text) && VISIBLE.test(text); }
  function visible(text) {
    return String(text).replace(SHOWN_ESCAPED, function (ch) {
      var code = ch.charCodeAt(0);
      return code < 0x100 ? "\\x" + (code + 0x100).toString(16).slice(1) : "\\u" + (code + 0x10000).toString(16).slice(1);
    });
  }

  function lookup(profile, path) {
    var value = profile, steps = path.split(".");
    for (var i = 0; i < steps.length; i++) {
      if (value === null || typeof value !== "object" || Array.isArray(value) || !has(value, steps[i])) return MISSING;
      value = value[steps[i]];
    }
    return value;
  }

  // The rule language, once: each comparison by its operator, each combinator by its key (the schema's
  // $defs/rule and macros/model/rules.py hold the same names; tests/js/rules.test.js and tests/test_rules.py).
  var numbers = function (test) { return function (a, b) { return typeof a === "number" && typeof b === "number" && test(a, b); }; };
  var OPERATORS = {
    eq: function (a, b) { return a === b; },
    ne: function (a, b) { return a !== b; },
    gt: numbers(function (a, b) { return a > b; }),
    gte: numbers(function (a, b) { return a >= b; }),
    lt: numbers(function (a, b) { return a < b; }),
    lte: numbers(function (a, b) { return a <= b; }),
    in: function (a, b) { return Array.isArray(b) && b.indexOf(a) >= 0; }
  };
  var COMBINATORS = {
    all: function (rules, profile) { return rules.every(function (r) { return evaluate(r, profile); }); },
    any: function (rules, profile) { return rules.some(function (r) { return evaluate(r, profile); }); },
    not: function (rule, profile) { return !evaluate(rule, profile); }
  };

  function operatorOf(rule) {
    var ops = Object.keys(OPERATORS).filter(function (k) { return has(rule, k); });
    if (ops.length !== 1 || !has(rule, "field")) throw new Error("bad rule");
    return ops[0];
  }

  // An absent rule always holds; a missing answer satisfies only `ne`.
  function evaluate(rule, profile) {
    if (rule === null || rule === undefined) return true;
    var key = Object.keys(COMBINATORS).find(function (k) { return has(rule, k); });
    if (key) return COMBINATORS[key](rule[key], profile);
    var op = operatorOf(rule), actual = lookup(profile, rule.field);
    return actual === MISSING ? op === "ne" : OPERATORS[op](actual, rule[op]);
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

  function keyOf(data, type) { var f = data.fields.find(function (x) { return x.type === type; }); return f ? f.key : null; }
  function stateOf(data, key) { return data.states.find(function (s) { return s.key === key; }); }

  // A valid answer set with defaults filled in; listed orders raise their state's count.
  function normalize(shop, data) {
    var out = {}, countsKey = keyOf(data, "order_counts"), listKey = keyOf(data, "order_list");
    data.fields.forEach(function (f) {
      var v = has(shop, f.key) ? shop[f.key] : f["default"];
      if (f.type === "order_counts") {
        v = {};
        data.states.forEach(function (s) { v[s.key] = Number((shop[f.key] || {})[s.key] || 0); });
      } else if (f.type === "order_list") {
        v = (shop[f.key] || []).map(function (o) { return { id: String(o.id), state: o.state }; });
      } else if (f.type === "boolean") v = !!v;
      out[f.key] = v === undefined ? null : v;
    });
    if (countsKey && listKey) {
      var seen = {};
      out[listKey].forEach(function (o) { seen[o.state] = (seen[o.state] || 0) + 1; });
      Object.keys(seen).forEach(function (k) { out[countsKey][k] = Math.max(out[countsKey][k] || 0, seen[k]); });
    }
    return out;
  }

  function withAnswers(text, profile) {
    return text.replace(/\{([a-z_]+(?:\.[a-z_]+)?)\}/g, function (all, path) {
      var v = lookup(profile, path);
      return v === MISSING ? all : String(v);
    });
  }

  // Words of the data files: {name} from args, {{ and }} as braces (as macros/model/problems.py fill).
  function fill(template, args) {
    return template.replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, function (all, name) {
      if (!name) return all.charAt(0);
      return has(args, name) ? String(args[name]) : all;
    });
  }

  // `imported`: an order export as orders-csv.js reads it. Its rows fill the order table and its counts
  // give the states only a file can tell (`from_file`); the other counts are the answers'.
  function build(data, shop, imported) {
    var profile = normalize(shop, data), countsKey = keyOf(data, "order_counts"), listKey = keyOf(data, "order_list");
    if (countsKey) data.states.forEach(function (s) { if (s.from_file) profile[countsKey][s.key] = imported ? imported.counts[s.key] || 0 : 0; });
    var items = data.items.filter(function (it) { return evaluate(it.when, profile); }).map(function (it) {
      return { id: it.id, phase: it.phase, text: withAnswers(it.text, profile), link: it.link, blocking: !!it.blocking,
               reason: withAnswers(it.reason || "", profile), action: withAnswers(it.action || "", profile), fields: fields(it.when),
               group: it.blocking ? "blocking" : it.phase };
    });
    var rank = function (i) { return GROUPS.indexOf(i.group); };  // inside a group, the data's order: the order a seller acts in
    items = items.map(function (i, n) { return [i, n]; }).sort(function (a, b) { return rank(a[0]) - rank(b[0]) || a[1] - b[1]; })
      .map(function (pair) { return pair[0]; });
    var levels = {};
    data.impact.levels.forEach(function (l) { levels[l.key] = l.label; });
    return {
      profile: profile, items: items, imported: !!imported,
      ready: !items.some(function (i) { return i.blocking; }),
      impact: profile.buyer_reliance ? data.impact.aspects.map(function (a) { return [a.name, levels[a.by_reliance[profile.buyer_reliance]]]; }) : [],
      orders: imported ? imported.rows : (listKey ? profile[listKey] : [])
    };
  }

  // Why an imported row is handled, open or to be checked, in the page's words.
  function rowReason(row, data) {
    var app = data.app;
    if (row.kind === "check") return row.reasons.map(function (r) { return fill(app["csv_reason_" + r.code], r); }).join(" ");
    return fill(app[row.kind === "handled" ? "csv_reason_handled" : "csv_reason_open"], { state: row.state_text, todo: stateOf(data, row.state).todo || "" });
  }

  // Why an order export cannot be used, in the page's words (macros/checklist/builder.py csv_problem).
  function csvProblem(problem, data) {  // a missing column is named by the first of its names (csv.<role>_headers)
    var app = data.app, missing = (problem.missing || []).map(function (role) { return fill(app.csv_column, { name: data.csv[role + "_headers"][0] }); });
    var args = { missing: missing.join(data.ui.list_separator) };
    if (has(problem, "max")) args.max = problem.max;
    return fill(app["csv_" + problem.code] || problem.code, args);
  }

  // The answers once an export's counts are used, as macros/checklist/builder.py apply_export: they replace the
  // typed ones but for a state the file cannot tell (`unknown`): the seller's count, or the rows the file does show
  // in that state if they are more; the question that
  // asks for counts (their show_when) is answered: yes with open orders, csv.settled_answer when all are settled.
  function applyExport(data, shop, imported) {
    var counts = data.fields.find(function (f) { return f.type === "order_counts"; }), out = Object.assign({}, shop), asked = counts.show_when;
    var unknown = imported.unknown || [], typed = shop[counts.key] || {};
    out[counts.key] = {};
    data.states.forEach(function (s) {
      var file = imported.counts[s.key] || 0, n = unknown.indexOf(s.key) >= 0 ? Math.max(typed[s.key] || 0, file) : file;
      if (n && !s.from_file) out[counts.key][s.key] = n;
    });
    var open = data.states.some(function (s) { return !s.handled && (out[counts.key][s.key] > 0 || imported.counts[s.key] > 0); });
    if (asked && has(asked, "eq") && open) out[asked.field] = asked.eq;
    else if (asked && !open && !unknown.length && data.csv.settled_answer) out[asked.field] = data.csv.settled_answer;
    return out;
  }

  function shown(f, value, data) {
    if (f.type === "choice") { var o = f.options.find(function (x) { return x.value === value; }); return o ? o.label : String(value); }
    if (f.type === "boolean") return value ? data.ui.handled_yes : data.ui.handled_no;
    return String(value);
  }

  // Every answer given, in the form's order; a count only when above 0.
  function answers(data, shop) {
    var rows = [];
    data.fields.forEach(function (f) {
      var v = shop[f.key];
      if (f.type === "order_list" || v === undefined || v === null) return;
      if (f.type !== "order_counts") return rows.push({ field: f.key, label: f.label, value: shown(f, v, data) });
      data.states.forEach(function (s) {  // a count only a file gives is no answer of the seller's
        if (v[s.key] && !s.from_file) rows.push({ field: f.key + "." + s.key, label: s.label, value: String(v[s.key]) });
      });
    });
    return rows;
  }

  function orderTable(data, result) {
    if (!result.orders.length) return null;
    var app = data.app, ui = data.ui;
    if (result.imported) {
      return { columns: ["line", "id", "state", "title", "paid", "refund", "result", "reason"].map(function (k) { return app["csv_col_" + k]; }),
               rows: result.orders.map(function (r) {
                 return { kind: r.kind, cells: [String(r.line), r.id, r.state_text, r.title, r.paid, r.refund, app["csv_kind_" + r.kind], rowReason(r, data)].map(visible) };
               }) };
    }
    return { columns: data.columns, rows: result.orders.map(function (o) {
      var state = stateOf(data, o.state);
      return { kind: state.handled ? "handled" : "open", cells: [o.id, state.label, state.handled ? ui.handled_yes : ui.handled_no] };
    }) };
  }

  // The list as every format shows it (macros/checklist/builder.py list_document): opts.shop is its key, opts.date its day.
  function listDocument(data, result, opts) {
    var v = data.words, given = {}, list = answers(data, result.profile);
    list.forEach(function (a) { given[a.field] = a; });
    var blocking = result.items.filter(function (i) { return i.group === "blocking"; }), first = blocking[0];
    var verdict = first ? { title: v.status_not_ready, text: fill(v.not_ready, { reasons: blocking.map(function (i) { return i.reason; }).join(v.reason_separator) }) }
                        : { title: v.status_ready, text: v.ready };
    // Ready: one concrete step, the first thing to do before closing (or while closing), else the data's own.
    var then = result.items.filter(function (i) { return i.group === "pre" || i.group === "during"; })[0];
    var step = first ? { text: first.action, reason: first.reason, link: first.link, item: first.id }
             : then ? { text: then.action || then.text, reason: "", link: then.link, item: then.id }
             : { text: data.next.ready, reason: "", link: data.next.link, item: "" };
    step.guide = data.titles[step.link] || step.link;
    var groups = GROUPS.map(function (key) {
      var items = result.items.filter(function (i) { return i.group === key; }).map(function (i) {
        return { id: i.id, text: i.text, reason: i.reason, action: i.action, link: i.link, guide: data.titles[i.link] || i.link,
                 because: i.fields.filter(function (p) { return has(given, p); }).map(function (p) { return given[p]; }),
                 count: i.fields.filter(function (p) { return p.indexOf(".") > 0; })[0] || "" };  // the count behind it, if any
      });
      return { key: key, title: v["group_" + key], items: items };
    }).filter(function (g) { return g.items.length; });
    return { shop: opts.shop, name: result.profile.name, title: result.profile.name ? fill(v.named_title, { name: result.profile.name }) : v.untitled_title, date: opts.date,
             ready: !first, verdict: verdict, next: step, groups: groups, answers: list,
             impact: result.impact.map(function (r) { return { aspect: r[0], level: r[1] }; }), orders: orderTable(data, result) };
  }

  // Share link: sorted keys, defaults left out (as macros/checklist/share.py share_query). Unanswered
  // questions and counts only a file can give stay out of the link.
  function toQuery(profile, data) {
    var pairs = [];
    data.fields.forEach(function (f) {
      var v = profile[f.key];
      if (f.type === "order_counts") data.states.forEach(function (s) { if (v && v[s.key] && !s.from_file) pairs.push([f.key + "." + s.key, String(v[s.key])]); });
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
        data.states.forEach(function (s) {
          var raw = s.from_file ? null : params.get(f.key + "." + s.key);
          var n = raw === null ? null : integer(raw, 0, f.max);
          if (n !== null) counts[s.key] = n;
        });
        shop[f.key] = counts;
        return;
      }
      var raw = params.get(f.key);
      if (raw === null) return;
      if (f.type === "text") { raw = raw.trim(); if (acceptable(raw) && raw.length <= (f.max || 100)) shop[f.key] = raw; }
      else if (f.type === "integer") { var n = integer(raw, f.min || 0, f.max); if (n !== null) shop[f.key] = n; }
      else if (f.type === "boolean") { if (raw === "1" || raw === "true") shop[f.key] = true; else if (raw === "0" || raw === "false") shop[f.key] = false; }
      else if (f.type === "choice") { if (f.options.some(function (o) { return o.value === raw; })) shop[f.key] = raw; }
    });
    return shop;
  }

  return { MISSING: MISSING, OPERATORS: OPERATORS, COMBINATORS: COMBINATORS, GROUPS: GROUPS, lookup: lookup, evaluate: evaluate, operatorOf: operatorOf, normalize: normalize,
           withAnswers: withAnswers, fill: fill, acceptable: acceptable, visible: visible, build: build, rowReason: rowReason, csvProblem: csvProblem,
           applyExport: applyExport, answers: answers, listDocument: listDocument,
           toQuery: toQuery, fromQuery: fromQuery, fields: fields, keyOf: keyOf };
});
