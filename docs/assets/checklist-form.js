// The questions of /checklist/: answers in and out of the form, which questions are asked (show_when),
// and which answers are missing or invalid, each with its message beside it and in a summary on top.
// DOM APIs and textContent only: no answer or URL parameter ever becomes markup.
(function () {
  "use strict";

  function create(root, data, core, views) {
    var form = root.querySelector("#checklist-form"), v = data.words, el = views.el, countsKey = core.keyOf(data, "order_counts");

    function control(name) { return form.elements.namedItem(name); }
    function fieldId(path) { return "f-" + path.replace(/\./g, "-").replace(/_/g, "-"); }
    function labelOf(input) { var label = root.querySelector("label[for='" + input.id + "']"); return label ? label.textContent : input.name; }

    // A link to the question behind an answer (a count only a file gives has none: the order table instead).
    function answerLink(path, text, className) {
      var a = el("a", { href: "#" + fieldId(path), text: text, className: className || "" });
      a.addEventListener("click", function (e) {
        var target = document.getElementById(fieldId(path)) || form.querySelector("[name='" + path + "']") || root.querySelector("#orders-title");
        // Material's instant navigation also handles links on the page (and then moves focus): not this one.
        if (target) { e.preventDefault(); e.stopPropagation(); target.scrollIntoView({ block: "center" }); target.focus(); }
      });
      return a;
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

    function read() {
      applyShowWhen();
      return core.fromQuery(new URLSearchParams(new FormData(form)), data);
    }

    function write(shop) {
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
    function invalid() {
      var bad = [];
      // form.elements: the questions after the result belong to the form too (their form attribute).
      Array.prototype.filter.call(form.elements, function (e) { return e.type === "number"; }).forEach(function (input) {
        var note = document.getElementById(input.id + "-error"), wrong = !input.disabled && !input.validity.valid;
        input.setAttribute("aria-invalid", String(wrong));
        if (note) {
          note.hidden = !wrong;
          note.textContent = wrong ? core.fill(v.error_integer, { min: input.min || 0, max: input.max || "" }) : "";
        }
        if (wrong) bad.push({ key: input.name, label: labelOf(input) });
      });
      var summary = root.querySelector("#error-summary");
      summary.hidden = !bad.length;
      views.refresh(summary, bad.map(function (b) { return b.key; }).join(" "), function () {
        return bad.length ? [el("p", { text: core.fill(v.error_summary, { count: bad.length }) }),
          el("ul", {}, bad.map(function (b) { return el("li", {}, [answerLink(b.key, b.label)]); }))] : [];
      });
      return bad;
    }

    // Required questions that are asked and not answered yet.
    function missing(shop) {
      return data.fields.filter(function (f) {
        var box = control(f.key);
        return f.required && !(f.key in shop) && !(box && box.closest && box.closest("[hidden]"));
      }).map(function (f) { return { key: f.key, label: f.label }; });
    }

    // The counts a seller can type (a state only a file can tell has none): whether the question is asked, and each.
    function typedCounts() {
      var out = { asked: true, counts: {} };
      data.states.forEach(function (s) {
        var input = control(countsKey + "." + s.key);
        if (!input) return;
        if (input.disabled) out.asked = false;
        out.counts[s.key] = Number(input.value || 0);
      });
      return out;
    }

    // Under a count, where its figure came from (the export's lines), read out with the input.
    function countNote(stateKey, text) {
      var input = control(countsKey + "." + stateKey);
      if (!input) return;
      var note = input.parentNode.querySelector(".ck-count-src");
      if (!note) { note = el("p", { className: "ck-count-src", id: input.id + "-src" }); input.parentNode.appendChild(note); }
      note.textContent = text;
      input.setAttribute("aria-describedby", input.id + "-error " + note.id);
    }

    return { form: form, control: control, answerLink: answerLink, applyShowWhen: applyShowWhen, read: read, write: write,
             invalid: invalid, missing: missing, typedCounts: typedCounts, countNote: countNote };
  }

  window.OrderChecklistForm = { create: create };
})();
