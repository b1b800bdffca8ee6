// The interactive checklist page (/checklist/): reads the answers, shows the lists, keeps
// ticks in localStorage and the answers in the address. Every node is built with DOM APIs
// and textContent: no answer, CSV cell or URL parameter ever becomes markup.
(function () {
  "use strict";
  var core = window.OrderChecklist, csvReader = window.OrderCsv;
  var STORE = "order-insurance-checklist:v1:";

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
    document.querySelectorAll(".checklist-links a[data-ref]").forEach(function (a) { links[a.getAttribute("data-ref")] = a.href; });
    var orderList = null, shownFor, current = null;

    function control(name) { return form.elements.namedItem(name); }

    function readForm() {
      var shop = {};
      data.fields.forEach(function (f) {
        var c = control(f.key);
        if (f.type === "text") { var t = c.value.trim(); if (t) shop[f.key] = t; }
        else if (f.type === "integer") {
          var n = Number(c.value), ok = c.value !== "" && Number.isInteger(n) && n >= (f.min || 0) && (f.max == null || n <= f.max);
          c.setAttribute("aria-invalid", ok ? "false" : "true");
          shop[f.key] = ok ? n : (f["default"] !== undefined ? f["default"] : f.min || 0);
        } else if (f.type === "boolean") shop[f.key] = c.checked;
        else if (f.type === "choice") { var v = c.value; shop[f.key] = v || f["default"]; }
        else if (f.type === "order_counts") {
          shop[f.key] = {};
          data.states.forEach(function (s) {
            var input = control(f.key + "." + s.key), m = Number(input.value);
            var good = input.value === "" || (Number.isInteger(m) && m >= 0 && (f.max == null || m <= f.max));
            input.setAttribute("aria-invalid", good ? "false" : "true");
            shop[f.key][s.key] = good && input.value !== "" ? m : 0;
          });
        } else if (f.type === "order_list" && orderList) shop[f.key] = orderList;
      });
      return shop;
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
        var label = el("label", {}, [box, item.blocking ? el("strong", { className: "checklist-badge", text: data.verdict.blocking_badge }) : null,
                                    el("span", { text: item.text })]);
        var guide = el("a", { href: links[item.link] || "#", className: "checklist-guide", text: data.verdict.guide_link });
        return el("li", { "data-item-id": item.id, className: "checklist-item" + (item.blocking ? " checklist-item--blocking" : "") }, [label, guide]);
      }));
    }

    function table(headers, rows) {
      return el("table", {}, [el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
                               el("tbody", {}, rows.map(function (r) { return el("tr", {}, r.map(function (c) { return el("td", { text: c }); })); }))]);
    }

    function renderOrders() {
      var box = root.querySelector("#orders");
      if (shownFor === orderList) return;  // a 5,000-row table is rebuilt only when the orders change
      shownFor = orderList;
      var yes = data.ui.handled_yes, no = data.ui.handled_no, open = current.orders.filter(function (o) { return !o.handled; });
      var parts = [];
      if (!current.orders.length) parts.push(el("p", { text: data.verdict.orders_empty }));
      else {
        if (open.length) parts.push(el("p", { text: app.blocking_orders }), el("ul", { className: "checklist-blocking-orders" },
          open.map(function (o) { return el("li", { text: o.id + "：" + o.label }); })));
        parts.push(table(data.columns, current.orders.map(function (o) { return [o.id, o.label, o.handled ? yes : no]; })));
      }
      box.replaceChildren.apply(box, parts);
    }

    function progress() {
      var boxes = root.querySelectorAll(".checklist-item input[type=checkbox]"), done = 0;
      boxes.forEach(function (b) { if (b.checked) done++; });
      var bar = root.querySelector("#progress");
      bar.max = boxes.length || 1; bar.value = done;
      root.querySelector("#progress-text").textContent = format(app.progress, { done: done, total: boxes.length });
    }

    function update() {
      current = core.build(data, readForm());
      var v = data.verdict, verdict = root.querySelector("#verdict");
      verdict.className = "admonition " + (current.ready ? "success" : "danger");
      verdict.replaceChildren(
        el("p", { className: "admonition-title", text: current.ready ? v.index_ready_yes : v.index_ready_no }),
        el("p", { text: current.ready ? v.ready : format(v.not_ready, { count: current.blockingStates.length }) }));
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

    function markdown() {
      var done = loadDone(), v = data.verdict;
      var line = function (i) {
        return "- [" + (done[i.id] ? "x" : " ") + "] " + (i.blocking ? "**" + v.blocking_badge + "** " : "") + i.text + "（" + (data.titles[i.link] || i.link) + "）";
      };
      return ["# " + (current.profile.name || app.default_name), current.ready ? v.ready : format(v.not_ready, { count: current.blockingStates.length }),
              "## " + v.pre_title, current.pre.map(line).join("\n"), "## " + v.post_title, current.post.map(line).join("\n"),
              "## " + v.impact_title, current.impact.map(function (r) { return "- " + r.aspect + "：" + r.level; }).join("\n")].join("\n\n") + "\n";
    }

    function showCsvResult(result) {
      var status = root.querySelector("#csv-status");
      if (result.errors.length) {
        var shown = result.errors.slice(0, 10).map(function (e) {
          var message = e.code === "unknown_state"
            ? format(app.csv_unknown_state, { value: e.value, allowed: data.states.map(function (s) { return s.label; }).join("、") })
            : app["csv_" + e.code] ? format(app["csv_" + e.code], { max: data.csv.max_rows }) : e.code;
          return el("li", { text: format(app.csv_error_line, { line: e.line, message: message }) });
        });
        if (result.errors.length > 10) shown.push(el("li", { text: format(app.csv_more_errors, { count: result.errors.length - 10 }) }));
        status.className = "checklist-csv-error";
        status.replaceChildren(el("ul", {}, shown));
        return;
      }
      orderList = result.orders;
      var counts = {};
      result.orders.forEach(function (o) { counts[o.status] = (counts[o.status] || 0) + 1; });
      data.fields.forEach(function (f) {
        if (f.type === "order_counts") data.states.forEach(function (s) { control(f.key + "." + s.key).value = counts[s.key] || 0; });
      });
      var blocking = result.orders.filter(function (o) { return !data.states.some(function (s) { return s.key === o.status && s.handled; }); }).length;
      status.className = "checklist-csv-ok";
      status.replaceChildren(el("p", { text: format(app.csv_loaded, { count: result.orders.length, blocking: blocking }) }));
      update();
    }

    function readCsvText(text) {
      if (text === null) return showCsvResult({ orders: [], errors: [{ line: 1, code: "encoding" }] });
      showCsvResult(csvReader.readOrders(text, data.states, data.csv));
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    root.querySelector("#f-csv-file").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (file) file.arrayBuffer().then(function (buf) { readCsvText(csvReader.decode(new Uint8Array(buf))); });
    });
    root.querySelector("#f-csv-read").addEventListener("click", function () { readCsvText(root.querySelector("#f-csv-text").value); });
    root.querySelector(".checklist-actions").addEventListener("click", function (e) {
      var action = e.target.getAttribute && e.target.getAttribute("data-action");
      if (action === "restart") {
        try { window.localStorage.removeItem(storeKey()); } catch (err) { /* storage unavailable */ }
        update(); say(app.restart_done);
      } else if (action === "print") window.print();
      else if (action === "download") {
        var a = el("a", { href: URL.createObjectURL(new Blob([markdown()], { type: "text/markdown;charset=utf-8" })),
                          download: (current.profile.name || app.default_name) + ".md" });
        document.body.appendChild(a); a.click(); a.remove();
      } else if (action === "share") {
        var url = location.href;
        var manual = function () {
          say(app.share_manual);
          var input = el("input", { type: "text", readonly: "readonly", value: url, className: "checklist-share-url", "aria-label": app.share });
          root.querySelector("#action-status").appendChild(input); input.select();
        };
        if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(url).then(function () { say(app.share_done); }, manual);
        else manual();
      }
    });

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
