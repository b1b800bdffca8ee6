// The seller's download of /checklist/ (fetched on first use): the list's document as plain text a phone
// opens as it is, ticks as the data's marks. Shared with `node --test` (tests/js/checklist-vectors.test.js).
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory(require("./checklist-core.js"));
  else root.OrderChecklistDownload = factory(root.OrderChecklist);
})(typeof self !== "undefined" ? self : this, function (core) {
  "use strict";
  var fill = core.fill, visible = core.visible;

  function toText(doc, data, opts) {
    var v = data.words, ui = data.ui, done = opts.done || {}, urls = opts.urls || {}, out = [doc.title, fill(v.generated, { date: doc.date }), ""];
    var pair = function (term, text) { return fill(ui.pair, { term: term, text: text }); };
    var guide = function (title, link) { return fill(v.guide_line, { title: title, url: urls[link] || link }); };
    var heading = function (title) { out.push("", fill(v.text_heading, { title: title })); };
    out.push(pair(doc.verdict.title, doc.verdict.text), pair(v.next_title, doc.next.text), "  " + guide(doc.next.guide, doc.next.link));
    doc.groups.forEach(function (g) {
      heading(g.title);
      g.items.forEach(function (item, n) {
        if (item.general && (!n || !g.items[n - 1].general)) out.push(fill(v.general_items, { count: g.items.length - n }));
        out.push((done[item.id] ? v.text_done : v.text_todo) + " " + item.text);
        if (item.reason) out.push("   " + fill(v.reason_line, { reason: item.reason }));
        if (item.because.length) out.push("   " + fill(v.because, { answers: item.because.map(function (a) { return pair(a.label, a.value); }).join(ui.list_separator) }));
        out.push("   " + guide(item.guide, item.link));
      });
    });
    heading(v.answers_title);
    doc.answers.forEach(function (a) { out.push(pair(a.label, a.value)); });
    heading(v.impact_title);
    doc.impact.forEach(function (r) { out.push(pair(r.aspect, r.level)); });
    heading(v.orders_title);
    if (!doc.orders) out.push(v.orders_empty);
    else doc.orders.rows.forEach(function (row) {
      out.push(row.cells.map(function (c, i) { return c ? pair(doc.orders.columns[i], c) : ""; }).filter(Boolean).join(v.reason_separator));
    });
    // A line a spreadsheet would read as a formula (a shop name or a cell from an export) starts with a quote.
    return visible(out.join("\n")).replace(/^[=+\-@\t]/gm, "'$&") + "\n";
  }

  return { toText: toText };
});
