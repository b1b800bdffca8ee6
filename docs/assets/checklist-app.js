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

  // One page's state: the data, its parts (questions, view, ticks) and what the seller has done so far.
  // update() is the one place that turns it into the verdict, the list and the address.
  function setup(root) {
    var data = JSON.parse(document.getElementById("checklist-data").content.textContent), links = {};
    document.querySelectorAll(".ck-links a[data-ref]").forEach(function (a) { links[a.getAttribute("data-ref")] = a.href; });
    var app = { root: root, data: data, links: links, key: listKey(),
                imported: null, byHand: false, current: null, ordersFor: undefined };  // byHand: file-only rows checked
    app.say = function (text) { root.querySelector("#action-status").textContent = text; };
    app.ticks = tickStore(app.key, app.say, data.app);
    app.questions = forms.create(root, data, core, views);
    app.view = views.create(root, data, { links: links, answerLink: app.questions.answerLink, fill: core.fill,
      setZero: function (path, label) { setZero(app, path, label); },
      onTick: function (item, on) {
        var now = app.ticks.load();
        if (on) now[item.id] = true; else delete now[item.id];
        app.ticks.save(now);
        app.view.progress(data.app.progress);
      } });
    return app;
  }

  // A count only a file can give (`from_file`): "set to 0" says the seller checked those rows by hand.
  function setZero(app, path, label) {
    var input = app.questions.control(path);
    if (input) { input.value = "0"; input.dispatchEvent(new Event("input", { bubbles: true })); }
    else { app.byHand = true; update(app); }
    app.say(core.fill(app.data.words.set_zero_done, { label: label }));  // said, and the focus lands on the result
    app.root.querySelector("#verdict").focus({ preventScroll: false });
  }

  // The export's rows, and its counts of what only a file can tell, unless the seller checked those rows.
  function forBuild(app) {
    if (!app.imported) return null;
    var counts = Object.assign({}, app.imported.counts);
    if (app.byHand) app.data.states.forEach(function (s) { if (s.from_file) counts[s.key] = 0; });
    return { rows: app.imported.rows, counts: counts };
  }

  function update(app) {
    var data = app.data, view = app.view, shop = app.questions.read(), bad = app.questions.invalid(), missing = app.questions.missing(shop);
    view.title(shop.name);
    if (missing.length || bad.length) {  // no verdict on missing or invalid information
      app.current = null;
      view.undecided(missing, bad);
      view.answers(core.answers(data, shop));
    } else {
      app.current = core.listDocument(data, core.build(data, shop, forBuild(app)), { shop: app.key, date: today() });
      var back = app.ticks.follow(app.current);
      if (back) app.say(core.fill(data.words.item_back, { text: back.text }));
      view.decided(app.current, app.ticks.load());
      view.answers(app.current.answers);
      showOrders(app);
    }
    view.progress(data.app.progress);
    app.root.querySelector("#print-note").textContent = core.fill(data.words.generated, { date: today() });
    app.root.querySelectorAll(".ck-actions [data-action]").forEach(function (button) {  // nothing to share or keep yet
      if (button.getAttribute("data-action") !== "restart") button.disabled = !app.current;
    });
    var query = core.toQuery(shop, data);
    if (window.history && window.history.replaceState && location.protocol !== "file:") {
      window.history.replaceState(window.history.state, "", location.pathname + "?" + (query ? query + "&" : "") + "k=" + app.key + location.hash);
    }
  }

  function showOrders(app) {
    var box = app.root.querySelector("#orders"), table = app.current.orders;
    if (app.ordersFor === app.imported && box.childNodes.length) return;  // a 50,000-row import is laid out only when the file changes
    app.ordersFor = app.imported;
    if (!table) return box.replaceChildren(views.el("p", { text: app.data.words.orders_empty }));
    later(["checklist-extras.js"], "OrderChecklistExtras", function (x) {
      box.replaceChildren.apply(box, x.orders(table, app.data, { el: views.el, table: views.table, fill: core.fill }));
    });
  }

  function csvStatus(app, kind, nodes) {
    var status = app.root.querySelector("#csv-status");
    status.className = kind;
    status.replaceChildren.apply(status, nodes);
  }

  // An order export: its problem, or its summary and its counts in the form (after asking, when they differ).
  function readExport(app, source) {
    var data = app.data, words = data.app, el = views.el;
    later(["orders-csv.js", "checklist-import.js"], "OrderChecklistImport", function (x) {
      csvStatus(app, "", [el("p", { text: words.csv_reading })]);
      x.read(source, data).then(function (result) {
        var problem = result.problems[0];
        if (problem) {
          var message = core.fill(words.csv_error_line, { line: problem.line, message: core.csvProblem(problem, data) });
          return csvStatus(app, "ck-csv-error", [el("p", { text: message })]);
        }
        var summary = el("p", { text: x.summary(result, data, core.fill) }), filled = el("p", { text: words.csv_filled });
        var use = function () { useExport(app, x, result); csvStatus(app, "ck-csv-ok", [summary, filled]); };
        app.imported = result; app.byHand = false; app.ordersFor = undefined;
        var differ = x.differences(result, data, app.questions.typedCounts());
        if (!differ.length) return use();
        update(app);  // the list follows the file's rows at once; the counts wait for the seller's choice
        var choice = views.conflict(differ, words, core.fill);
        choice.use.addEventListener("click", use);
        choice.keep.addEventListener("click", function () { csvStatus(app, "ck-csv-ok", [summary, el("p", { text: words.csv_kept })]); });
        csvStatus(app, "ck-csv-ok", [summary, choice.node]);
        choice.use.focus();
      });
    });
  }

  // The file's counts into the form, each with the lines that made it; the seller may still correct them.
  function useExport(app, x, result) {
    app.questions.write(core.applyExport(app.data, app.questions.read(), result));
    app.questions.applyShowWhen();
    var notes = x.lineNotes(result, app.data, core.fill);
    Object.keys(notes).forEach(function (key) { app.questions.countNote(key, notes[key]); });
    update(app);
  }

  // The buttons under the list. What is fetched on first use returns what to save or say; it is put in place here.
  function act(app, action) {
    var words = app.data.app;
    if (action === "restart") {
      if (!window.confirm(app.data.words.restart_confirm)) return;
      app.ticks.clear();
      app.questions.form.reset(); app.imported = null; app.byHand = false;
      app.root.querySelectorAll("#csv-status, #orders, .ck-count-src").forEach(function (n) { n.replaceChildren(); });
      update(app); app.say(words.restart_done);
    } else if (action === "print") window.print();
    else if (action === "share") later(["checklist-extras.js"], "OrderChecklistExtras", function (x) {
      x.share(location.href).then(function () { app.say(words.share_done); }, function () {
        app.say(words.share_manual);
        var input = views.el("input", { type: "text", readonly: "readonly", value: location.href, className: "ck-share-url", "aria-label": words.share });
        app.root.querySelector("#action-status").appendChild(input);
        input.select();
      });
    });
    else if (action === "download" && app.current) later(["checklist-download.js", "checklist-extras.js"], "OrderChecklistExtras", function (x) {
      var file = x.download(app.current, app.data, { done: app.ticks.load(), urls: app.links });
      var link = views.el("a", { href: URL.createObjectURL(file.blob), download: file.name });
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  }

  function wire(app) {
    var root = app.root, form = app.questions.form, changed = function () { update(app); };
    [form, root.querySelector("#later-answers")].forEach(function (part) {  // the questions before the result, and after it
      part.addEventListener("input", changed);
      part.addEventListener("change", changed);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    root.querySelector("#f-csv-file").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (file) readExport(app, file);
    });
    root.querySelector("#f-csv-read").addEventListener("click", function () { readExport(app, root.querySelector("#f-csv-text").value); });
    root.querySelector(".ck-actions").addEventListener("click", function (e) {
      var action = e.target.getAttribute && e.target.getAttribute("data-action");
      if (action) act(app, action);
    });
    var bar = root.querySelector("#status-bar");
    bar.addEventListener("click", function () {
      var verdict = root.querySelector("#verdict");
      verdict.scrollIntoView({ block: "start" });
      verdict.focus({ preventScroll: true });
    });
    bar.hidden = false;
    if (window.IntersectionObserver) {  // the bar stands for the progress line: off while that line is on screen
      new IntersectionObserver(function (seen) { bar.classList.toggle("ck-status-off", seen[0].isIntersecting); })
        .observe(root.querySelector(".ck-progress"));
    }
  }

  function mount(root) {
    var app = setup(root), given = core.fromQuery(location.search, app.data);
    wire(app);
    app.questions.write(given);
    update(app);
    var answered = Object.keys(given).some(function (k) { return typeof given[k] !== "object" || Object.keys(given[k]).length; });
    if (answered && app.current) {  // a share link opens on the result
      var verdict = root.querySelector("#verdict");
      verdict.scrollIntoView({ block: "start" });
      verdict.focus({ preventScroll: true });
    }
  }

  // The one bootstrap: mount once per page, when the page and its four scripts are there. A full load runs the
  // defer scripts in order, this one last; Material's instant navigation re-inserts them in any order, so
  // until the other three are in, each script that finishes loading asks again.
  function init() {
    var root = document.getElementById("checklist-app");
    if (!root || root.hasAttribute("data-mounted")) return;
    core = window.OrderChecklist;
    views = window.OrderChecklistView;
    forms = window.OrderChecklistForm;
    if (!(core && views && forms)) return document.addEventListener("load", partLoaded, true);
    document.removeEventListener("load", partLoaded, true);
    root.setAttribute("data-mounted", "");
    mount(root);
  }

  function partLoaded(e) {
    if (e.target.tagName === "SCRIPT" && /checklist-(core|view|form)\.js$/.test(e.target.src)) init();
  }

  window.OrderChecklistApp = { init: init };
  // Instant navigation swaps pages under document$; a first load (or file://) may not emit.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
