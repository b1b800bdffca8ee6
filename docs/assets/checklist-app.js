// The interactive checklist page (/checklist/): reads the answers, shows the lists, keeps
// ticks in localStorage and the answers in the address. Every node is built with DOM APIs
// and textContent: no answer, CSV cell or URL parameter ever becomes markup.
(function () {
  "use strict";
  // Material's instant navigation runs this page's scripts again, in any order: mount, do not redefine.
  if (window.OrderChecklistApp) return window.OrderChecklistApp.init();
  var core;
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
    var data = JSON.parse(document.getElementById("checklist-data").content.textContent);
    var app = data.app, v = data.verdict, form = root.querySelector("#checklist-form");
    var links = {};
    document.querySelectorAll(".ck-links a[data-ref]").forEach(function (a) { links[a.getAttribute("data-ref")] = a.href; });
    var imported = null, shownFor, current = null, shownIds = null, dropped = {};
    var heading = document.getElementById("page-title"), pageTitle = heading ? heading.textContent : "", docTitle = document.title;
    // Ticks belong to this list, not to the shop's name: a key kept in the address survives renames and reloads.
    var key = new URLSearchParams(location.search).get("k");
    if (!/^[a-z0-9-]{4,40}$/.test(key || "")) {
      key = Array.prototype.map.call(window.crypto.getRandomValues(new Uint8Array(6)), function (b) { return (b + 256).toString(16).slice(1); }).join("");
    }

    function control(name) { return form.elements.namedItem(name); }
    function fieldId(path) { return "f-" + path.replace(/\./g, "-").replace(/_/g, "-"); }
    var stateOf = {};
    data.states.forEach(function (s) { stateOf[s.key] = s; });
    function fieldOf(path) {
      var parts = path.split("."), f = data.fields.find(function (x) { return x.key === parts[0]; });
      return parts.length > 1 ? { key: path, label: stateOf[parts[1]].label, type: "count" } : f;
    }
    function answer(f, value) {
      if (f.type === "choice") { var o = f.options.find(function (x) { return x.value === value; }); return o ? o.label : String(value); }
      if (f.type === "boolean") return value ? data.ui.handled_yes : data.ui.handled_no;
      return String(value);
    }

    // A question asked only after another answer (the counts, after "yes"): hidden and not read otherwise.
    function applyShowWhen() {
      var partial = core.fromQuery(new URLSearchParams(new FormData(form)), data);
      form.querySelectorAll("[data-show-when]").forEach(function (box) {
        var show = core.evaluate(JSON.parse(box.getAttribute("data-show-when")), partial);
        box.hidden = !show;
        box.querySelectorAll("input").forEach(function (i) { i.disabled = !show; });
      });
    }

    function readForm() {
      applyShowWhen();
      return core.fromQuery(new URLSearchParams(new FormData(form)), data);
    }

    function writeForm(shop) {
      data.fields.forEach(function (f) {
        if (!(f.key in shop)) return;
        var c = control(f.key);
        if (f.type === "boolean") c.checked = shop[f.key];
        else if (f.type === "choice") c.value = shop[f.key];
        else if (f.type === "order_counts") data.states.forEach(function (s) { var i = control(f.key + "." + s.key); if (i) i.value = shop[f.key][s.key] || 0; });
        else if (f.type !== "order_list") c.value = shop[f.key];
      });
    }

    function storeKey() { return STORE + key; }

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
    function labelOf(input) { var label = form.querySelector("label[for='" + input.id + "']"); return label ? label.textContent : input.name; }

    // Replaces a region's content only when what it shows changed: a link being tapped stays where it is.
    function refresh(region, signature, children) {
      if (region.getAttribute("data-for") === signature) return;
      region.setAttribute("data-for", signature);
      region.replaceChildren.apply(region, children());
    }

    function answerLink(path, text) {
      var a = el("a", { href: "#" + fieldId(path), text: text });
      a.addEventListener("click", function (e) {
        var target = document.getElementById(fieldId(path)) || form.querySelector("[name='" + path + "']");
        if (target) { e.preventDefault(); target.scrollIntoView({ block: "center" }); target.focus(); }
      });
      return a;
    }

    // One line per item that a rule added: the answers the rule read, each linked to its question.
    function because(item) {
      if (!item.fields.length) return [];
      var parts = [document.createTextNode(format(v.because, { answers: "" }))];
      item.fields.forEach(function (path, n) {
        var f = fieldOf(path), value = core.lookup(current.profile, path);
        if (n) parts.push(document.createTextNode(data.ui.list_separator));
        parts.push(answerLink(path, format(data.ui.pair, { term: f.label, text: answer(f, value) })));
      });
      return parts;
    }

    // A tick does not change the verdict, the answers do: ticking a blocking item that a count put
    // there offers to set that count to 0, and the seller decides.
    function offerZero(item) {
      var path = item.fields.filter(function (f) { return f.indexOf(".") > 0; })[0], input = path && control(path);
      if (!input) return;
      var button = el("button", { type: "button", className: "md-button ck-set-zero", text: format(v.set_zero, { label: fieldOf(path).label }) });
      button.addEventListener("click", function () {
        input.value = "0";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        say("");
      });
      say("");
      root.querySelector("#action-status").appendChild(button);
    }

    // Items keep their nodes between updates, and nodes are only moved when the order changes: a tap
    // that lands while the list refreshes (the edit before it ends as focus leaves) is not lost.
    function renderItems(target, items, done) {
      var list = root.querySelector(target), old = {};
      Array.prototype.forEach.call(list.children, function (li) { old[li.getAttribute("data-item-id")] = li; });
      var nodes = items.map(function (item) {
        var li = old[item.id];
        if (!li) {
          var box = el("input", { type: "checkbox" });
          box.addEventListener("change", function () {
            var now = loadDone();
            if (box.checked) now[item.id] = true; else delete now[item.id];
            saveDone(now); progress();
            if (box.checked && item.blocking) offerZero(item);
          });
          li = el("li", { "data-item-id": item.id, className: "ck-item" }, [
            el("label", {}, [box, el("strong", { className: "ck-badge", text: v.blocking_badge }), el("span")]),
            el("p", { className: "ck-because" }), el("a", { className: "ck-guide" })]);
        }
        var parts = li.children, label = parts[0];
        label.children[0].checked = !!done[item.id];
        label.children[1].hidden = !item.blocking;
        if (label.children[2].textContent !== item.text) label.children[2].textContent = item.text;
        var why = because(item), text = why.map(function (node) { return node.textContent; }).join("");
        if (parts[1].textContent !== text) parts[1].replaceChildren.apply(parts[1], why);
        parts[1].hidden = !why.length;
        parts[2].href = links[item.link] || "#";
        parts[2].textContent = format(v.guide_link_named, { title: data.titles[item.link] || item.link });
        return li;
      });
      var same = nodes.length === list.children.length && nodes.every(function (li, i) { return list.children[i] === li; });
      if (!same) list.replaceChildren.apply(list, nodes);
    }

    function table(headers, rows) {
      return el("table", {}, [el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
                               el("tbody", {}, rows.map(function (r) { return el("tr", {}, r.map(function (c) { return el("td", { text: c }); })); }))]);
    }

    function renderOrders() {
      var box = root.querySelector("#orders");
      if (shownFor === imported) return;  // a 50,000-row import is laid out only when the file changes
      shownFor = imported;
      if (!imported) box.replaceChildren(el("p", { text: v.orders_empty }));
      else later("checklist-extras.js", "OrderChecklistExtras", function (x) { x.orders(ctx, box); });
    }

    function progress() {
      var boxes = root.querySelectorAll(".ck-item input[type=checkbox]"), done = 0;
      boxes.forEach(function (b) { if (b.checked) done++; });
      var bar = root.querySelector("#progress");
      bar.max = boxes.length || 1; bar.value = done;
      var text = boxes.length ? format(app.progress, { done: done, total: boxes.length }) : "";
      root.querySelector("#progress-text").textContent = text;
      root.querySelector("#status-bar-progress").textContent = text;
    }

    // Answers the browser finds invalid (-1 orders, 0 people): a message beside each and a summary on top.
    function showErrors() {
      var bad = [];
      form.querySelectorAll("input[type=number]").forEach(function (input) {
        var note = document.getElementById(input.id + "-error"), invalid = !input.disabled && !input.validity.valid;
        input.setAttribute("aria-invalid", String(invalid));
        if (note) {
          note.hidden = !invalid;
          note.textContent = invalid ? format(v.error_integer, { min: input.min || 0, max: input.max || "" }) : "";
        }
        if (invalid) bad.push(input);
      });
      var summary = root.querySelector("#error-summary");
      summary.hidden = !bad.length;
      refresh(summary, bad.map(function (i) { return i.id; }).join(" "), function () {
        return bad.length ? [el("p", { text: format(v.error_summary, { count: bad.length }) }),
          el("ul", {}, bad.map(function (input) { return el("li", {}, [answerLink(input.name, labelOf(input))]); }))] : [];
      });
      return bad;
    }

    function renderAnswers(shop) {
      var list = root.querySelector("#answers"), rows = [];
      data.fields.forEach(function (f) {
        if (f.type === "order_list" || !(f.key in shop)) return;
        if (f.type === "order_counts") {
          data.states.forEach(function (s) {
            var n = (shop[f.key] || {})[s.key];
            if (n) rows.push([f.key + "." + s.key, s.label, String(n)]);
          });
        } else rows.push([f.key, f.label, answer(f, shop[f.key])]);
      });
      refresh(list, JSON.stringify(rows), function () {
        return rows.map(function (r) {
          return el("div", { className: "ck-answer" }, [el("dt", { text: r[1] }), el("dd", {}, [el("span", { text: r[2] + " " }), answerLink(r[0], v.change)])]);
        });
      });
    }

    // The verdict's title and sentence for a built list (also the download's).
    function verdictWords(result) {
      return result.ready ? [v.status_ready, v.ready] : [v.status_not_ready, format(v.not_ready, { reasons: result.reasons.join(v.reason_separator) })];
    }

    function setVerdict(kind, title, body) {
      var verdict = root.querySelector("#verdict");
      verdict.className = "admonition " + kind;
      verdict.replaceChildren.apply(verdict, [el("p", { className: "admonition-title", text: title })].concat(body));
      var bar = root.querySelector("#status-bar-verdict");
      bar.textContent = title;
      bar.className = "ck-status-verdict ck-status-" + kind;
    }

    function update() {
      var shop = readForm(), bad = showErrors();
      var missing = data.fields.filter(function (f) {
        var box = control(f.key);
        return f.required && !(f.key in shop) && !(box && box.closest && box.closest("[hidden]"));
      });
      var name = shop.name;
      if (heading) heading.textContent = name ? format(v.named_title, { name: name }) : pageTitle;
      document.title = name ? format(v.named_title, { name: name }) + docTitle.slice(pageTitle.length) : docTitle;
      renderAnswers(shop);
      if (missing.length || bad.length) {  // no verdict on missing or invalid information
        var body = [];
        if (bad.length) body.push(el("p", { text: format(v.invalid_answers, { fields: bad.map(labelOf).join(data.ui.list_separator) }) }));
        if (missing.length) {
          body.push(el("p", { text: v.missing_answers }),
                    el("ul", {}, missing.map(function (f) { return el("li", {}, [answerLink(f.key, f.label)]); })));
        }
        setVerdict("warning", v.undecided, body);
        current = null;
        ["#pre-close", "#post-close"].forEach(function (sel) { root.querySelector(sel).replaceChildren(); });
        root.querySelector("#impact").replaceChildren(el("p", { text: v.answer_first }));
        root.querySelector("#lists").hidden = true;
        progress();
      } else {
        current = core.build(data, shop);
        var words = verdictWords(current);
        setVerdict(current.ready ? "success" : "danger", words[0], [el("p", { text: words[1] })]);
        root.querySelector("#lists").hidden = false;
        var done = loadDone(), ids = current.pre.concat(current.post).map(function (i) { return i.id; });
        if (shownIds) {  // an item that left the list loses its tick; when it comes back, the page says so
          var back = current.pre.concat(current.post).filter(function (i) { return dropped[i.id]; });
          shownIds.filter(function (id) { return ids.indexOf(id) < 0; }).forEach(function (id) { dropped[id] = true; delete done[id]; });
          back.forEach(function (i) { delete dropped[i.id]; });
          saveDone(done);
          if (back.length) say(format(v.item_back, { text: back[0].text }));
        }
        shownIds = ids;
        renderItems("#pre-close", current.pre, done);
        renderItems("#post-close", current.post, done);
        var impact = root.querySelector("#impact");
        impact.replaceChildren(table([data.ui.impact_aspect, data.ui.impact_level], current.impact.map(function (r) { return [r.aspect, r.level]; })));
        renderOrders();
        progress();
      }
      var query = core.toQuery(shop, data);
      if (window.history && window.history.replaceState && location.protocol !== "file:") {
        window.history.replaceState(window.history.state, "", location.pathname + "?" + (query ? query + "&" : "") + "k=" + key + location.hash);
      }
    }

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
      // The file shows open orders: the question that asks for the counts (show_when) is answered, as the CLI does.
      var open = data.states.some(function (s) { return !s.handled && result.counts[s.key] > 0; });
      var asked = (data.fields.find(function (f) { return f.type === "order_counts"; }) || {}).show_when;
      if (open && asked && "eq" in asked) form.querySelectorAll("input[name='" + asked.field + "']").forEach(function (r) { r.checked = r.value === asked.eq; });
      applyShowWhen();
      data.states.forEach(function (s) {
        var input = control("orders." + s.key);
        if (!input) return;  // a handled state is not asked: its rows are in the summary and the table
        var note = input.parentNode.querySelector(".ck-count-src");
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
        if (!window.confirm(v.restart_confirm)) return;
        try { window.localStorage.removeItem(storeKey()); } catch (err) { /* storage unavailable */ }
        form.reset(); imported = null; shownIds = null; dropped = {};
        root.querySelector("#csv-status").replaceChildren();
        update(); say(app.restart_done);
      } else if (action === "print") window.print();
      else if (action) later("checklist-extras.js", "OrderChecklistExtras", function (x) { x[action](ctx); });
    });

    var ctx = { root: root, data: data, el: el, table: table, format: format, say: say, done: loadDone, verdictWords: verdictWords,
                current: function () { return current; }, imported: function () { return imported; },
                answers: function () { return root.querySelectorAll("#answers .ck-answer"); } };
    root.querySelector("#status-bar").addEventListener("click", function () {
      var verdict = root.querySelector("#verdict");
      verdict.scrollIntoView({ block: "start" });
      verdict.focus();
    });
    root.querySelector("#status-bar").hidden = false;
    writeForm(core.fromQuery(location.search, data));
    update();
  }

  // Mounts once per page, when the page and both scripts are there (checklist-core.js calls it too).
  function init() {
    var root = document.getElementById("checklist-app");
    core = window.OrderChecklist;
    if (root && core && !root.hasAttribute("data-mounted")) { root.setAttribute("data-mounted", ""); mount(root); }
  }

  window.OrderChecklistApp = { init: init };
  // Instant navigation swaps pages under document$; a first load (or file://) may not emit.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
