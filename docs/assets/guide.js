// Open the FAQ entry (a <details>) that the address points at, on load and on every
// in-page or instant navigation, so that /faq/#<id> links land on a readable answer.
(function () {
  "use strict";

  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (!target) return;
    var details = target.closest("details");
    if (details && !details.open) {
      details.open = true;
      target.scrollIntoView();
    }
  }

  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (el) { el.open = true; });
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(openTarget);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", openTarget);
  else openTarget();
})();
