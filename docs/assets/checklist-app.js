// The interactive checklist page (/checklist/): reads the answers, shows the lists, keeps
// ticks in localStorage and the answers in the address. Every node is built with DOM APIs
// and textContent: no answer, CSV cell or URL parameter ever becomes markup.
(function () {
  "use strict";
  var core = window.OrderChecklist;
  var STORE = "order-insurance-checklist:v1:";

  // Code for what a seller may never do (import orders, share, download) is fetched on first use.
  function later(file, name, then) {
    window.OrderGuide.load([file], function () { then(window[name]); });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function format(template, args) {
    return template.replace(/\{(\w+)\}/g, function (all, k) { return args[k] === undefined ? all : String(args[k]); });
  }

  function mount(root) {
    var data = JSON.parse(document.getElementById("checklist-data").textContent);
    var app = data.app, form = root.querySelector("#checklist-form");
    var links = {};
    document.querySelectorAll(".ck-links a[data-ref]").forEach(function (a) { links[a.getAttribute("data-ref")] = a.href; });
    var imported = null, shownFor, current = null;

    function control(name) { return form.elements.namedItem(name); }

    // The form reads like a share link: the same checks decide which answers count.
    function readForm() {
      form.querySelectorAll("input[type=number]").forEach(function (i) { i.setAttribute("aria-invalid", String(!i.validity.valid)); });
      return core.fromQuery(new URLSearchParams(new FormData(form)), data);
    }

    function writeForm(shop) {
      data.fields.forEach(function (f) {
        if (!(f.key in shop)) return;
        var c = control(f.key);
        if (f.type === "boolean") c.checked = shop[f.key];
        else if (f.type === "choice") c.value = shop[f.key];
        else if (f.type === "order_counts") data.states.forEach(function (s) { control(f.key + "." + s.key).value = shop[f.key][s.key] || 0; });
        else if (f.type !== "order_list") c.value = shop[f.key];
      });
    }

    function storeKey() { return STORE + (current.profile.name || app.default_name); }

    function loadDone() {
      var raw = null;
      try { raw = window.localStorage.getItem(storeKey()); } catch (e) { return {}; }
      if (raw === null) return {};
      try {
        var parsed = JSON.parse(raw);
        if (parsed && Array.isArray(parsed.done) && parsed.done.every(function (x) { return typeof x === "string"; })) {
          var done = {};
          parsed.done.forEach(function (id) { done[id] = true; });
          return done;
        }
      } catch (e) { /* fall through: corrupted */ }
      try { window.localStorage.removeItem(storeKey()); } catch (e) { /* storage unavailable */ }
      say(app.storage_reset);
      return {};
    }

    function saveDone(done) {
      try { window.localStorage.setItem(storeKey(), JSON.stringify({ done: Object.keys(done).sort() })); } catch (e) { /* private mode */ }
    }

    function say(text) { root.querySelector("#action-status").textContent = text; }

    function renderItems(target, items, done) {
      var list = root.querySelector(target);
      list.replaceChildren.apply(list, items.map(function (item) {
        var box = el("input", { type: "checkbox" });
        box.checked = !!done[item.id];
        box.addEventListener("change", function () {
          var now = loadDone();
          if (box.checked) now[item.id] = true; else delete now[item.id];
          saveDone(now); progress();
        });
        var label = el("label", {}, [box, item.blocking ? el("strong", { className: "ck-badge", text: data.verdict.blocking_badge }) : null,
                                    el("span", { text: item.text })]);
        var guide = el("a", { href: links[item.link] || "#", className: "ck-guide", text: data.verdict.guide_link });
        return el("li", { "data-item-id": item.id, className: "ck-item" }, [label, guide]);
      }));
    }

    function table(headers, rows) {
      return el("table", {}, [el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
                               el("tbody", {}, rows.map(function (r) { return el("tr", {}, r.map(function (c) { return el("td", { text: c }); })); }))]);
    }

    function renderOrders() {
      var box = root.querySelector("#orders");
      if (shownFor === imported) return;  // a 50,000-row import is laid out only when the file changes
      shownFor = imported;
      if (!imported) box.replaceChildren(el("p", { text: data.verdict.orders_empty }));
      else later("checklist-extras.js", "OrderChecklistExtras", function (x) { x.orders(ctx, box); });
    }

    function progress() {
      var boxes = root.querySelectorAll(".ck-item input[type=checkbox]"), done = 0;
      boxes.forEach(function (b) { if (b.checked) done++; });
      var bar = root.querySelector("#progress");
      bar.max = boxes.length || 1; bar.value = done;
      root.querySelector("#progress-text").textContent = format(app.progress, { done: done, total: boxes.length });
    }

    // Answers the browser itself finds invalid (-1 orders, 0 people): named, never read as a default.
    function invalidLabels() {
      var labels = [];
      form.querySelectorAll("input:invalid").forEach(function (input) {
        var label = form.querySelector("label[for='" + input.id + "']");
        labels.push(label ? label.textContent : input.name);
      });
      return labels;
    }

    function update() {
      current = core.build(data, readForm());
      var v = data.verdict, verdict = root.querySelector("#verdict"), invalid = invalidLabels();
      if (invalid.length) {  // no verdict on invalid information
        verdict.className = "admonition warning";
        verdict.replaceChildren(el("p", { className: "admonition-title", text: v.undecided }),
          el("p", { text: format(v.invalid_answers, { fields: invalid.join(data.ui.list_separator) }) }));
      } else {
        verdict.className = "admonition " + (current.ready ? "success" : "danger");
        verdict.replaceChildren(
          el("p", { className: "admonition-title", text: current.ready ? v.index_ready_yes : v.index_ready_no }),
          el("p", { text: current.ready ? v.ready : format(v.not_ready, { reasons: current.reasons.join(v.reason_separator) }) }));
      }
      var done = loadDone();
      renderItems("#pre-close", current.pre, done);
      renderItems("#post-close", current.post, done);
      var impact = root.querySelector("#impact");
      impact.replaceChildren(table([data.ui.impact_aspect, data.ui.impact_level], current.impact.map(function (r) { return [r.aspect, r.level]; })));
      renderOrders();
      progress();
      var query = core.toQuery(current.profile, data);
      if (window.history && window.history.replaceState && location.protocol !== "file:") {
        window.history.replaceState(window.history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    // An import fills the counts (the seller may still correct them) and keeps the rows for the
    // table; buyer columns are never read, and nothing of the file is stored or put in the address.
    function showImport(result) {
      var status = root.querySelector("#csv-status"), csv = window.OrderCsv;
      if (result.problems.length) {
        status.className = "ck-csv-error";
        status.replaceChildren(el("p", { text: csv.describe(result.problems[0], data) }));
        return;
      }
      imported = result;
      var lines = {}, kinds = { handled: 0, open: 0, check: 0 };
      result.rows.forEach(function (r) { (lines[r.status] = lines[r.status] || []).push(r.line); kinds[r.kind]++; });
      data.states.forEach(function (s) {
        var input = control("orders." + s.key), note = input.parentNode.querySelector(".ck-count-src");
        input.value = result.counts[s.key] || 0;
        if (!note) { note = el("p", { className: "ck-count-src", id: input.id + "-src" }); input.parentNode.appendChild(note); }
        var from = lines[s.key] || [];
        note.textContent = from.length ? format(app.csv_rows_from, { lines: from.slice(0, 8).join(data.ui.list_separator) +
          (from.length > 8 ? format(app.csv_more_lines, { count: from.length - 8 }) : "") }) : "";
        input.setAttribute("aria-describedby", note.id);
      });
      status.className = "ck-csv-ok";
      status.replaceChildren(el("p", { text: format(app.csv_loaded, { rows: result.rows.length, check: kinds.check, open: kinds.open, handled: kinds.handled }) }));
      update();
    }

    function readImport(source) {
      var status = root.querySelector("#csv-status");
      status.className = "";
      status.replaceChildren(el("p", { text: app.csv_reading }));
      later("orders-csv.js", "OrderCsv", function (csv) {
        var states = data.states;
        var reading = typeof source === "string" ? Promise.resolve(csv.read(source, states, data.csv)) : csv.readFile(source, states, data.csv);
        reading.then(showImport);
      });
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    root.querySelector("#f-csv-file").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (file) readImport(file);
    });
    root.querySelector("#f-csv-read").addEventListener("click", function () { readImport(root.querySelector("#f-csv-text").value); });
    root.querySelector(".ck-actions").addEventListener("click", function (e) {
      var action = e.target.getAttribute && e.target.getAttribute("data-action");
      if (action === "restart") {
        try { window.localStorage.removeItem(storeKey()); } catch (err) { /* storage unavailable */ }
        update(); say(app.restart_done);
      } else if (action === "print") window.print();
      else if (action) later("checklist-extras.js", "OrderChecklistExtras", function (x) { x[action](ctx); });
    });

    var ctx = { root: root, data: data, el: el, table: table, format: format, say: say, done: loadDone,
                current: function () { return current; }, imported: function () { return imported; } };
    writeForm(core.fromQuery(location.search, data));
    update();
  }

  function init() {
    var root = document.getElementById("checklist-app");
    if (root && !root.hasAttribute("data-mounted")) { root.setAttribute("data-mounted", ""); mount(root); }
  }

  // Instant navigation swaps pages under document$; a first load (or file://) may not emit.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
