// Every page: the one script loader of the site, for code fetched on first use (search's query
// normaliser here; the checklist's import and download code). The checklist page itself loads its
// four scripts as plain `defer` scripts (macros/render/templates/checklist_app.html).
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");

  // Loads scripts of this folder in order, each once, then calls done (also while one is still on its way).
  var state = {};  // name -> "done", or the callbacks waiting for it
  function load(names, done) {
    if (!names.length) return done();
    var name = names[0], next = function () { load(names.slice(1), done); };
    if (state[name] === "done") return next();
    if (state[name]) return state[name].push(next);
    state[name] = [next];
    var script = document.createElement("script");
    script.src = base + name;
    script.onload = function () {
      var waiting = state[name];
      state[name] = "done";
      waiting.forEach(function (f) { f(); });
    };
    document.head.appendChild(script);
  }

  window.OrderGuide = { load: load };

  // Search understands sellers' questions once its word list arrives: fetched on first focus.
  var search = false;
  document.addEventListener("focusin", function (e) {
    if (search || !e.target.matches(".md-search__input")) return;
    search = true;
    load(["search-terms.js", "search-normalize.js"], function () {});
  });

  // A table or code block wider than a phone's screen scrolls sideways: a keyboard reaches it too.
  function focusableScroll() {
    document.querySelectorAll(".md-typeset__scrollwrap, .md-typeset pre > code").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) wrap.tabIndex = 0;
      else wrap.removeAttribute("tabindex");
    });
  }
  if (window.document$) window.document$.subscribe(focusableScroll);  // each page, instant navigation too
  else document.addEventListener("DOMContentLoaded", focusableScroll);
  window.addEventListener("resize", focusableScroll);

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (el) { el.open = true; });
  });
})();
