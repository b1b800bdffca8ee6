// The seller's download of /checklist/ (fetched on first use): the list's document as one self-contained HTML
// file that a phone opens at its own width. No script, no outside address but the guide's links; every text
// is escaped. Shared with `node --test` (tests/js/checklist-vectors.test.js).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./checklist-core.js"));
  else root.OrderChecklistDownload = factory(root.OrderChecklist);
})(typeof self !== "undefined" ? self : this, function (core) {
  "use strict";
  var fill = core.fill, visible = core.visible;
  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };
  // Large text at the phone's width, tables that wrap, and a print layout that keeps headings with their lists.
  var STYLE = "body{margin:0 auto;max-width:40rem;padding:1rem;font:18px/1.6 system-ui,sans-serif;color:#1a1a1a;background:#fff}" +
    "h1{font-size:1.5rem;margin:0 0 .3rem}h2{font-size:1.2rem;margin:1.5rem 0 .4rem;break-after:avoid}" +
    ".date{color:#555;font-size:.9em}.verdict{padding:.6rem .9rem;border-left:6px solid #2e7d32;background:#f1f8e9}" +
    ".verdict.not-ready{border-color:#c62828;background:#ffebee}.verdict .title{font-size:1.4rem;font-weight:700;margin:0}" +
    ".next{font-weight:600}ul{list-style:none;padding:0}li{margin:.5rem 0;break-inside:avoid}.note{margin:.1rem 0 0 1.6rem;color:#444}" +
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.2rem .4rem;text-align:left;vertical-align:top}" +
    "td.n{white-space:nowrap}dt{font-weight:700}dd{margin:0 0 .4rem}a{color:#0d47a1}";

  function esc(text) { return visible(String(text)).replace(/[&<>"']/g, function (c) { return ESCAPES[c]; }); }

  function table(columns, rows, numeric) {
    var head = "<tr>" + columns.map(function (c) { return "<th>" + esc(c) + "</th>"; }).join("") + "</tr>";
    return "<table>" + head + rows.map(function (cells) {
      return "<tr>" + cells.map(function (c, i) { return (numeric.indexOf(i) >= 0 ? "<td class=\"n\">" : "<td>") + esc(c) + "</td>"; }).join("") + "</tr>";
    }).join("") + "</table>";
  }

  // opts: done (item id -> ticked), urls (guide ref -> its address).
  function items(doc, data, opts) {
    var v = data.words, ui = data.ui, done = opts.done || {}, urls = opts.urls || {};
    var pair = function (term, text) { return fill(ui.pair, { term: term, text: text }); };
    return doc.groups.map(function (g) {
      return "<h2>" + esc(g.title) + "</h2><ul>" + g.items.map(function (item) {
        var notes = item.reason ? ["<p class=\"note\">" + esc(fill(v.reason_line, { reason: item.reason })) + "</p>"] : [];
        if (item.because.length) {
          var given = item.because.map(function (a) { return pair(a.label, a.value); }).join(ui.list_separator);
          notes.push("<p class=\"note\">" + esc(fill(v.because, { answers: given })) + "</p>");
        }
        var guide = fill(v.guide_link_named, { title: item.guide });
        notes.push("<p class=\"note\">" + (urls[item.link] ? "<a href=\"" + esc(urls[item.link]) + "\">" + esc(guide) + "</a>" : esc(guide)) + "</p>");
        return "<li>" + esc((done[item.id] ? v.text_done : v.text_todo) + " " + item.text) + notes.join("") + "</li>";
      }).join("") + "</ul>";
    }).join("");
  }

  function toHtml(doc, data, opts) {
    var v = data.words, ui = data.ui;
    var answers = doc.answers.map(function (a) { return "<dt>" + esc(a.label) + "</dt><dd>" + esc(a.value) + "</dd>"; }).join("");
    var impact = doc.impact.length ? table([ui.impact_aspect, ui.impact_level], doc.impact.map(function (r) { return [r.aspect, r.level]; }), [])
      : "<p>" + esc(v.impact_unanswered) + "</p>";
    var orders = doc.orders ? table(doc.orders.columns, doc.orders.rows.map(function (r) { return r.cells; }), doc.orders.columns.length > 3 ? [0, 1, 4, 5] : [0])
      : "<p>" + esc(v.orders_empty) + "</p>";
    return ["<!DOCTYPE html>", "<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", "<title>" + esc(doc.title) + "</title>",
      "<style>" + STYLE + "</style></head><body>", "<h1>" + esc(doc.title) + "</h1>",
      "<p class=\"date\">" + esc(fill(v.generated, { date: doc.date })) + "</p>",
      "<div class=\"verdict" + (doc.ready ? "" : " not-ready") + "\"><p class=\"title\">" + esc(doc.verdict.title) + "</p><p>" + esc(doc.verdict.text) + "</p></div>",
      "<p class=\"next\">" + esc(fill(ui.pair, { term: v.next_title, text: doc.next.text })) + "</p>",
      items(doc, data, opts), "<h2>" + esc(v.answers_title) + "</h2><dl>" + answers + "</dl>",
      "<h2>" + esc(v.impact_title) + "</h2>" + impact, "<h2>" + esc(v.orders_title) + "</h2>" + orders,
      "</body></html>", ""].join("\n");
  }

  // The file's name says what it is: the shop, the list, the day (no character a file name may not hold).
  function fileName(doc, data) {
    var name = doc.name ? String(doc.name).replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, "_") : "";
    return fill(name ? data.app.download_file : data.app.download_file_untitled, { name: name, date: doc.date });
  }

  return { toHtml: toHtml, fileName: fileName };
});
