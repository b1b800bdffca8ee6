// The interactive checklist page (/checklist/): reads the answers, builds the list's document with
// checklist-core.js, draws it with checklist-view.js, keeps ticks in localStorage and the answers in
// the address. No answer, CSV cell or URL parameter ever becomes markup.
(function () {
  "use strict";
  // Material's instant navigation runs this page's scripts again, in any order: mount, do not redefine.
  if (window.OrderChecklistApp) return window.OrderChecklistApp.init();
  var core, views;
  var STORE = "order-insurance-checklist:v1:";

  // Code for what a seller may never do (import orders, share, download) is fetched on first use.
  function later(files, name, then) {
    window.OrderGuide.load(files, function () { then(window[name]); });
  }

  function today() {
    var d = new Date(), two = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  // Ticks belong to this list, not to the shop's name: a key kept in the address survives renames and reloads.
  function listKey() {
    var key = new URLSearchParams(location.search).get("k");
    if (/^[a-z0-9-]{4,40}$/.test(key || "")) return key;
    return Array.prototype.map.call(window.crypto.getRandomValues(new Uint8Array(6)), function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  function tickStore(key, say, words) {
    var name = STORE + key;
    function load() {
      var raw = null;
      try { raw = window.localStorage.getItem(name); } catch (e) { return {}; }
      if (raw === null) return {};
      try {
        var parsed = JSON.parse(raw);
        if (parsed && Array.isArray(parsed.done) && parsed.done.every(function (x) { return typeof x === "string"; })) {
          var done = {};
          parsed.done.forEach(function (id) { done[id] = true; });
          return done;
        }
      } catch (e) { /* fall through: corrupted */ }
      clear();
      say(words.storage_reset);
      return {};
    }
    function save(done) {
      try { window.localStorage.setItem(name, JSON.stringify({ done: Object.keys(done).sort() })); } catch (e) { /* private mode */ }
    }
    function clear() { try { window.localStorage.removeItem(name); } catch (e) { /* storage unavailable */ } }
    return { load: load, save: save, clear: clear };
  }

  function mount(root) {
    var data = JSON.parse(document.getElementById("checklist-data").content.textContent);
    var app = data.app, v = data.words, form = root.querySelector("#checklist-form"), format = core.format, el = views.el;
    var links = {};
    document.querySelectorAll(".ck-links a[data-ref]").forEach(function (a) { links[a.getAttribute("data-ref")] = a.href; });
    var key = listKey(), imported = null, checked = false, current = null, shownIds = null, dropped = {};
    var heading = document.getElementById("page-title"), docTitle = document.title;
    var titleSuffix = docTitle.indexOf(app.title) === 0 ? docTitle.slice(app.title.length) : "";
    var say = function (text) { root.querySelector("#action-status").textContent = text; };
    var ticks = tickStore(key, say, app);

    function control(name) { return form.elements.namedItem(name); }
    function fieldId(path) { return "f-" + path.replace(/\./g, "-").replace(/_/g, "-"); }
    function labelOf(input) { var label = form.querySelector("label[for='" + input.id + "']"); return label ? label.textContent : input.name; }

    function answerLink(path, text, className) {
      var a = el("a", { href: "#" + fieldId(path), text: text, className: className || "" });
      a.addEventListener("click", function (e) {
        var target = document.getElementById(fieldId(path)) || form.querySelector("[name='" + path + "']") || root.querySelector("#orders-title");
        if (target) { e.preventDefault(); target.scrollIntoView({ block: "center" }); target.focus(); }
      });
      return a;
    }

    // A count only a file can give (`from_file`): "set to 0" says the seller checked those rows by hand.
    function setZero(path) {
      var input = control(path);
      if (input) { input.value = "0"; input.dispatchEvent(new Event("input", { bubbles: true })); }
      else { checked = true; update(); }
      say("");
    }

    var view = views.create(root, data, { links: links, answerLink: answerLink, format: format, setZero: setZero,
      onTick: function (item, on) {
        var now = ticks.load();
        if (on) now[item.id] = true; else delete now[item.id];
        ticks.save(now);
        view.progress(app.progress);
      } });

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
        if (invalid) bad.push({ key: input.name, label: labelOf(input) });
      });
      var summary = root.querySelector("#error-summary");
      summary.hidden = !bad.length;
      views.refresh(summary, bad.map(function (b) { return b.key; }).join(" "), function () {
        return bad.length ? [el("p", { text: format(v.error_summary, { count: bad.length }) }),
          el("ul", {}, bad.map(function (b) { return el("li", {}, [answerLink(b.key, b.label)]); }))] : [];
      });
      return bad;
    }

    // The export's rows, and its counts of what only a file can tell, unless the seller checked those rows.
    function forBuild() {
      if (!imported) return null;
      var counts = Object.assign({}, imported.counts);
      if (checked) data.states.forEach(function (s) { if (s.from_file) counts[s.key] = 0; });
      return { rows: imported.rows, counts: counts };
    }

    // An item that left the list loses its tick; when it comes back, the page says so.
    function trackTicks(doc) {
      var done = ticks.load(), items = [];
      doc.groups.forEach(function (g) { items = items.concat(g.items); });
      var ids = items.map(function (i) { return i.id; });
      if (shownIds) {
        var back = items.filter(function (i) { return dropped[i.id]; });
        shownIds.filter(function (id) { return ids.indexOf(id) < 0; }).forEach(function (id) { dropped[id] = true; delete done[id]; });
        back.forEach(function (i) { delete dropped[i.id]; });
        ticks.save(done);
        if (back.length) say(format(v.item_back, { text: back[0].text }));
      }
      shownIds = ids;
      return done;
    }

    function showTitle(name) {
      var named = name ? format(v.named_title, { name: name }) : app.title;
      if (heading && heading.firstChild && heading.firstChild.nodeType === 3) heading.firstChild.nodeValue = named;
      document.title = named + titleSuffix;
    }

    function update() {
      var shop = readForm(), bad = showErrors();
      var missing = data.fields.filter(function (f) {
        var box = control(f.key);
        return f.required && !(f.key in shop) && !(box && box.closest && box.closest("[hidden]"));
      }).map(function (f) { return { key: f.key, label: f.label }; });
      showTitle(shop.name);
      if (missing.length || bad.length) {  // no verdict on missing or invalid information
        current = null;
        view.undecided(missing, bad);
        view.answers(core.answers(data, shop));
      } else {
        current = core.document(data, core.build(data, shop, forBuild()), { shop: key, date: today() });
        view.decided(current, trackTicks(current));
        view.answers(current.answers);
        renderOrders();
      }
      view.progress(app.progress);
      var query = core.toQuery(shop, data);
      if (window.history && window.history.replaceState && location.protocol !== "file:") {
        window.history.replaceState(window.history.state, "", location.pathname + "?" + (query ? query + "&" : "") + "k=" + key + location.hash);
      }
    }

    var shownFor;
    function renderOrders() {
      var box = root.querySelector("#orders");
      if (shownFor === imported && box.childNodes.length) return;  // a 50,000-row import is laid out only when the file changes
      shownFor = imported;
      if (!current.orders) box.replaceChildren(el("p", { text: v.orders_empty }));
      else later(["checklist-extras.js"], "OrderChecklistExtras", function (x) { x.orders(ctx, box); });
    }

    var ctx = { root: root, data: data, form: form, el: el, table: views.table, format: format, say: say, control: control,
                applyShowWhen: applyShowWhen, update: update, done: ticks.load, links: links,
                current: function () { return current; },
                setImported: function (result) { imported = result; checked = false; shownFor = undefined; update(); } };

    function readImport(source) {
      later(["orders-csv.js", "checklist-import.js"], "OrderChecklistImport", function (x) { x.read(ctx, source); });
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
        ticks.clear();
        form.reset(); imported = null; checked = false; shownIds = null; dropped = {};
        root.querySelectorAll("#csv-status, #orders, .ck-count-src").forEach(function (n) { n.replaceChildren(); });
        update(); say(app.restart_done);
      } else if (action === "print") window.print();
      else if (action === "share" || (action && current)) later(["checklist-extras.js"], "OrderChecklistExtras", function (x) { x[action](ctx); });
    });
    root.querySelector("#status-bar").addEventListener("click", function () {
      var verdict = root.querySelector("#verdict");
      verdict.scrollIntoView({ block: "start" });
      verdict.focus({ preventScroll: true });
    });
    root.querySelector("#status-bar").hidden = false;
    writeForm(core.fromQuery(location.search, data));
    update();
  }

  // Mounts once per page, when the page and its three scripts are there (core and view call it too).
  function init() {
    var root = document.getElementById("checklist-app");
    core = window.OrderChecklist;
    views = window.OrderChecklistView;
    if (root && core && views && !root.hasAttribute("data-mounted")) { root.setAttribute("data-mounted", ""); mount(root); }
  }

  window.OrderChecklistApp = { init: init };
  // Instant navigation swaps pages under document$; a first load (or file://) may not emit.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
