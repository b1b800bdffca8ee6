// Every page: open the FAQ entry the address points at; on the checklist page, load its
// scripts (guide pages never download them). Works on first load, after Material's
// instant navigation (document$) and from file://.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    var details = target && target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  function load(names, done) {
    if (!names.length) return done();
    var script = document.createElement("script");
    script.src = base + names[0];
    script.onload = function () { load(names.slice(1), done); };
    document.head.appendChild(script);
  }

  var loading = false;
  function checklist() {
    if (!document.getElementById("checklist-app") || loading) return;
    loading = true;  // the app mounts itself, now and after every later navigation
    load(["checklist-core.js", "checklist-app.js"], function () {});
  }

  function page() { openTarget(); checklist(); }

  // Search understands sellers' questions once its word list arrives: fetched on first focus.
  var search = false;
  document.addEventListener("focusin", function (e) {
    if (search || !e.target.matches(".md-search__input")) return;
    search = true;
    load(["search-terms.js", "search-normalize.js"], function () {});
  });

  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (el) { el.open = true; });
  });
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(page);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", page);
  else page();
})();
