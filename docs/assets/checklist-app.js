// The interactive checklist page (/checklist/): reads the answers, builds the list's document with
// checklist-core.js, draws it with checklist-view.js, keeps ticks in localStorage and the answers in
// the address. No answer, CSV cell or URL parameter ever becomes markup.
(function () {
  "use strict";
  // Material's instant navigation runs this page's scripts again, in any order: mount, do not redefine.
  if (window.OrderChecklistApp) return window.OrderChecklistApp.init();
  var core, views, forms;
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
      forget();
      say(words.storage_reset);
      return {};
    }
    function save(done) {
      try { window.localStorage.setItem(name, JSON.stringify({ done: Object.keys(done).sort() })); } catch (e) { /* private mode */ }
    }
    function forget() { try { window.localStorage.removeItem(name); } catch (e) { /* storage unavailable */ } }
    function clear() { shown = null; dropped = {}; forget(); }
    // An item that leaves the list loses its tick; the first one that comes back is returned, for the page to say so.
    var shown = null, dropped = {};
    function follow(doc) {
      var done = load(), items = [], back = null;
      doc.groups.forEach(function (g) { items = items.concat(g.items); });
      var ids = items.map(function (i) { return i.id; });
      if (shown) {
        back = items.filter(function (i) { return dropped[i.id]; })[0] || null;
        shown.filter(function (id) { return ids.indexOf(id) < 0; }).forEach(function (id) { dropped[id] = true; delete done[id]; });
        items.forEach(function (i) { delete dropped[i.id]; });
        save(done);
      }
      shown = ids;
      return back;
    }
    return { load: load, save: save, clear: clear, follow: follow };
  }

  function mount(root) {
    var data = JSON.parse(document.getElementById("checklist-data").content.textContent);
    var app = data.app, v = data.words, format = core.format, el = views.el;
    var questions = forms.create(root, data, core, views), form = questions.form, control = questions.control;
    var links = {};
    document.querySelectorAll(".ck-links a[data-ref]").forEach(function (a) { links[a.getAttribute("data-ref")] = a.href; });
    var key = listKey(), imported = null, checked = false, current = null;
    var say = function (text) { root.querySelector("#action-status").textContent = text; };
    var ticks = tickStore(key, say, app);

    // A count only a file can give (`from_file`): "set to 0" says the seller checked those rows by hand.
    function setZero(path) {
      var input = control(path);
      if (input) { input.value = "0"; input.dispatchEvent(new Event("input", { bubbles: true })); }
      else { checked = true; update(); }
      say("");
    }

    var view = views.create(root, data, { links: links, answerLink: questions.answerLink, format: format, setZero: setZero,
      onTick: function (item, on) {
        var now = ticks.load();
        if (on) now[item.id] = true; else delete now[item.id];
        ticks.save(now);
        view.progress(app.progress);
      } });

    // The export's rows, and its counts of what only a file can tell, unless the seller checked those rows.
    function forBuild() {
      if (!imported) return null;
      var counts = Object.assign({}, imported.counts);
      if (checked) data.states.forEach(function (s) { if (s.from_file) counts[s.key] = 0; });
      return { rows: imported.rows, counts: counts };
    }

    function update() {
      var shop = questions.read(), bad = questions.invalid(), missing = questions.missing(shop);
      view.title(shop.name);
      if (missing.length || bad.length) {  // no verdict on missing or invalid information
        current = null;
        view.undecided(missing, bad);
        view.answers(core.answers(data, shop));
      } else {
        current = core.document(data, core.build(data, shop, forBuild()), { shop: key, date: today() });
        var back = ticks.follow(current);
        if (back) say(format(v.item_back, { text: back.text }));
        view.decided(current, ticks.load());
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
                applyShowWhen: questions.applyShowWhen, update: update, done: ticks.load, links: links,
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
        form.reset(); imported = null; checked = false;
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
    questions.write(core.fromQuery(location.search, data));
    update();
  }

  // Mounts once per page, when the page and its four scripts are there (the other three call it too).
  function init() {
    var root = document.getElementById("checklist-app");
    core = window.OrderChecklist;
    views = window.OrderChecklistView;
    forms = window.OrderChecklistForm;
    if (root && core && views && forms && !root.hasAttribute("data-mounted")) { root.setAttribute("data-mounted", ""); mount(root); }
  }

  window.OrderChecklistApp = { init: init };
  // Instant navigation swaps pages under document$; a first load (or file://) may not emit.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
